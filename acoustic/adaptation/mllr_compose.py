#!/usr/bin/env python3
"""Compose two MLLR mean transforms (pocketsphinx/sphinxtrain text format) so
that only the channel part remains.

  mllr_compose.py NB WB OUT

NB maps the model means to synthetic speech heard through the telephone channel
(mu_nb = A_nb mu + b_nb), WB maps them to the same synthetic speech at 16 kHz
(mu_wb = A_wb mu + b_wb).  If the channel acts on the synthetic means as
mu_nb = C mu_wb + c, then C = A_nb A_wb^-1 and c = b_nb - C b_wb: the transform
that takes (human, wideband) model means to telephone-band means.
Pure Python 3 (no numpy).  Variance scales are copied from NB.
"""
import sys

def read(path):
    tok = open(path).read().split()
    pos = 0
    def nxt():
        nonlocal pos
        pos += 1
        return tok[pos - 1]
    ncls, nstr = int(nxt()), int(nxt())
    classes = []
    for _ in range(ncls):
        streams = []
        for _ in range(nstr):
            n = int(nxt())
            A = [[float(nxt()) for _ in range(n)] for _ in range(n)]
            b = [float(nxt()) for _ in range(n)]
            v = [float(nxt()) for _ in range(n)]
            streams.append((A, b, v))
        classes.append(streams)
    return classes

def inv(M):
    n = len(M)
    a = [row[:] + [float(i == j) for j in range(n)] for i, row in enumerate(M)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(a[r][c]))
        a[c], a[p] = a[p], a[c]
        piv = a[c][c]
        a[c] = [x / piv for x in a[c]]
        for r in range(n):
            if r != c and a[r][c] != 0.0:
                f = a[r][c]
                a[r] = [x - f * y for x, y in zip(a[r], a[c])]
    return [row[n:] for row in a]

def mul(X, Y):
    return [[sum(X[i][k] * Y[k][j] for k in range(len(Y))) for j in range(len(Y[0]))] for i in range(len(X))]

def main():
    nb, wb, out = read(sys.argv[1]), read(sys.argv[2]), sys.argv[3]
    assert len(nb) == len(wb) and len(nb[0]) == len(wb[0])
    with open(out, "w") as f:
        f.write("%d\n%d\n" % (len(nb), len(nb[0])))
        for cn, cw in zip(nb, wb):
            for (An, bn, vn), (Aw, bw_, _) in zip(cn, cw):
                C = mul(An, inv(Aw))
                c = [bn[i] - sum(C[i][k] * bw_[k] for k in range(len(bw_))) for i in range(len(bn))]
                f.write("%d\n" % len(C))
                for row in C:
                    f.write(" ".join("%f" % x for x in row) + " \n")
                f.write(" ".join("%f" % x for x in c) + " \n")
                f.write(" ".join("%f" % x for x in vn) + " \n")

if __name__ == "__main__":
    main()
