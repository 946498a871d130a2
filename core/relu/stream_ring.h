/* stream_ring.h — the normals of a streamed pass drawn one block ahead on a second thread
 * (issue 15, point 3).
 *
 * A streamed relu pass is RNG-bound: the taus2 + ziggurat normals are about 60 % of a
 * block's cost, and the data stream is one sequential stream (the ziggurat draws a
 * variable number of uniforms), so a second core cannot start at block j. It can draw
 * ahead, though: a producer thread fills a ring of STREAM_RING_SLOTS blocks of normals in
 * stream order while the job's thread transforms them (dgemm, ReLU, statistics, counts)
 * in the same order, so every sample and every sum is bit for bit what one thread gives.
 * Internal to core/relu. */
#ifndef STREAM_RING_H
#define STREAM_RING_H

#include <stdatomic.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>

enum { STREAM_RING_SLOTS = 3 };

typedef struct stream_ring stream_ring;

/* Start drawing the normals of the blocks of rows 0..end-1 (GEN_RELU_BLOCK rows each,
 * k normals a row) from r, which the producer owns until stream_ring_stop; when mid is
 * not NULL, r's state before the block at row mid_m0 (> 0) is copied into mid. NULL when
 * memory or the thread is not available: the caller then draws the blocks itself. */
stream_ring *stream_ring_start(gsl_rng *r, size_t k, size_t end, gsl_rng *mid, size_t mid_m0,
                               const atomic_int *cancel);

/* The normals of the next block, in stream order; NULL when the producer stopped early
 * (cancelled). Valid until stream_ring_release. */
const double *stream_ring_next(stream_ring *q);

/* The block of the last stream_ring_next is used: its slot may be refilled. */
void stream_ring_release(stream_ring *q);

/* Stop the producer (if still drawing), join it and free q. NULL is a no-op. */
void stream_ring_stop(stream_ring *q);

#endif
