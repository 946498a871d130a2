/* job_matrix.h — one (sweep value, run) job of the matrix generator (Mazumdar, Rawat 2019): truth,
 * observations Y, every requested estimator (mle, svd), metrics; and optionally the detail
 * the angles, data, landscape and learning views draw. */
#ifndef JOB_MATRIX_H
#define JOB_MATRIX_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#include "detail_matrix.h"
#include "met_matrix.h"
#include "model.h"
#include "param.h"
#include "sweep.h"

/* Allocates an empty detail; NULL on failure. */
matrix_detail *job_matrix_detail_alloc(void);
void job_matrix_detail_free(matrix_detail *det);

/* The sweep_job_fn of the matrix generator (ctx is a model_ctx whose detail, if any, is
 * a matrix_detail). Metric ids are met_matrix_id. */
rs_status job_matrix_run(void *ctx, size_t v, double value, size_t run, sweep_cell *cell,
                         workspace_arena *arena, const atomic_int *cancel, rs_error *err);

/* Bytes one job allocates at the given parameters (n, d, k), for the caller's memory
 * check before anything is allocated; 0 on overflow. About (1 + 2k/d) times Y. */
size_t job_matrix_bytes(const rs_params *p);

#endif
