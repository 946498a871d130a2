/* test_loss_teacher.c — analytic gradients of the four losses against central finite
 * differences; the fast pair sums against the reference T of eq. (7); Example 1 = eq. (7). */
#include <criterion/criterion.h>

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "gen_teacher.h"
#include "loss_teacher.h"
#include "param.h"
#include "rng_stream.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}

TestSuite(loss_teacher, .init = setup);

enum { N = 60, D = 4, K = 3 };

typedef struct {
    double X[N * D], y[N], P[N * K], A[K * D], g1[N * D], G2[N * D * D];
} fixture;

static void make(fixture *f, int input, uint64_t seed)
{
    gsl_rng *r = rng_stream_alloc(seed, 0, 0, RNG_PURPOSE_SAMPLES);
    double Astar[K * D];
    cr_assert_eq(gen_teacher_truth(TRUTH_IDENTITY, K, D, 1.0, r, NULL, Astar, NULL), RS_OK);
    cr_assert_eq(
        gen_teacher_sample(input, 1.0, Astar, K, D, N, 0.1, r, f->X, f->y, f->P, NULL, NULL),
        RS_OK);
    for (size_t i = 0; i < K * D; i++)
        f->A[i] = gsl_ran_gaussian(r, 0.7);
    for (size_t s = 0; s < N; s++) { /* any g1 and symmetric G2 exercise the llsfe path */
        for (size_t a = 0; a < D; a++)
            f->g1[s * D + a] = gsl_ran_gaussian(r, 1.0);
        for (size_t a = 0; a < D; a++)
            for (size_t b = 0; b <= a; b++)
                f->G2[s * D * D + a * D + b] = f->G2[s * D * D + b * D + a] =
                    gsl_ran_gaussian(r, 1.0);
    }
    gsl_rng_free(r);
}

/* Relative error of the analytic gradient against central differences with step
 * eps = 1e-5: truncation O(eps^2 |f'''|) and rounding O(u |f| / eps) are both below
 * 1e-8 relative here, so 1e-5 leaves a wide margin while catching any wrong term. */
static void check_gradient_penalty(int loss, int input, int squared)
{
    fixture f;
    make(&f, input, 2385 + (uint64_t)loss * 10 + (uint64_t)input);
    loss_teacher_ws *ws = loss_teacher_ws_alloc(N, D, K, 1);
    cr_assert_not_null(ws);
    cr_assert_eq(loss_teacher_bind(ws, loss, input, 1.0, f.X, f.y, f.g1, f.G2, NULL), RS_OK);
    loss_teacher_set_penalty(ws, squared);
    const double mu = 2.385, lambda = 1.7;
    double grad[K * D], fd[K * D], val;
    cr_assert_eq(loss_teacher_eval(ws, f.A, 0, N, mu, lambda, &val, grad, NULL), RS_OK);
    const double eps = 1e-5;
    double num = 0.0, den = 0.0;
    for (size_t i = 0; i < K * D; i++) {
        double Ap[K * D], Am[K * D], vp, vm;
        for (size_t j = 0; j < K * D; j++)
            Ap[j] = Am[j] = f.A[j];
        Ap[i] += eps;
        Am[i] -= eps;
        loss_teacher_eval(ws, Ap, 0, N, mu, lambda, &vp, NULL, NULL);
        loss_teacher_eval(ws, Am, 0, N, mu, lambda, &vm, NULL, NULL);
        fd[i] = (vp - vm) / (2.0 * eps);
        num += (fd[i] - grad[i]) * (fd[i] - grad[i]);
        den += grad[i] * grad[i];
    }
    cr_assert(sqrt(num / den) < 1e-5, "%s on input %d: relative gradient error %g",
              param_method_name(loss), input, sqrt(num / den));
    loss_teacher_ws_free(ws);
}

static void check_gradient(int loss, int input)
{
    check_gradient_penalty(loss, input, 0);
}

Test(loss_teacher, gradient_l2)
{
    check_gradient(METHOD_L2, INPUT_LAPLACE);
}
Test(loss_teacher, gradient_ge)
{
    check_gradient(METHOD_GE, INPUT_LAPLACE);
}
Test(loss_teacher, gradient_score_gaussian)
{
    check_gradient(METHOD_SCORE, INPUT_GAUSSIAN);
}
Test(loss_teacher, gradient_score_laplace)
{
    check_gradient(METHOD_SCORE, INPUT_LAPLACE);
}
Test(loss_teacher, gradient_score_mixture)
{
    check_gradient(METHOD_SCORE, INPUT_MIXTURE);
}
Test(loss_teacher, gradient_llsfe)
{
    check_gradient(METHOD_LLSFE, INPUT_MIXTURE);
}

/* The fast pair sums (from projections) equal the direct double loop over i != j of the
 * reference T, for the mixture's two posterior-weighted components. */
Test(loss_teacher, pair_sums_match_reference)
{
    fixture f;
    make(&f, INPUT_MIXTURE, 77);
    loss_teacher_ws *ws = loss_teacher_ws_alloc(N, D, K, 0);
    cr_assert_eq(
        loss_teacher_bind(ws, METHOD_SCORE, INPUT_MIXTURE, 1.0, f.X, f.y, NULL, NULL, NULL), RS_OK);
    const double mu = 0.37;
    double val;
    loss_teacher_eval(ws, f.A, 0, N, mu, 0.0, &val, NULL, NULL);
    double *Gm[2], *wt[2], coef[2];
    size_t nc;
    for (int c = 0; c < 2; c++) {
        Gm[c] = malloc(N * D * sizeof(double));
        wt[c] = malloc(N * sizeof(double));
    }
    gen_teacher_score(INPUT_MIXTURE, 1.0, 0, f.X, N, D, Gm, wt, coef, &nc);
    cr_assert_eq(nc, 2);
    double ref = 0.0, G[D * D];
    for (size_t c = 0; c < nc; c++) {
        for (size_t a = 0; a < D * D; a++)
            G[a] = (a % (D + 1) == 0) ? coef[c] : 0.0;
        for (size_t s = 0; s < N; s++) {
            double F = 0.0;
            for (size_t i = 0; i < K; i++)
                for (size_t j = 0; j < K; j++) {
                    const double t = loss_teacher_t(Gm[c] + s * D, G, f.A + i * D, f.A + j * D, D);
                    F += i == j ? -mu * t : t;
                }
            ref += LOSS_TEACHER_KAPPA_SIGN * f.y[s] * wt[c][s] * F / N;
        }
    }
    cr_assert(fabs(val - ref) <= 1e-12 * (1.0 + fabs(ref)), "fast %.15g vs reference %.15g", val,
              ref);
    for (int c = 0; c < 2; c++) {
        free(Gm[c]);
        free(wt[c]);
    }
    loss_teacher_ws_free(ws);
}

/* Example 1's t1, t2 equal eq. (7) with g = -x, G2 = -I (one rounding of each term). */
Test(loss_teacher, example1_equals_eq7)
{
    const double x[3] = {0.31, -1.27, 2.385}, u[3] = {0.7, -0.2, 1.1}, v[3] = {-0.5, 0.9, 0.4};
    double g[3], G[9] = {-1, 0, 0, 0, -1, 0, 0, 0, -1};
    for (int a = 0; a < 3; a++)
        g[a] = -x[a];
    double ux = 0, vx = 0, uu = 0, vv = 0, uv = 0;
    for (int a = 0; a < 3; a++)
        ux += u[a] * x[a], vx += v[a] * x[a], uu += u[a] * u[a], vv += v[a] * v[a],
            uv += u[a] * v[a];
    const double t1 =
        ux * ux * vx * vx - uu * vx * vx - 4 * ux * vx * uv - vv * ux * ux + uu * vv + 2 * uv * uv;
    const double t2 = pow(ux, 4) - 6 * uu * ux * ux + 3 * uu * uu;
    cr_assert(fabs(loss_teacher_t(g, G, u, v, 3) - t1) < 1e-12 * (1 + fabs(t1)));
    cr_assert(fabs(loss_teacher_t(g, G, u, u, 3) - t2) < 1e-12 * (1 + fabs(t2)));
}

Test(loss_teacher, errors)
{
    loss_teacher_ws *ws = loss_teacher_ws_alloc(10, 2, 2, 0);
    double X[20] = {0}, y[10] = {0}, A[4] = {1, 0, 0, 1}, v;
    rs_error e;
    cr_assert_eq(loss_teacher_eval(ws, A, 0, 10, 1, 1, &v, NULL, &e), RS_EINVAL);
    cr_assert_eq(loss_teacher_bind(ws, METHOD_SGD, INPUT_GAUSSIAN, 1, X, y, NULL, NULL, &e),
                 RS_EINVAL);
    cr_assert_eq(loss_teacher_bind(ws, METHOD_LLSFE, INPUT_GAUSSIAN, 1, X, y, NULL, NULL, &e),
                 RS_EINVAL);
    cr_assert_eq(loss_teacher_bind(ws, METHOD_L2, INPUT_GAUSSIAN, 1, X, y, NULL, NULL, &e), RS_OK);
    cr_assert_eq(loss_teacher_eval(ws, A, 5, 6, 1, 1, &v, NULL, &e), RS_EINVAL);
    loss_teacher_ws_free(ws);
    cr_assert_null(loss_teacher_ws_alloc(0, 2, 2, 0));
    loss_teacher_ws_free(NULL);
}

/* penalty = eq21 (issue 14 item 5): the loss changes by exactly
 * lambda sum_i [(|a_i|^2 - 1)^2 - (|a_i| - 1)^2] against eq. (19)'s default, and its
 * gradient passes the same central-difference check. */
Test(loss_teacher, penalty_eq21)
{
    check_gradient_penalty(METHOD_SCORE, INPUT_LAPLACE, 1);
    fixture f;
    make(&f, INPUT_GAUSSIAN, 2385);
    loss_teacher_ws *ws = loss_teacher_ws_alloc(N, D, K, 0);
    cr_assert_not_null(ws);
    cr_assert_eq(loss_teacher_bind(ws, METHOD_GE, INPUT_GAUSSIAN, 1.0, f.X, f.y, NULL, NULL, NULL),
                 RS_OK);
    const double mu = 2.385, lambda = 1.7;
    double v19, v21, want = 0.0;
    cr_assert_eq(loss_teacher_eval(ws, f.A, 0, N, mu, lambda, &v19, NULL, NULL), RS_OK);
    loss_teacher_set_penalty(ws, 1);
    cr_assert_eq(loss_teacher_eval(ws, f.A, 0, N, mu, lambda, &v21, NULL, NULL), RS_OK);
    for (size_t i = 0; i < K; i++) {
        double s2 = 0.0;
        for (size_t j = 0; j < D; j++)
            s2 += f.A[i * D + j] * f.A[i * D + j];
        want += lambda * ((s2 - 1.0) * (s2 - 1.0) - (sqrt(s2) - 1.0) * (sqrt(s2) - 1.0));
    }
    cr_assert(fabs((v21 - v19) - want) < 1e-12 * (1.0 + fabs(v19)), "%.17g vs %.17g", v21 - v19,
              want);
    loss_teacher_ws_free(ws);
}
