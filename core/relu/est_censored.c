/* est_censored.c — censored-normal MLE by Newton's method in Olsen's parameters. */
#include "est_censored.h"

#include <float.h>
#include <math.h>

#include <gsl/gsl_sf_erf.h>

enum { CENS_MAX_ITERS = 100, CENS_MAX_HALVINGS = 60 };

/* The averaged statistics of one coordinate after scaling x by c (see fit1). */
typedef struct {
    double p0, p1, s1, s2; /* fraction zero, fraction positive, mean of x 1{x>0}, of x^2 1{x>0} */
} cens_stats;

/* log Phi(-g) = log Q(g), stable for large g where Q underflows. */
static double log_q(double g)
{
    return gsl_sf_log_erfc(g / M_SQRT2) - M_LN2;
}

/* Average log-likelihood at (g, t) = (b/s, 1/s), Olsen (1978) eq. (5) per sample:
 * p0 log Q(g) + p1 log t - t^2 s2/2 + g t s1 - p1 g^2/2. -inf outside t > 0. */
static double loglik_gt(const cens_stats *c, double g, double t)
{
    if (!(t > 0.0))
        return -INFINITY;
    const double zero_part = c->p0 > 0.0 ? c->p0 * log_q(g) : 0.0;
    return zero_part + c->p1 * log(t) - 0.5 * t * t * c->s2 + g * t * c->s1 - 0.5 * c->p1 * g * g;
}

/* Gradient and Hessian of loglik_gt. With h = phi(g)/Q(g) (the hazard),
 * d/dg log Q(g) = -h and d2/dg2 log Q(g) = -h (h - g). */
static void derivs(const cens_stats *c, double g, double t, double grad[2], double hess[3])
{
    const double h = c->p0 > 0.0 ? gsl_sf_hazard(g) : 0.0;
    grad[0] = -c->p0 * h + t * c->s1 - c->p1 * g;
    grad[1] = c->p1 / t - t * c->s2 + g * c->s1;
    hess[0] = -c->p0 * h * (h - g) - c->p1; /* d2/dg2 */
    hess[1] = c->s1;                        /* d2/dg dt */
    hess[2] = -c->p1 / (t * t) - c->s2;     /* d2/dt2 */
}

/* Newton's method on the concave loglik_gt from (g, t); returns RS_OK or RS_EMAXITER. */
static rs_status newton(const cens_stats *c, double *g, double *t, size_t *iters)
{
    double f = loglik_gt(c, *g, *t);
    for (size_t it = 1; it <= CENS_MAX_ITERS; it++) {
        *iters = it;
        double gr[2], H[3];
        derivs(c, *g, *t, gr, H);
        /* Newton step -H^{-1} grad; H is negative definite (Olsen 1978), so det > 0. */
        const double det = H[0] * H[2] - H[1] * H[1];
        double dg = gr[0], dt = gr[1]; /* gradient ascent if rounding broke definiteness */
        if (det > 0.0 && H[0] < 0.0) {
            dg = -(H[2] * gr[0] - H[1] * gr[1]) / det;
            dt = -(-H[1] * gr[0] + H[0] * gr[1]) / det;
        }
        /* Newton decrement: the predicted gain, at rounding level of f when converged. */
        const double gain = gr[0] * dg + gr[1] * dt;
        if (gain < 4.0 * DBL_EPSILON * (1.0 + fabs(f)))
            return RS_OK;
        double step = 1.0, fn = -INFINITY;
        for (int k = 0; k < CENS_MAX_HALVINGS; k++, step *= 0.5) {
            fn = loglik_gt(c, *g + step * dg, *t + step * dt);
            if (fn >= f + 1e-4 * step * gain || fn >= f) /* Armijo, or no worse */
                break;
        }
        if (!(fn >= f)) /* no ascent left: at the optimum to rounding */
            return RS_OK;
        *g += step * dg;
        *t += step * dt;
        f = fn;
    }
    return RS_EMAXITER;
}

/* The scaled statistics; c_scale = root mean square of the positive samples, so that
 * the start (g, t) = (0, 1) is within a factor of a few of the optimum in any units. */
static int scale_stats(double n_total, double count, double sum, double sumsq, cens_stats *c,
                       double *c_scale)
{
    if (!(count >= 2.0) || !(n_total >= count))
        return 0;
    const double mean = sum / count, msq = sumsq / count;
    const double var = msq - mean * mean;
    /* Positive samples with no spread (rounding-level variance) identify no s. */
    if (!(var > 4.0 * DBL_EPSILON * msq))
        return 0;
    *c_scale = sqrt(msq);
    c->p1 = count / n_total;
    c->p0 = 1.0 - c->p1;
    c->s1 = c->p1 * mean / *c_scale;
    c->s2 = c->p1; /* mean of (x/c)^2 over positives is 1 by the choice of c */
    return 1;
}

double est_censored_loglik(double n_total, double count, double sum, double sumsq, double mu,
                           double sigma)
{
    const double p1 = count / n_total, p0 = 1.0 - p1;
    const double t = 1.0 / sigma, g = mu / sigma;
    const double s1 = sum / n_total, s2 = sumsq / n_total;
    /* In x's own units: log phi((x - mu)/s)/s = log t - (t x - g)^2 / 2. */
    const cens_stats c = {p0, p1, s1, s2};
    return loglik_gt(&c, g, t);
}

rs_status est_censored_fit1(double n_total, double count, double sum, double sumsq, double *mu,
                            double *sigma2, size_t *iters, rs_error *err)
{
    *mu = *sigma2 = NAN;
    size_t it = 0;
    if (iters)
        *iters = 0;
    cens_stats c;
    double scale;
    if (!scale_stats(n_total, count, sum, sumsq, &c, &scale))
        return rs_error_set(err, RS_EINVAL,
                            "est_censored_fit1: %g positive samples of %g, need 2 with spread",
                            count, n_total);
    double g = 0.0, t = 1.0;
    const rs_status st = newton(&c, &g, &t, &it);
    if (iters)
        *iters = it;
    /* Back to x's units: b = c g / t, s = c / t. */
    *mu = scale * g / t;
    *sigma2 = (scale / t) * (scale / t);
    if (st != RS_OK)
        return rs_error_set(err, st, "est_censored_fit1: no convergence in %d Newton steps",
                            CENS_MAX_ITERS);
    return RS_OK;
}

rs_status est_censored_fit(const est_input *in, est_result *out, rs_error *err)
{
    (void)err;
    out->flags = 0;
    for (size_t i = 0; i < in->d; i++) {
        size_t it = 0;
        const rs_status st =
            est_censored_fit1((double)in->n, in->st->count[i], in->st->sum[i], in->st->sumsq[i],
                              &out->mu_hat[i], &out->sigma2_hat[i], &it, NULL);
        out->flags |= est_status_flags(st);
        if (out->iters)
            out->iters[i] = it;
    }
    return RS_OK;
}
