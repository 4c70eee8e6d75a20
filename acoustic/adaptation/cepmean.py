#!/usr/bin/env python3
"""Mean of the 13 raw cepstra over all frames of sphinx_fe .mfc files, printed
as a pocketsphinx -cmninit value.  usage: cepmean.py FILE.mfc ..."""
import sys, struct, array
tot = [0.0] * 13; n = 0
for p in sys.argv[1:]:
    b = open(p, 'rb').read()
    cnt = struct.unpack('<i', b[:4])[0]
    a = array.array('f'); a.frombytes(b[4:4 + 4 * cnt])
    for i in range(0, cnt - cnt % 13, 13):
        for j in range(13):
            tot[j] += a[i + j]
        n += 1
print(",".join("%.2f" % (t / n) for t in tot))
