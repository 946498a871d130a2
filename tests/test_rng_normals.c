/* test_rng_normals.c — rng_normals_fill gives GSL's ziggurat normals bit for bit. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "rng_normals.h"
#include "rng_stream.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}

TestSuite(rng_normals, .init = setup);

/* n draws both ways from the same stream; values and the state left must be equal. */
static void expect_same(const gsl_rng_type *type, unsigned long seed, size_t n, size_t block)
{
    gsl_rng *a = gsl_rng_alloc(type), *b = gsl_rng_alloc(type);
    double *za = malloc(n * sizeof *za), *zb = malloc(n * sizeof *zb);
    cr_assert(a && b && za && zb);
    gsl_rng_set(a, seed);
    gsl_rng_set(b, seed);
    for (size_t i = 0; i < n; i++)
        za[i] = gsl_ran_gaussian_ziggurat(a, 1.0);
    for (size_t i = 0; i < n; i += block)
        rng_normals_fill(b, zb + i, n - i < block ? n - i : block);
    size_t first_diff = n;
    for (size_t i = 0; i < n && first_diff == n; i++)
        if (memcmp(&za[i], &zb[i], sizeof za[i]) != 0)
            first_diff = i;
    cr_expect_eq(first_diff, n, "%s seed %lu: first difference at draw %zu", type->name, seed,
                 first_diff);
    cr_expect_eq(gsl_rng_get(a), gsl_rng_get(b), "%s seed %lu: states differ after", type->name,
                 seed);
    free(za);
    free(zb);
    gsl_rng_free(a);
    gsl_rng_free(b);
}

/* On this project's platform (Debian's GSL) the probe must find the rectangles, or every
 * relu run silently loses the speed this module exists for. */
Test(rng_normals, inline_path_active)
{
    cr_assert(rng_normals_inline(), "the ziggurat probe or its self-check failed");
}

/* Ten million draws cross every layer, the wedges and the tail (about 1 in 1000 draws
 * beyond 3.3) thousands of times; odd block sizes cut the stream at every phase. */
Test(rng_normals, taus2_bit_identical, .timeout = 120)
{
    expect_same(gsl_rng_taus2, 1, 10000000, 4096);
    expect_same(gsl_rng_taus2, rng_stream_mix(2385, 3, 7, RNG_PURPOSE_SAMPLES), 1000000, 37);
    expect_same(gsl_rng_taus2, 0, 100000, 1);
}

/* Any other generator takes GSL's own path, still the same numbers. */
Test(rng_normals, other_generators_unchanged)
{
    expect_same(gsl_rng_mt19937, 5489, 100000, 4096);
    expect_same(gsl_rng_ranlxd1, 7, 20000, 333);
}

/* The normals are normal: mean, variance and the tail mass beyond 3 within 5 standard
 * errors of N(0,1)'s (a sign or width read wrongly by the probe would break these). */
Test(rng_normals, moments)
{
    const size_t n = 2000000;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    double *z = malloc(n * sizeof *z);
    cr_assert(r && z);
    gsl_rng_set(r, 42);
    rng_normals_fill(r, z, n);
    double s = 0, s2 = 0, tail = 0;
    for (size_t i = 0; i < n; i++) {
        s += z[i];
        s2 += z[i] * z[i];
        tail += z[i] > 3.0 || z[i] < -3.0;
    }
    const double mean = s / n, var = s2 / n - mean * mean, p3 = 0.0026997960632601866;
    cr_expect(fabs(mean) < 5.0 / sqrt((double)n), "mean %g", mean);
    cr_expect(fabs(var - 1.0) < 5.0 * sqrt(2.0 / n), "variance %g", var);
    cr_expect(fabs(tail / n - p3) < 5.0 * sqrt(p3 * (1 - p3) / n), "tail %g", tail / n);
    free(z);
    gsl_rng_free(r);
}
