/* gen_quadratic.c — ground truth, gauge action and samples of the quadratic pushforward
 * (the polynomial-pushforward slides). */
#include "gen_quadratic.h"

#include <math.h>
#include <string.h>

/* GSL's CBLAS prototypes; the symbols resolve to OpenBLAS (STYLE 6, gen_relu.c). */
#include <gsl/gsl_cblas.h>
#include <gsl/gsl_randist.h>
#include <lapacke.h>

#include "rng_normals.h"

size_t gen_quadratic_pairs(size_t r)
{
    return r * (r + 1) / 2;
}

/* One GOE matrix E = (A + A^T) / (2 sqrt r) into E (r*r), added times s to E if add. */
static void goe(gsl_rng *rng, size_t r, double s, int add, double *E)
{
    const double c = s / (2.0 * sqrt((double)r));
    for (size_t i = 0; i < r; i++)
        for (size_t j = i; j < r; j++) {
            /* A(i,j) + A(j,i): two draws off the diagonal, 2 A(i,i) on it */
            const double v =
                i == j ? 2.0 * gsl_ran_gaussian_ziggurat(rng, 1.0)
                       : gsl_ran_gaussian_ziggurat(rng, 1.0) + gsl_ran_gaussian_ziggurat(rng, 1.0);
            if (add) {
                E[i * r + j] += c * v;
                if (j != i)
                    E[j * r + i] += c * v;
            } else {
                E[i * r + j] = E[j * r + i] = c * v;
            }
        }
}

rs_status gen_quadratic_truth(size_t d, size_t r, int family, double smooth, gsl_rng *rng,
                              double *Q, rs_error *err)
{
    if (d == 0 || r == 0)
        return rs_error_set(err, RS_EINVAL, "gen_quadratic_truth: d = %zu, r = %zu must be >= 1", d,
                            r);
    if (!(smooth >= 0.0) || !isfinite(smooth))
        return rs_error_set(err, RS_EINVAL, "gen_quadratic_truth: smooth = %g must be >= 0",
                            smooth);
    const size_t rr = r * r;
    switch (family) {
    case GEN_QUADRATIC_SMOOTHED:
        goe(rng, r, 1.0, 0, Q); /* the base B, copied into every Q_a */
        for (size_t a = 1; a < d; a++)
            memcpy(Q + a * rr, Q, rr * sizeof *Q);
        for (size_t a = 0; a < d; a++)
            goe(rng, r, smooth, 1, Q + a * rr); /* + smooth E_a */
        return RS_OK;
    case GEN_QUADRATIC_RANDOM:
        for (size_t a = 0; a < d; a++)
            goe(rng, r, 1.0, 0, Q + a * rr);
        return RS_OK;
    case GEN_QUADRATIC_DIAGONAL:
        memset(Q, 0, d * rr * sizeof *Q);
        for (size_t i = 0; i < r; i++) /* the base b(i) on every diagonal */
            Q[i * r + i] = gsl_ran_gaussian_ziggurat(rng, 1.0);
        for (size_t a = 0; a < d; a++)
            for (size_t i = 0; i < r; i++)
                Q[a * rr + i * r + i] = Q[i * r + i];
        for (size_t a = 0; a < d; a++)
            for (size_t i = 0; i < r; i++)
                Q[a * rr + i * r + i] += smooth * gsl_ran_gaussian_ziggurat(rng, 1.0);
        return RS_OK;
    default:
        return rs_error_set(err, RS_EINVAL,
                            "gen_quadratic_truth: family = %d is not smoothed|random|diagonal",
                            family);
    }
}

rs_status gen_quadratic_orthogonal(size_t r, gsl_rng *rng, double *U, double *work, rs_error *err)
{
    double *tau = work + r * r;
    rng_normals_fill(rng, U, r * r);
    const lapack_int n = (lapack_int)r;
    if (LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, n, n, U, n, tau) != 0)
        return rs_error_set(err, RS_ENUMERIC, "gen_quadratic_orthogonal: dgeqrf failed, r = %zu",
                            r);
    double *sign = work; /* sign(R(j,j)), before dorgqr overwrites R */
    for (size_t j = 0; j < r; j++)
        sign[j] = U[j * r + j] < 0.0 ? -1.0 : 1.0;
    if (LAPACKE_dorgqr(LAPACK_ROW_MAJOR, n, n, n, U, n, tau) != 0)
        return rs_error_set(err, RS_ENUMERIC, "gen_quadratic_orthogonal: dorgqr failed, r = %zu",
                            r);
    /* U diag(sign R): without it the distribution is not Haar (Mezzadri 2007) */
    for (size_t i = 0; i < r; i++)
        for (size_t j = 0; j < r; j++)
            U[i * r + j] *= sign[j];
    return RS_OK;
}

void gen_quadratic_gauge(const double *Q, const double *U, size_t d, size_t r, double *QU,
                         double *work)
{
    const int n = (int)r;
    for (size_t a = 0; a < d; a++) {
        /* work = U Q_a, then QU_a = work U^T */
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, U, n, Q + a * r * r, n,
                    0.0, work, n);
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, n, n, 1.0, work, n, U, n, 0.0,
                    QU + a * r * r, n);
        /* restore exact symmetry lost to rounding, so moments see a symmetric Q_a */
        double *M = QU + a * r * r;
        for (size_t i = 0; i < r; i++)
            for (size_t j = i + 1; j < r; j++)
                M[i * r + j] = M[j * r + i] = 0.5 * (M[i * r + j] + M[j * r + i]);
    }
}

void gen_quadratic_pack(const double *Q, size_t d, size_t r, double *V)
{
    size_t p = 0;
    for (size_t i = 0; i < r; i++)
        for (size_t j = i; j < r; j++, p++)
            for (size_t a = 0; a < d; a++)
                V[p * d + a] = (i == j ? 1.0 : 2.0) * Q[(a * r + i) * r + j];
}

void gen_quadratic_draw(gsl_rng *rng, size_t rows, size_t r, double *G)
{
    rng_normals_fill(rng, G, rows * r); /* GSL's ziggurat normals, the same bits */
}

void gen_quadratic_eval(const double *V, size_t d, size_t r, const double *G, size_t rows,
                        double *K, double *X, size_t ldx)
{
    const size_t P = gen_quadratic_pairs(r);
    for (size_t m = 0; m < rows; m++) {
        const double *g = G + m * r;
        double *k = K + m * P;
        for (size_t i = 0; i < r; i++) {
            const double gi = g[i];
            for (size_t j = i; j < r; j++)
                *k++ = gi * g[j]; /* K(m, (i,j)) = g_i g_j */
        }
    }
    /* X (rows x d) = K (rows x P) V (P x d): the batched quadratic forms, one dgemm */
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)rows, (int)d, (int)P, 1.0, K,
                (int)P, V, (int)d, 0.0, X, (int)ldx);
}
