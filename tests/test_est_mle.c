/* test_est_mle.c — the Newton MLE is exact on population statistics, and median/quantile
 * selection agrees with sorting. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "est_mle.h"
#include "rng_stream.h"
#include "trunc_normal.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}
TestSuite(est_mle, .init = setup);

Test(est_mle, recovers_parameters_from_population_moments)
{
    /* count, sum and sumsq equal to N times the population moments: the MLE is the truth
     * (the likelihood equations are moment equations, Section 4.2's exponential family). */
    const double mus[] = {0.0, 0.385, 2.2, -0.9}, sigmas[] = {1.0, 0.7, 1.9, 1.3};
    for (size_t i = 0; i < 4; i++) {
        tn_moments m;
        trunc_normal_moments(-mus[i] / sigmas[i], &m);
        const double N = 1e5, s = sigmas[i], mu = mus[i];
        const double e1 = mu + s * m.e1, e2 = mu * mu + 2 * mu * s * m.e1 + s * s * m.e2;
        double mu_hat, s2_hat;
        size_t it;
        cr_assert_eq(est_mle_fit1(N, N * e1, N * e2, &mu_hat, &s2_hat, &it, NULL), RS_OK);
        cr_assert_float_eq(mu_hat, mu, 1e-7, "mu %g -> %g", mu, mu_hat);
        cr_assert_float_eq(sqrt(s2_hat), s, 1e-7, "sigma %g -> %g", s, sqrt(s2_hat));
        cr_assert(it < 60, "%zu Newton steps", it);
    }
}

Test(est_mle, refuses_degenerate_input)
{
    double mu, s2;
    rs_error err;
    cr_assert_eq(est_mle_fit1(1.0, 2.0, 4.0, &mu, &s2, NULL, &err), RS_EINVAL);
    cr_assert(isnan(mu));
    cr_assert_eq(est_mle_fit1(10.0, 20.0, 40.0, &mu, &s2, NULL, &err), RS_EINVAL); /* no spread */
}
