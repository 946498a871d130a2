/* job_teacher.h — one (sweep value, run) job of the teacher generator (Gao, Makkuva, Oh, Viswanath
 * 2019): truth, samples, every requested loss trained by GD or SGD, the metrics of met_teacher.h,
 * the LLSFE accuracy at a fresh point; and optionally the detail the learning, angles, landscape
 * and data views draw (the views only format it). */
#ifndef JOB_TEACHER_H
#define JOB_TEACHER_H

#include <pthread.h>
#include <stddef.h>

#include "detail_teacher.h"
#include "model.h"
#include "param.h"
#include "sweep.h"

/* Allocates an empty detail; NULL on failure. */
teacher_detail *job_teacher_detail_alloc(void);
void job_teacher_detail_free(teacher_detail *det);

/* The sweep_job_fn of teacher (ctx is a model_ctx whose detail, if any, is a
 * teacher_detail). Metric ids are met_teacher_id; e_a, e_perm, loss, test_err and seconds
 * are filled for every loss run; s2_err, s4_err (the LLSFE accuracy at one fresh point from
 * the input law, Figures 1-2) under METHOD_LLSFE for gaussian and mixture inputs. */
rs_status job_teacher_run(void *ctx, size_t v, double value, size_t run, sweep_cell *cell,
                          workspace_arena *arena, const atomic_int *cancel, rs_error *err);

/* The parts a job splits into (sweep_part_fn): one per loss of p. */
size_t job_teacher_parts(const rs_params *p);

/* The sweep_part_fn of teacher: part i trains the i-th loss of p's methods (in rs_method
 * order) from the same data, start and streams as job_teacher_run, so its metrics, flags
 * and curves are bit-identical to the whole job's. The detail is ready once every loss's
 * part has finished. */
rs_status job_teacher_part(void *ctx, size_t v, double value, size_t run, size_t part,
                           sweep_cell *cell, workspace_arena *arena, const atomic_int *cancel,
                           rs_error *err);

/* 1 when a ready detail lacks what `view` shows: the landscape grid, which a job computes
 * only when it runs for view = landscape (model_ops.detail_lacks). */
int job_teacher_detail_lacks(const void *detail, int view);

/* Complete ctx->detail, filled by job (ctx->detail_value, run 0) at sweep value `value`, for
 * view = landscape: the same truth, samples and directions again, then the grid, without
 * training (model_ops.detail_fill). The grid is bit-identical to a job's with view =
 * landscape. */
rs_status job_teacher_detail_fill(const model_ctx *ctx, double value, workspace_arena *arena,
                                  const atomic_int *cancel, rs_error *err);

/* Bytes one job allocates at p (0 on overflow), for the caller's check. */
size_t job_teacher_bytes(const rs_params *p);

#endif
