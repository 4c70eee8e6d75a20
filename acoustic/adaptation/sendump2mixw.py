#!/usr/bin/env python3
"""Expand a PocketSphinx `sendump` (8-bit quantised, non-clustered mixture
weights) into a SphinxTrain `mixture_weights` file, so that sphinxtrain's
`bw` can read the model.  Python 3, standard library only.

Usage: sendump2mixw.py MODEL/sendump OUT/mixture_weights
"""
import struct, sys, array

def read_sendump(path):
    with open(path, 'rb') as fh:
        data = fh.read()
    pos = 0
    fmt = '<I'
    def rd_int():
        nonlocal pos, fmt
        v = struct.unpack_from(fmt, data, pos)[0]
        if v > 65536 and fmt == '<I':
            fmt = '>I'
            v = struct.unpack_from(fmt, data, pos)[0]
        pos += 4
        return v
    hdr = {}
    n = rd_int()                       # title string
    pos += n
    while True:
        n = rd_int()
        if n == 0:
            break
        s = data[pos:pos + n - 1].decode('ascii', 'replace')
        pos += n
        parts = s.split()
        if len(parts) == 2:
            hdr[parts[0]] = parts[1]
    if int(hdr.get('cluster_count', 0)) != 0:
        sys.exit('clustered sendump not supported')
    shift = int(hdr.get('mixw_shift', 10))
    n_feat = int(hdr['feature_count'])
    n_cw = rd_int()                    # codewords (densities)
    n_sen = rd_int()                   # pdfs (senones)
    # bytes: for each feature, for each codeword, n_sen bytes
    mix = [[[0.0] * n_cw for _ in range(n_feat)] for _ in range(n_sen)]
    for f in range(n_feat):
        for c in range(n_cw):
            row = data[pos:pos + n_sen]
            pos += n_sen
            for s in range(n_sen):
                mix[s][f][c] = 1.0001 ** (-(row[s] << shift))
    return mix, n_sen, n_feat, n_cw

def write_mixw(path, mix, n_sen, n_feat, n_cw):
    out = array.array('f')
    for s in range(n_sen):
        for f in range(n_feat):
            v = mix[s][f]
            tot = sum(v)
            out.extend(x / tot for x in v)
    if sys.byteorder != 'little':
        out.byteswap()
    with open(path, 'wb') as fh:
        hdr = b's3\nversion 1.0\n'
        lsb = (len(hdr) + len(b'endhdr\n')) & 3
        hdr += (b' ' * (4 - lsb) if lsb else b'') + b'endhdr\n'
        fh.write(hdr)
        fh.write(struct.pack('<i', 0x11223344))
        fh.write(struct.pack('<IIII', n_sen, n_feat, n_cw, n_sen * n_feat * n_cw))
        fh.write(out.tobytes())

if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    m = read_sendump(sys.argv[1])
    write_mixw(sys.argv[2], *m)
    print('mixture_weights: %d senones x %d streams x %d densities' % m[1:])
