/* est_median_stream.c — footnote 4 of Wu, Dimakis, Sanghavi 2019 on streamed samples: exact order
 * statistics by shrinking brackets (see est_median_stream.h). */
#include "est_median_stream.h"

#include <math.h>
#include <string.h>

#include "est_median.h"
#include "stats.h"

static const double quantiles[EST_MEDIAN_STREAM_QUANTILES] = {0.5, EST_MEDIAN_UPPER};

/* The highest rank a target needs: k + 1, or k when k is the last. */
static size_t last_rank(const est_median_target *t, size_t n)
{
    return t->k + 1 < n ? t->k + 1 : t->k;
}

void est_median_stream_plan(est_median_target *t, size_t d, size_t n, const double *count,
                            const double *xmax)
{
    for (size_t i = 0; i < d; i++)
        for (size_t q = 0; q < EST_MEDIAN_STREAM_QUANTILES; q++) {
            est_median_target *T = &t[i * EST_MEDIAN_STREAM_QUANTILES + q];
            memset(T, 0, sizeof *T);
            T->coord = i;
            T->k = stats_quantile_rank(n, quantiles[q]);
            T->inside = (size_t)count[i]; /* the positive samples, in (0, max] */
            T->zeros = T->below = n - T->inside;
            T->lo = 0.0;
            T->hi = xmax[i];
            if (last_rank(T, n) < T->zeros) { /* both order statistics are zeros */
                T->v0 = T->v1 = 0.0;
                T->done = 1;
            }
        }
}

/* The upper edge of bin b (b = 0 gives lo, b = BINS gives hi): bin b holds the values in
 * (edge(b), edge(b + 1)]. Non-decreasing in b, so the bins tile (lo, hi]. */
static double edge(const est_median_target *T, size_t b)
{
    if (b == EST_MEDIAN_STREAM_BINS)
        return T->hi;
    return T->lo + (T->hi - T->lo) * ((double)b / EST_MEDIAN_STREAM_BINS);
}

int est_median_stream_next(est_median_target *t, size_t nt, size_t cap, double *hist_space,
                           double *buf_space)
{
    size_t hist_used = 0, buf_used = 0;
    int pass = 0;
    for (size_t j = 0; j < nt; j++) {
        est_median_target *T = &t[j];
        T->hist = T->buf = NULL;
        if (T->done)
            continue;
        if (T->inside > cap && nextafter(T->lo, INFINITY) < T->hi) {
            T->hist = hist_space + hist_used;
            hist_used += EST_MEDIAN_STREAM_BINS;
            memset(T->hist, 0, EST_MEDIAN_STREAM_BINS * sizeof *T->hist);
        } else if (T->inside > cap) { /* (lo, hi] holds the one value hi */
            T->v0 = T->k < T->zeros ? 0.0 : T->hi;
            T->v1 = T->hi;
            T->done = 1;
            continue;
        } else {
            T->buf = buf_space + buf_used;
            buf_used += T->inside;
            T->filled = 0;
        }
        pass = 1;
    }
    return pass;
}

/* The bin of v in (lo, hi]: the quotient's guess, corrected against the edges. */
static size_t bin_of(const est_median_target *T, double v)
{
    size_t b = (size_t)((v - T->lo) / (T->hi - T->lo) * EST_MEDIAN_STREAM_BINS);
    if (b >= EST_MEDIAN_STREAM_BINS)
        b = EST_MEDIAN_STREAM_BINS - 1;
    while (b > 0 && v <= edge(T, b))
        b--;
    while (b + 1 < EST_MEDIAN_STREAM_BINS && v > edge(T, b + 1))
        b++;
    return b;
}

void est_median_stream_block(est_median_target *t, size_t nt, const double *Xb, size_t rows,
                             size_t d)
{
    for (size_t j = 0; j < nt; j++) {
        est_median_target *T = &t[j];
        if (T->done || (!T->hist && !T->buf))
            continue;
        const double *x = Xb + T->coord, lo = T->lo, hi = T->hi;
        for (size_t m = 0; m < rows; m++) {
            const double v = x[m * d];
            if (!(v > lo && v <= hi))
                continue;
            if (T->hist)
                T->hist[bin_of(T, v)] += 1.0;
            else
                T->buf[T->filled++] = v;
        }
    }
}

/* Shrink T's bracket to the bins holding its ranks. */
static void shrink(est_median_target *T, size_t n)
{
    const size_t r0 = (T->k > T->zeros ? T->k : T->zeros) - T->below;
    const size_t r1 = last_rank(T, n) - T->below;
    size_t cum = 0, b0 = EST_MEDIAN_STREAM_BINS, b1 = EST_MEDIAN_STREAM_BINS - 1, below = 0;
    for (size_t b = 0; b < EST_MEDIAN_STREAM_BINS; b++) {
        const size_t c = (size_t)T->hist[b];
        if (b0 == EST_MEDIAN_STREAM_BINS && cum + c > r0) {
            b0 = b;
            below = cum;
        }
        if (cum + c > r1) {
            b1 = b;
            cum += c;
            break;
        }
        cum += c;
    }
    const double lo = edge(T, b0), hi = edge(T, b1 + 1);
    T->below += below;
    T->inside = cum - below;
    T->lo = lo;
    T->hi = hi;
}

void est_median_stream_end(est_median_target *t, size_t nt, size_t n)
{
    for (size_t j = 0; j < nt; j++) {
        est_median_target *T = &t[j];
        if (T->hist)
            shrink(T, n);
        else if (T->buf) {
            /* ranks below zeros are the zeros; the others are in the bracket */
            const size_t k1 = last_rank(T, n);
            T->v0 = T->k < T->zeros ? 0.0 : stats_select(T->buf, T->filled, T->k - T->below);
            T->v1 = k1 < T->zeros ? 0.0 : stats_select(T->buf, T->filled, k1 - T->below);
            T->done = 1;
        }
        T->hist = T->buf = NULL;
    }
}

void est_median_stream_result(const est_median_target *t, size_t d, size_t n, est_result *out)
{
    out->flags = 0;
    for (size_t i = 0; i < d; i++) {
        const est_median_target *T = &t[i * EST_MEDIAN_STREAM_QUANTILES];
        /* est_median_fit's values: the same order statistics, the same interpolation */
        const double med = stats_quantile_from_ranks(T[0].v0, T[0].v1, n, quantiles[0]);
        const double up = stats_quantile_from_ranks(T[1].v0, T[1].v1, n, quantiles[1]);
        out->mu_hat[i] = med;
        out->sigma2_hat[i] = (up - med) * (up - med);
        if (!(up > med))
            out->flags |= EST_FLAG_FEW_POSITIVE;
        if (out->iters)
            out->iters[i] = 0;
    }
}
