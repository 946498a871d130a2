/* job_quadratic.h — one (sweep value, run) job of the quadratic generator (the
 * polynomial-pushforward slides): truth Q_a (optionally gauged), samples x_a = g^T Q_a g streamed
 * in blocks, moment estimates of Tr(Q_a Q_b) and Tr(Q_a Q_b Q_c), the angle matrix, Jennrich's
 * recovery in the diagonal case, metrics; and optionally the detail the angles, curves, data and
 * landscape views draw. */
#ifndef JOB_QUADRATIC_H
#define JOB_QUADRATIC_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#include "detail_quadratic.h"
#include "met_quadratic.h"
#include "model.h"
#include "param.h"
#include "sweep.h"

/* Allocates an empty detail; NULL on failure. */
quadratic_detail *job_quadratic_detail_alloc(void);
void job_quadratic_detail_free(quadratic_detail *det);

/* The sweep_job_fn of the quadratic generator (ctx is a model_ctx whose detail, if any, is
 * a quadratic_detail). Metric ids are met_quadratic_id. The one estimator (the method of
 * moments) writes its metrics into every slot of param_methods(p). */
rs_status job_quadratic_run(void *ctx, size_t v, double value, size_t run, sweep_cell *cell,
                            workspace_arena *arena, const atomic_int *cancel, rs_error *err);

/* Bytes one job allocates at p (d, r; n is streamed and costs nothing), without the
 * detail's; 0 on overflow. */
size_t job_quadratic_bytes(const rs_params *p);

#endif
