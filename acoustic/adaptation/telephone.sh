# Shared helpers for adapt-narrowband.sh and measure-narrowband.sh (sourced).
# telephone IN OUT.raw [LINE_NOISE] : any audio file -> (synthetic speech only:
# add white line noise, sox -R = fixed seed, so the digital silence between
# espeak-ng words becomes telephone-like) -> 8 kHz G.711 mu-law round trip ->
# 16 kHz s16le raw, upsampled with speexdsp (as the Swift side does).
# IN may be "raw16:FILE" or "raw8:FILE" for headerless s16le input.
SPEEX_QUALITY=${SPEEX_QUALITY:-4}
LINE_NOISE_VOL=${LINE_NOISE_VOL:-0.003}     # about -63 dBFS rms
telephone() {
    local in=$1 out=$2 noise=${3:-} src
    case $in in
        raw16:*) src=(-t raw -r 16000 -e signed -b 16 -c 1 "${in#raw16:}") ;;
        raw8:*)  src=(-t raw -r 8000 -e signed -b 16 -c 1 "${in#raw8:}") ;;
        *)       src=("$in") ;;
    esac
    if [ -n "$noise" ]; then
        sox -V1 -D "${src[@]}" -c 1 -r 8000 -e signed -b 16 -t wav "$out.8k.wav"
        sox -V1 -R -D -n -r 8000 -c 1 -e signed -b 16 -t wav "$out.n.wav" \
            synth "$(soxi -D "$out.8k.wav")" whitenoise vol "$LINE_NOISE_VOL"
        sox -V1 -D -m -v 1 "$out.8k.wav" -v 1 "$out.n.wav" -e u-law -t wav "$out.ulaw.wav"
        rm -f "$out.8k.wav" "$out.n.wav"
    else
        sox -V1 -D "${src[@]}" -c 1 -r 8000 -e u-law -t wav "$out.ulaw.wav"
    fi
    sox -V1 -D "$out.ulaw.wav" -e signed -b 16 -t raw - | "$SPEEX_UP" "$SPEEX_QUALITY" > "$out"
    rm -f "$out.ulaw.wav"
}
build_speex_up() {   # $1 = work dir
    SPEEX_UP=$1/speex_up
    [ -x "$SPEEX_UP" ] || cc -O2 -o "$SPEEX_UP" "$HERE/speex_up.c" -lspeexdsp
}
