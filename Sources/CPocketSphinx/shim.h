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
