/* job_relu_stream.h — the relu job on streamed samples (issue 15): no n x d matrix.
 *
 * Pass 1 draws the samples block by block (RNG -> dgemm -> ReLU, gen_relu_block) and
 * keeps only the sufficient statistics, the per-coordinate maxima and a fixed-size
 * sample for the data view. The fits then give b_hat. Every later pass replays the same
 * blocks from the data stream's saved state (the stream is deterministic, the blocks
 * have the same shape, so every sample is bit for bit the one pass 1 saw): the pair
 * counts of eq. (14) are added block by block (integers: exact), the median's order
 * statistics are found by est_median_stream. Results equal the in-memory path's for
 * every seed and thread count (tests/test_job_relu.c checks it). Memory: O(block d + d^2)
 * plus, for the median, what its brackets are allowed. Internal to core/relu. */
#ifndef JOB_RELU_STREAM_H
#define JOB_RELU_STREAM_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "est.h"
#include "rs.h"
#include "workspace.h"

/* The replayable sample stream of one job. The arrays are borrowed from the job. */
typedef struct {
    const double *W, *b;
    size_t n, d, k;
    gsl_rng *start;              /* the data stream's state before block 0 (owned) */
    gsl_rng *r;                  /* the stream being replayed (owned) */
    double *Xb, *zbuf;           /* GEN_RELU_BLOCK x d, GEN_RELU_BLOCK x k */
    uint64_t *bits;              /* angles_words(GEN_RELU_BLOCK) * d */
    uint64_t *cnt;               /* d x d pair counts */
    double *xmax;                /* d: per-coordinate maxima (pass 1) */
    size_t coord, coord2;        /* the data view's coordinates */
    double *sample_x, *sample_y; /* the first n_sample rows of coord, coord2 (may be NULL) */
    size_t n_sample;
    /* Issue 15, point 3: pass 1 saves the stream's state before block mid_m0 (the middle
     * block) in mid, so that a helper thread can replay the second half of a counting
     * pass while the job's own thread replays the first, and every other pass draws its
     * normals one block ahead there (stream_ring.h); set helper = 1 when a core would
     * otherwise idle (job_relu: at most half as many jobs as threads). */
    gsl_rng *mid;
    size_t mid_m0; /* 0: too few blocks to split */
    int helper;
} relu_stream;

/* Save the state of data_rng (about to draw block 0) in s; RS_ENOMEM. */
rs_status relu_stream_init(relu_stream *s, const gsl_rng *data_rng, rs_error *err);
void relu_stream_done(relu_stream *s);

/* Pass 1: the statistics (st), maxima and data-view sample; draws from s->start's copy. */
rs_status relu_stream_pass1(relu_stream *s, gen_relu_stats *st, const atomic_int *cancel,
                            rs_error *err);

/* The pair counts of eq. (14) for b_hat into counts (d x d), by one pass: with s->helper,
 * its second half on a helper thread from s->mid (integer counts, added: the same counts
 * whatever the split). */
rs_status relu_stream_counts(relu_stream *s, const double *b_hat, double *counts,
                             const atomic_int *cancel, rs_error *err);

/* footnote 4's median fit of the streamed samples, exact (est_median_stream.h); its
 * scratch comes from slot 1 of arena (NULL: allocated), within mem_bytes where the
 * brackets allow. */
rs_status relu_stream_median(relu_stream *s, const gen_relu_stats *st, size_t mem_bytes,
                             workspace_arena *arena, est_result *out, const atomic_int *cancel,
                             rs_error *err);

/* The data view's histogram of coord (hist_bins bins of width w from 0, positives only)
 * by one pass; counts into hist. */
rs_status relu_stream_hist(relu_stream *s, size_t hist_bins, double w, double *hist,
                           const atomic_int *cancel, rs_error *err);

#endif
