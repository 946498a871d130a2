/* met_matrix_gauge.c — the gauge-invariant errors of the matrix model (see the header). */
#include "met_matrix_gauge.h"

#include <math.h>
#include <string.h>

#include <cblas.h>

#include "est_matrix.h"

void met_matrix_gauge_eval(const double *A, const double *C, const double *b, const double *Uk,
                           const double *U, const double *V, const double *b_hat, size_t d,
                           size_t n, size_t k, double *scratch, double *rel_err_mb,
                           double *rel_err_gauge)
{
    double *Mh = scratch, *Mt = Mh + d * EST_MATRIX_BLOCK;
    double *rD = Mt + d * EST_MATRIX_BLOCK, *rM = rD + d, *Pr = rM + d, *e = Pr + d;
    double *coef = e + d;
    double dd = 0.0, mm = 0.0; /* ||D||_F^2, ||M||_F^2 */
    memset(rD, 0, 2 * d * sizeof *rD);
    for (size_t j0 = 0; j0 < n; j0 += EST_MATRIX_BLOCK) {
        const size_t cols = n - j0 < EST_MATRIX_BLOCK ? n - j0 : EST_MATRIX_BLOCK;
        /* M_hat(:, block) = U V(block, :)^T and M(:, block) = A C(:, block) */
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)d, (int)cols, (int)k, 1.0, U,
                    (int)k, V + j0 * k, (int)k, 0.0, Mh, (int)cols);
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)d, (int)cols, (int)k, 1.0, A,
                    (int)k, C + j0, (int)n, 0.0, Mt, (int)cols);
        for (size_t i = 0; i < d; i++)
            for (size_t j = 0; j < cols; j++) {
                const double m = Mt[i * cols + j], diff = Mh[i * cols + j] - m;
                dd += diff * diff;
                mm += m * m;
                rD[i] += diff;
                rM[i] += m;
            }
    }
    const double nn = (double)n;
    double re = 0.0, ee = 0.0, rb = 0.0, bb = 0.0;
    for (size_t i = 0; i < d; i++) {
        rD[i] /= nn; /* r = D 1 / n */
        rM[i] /= nn;
        e[i] = b_hat[i] - b[i];
        re += rD[i] * e[i];
        ee += e[i] * e[i];
        rb += rM[i] * b[i];
        bb += b[i] * b[i];
    }
    /* ||D + e 1^T||^2 = ||D||^2 + 2 n <r, e> + n ||e||^2, and the same for M + b 1^T. */
    const double num_mb = dd + 2.0 * nn * re + nn * ee, den_mb = mm + 2.0 * nn * rb + nn * bb;
    *rel_err_mb = sqrt(fmax(0.0, num_mb) / den_mb);
    /* P_A r = Uk (Uk^T r); ||D - P_A r 1^T||^2 = ||D||^2 - n ||P_A r||^2 (P_A a projector). */
    cblas_dgemv(CblasRowMajor, CblasTrans, (int)d, (int)k, 1.0, Uk, (int)k, rD, 1, 0.0, coef, 1);
    cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)d, (int)k, 1.0, Uk, (int)k, coef, 1, 0.0, Pr, 1);
    double pp = 0.0;
    for (size_t i = 0; i < d; i++)
        pp += Pr[i] * Pr[i];
    *rel_err_gauge = sqrt(fmax(0.0, dd - nn * pp) / mm);
}
