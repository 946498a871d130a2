/* test_met_relu.c — KL against hand-computed cases, and the metric definitions. */
#include <criterion/criterion.h>

#include <math.h>

#include <gsl/gsl_errno.h>

#include "met_relu.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}
TestSuite(met_relu, .init = setup);

Test(met_relu, kl_one_dimensional)
{
    /* KL(N(0,1) || N(1,2)) = (1/2)(1/2 + 1/2 - 1 + ln 2) = ln(2)/2 */
    double scratch[8], kl;
    const double m0 = 0, s0 = 1, m1 = 1, s1 = 2;
    cr_assert_eq(met_relu_kl(&m0, &s0, &m1, &s1, 1, scratch, &kl), RS_OK);
    cr_assert_float_eq(kl, 0.5 * log(2.0), 1e-14);
}

Test(met_relu, kl_diagonal_two_dimensional)
{
    /* Independent coordinates: the KL is the sum of the 1-D ones,
     * KL_i = (1/2)(s0/s1 + (m1-m0)^2/s1 - 1 + ln(s1/s0)). */
    const double m0[2] = {0.3, -1.1}, m1[2] = {0.8, 0.4};
    const double S0[4] = {2.385, 0, 0, 0.7}, S1[4] = {1.3, 0, 0, 1.9};
    double want = 0;
    for (int i = 0; i < 2; i++) {
        const double s0 = S0[3 * i], s1 = S1[3 * i], dm = m1[i] - m0[i];
        want += 0.5 * (s0 / s1 + dm * dm / s1 - 1 + log(s1 / s0));
    }
    double scratch[16], kl;
    cr_assert_eq(met_relu_kl(m0, S0, m1, S1, 2, scratch, &kl), RS_OK);
    cr_assert_float_eq(kl, want, 1e-13);
}

Test(met_relu, kl_rotation_invariant_and_zero_on_equal)
{
    const double m[2] = {0.5, 0.25}, S[4] = {2.0, 0.6, 0.6, 1.0};
    double scratch[16], kl;
    cr_assert_eq(met_relu_kl(m, S, m, S, 2, scratch, &kl), RS_OK);
    cr_assert(fabs(kl) < 1e-14);
}

Test(met_relu, eval_flags_not_pd_and_definitions)
{
    /* Sigma = I, b = 0; estimate with a non-PD Sigma_hat. */
    const double Sigma[4] = {1, 0, 0, 1}, b[2] = {0, 0}, th[4] = {0, M_PI / 2, M_PI / 2, 0};
    const double Sh[4] = {1, 2, 2, 1}, bh[2] = {0.3, 0.4}, thh[4] = {0, 1.0, 1.0, 0};
    double scratch[16], out[MET_RELU_COUNT];
    const unsigned f = met_relu_eval(Sigma, b, th, Sh, bh, thh, 2, scratch, out);
    cr_assert(f & MET_FLAG_SIGMA_NOT_PD);
    cr_assert(isnan(out[MET_RELU_SQRT_KL]));
    /* ||Sh - I||_F / ||W||_F^2 = sqrt(8)/2; ||bh||/||W||_F = 0.5/sqrt 2 */
    cr_assert_float_eq(out[MET_RELU_ERR_SIGMA], sqrt(8.0) / 2.0, 1e-15);
    cr_assert_float_eq(out[MET_RELU_ERR_B], 0.5 / sqrt(2.0), 1e-15);
    cr_assert_float_eq(out[MET_RELU_ANGLE_ERR_MAX], M_PI / 2 - 1.0, 1e-15);
}
