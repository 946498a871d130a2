/* test_trunc_normal.c — truncated-normal moments against GSL numerical integration, and
 * the exact samplers' mean against the moments. */
#include <criterion/criterion.h>

#include <math.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_rng.h>

#include "rng_stream.h"
#include "trunc_normal.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}
TestSuite(trunc_normal, .init = setup);

typedef struct {
    int power;
    double alpha;
} moment_arg;

static double integrand(double y, void *vp)
{
    const moment_arg *a = vp;
    return pow(y, a->power) * exp(-0.5 * y * y) / sqrt(2.0 * M_PI);
}

/* E[Y^p] of N(0,1) truncated to (alpha, inf) by adaptive quadrature. */
static double quad_moment(int p, double alpha)
{
    gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
    moment_arg a = {0, alpha};
    gsl_function f = {integrand, &a};
    double mass, num, e;
    gsl_integration_qagiu(&f, alpha, 0, 1e-13, 1000, w, &mass, &e);
    a.power = p;
    gsl_integration_qagiu(&f, alpha, 0, 1e-13, 1000, w, &num, &e);
    gsl_integration_workspace_free(w);
    return num / mass;
}

Test(trunc_normal, moments_match_quadrature)
{
    const double alphas[] = {-3.7, -1.2, 0.0, 0.385, 1.9, 4.2};
    for (size_t i = 0; i < sizeof alphas / sizeof alphas[0]; i++) {
        const double a = alphas[i];
        tn_moments m;
        trunc_normal_moments(a, &m);
        const double e1 = quad_moment(1, a), e2 = quad_moment(2, a), e3 = quad_moment(3, a),
                     e4 = quad_moment(4, a);
        cr_assert_float_eq(m.e1, e1, 1e-9 * (1 + fabs(e1)), "E[Y] at alpha %g", a);
        cr_assert_float_eq(m.e2, e2, 1e-9 * (1 + fabs(e2)), "E[Y^2] at alpha %g", a);
        cr_assert_float_eq(m.var, e2 - e1 * e1, 1e-8, "Var at alpha %g", a);
        cr_assert_float_eq(m.cov12, e3 - e2 * e1, 1e-8 * (1 + fabs(e3)), "Cov at alpha %g", a);
        cr_assert_float_eq(m.var2, e4 - e2 * e2, 1e-8 * (1 + fabs(e4)), "Var(Y^2) at alpha %g", a);
    }
}

Test(trunc_normal, sampler_mean_within_4_standard_errors)
{
    /* Both branches of the sampler (plain rejection, Robert's exponential proposal). */
    const double alphas[] = {-0.7, 0.2, 0.45, 1.3, 5.5};
    gsl_rng *r = rng_stream_alloc(2385, 0, 0, RNG_PURPOSE_EXTRA);
    const size_t N = 200000;
    for (size_t i = 0; i < sizeof alphas / sizeof alphas[0]; i++) {
        tn_moments m;
        trunc_normal_moments(alphas[i], &m);
        double s = 0.0;
        for (size_t j = 0; j < N; j++) {
            const double y = trunc_normal_sample(r, alphas[i]);
            cr_assert(y > alphas[i]);
            s += y;
        }
        const double se = sqrt(m.var / (double)N);
        cr_assert(fabs(s / (double)N - m.e1) < 4.0 * se, "alpha %g: mean %g vs %g (se %g)",
                  alphas[i], s / (double)N, m.e1, se);
    }
    gsl_rng_free(r);
}

Test(trunc_normal, nll_minimised_at_truth_for_exact_moments)
{
    /* With the population moments of N(mu, s^2) truncated at 0 plugged in, the average
     * NLL is the cross-entropy, minimised exactly at (mu, s). */
    const double mu = 0.62, s = 1.37, c = 0.0, alpha = (c - mu) / s;
    tn_moments m;
    trunc_normal_moments(alpha, &m);
    const double m1 = mu + s * m.e1, m2 = mu * mu + 2 * mu * s * m.e1 + s * s * m.e2;
    const double f0 = trunc_normal_nll(mu, s, c, m1, m2);
    const double h = 1e-3;
    cr_assert(trunc_normal_nll(mu + h, s, c, m1, m2) > f0);
    cr_assert(trunc_normal_nll(mu - h, s, c, m1, m2) > f0);
    cr_assert(trunc_normal_nll(mu, s + h, c, m1, m2) > f0);
    cr_assert(trunc_normal_nll(mu, s - h, c, m1, m2) > f0);
}
