/* est_median_stream.h — footnote 4's median estimator (est_median.h) on samples that are
 * streamed, not kept: the same order statistics, found exactly in bounded memory.
 *
 * est_median_fit needs, per coordinate i and quantile q in {1/2, Phi(1)}, the order
 * statistics of ranks k = floor(q (n - 1)) and k + 1 of x(i). Here each such pair is a
 * target with a bracket (lo, hi] of values known to hold both ranks: initially the
 * positive samples (0, max x(i)], the zeros counted below it (x >= 0 after the ReLU).
 * While a bracket holds more values than the memory allows, a pass over the samples
 * histograms it into EST_MEDIAN_STREAM_BINS bins and the bracket shrinks to the bins that
 * hold the two ranks; then one pass collects the bracket's values and an exact selection
 * gives the two order statistics. The result is est_median_fit's, bit for bit: the same
 * order statistics, interpolated by the same formula (stats_quantile_from_ranks). No
 * sketch, no approximation: a bracket that cannot be split further holds one value. */
#ifndef EST_MEDIAN_STREAM_H
#define EST_MEDIAN_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "est.h"

enum { EST_MEDIAN_STREAM_BINS = 1024, EST_MEDIAN_STREAM_QUANTILES = 2 };

/* One pair of order statistics of one coordinate (see above). Plain data. */
typedef struct {
    size_t coord, k; /* ranks k and k + 1 (k + 1 only when < n) */
    double lo, hi;   /* the bracket (lo, hi] */
    size_t below;    /* values <= lo */
    size_t inside;   /* values in (lo, hi] */
    size_t zeros;    /* values equal to 0 (all <= lo) */
    size_t filled;   /* values collected so far */
    double *hist;    /* EST_MEDIAN_STREAM_BINS counts while refining, else NULL */
    double *buf;     /* the collected values while collecting, else NULL */
    double v0, v1;   /* the order statistics of ranks k and k + 1 once done */
    int done;
} est_median_target;

/* Set up the 2 d targets (t has room for them) of n samples from the positive counts
 * (gen_relu_stats.count) and the per-coordinate maxima of pass 1. */
void est_median_stream_plan(est_median_target *t, size_t d, size_t n, const double *count,
                            const double *xmax);

/* What the next pass must do: 1 refine (some bracket holds more than cap values), 2
 * collect, 0 nothing (every target done). Targets to refine get hist from hist_space
 * (EST_MEDIAN_STREAM_BINS doubles each, at least 2 d * EST_MEDIAN_STREAM_BINS doubles);
 * targets to collect get buf from buf_space (at most cap * 2 d doubles in all). */
int est_median_stream_next(est_median_target *t, size_t nt, size_t cap, double *hist_space,
                           double *buf_space);

/* One block (rows x d, row-major) of the pass that est_median_stream_next asked for. */
void est_median_stream_block(est_median_target *t, size_t nt, const double *Xb, size_t rows,
                             size_t d);

/* After a refine pass: shrink every refined bracket; after a collect pass: select. */
void est_median_stream_end(est_median_target *t, size_t nt, size_t n);

/* The estimates of est_median_fit from the finished targets. */
void est_median_stream_result(const est_median_target *t, size_t d, size_t n, est_result *out);

#endif
