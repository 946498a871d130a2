/* trunc_normal.c — truncated normal moments, likelihood and sampling. */
#include "trunc_normal.h"

#include <math.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_sf_erf.h>

void trunc_normal_moments(double alpha, tn_moments *m)
{
    /* lambda = phi(alpha)/Q(alpha), the inverse Mills ratio. Raw moments of the standard
     * truncated normal: E[Y] = lambda, E[Y^2] = 1 + alpha lambda, E[Y^3] = (alpha^2 + 2)
     * lambda, E[Y^4] = 3 + (alpha^3 + 3 alpha) lambda (integration by parts). */
    const double lam = gsl_sf_hazard(alpha);
    const double e1 = lam;
    const double e2 = 1.0 + alpha * lam;
    const double e3 = (alpha * alpha + 2.0) * lam;
    const double e4 = 3.0 + (alpha * alpha * alpha + 3.0 * alpha) * lam;
    m->e1 = e1;
    m->e2 = e2;
    /* Var(Y) = 1 + alpha lambda - lambda^2 = 1 - lambda (lambda - alpha); the second
     * form loses less when alpha is large (lambda ~ alpha + 1/alpha). */
    m->var = 1.0 - lam * (lam - alpha);
    m->cov12 = e3 - e2 * e1;
    m->var2 = e4 - e2 * e2;
}

double trunc_normal_nll(double mu, double sigma, double c, double m1, double m2)
{
    const double alpha = (c - mu) / sigma;
    /* log Q(alpha) = log(erfc(alpha/sqrt 2)/2), via GSL's log_erfc for large alpha. */
    const double log_q = gsl_sf_log_erfc(alpha / M_SQRT2) - M_LN2;
    return log(sigma) + (m2 - 2.0 * mu * m1 + mu * mu) / (2.0 * sigma * sigma) + log_q;
}

double trunc_normal_sample(gsl_rng *r, double alpha)
{
    if (alpha < 0.45) {
        for (;;) {
            const double y = gsl_ran_gaussian_ziggurat(r, 1.0);
            if (y > alpha)
                return y;
        }
    }
    /* Robert (1995), Proposition 2.3: z = alpha + Exp(rate), rate = (alpha +
     * sqrt(alpha^2 + 4))/2, accepted with probability exp(-(z - rate)^2 / 2). */
    const double rate = 0.5 * (alpha + sqrt(alpha * alpha + 4.0));
    for (;;) {
        const double z = alpha + gsl_ran_exponential(r, 1.0 / rate);
        const double u = gsl_rng_uniform_pos(r);
        if (log(u) <= -0.5 * (z - rate) * (z - rate))
            return z;
    }
}
