/* stream_ring.c — one producer, one consumer, a ring of blocks of normals (see
 * stream_ring.h). The counters are guarded by one mutex; a slot is written only by the
 * producer while free and read only by the consumer while full. */
#include "stream_ring.h"

#include <pthread.h>
#include <stdlib.h>

#include "gen_relu.h"

struct stream_ring {
    gsl_rng *r, *mid;
    size_t k, end, mid_m0;
    const atomic_int *cancel;
    double *slot[STREAM_RING_SLOTS];
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t produced, consumed; /* blocks; produced - consumed <= STREAM_RING_SLOTS */
    int stop, finished;        /* consumer asks to stop; producer has returned */
    pthread_t thread;
};

static void *producer(void *arg)
{
    stream_ring *q = arg;
    size_t j = 0;
    for (size_t m0 = 0; m0 < q->end; m0 += GEN_RELU_BLOCK, j++) {
        pthread_mutex_lock(&q->mu);
        while (q->produced - q->consumed == STREAM_RING_SLOTS && !q->stop)
            pthread_cond_wait(&q->cv, &q->mu);
        const int stop = q->stop;
        pthread_mutex_unlock(&q->mu);
        if (stop || (q->cancel && atomic_load_explicit(q->cancel, memory_order_relaxed)))
            break;
        if (q->mid && m0 == q->mid_m0 && m0 > 0)
            gsl_rng_memcpy(q->mid, q->r);
        const size_t rows = q->end - m0 < GEN_RELU_BLOCK ? q->end - m0 : GEN_RELU_BLOCK;
        gen_relu_block_z(q->k, rows, q->r, q->slot[j % STREAM_RING_SLOTS]);
        pthread_mutex_lock(&q->mu);
        q->produced++;
        pthread_cond_broadcast(&q->cv);
        pthread_mutex_unlock(&q->mu);
    }
    pthread_mutex_lock(&q->mu);
    q->finished = 1;
    pthread_cond_broadcast(&q->cv);
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

stream_ring *stream_ring_start(gsl_rng *r, size_t k, size_t end, gsl_rng *mid, size_t mid_m0,
                               const atomic_int *cancel)
{
    stream_ring *q = calloc(1, sizeof *q);
    double *buf = malloc(STREAM_RING_SLOTS * GEN_RELU_BLOCK * k * sizeof *buf);
    if (!q || !buf) {
        free(q);
        free(buf);
        return NULL;
    }
    *q = (stream_ring){.r = r, .mid = mid, .k = k, .end = end, .mid_m0 = mid_m0, .cancel = cancel};
    for (size_t i = 0; i < STREAM_RING_SLOTS; i++)
        q->slot[i] = buf + i * GEN_RELU_BLOCK * k;
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->cv, NULL);
    if (pthread_create(&q->thread, NULL, producer, q) != 0) {
        pthread_mutex_destroy(&q->mu);
        pthread_cond_destroy(&q->cv);
        free(buf);
        free(q);
        return NULL;
    }
    return q;
}

const double *stream_ring_next(stream_ring *q)
{
    pthread_mutex_lock(&q->mu);
    while (q->consumed == q->produced && !q->finished)
        pthread_cond_wait(&q->cv, &q->mu);
    const int have = q->consumed < q->produced;
    pthread_mutex_unlock(&q->mu);
    return have ? q->slot[q->consumed % STREAM_RING_SLOTS] : NULL;
}

void stream_ring_release(stream_ring *q)
{
    pthread_mutex_lock(&q->mu);
    q->consumed++;
    pthread_cond_broadcast(&q->cv);
    pthread_mutex_unlock(&q->mu);
}

void stream_ring_stop(stream_ring *q)
{
    if (!q)
        return;
    pthread_mutex_lock(&q->mu);
    q->stop = 1;
    pthread_cond_broadcast(&q->cv);
    pthread_mutex_unlock(&q->mu);
    pthread_join(q->thread, NULL);
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->cv);
    free(q->slot[0]);
    free(q);
}
