/* llsfe4.c — fourth-degree LLSFE: eqs. (3)-(5) of Gao, Makkuva, Oh, Viswanath 2019 with
 * p = 4, by quadrature and Newton's method (see llsfe4.h). */
#include "llsfe4.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_integration.h>
#include <lapacke.h>

enum { DEG = 4, BASE = DEG + 1, MAX_CODES = BASE * BASE * BASE, NEWTON_MAX = 200 };

struct llsfe4 {
    size_t d, T, Q;       /* dimension, monomials, quadrature nodes */
    unsigned *alpha;      /* T x d exponents */
    int index[MAX_CODES]; /* base-5 code of an exponent vector -> monomial, -1 if none */
    double *phi;          /* Q x T monomials at the nodes */
    double *wk;           /* Q: quadrature weight times the kernel exp(-|v|^2/2) */
    double *e, *m, *H, *Hf, *theta, *trial, *step, *grad, *pw; /* Newton work */
};

/* Nodes per coordinate: the integrand exp(-|v|^2/2 + quartic) on [-3, 3] is entire, so
 * Gauss-Legendre converges fast; 24 nodes leave errors far below the fit's tolerance. */
static size_t nodes_per_dim(size_t d)
{
    return d <= 2 ? 24 : 16;
}

static size_t ipow(size_t a, size_t k)
{
    size_t r = 1;
    while (k--)
        r *= a;
    return r;
}

static size_t terms_of(size_t d)
{
    size_t t = 1; /* C(d + 4, 4) */
    for (size_t i = 1; i <= DEG; i++)
        t = t * (d + i) / i;
    return t;
}

size_t llsfe4_bytes(size_t d)
{
    if (d < 1 || d > LLSFE4_MAX_D)
        return 0;
    const size_t T = terms_of(d), Q = ipow(nodes_per_dim(d), d);
    return sizeof(llsfe4) + T * d * sizeof(unsigned) +
           (Q * T + 2 * Q + 2 * T * T + 5 * T + d * BASE) * sizeof(double);
}

/* Monomials by total degree, then by base-5 code, with the code -> index map. */
static void build_monomials(llsfe4 *q)
{
    const size_t d = q->d, codes = ipow(BASE, d);
    size_t j = 0;
    for (int c = 0; c < MAX_CODES; c++)
        q->index[c] = -1;
    for (unsigned t = 0; t <= DEG; t++)
        for (size_t c = 0; c < codes; c++) {
            unsigned s = 0, a[LLSFE4_MAX_D];
            for (size_t k = 0, r = c; k < d; k++, r /= BASE)
                s += a[k] = (unsigned)(r % BASE);
            if (s != t)
                continue;
            memcpy(q->alpha + j * d, a, d * sizeof(unsigned));
            q->index[c] = (int)j++;
        }
}

/* Monomials of v into out (T), from the power table pw (d x BASE). */
static void monomials(const llsfe4 *q, const double *v, double *pw, double *out)
{
    const size_t d = q->d;
    for (size_t a = 0; a < d; a++) {
        pw[a * BASE] = 1.0;
        for (size_t k = 1; k < BASE; k++)
            pw[a * BASE + k] = pw[a * BASE + k - 1] * v[a];
    }
    for (size_t j = 0; j < q->T; j++) {
        double r = 1.0;
        for (size_t a = 0; a < d; a++)
            r *= pw[a * BASE + q->alpha[j * d + a]];
        out[j] = r;
    }
}

static int build_nodes(llsfe4 *q)
{
    const size_t d = q->d, nq = nodes_per_dim(d);
    gsl_integration_glfixed_table *t = gsl_integration_glfixed_table_alloc(nq);
    if (!t)
        return 0;
    double x1[32], w1[32];
    for (size_t i = 0; i < nq; i++)
        gsl_integration_glfixed_point(-LLSFE4_RADIUS, LLSFE4_RADIUS, i, &x1[i], &w1[i], t);
    gsl_integration_glfixed_table_free(t);
    for (size_t k = 0; k < q->Q; k++) {
        double v[LLSFE4_MAX_D], w = 1.0, r2 = 0.0;
        for (size_t a = 0, r = k; a < d; a++, r /= nq) {
            v[a] = x1[r % nq];
            w *= w1[r % nq];
            r2 += v[a] * v[a];
        }
        q->wk[k] = w * exp(-0.5 * r2);
        monomials(q, v, q->pw, q->phi + k * q->T);
    }
    return 1;
}

llsfe4 *llsfe4_alloc(size_t d)
{
    if (d < 1 || d > LLSFE4_MAX_D)
        return NULL;
    llsfe4 *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    q->d = d, q->T = terms_of(d), q->Q = ipow(nodes_per_dim(d), d);
    const size_t T = q->T, Q = q->Q;
    q->alpha = malloc(T * d * sizeof(unsigned));
    q->phi = malloc((Q * T + 2 * Q + 2 * T * T + 5 * T + d * BASE) * sizeof(double));
    if (!q->alpha || !q->phi) {
        llsfe4_free(q);
        return NULL;
    }
    q->wk = q->phi + Q * T, q->e = q->wk + Q, q->H = q->e + Q, q->Hf = q->H + T * T;
    q->m = q->Hf + T * T, q->theta = q->m + T, q->trial = q->theta + T, q->step = q->trial + T;
    q->grad = q->step + T, q->pw = q->grad + T;
    build_monomials(q);
    if (!build_nodes(q)) {
        llsfe4_free(q);
        return NULL;
    }
    return q;
}

void llsfe4_free(llsfe4 *q)
{
    if (!q)
        return;
    free(q->alpha);
    free(q->phi);
    free(q);
}

size_t llsfe4_terms(const llsfe4 *q)
{
    return q->T;
}

void llsfe4_exponents(const llsfe4 *q, size_t j, unsigned *alpha)
{
    memcpy(alpha, q->alpha + j * q->d, q->d * sizeof(unsigned));
}

size_t llsfe4_moments(llsfe4 *q, const double *X, size_t n, const double *x, double h, double *b)
{
    const size_t d = q->d, T = q->T;
    size_t inside = 0;
    double *phi = q->m; /* T scratch */
    memset(b, 0, T * sizeof(double));
    for (size_t i = 0; i < n; i++) {
        double v[LLSFE4_MAX_D], r2 = 0.0;
        int in = 1;
        for (size_t a = 0; a < d; a++) {
            v[a] = (X[i * d + a] - x[a]) / h;
            in &= fabs(v[a]) <= LLSFE4_RADIUS;
            r2 += v[a] * v[a];
        }
        if (!in)
            continue;
        inside++;
        const double k = exp(-0.5 * r2);
        monomials(q, v, q->pw, phi);
        for (size_t j = 0; j < T; j++)
            b[j] += k * phi[j];
    }
    if (inside)
        for (size_t j = T; j-- > 0;)
            b[j] /= b[0];
    return inside;
}

/* The local log-likelihood (3) in the scaled variable v, up to constants: b.theta minus the
 * quadrature of K(v) exp(theta.phi(v)); fills e (Q) with the integrand's terms. -inf when an
 * exponent overflows. */
static double objective(llsfe4 *q, const double *theta, const double *b, double *e)
{
    const size_t T = q->T;
    double bt = 0.0, s = 0.0;
    for (size_t j = 0; j < T; j++)
        bt += b[j] * theta[j];
    for (size_t k = 0; k < q->Q; k++) {
        const double *ph = q->phi + k * T;
        double z = 0.0;
        for (size_t j = 0; j < T; j++)
            z += theta[j] * ph[j];
        if (z > 700.0)
            return -INFINITY;
        e[k] = q->wk[k] * exp(z);
        s += e[k];
    }
    return bt - s;
}

/* Gradient b - E[phi] (grad) and minus the Hessian, the Gram matrix E[phi phi^T] (H), of the
 * objective at the e of its last evaluation. */
static void derivatives(llsfe4 *q, const double *b)
{
    const size_t T = q->T;
    memset(q->m, 0, T * sizeof(double));
    memset(q->H, 0, T * T * sizeof(double));
    for (size_t k = 0; k < q->Q; k++) {
        const double *ph = q->phi + k * T, ek = q->e[k];
        for (size_t i = 0; i < T; i++) {
            const double ei = ek * ph[i];
            q->m[i] += ei;
            for (size_t j = 0; j <= i; j++)
                q->H[i * T + j] += ei * ph[j];
        }
    }
    for (size_t i = 0; i < T; i++)
        q->grad[i] = b[i] - q->m[i];
}

/* Newton's method with backtracking on the concave objective; 1 when converged. */
static int newton(llsfe4 *q, const double *b)
{
    const size_t T = q->T;
    double wsum = 0.0;
    for (size_t k = 0; k < q->Q; k++)
        wsum += q->wk[k];
    memset(q->theta, 0, T * sizeof(double));
    q->theta[0] = log(b[0] / wsum); /* the kernel's own moments, matched in mass */
    double F = objective(q, q->theta, b, q->e);
    for (int it = 0; it < NEWTON_MAX; it++) {
        derivatives(q, b);
        memcpy(q->Hf, q->H, T * T * sizeof(double));
        memcpy(q->step, q->grad, T * sizeof(double));
        if (LAPACKE_dposv(LAPACK_ROW_MAJOR, 'L', (lapack_int)T, 1, q->Hf, (lapack_int)T, q->step,
                          1) != 0)
            return 0;
        double dec = 0.0; /* Newton decrement squared */
        for (size_t j = 0; j < T; j++)
            dec += q->grad[j] * q->step[j];
        if (!isfinite(dec))
            return 0;
        /* dec / 2 estimates F's distance to its maximum; F is O(1), so 1e-20 is rounding */
        if (dec < 1e-20)
            return 1;
        double t = 1.0, Ft = -INFINITY;
        for (; t > 1e-12; t *= 0.5) {
            for (size_t j = 0; j < T; j++)
                q->trial[j] = q->theta[j] + t * q->step[j];
            Ft = objective(q, q->trial, b, q->e);
            if (Ft >= F + 0.25 * t * dec) /* Armijo on the ascent direction */
                break;
        }
        if (!(t > 1e-12) || (Ft <= F && dec < 1e-14))
            return dec < 1e-14; /* no progress: at the maximum to rounding, or stuck */
        memcpy(q->theta, q->trial, T * sizeof(double));
        F = Ft;
    }
    return 0;
}

/* Fill the symmetric tensor G_j (d^j entries) from the coefficients: the model (4) in
 * v = (u - x)/h is sum_alpha theta_alpha v^alpha, so d^alpha log f(x) = alpha! theta_alpha
 * / h^|alpha|, and an entry (i_1..i_j) is the derivative with alpha = its index counts. */
static void tensor(const llsfe4 *q, unsigned j, double h, double *G)
{
    const size_t d = q->d, cells = ipow(d, j);
    static const double fact[BASE] = {1, 1, 2, 6, 24};
    for (size_t c = 0; c < cells; c++) {
        unsigned cnt[LLSFE4_MAX_D] = {0};
        for (size_t k = 0, r = c; k < j; k++, r /= d)
            cnt[r % d]++;
        size_t code = 0;
        double af = 1.0;
        for (size_t a = d; a-- > 0;) {
            code = code * BASE + cnt[a];
            af *= fact[cnt[a]];
        }
        G[c] = af * q->theta[q->index[code]] / pow(h, (double)j);
    }
}

rs_status llsfe4_fit(llsfe4 *q, const double *b, double h, double *g1, double *G2, double *G3,
                     double *G4, rs_error *err)
{
    const size_t d = q->d;
    if (!(h > 0.0) || !isfinite(h))
        return rs_error_set(err, RS_EINVAL, "llsfe4_fit: bandwidth h = %g, allowed > 0", h);
    double *out[DEG] = {g1, G2, G3, G4};
    if (!newton(q, b)) {
        for (unsigned j = 1; j <= DEG; j++)
            for (size_t c = 0; c < ipow(d, j); c++)
                out[j - 1][c] = NAN;
        return rs_error_set(err, RS_ENUMERIC, "llsfe4_fit: no maximiser of (3) (d = %zu)", d);
    }
    for (unsigned j = 1; j <= DEG; j++)
        tensor(q, j, h, out[j - 1]);
    return RS_OK;
}

rs_status llsfe4_eval(llsfe4 *q, const double *X, size_t n, const double *x, double h, double *g1,
                      double *G2, double *G3, double *G4, int *failed, rs_error *err)
{
    if (!(h > 0.0) || !isfinite(h))
        return rs_error_set(err, RS_EINVAL, "llsfe4_eval: bandwidth h = %g, allowed > 0", h);
    double b[128]; /* T <= C(7, 4) = 35 */
    const size_t inside = llsfe4_moments(q, X, n, x, h, b);
    *failed = inside <= q->T;
    if (!*failed)
        *failed = llsfe4_fit(q, b, h, g1, G2, G3, G4, NULL) != RS_OK;
    if (*failed) {
        const size_t d = q->d;
        double *out[DEG] = {g1, G2, G3, G4};
        for (unsigned j = 1; j <= DEG; j++)
            for (size_t c = 0; c < ipow(d, j); c++)
                out[j - 1][c] = NAN;
    }
    return RS_OK;
}
