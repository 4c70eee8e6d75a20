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
