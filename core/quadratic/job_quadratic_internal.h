/* job_quadratic_internal.h — shared by job_quadratic.c (the job) and
 * job_quadratic_detail.c (what the views draw) only. */
#ifndef JOB_QUADRATIC_INTERNAL_H
#define JOB_QUADRATIC_INTERNAL_H

#include <stdatomic.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "job_quadratic.h"
#include "quad_moments.h"

/* Every buffer of a job, carved from one allocation (acc is its own object). */
typedef struct {
    size_t d, r, P;
    double *Q0, *Q, *U, *uwork, *V, *V0, *Gb, *Hb, *K, *X, *X0;
    double *G, *T, *Gh, *Th, *C, *Ch, *twork, *W, *Wh, *jwork, *mwork;
    size_t *iwork;
    quad_moments_ws *acc;
    void *block;
} quad_ws;

/* The identity of a job: its parameters (swept key applied) and stream indices. */
typedef struct {
    const rs_params *p;
    size_t v, run;
} quad_job;

/* Per-block and per-checkpoint hooks of quad_stream (each may be NULL). */
typedef struct {
    const size_t *checks; /* ascending prefix sizes at which `check` runs */
    size_t n_checks;
    /* prefix holds the first checks[k] samples (ws->acc or the snapshot) */
    rs_status (*check)(void *cb, size_t k, const quad_moments_ws *prefix, rs_error *err);
    quad_moments_ws *snap; /* scratch accumulator for prefixes ending inside a block */
    void (*block)(void *cb, const double *G, const double *X, size_t m0, size_t rows);
    void *cb;
} quad_hooks;

/* Draw n samples of V (pairs x d) from rng in blocks into ws->acc (reset first), calling
 * the hooks; seconds (may be NULL) accumulates the time spent in the moment pass. The
 * blocks are GEN_QUADRATIC_BLOCK rows whatever the checkpoints, so ws->acc (its shift and
 * its summation order) and every metric are bit-identical with or without hooks: a prefix
 * ending inside a block is evaluated on a copy (h->snap) plus the block's first rows. */
rs_status quad_stream(quad_ws *ws, const double *V, size_t n, gsl_rng *rng, const quad_hooks *h,
                      double *seconds, const atomic_int *cancel, rs_error *err);

/* Moment estimates of acc into ws->Gh, Th, Ch, and the metrics (not seconds) into out
 * against the truth ws->G, T, C (and ws->W when diagonal); Jennrich's contractions come
 * from the job's estimator stream, re-seeded so every call uses the same draws. */
rs_status quad_eval(quad_ws *ws, const quad_moments_ws *acc, const quad_job *job, gsl_rng *est,
                    double *out, unsigned *flags, rs_error *err);

/* Truth of the job at smooth: ws->Q0, Q (gauged when p->gauge), V, G, T, C, W. */
rs_status quad_truth(quad_ws *ws, const quad_job *job, double smooth, gsl_rng *truth,
                     rs_error *err);

/* The detail's state during the main pass: hooks that record the data view, the gauge
 * twin of every sample and the learning curve. NULL when allocation fails. */
typedef struct quad_detail_pass quad_detail_pass;
quad_detail_pass *quad_detail_pass_alloc(quad_ws *ws, const quad_job *job, gsl_rng *est,
                                         quadratic_detail *det, quad_hooks *hooks);
void quad_detail_pass_free(quad_detail_pass *dp);

/* Publish the detail after the main pass and its final quad_eval (ws holds the estimates),
 * then compute the landscape (which overwrites ws) and set ready. */
rs_status quad_detail_fill(quad_detail_pass *dp, const double *metric, unsigned flags,
                           const atomic_int *cancel, rs_error *err);

#endif
