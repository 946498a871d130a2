/* test_opt_teacher.c — gradient descent on the teacher losses recovers A* (seed 003,
 * Theorem 2, Figure 3) where l2 stalls; the sign convention of kappa* matters. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "gen_teacher.h"
#include "loss_teacher.h"
#include "met_teacher.h"
#include "opt_teacher.h"
#include "param.h"
#include "rng_stream.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}

TestSuite(opt_teacher, .init = setup);

enum { N = 1024, D = 5, RUNS = 10, NG = 65536 };

/* Final e(A) of `iters` full-batch GD steps of loss on Laplace data of run `run`, from
 * the run's random init; y_sign = -1 flips the data (the opposite kappa* convention).
 * Divergence counts as e = 1. */
typedef struct {
    int input, truth;
    size_t n;
} setting;

static const setting LAPLACE_I = {INPUT_LAPLACE, TRUTH_IDENTITY, N};

static double descend_perm(setting c, int loss, size_t run, double mu, double lambda, double lr,
                           size_t iters, double y_sign, double *e_perm)
{
    static double X[NG * D], y[NG], P[NG * D];
    double As[D * D], A[D * D], g[D * D], M[D * D], work[4 * D * D + 2 * D];
    gsl_rng *r = rng_stream_alloc(2385, 0, run, RNG_PURPOSE_SAMPLES);
    cr_assert_eq(gen_teacher_truth(c.truth, D, D, 1.0, r, work, As, NULL), RS_OK);
    gen_teacher_sample(c.input, 1.0, As, D, D, c.n, 0.0, r, X, y, P, NULL, NULL);
    for (size_t s = 0; s < c.n; s++)
        y[s] *= y_sign;
    opt_teacher_init(A, D, D, r);
    loss_teacher_ws *ws = loss_teacher_ws_alloc(c.n, D, D, 0);
    cr_assert_eq(loss_teacher_bind(ws, loss, c.input, 1.0, X, y, NULL, NULL, NULL), RS_OK);
    opt_teacher_state st = {ws, c.n, D, D, {OPT_GD, lr, mu, lambda, c.n}, r, NULL, NULL, g, 0, NAN};
    rs_status rs = RS_OK;
    for (size_t t = 0; t < iters && rs == RS_OK; t++)
        rs = opt_teacher_step(&st, A, NULL);
    double e = 1.0;
    *e_perm = 1.0;
    if (rs == RS_OK && met_teacher_align(A, As, D, D, work, M, NULL) == RS_OK) {
        e = met_teacher_e(M, D);
        *e_perm = met_teacher_e_perm(M, D);
    }
    loss_teacher_ws_free(ws);
    gsl_rng_free(r);
    return e;
}

/* How many of runs 0..runs-1 end below `below` in e(A) (strict = 0) or e_perm (strict = 1). */
static size_t successes(setting c, int loss, size_t runs, double mu, double lambda, double lr,
                        size_t iters, double y_sign, int strict, double below)
{
    size_t ok = 0;
    for (size_t run = 0; run < runs; run++) {
        double e_perm;
        const double e = descend_perm(c, loss, run, mu, lambda, lr, iters, y_sign, &e_perm);
        ok += (strict ? e_perm : e) < below;
    }
    return ok;
}

/* Laplace input, S4 = sgn(x)^4 (Section 4.1). With A* = I, E[y f(sgn x)] = E[y] E[f(sgn x)]
 * for even f (loss_teacher.h), so the population L is E[y] times Rademacher moments:
 * E[y S4] = E[y] (3 sym(I(x)I) - 2 sum_l e_l^4), an axis part with weight -2 E[y] = -k
 * (negative, hence -y) and an isotropic part. At unit rows that part adds
 * -2 E[y] sum_{i!=j} (a_i.a_j)^2, and comparing A = I with all rows on one spread
 * direction gives L(collapse) - L(I) = 2 E[y] (k-1) (mu - (k-1)): the axes win only for
 * mu > k - 1 = 4. We take mu = 5 and lambda = 500 >= 100 |kappa*| (Assumption 2(b) with
 * c = 0.01), lr = 1e-4 (stable: lr * lambda = 0.05). l2 gets the paper's lr 5e-3 and the
 * same 3000 steps. Success is e(A) < 0.05 (eq. 22, the criterion); L must succeed
 * in >= 8 of 10 runs, l2 in <= 5. But every axis-aligned A ties with I in that population
 * loss (the (a_i.a_j)^2 and sum_l a_il^2 a_jl^2 terms cancel on the axes), repeated rows
 * included, so e(A) = 0 does not mean a permutation: e_perm (the max of eq. 22's terms)
 * must show rows on repeated axes (e_perm >= 1/2) in most runs. */
Test(opt_teacher, score_recovers_identity_where_l2_stalls, .timeout = 60)
{
    size_t ok_score = 0, ok_l2 = 0, repeated = 0;
    for (size_t run = 0; run < RUNS; run++) {
        double e_perm;
        ok_score +=
            descend_perm(LAPLACE_I, METHOD_SCORE, run, 5.0, 500.0, 1e-4, 3000, 1.0, &e_perm) < 0.05;
        repeated += e_perm >= 0.5;
        ok_l2 += descend_perm(LAPLACE_I, METHOD_L2, run, 0.0, 0.0, 5e-3, 3000, 1.0, &e_perm) < 0.05;
    }
    cr_assert(ok_score >= 8, "score recovered A* in %zu of %d runs", ok_score, RUNS);
    cr_assert(ok_l2 <= 5, "l2 recovered A* in %zu of %d runs", ok_l2, RUNS);
    cr_assert(repeated >= 6, "score's rows repeated an axis in only %zu of %d runs", repeated,
              RUNS);
}

/* Inside Assumption 2's mu range (mu = 0.005 < c / kappa-ratio = 0.01) the isotropic part
 * above wins (mu < k - 1): the same runs stall near e = 1/2. This records that the
 * Laplace loss of Section 4.1 needs mu above k - 1 rather than Assumption 2's range. */
Test(opt_teacher, laplace_needs_mu_above_k_minus_1, .timeout = 60)
{
    const size_t ok = successes(LAPLACE_I, METHOD_SCORE, 4, 0.005, 500.0, 1e-4, 3000, 1.0, 0, 0.05);
    cr_assert(ok == 0, "recovered in %zu of 4 runs with mu = 0.005", ok);
}

/* The opposite sign convention (L built with +y, i.e. kappa* < 0 left as is) makes the
 * quartic terms unbounded below: GD diverges or stalls in every run. */
Test(opt_teacher, opposite_kappa_sign_fails, .timeout = 60)
{
    const size_t ok = successes(LAPLACE_I, METHOD_SCORE, 4, 5.0, 500.0, 1e-4, 3000, -1.0, 0, 0.05);
    cr_assert(ok == 0, "recovered in %zu of 4 runs with the flipped sign", ok);
}

/* The sgn(x)^4 loss sees the coordinate axes, not A*: with a rotated A* (truth =
 * orthogonal) and the same settings as above its rows still go to the axes, so e(A) stays
 * large (the rows of A*^-1 A are then rows of A*^T, spread over the axes). */
Test(opt_teacher, laplace_score_misses_a_rotated_truth, .timeout = 120)
{
    const setting c = {INPUT_LAPLACE, TRUTH_ORTHOGONAL, N};
    const size_t ok = successes(c, METHOD_SCORE, 4, 5.0, 500.0, 1e-4, 3000, 1.0, 0, 0.1);
    cr_assert(ok == 0, "the Laplace L found a rotated A* in %zu of 4 runs", ok);
}

/* Where Stein's identity holds (Gaussian input, Example 1's exact score), L does recover
 * A* up to a signed permutation, rotated or not: d = k = 5, A* orthogonal, n = 65536,
 * mu = 1, lambda = 100, lr = 6e-3 (lr * 2 lambda = 1.2 < 2), 1200 GD steps. Success is
 * e_perm < 0.1, the strict metric, in >= 4 of 6 runs (measured: 5 of 6). The sampling
 * error of the quartic terms at this n leaves successes at e_perm 0.02-0.06; a failure is a
 * stall with rows sharing a direction (e_perm > 0.5), so 0.1 separates the two. */
Test(opt_teacher, gaussian_score_recovers_a_rotated_truth, .timeout = 300)
{
    const setting c = {INPUT_GAUSSIAN, TRUTH_ORTHOGONAL, NG};
    const size_t ok = successes(c, METHOD_SCORE, 6, 1.0, 100.0, 6e-3, 1200, 1.0, 1, 0.1);
    cr_assert(ok >= 4, "the Gaussian L recovered A* (e_perm < 0.1) in %zu of 6 runs", ok);
}
