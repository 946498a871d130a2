/* job_relu_needed.c — Claim 2 of Wu, Dimakis, Sanghavi 2019 as a sample-complexity curve.
 *
 * Claim 2: telling D(1, b) from D(1, b - delta) at b < 0 needs Omega(exp(b^2/2))
 * samples, because a sample is non-zero with probability Phi(b) <= exp(-b^2/2) (its
 * proof). Algorithm 1 cannot show this: line 4 clips b_hat at 0, so its err_b is |b| at
 * every n. This job runs the unclipped censored MLE (est_censored.c) on one coordinate,
 * x = max(0, z + b), z ~ N(0, 1), on a grid of n, and records the smallest grid n from
 * which err_b = |b_hat - b| stays <= target_err; the view plots it against b beside the
 * exp(b^2/2) guide.
 *
 * The samples of the grid are nested (the first n of one stream), and only their
 * sufficient statistics are drawn: the number of positive samples among the next m is
 * Binomial(m, Phi(b)), and each positive one is b + Y with Y ~ N(0,1) truncated to
 * (-b, inf) (trunc_normal_sample). This has the law of the samples themselves at
 * O(n Phi(b)) cost, which is what makes n = 1e8 at b = -3 affordable. */
#include "job_relu_needed.h"

#include <math.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "est_censored.h"
#include "met_relu.h"
#include "rng_stream.h"
#include "trunc_normal.h"

/* Grid points per decade of n, the first grid n, and how many consecutive grid points
 * must meet the target (a half-decade: a lucky crossing of b_hat through b at one n is
 * not "reached"). */
enum { NEEDED_PER_DECADE = 4, NEEDED_STAY = 3 };
static const double needed_n_first = 10.0;

size_t job_relu_needed_grid(size_t n_max, double *grid, size_t cap)
{
    size_t m = 0;
    for (size_t j = 0; m < cap; j++) {
        const double nj = round(needed_n_first * pow(10.0, (double)j / NEEDED_PER_DECADE));
        if (nj >= (double)n_max) {
            grid[m++] = (double)n_max;
            break;
        }
        grid[m++] = nj;
    }
    return m;
}

/* Sufficient statistics of the stream so far (est_censored_fit1's inputs). */
typedef struct {
    double n, count, sum, sumsq;
} needed_stats;

/* Extend the stream to n_to samples of max(0, z + b). */
static void draw_to(needed_stats *s, double n_to, double b, gsl_rng *r)
{
    const double p_pos = gsl_cdf_ugaussian_P(b); /* P(z + b > 0) */
    const unsigned m = (unsigned)(n_to - s->n);
    const unsigned pos = gsl_ran_binomial(r, p_pos, m);
    for (unsigned j = 0; j < pos; j++) {
        const double x = b + trunc_normal_sample(r, -b);
        s->count += 1.0;
        s->sum += x;
        s->sumsq += x * x;
    }
    s->n = n_to;
}

/* The metrics of the fit at the stream's current n (Figure 1's, for d = 1, W = 1). */
static unsigned eval_fit(const needed_stats *s, double b, double *out)
{
    double mu = NAN, s2 = NAN;
    const rs_status st = est_censored_fit1(s->n, s->count, s->sum, s->sumsq, &mu, &s2, NULL, NULL);
    const double one = 1.0, zero = 0.0;
    double scratch[4];
    unsigned flags = met_relu_eval(&one, &b, &zero, &s2, &mu, &zero, 1, scratch, out);
    const double b_clip = fmax(0.0, mu); /* Alg. 1, line 4 */
    out[MET_RELU_ERR_B_CLIPPED] = fabs(b_clip - b);
    if (st == RS_EINVAL)
        flags |= MET_FLAG_FIT_FAILED;
    else if (st != RS_OK)
        flags |= MET_FLAG_NOT_CONVERGED;
    return flags;
}

rs_status job_relu_needed_run(const rs_params *p, size_t v, size_t run, sweep_cell *cell,
                              const atomic_int *cancel, rs_error *err)
{
    double grid[JOB_RELU_NEEDED_GRID_MAX];
    const size_t m = job_relu_needed_grid(p->n, grid, JOB_RELU_NEEDED_GRID_MAX);
    gsl_rng *r = rng_stream_alloc(p->seed, v, run, RNG_PURPOSE_SAMPLES);
    if (!r)
        return rs_error_set(err, RS_ENOMEM, "job_relu_needed: RNG allocation");
    const double b = p->bias_scale, eps = p->target_err;
    const int method = p->estimator;
    needed_stats s = {0, 0, 0, 0};
    double *out = cell->metric[method];
    size_t first_ok = m, stay = 0; /* grid index from which err_b <= eps, and run length */
    unsigned flags = 0;
    const double t0 = rs_now_s();
    for (size_t j = 0; j < m; j++) {
        if (cancel && atomic_load_explicit(cancel, memory_order_relaxed)) {
            gsl_rng_free(r);
            return rs_error_set(err, RS_ECANCELLED, "job_relu_needed: cancelled");
        }
        draw_to(&s, grid[j], b, r);
        flags = eval_fit(&s, b, out);
        if (out[MET_RELU_ERR_B] <= eps) {
            first_ok = stay++ == 0 ? j : first_ok;
            if (stay == NEEDED_STAY)
                break;
        } else {
            stay = 0;
            first_ok = m;
        }
    }
    gsl_rng_free(r);
    /* Reached only if it stayed, or met the target from some n to the end of the grid. */
    const int reached = first_ok < m;
    out[MET_RELU_LOG10_N_NEEDED] = reached ? log10(grid[first_ok]) : NAN;
    cell->flags[method] = flags | (reached ? 0u : MET_FLAG_TARGET_NOT_REACHED);
    out[MET_RELU_SECONDS] = rs_now_s() - t0;
    return RS_OK;
}
