/* opt_teacher.h — the optimisers of the teacher losses: full-batch gradient descent (the
 * paper's, Section 4) and minibatch SGD, split into init / step so that the job can
 * record and publish the learning curve between steps (STYLE 1). */
#ifndef OPT_TEACHER_H
#define OPT_TEACHER_H

#include <stdatomic.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "loss_teacher.h"
#include "rs.h"

typedef struct {
    int optimizer; /* OPT_GD or OPT_SGD */
    double lr, mu, lambda;
    size_t batch; /* rows per SGD step (clamped to n) */
} opt_teacher_opts;

/* Optional hook run before a batch of rows is evaluated (the llsfe loss fills its
 * estimated scores lazily for the rows the optimiser touches). */
typedef rs_status (*opt_teacher_rows_fn)(void *ctx, size_t s0, size_t b, rs_error *err);

typedef struct {
    loss_teacher_ws *ws; /* bound to one loss; not owned */
    size_t n, k, d;
    opt_teacher_opts opt;
    gsl_rng *rng; /* SGD batch offsets; not owned (may be NULL for GD) */
    opt_teacher_rows_fn rows;
    void *rows_ctx;
    double *grad; /* k x d, caller-owned */
    size_t iter;  /* steps taken */
    double loss;  /* loss at the iterate before the last step (full batch for GD) */
} opt_teacher_state;

/* Random initial A (k x d): i.i.d. N(0, 1/d) entries, so rows have norm about 1. */
void opt_teacher_init(double *A, size_t k, size_t d, gsl_rng *r);

/* One step A <- A - lr * grad. GD uses all n rows; SGD a contiguous block of `batch` rows
 * at a uniform random offset (the samples are i.i.d., so a window is an unbiased
 * minibatch without copying). RS_ENUMERIC when the loss or the iterate is not finite. */
rs_status opt_teacher_step(opt_teacher_state *st, double *A, rs_error *err);

#endif
