#!/bin/bash
# Reproduces the WER table in RESULTS.md.
#   measure-narrowband.sh [CONFIG-NAME ...]    (default: all configurations)
# Test sets (never used for adaptation):
#   real : pocketsphinx-testdata human speech (librivox, cards, goforward,
#          something, tidigits dhd.2934z) -> 8 kHz G.711 mu-law -> 16 kHz
#   dev  : 150 espeak-ng caller phrases (voices not used for adaptation) -> same
# Each set is decoded with the generic LM and with a closed domain LM.
# Needs: pocketsphinx pocketsphinx-en-us pocketsphinx-testdata python3-pocketsphinx
#        sphinxbase-utils sox espeak-ng libspeexdsp-dev gcc
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
NB=$HERE/../narrowband
WORK=${WORK:-/tmp/attendant-narrowband}
TD=/usr/share/pocketsphinx/test/data
MODEL=/usr/share/pocketsphinx/model/en-us
mkdir -p "$WORK/test" "$WORK/dev"
. "$HERE/telephone.sh"
build_speex_up "$WORK"

# ---- real human test set ----
if [ ! -s "$WORK/real.list" ]; then
    : > "$WORK/real.list.tmp"
    while read -r id; do
        ref=$(grep "($id)" "$TD/librivox/transcription" | sed 's/<s>//; s/<\/s>.*//' | xargs)
        telephone "$TD/librivox/$id.wav" "$WORK/test/$id.raw"
        printf '%s\t%s\t%s\n' "$id" "$WORK/test/$id.raw" "$ref" >> "$WORK/real.list.tmp"
    done < "$TD/librivox/fileids"
    while read -r id; do
        ref=$(grep "($id)" "$TD/cards/cards.transcription" | sed 's/<s>//; s/<\/s>.*//' | xargs)
        telephone "$TD/cards/$id.wav" "$WORK/test/cards$id.raw"
        printf '%s\t%s\t%s\n' "cards$id" "$WORK/test/cards$id.raw" "$ref" >> "$WORK/real.list.tmp"
    done < "$TD/cards/cards.fileids"
    telephone "raw16:$TD/goforward.raw" "$WORK/test/goforward.raw"
    printf '%s\t%s\t%s\n' goforward "$WORK/test/goforward.raw" "go forward ten meters" >> "$WORK/real.list.tmp"
    telephone "raw16:$TD/something.raw" "$WORK/test/something.raw"
    printf '%s\t%s\t%s\n' something "$WORK/test/something.raw" "go somewhere and do something" >> "$WORK/real.list.tmp"
    # TIDIGITS utterance: already 8 kHz telephone-band speech
    telephone "raw8:$TD/tidigits/dhd.2934z.raw" "$WORK/test/dhd.2934z.raw"
    printf '%s\t%s\t%s\n' dhd.2934z "$WORK/test/dhd.2934z.raw" "two nine three four zero" >> "$WORK/real.list.tmp"
    mv "$WORK/real.list.tmp" "$WORK/real.list"
fi

# ---- synthetic caller dev set (voices disjoint from adaptation voices) ----
DEV_VOICES=(en-us+m7 en-gb-x-rp+f5 en-029+m5 en-us+f3 en-gb-x-gbclan+m6)
DEV_RATES=(150 165 180 140 170)
if [ ! -s "$WORK/dev.list" ]; then
    python3 "$HERE/callcenter.py" dev 150 "$WORK/dev.txt"
    : > "$WORK/dev.list.tmp"; i=0
    while read -r s; do
        v=${DEV_VOICES[$((i % 5))]}; r=${DEV_RATES[$(((i / 5) % 5))]}
        espeak-ng -v "$v" -s "$r" -w "$WORK/dev/d$i.wav" "$s"
        telephone "$WORK/dev/d$i.wav" "$WORK/dev/d$i.raw" noise; rm -f "$WORK/dev/d$i.wav"
        printf 'dev%03d\t%s\t%s\n' "$i" "$WORK/dev/d$i.raw" "$s" >> "$WORK/dev.list.tmp"
        i=$((i + 1))
    done < "$WORK/dev.txt"
    mv "$WORK/dev.list.tmp" "$WORK/dev.list"
fi

# ---- domain LM (from the caller phrase templates, different digits) ----
if [ ! -s "$WORK/domain.arpa" ]; then
    python3 "$HERE/callcenter.py" lmtext 800 "$WORK/domain-lm.txt"
    python3 "$HERE/callcenter.py" arpa "$WORK/domain-lm.txt" "$WORK/domain.arpa"
fi

# ---- wideband reference list (original 16 kHz audio, not telephone) ----
if [ ! -s "$WORK/real16.list" ]; then
    mkdir -p "$WORK/test16"
    while IFS=$'\t' read -r id path ref; do
        case $id in
            cards*) src=$TD/cards/${id#cards}.wav ;;
            goforward|something) src=raw16:$TD/$id.raw ;;
            dhd.2934z) continue ;;             # 8 kHz original, no wideband version
            *) src=$TD/librivox/$id.wav ;;
        esac
        case $src in raw16:*) cp "${src#raw16:}" "$WORK/test16/$id.raw" ;;
                     *) sox -V1 -D "$src" -r 16000 -e signed -b 16 -t raw "$WORK/test16/$id.raw" ;; esac
        printf '%s\t%s\t%s\n' "$id" "$WORK/test16/$id.raw" "$ref" >> "$WORK/real16.list"
    done < "$WORK/real.list"
fi
# closed LM for the real set: built from its own transcripts (like cards.gram)
[ -s "$WORK/real-domain.arpa" ] || { cut -f3 "$WORK/real.list" > "$WORK/real-lm.txt";
    python3 "$HERE/callcenter.py" arpa "$WORK/real-lm.txt" "$WORK/real-domain.arpa"; }

# ---- experimental transforms (the shipped one is ../narrowband/) ----
EXP=$WORK/exp
if [ ! -s "$EXP/direct/mllr_matrix" ]; then      # MLLR straight on synthetic telephone speech
    OUT=$EXP/direct MODE=nb "$HERE/adapt-narrowband.sh" >/dev/null
fi
if [ ! -s "$EXP/up3800/mllr_matrix" ]; then      # 3.8 kHz filterbank + channel MLLR
    mkdir -p "$EXP/up3800"; printf -- '-upperf 3800\n-nfilt 20\n' > "$EXP/up3800.fe"
    OUT=$EXP/up3800 FRONTEND=$EXP/up3800.fe MODE=chan "$HERE/adapt-narrowband.sh" >/dev/null
fi

# ---- configurations: name | decoder flags (added to the stock en-us model) ----
CONFIGS=(
  "wb-ref|"
  "a-baseline|"
  "b-dither|-dither yes"
  "b-cmninit|-featparams $NB/feat.params"
  "b-cmninit-dither|-featparams $NB/feat.params -dither yes"
  "b-upperf3800-nfilt20|-featparams $EXP/up3800/feat.params"
  "c-mllr-direct|-featparams $EXP/direct/feat.params -mllr $EXP/direct/mllr_matrix"
  "c-mllr-channel-no-cmninit|-mllr $NB/mllr_matrix"
  "c-mllr-channel+cmninit (CHOSEN)|-featparams $NB/feat.params -mllr $NB/mllr_matrix"
  "c-mllr-channel-upperf3800|-featparams $EXP/up3800/feat.params -mllr $EXP/up3800/mllr_matrix"
)
want=("$@")
run_config() {
    local name=${1%%|*} flags=${1#*|} tag
    tag=$(echo "$name" | tr -c 'a-zA-Z0-9\n-' _)
    # shellcheck disable=SC2086
    if [ "$name" = wb-ref ]; then
        rg=$(/usr/bin/python3 "$HERE/nbdecode.py" "$WORK/real16.list" "$WORK/hyp/$tag.rg" $flags)
        rd=$(/usr/bin/python3 "$HERE/nbdecode.py" "$WORK/real16.list" "$WORK/hyp/$tag.rd" -lm "$WORK/real-domain.arpa" $flags)
        printf '%s|%s|%s|-|-\n' "$name" "$rg" "$rd"; return
    fi
    rg=$(/usr/bin/python3 "$HERE/nbdecode.py" "$WORK/real.list" "$WORK/hyp/$tag.rg" $flags)
    rd=$(/usr/bin/python3 "$HERE/nbdecode.py" "$WORK/real.list" "$WORK/hyp/$tag.rd" -lm "$WORK/real-domain.arpa" $flags)
    dg=$(/usr/bin/python3 "$HERE/nbdecode.py" "$WORK/dev.list" "$WORK/hyp/$tag.dg" $flags)
    dd=$(/usr/bin/python3 "$HERE/nbdecode.py" "$WORK/dev.list" "$WORK/hyp/$tag.dd" -lm "$WORK/domain.arpa" $flags)
    printf '%s|%s|%s|%s|%s|%s\n' "$name" "$rg" "$rd" "$dg" "$dd" "$flags"
}
mkdir -p "$WORK/hyp"; : > "$WORK/results.txt"
i=0
for c in "${CONFIGS[@]}"; do
    n=${c%%|*}
    if [ ${#want[@]} -gt 0 ] && ! printf '%s\n' "${want[@]}" | grep -qxF "$n"; then continue; fi
    run_config "$c" > "$WORK/res.$i" &
    i=$((i + 1))
    [ $((i % 2)) -eq 0 ] && wait        # two decoders at a time (2 cores)
done
wait
for f in $(ls "$WORK"/res.* | sort -t. -k2 -n); do cat "$f"; done > "$WORK/results.txt"; rm -f "$WORK"/res.*
echo "config | real generic LM (WER% err words xRT) | real closed LM | dev generic LM | dev domain LM | flags"
cat "$WORK/results.txt"
