/* est_matrix_internal.h — the MLE workspace and the block kernels shared by
 * est_matrix_mle.c (driver, gauge step) and est_matrix_step.c (row and column steps). */
#ifndef EST_MATRIX_INTERNAL_H
#define EST_MATRIX_INTERNAL_H

#include <stdatomic.h>
#include <stddef.h>

#include "est_matrix_mle.h"
#include "workspace.h"

struct est_matrix_mle_ws {
    size_t d, n, k, t0, t1;   /* t0 = k(k+1)/2, t1 = (k+1)(k+2)/2: packed triangles */
    double *Zb, *Mb;          /* d x B: residuals (in place of X + b 1^T), active mask */
    double *Phi, *Kb;         /* B x (k+1) features (V_j, 1); B x t1 packed phi phi^T */
    double *Hrow, *Grow, *dU; /* d x t1, d x (k+1), d x (k+1) */
    double *pen_old, *pen_new, *tstep, *Utr, *btr; /* d, d, d, d x k, d */
    double *KU, *Hcol, *Gcol, *dV, *Vtr;           /* d x t0, B x t0, B x k, B x k, B x k */
    double *cold, *cnew, *ct; /* B: column objectives before/after, step sizes */
    double *cpen, *cpen_new;  /* B: bare penalties of the columns before/after */
    double *sys;              /* (k+1)^2 + 2 (k+1): one Newton system */
    double *npos, *ymin;      /* d: positives per row, smallest positive Y_(N_i) */
    double *svd_work;         /* est_matrix_svd_work(d, k) */
    double *Up, *bp, *Vp;     /* d x k, d, n x k: the iterate before the last iteration */
    int *iwork;               /* 2 d */
    void *block;
    workspace_arena *arena; /* lender of block, or NULL */
};

/* Index of (a, b), a <= b, in a packed row-major upper triangle of order m. */
static inline size_t est_matrix_tri(size_t a, size_t b, size_t m)
{
    return a * m - a * (a - 1) / 2 + (b - a); /* a (a - 1) = 0 at a = 0, even unsigned */
}

/* Zb (d x cols) = U Vb^T + b 1^T with U d x r, Vb cols x r (rows j0.. of V). */
void est_matrix_z_block(const double *U, const double *Vb, const double *b, size_t d, size_t r,
                        size_t cols, double *Zb);

/* Turn Zb into the residuals of (5)-(6): active (Y_ij > 0 or Z_ij > 0) -> Z_ij - Y_ij,
 * else 0; Mb (may be NULL) gets the 0/1 mask; row_pen (d) and col_pen (cols), each may
 * be NULL, accumulate squared residuals. Y is the full d x n matrix, block at j0. */
void est_matrix_resid_block(const double *Y, size_t n, size_t j0, size_t d, size_t cols, double *Zb,
                            double *Mb, double *row_pen, double *col_pen);

/* Solve (H + lambda I) x = -g for symmetric H given as a packed upper triangle scaled by
 * hscale, plus `ridge` on the first n_ridge diagonal entries and `extra` on the last.
 * Returns 0, or -1 when not positive definite even after damping (x = 0 then).
 * sys: m^2 doubles. */
int est_matrix_newton(const double *Hpacked, double hscale, double ridge, size_t n_ridge,
                      double extra, const double *g, size_t m, double *sys, double *x);

/* sum of squares of n doubles. */
double est_matrix_sumsq(const double *x, size_t n);

/* The row step (1) and column step (2) of est_matrix_mle.h. Row step returns 1 when
 * cancelled; column step returns 1 when cancelled and sets *pen to the penalty after
 * the step. */
int est_matrix_row_step(est_matrix_mle_ws *ws, const est_matrix_input *in,
                        const est_matrix_mle_opts *opt, est_matrix_result *out,
                        const atomic_int *cancel);
int est_matrix_col_step(est_matrix_mle_ws *ws, const est_matrix_input *in,
                        const est_matrix_mle_opts *opt, est_matrix_result *out, double *pen,
                        const atomic_int *cancel);

#endif
