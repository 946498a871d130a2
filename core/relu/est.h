/* est.h — types shared by the norm/bias estimators of Algorithm 1 (Wu, Dimakis, Sanghavi 2019).
 *
 * Each estimator fills, per coordinate i, the truncated-normal fit of x(i) | x(i) > 0:
 * mu_hat(i) (the bias before Alg. 1 line 4's clip) and sigma2_hat(i) = Sigma_hat(i,i)
 * (the squared row norm ||W(i,:)||^2). */
#ifndef EST_H
#define EST_H

#include <stdatomic.h>
#include <stddef.h>

#include "gen_relu.h"
#include "param.h"
#include "rs.h"

typedef struct {
    const double *X; /* n x d samples, row-major */
    size_t n, d;
    const gen_relu_stats *st; /* positive-sample statistics of X (from gen_relu_sample) */
} est_input;

typedef struct {
    double *mu_hat;     /* d: fitted mean of the untruncated normal (caller-owned) */
    double *sigma2_hat; /* d: fitted variance (caller-owned) */
    size_t *iters;      /* d: iterations used per coordinate, may be NULL */
    unsigned flags;     /* EST_FLAG_* */
} est_result;

enum {
    EST_FLAG_FEW_POSITIVE = 1u << 0, /* a coordinate had fewer than 2 positive samples */
    EST_FLAG_NOT_CONVERGED = 1u << 1 /* an iteration limit was reached */
};

/* The est flag a per-coordinate fit's status stands for: RS_EINVAL (too few positive
 * samples) EST_FLAG_FEW_POSITIVE, any other failure EST_FLAG_NOT_CONVERGED, RS_OK 0. The
 * mle and censored fits share it. */
unsigned est_status_flags(rs_status st);

/* Alg. 1, line 4 and footnote 3: b_hat = max(0, mu_hat). */
void est_clip_bias(const double *mu_hat, size_t d, double *b_hat);

/* Whether the reported b_hat is clipped (clip_bias: rs_clip_bias): on, off, or auto =
 * only when the bias mode makes every b(i) >= 0 (nonneg, zero, const with scale >= 0),
 * the assumption under which Algorithm 1 projects. */
int est_clip_wanted(int clip_bias, int bias_mode, double bias_scale);

#endif
