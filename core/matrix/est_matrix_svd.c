/* est_matrix_svd.c — the centred top-k SVD baseline of the matrix model (Mazumdar, Rawat 2019). */
#include "est_matrix_svd.h"

#include <stdint.h>
#include <string.h>

#include <gsl/gsl_cblas.h>

size_t est_matrix_svd_work(size_t d, size_t k)
{
    const size_t a = rs_mul_size(d, d, 1), b = rs_mul_size(d, k + 1, 1);
    const size_t c = rs_mul_size(d, EST_MATRIX_BLOCK, 1);
    if (!a || !b || !c || a > SIZE_MAX / 4 || b > SIZE_MAX / 4 || c > SIZE_MAX / 4)
        return 0;
    return a + b + c;
}

static int cancelled(const atomic_int *cancel)
{
    return cancel && atomic_load_explicit(cancel, memory_order_relaxed);
}

/* Yc(:, block) = Y(:, j0:j0+cols) - b 1^T into Yb (d x cols, leading dimension cols). */
static void centred_block(const double *Y, const double *b, size_t d, size_t n, size_t j0,
                          size_t cols, double *Yb)
{
    for (size_t i = 0; i < d; i++)
        for (size_t j = 0; j < cols; j++)
            Yb[i * cols + j] = Y[i * n + j0 + j] - b[i];
}

rs_status est_matrix_svd_fit(const est_matrix_input *in, double *work, int *iwork,
                             est_matrix_result *out, const atomic_int *cancel, rs_error *err)
{
    const size_t d = in->d, n = in->n, k = in->k;
    if (k == 0 || k > d || k > n)
        return rs_error_set(err, RS_EINVAL,
                            "est_matrix_svd_fit: k = %zu must be in 1..min(d, n) = %zu", k,
                            d < n ? d : n);
    double *G = work, *eig = work + d * d, *Yb = eig + d * (k + 1);
    for (size_t i = 0; i < d; i++) { /* row means */
        double s = 0.0;
        for (size_t j = 0; j < n; j++)
            s += in->Y[i * n + j];
        out->b[i] = s / (double)n;
    }
    memset(G, 0, d * d * sizeof *G);
    for (size_t j0 = 0; j0 < n; j0 += EST_MATRIX_BLOCK) {
        if (cancelled(cancel))
            return rs_error_set(err, RS_ECANCELLED, "est_matrix_svd_fit: cancelled");
        const size_t cols = n - j0 < EST_MATRIX_BLOCK ? n - j0 : EST_MATRIX_BLOCK;
        centred_block(in->Y, out->b, d, n, j0, cols, Yb);
        /* G += Yc_b Yc_b^T (upper triangle): one dsyrk per block. */
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, (int)d, (int)cols, 1.0, Yb, (int)cols,
                    1.0, G, (int)d);
    }
    const rs_status st = est_matrix_top_eigvecs(G, d, k, out->U, NULL, eig, iwork, err);
    if (st != RS_OK)
        return st;
    for (size_t j0 = 0; j0 < n; j0 += EST_MATRIX_BLOCK) {
        if (cancelled(cancel))
            return rs_error_set(err, RS_ECANCELLED, "est_matrix_svd_fit: cancelled");
        const size_t cols = n - j0 < EST_MATRIX_BLOCK ? n - j0 : EST_MATRIX_BLOCK;
        centred_block(in->Y, out->b, d, n, j0, cols, Yb);
        /* V(j0:j0+cols, :) = Yc_b^T U */
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)cols, (int)k, (int)d, 1.0, Yb,
                    (int)cols, out->U, (int)k, 0.0, out->V + j0 * k, (int)k);
    }
    out->iters = 0;
    out->flags = 0;
    return RS_OK;
}
