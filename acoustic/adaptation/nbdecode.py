#!/usr/bin/python3
"""Decode a list of 16 kHz raw files the way Attendant's Swift decoder does
(one long-lived decoder, ps_process_raw fed in 20 ms chunks, full_utt=False),
and score WER.  Needs Debian's python3-pocketsphinx (use /usr/bin/python3).

usage: nbdecode.py LIST HYPOUT [-flag value ...]
  LIST lines: id <TAB> path.raw <TAB> reference words
  prints:  WER% errors words xRT
"""
import sys, time, os
from pocketsphinx import Decoder

MODEL = "/usr/share/pocketsphinx/model/en-us"

def wer_counts(ref, hyp):
    r, h = ref.split(), hyp.split()
    d = list(range(len(h) + 1))
    for i in range(1, len(r) + 1):
        prev, d[0] = d[0], i
        for j in range(1, len(h) + 1):
            cur = min(d[j] + 1, d[j - 1] + 1, prev + (r[i - 1] != h[j - 1]))
            prev, d[j] = d[j], cur
    return d[len(h)], len(r)

def main():
    lst, hypout, flags = sys.argv[1], sys.argv[2], sys.argv[3:]
    cfg = Decoder.default_config()
    args = {"-hmm": MODEL + "/en-us", "-lm": MODEL + "/en-us.lm.bin",
            "-dict": MODEL + "/cmudict-en-us.dict", "-logfn": "/dev/null"}
    for k, v in zip(flags[::2], flags[1::2]):
        args[k] = v
    for k, v in args.items():
        cfg.set_string(k, v)
    dec = Decoder(cfg)
    errs = words = 0
    audio_s = cpu_s = 0.0
    out = open(hypout, "w")
    for line in open(lst):
        uid, path, ref = line.rstrip("\n").split("\t")
        data = open(path, "rb").read()
        t0 = time.process_time()
        dec.start_utt()
        for i in range(0, len(data), 640):       # 320 samples = 20 ms
            dec.process_raw(data[i:i + 640], False, False)
        dec.end_utt()
        cpu_s += time.process_time() - t0
        audio_s += len(data) / 32000.0
        h = dec.hyp()
        hyp = h.hypstr if h else ""
        hyp = " ".join(w for w in hyp.split() if not w.startswith("<") and not w.startswith("["))
        e, n = wer_counts(ref, hyp)
        errs += e; words += n
        out.write("%s\t%d/%d\tREF: %s\n\t\tHYP: %s\n" % (uid, e, n, ref, hyp))
    out.close()
    print("%.1f %d %d %.3f" % (100.0 * errs / max(1, words), errs, words, cpu_s / max(1e-9, audio_s)))

if __name__ == "__main__":
    main()
