#!/bin/bash
# Regenerates acoustic/narrowband/ from scratch: espeak-ng adaptation speech
# (sentences.txt; voices and rates below) -> 8 kHz G.711 mu-law round trip ->
# 16 kHz (speexdsp) -> sphinx_fe with the model's feat.params + frontend.params
# -> sphinxtrain bw -> mllr_solve (global MLLR) -> acoustic/narrowband/mllr_matrix.
#
#   adapt-narrowband.sh                 the chosen setup (writes ../narrowband/)
#   OUT=dir FRONTEND=file MODE=nb|wb|chan adapt-narrowband.sh   experiments
#     (FRONTEND: extra front-end flags, -key value lines, used for the features)
# Writes OUT/mllr_matrix, OUT/feat.params (the model's feat.params with -cmninit
# measured on the telephone-band adaptation features) and OUT/frontend.params.
# MODE=nb (the default, shipped) fits one global MLLR on the synthetic telephone speech;
# MODE=chan estimates the transform twice, on the
# wideband (16 kHz) and on the telephone version of the same synthetic speech, and
# composes them so that what remains is the telephone-channel part only (the
# synthetic-voice mismatch cancels; see RESULTS.md).
# Deterministic: espeak-ng, sox -D (no dither), speexdsp, fixed orders.
# Needs: sphinxtrain sphinxbase-utils pocketsphinx pocketsphinx-en-us espeak-ng sox
#        libspeexdsp-dev gcc python3
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-$HERE/../narrowband}
FRONTEND=${FRONTEND:-/dev/null}
MODE=${MODE:-nb}
WORK=${WORK:-/tmp/attendant-narrowband}/adapt
STB=/usr/lib/sphinxtrain
MODEL=/usr/share/pocketsphinx/model/en-us
HMM=$MODEL/en-us
mkdir -p "$WORK/hmm" "$WORK/wav" "$WORK/nb" "$WORK/wb" "$OUT"
. "$HERE/telephone.sh"
build_speex_up "$WORK"

# ---- 1. model in sphinxtrain form: text mdef, expanded mixture weights ----
if [ ! -s "$WORK/hmm/mixture_weights" ]; then
    cp "$HMM"/{means,variances,transition_matrices,noisedict,feat.params} "$WORK/hmm/"
    pocketsphinx_mdef_convert -text "$HMM/mdef" "$WORK/hmm/mdef.txt" 2>/dev/null
    python3 "$HERE/sendump2mixw.py" "$HMM/sendump" "$WORK/hmm/mixture_weights"
fi

# ---- 2. adaptation speech: each sentence by two voices, rates/pitches cycled ----
VOICES=(en-us en en+m3 en+f2 en+f4 en-us+m2)
RATES=(130 150 170 190)
PITCHES=(50 35 65)
if [ ! -s "$WORK/adapt.fileids" ]; then
    : > "$WORK/adapt.fileids.tmp"; : > "$WORK/adapt.transcription"
    i=0; u=0
    while read -r s; do
        [ -n "$s" ] || continue
        for k in 0 1; do
            v=${VOICES[$(((i * 2 + k) % 6))]}
            r=${RATES[$(((i + k) % 4))]}; p=${PITCHES[$(((i + 2 * k) % 3))]}
            id=$(printf 'a%04d' "$u")
            espeak-ng -v "$v" -s "$r" -p "$p" -w "$WORK/wav/$id.wav" "$s"
            # wideband twin: same synthetic speech at 16 kHz with the same line noise
            sox -V1 -D "$WORK/wav/$id.wav" -r 16000 -e signed -b 16 -t wav "$WORK/wav/$id.16k.wav"
            sox -V1 -R -D -n -r 16000 -c 1 -e signed -b 16 -t wav "$WORK/wav/$id.n.wav" \
                synth "$(soxi -D "$WORK/wav/$id.16k.wav")" whitenoise vol "$LINE_NOISE_VOL"
            sox -V1 -D -m -v 1 "$WORK/wav/$id.16k.wav" -v 1 "$WORK/wav/$id.n.wav" -e signed -b 16 -t raw "$WORK/wb/$id.raw"
            rm -f "$WORK/wav/$id.16k.wav" "$WORK/wav/$id.n.wav"
            telephone "$WORK/wav/$id.wav" "$WORK/nb/$id.raw" noise
            rm -f "$WORK/wav/$id.wav"
            echo "$id" >> "$WORK/adapt.fileids.tmp"
            echo "$s ($id)" >> "$WORK/adapt.transcription"
            u=$((u + 1))
        done
        i=$((i + 1))
    done < "$HERE/sentences.txt"
    mv "$WORK/adapt.fileids.tmp" "$WORK/adapt.fileids"
fi

# ---- 3-5. features, bw accumulation, mllr_solve for one audio set ----
# estimate SET(nb|wb) FEPARAMS OUTMATRIX
estimate() {
    local set=$1 fep=$2 outm=$3 d=$WORK/est-$1
    rm -rf "$d"; mkdir -p "$d/mfc"
    # feat.params with frontend overrides (sphinx_fe's -argfile wins over the command line)
    python3 - "$HMM/feat.params" "$fep" > "$d/fe.args" <<'PY'
import sys
def pairs(p):
    out = []
    try:
        for l in open(p):
            t = l.split('#')[0].split()
            if len(t) == 2: out.append(t)
    except FileNotFoundError: pass
    return out
base, over = pairs(sys.argv[1]), dict(pairs(sys.argv[2]))
keys = [k for k, _ in base]
for k, v in base: print(k, over.get(k, v))
for k, v in pairs(sys.argv[2]):
    if k not in keys and k not in ('-mllr',): print(k, v)
PY
    # front-end keys only for sphinx_fe; decoder-only keys (cmninit etc.) go to bw
    grep -E '^-(lowerf|upperf|nfilt|transform|lifter|dither|seed|remove_noise|remove_silence|remove_dc|wlen|frate|nfft|alpha|round_filters|warp_type|warp_params|logspec|smoothspec|unit_area|ncep)' "$d/fe.args" > "$d/fe.only"
    sphinx_fe -argfile "$d/fe.only" -samprate 16000 -raw yes -input_endian little \
        -c "$WORK/adapt.fileids" -di "$WORK/$set" -ei raw -do "$d/mfc" -eo mfc > "$d/fe.log" 2>&1
    local j=1
    mkdir -p "$d/acc$j"
        "$STB/bw" -hmmdir "$WORK/hmm" -moddeffn "$WORK/hmm/mdef.txt" -ts2cbfn .ptm. \
            -feat 1s_c_d_dd -svspec 0-12/13-25/26-38 -cmn batch -agc none -varnorm no \
            -dictfn "$MODEL/cmudict-en-us.dict" -fdictfn "$WORK/hmm/noisedict" \
            -ctlfn "$WORK/adapt.fileids" -lsnfn "$WORK/adapt.transcription" \
            -cepdir "$d/mfc" -cepext mfc -accumdir "$d/acc$j" \
            -timing no > "$d/bw$j.log" 2>&1
    "$STB/mllr_solve" -meanfn "$WORK/hmm/means" -varfn "$WORK/hmm/variances" \
        -outmllrfn "$outm" -accumdir "$d/acc1" > "$d/mllr.log" 2>&1
}

case $MODE in
    nb)   estimate nb "$FRONTEND" "$OUT/mllr_matrix" ;;
    wb)   estimate wb "$FRONTEND" "$OUT/mllr_matrix" ;;
    chan) # the two estimations are independent: one per core
          estimate wb /dev/null "$WORK/mllr_wb" & pw=$!
          estimate nb "$FRONTEND" "$WORK/mllr_nb"
          wait $pw
          python3 "$HERE/mllr_compose.py" "$WORK/mllr_nb" "$WORK/mllr_wb" "$OUT/mllr_matrix" ;;
esac
# ---- 6. live-CMN start value for telephone audio ----
# pocketsphinx reads the model's feat.params AFTER the command line, so -cmninit
# (like -upperf/-nfilt) cannot be overridden by a flag: ship a feat.params and
# point -featparams at it.
cmninit=$(python3 "$HERE/cepmean.py" "$WORK"/est-nb/mfc/*.mfc)
grep -v -E '^-(cmninit)( |$)' "$WORK/est-nb/fe.args" > "$OUT/feat.params"
echo "-cmninit $cmninit" >> "$OUT/feat.params"
{
    echo "# Extra pocketsphinx flags for 8 kHz telephone input upsampled to 16 kHz."
    echo "# Generated by acoustic/adaptation/adapt-narrowband.sh; see RESULTS.md."
    echo "# The model's own feat.params would override -cmninit given as a flag, hence -featparams."
    echo "-featparams feat.params"
    grep -v -E '^-(lowerf|upperf|nfilt|transform|lifter|feat|svspec|agc|cmn|varnorm|model|cmninit|mllr)( |$)' "$WORK/est-nb/fe.args" | grep -E '^-' || true
} > "$OUT/frontend.params"
echo "wrote $OUT/mllr_matrix $OUT/feat.params $OUT/frontend.params"
