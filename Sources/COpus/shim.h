#include <opus/opus.h>
/// Swift cannot call the variadic opus_encoder_ctl: a fixed-arity wrapper for integer requests.
static inline int attendant_opus_encoder_set_int(OpusEncoder *e, int request, opus_int32 value) {
    return opus_encoder_ctl(e, request, value);
}
