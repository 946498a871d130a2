/* met_teacher.c — e(A) of eq. (22), second-layer fit and test error (Gao, Makkuva, Oh, Viswanath
 * 2019). */
#include "met_teacher.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_cblas.h>
#include <lapacke.h>

const char *const met_teacher_names[MET_TEACHER_COUNT] = {"e_a",    "loss",   "test_err", "seconds",
                                                          "s2_err", "s4_err", "e_perm"};

rs_status met_teacher_align(const double *A, const double *Astar, size_t k, size_t d, double *work,
                            double *M, rs_error *err)
{
    if (k == d) {
        /* M A* = A  <=>  A*^T M^T = A^T: one LU solve with k right-hand sides */
        double *At = work, *Bt = work + k * d;
        lapack_int *piv = (lapack_int *)(work + 2 * k * d);
        for (size_t i = 0; i < k; i++)
            for (size_t j = 0; j < d; j++) {
                At[j * k + i] = Astar[i * d + j];
                Bt[j * k + i] = A[i * d + j];
            }
        if (LAPACKE_dgesv(LAPACK_ROW_MAJOR, (lapack_int)k, (lapack_int)k, At, (lapack_int)k, piv,
                          Bt, (lapack_int)k) != 0)
            return rs_error_set(err, RS_ENUMERIC, "met_teacher_align: A* singular (k = %zu)", k);
        for (size_t i = 0; i < k; i++)
            for (size_t j = 0; j < k; j++)
                M[i * k + j] = Bt[j * k + i];
    } else {
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)k, (int)k, (int)d, 1.0, A, (int)d,
                    Astar, (int)d, 0.0, M, (int)k);
        /* M_ij = <a_i, a*_j> / (|a_i| |a*_j|): already blind to the row scaling. Unit rows
         * of M instead would divide by |proj of a_i on A*'s rows|, which is |a_i| only for
         * orthonormal A* rows: A = A* would then not score 0. */
        for (size_t i = 0; i < k; i++) {
            const double s = cblas_dnrm2((int)d, A + i * d, 1);
            if (!(s > 0.0) || !isfinite(s))
                return rs_error_set(err, RS_ENUMERIC,
                                    "met_teacher_align: row %zu of A is zero or not finite", i);
            for (size_t j = 0; j < k; j++)
                M[i * k + j] /= s * cblas_dnrm2((int)d, Astar + j * d, 1);
        }
        return RS_OK;
    }
    for (size_t i = 0; i < k; i++) { /* unit rows: e(A) ignores the row scaling D */
        const double s = cblas_dnrm2((int)k, M + i * k, 1);
        if (!(s > 0.0) || !isfinite(s))
            return rs_error_set(err, RS_ENUMERIC,
                                "met_teacher_align: row %zu of A is zero or not finite", i);
        cblas_dscal((int)k, 1.0 / s, M + i * k, 1);
    }
    return RS_OK;
}

unsigned met_teacher_mu_flags(double mu)
{
    return mu < MET_TEACHER_MU_MAX ? 0u : MET_TEACHER_FLAG_MU_OUTSIDE;
}

/* Scale each row of M (k x k) to unit norm: e(A) ignores the row scaling D. */
static rs_status unit_rows(double *M, size_t k, rs_error *err)
{
    for (size_t i = 0; i < k; i++) {
        const double s = cblas_dnrm2((int)k, M + i * k, 1);
        if (!(s > 0.0) || !isfinite(s))
            return rs_error_set(err, RS_ENUMERIC,
                                "met_teacher_align: row %zu of A is zero or not finite", i);
        cblas_dscal((int)k, 1.0 / s, M + i * k, 1);
    }
    return RS_OK;
}

rs_status met_teacher_align_printed(const double *A, const double *Astar, size_t k, size_t d,
                                    double *work, double *M, rs_error *err)
{
    if (k != d)
        return met_teacher_align(A, Astar, k, d, work, M, err);
    /* A* M = A: one LU solve with k right-hand sides (the columns of A) */
    double *As = work;
    lapack_int *piv = (lapack_int *)(work + 2 * k * d);
    memcpy(As, Astar, k * d * sizeof *As);
    memcpy(M, A, k * d * sizeof *M);
    if (LAPACKE_dgesv(LAPACK_ROW_MAJOR, (lapack_int)k, (lapack_int)k, As, (lapack_int)k, piv, M,
                      (lapack_int)k) != 0)
        return rs_error_set(err, RS_ENUMERIC, "met_teacher_align: A* singular (k = %zu)", k);
    return unit_rows(M, k, err);
}

/* The two terms of eq. (22): 1 - min_i max_j |M_ij| (rows) and 1 - min_j max_i |M_ij|. */
static void e_terms(const double *M, size_t k, double *row_term, double *col_term)
{
    double min_row = INFINITY, min_col = INFINITY;
    for (size_t i = 0; i < k; i++) {
        double mr = 0.0, mc = 0.0;
        for (size_t j = 0; j < k; j++) {
            mr = fmax(mr, fabs(M[i * k + j])); /* max_j |M_ij| */
            mc = fmax(mc, fabs(M[j * k + i])); /* max_j |M_ji| */
        }
        min_row = fmin(min_row, mr);
        min_col = fmin(min_col, mc);
    }
    *row_term = 1.0 - min_row;
    *col_term = 1.0 - min_col;
}

double met_teacher_e(const double *M, size_t k)
{
    double r, c;
    e_terms(M, k, &r, &c);
    return fmin(r, c); /* eq. (22) */
}

double met_teacher_e_perm(const double *M, size_t k)
{
    double r, c;
    e_terms(M, k, &r, &c);
    return fmax(r, c); /* both terms small: M near a signed permutation */
}

/* P = ReLU(X A^T), one dgemm. */
static void features(const double *A, const double *X, size_t n, size_t k, size_t d, double *P)
{
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)n, (int)k, (int)d, 1.0, X, (int)d, A,
                (int)d, 0.0, P, (int)k);
    for (size_t i = 0; i < n * k; i++)
        P[i] = fmax(P[i], 0.0);
}

rs_status met_teacher_fit_w(const double *A, const double *X, const double *y, size_t n, size_t k,
                            size_t d, double *P, double *work, double *w, rs_error *err)
{
    double *PtP = work, *rhs = work + k * k;
    features(A, X, n, k, d, P);
    cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, (int)k, (int)n, 1.0, P, (int)k, 0.0, PtP,
                (int)k);
    cblas_dgemv(CblasRowMajor, CblasTrans, (int)n, (int)k, 1.0, P, (int)k, y, 1, 0.0, rhs, 1);
    if (LAPACKE_dposv(LAPACK_ROW_MAJOR, 'U', (lapack_int)k, 1, PtP, (lapack_int)k, rhs, 1) != 0)
        return rs_error_set(err, RS_ENUMERIC,
                            "met_teacher_fit_w: Phi^T Phi not positive definite (k = %zu)", k);
    memcpy(w, rhs, k * sizeof(double));
    return RS_OK;
}

double met_teacher_test_err(const double *A, const double *w, const double *X, const double *y,
                            size_t n, size_t k, size_t d, double *P)
{
    features(A, X, n, k, d, P);
    double mean = 0.0;
    for (size_t s = 0; s < n; s++)
        mean += (y[s] - mean) / (double)(s + 1); /* running mean (STYLE 6) */
    double num = 0.0, den = 0.0;
    for (size_t s = 0; s < n; s++) {
        const double yhat = cblas_ddot((int)k, P + s * k, 1, w, 1);
        num += (yhat - y[s]) * (yhat - y[s]);
        den += (y[s] - mean) * (y[s] - mean);
    }
    return num / den;
}
