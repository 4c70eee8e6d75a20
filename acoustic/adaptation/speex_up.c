/* 8 kHz -> 16 kHz upsampler with speexdsp, the resampler the Attendant
 * Swift side uses.  raw s16le mono on stdin, raw s16le mono on stdout.
 * usage: speex_up [quality 0-10, default 4]
 * build: cc -O2 -o speex_up speex_up.c -lspeexdsp */
#include <speex/speex_resampler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv) {
    int q = argc > 1 ? atoi(argv[1]) : SPEEX_RESAMPLER_QUALITY_DEFAULT, err = 0;
    SpeexResamplerState *st = speex_resampler_init(1, 8000, 16000, q, &err);
    if (!st) { fprintf(stderr, "speex_resampler_init: %d\n", err); return 1; }
    speex_resampler_skip_zeros(st);
    spx_int16_t in[160], out[400];
    size_t n; int flushing = 0, pad = speex_resampler_get_input_latency(st);
    for (;;) {
        if (!flushing) {
            n = fread(in, 2, 160, stdin);
            if (n == 0) { flushing = 1; continue; }
        } else {
            if (pad <= 0) break;
            n = pad < 160 ? pad : 160; memset(in, 0, sizeof in); pad -= n;
        }
        spx_uint32_t il = n, ol = 400;
        speex_resampler_process_int(st, 0, in, &il, out, &ol);
        fwrite(out, 2, ol, stdout);
    }
    speex_resampler_destroy(st);
    return 0;
}
