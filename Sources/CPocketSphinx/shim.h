#include <pocketsphinx.h>
#include <ps_lattice.h>
#include <ps_mllr.h>
#include <sphinxbase/cmd_ln.h>
#include <sphinxbase/err.h>
#include <sphinxbase/ngram_model.h>
#include <sphinxbase/logmath.h>
/// Swift cannot call C variadic functions: a fixed-arity wrapper for cmd_ln_init with an argv.
static inline cmd_ln_t *attendant_ps_config(int argc, char **argv) {
    return cmd_ln_parse_r(NULL, ps_args(), argc, argv, 0);
}
#include <sphinxbase/feat.h>
/// Length of the cepstral-mean vector (0 when the decoder has no live CMN).
static inline int attendant_cmn_length(ps_decoder_t *ps) {
    feat_t *feat = ps_get_feat(ps);
    return (feat && feat->cmn_struct) ? feat->cmn_struct->veclen : 0;
}
/// Copies the current cepstral mean out (`out` holds attendant_cmn_length values).
static inline void attendant_cmn_get(ps_decoder_t *ps, mfcc_t *out) {
    feat_t *feat = ps_get_feat(ps);
    for (int i = 0; feat && feat->cmn_struct && i < feat->cmn_struct->veclen; i++) out[i] = feat->cmn_struct->cmn_mean[i];
}
/// Sets the cepstral mean the next utterance starts from.
static inline void attendant_cmn_set(ps_decoder_t *ps, const mfcc_t *mean) {
    feat_t *feat = ps_get_feat(ps);
    if (feat && feat->cmn_struct) cmn_live_set(feat->cmn_struct, mean);
}
