/* met_matrix.c — rel_err_m, subspace_err, err_b, the likelihood (8) and the constraint
 * violation of a matrix-model estimate (Mazumdar, Rawat 2019). */
#include "met_matrix.h"
#include "met_matrix_gauge.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include <lapacke.h>

#include <gsl/gsl_cblas.h>

const char *const met_matrix_names[MET_MATRIX_COUNT] = {
    "rel_err_m", "subspace_err", "err_b",      "objective",    "violation",
    "iters",     "seconds",      "rel_err_mb", "rel_err_gauge"};

size_t met_matrix_work(size_t d, size_t k)
{
    const size_t a = rs_mul_size(d, 2 * EST_MATRIX_BLOCK + d + 3 * k + 5, 1);
    const size_t b = rs_mul_size(k, 3 * k + 1, 1);
    if (!a || !b || a > SIZE_MAX / 4 || b > SIZE_MAX / 4)
        return 0;
    return a + b;
}

rs_status met_matrix_true_basis(const double *A, size_t d, size_t k, double *work, int *iwork,
                                double *Uk, rs_error *err)
{
    double *G = work, *eig = work + d * d;
    /* G = A A^T (upper triangle), whose range is col(A). */
    cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, (int)d, (int)k, 1.0, A, (int)k, 0.0, G,
                (int)d);
    return est_matrix_top_eigvecs(G, d, k, Uk, NULL, eig, iwork, err);
}

double met_matrix_rel_err(const double *A, const double *C, const double *U, const double *V,
                          size_t d, size_t n, size_t k, double *scratch)
{
    double *Mh = scratch, *Mt = scratch + d * EST_MATRIX_BLOCK, num = 0.0, den = 0.0;
    for (size_t j0 = 0; j0 < n; j0 += EST_MATRIX_BLOCK) {
        const size_t cols = n - j0 < EST_MATRIX_BLOCK ? n - j0 : EST_MATRIX_BLOCK;
        /* M_hat(:, block) = U V_b^T, M(:, block) = A C(:, block) */
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)d, (int)cols, (int)k, 1.0, U,
                    (int)k, V + j0 * k, (int)k, 0.0, Mh, (int)cols);
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)d, (int)cols, (int)k, 1.0, A,
                    (int)k, C + j0, (int)n, 0.0, Mt, (int)cols);
        for (size_t t = 0; t < d * cols; t++) {
            num += (Mh[t] - Mt[t]) * (Mh[t] - Mt[t]);
            den += Mt[t] * Mt[t];
        }
    }
    return sqrt(num / den);
}

/* -L_Y/d of eq. (8) and the RMS violation of (5)-(6), one pass over M_hat in blocks. */
static void likelihood(const double *Y, size_t d, size_t n, size_t k, const est_matrix_result *est,
                       const gen_matrix_bias *bias, double *work, double *objective,
                       double *violation)
{
    double *Mh = work, *xmax = work + d * EST_MATRIX_BLOCK, *ymin = xmax + d, *npos = ymin + d;
    double pen = 0.0;
    for (size_t i = 0; i < d; i++)
        xmax[i] = -INFINITY, ymin[i] = INFINITY, npos[i] = 0.0;
    for (size_t j0 = 0; j0 < n; j0 += EST_MATRIX_BLOCK) {
        const size_t cols = n - j0 < EST_MATRIX_BLOCK ? n - j0 : EST_MATRIX_BLOCK;
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)d, (int)cols, (int)k, 1.0, est->U,
                    (int)k, est->V + j0 * k, (int)k, 0.0, Mh, (int)cols);
        for (size_t i = 0; i < d; i++)
            for (size_t j = 0; j < cols; j++) {
                const double x = Mh[i * cols + j], y = Y[i * n + j0 + j], z = x + est->b[i];
                xmax[i] = fmax(xmax[i], x);
                if (y > 0.0) {
                    npos[i] += 1.0;
                    ymin[i] = fmin(ymin[i], y);
                    pen += (z - y) * (z - y); /* eq. (5) */
                } else if (z > 0.0) {
                    pen += z * z; /* eq. (6) */
                }
            }
    }
    double L = 0.0;
    for (size_t i = 0; i < d; i++) {
        if (npos[i] > 0.0) /* log p(Y_(s) - X_(s)) / p(Y_(s)) with b_i = Y_(s) - X_(s) */
            L += est_matrix_log_density(bias, est->b[i]) - est_matrix_log_density(bias, ymin[i]);
        else /* log F(inf, X_i^*) / F(inf, 0), F(inf, x) = P(B <= -x) */
            L += est_matrix_log_cdf(bias, -xmax[i]) - est_matrix_log_cdf(bias, 0.0);
    }
    *objective = -L / (double)d;
    *violation = sqrt(pen / ((double)d * (double)n));
}

/* U_hat_k from the eigenvectors of U (V^T V) U^T; then cosines, angles, sin Theta. */
static double subspace(size_t d, size_t n, size_t k, const double *Uk, const est_matrix_result *est,
                       double *work, int *iwork, double *cosines, double *principal_rad)
{
    double *G = work, *eig = G + d * d, *Uh = eig + d * (k + 1), *T = Uh + d * k;
    double *S = work + met_matrix_work(d, k) - k * (3 * k + 1), *P = S + k * k, *P2 = P + k * k;
    double *sv = P2 + k * k;
    cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, (int)k, (int)n, 1.0, est->V, (int)k, 0.0, S,
                (int)k);
    for (size_t a = 0; a < k; a++)
        for (size_t b = 0; b < a; b++)
            S[a * k + b] = S[b * k + a];
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)d, (int)k, (int)k, 1.0, est->U,
                (int)k, S, (int)k, 0.0, T, (int)k);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)d, (int)d, (int)k, 1.0, T, (int)k,
                est->U, (int)k, 0.0, G, (int)d);
    if (est_matrix_top_eigvecs(G, d, k, Uh, NULL, eig, iwork, NULL) != RS_OK)
        return NAN;
    /* P = U_k^T U_hat_k: the cosines; its singular values are the cosines of the angles. */
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)k, (int)k, (int)d, 1.0, Uk, (int)k,
                Uh, (int)k, 0.0, P, (int)k);
    for (size_t t = 0; t < k * k; t++)
        if (cosines)
            cosines[t] = fabs(P[t]);
    /* ||sin Theta||_F = ||(I - U_k U_k^T) U_hat_k||_F, formed as U_hat - U_k P: accurate to
     * rounding, where sqrt(k - ||P||_F^2) would floor at sqrt(k DBL_EPSILON) ~ 3e-8. */
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)d, (int)k, (int)k, -1.0, Uk, (int)k,
                P, (int)k, 1.0, Uh, (int)k);
    const double sin_f = cblas_dnrm2((int)(d * k), Uh, 1);
    if (principal_rad) {
        memcpy(P2, P, k * k * sizeof *P);
        if (LAPACKE_dgesdd(LAPACK_ROW_MAJOR, 'N', (lapack_int)k, (lapack_int)k, P2, (lapack_int)k,
                           sv, NULL, (lapack_int)k, NULL, (lapack_int)k) != 0)
            return NAN;
        for (size_t a = 0; a < k; a++) /* singular values descending -> angles ascending */
            principal_rad[a] = acos(fmin(1.0, sv[a]));
    }
    return sin_f;
}

unsigned met_matrix_eval(const double *Y, size_t d, size_t n, size_t k, const met_matrix_truth *t,
                         const est_matrix_result *est, const gen_matrix_bias *bias, double *work,
                         int *iwork, double *out, double *cosines, double *principal_rad)
{
    unsigned flags = 0;
    out[MET_MATRIX_REL_ERR_M] = met_matrix_rel_err(t->A, t->C, est->U, est->V, d, n, k, work);
    out[MET_MATRIX_SUBSPACE_ERR] =
        subspace(d, n, k, t->Uk, est, work, iwork, cosines, principal_rad);
    if (isnan(out[MET_MATRIX_SUBSPACE_ERR]))
        flags |= MET_MATRIX_FLAG_EIG_FAILED;
    double e2 = 0.0;
    for (size_t i = 0; i < d; i++)
        e2 += (est->b[i] - t->b[i]) * (est->b[i] - t->b[i]);
    out[MET_MATRIX_ERR_B] = sqrt(e2 / (double)d);
    likelihood(Y, d, n, k, est, bias, work, &out[MET_MATRIX_OBJECTIVE], &out[MET_MATRIX_VIOLATION]);
    out[MET_MATRIX_ITERS] = (double)est->iters;
    met_matrix_gauge_eval(t->A, t->C, t->b, t->Uk, est->U, est->V, est->b, d, n, k, work,
                          &out[MET_MATRIX_REL_ERR_MB], &out[MET_MATRIX_REL_ERR_GAUGE]);
    if (est->flags & EST_MATRIX_FLAG_NOT_CONVERGED)
        flags |= MET_MATRIX_FLAG_NOT_CONVERGED;
    if (est->flags & EST_MATRIX_FLAG_EMPTY_ROWS)
        flags |= MET_MATRIX_FLAG_EMPTY_ROWS;
    return flags;
}
