/* job_relu_stream.c — the relu job's passes over replayed sample blocks (see
 * job_relu_stream.h). */
#include "job_relu_stream.h"

#include <string.h>

#include "angles.h"
#include "est_median_stream.h"
#include "gen_relu.h"

rs_status relu_stream_init(relu_stream *s, const gsl_rng *data_rng, rs_error *err)
{
    s->start = gsl_rng_clone(data_rng);
    s->r = gsl_rng_clone(data_rng);
    if (!s->start || !s->r) {
        relu_stream_done(s);
        return rs_error_set(err, RS_ENOMEM, "job_relu: RNG state for the streamed passes");
    }
    return RS_OK;
}

void relu_stream_done(relu_stream *s)
{
    gsl_rng_free(s->start);
    gsl_rng_free(s->r);
    s->start = s->r = NULL;
}

/* Called on every block of a pass with its first row m0. */
typedef void (*block_fn)(relu_stream *s, void *ctx, size_t m0, size_t rows);

/* One pass over the n samples from the saved state: each block regenerated, then fn. */
static rs_status pass(relu_stream *s, gen_relu_stats *st, block_fn fn, void *ctx,
                      const atomic_int *cancel, rs_error *err)
{
    gsl_rng_memcpy(s->r, s->start);
    if (st)
        gen_relu_stats_zero(st, s->d);
    for (size_t m0 = 0; m0 < s->n; m0 += GEN_RELU_BLOCK) {
        if (cancel && atomic_load_explicit(cancel, memory_order_relaxed))
            return rs_error_set(err, RS_ECANCELLED, "job_relu: cancelled");
        const size_t rows = s->n - m0 < GEN_RELU_BLOCK ? s->n - m0 : GEN_RELU_BLOCK;
        gen_relu_block(s->W, s->b, s->d, s->k, rows, s->r, s->Xb, s->zbuf, st);
        fn(s, ctx, m0, rows);
    }
    return RS_OK;
}

static void pass1_block(relu_stream *s, void *ctx, size_t m0, size_t rows)
{
    (void)ctx;
    const size_t d = s->d;
    for (size_t m = 0; m < rows; m++)
        for (size_t i = 0; i < d; i++) {
            const double x = s->Xb[m * d + i];
            s->xmax[i] = x > s->xmax[i] ? x : s->xmax[i];
        }
    for (size_t m = 0; s->sample_x && m < rows && m0 + m < s->n_sample; m++) {
        s->sample_x[m0 + m] = s->Xb[m * d + s->coord];
        s->sample_y[m0 + m] = s->Xb[m * d + s->coord2];
    }
}

rs_status relu_stream_pass1(relu_stream *s, gen_relu_stats *st, const atomic_int *cancel,
                            rs_error *err)
{
    for (size_t i = 0; i < s->d; i++)
        s->xmax[i] = 0.0; /* samples are >= 0 after the ReLU */
    return pass(s, st, pass1_block, NULL, cancel, err);
}

static void counts_block(relu_stream *s, void *ctx, size_t m0, size_t rows)
{
    (void)m0;
    angles_count_block(s->Xb, rows, s->d, ctx, s->bits, s->cnt);
}

rs_status relu_stream_counts(relu_stream *s, const double *b_hat, double *counts,
                             const atomic_int *cancel, rs_error *err)
{
    memset(s->cnt, 0, s->d * s->d * sizeof *s->cnt);
    const rs_status st = pass(s, NULL, counts_block, (void *)b_hat, cancel, err);
    if (st == RS_OK)
        angles_counts_finish(s->cnt, s->d, counts);
    return st;
}

typedef struct {
    est_median_target *t;
    size_t nt;
} median_pass;

static void median_block(relu_stream *s, void *ctx, size_t m0, size_t rows)
{
    (void)m0;
    const median_pass *mp = ctx;
    est_median_stream_block(mp->t, mp->nt, s->Xb, rows, s->d);
}

rs_status relu_stream_median(relu_stream *s, const gen_relu_stats *st, size_t mem_bytes,
                             workspace_arena *arena, est_result *out, const atomic_int *cancel,
                             rs_error *err)
{
    const size_t d = s->d, nt = EST_MEDIAN_STREAM_QUANTILES * d;
    /* Half the budget for the collected values, at least 2^16 of them per target. */
    size_t cap = mem_bytes / 2 / sizeof(double) / nt;
    cap = cap < ((size_t)1 << 16) ? (size_t)1 << 16 : cap;
    const size_t tsz = (nt * sizeof(est_median_target) + sizeof(double) - 1) / sizeof(double);
    double *targets = NULL, *hist = NULL, *buf = NULL;
    const size_t counts[] = {tsz, nt * EST_MEDIAN_STREAM_BINS, cap > SIZE_MAX / nt ? 0 : cap * nt};
    double **const slots[] = {&targets, &hist, &buf};
    void *block = counts[2] ? workspace_take(arena, 1, counts, slots, 3) : NULL;
    if (!block)
        return rs_error_set(err, RS_ENOMEM, "job_relu: median brackets for d = %zu", d);
    est_median_target *t = (est_median_target *)(void *)targets;
    est_median_stream_plan(t, d, s->n, st->count, s->xmax);
    median_pass mp = {t, nt};
    rs_status rc = RS_OK;
    while (rc == RS_OK && est_median_stream_next(t, nt, cap, hist, buf)) {
        rc = pass(s, NULL, median_block, &mp, cancel, err);
        if (rc == RS_OK)
            est_median_stream_end(t, nt, s->n);
    }
    if (rc == RS_OK)
        est_median_stream_result(t, d, s->n, out);
    workspace_put(arena, block);
    return rc;
}

typedef struct {
    size_t bins;
    double w, *hist;
} hist_pass;

static void hist_block(relu_stream *s, void *ctx, size_t m0, size_t rows)
{
    (void)m0;
    hist_pass *hp = ctx;
    for (size_t m = 0; m < rows; m++) {
        const double x = s->Xb[m * s->d + s->coord];
        if (x > 0.0) {
            const size_t j = (size_t)(x / hp->w);
            hp->hist[j < hp->bins ? j : hp->bins - 1] += 1.0;
        }
    }
}

rs_status relu_stream_hist(relu_stream *s, size_t hist_bins, double w, double *hist,
                           const atomic_int *cancel, rs_error *err)
{
    hist_pass hp = {hist_bins, w, hist};
    for (size_t j = 0; j < hist_bins; j++)
        hist[j] = 0.0;
    return pass(s, NULL, hist_block, &hp, cancel, err);
}
