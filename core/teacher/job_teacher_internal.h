/* job_teacher_internal.h — shared by job_teacher.c and job_teacher_detail.c only. */
#ifndef JOB_TEACHER_INTERNAL_H
#define JOB_TEACHER_INTERNAL_H

#include <stdatomic.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "job_teacher.h"
#include "llsfe.h"
#include "loss_teacher.h"
#include "opt_teacher.h"

enum { JT_NBUF = 14 };

/* Every buffer of a job, carved from one allocation. */
typedef struct {
    double *X, *y, *P, *Astar, *A, *grad, *Xt, *yt, *g1, *G2, *done_bits, *work, *D12, *M;
    void *block;
    unsigned kappa_flags; /* MET_TEACHER_FLAG_KAPPA_* of the run's A*, MU_OUTSIDE (job_teacher.c) */
    int e_printed;        /* e(A) on A*^-1 A as eq. (22) prints it (key e_orient) */
} job_teacher_ws;

/* The lazily filled LLSFE scores at the samples (rows hook of opt_teacher). */
typedef struct {
    llsfe_ws *lw;
    job_teacher_ws *ws;
    size_t d;
    double h;
    size_t failed;
    const atomic_int *cancel;
} job_teacher_llsfe;

/* Rows hook of the llsfe loss (ctx is a job_teacher_llsfe): estimate g1, G2 by eqs.
 * (14)-(15) at rows s0..s0+b-1 not done yet. */
rs_status job_teacher_llsfe_rows(void *ctx, size_t s0, size_t b, rs_error *err);
/* e(A) of eq. (22) of the iterate A, and e_perm into *e_perm (may be NULL); both nan (no
 * error) when A has a zero or non-finite row. */
double job_teacher_e(job_teacher_ws *ws, const double *A, size_t k, size_t d, double *e_perm);

/* Record every `stride` iterations after the first TEACHER_EARLY, so that at most
 * TEACHER_CURVE_MAX points are kept whatever iters is. */
size_t job_teacher_stride(size_t iters);

/* Reset det for the losses of `train` (every loss when det is new or train covers them):
 * sizes, A*, the landscape directions D1, D2 (from extra), the data view. */
rs_status job_teacher_detail_begin(teacher_detail *det, const rs_params *p, job_teacher_ws *ws,
                                   gsl_rng *extra, unsigned train, rs_error *err);

/* Append iteration t of loss m: e(A), the full-batch loss, the path point. */
void job_teacher_record(teacher_detail *det, const rs_params *p, int m, size_t t,
                        job_teacher_ws *ws, loss_teacher_ws *lt, job_teacher_llsfe *lc);

/* Keep the final A of loss m and its |cos| matrix against A*. */
void job_teacher_keep_final(teacher_detail *det, int m, const double *A, size_t k, size_t d);

/* The landscapes of the losses of `train` when `landscape` (only the landscape view reads
 * them); ready = 1 once every loss of the job has ended. */
rs_status job_teacher_detail_end(teacher_detail *det, const rs_params *p, job_teacher_ws *ws,
                                 loss_teacher_ws *lt, job_teacher_llsfe *lc, unsigned train,
                                 int landscape, const atomic_int *cancel, rs_error *err);

/* The landscape's random directions D1, D2 into ws->D12 from the EXTRA stream. */
void job_teacher_directions(job_teacher_ws *ws, gsl_rng *extra, size_t kd);

#endif
