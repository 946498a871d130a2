/* test_est_matrix.c — the bias density helpers of eq. (8) and the top-k eigenvectors. */
#include <criterion/criterion.h>

#include <math.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>

#include "est_matrix.h"
#include "param.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}

TestSuite(est_matrix, .init = setup);

static double density(double x, void *p)
{
    return exp(est_matrix_log_density(p, x));
}
static double x_density(double x, void *p)
{
    return x * exp(est_matrix_log_density(p, x));
}

/* int_{-inf}^c f by QAGIL, to 1e-12 relative. */
static double left_integral(double (*f)(double, void *), gen_matrix_bias *b, double c)
{
    gsl_integration_workspace *w = gsl_integration_workspace_alloc(200);
    gsl_function F = {f, b};
    double v, e;
    cr_assert_eq(gsl_integration_qagil(&F, c, 0.0, 1e-12, 200, w, &v, &e), 0);
    gsl_integration_workspace_free(w);
    return v;
}

Test(est_matrix, cdf_and_conditional_mean_match_quadrature)
{
    /* Quadrature at 1e-12 relative; the closed forms must agree to 1e-9 (leaves room for
     * the quadrature's own error estimate, which is below 1e-11 at these points). */
    for (int dist = BIASDIST_GAUSSIAN; dist <= BIASDIST_LOGISTIC; dist++) {
        gen_matrix_bias b = {dist, -0.37, 1.7};
        const double cs[] = {-6.1, -1.2, 0.0, 2.385};
        for (size_t t = 0; t < 4; t++) {
            const double F = left_integral(density, &b, cs[t]);
            cr_assert_lt(fabs(exp(est_matrix_log_cdf(&b, cs[t])) - F), 1e-9 * F, "dist %d c %g",
                         dist, cs[t]);
            const double m = left_integral(x_density, &b, cs[t]) / F;
            cr_assert_lt(fabs(est_matrix_cond_mean(&b, cs[t]) - m), 1e-9 * (1.0 + fabs(m)),
                         "dist %d c %g: %g vs %g", dist, cs[t], est_matrix_cond_mean(&b, cs[t]), m);
        }
        cr_assert(isfinite(est_matrix_log_cdf(&b, -60.0)), "far left tail stays finite");
    }
}

Test(est_matrix, prior_derivatives_match_finite_differences)
{
    /* q = s^2 (-log p): central differences with h = 1e-5 have error O(h^2 q''') ~ 1e-10;
     * tolerance 1e-7 relative. q must also match s^2 (-log p) up to one constant. */
    for (int dist = BIASDIST_GAUSSIAN; dist <= BIASDIST_LOGISTIC; dist++) {
        const gen_matrix_bias b = {dist, 0.4, 0.8};
        const double h = 1e-5;
        double c0 = NAN;
        for (double x = -3.1; x < 3.2; x += 0.77) {
            double q, q1, q2, qp, qm, d1, d2;
            est_matrix_prior(&b, x, &q, &q1, &q2);
            est_matrix_prior(&b, x + h, &qp, &d1, &d2);
            est_matrix_prior(&b, x - h, &qm, &d1, &d2);
            cr_assert_lt(fabs((qp - qm) / (2 * h) - q1), 1e-7 * (1.0 + fabs(q1)));
            const double q1p = (est_matrix_prior(&b, x + h, &qp, &d1, &d2), d1);
            const double q1m = (est_matrix_prior(&b, x - h, &qm, &d1, &d2), d1);
            cr_assert_lt(fabs((q1p - q1m) / (2 * h) - q2), 1e-7);
            cr_assert_gt(q2, 0.0);
            const double c = q + b.scale * b.scale * est_matrix_log_density(&b, x);
            if (isnan(c0))
                c0 = c;
            cr_assert_lt(fabs(c - c0), 1e-12 * (1.0 + fabs(c0)));
        }
    }
}

Test(est_matrix, top_eigenvectors_in_decreasing_order)
{
    /* diag(1, 5, 3, 2.385) rotated by nothing: eigenvectors are coordinate vectors. */
    double G[16] = {1, 0, 0, 0, 0, 5, 0, 0, 0, 0, 3, 0, 0, 0, 0, 2.385};
    double U[8], ev[2], work[4 * 3];
    int iwork[8];
    cr_assert_eq(est_matrix_top_eigvecs(G, 4, 2, U, ev, work, iwork, NULL), RS_OK);
    cr_assert_float_eq(ev[0], 5.0, 1e-14);
    cr_assert_float_eq(ev[1], 3.0, 1e-14);
    cr_assert_float_eq(fabs(U[1 * 2 + 0]), 1.0, 1e-14);
    cr_assert_float_eq(fabs(U[2 * 2 + 1]), 1.0, 1e-14);
}
