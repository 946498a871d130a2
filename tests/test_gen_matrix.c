/* test_gen_matrix.c — truth, latent codes and observations of the matrix model (seed 001). */
#include <criterion/criterion.h>

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>

#include "gen_matrix.h"
#include "param.h"
#include "rng_stream.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}

TestSuite(gen_matrix, .init = setup);

Test(gen_matrix, truth_has_condition_kappa_and_unit_mean_square_rows)
{
    const size_t d = 40, k = 6;
    const double kappa = 23.85;
    const gen_matrix_bias bias = {BIASDIST_GAUSSIAN, 0.0, 1.0};
    double A[40 * 6], b[40];
    gsl_rng *r = rng_stream_alloc(11, 0, 0, RNG_PURPOSE_TRUTH);
    cr_assert_eq(gen_matrix_truth(d, k, kappa, &bias, r, A, b, NULL), RS_OK);
    gsl_matrix *G = gsl_matrix_calloc(k, k);
    double f2 = 0.0;
    for (size_t i = 0; i < d; i++)
        for (size_t a = 0; a < k; a++) {
            f2 += A[i * k + a] * A[i * k + a];
            for (size_t c = 0; c < k; c++)
                G->data[a * k + c] += A[i * k + a] * A[i * k + c];
        }
    gsl_vector *ev = gsl_vector_alloc(k);
    gsl_eigen_symm_workspace *w = gsl_eigen_symm_alloc(k);
    cr_assert_eq(gsl_eigen_symm(G, ev, w), 0);
    double lo = INFINITY, hi = 0.0;
    for (size_t a = 0; a < k; a++)
        lo = fmin(lo, ev->data[a]), hi = fmax(hi, ev->data[a]);
    /* cond(A) = sqrt(cond(A^T A)) = kappa, ||A||_F^2 = d: exact up to rounding. */
    cr_assert_lt(fabs(sqrt(hi / lo) / kappa - 1.0), 1e-10, "cond %g", sqrt(hi / lo));
    cr_assert_lt(fabs(f2 / (double)d - 1.0), 1e-12);
    gsl_eigen_symm_free(w);
    gsl_vector_free(ev);
    gsl_matrix_free(G);
    gsl_rng_free(r);
}

Test(gen_matrix, bias_moments)
{
    /* N = 20000 biases: the sample mean within 4 standard errors s_B / sqrt(N) of the mean,
     * the sample variance within 4 sqrt((m4 - s_B^4) / N) of s_B^2 (m4 = 3 s_B^4 for the
     * normal, 4.2 s_B^4 for the logistic, whose s_B^2 = pi^2 s^2 / 3). k = 1 keeps A tiny. */
    const size_t N = 20000;
    double *b = malloc(N * sizeof *b), *A = malloc(N * sizeof *A);
    for (int dist = BIASDIST_GAUSSIAN; dist <= BIASDIST_LOGISTIC; dist++) {
        const gen_matrix_bias bias = {dist, -0.7, 2.385};
        gsl_rng *r = rng_stream_alloc(12, 0, (uint64_t)dist, RNG_PURPOSE_TRUTH);
        cr_assert_eq(gen_matrix_truth(N, 1, 1.0, &bias, r, A, b, NULL), RS_OK);
        double mean = 0.0, var = 0.0;
        for (size_t i = 0; i < N; i++)
            mean += b[i] / (double)N;
        for (size_t i = 0; i < N; i++)
            var += (b[i] - mean) * (b[i] - mean) / (double)(N - 1);
        const double s2 = dist == BIASDIST_LOGISTIC ? M_PI * M_PI / 3.0 * bias.scale * bias.scale
                                                    : bias.scale * bias.scale;
        const double kurt = dist == BIASDIST_LOGISTIC ? 4.2 : 3.0;
        cr_assert_lt(fabs(mean - bias.mean), 4.0 * sqrt(s2 / (double)N), "dist %d mean %g", dist,
                     mean);
        cr_assert_lt(fabs(var - s2), 4.0 * s2 * sqrt((kurt - 1.0) / (double)N), "dist %d var %g",
                     dist, var);
        gsl_rng_free(r);
    }
    free(b);
    free(A);
}

Test(gen_matrix, latent_codes_have_unit_variance_and_the_sparsity)
{
    /* Per kind, N = 40000 codes: mean within 4/sqrt(N), variance within 4 sqrt((m4 - 1)/N)
     * with m4 = 3 (normal), 9/5 (uniform), 3/(1 - rho) (sparse); the zero fraction of the
     * sparse codes within 4 sqrt(rho (1 - rho) / N) of rho. */
    const size_t N = 40000;
    const double rho = 0.6, m4[] = {3.0, 1.8, 3.0 / (1.0 - rho)};
    double *C = malloc(N * sizeof *C);
    for (int lat = LATENT_GAUSSIAN; lat <= LATENT_SPARSE; lat++) {
        gsl_rng *r = rng_stream_alloc(13, 0, (uint64_t)lat, RNG_PURPOSE_SAMPLES);
        cr_assert_eq(gen_matrix_latent(1, N, lat, rho, r, C, NULL, NULL), RS_OK);
        double mean = 0.0, m2 = 0.0, zeros = 0.0;
        for (size_t j = 0; j < N; j++) {
            mean += C[j] / (double)N;
            m2 += C[j] * C[j] / (double)N;
            zeros += (double)(C[j] == 0.0) / (double)N;
        }
        cr_assert_lt(fabs(mean), 4.0 / sqrt((double)N), "latent %d mean %g", lat, mean);
        cr_assert_lt(fabs(m2 - 1.0), 4.0 * sqrt((m4[lat] - 1.0) / (double)N), "latent %d m2 %g",
                     lat, m2);
        if (lat == LATENT_SPARSE)
            cr_assert_lt(fabs(zeros - rho), 4.0 * sqrt(rho * (1.0 - rho) / (double)N));
        else
            cr_assert_eq(zeros, 0.0);
        gsl_rng_free(r);
    }
    free(C);
}

Test(gen_matrix, observations_are_relu_of_ac_plus_b)
{
    const size_t d = 7, k = 3, n = 2500; /* n spans three blocks of GEN_MATRIX_BLOCK */
    const gen_matrix_bias bias = {BIASDIST_LOGISTIC, 0.3, 1.1};
    double A[21], b[7], zr[7], *C = malloc(k * n * sizeof *C), *Y = malloc(d * n * sizeof *Y);
    gsl_rng *r = rng_stream_alloc(14, 0, 0, RNG_PURPOSE_TRUTH);
    cr_assert_eq(gen_matrix_truth(d, k, 3.0, &bias, r, A, b, NULL), RS_OK);
    cr_assert_eq(gen_matrix_latent(k, n, LATENT_UNIFORM, 0.0, r, C, NULL, NULL), RS_OK);
    cr_assert_eq(gen_matrix_sample(A, b, C, d, k, n, Y, zr, NULL, NULL), RS_OK);
    for (size_t i = 0; i < d; i++) {
        double zeros = 0.0;
        for (size_t j = 0; j < n; j++) {
            double z = b[i];
            for (size_t a = 0; a < k; a++)
                z += A[i * k + a] * C[a * n + j];
            /* eq. (4); dgemm may sum in another order: 1e-12 relative to the terms */
            cr_assert_lt(fabs(Y[i * n + j] - fmax(z, 0.0)), 1e-12 * (1.0 + fabs(z)));
            zeros += Y[i * n + j] == 0.0;
        }
        cr_assert_eq(zr[i], zeros);
    }
    atomic_int cancel = 1;
    cr_assert_eq(gen_matrix_sample(A, b, C, d, k, n, Y, zr, &cancel, NULL), RS_ECANCELLED);
    gsl_rng_free(r);
    free(C);
    free(Y);
}

Test(gen_matrix, bad_arguments)
{
    double A[100], b[10], C[100];
    const gen_matrix_bias ok = {BIASDIST_GAUSSIAN, 0.0, 1.0}, flat = {BIASDIST_GAUSSIAN, 0.0, 0.0};
    gsl_rng *r = rng_stream_alloc(15, 0, 0, RNG_PURPOSE_TRUTH);
    rs_error err;
    cr_assert_eq(gen_matrix_truth(3, 4, 1.0, &ok, r, A, b, &err), RS_EINVAL);
    cr_assert_eq(gen_matrix_truth(3, 0, 1.0, &ok, r, A, b, &err), RS_EINVAL);
    cr_assert_eq(gen_matrix_truth(3, 2, 0.5, &ok, r, A, b, &err), RS_EINVAL);
    cr_assert_eq(gen_matrix_truth(3, 2, 1.0, &flat, r, A, b, &err), RS_EINVAL);
    cr_assert_eq(gen_matrix_latent(2, 5, 9, 0.0, r, C, NULL, &err), RS_EINVAL);
    cr_assert_eq(gen_matrix_latent(2, 5, LATENT_SPARSE, 1.0, r, C, NULL, &err), RS_EINVAL);
    gsl_rng_free(r);
}
