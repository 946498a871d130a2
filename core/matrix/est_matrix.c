/* est_matrix.c — bias density and eigenvector helpers of the matrix-model estimators. */
#include "est_matrix.h"

#include <math.h>

#include <lapacke.h>

#include <gsl/gsl_sf_erf.h>

#include "param.h"

double est_matrix_log_density(const gen_matrix_bias *p, double x)
{
    const double t = (x - p->mean) / p->scale;
    if (p->dist == BIASDIST_LOGISTIC) /* e^{-|t|} / (s (1 + e^{-|t|})^2), symmetric in t */
        return -fabs(t) - 2.0 * log1p(exp(-fabs(t))) - log(p->scale);
    return -0.5 * t * t - log(p->scale) - 0.5 * log(2.0 * M_PI);
}

double est_matrix_log_cdf(const gen_matrix_bias *p, double x)
{
    const double t = (x - p->mean) / p->scale;
    if (p->dist == BIASDIST_LOGISTIC) /* log sigma(t) */
        return t < 0.0 ? t - log1p(exp(t)) : -log1p(exp(-t));
    return gsl_sf_log_erfc(-t / M_SQRT2) - M_LN2; /* Phi(t) = erfc(-t/sqrt 2)/2 */
}

void est_matrix_prior(const gen_matrix_bias *p, double x, double *q, double *q1, double *q2)
{
    const double s = p->scale, t = (x - p->mean) / s;
    if (p->dist == BIASDIST_LOGISTIC) {
        const double e = exp(-fabs(t)), sig = 1.0 / (1.0 + e); /* sigma(|t|) */
        *q = s * s * (fabs(t) + 2.0 * log1p(e));
        *q1 = s * tanh(0.5 * t);
        *q2 = 2.0 * sig * (1.0 - sig);
        return;
    }
    *q = 0.5 * s * s * t * t;
    *q1 = s * t;
    *q2 = 1.0;
}

double est_matrix_cond_mean(const gen_matrix_bias *p, double c)
{
    const double s = p->scale, a = (c - p->mean) / s;
    if (p->dist == BIASDIST_LOGISTIC) {
        /* int_{-inf}^a x f(x) dx = a sigma(a) - log(1 + e^a) for the standard logistic. */
        const double sig = 1.0 / (1.0 + exp(-a)), l1pe = a > 0 ? a + log1p(exp(-a)) : log1p(exp(a));
        return p->mean + s * (a - l1pe / sig);
    }
    /* E[T | T < a] = -phi(a)/Phi(a) = -1/(Mills ratio of -a); gsl_sf_hazard(-a) = phi/Phi. */
    return p->mean - s * gsl_sf_hazard(-a);
}

rs_status est_matrix_top_eigvecs(double *G, size_t d, size_t k, double *Uk, double *evals,
                                 double *work, int *iwork, rs_error *err)
{
    lapack_int found = 0;
    /* dsyevr returns eigenvalues il..iu in ascending order: ask for the top k. */
    double *w = work;      /* d eigenvalues */
    double *Zv = work + d; /* d x k eigenvectors, column-major by the row-major flag */
    const lapack_int info = LAPACKE_dsyevr(LAPACK_ROW_MAJOR, 'V', 'I', 'U', (lapack_int)d, G,
                                           (lapack_int)d, 0.0, 0.0, (lapack_int)(d - k + 1),
                                           (lapack_int)d, 0.0, &found, w, Zv, (lapack_int)k, iwork);
    if (info != 0 || (size_t)found != k)
        return rs_error_set(err, RS_ENUMERIC,
                            "est_matrix_top_eigvecs: dsyevr info = %d, found %d of %zu", (int)info,
                            (int)found, k);
    for (size_t j = 0; j < k; j++) {
        const size_t src = k - 1 - j; /* descending */
        if (evals)
            evals[j] = w[src];
        for (size_t i = 0; i < d; i++)
            Uk[i * k + j] = Zv[i * k + src];
    }
    return RS_OK;
}
