/* gen_teacher.c — truth, samples and exact scores of the teacher network (Gao, Makkuva, Oh,
 * Viswanath 2019). */
#include "gen_teacher.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_cblas.h>
#include <gsl/gsl_randist.h>

#include "param.h"

enum { SAMPLE_BLOCK = 1024 };

/* Orthonormalise the m rows of V (m x d, m <= d) in place by modified Gram-Schmidt, run
 * twice ("twice is enough", Giraud et al. 2005) so that rows are orthonormal to ~eps. */
static rs_status orthonormal_rows(double *V, size_t m, size_t d)
{
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < m; i++) {
            double *vi = V + i * d;
            for (size_t j = 0; j < i; j++) {
                const double dot = cblas_ddot((int)d, vi, 1, V + j * d, 1);
                cblas_daxpy((int)d, -dot, V + j * d, 1, vi, 1);
            }
            const double nrm = cblas_dnrm2((int)d, vi, 1);
            if (!(nrm > 0.0))
                return RS_ENUMERIC;
            cblas_dscal((int)d, 1.0 / nrm, vi, 1);
        }
    return RS_OK;
}

static rs_status random_orthonormal(double *V, size_t m, size_t d, gsl_rng *r)
{
    for (size_t i = 0; i < m * d; i++)
        V[i] = gsl_ran_gaussian_ziggurat(r, 1.0);
    return orthonormal_rows(V, m, d);
}

rs_status gen_teacher_truth(int truth, size_t k, size_t d, double kappa, gsl_rng *r, double *work,
                            double *Astar, rs_error *err)
{
    if (k == 0 || k > d)
        return rs_error_set(err, RS_EINVAL, "gen_teacher_truth: k = %zu, allowed 1..d = %zu", k, d);
    if (!(kappa >= 1.0) || !isfinite(kappa))
        return rs_error_set(err, RS_EINVAL, "gen_teacher_truth: kappa = %g, allowed >= 1", kappa);
    if (truth == TRUTH_IDENTITY) {
        memset(Astar, 0, k * d * sizeof(double));
        for (size_t i = 0; i < k; i++)
            Astar[i * d + i] = 1.0;
        return RS_OK;
    }
    if (truth != TRUTH_ORTHOGONAL && truth != TRUTH_CONDITIONED)
        return rs_error_set(err, RS_EINVAL, "gen_teacher_truth: truth = %d unknown", truth);
    if (random_orthonormal(Astar, k, d, r) != RS_OK)
        return rs_error_set(err, RS_ENUMERIC, "gen_teacher_truth: rank-deficient Gaussian draw");
    if (truth == TRUTH_ORTHOGONAL)
        return RS_OK;
    /* A* = U diag(s) V, U k x k orthogonal, V = the orthonormal rows drawn above. */
    double *U = work, *V = work + k * k;
    memcpy(V, Astar, k * d * sizeof(double));
    if (random_orthonormal(U, k, k, r) != RS_OK)
        return rs_error_set(err, RS_ENUMERIC, "gen_teacher_truth: rank-deficient Gaussian draw");
    for (size_t j = 0; j < k; j++) { /* U(:, j) *= s_j */
        const double s = k > 1 ? pow(kappa, -(double)j / (double)(k - 1)) : 1.0;
        for (size_t i = 0; i < k; i++)
            U[i * k + j] *= s;
    }
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)k, (int)d, (int)k, 1.0, U, (int)k,
                V, (int)d, 0.0, Astar, (int)d);
    return RS_OK;
}

/* One coordinate of the input law. */
static double draw_coord(int input, gsl_rng *r)
{
    if (input == INPUT_LAPLACE)
        return gsl_ran_laplace(r, 1.0); /* f = exp(-|x|)/2 (Section 4.1) */
    return gsl_ran_gaussian_ziggurat(r, 1.0);
}

rs_status gen_teacher_sample(int input, double m, const double *Astar, size_t k, size_t d, size_t n,
                             double noise, gsl_rng *r, double *X, double *y, double *P,
                             const atomic_int *cancel, rs_error *err)
{
    if (input < INPUT_GAUSSIAN || input > INPUT_MIXTURE)
        return rs_error_set(err, RS_EINVAL, "gen_teacher_sample: input = %d unknown", input);
    for (size_t s0 = 0; s0 < n; s0 += SAMPLE_BLOCK) {
        if (cancel && atomic_load_explicit(cancel, memory_order_relaxed))
            return RS_ECANCELLED;
        const size_t b = n - s0 < SAMPLE_BLOCK ? n - s0 : SAMPLE_BLOCK;
        double *Xb = X + s0 * d;
        for (size_t s = 0; s < b; s++) {
            /* mixture: 1/2 N(m 1, I) + 1/2 N(-m 1, I) (Example 2, Figure 2) */
            const double shift = input == INPUT_MIXTURE ? (gsl_rng_uniform(r) < 0.5 ? m : -m) : 0.0;
            for (size_t l = 0; l < d; l++)
                Xb[s * d + l] = draw_coord(input, r) + shift;
        }
        /* P = X A*^T, one dgemm per block (STYLE 6) */
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)b, (int)k, (int)d, 1.0, Xb,
                    (int)d, Astar, (int)d, 0.0, P + s0 * k, (int)k);
        for (size_t s = 0; s < b; s++) {
            double acc = 0.0;
            for (size_t i = 0; i < k; i++) /* eq. (18) with w* = 1 */
                acc += fmax(P[(s0 + s) * k + i], 0.0);
            y[s0 + s] = acc + (noise > 0.0 ? gsl_ran_gaussian_ziggurat(r, noise) : 0.0);
        }
    }
    return RS_OK;
}

/* Posterior weight of the +m component of the mixture at x (Example 2):
 * p_+ = 1 / (1 + exp(-2 m sum_l x_l)), computed without overflow. */
static double mixture_post_plus(const double *x, size_t d, double m)
{
    double t = 0.0;
    for (size_t l = 0; l < d; l++)
        t += x[l];
    const double z = 2.0 * m * t;
    return z >= 0.0 ? 1.0 / (1.0 + exp(-z)) : exp(z) / (1.0 + exp(z));
}

void gen_teacher_score(int input, double m, int gaussian_always, const double *X, size_t n,
                       size_t d, double *const *Gm, double *const *wt, double *coef, size_t *n_comp)
{
    if (gaussian_always || input == INPUT_GAUSSIAN) { /* Example 1: g = -x, G2 = -I */
        *n_comp = 1;
        coef[0] = -1.0;
        for (size_t s = 0; s < n; s++) {
            wt[0][s] = 1.0;
            for (size_t l = 0; l < d; l++)
                Gm[0][s * d + l] = -X[s * d + l];
        }
    } else if (input == INPUT_LAPLACE) { /* g = -sgn(x), G2 = 0 a.e.: S4 = sgn(x)^4 */
        *n_comp = 1;
        coef[0] = 0.0;
        for (size_t s = 0; s < n; s++) {
            wt[0][s] = 1.0;
            for (size_t l = 0; l < d; l++) {
                const double x = X[s * d + l];
                Gm[0][s * d + l] = x > 0.0 ? -1.0 : (x < 0.0 ? 1.0 : 0.0);
            }
        }
    } else { /* Example 2: posterior-weighted Gaussian terms around +-m 1 */
        *n_comp = 2;
        coef[0] = coef[1] = -1.0;
        for (size_t s = 0; s < n; s++) {
            const double pp = mixture_post_plus(X + s * d, d, m);
            wt[0][s] = pp;
            wt[1][s] = 1.0 - pp;
            for (size_t l = 0; l < d; l++) {
                Gm[0][s * d + l] = -(X[s * d + l] - m);
                Gm[1][s * d + l] = -(X[s * d + l] + m);
            }
        }
    }
}

int gen_teacher_kappa(int input, double m, const double *a, size_t d, double *kappa)
{
    double s2 = 0.0, sum = 0.0;
    size_t nonzero = 0;
    for (size_t l = 0; l < d; l++) {
        s2 += a[l] * a[l];
        sum += a[l];
        nonzero += a[l] != 0.0;
    }
    const double s = sqrt(s2), s3 = s2 * s, phi0 = 1.0 / sqrt(2.0 * M_PI);
    double kv;
    if (input == INPUT_LAPLACE)
        kv = nonzero <= 1 ? -INFINITY : NAN;
    else if (input == INPUT_MIXTURE) {
        const double t = s > 0.0 ? m * sum / s : 0.0;
        kv = (t * t - 1.0) * phi0 * exp(-0.5 * t * t) / s3;
    } else
        kv = -phi0 / s3;
    if (kappa)
        *kappa = kv;
    if (input == INPUT_LAPLACE)
        return -1;
    if (!(fabs(kv) * s3 >= 1e-12))
        return 0;
    return kv > 0.0 ? 1 : -1;
}

double gen_teacher_log_density(int input, double m, const double *x, size_t d)
{
    const double half_log_2pi = 0.5 * log(2.0 * M_PI);
    double acc = 0.0;
    if (input == INPUT_LAPLACE) {
        for (size_t l = 0; l < d; l++)
            acc += -fabs(x[l]) - M_LN2;
        return acc;
    }
    if (input == INPUT_GAUSSIAN) {
        for (size_t l = 0; l < d; l++)
            acc += -0.5 * x[l] * x[l] - half_log_2pi;
        return acc;
    }
    double qp = 0.0, qm = 0.0; /* log(1/2 e^{-|x-m1|^2/2} + 1/2 e^{-|x+m1|^2/2}), stably */
    for (size_t l = 0; l < d; l++) {
        qp += (x[l] - m) * (x[l] - m);
        qm += (x[l] + m) * (x[l] + m);
    }
    const double a = -0.5 * qp, b = -0.5 * qm, mx = fmax(a, b);
    return mx + log(0.5 * exp(a - mx) + 0.5 * exp(b - mx)) - (double)d * half_log_2pi;
}
