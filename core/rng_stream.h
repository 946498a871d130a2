/* rng_stream.h — one GSL generator per job, seeded from (seed, value index, run, purpose).
 *
 * Every (sweep value, run) job draws from its own stream, so results are bit-identical
 * whatever the number of worker threads (SPEC 5). The purpose tag separates streams
 * inside a job (the ground truth vs the samples vs an estimator's own randomness), so
 * that e.g. the truth of run r can be shared by every sweep value (common random numbers). */
#ifndef RNG_STREAM_H
#define RNG_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

typedef enum {
    RNG_PURPOSE_TRUTH = 1,     /* ground-truth parameters (W, b, A*, Q_a ...) */
    RNG_PURPOSE_SAMPLES = 2,   /* the data */
    RNG_PURPOSE_ESTIMATOR = 3, /* randomness inside an estimator (ProjSGD draws, inits) */
    RNG_PURPOSE_EXTRA = 4      /* anything else (test samples, landscape directions) */
} rng_purpose;

/* The documented mixing function: splitmix64 finalisers chained over the four inputs.
 * Distinct inputs give well-separated 64-bit seeds. */
uint64_t rng_stream_mix(uint64_t seed, uint64_t value_index, uint64_t run, uint64_t purpose);

/* A fresh gsl_rng_taus2 seeded by rng_stream_mix. Caller owns it (gsl_rng_free).
 * Returns NULL when allocation fails. taus2 with the ziggurat Gaussian is the fastest
 * exact pair in GSL (about 2x mt19937, 4-7x gsl_ran_gaussian; see README performance). */
gsl_rng *rng_stream_alloc(uint64_t seed, uint64_t value_index, uint64_t run, rng_purpose purpose);

/* Re-seed an existing generator in place (no allocation). */
void rng_stream_reset(gsl_rng *r, uint64_t seed, uint64_t value_index, uint64_t run,
                      rng_purpose purpose);

#endif
