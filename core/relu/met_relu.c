/* met_relu.c — parameter errors and the KL-based TV bound of Wu, Dimakis, Sanghavi 2019, Section 6.
 */
#include "met_relu.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>

const char *const met_relu_names[MET_RELU_COUNT] = {
    "err_sigma", "err_b", "sqrt_kl", "angle_err_max", "seconds", "err_b_clipped", "log10_n_needed"};

rs_status met_relu_kl(const double *mu0, const double *S0, const double *mu1, const double *S1,
                      size_t d, double *scratch, double *kl)
{
    *kl = NAN;
    gsl_matrix_view L0 = gsl_matrix_view_array(scratch, d, d);
    gsl_matrix_view L1 = gsl_matrix_view_array(scratch + d * d, d, d);
    memcpy(L0.matrix.data, S0, d * d * sizeof *S0);
    memcpy(L1.matrix.data, S1, d * d * sizeof *S1);
    if (gsl_linalg_cholesky_decomp1(&L0.matrix) || gsl_linalg_cholesky_decomp1(&L1.matrix))
        return RS_ENUMERIC;
    double logdet0 = 0.0, logdet1 = 0.0;
    for (size_t i = 0; i < d; i++) {
        logdet0 += 2.0 * log(gsl_matrix_get(&L0.matrix, i, i));
        logdet1 += 2.0 * log(gsl_matrix_get(&L1.matrix, i, i));
    }
    /* tr(S1^{-1} S0) column by column, then the Mahalanobis term, via the factor of S1. */
    double *col = scratch + 2 * d * d;
    gsl_vector_view v = gsl_vector_view_array(col, d);
    double tr = 0.0;
    for (size_t j = 0; j < d; j++) {
        for (size_t i = 0; i < d; i++)
            col[i] = S0[i * d + j];
        gsl_linalg_cholesky_svx(&L1.matrix, &v.vector);
        tr += col[j];
    }
    /* quad = delta^T S1^{-1} delta: solve into col, dot with delta. */
    double *delta = col + d;
    for (size_t i = 0; i < d; i++)
        delta[i] = col[i] = mu1[i] - mu0[i];
    gsl_linalg_cholesky_svx(&L1.matrix, &v.vector);
    double quad = 0.0;
    for (size_t i = 0; i < d; i++)
        quad += delta[i] * col[i];
    *kl = 0.5 * (tr + quad - (double)d + logdet1 - logdet0);
    return RS_OK;
}

unsigned met_relu_eval(const double *Sigma, const double *b, const double *theta_true,
                       const double *Sigma_hat, const double *b_hat, const double *theta_hat,
                       size_t d, double *scratch, double *out)
{
    unsigned flags = 0;
    double normW2 = 0.0, es = 0.0, eb = 0.0, amax = 0.0;
    for (size_t i = 0; i < d; i++) {
        normW2 += Sigma[i * d + i]; /* ||W||_F^2 = tr(W W^T) */
        eb += (b_hat[i] - b[i]) * (b_hat[i] - b[i]);
        for (size_t j = 0; j < d; j++) {
            const double e = Sigma_hat[i * d + j] - Sigma[i * d + j];
            es += e * e;
            if (i != j)
                amax = fmax(amax, fabs(theta_hat[i * d + j] - theta_true[i * d + j]));
        }
    }
    out[MET_RELU_ERR_SIGMA] = sqrt(es) / normW2;
    out[MET_RELU_ERR_B] = sqrt(eb) / sqrt(normW2);
    out[MET_RELU_ANGLE_ERR_MAX] = amax;
    double kl_te = NAN, kl_et = NAN;
    const rs_status s1 = met_relu_kl(b, Sigma, b_hat, Sigma_hat, d, scratch, &kl_te);
    const rs_status s2 = met_relu_kl(b_hat, Sigma_hat, b, Sigma, d, scratch, &kl_et);
    if (s1 != RS_OK || s2 != RS_OK) {
        /* Tell which side failed: the truth is singular when k < d. */
        gsl_matrix_view L = gsl_matrix_view_array(scratch, d, d);
        memcpy(scratch, Sigma, d * d * sizeof *Sigma);
        flags |= gsl_linalg_cholesky_decomp1(&L.matrix) ? MET_FLAG_TRUTH_SINGULAR
                                                        : MET_FLAG_SIGMA_NOT_PD;
        out[MET_RELU_SQRT_KL] = NAN;
    } else {
        out[MET_RELU_SQRT_KL] = sqrt(fmax(0.0, fmin(kl_te, kl_et)) / 2.0);
    }
    return flags;
}

double met_relu_err_b_clipped(const double *Sigma, const double *b, const double *mu_hat, size_t d)
{
    double eb = 0.0, normW2 = 0.0;
    for (size_t i = 0; i < d; i++) {
        const double e = fmax(0.0, mu_hat[i]) - b[i]; /* Alg. 1, line 4 */
        eb += e * e;
        normW2 += Sigma[i * d + i];
    }
    return sqrt(eb) / sqrt(normW2);
}
