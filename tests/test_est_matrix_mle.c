/* test_est_matrix_mle.c — the likelihood estimator of the matrix model (seed 001):
 * the noiseless unclipped case in closed form, the constraints (5)-(6) at the solution,
 * invariance under column permutations, and its workspace/argument errors. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>

#include "est_matrix_mle.h"
#include "est_matrix_svd.h"
#include "gen_matrix.h"
#include "met_matrix.h"
#include "param.h"
#include "rng_stream.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}

TestSuite(est_matrix_mle, .init = setup);

/* One data set and room for an estimate. */
typedef struct {
    size_t d, n, k;
    gen_matrix_bias bias;
    double *A, *b, *C, *Y, *Uk, *U, *V, *bh, *work;
    int *iwork;
} fixture;

static void fixture_make(fixture *f, size_t d, size_t n, size_t k, gen_matrix_bias bias,
                         uint64_t seed)
{
    f->d = d, f->n = n, f->k = k, f->bias = bias;
    f->A = malloc(d * k * sizeof(double));
    f->b = malloc(d * sizeof(double));
    f->C = malloc(k * n * sizeof(double));
    f->Y = malloc(d * n * sizeof(double));
    f->Uk = malloc(d * k * sizeof(double));
    f->U = malloc(d * k * sizeof(double));
    f->V = malloc(n * k * sizeof(double));
    f->bh = malloc(d * sizeof(double));
    const size_t mw = met_matrix_work(d, k), sw = est_matrix_svd_work(d, k);
    f->work = malloc((mw > sw ? mw : sw) * sizeof(double));
    f->iwork = malloc(2 * d * sizeof(int));
    gsl_rng *rt = rng_stream_alloc(seed, 0, 0, RNG_PURPOSE_TRUTH);
    gsl_rng *rs = rng_stream_alloc(seed, 0, 0, RNG_PURPOSE_SAMPLES);
    cr_assert_eq(gen_matrix_truth(d, k, 2.385, &bias, rt, f->A, f->b, NULL), RS_OK);
    cr_assert_eq(gen_matrix_latent(k, n, LATENT_GAUSSIAN, 0.0, rs, f->C, NULL, NULL), RS_OK);
    cr_assert_eq(gen_matrix_sample(f->A, f->b, f->C, d, k, n, f->Y, NULL, NULL, NULL), RS_OK);
    cr_assert_eq(met_matrix_true_basis(f->A, d, k, f->work, f->iwork, f->Uk, NULL), RS_OK);
    gsl_rng_free(rt);
    gsl_rng_free(rs);
}

static void fixture_free(fixture *f)
{
    double *p[] = {f->A, f->b, f->C, f->Y, f->Uk, f->U, f->V, f->bh, f->work};
    for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
        free(p[i]);
    free(f->iwork);
}

static est_matrix_result fit_mle(fixture *f, const double *Y, est_matrix_mle_opts opt)
{
    const est_matrix_input in = {Y, f->d, f->n, f->k};
    est_matrix_result res = {f->U, f->V, f->bh, 0, 0};
    est_matrix_mle_ws *ws = est_matrix_mle_ws_alloc(f->d, f->n, f->k);
    cr_assert_not_null(ws);
    rs_error err;
    cr_assert_eq(est_matrix_mle_fit(&in, &opt, ws, &res, NULL, NULL, NULL, &err), RS_OK, "%s",
                 err.msg);
    est_matrix_mle_ws_free(ws);
    return res;
}

/* Z_ij = U_i . V_j + b_i of an estimate. */
static double z_of(const fixture *f, size_t i, size_t j)
{
    double z = f->bh[i];
    for (size_t a = 0; a < f->k; a++)
        z += f->U[i * f->k + a] * f->V[j * f->k + a];
    return z;
}

Test(est_matrix_mle, unclipped_noiseless_is_the_closed_form_and_agrees_with_svd)
{
    /* bias_mean = 40 > 8 max|M_ij| (|M_ij| <= ||A_i|| ||c_j|| and both stay below ~6 here):
     * nothing is clipped. Y = M + b 1^T then fixes Z exactly and leaves only the gauge
     * M + A w 1^T (est_matrix_mle.h); the Gaussian prior picks A w = P_A (b - mu), so
     * M_hat = M + P_A(b - mu) 1^T and b_hat = b - P_A(b - mu) exactly. Both fits are
     * exact in exact arithmetic (full observations, rank k); the tolerance 1e-9 allows
     * the rounding of n d k-term sums, about 1e-13 relative here, with a wide margin. */
    fixture f;
    const gen_matrix_bias bias = {BIASDIST_GAUSSIAN, 40.0, 1.7};
    fixture_make(&f, 20, 300, 3, bias, 2385);
    for (size_t t = 0; t < f.d * f.n; t++)
        cr_assert_gt(f.Y[t], 0.0, "entry %zu clipped", t);
    /* ridge = 0: the closed form is that of (8)-(9) itself; with every entry observed no
     * direction but the gauge is flat, so the ridge is not needed here. */
    est_matrix_mle_opts exact = est_matrix_mle_default_opts(&bias);
    exact.ridge = 0.0;
    fit_mle(&f, f.Y, exact);
    const size_t d = f.d, n = f.n, k = f.k;
    double pb[64], num = 0.0, den = 0.0, eb = 0.0;
    for (size_t i = 0; i < d; i++) { /* P_A (b - mu) = Uk Uk^T (b - mu) */
        pb[i] = 0.0;
        for (size_t a = 0; a < k; a++) {
            double s = 0.0;
            for (size_t l = 0; l < d; l++)
                s += f.Uk[l * k + a] * (f.b[l] - bias.mean);
            pb[i] += f.Uk[i * k + a] * s;
        }
    }
    for (size_t i = 0; i < d; i++) {
        eb += pow(f.bh[i] - (f.b[i] - pb[i]), 2);
        for (size_t j = 0; j < n; j++) {
            double m = 0.0;
            for (size_t a = 0; a < k; a++)
                m += f.A[i * k + a] * f.C[a * n + j];
            const double mhat = z_of(&f, i, j) - f.bh[i], pred = m + pb[i];
            num += (mhat - pred) * (mhat - pred);
            den += m * m;
        }
    }
    /* The penalty shifts the fit of each entry by the prior's pull |q'(b_i)| / (rho n) <=
     * 4 s / (rho n) (rows within 4 s of the mean), relative to rms(M); plus 1e-9 for the
     * rounding of n d k-term sums (about 1e-13 relative here). */
    const est_matrix_mle_opts o = est_matrix_mle_default_opts(&bias);
    const double pull = 4.0 * bias.scale / (o.rho * (double)n);
    cr_assert_lt(sqrt(num / den), pull / sqrt(den / (double)(d * n)) + 1e-9,
                 "M_hat vs closed form: %g", sqrt(num / den));
    /* b_hat carries the same O(1/rho) pull. */
    cr_assert_lt(sqrt(eb / (double)d), pull, "b_hat vs closed form: %g", sqrt(eb / (double)d));
    /* Both estimators recover col(A): svd exactly (to rounding, 1e-9), mle up to the pull,
     * a perturbation E of M with ||E||_F <= pull sqrt(d n); by Wedin's theorem
     * ||sin Theta||_F <= ||E||_F / sigma_k(M). */
    gsl_matrix *Mt = gsl_matrix_alloc(n, d), *Vs = gsl_matrix_alloc(d, d);
    gsl_vector *sv = gsl_vector_alloc(d), *wk = gsl_vector_alloc(d);
    for (size_t i = 0; i < d; i++)
        for (size_t j = 0; j < n; j++) {
            double m = 0.0;
            for (size_t a = 0; a < k; a++)
                m += f.A[i * k + a] * f.C[a * n + j];
            gsl_matrix_set(Mt, j, i, m);
        }
    cr_assert_eq(gsl_linalg_SV_decomp(Mt, Vs, sv, wk), 0);
    const double wedin = pull * sqrt((double)(d * n)) / gsl_vector_get(sv, k - 1);
    gsl_matrix_free(Mt);
    gsl_matrix_free(Vs);
    gsl_vector_free(sv);
    gsl_vector_free(wk);
    const met_matrix_truth t = {f.A, f.C, f.b, f.Uk};
    double out[MET_MATRIX_COUNT];
    est_matrix_result res = {f.U, f.V, f.bh, 0, 0};
    met_matrix_eval(f.Y, d, n, k, &t, &res, &bias, f.work, f.iwork, out, NULL, NULL);
    cr_assert_lt(out[MET_MATRIX_SUBSPACE_ERR], wedin + 1e-9, "mle subspace %g, bound %g",
                 out[MET_MATRIX_SUBSPACE_ERR], wedin);
    const est_matrix_input in = {f.Y, d, n, k};
    cr_assert_eq(est_matrix_svd_fit(&in, f.work, f.iwork, &res, NULL, NULL), RS_OK);
    met_matrix_eval(f.Y, d, n, k, &t, &res, &bias, f.work, f.iwork, out, NULL, NULL);
    cr_assert_lt(out[MET_MATRIX_SUBSPACE_ERR], 1e-9, "svd subspace %g",
                 out[MET_MATRIX_SUBSPACE_ERR]);
    fixture_free(&f);
}

Test(est_matrix_mle, constraints_hold_at_the_solution)
{
    /* d = 50, k = 5, n = 2000, bias of scale 0.3, logistic and Gaussian. Tolerance: at the
     * penalised optimum a residual is at most |q'(b_i)| / rho <= 4 s / 1e6 ~ 1e-6 (rows
     * within 4 s of the mean); the run stops after a sweep moving Z by < tol_stop = 1e-9
     * relative in F-norm, i.e. at most 1e-9 sqrt(d n) rms(Z) ~ 3e-7 rms(Z) in one entry,
     * times 1/(1 - rate) <= 4 for the measured contraction rate <= 3/4. Hence 1e-5 rms(Y).
     * Precondition: every row has >= 2(k + 1) positive entries. Rows with fewer leave
     * (U_i, b_i) nearly free: the fit then crawls along a valley (est_matrix_mle.h) and
     * residuals of 1e-5..1e-3 remain after hundreds of sweeps (measured at scale 0.5). */
    for (int dist = BIASDIST_GAUSSIAN; dist <= BIASDIST_LOGISTIC; dist++) {
        fixture f;
        const gen_matrix_bias bias = {dist, 0.0, 0.3};
        fixture_make(&f, 50, 2000, 5, bias, 77);
        est_matrix_mle_opts opt = est_matrix_mle_default_opts(&bias);
        opt.tol = 1e-9;
        opt.max_iters = 300;
        const est_matrix_result res = fit_mle(&f, f.Y, opt);
        cr_assert_eq(res.flags, 0u, "flags %u after %zu iterations", res.flags, res.iters);
        double ss = 0.0;
        for (size_t t = 0; t < f.d * f.n; t++)
            ss += f.Y[t] * f.Y[t];
        const double tol = 1e-5 * sqrt(ss / (double)(f.d * f.n));
        for (size_t i = 0; i < f.d; i++) {
            size_t npos = 0;
            for (size_t j = 0; j < f.n; j++)
                npos += f.Y[i * f.n + j] > 0.0;
            cr_assert_geq(npos, 2 * (f.k + 1), "precondition: row %zu has %zu positives", i, npos);
        }
        for (size_t i = 0; i < f.d; i++) {
            for (size_t j = 0; j < f.n; j++) {
                const double y = f.Y[i * f.n + j], z = z_of(&f, i, j);
                if (y > 0.0)
                    cr_assert_lt(fabs(z - y), tol, "eq. (5) at (%zu, %zu): %g (iters %zu)", i, j,
                                 z - y, res.iters);
                else
                    cr_assert_lt(z, tol, "eq. (6) at (%zu, %zu): %g", i, j, z);
            }
        }
        fixture_free(&f);
    }
}

Test(est_matrix_mle, permuting_columns_permutes_the_estimate)
{
    /* The objective is a sum over columns and the steps treat columns alike, so only the
     * order of floating-point sums changes. Both runs stop within tol_stop = 1e-6 of the
     * same fixed point (contraction rate <= 3/4: distance <= 3 tol_stop); 1e-5 relative. */
    fixture f;
    const gen_matrix_bias bias = {BIASDIST_GAUSSIAN, 0.0, 1.0};
    fixture_make(&f, 30, 600, 4, bias, 4242);
    const size_t d = f.d, n = f.n, k = f.k;
    size_t *perm = malloc(n * sizeof *perm);
    double *Yp = malloc(d * n * sizeof *Yp), *Z1 = malloc(d * n * sizeof *Z1);
    for (size_t j = 0; j < n; j++)
        perm[j] = (j * 7 + 3) % n; /* 7 and 600 are coprime: a permutation */
    for (size_t i = 0; i < d; i++)
        for (size_t j = 0; j < n; j++)
            Yp[i * n + j] = f.Y[i * n + perm[j]];
    fit_mle(&f, f.Y, est_matrix_mle_default_opts(&bias));
    for (size_t i = 0; i < d; i++)
        for (size_t j = 0; j < n; j++)
            Z1[i * n + j] = z_of(&f, i, j) - f.bh[i];
    fit_mle(&f, Yp, est_matrix_mle_default_opts(&bias));
    double num = 0.0, den = 0.0;
    for (size_t i = 0; i < d; i++)
        for (size_t j = 0; j < n; j++) {
            const double a = z_of(&f, i, j) - f.bh[i], b = Z1[i * n + perm[j]];
            num += (a - b) * (a - b);
            den += b * b;
        }
    cr_assert_lt(sqrt(num / den), 1e-5, "relative difference %g", sqrt(num / den));
    (void)k;
    free(perm);
    free(Yp);
    free(Z1);
    fixture_free(&f);
}

Test(est_matrix_mle, bad_arguments_are_refused)
{
    fixture f;
    const gen_matrix_bias bias = {BIASDIST_GAUSSIAN, 0.0, 1.0};
    fixture_make(&f, 10, 50, 2, bias, 5);
    est_matrix_mle_ws *ws = est_matrix_mle_ws_alloc(10, 50, 3); /* k mismatch */
    const est_matrix_input in = {f.Y, 10, 50, 2};
    est_matrix_result res = {f.U, f.V, f.bh, 0, 0};
    rs_error err;
    est_matrix_mle_opts opt = est_matrix_mle_default_opts(&bias);
    cr_assert_eq(est_matrix_mle_fit(&in, &opt, ws, &res, NULL, NULL, NULL, &err), RS_EINVAL);
    cr_assert(strstr(err.msg, "est_matrix_mle_fit") != NULL);
    est_matrix_mle_ws_free(ws);
    ws = est_matrix_mle_ws_alloc(10, 50, 2);
    opt.rho = 0.0;
    cr_assert_eq(est_matrix_mle_fit(&in, &opt, ws, &res, NULL, NULL, NULL, &err), RS_EINVAL);
    opt = est_matrix_mle_default_opts(&bias);
    atomic_int cancel = 1;
    cr_assert_eq(est_matrix_mle_fit(&in, &opt, ws, &res, NULL, NULL, &cancel, &err), RS_ECANCELLED);
    est_matrix_mle_ws_free(ws);
    est_matrix_mle_ws_free(NULL);
    const est_matrix_input big_k = {f.Y, 10, 50, 11};
    cr_assert_eq(est_matrix_svd_fit(&big_k, f.work, f.iwork, &res, NULL, &err), RS_EINVAL);
    fixture_free(&f);
}
