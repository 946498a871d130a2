/* jennrich.c — Jennrich's algorithm for the diagonal quadratic pushforward (the
 * polynomial-pushforward slides), and the permutation-matched error. */
#include "jennrich.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_cblas.h>
#include <gsl/gsl_randist.h>
#include <lapacke.h>

size_t jennrich_work(size_t d, size_t r)
{
    /* Gc, ev, P, x, tmp, Mx, 6 r x r, ipiv, wr, wi, best VR, best wr */
    return d * d + d + r * d + d + r * d + d * d + 6 * r * r + 4 * r + r * r + r;
}

/* A = P T(., ., x) P^T for x = P^T xt (step 2); x (d), tmp (r*d), M (d*d) are scratch. */
static void contract(const double *T, const double *P, size_t d, size_t r, const double *xt,
                     double *x, double *M, double *tmp, double *A)
{
    cblas_dgemv(CblasRowMajor, CblasTrans, (int)r, (int)d, 1.0, P, (int)d, xt, 1, 0.0, x, 1);
    /* M(a, b) = sum_c T(a, b, c) x_c: T as a d^2 x d matrix */
    cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)(d * d), (int)d, 1.0, T, (int)d, x, 1, 0.0, M, 1);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)r, (int)d, (int)d, 1.0, P, (int)d,
                M, (int)d, 0.0, tmp, (int)d);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)r, (int)r, (int)d, 1.0, tmp, (int)d,
                P, (int)d, 0.0, A, (int)r);
}

/* min_{i<j} |mu_i - mu_j| / max |mu_i|; 0 for coincident eigenvalues. */
static double rel_gap(const double *mu, size_t r)
{
    double big = 0.0, g = INFINITY;
    for (size_t i = 0; i < r; i++)
        big = fmax(big, fabs(mu[i]));
    for (size_t i = 0; i < r; i++)
        for (size_t j = i + 1; j < r; j++)
            g = fmin(g, fabs(mu[i] - mu[j]));
    return r < 2 ? 1.0 : (big > 0.0 ? g / big : 0.0);
}

/* The arrays of jennrich_fit, carved from its caller's work in jennrich_work's order. */
typedef struct {
    double *Gc, *ev, *P, *x, *tmp, *M, *Ax, *Ay, *Z, *Zc, *VR, *xt, *yt, *wr, *wi, *Bbest;
    lapack_int *ipiv; /* in its own r (8-byte) slots */
} jennrich_bufs;

/* Point the arrays of b into work (jennrich_work(d, r) doubles). */
static void carve(double *work, size_t d, size_t r, jennrich_bufs *b)
{
    b->Gc = work, b->ev = b->Gc + d * d, b->P = b->ev + d, b->x = b->P + r * d;
    b->tmp = b->x + d, b->M = b->tmp + r * d, b->Ax = b->M + d * d, b->Ay = b->Ax + r * r;
    b->Z = b->Ay + r * r, b->Zc = b->Z + r * r, b->VR = b->Zc + r * r, b->xt = b->VR + r * r;
    b->yt = b->xt + r, b->wr = b->yt + r, b->wi = b->wr + r, b->Bbest = b->wi + r;
    b->ipiv = (lapack_int *)(b->Bbest + r * r);
}

/* Step 1: eigenvalues of G ascending into b->ev, eigenvectors in the columns of b->Gc, and
 * the whitening P(k, :) = u_k / sqrt(lambda_k) of the top r. Raises JENNRICH_FLAG_RANK
 * (and leaves P unset) when G has fewer than r positive eigenvalues. */
static rs_status whiten(const double *G, size_t d, size_t r, jennrich_bufs *b, unsigned *flags,
                        rs_error *err)
{
    memcpy(b->Gc, G, d * d * sizeof *G);
    const lapack_int nd = (lapack_int)d;
    if (LAPACKE_dsyev(LAPACK_ROW_MAJOR, 'V', 'U', nd, b->Gc, nd, b->ev) < 0)
        return rs_error_set(err, RS_ENUMERIC, "jennrich_fit: dsyev illegal argument, d = %zu", d);
    /* rank test: a positive eigenvalue below d eps lambda_max is rounding of a zero one */
    const double lmax = b->ev[d - 1], lmin = b->ev[d - r];
    if (!(lmin > (double)d * DBL_EPSILON * lmax)) {
        *flags |= JENNRICH_FLAG_RANK;
        return RS_OK;
    }
    for (size_t k = 0; k < r; k++) { /* P(k, :) = u_k / sqrt(lambda_k), top eigenpairs first */
        const size_t col = d - 1 - k;
        for (size_t a = 0; a < d; a++)
            b->P[k * d + a] = b->Gc[a * d + col] / sqrt(b->ev[col]);
    }
    return RS_OK;
}

/* Steps 2-3, JENNRICH_TRIES times: contract T along two random directions, eigenvectors of
 * A_y^{-1} A_x; keeps in b->Bbest those of the best-separated decomposition, real ones
 * first. *best receives its gap (-1 when every A_y was singular or dgeev failed), *is_complex
 * whether its eigenvalues were complex. */
static rs_status decompose(const double *T, size_t d, size_t r, gsl_rng *rng, jennrich_bufs *b,
                           double *best, unsigned *is_complex, rs_error *err)
{
    const lapack_int n = (lapack_int)r;
    *best = -1.0;
    *is_complex = 1;
    for (size_t t = 0; t < JENNRICH_TRIES; t++) {
        for (size_t k = 0; k < r; k++) {
            b->xt[k] = gsl_ran_gaussian_ziggurat(rng, 1.0);
            b->yt[k] = gsl_ran_gaussian_ziggurat(rng, 1.0);
        }
        contract(T, b->P, d, r, b->xt, b->x, b->M, b->tmp, b->Ax);
        contract(T, b->P, d, r, b->yt, b->x, b->M, b->tmp, b->Ay);
        /* Z = A_y^{-1} A_x by LU */
        memcpy(b->Z, b->Ax, r * r * sizeof *b->Z);
        const lapack_int info = LAPACKE_dgesv(LAPACK_ROW_MAJOR, n, n, b->Ay, n, b->ipiv, b->Z, n);
        if (info < 0)
            return rs_error_set(err, RS_ENUMERIC, "jennrich_fit: dgesv illegal argument");
        if (info > 0)
            continue; /* singular A_y: try another pair */
        memcpy(b->Zc, b->Z, r * r * sizeof *b->Z);
        if (LAPACKE_dgeev(LAPACK_ROW_MAJOR, 'N', 'V', n, b->Zc, n, b->wr, b->wi, NULL, n, b->VR,
                          n) != 0)
            continue;
        unsigned cplx = 0;
        for (size_t k = 0; k < r; k++)
            cplx |= b->wi[k] != 0.0;
        const double g = rel_gap(b->wr, r);
        if ((cplx < *is_complex) || (cplx == *is_complex && g > *best)) {
            *best = g;
            *is_complex = cplx;
            memcpy(b->Bbest, b->VR, r * r * sizeof *b->VR);
        }
    }
    return RS_OK;
}

/* Step 4: w_i = U_r Lambda^{1/2} b_i into W_hat(:, i), b_i the normalised column i of
 * b->Bbest, its sign from T(v, v, v). */
static void columns(const double *T, size_t d, size_t r, jennrich_bufs *b, double *W_hat)
{
    for (size_t i = 0; i < r; i++) {
        double nb = 0.0;
        for (size_t k = 0; k < r; k++)
            nb += b->Bbest[k * r + i] * b->Bbest[k * r + i];
        nb = sqrt(nb);
        for (size_t k = 0; k < r; k++)
            b->xt[k] = b->Bbest[k * r + i] / nb;
        /* v = P^T b_i into x; T(v, v, v) = v^T M v with M = T(., ., v) */
        cblas_dgemv(CblasRowMajor, CblasTrans, (int)r, (int)d, 1.0, b->P, (int)d, b->xt, 1, 0.0,
                    b->x, 1);
        cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)(d * d), (int)d, 1.0, T, (int)d, b->x, 1, 0.0,
                    b->M, 1);
        cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)d, (int)d, 1.0, b->M, (int)d, b->x, 1, 0.0,
                    b->tmp, 1);
        const double s = cblas_ddot((int)d, b->x, 1, b->tmp, 1) < 0.0 ? -1.0 : 1.0;
        for (size_t a = 0; a < d; a++) {
            double w = 0.0; /* (U_r Lambda^{1/2} b_i)(a) */
            for (size_t k = 0; k < r; k++) {
                const size_t col = d - 1 - k;
                w += b->Gc[a * d + col] * sqrt(b->ev[col]) * b->xt[k];
            }
            W_hat[a * r + i] = s * w;
        }
    }
}

rs_status jennrich_fit(const double *T, const double *G, size_t d, size_t r, gsl_rng *rng,
                       double *W_hat, double *gap, unsigned *flags, double *work, rs_error *err)
{
    *flags = 0;
    *gap = NAN;
    if (r == 0 || r > d)
        return rs_error_set(err, RS_EINVAL, "jennrich_fit: r = %zu must be in 1..d = %zu", r, d);
    for (size_t i = 0; i < d * r; i++)
        W_hat[i] = NAN;
    jennrich_bufs b;
    carve(work, d, r, &b);
    rs_status st = whiten(G, d, r, &b, flags, err);
    if (st != RS_OK || (*flags & JENNRICH_FLAG_RANK))
        return st;
    double best;
    unsigned best_complex;
    st = decompose(T, d, r, rng, &b, &best, &best_complex, err);
    if (st != RS_OK)
        return st;
    if (best < 0.0) {
        *flags |= JENNRICH_FLAG_SINGULAR;
        return RS_OK;
    }
    if (best_complex)
        *flags |= JENNRICH_FLAG_COMPLEX;
    *gap = best;
    columns(T, d, r, &b, W_hat);
    return RS_OK;
}

size_t jennrich_match_work(size_t r)
{
    return r * r + 3 * (r + 1);
}
size_t jennrich_match_iwork(size_t r)
{
    return 4 * (r + 1);
}

/* Hungarian algorithm with potentials (Kuhn 1955, Munkres 1957; the O(r^3) shortest
 * augmenting path form): assignment of rows i to columns minimising sum C(i, col(i)).
 * C is r x r; u, v, minv are r+1 doubles; p, way, used are r+1 size_t's; 1-based inside. */
static void hungarian(const double *C, size_t r, double *u, double *v, double *minv, size_t *p,
                      size_t *way, size_t *used, size_t *assign)
{
    for (size_t j = 0; j <= r; j++)
        u[j] = v[j] = 0.0, p[j] = 0, way[j] = 0;
    for (size_t i = 1; i <= r; i++) {
        p[0] = i;
        size_t j0 = 0;
        for (size_t j = 0; j <= r; j++)
            minv[j] = INFINITY, used[j] = 0;
        do {
            used[j0] = 1;
            const size_t i0 = p[j0];
            double delta = INFINITY;
            size_t j1 = 0;
            for (size_t j = 1; j <= r; j++) {
                if (used[j])
                    continue;
                const double cur = C[(i0 - 1) * r + (j - 1)] - u[i0] - v[j];
                if (cur < minv[j])
                    minv[j] = cur, way[j] = j0;
                if (minv[j] < delta)
                    delta = minv[j], j1 = j;
            }
            for (size_t j = 0; j <= r; j++) {
                if (used[j])
                    u[p[j]] += delta, v[j] -= delta;
                else
                    minv[j] -= delta;
            }
            j0 = j1;
        } while (p[j0] != 0);
        do {
            const size_t j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
        } while (j0);
    }
    for (size_t j = 1; j <= r; j++)
        assign[p[j] - 1] = j - 1;
}

double jennrich_match(const double *W, const double *W_hat, size_t d, size_t r, size_t *perm,
                      double *work, size_t *iwork)
{
    double *C = work, *u = C + r * r, *v = u + (r + 1), *minv = v + (r + 1);
    double nw = 0.0;
    for (size_t i = 0; i < d * r; i++) {
        if (!isfinite(W_hat[i]))
            return NAN;
        nw += W[i] * W[i];
    }
    for (size_t i = 0; i < r; i++)
        for (size_t j = 0; j < r; j++) {
            double c = 0.0; /* ||W(:, i) - W_hat(:, j)||^2 */
            for (size_t a = 0; a < d; a++) {
                const double e = W[a * r + i] - W_hat[a * r + j];
                c += e * e;
            }
            C[i * r + j] = c;
        }
    size_t *assign = perm ? perm : iwork + 3 * (r + 1);
    hungarian(C, r, u, v, minv, iwork, iwork + (r + 1), iwork + 2 * (r + 1), assign);
    double e = 0.0;
    for (size_t i = 0; i < r; i++)
        e += C[i * r + assign[i]];
    return sqrt(e / nw);
}
