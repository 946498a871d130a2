/* job_relu.h — one (sweep value, run) job of the relu generator: truth, samples, every
 * requested estimator (Alg. 1 with sgd, mle or median norm/bias fits), metrics; and
 * optionally the detail the angles, data and landscape views draw. */
#ifndef JOB_RELU_H
#define JOB_RELU_H

#include <pthread.h>
#include <stddef.h>

#include "detail_relu.h"
#include "model.h"
#include "param.h"
#include "sweep.h"

/* Allocates an empty detail; NULL on failure. */
relu_detail *job_relu_detail_alloc(void);
void job_relu_detail_free(relu_detail *det);

/* The sweep_job_fn of the relu generator (ctx is a model_ctx whose detail, if any, is a
 * relu_detail). Metric ids are met_relu_id. */
rs_status job_relu_run(void *ctx, size_t v, double value, size_t run, sweep_cell *cell,
                       workspace_arena *arena, const atomic_int *cancel, rs_error *err);

/* Bytes one job allocates at the given parameters (n, d, k), for the caller's memory
 * check before anything is allocated; 0 on overflow. */
size_t job_relu_bytes(const rs_params *p);

#endif
