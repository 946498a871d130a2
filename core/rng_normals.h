/* rng_normals.h — blocks of standard normals, the same numbers as GSL's ziggurat, faster.
 *
 * rng_normals_fill(r, z, n) leaves z and r exactly as n calls of
 * gsl_ran_gaussian_ziggurat(r, 1.0) would: same values to the bit, same generator state
 * after. For a gsl_rng_taus2 generator it runs the common case inline — one taus2 step
 * (L'Ecuyer 1996, the recurrence GSL's manual cites) and one table look-up — with the
 * generator's state held in registers; every draw that would leave the ziggurat's
 * rectangles is rewound and handed to GSL itself. The tables are read from GSL at start-up
 * by feeding its ziggurat scripted words (see rng_normals.c), so no constant is copied and
 * a GSL whose internals differ simply falls back to calling GSL: the start-up check
 * compares the two paths before the inline one is ever used. */
#ifndef RNG_NORMALS_H
#define RNG_NORMALS_H

#include <stdbool.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>

/* Fill z[0..n) with N(0, 1) draws; bit-identical to n calls of gsl_ran_gaussian_ziggurat. */
void rng_normals_fill(gsl_rng *r, double *z, size_t n);

/* True when the inline path is in use for taus2 (the start-up probe and self-check
 * passed); false means rng_normals_fill calls GSL for every draw. Thread-safe. */
bool rng_normals_inline(void);

#endif
