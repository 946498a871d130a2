/* job_relu_stream.c — the relu job's passes over replayed sample blocks (see
 * job_relu_stream.h). */
#include "job_relu_stream.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "angles.h"
#include "est_median_stream.h"
#include "gen_relu.h"
#include "stream_ring.h"

rs_status relu_stream_init(relu_stream *s, const gsl_rng *data_rng, rs_error *err)
{
    s->start = gsl_rng_clone(data_rng);
    s->r = gsl_rng_clone(data_rng);
    s->mid = gsl_rng_clone(data_rng);
    const size_t blocks = (s->n + GEN_RELU_BLOCK - 1) / GEN_RELU_BLOCK;
    s->mid_m0 = blocks >= 2 ? blocks / 2 * GEN_RELU_BLOCK : 0;
    if (!s->start || !s->r || !s->mid) {
        relu_stream_done(s);
        return rs_error_set(err, RS_ENOMEM, "job_relu: RNG state for the streamed passes");
    }
    return RS_OK;
}

void relu_stream_done(relu_stream *s)
{
    gsl_rng_free(s->start);
    gsl_rng_free(s->r);
    gsl_rng_free(s->mid);
    s->start = s->r = s->mid = NULL;
}

/* Called on every block of a pass with its first row m0. */
typedef void (*block_fn)(relu_stream *s, void *ctx, size_t m0, size_t rows);

/* The ring's memory (STREAM_RING_SLOTS blocks of k normals) at most this: beyond it
 * (k in the thousands) the job's thread draws its normals itself. */
enum { RING_MAX_BYTES = 64 << 20 };

/* A pass over samples 0..end-1 from the saved state: each block regenerated, then fn.
 * Pass 1 (st != NULL) saves the state before block mid_m0 for the helper. With pipe (a
 * core free), the normals are drawn one block ahead on a second thread (stream_ring.h):
 * the same samples in the same order. */
static rs_status pass_to(relu_stream *s, size_t end, int pipe, gen_relu_stats *st, block_fn fn,
                         void *ctx, const atomic_int *cancel, rs_error *err)
{
    gsl_rng_memcpy(s->r, s->start);
    if (st)
        gen_relu_stats_zero(st, s->d);
    const int fits = s->k <= RING_MAX_BYTES / STREAM_RING_SLOTS / GEN_RELU_BLOCK / sizeof(double);
    stream_ring *q = pipe && fits && end > GEN_RELU_BLOCK
                         ? stream_ring_start(s->r, s->k, end, st ? s->mid : NULL, s->mid_m0, cancel)
                         : NULL;
    rs_status rc = RS_OK;
    for (size_t m0 = 0; m0 < end; m0 += GEN_RELU_BLOCK) {
        if (cancel && atomic_load_explicit(cancel, memory_order_relaxed)) {
            rc = rs_error_set(err, RS_ECANCELLED, "job_relu: cancelled");
            break;
        }
        const size_t rows = end - m0 < GEN_RELU_BLOCK ? end - m0 : GEN_RELU_BLOCK;
        if (q) {
            const double *z = stream_ring_next(q);
            if (!z) { /* the producer saw the cancellation first */
                rc = rs_error_set(err, RS_ECANCELLED, "job_relu: cancelled");
                break;
            }
            gen_relu_block_x(s->W, s->b, s->d, s->k, rows, z, s->Xb, st);
            stream_ring_release(q);
        } else {
            if (st && m0 == s->mid_m0 && m0 > 0)
                gsl_rng_memcpy(s->mid, s->r);
            gen_relu_block(s->W, s->b, s->d, s->k, rows, s->r, s->Xb, s->zbuf, st);
        }
        fn(s, ctx, m0, rows);
    }
    stream_ring_stop(q);
    return rc;
}

static rs_status pass(relu_stream *s, gen_relu_stats *st, block_fn fn, void *ctx,
                      const atomic_int *cancel, rs_error *err)
{
    return pass_to(s, s->n, s->helper, st, fn, ctx, cancel, err);
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

/* The second half of a counting pass, on the helper thread: its own stream (from s->mid)
 * and block buffers, its own counts. */
typedef struct {
    const relu_stream *s;
    const double *b_hat;
    gsl_rng *r;
    double *Xb, *zbuf;
    uint64_t *bits, *cnt;
    const atomic_int *cancel;
} counts_half;

static void *counts_half_run(void *arg)
{
    counts_half *h = arg;
    const relu_stream *s = h->s;
    for (size_t m0 = s->mid_m0; m0 < s->n; m0 += GEN_RELU_BLOCK) {
        if (h->cancel && atomic_load_explicit(h->cancel, memory_order_relaxed))
            break; /* the job's own half reports the cancellation */
        const size_t rows = s->n - m0 < GEN_RELU_BLOCK ? s->n - m0 : GEN_RELU_BLOCK;
        gen_relu_block(s->W, s->b, s->d, s->k, rows, h->r, h->Xb, h->zbuf, NULL);
        angles_count_block(h->Xb, rows, s->d, h->b_hat, h->bits, h->cnt);
    }
    return NULL;
}

/* The helper's buffers in one allocation; 0 and h untouched when out of memory. */
static int counts_half_alloc(const relu_stream *s, counts_half *h)
{
    const size_t d = s->d, xb = GEN_RELU_BLOCK * d, zb = GEN_RELU_BLOCK * s->k;
    const size_t words = angles_words(GEN_RELU_BLOCK) * d;
    double *buf = malloc((xb + zb) * sizeof(double) + (words + d * d) * sizeof(uint64_t));
    gsl_rng *r = gsl_rng_clone(s->mid);
    if (!buf || !r) {
        free(buf);
        gsl_rng_free(r);
        return 0;
    }
    h->r = r, h->Xb = buf, h->zbuf = buf + xb;
    h->bits = (uint64_t *)(void *)(buf + xb + zb);
    h->cnt = h->bits + words;
    memset(h->cnt, 0, d * d * sizeof *h->cnt);
    return 1;
}

rs_status relu_stream_counts(relu_stream *s, const double *b_hat, double *counts,
                             const atomic_int *cancel, rs_error *err)
{
    const size_t d = s->d;
    memset(s->cnt, 0, d * d * sizeof *s->cnt);
    counts_half h = {.s = s, .b_hat = b_hat, .cancel = cancel};
    pthread_t thread;
    /* Without the helper (or its memory or thread), the job's thread does the whole pass. */
    int split = s->helper && s->mid_m0 > 0 && counts_half_alloc(s, &h);
    if (split && pthread_create(&thread, NULL, counts_half_run, &h) != 0) {
        free(h.Xb);
        gsl_rng_free(h.r);
        split = 0;
    }
    const rs_status st = pass_to(s, split ? s->mid_m0 : s->n, s->helper && !split, NULL,
                                 counts_block, (void *)b_hat, cancel, err);
    if (split) {
        pthread_join(thread, NULL);
        for (size_t i = 0; i < d * d; i++)
            s->cnt[i] += h.cnt[i];
        free(h.Xb);
        gsl_rng_free(h.r);
    }
    if (st == RS_OK)
        angles_counts_finish(s->cnt, d, counts);
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
