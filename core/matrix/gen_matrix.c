/* gen_matrix.c — ground truth, latent codes and observations of the ReLU matrix model
 * (Mazumdar, Rawat 2019, eq. 4). */
#include "gen_matrix.h"

#include <math.h>
#include <stdlib.h>

/* GSL's CBLAS prototypes resolve to OpenBLAS (libgslcblas is never linked). */
#include <gsl/gsl_cblas.h>
#include <gsl/gsl_randist.h>

#include "param.h"

static double draw_bias(const gen_matrix_bias *bias, gsl_rng *r)
{
    const double t = bias->dist == BIASDIST_LOGISTIC ? gsl_ran_logistic(r, 1.0)
                                                     : gsl_ran_gaussian_ziggurat(r, 1.0);
    return bias->mean + bias->scale * t;
}

rs_status gen_matrix_truth(size_t d, size_t k, double kappa, const gen_matrix_bias *bias,
                           gsl_rng *r, double *A, double *b, rs_error *err)
{
    if (d == 0 || k == 0 || k > d)
        return rs_error_set(err, RS_EINVAL, "gen_matrix_truth: k = %zu must be in 1..d = %zu", k,
                            d);
    if (!(kappa >= 1.0) || !isfinite(kappa))
        return rs_error_set(err, RS_EINVAL, "gen_matrix_truth: kappa = %g must be >= 1", kappa);
    if (!(bias->scale > 0.0) || !isfinite(bias->scale) || !isfinite(bias->mean))
        return rs_error_set(err, RS_EINVAL, "gen_matrix_truth: bias scale = %g must be > 0",
                            bias->scale);
    if (bias->dist != BIASDIST_GAUSSIAN && bias->dist != BIASDIST_LOGISTIC)
        return rs_error_set(err, RS_EINVAL, "gen_matrix_truth: unknown bias density %d",
                            bias->dist);

    double *Q = malloc(d * k * sizeof *Q);
    if (!Q)
        return rs_error_set(err, RS_ENOMEM, "gen_matrix_truth: d = %zu too large", d);
    for (size_t i = 0; i < d * k; i++)
        Q[i] = gsl_ran_gaussian_ziggurat(r, 1.0);
    /* Thin Q (d x k) by modified Gram-Schmidt, applied twice ("twice is enough", Giraud et
     * al. 2005): orthonormal to rounding without the d x d factor of a full QR unpack. */
    for (size_t j = 0; j < k; j++) {
        for (int pass = 0; pass < 2; pass++)
            for (size_t l = 0; l < j; l++) {
                const double c = cblas_ddot((int)d, Q + l, (int)k, Q + j, (int)k);
                cblas_daxpy((int)d, -c, Q + l, (int)k, Q + j, (int)k);
            }
        const double nrm = cblas_dnrm2((int)d, Q + j, (int)k);
        if (!(nrm > 0.0)) {
            free(Q);
            return rs_error_set(err, RS_ENUMERIC,
                                "gen_matrix_truth: column %zu of a %zux%zu Gaussian "
                                "is dependent",
                                j, d, k);
        }
        cblas_dscal((int)d, 1.0 / nrm, Q + j, (int)k);
    }
    /* s_j = kappa^{-(j-1)/(k-1)}, then the common factor that makes sum s_j^2 = k. */
    const double log_step = k > 1 ? log(kappa) / (double)(k - 1) : 0.0;
    double ss = 0.0;
    for (size_t j = 0; j < k; j++)
        ss += exp(-2.0 * (double)j * log_step);
    const double norm = sqrt((double)k / ss) * sqrt((double)d / (double)k);
    for (size_t i = 0; i < d; i++)
        for (size_t j = 0; j < k; j++)
            A[i * k + j] = Q[i * k + j] * norm * exp(-(double)j * log_step); /* Q(i,j) s_j */
    free(Q);
    for (size_t i = 0; i < d; i++)
        b[i] = draw_bias(bias, r);
    return RS_OK;
}

rs_status gen_matrix_latent(size_t k, size_t n, int latent, double sparsity, gsl_rng *r, double *C,
                            const atomic_int *cancel, rs_error *err)
{
    if (latent != LATENT_GAUSSIAN && latent != LATENT_UNIFORM && latent != LATENT_SPARSE)
        return rs_error_set(err, RS_EINVAL, "gen_matrix_latent: unknown latent %d", latent);
    if (!(sparsity >= 0.0 && sparsity < 1.0))
        return rs_error_set(err, RS_EINVAL, "gen_matrix_latent: sparsity = %g must be in [0, 1)",
                            sparsity);
    const double root3 = sqrt(3.0), sd_sparse = 1.0 / sqrt(1.0 - sparsity);
    for (size_t j = 0; j < n; j++) {
        /* Polled every block of columns (the draws keep their order): k n normals take
         * tens of ms at the sizes the TUI sweeps. */
        if (j % GEN_MATRIX_BLOCK == 0 && cancel &&
            atomic_load_explicit(cancel, memory_order_relaxed))
            return rs_error_set(err, RS_ECANCELLED, "gen_matrix_latent: cancelled");
        for (size_t l = 0; l < k; l++) {
            double c;
            if (latent == LATENT_GAUSSIAN)
                c = gsl_ran_gaussian_ziggurat(r, 1.0);
            else if (latent == LATENT_UNIFORM)
                c = root3 * (2.0 * gsl_rng_uniform(r) - 1.0);
            else
                c = gsl_rng_uniform(r) < sparsity ? 0.0 : gsl_ran_gaussian_ziggurat(r, sd_sparse);
            C[l * n + j] = c; /* C(l, j) */
        }
    }
    return RS_OK;
}

rs_status gen_matrix_sample(const double *A, const double *b, const double *C, size_t d, size_t k,
                            size_t n, double *Y, double *zero_rows, const atomic_int *cancel,
                            rs_error *err)
{
    if (zero_rows)
        for (size_t i = 0; i < d; i++)
            zero_rows[i] = 0.0;
    for (size_t j0 = 0; j0 < n; j0 += GEN_MATRIX_BLOCK) {
        if (cancel && atomic_load_explicit(cancel, memory_order_relaxed))
            return rs_error_set(err, RS_ECANCELLED, "gen_matrix_sample: cancelled");
        const size_t cols = n - j0 < GEN_MATRIX_BLOCK ? n - j0 : GEN_MATRIX_BLOCK;
        for (size_t i = 0; i < d; i++)
            for (size_t j = 0; j < cols; j++)
                Y[i * n + j0 + j] = b[i];
        /* Y(:, j0:j0+cols) += A C(:, j0:j0+cols): one dgemm with leading dimension n. */
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)d, (int)cols, (int)k, 1.0, A,
                    (int)k, C + j0, (int)n, 1.0, Y + j0, (int)n);
        for (size_t i = 0; i < d; i++) {
            double *y = Y + i * n + j0;
            double zeros = 0.0;
            for (size_t j = 0; j < cols; j++) {
                y[j] = fmax(y[j], 0.0);
                zeros += (double)(y[j] == 0.0);
            }
            if (zero_rows)
                zero_rows[i] += zeros;
        }
    }
    return RS_OK;
}
