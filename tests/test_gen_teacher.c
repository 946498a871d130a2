/* test_gen_teacher.c — truth construction, samples, and the closed-form scores of
 * Examples 1-2 and Section 4.1 against finite differences of the log-densities. */
#include <criterion/criterion.h>

#include <math.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "gen_teacher.h"
#include "loss_teacher.h"
#include "param.h"
#include "rng_stream.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}

TestSuite(gen_teacher, .init = setup);

enum { D = 3 };

static double dens(int input, const double *x0, const double *u, double s, const double *v,
                   double t)
{
    double x[D];
    for (int a = 0; a < D; a++)
        x[a] = x0[a] + s * u[a] + t * v[a];
    return exp(gen_teacher_log_density(input, 1.0, x, D));
}

/* The score's S4(u, u, v, v) from gen_teacher_score's components. */
static double score_t(int input, const double *x, const double *u, const double *v)
{
    double g0[D], g1[D], w0, w1, coef[2], G[D * D];
    double *Gm[2] = {g0, g1}, *wt[2] = {&w0, &w1};
    size_t nc;
    gen_teacher_score(input, 1.0, 0, x, 1, D, Gm, wt, coef, &nc);
    double acc = 0.0;
    for (size_t c = 0; c < nc; c++) {
        for (int a = 0; a < D * D; a++)
            G[a] = a % (D + 1) == 0 ? coef[c] : 0.0;
        acc += *wt[c] * loss_teacher_t(Gm[c], G, u, v, D);
    }
    return acc;
}

/* d^2/ds^2 d^2/dt^2 f(x + s u + t v) / f(x) by the product of two central second
 * differences, step h = 2e-3: truncation O(h^2 f^(6)) ~ 1e-5 relative, rounding
 * ~ 16 eps / h^4 ~ 2e-4; the tolerance 2e-3 (relative, plus 2e-3 absolute) is above both. */
static void check_score(int input, const double *x, const double *u, const double *v)
{
    const double h = 2e-3, w[3] = {1.0, -2.0, 1.0};
    double acc = 0.0;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            acc += w[i] * w[j] * dens(input, x, u, (i - 1) * h, v, (j - 1) * h);
    const double fd = acc / (h * h * h * h) / dens(input, x, u, 0, v, 0);
    const double an = score_t(input, x, u, v);
    cr_assert(fabs(fd - an) < 2e-3 * (1.0 + fabs(an)), "input %d: fd %g vs closed form %g", input,
              fd, an);
}

Test(gen_teacher, scores_match_log_density)
{
    const double x[D] = {0.31, -1.27, 0.8385}, u[D] = {0.7, -0.2, 0.5}, v[D] = {-0.5, 0.9, 0.4};
    check_score(INPUT_GAUSSIAN, x, u, v);
    check_score(INPUT_MIXTURE, x, u, v);
    check_score(INPUT_LAPLACE, x, u, v); /* |x_l| > 4h |u_l|: f is exp(linear) there */
    check_score(INPUT_GAUSSIAN, x, u, u);
    check_score(INPUT_MIXTURE, x, v, v);
}

/* Conditioned truth has cond(A*) = kappa: check via the rows' Gram matrix determinant
 * bounds is weak, so compute the singular values of a 2 x 3 A* in closed form. */
Test(gen_teacher, truth_kinds)
{
    gsl_rng *r = rng_stream_alloc(1, 0, 0, RNG_PURPOSE_TRUTH);
    double A[2 * D], work[64];
    cr_assert_eq(gen_teacher_truth(TRUTH_CONDITIONED, 2, D, 9.0, r, work, A, NULL), RS_OK);
    double g11 = 0, g12 = 0, g22 = 0;
    for (int a = 0; a < D; a++)
        g11 += A[a] * A[a], g12 += A[a] * A[D + a], g22 += A[D + a] * A[D + a];
    const double tr = g11 + g22, det = g11 * g22 - g12 * g12, disc = sqrt(tr * tr / 4 - det);
    const double cond = sqrt((tr / 2 + disc) / (tr / 2 - disc));
    cr_assert(fabs(cond - 9.0) < 1e-9, "cond %g", cond);
    cr_assert_eq(gen_teacher_truth(TRUTH_ORTHOGONAL, 2, D, 1.0, r, work, A, NULL), RS_OK);
    g12 = 0;
    for (int a = 0; a < D; a++)
        g12 += A[a] * A[D + a];
    cr_assert(fabs(g12) < 1e-14);
    rs_error e;
    cr_assert_eq(gen_teacher_truth(TRUTH_IDENTITY, 4, D, 1.0, r, work, A, &e), RS_EINVAL);
    cr_assert_eq(gen_teacher_truth(TRUTH_IDENTITY, 2, D, 0.5, r, work, A, &e), RS_EINVAL);
    gsl_rng_free(r);
}

/* Laplace coordinates have mean 0 and variance 2; y = sum ReLU(x_i) has mean k E[ReLU]
 * = k/2 for A* = I. With n = 40000 the sample mean of y has sd sqrt(k Var ReLU(x))/sqrt(n)
 * (Var ReLU(x) = E[x^2]/2 - 1/4 = 3/4): 4 sd = 4 sqrt(3 * 0.75 / 40000) = 0.03. */
Test(gen_teacher, laplace_output_mean)
{
    enum { N = 40000, K = 3 };
    static double X[N * K], y[N], P[N * K];
    double A[K * K];
    gsl_rng *r = rng_stream_alloc(3, 0, 0, RNG_PURPOSE_SAMPLES);
    gen_teacher_truth(TRUTH_IDENTITY, K, K, 1.0, r, NULL, A, NULL);
    cr_assert_eq(gen_teacher_sample(INPUT_LAPLACE, 1.0, A, K, K, N, 0.0, r, X, y, P, NULL, NULL),
                 RS_OK);
    double mean = 0.0;
    for (int s = 0; s < N; s++)
        mean += y[s] / N;
    cr_assert(fabs(mean - 1.5) < 0.03, "mean y %g", mean);
    gsl_rng_free(r);
}

/* p''(0) of the density of z = <a, x> by a central second difference of the exact 1-D
 * density (Gaussian N(0, s^2) or the mixture 1/2 N(+-t s, s^2)), independent of the
 * closed forms in gen_teacher_kappa. */
static double pdd0(int input, double s, double t)
{
    const double h = 1e-3 * s;
    double p[3];
    for (int j = -1; j <= 1; j++) {
        const double z = j * h;
        const double g = exp(-0.5 * z * z / (s * s)) / (s * sqrt(2.0 * M_PI));
        p[j + 1] = input == INPUT_MIXTURE ? 0.5 *
                                                (exp(-0.5 * (z - t * s) * (z - t * s) / (s * s)) +
                                                 exp(-0.5 * (z + t * s) * (z + t * s) / (s * s))) /
                                                (s * sqrt(2.0 * M_PI))
                                          : g;
    }
    return (p[0] - 2.0 * p[1] + p[2]) / (h * h);
}

/* kappa*_i = p''(0) (Stein, loss_teacher.h): the closed forms against finite differences;
 * the sign that decides how L is built; the degenerate Figure 4 mixture (t = 1). */
Test(gen_teacher, kappa_closed_forms)
{
    const double a[D] = {0.6, -0.3, 1.1};
    const double s = sqrt(0.36 + 0.09 + 1.21);
    double kv;
    cr_assert_eq(gen_teacher_kappa(INPUT_GAUSSIAN, 0.0, a, D, &kv), -1);
    cr_assert_float_eq(kv, pdd0(INPUT_GAUSSIAN, s, 0.0), 1e-6 * fabs(kv), "%g", kv);
    for (double m = 0.25; m <= 2.0; m += 0.25) {
        const double t = m * (0.6 - 0.3 + 1.1) / s;
        const int sg = gen_teacher_kappa(INPUT_MIXTURE, m, a, D, &kv);
        cr_assert_float_eq(kv, pdd0(INPUT_MIXTURE, s, t), 1e-6, "m %g: %g", m, kv);
        cr_assert_eq(sg, t > 1.0 ? 1 : -1, "m %g t %g", m, t);
    }
    const double e1[D] = {1.0, 0.0, 0.0};
    cr_assert_eq(gen_teacher_kappa(INPUT_MIXTURE, 1.0, e1, D, &kv), 0); /* Figure 4: t = 1 */
    cr_assert_eq(kv, 0.0);
    cr_assert_eq(gen_teacher_kappa(INPUT_LAPLACE, 0.0, e1, D, &kv), -1);
    cr_assert(isinf(kv) && kv < 0.0);
    cr_assert_eq(gen_teacher_kappa(INPUT_LAPLACE, 0.0, a, D, &kv), -1);
    cr_assert(isnan(kv));
}
