/* detail_teacher.h — what the detail views of the teacher network (Gao, Makkuva, Oh, Viswanath
 * 2019) read: the result type one job fills for the non-curve views. Plain data, apart from
 * the runners (job_teacher.h), so that ui/view reads types and never algorithms. */
#ifndef DETAIL_TEACHER_H
#define DETAIL_TEACHER_H

#include <stddef.h>

#include "met_teacher.h"
#include "model.h"
#include "param.h"

enum {
    TEACHER_CURVE_MAX = 512,
    TEACHER_EARLY = 64,
    TEACHER_LAND = 40,
    TEACHER_LAND_PLANE = 21,
    TEACHER_SCATTER_MAX = 3000,
    TEACHER_HIST_BINS = 48,
    TEACHER_MARKS = 8
};

typedef enum { TEACHER_LAND_ANGLES, TEACHER_LAND_PLANE_MODE } teacher_land_mode;

/* What the non-curve views of one job show (value index detail_value, run 0). Written
 * under `lock`; the curve arrays grow while the optimiser runs (streaming: read
 * curve_len[m] under the lock); `ready` = 1 once everything is final. Owned by the
 * caller (job_teacher_detail_free). Indexed by rs_method; only bits of `methods` are used. */
typedef struct {
    model_detail_head head; /* lock, ready (model.h) */
    size_t n, d, k, iters;
    unsigned methods;
    unsigned methods_done; /* losses whose part of the job has ended (ready when all) */
    /* learning: e(A), e_perm and loss at iteration curve_iter (iteration 0 = the initial
     * point) */
    size_t curve_len[METHOD_COUNT];
    size_t curve_iter[METHOD_COUNT][TEACHER_CURVE_MAX];
    double curve_e[METHOD_COUNT][TEACHER_CURVE_MAX];
    double curve_e_perm[METHOD_COUNT][TEACHER_CURVE_MAX];
    double curve_loss[METHOD_COUNT][TEACHER_CURVE_MAX];
    /* angles: A* (k x d), final A per loss (k x d), |cos(a_i, a*_j)| per loss (k x k) */
    double *Astar;
    double *A_final[METHOD_COUNT];
    double *cos_abs[METHOD_COUNT];
    int has_final[METHOD_COUNT]; /* 1 once loss m finished; 0 while it runs or if it diverged */
    /* the iteration whose |cos| map cos_abs[m] holds: the maps stream while loss m trains
     * (one per recorded iteration) and end as the final A's (issue 15, point 3) */
    size_t cos_iter[METHOD_COUNT];
    /* landscape: loss m over land_u x land_v (row = v index), mode ANGLES for d = k = 2
     * (unit rows at angles theta_1 = u, theta_2 = v in [0, pi)) or PLANE (A* + u D1 + v D2,
     * D1, D2 random with |D|_F = |A*|_F, u, v in [-1, 1]) */
    int land_mode;
    size_t land_size;
    double land_u[TEACHER_LAND], land_v[TEACHER_LAND];
    double land_val[METHOD_COUNT][TEACHER_LAND * TEACHER_LAND];
    /* rows of land_val[m] computed (row v = b done for b < land_rows[m]); the grid costs
     * land_size^2 full-batch losses, so a job computes it only for view = landscape and
     * leaves it NaN with land_rows 0 otherwise (job_teacher_detail_lacks) */
    size_t land_rows[METHOD_COUNT];
    size_t n_marks; /* global minima (the signed permutations of A*) in (u, v) */
    double mark_u[TEACHER_MARKS], mark_v[TEACHER_MARKS];
    size_t path_len[METHOD_COUNT]; /* the optimiser's path, same iterations as the curves */
    double path_u[METHOD_COUNT][TEACHER_CURVE_MAX], path_v[METHOD_COUNT][TEACHER_CURVE_MAX];
    /* data: scatter of x(coord), x(coord2); histogram of y */
    size_t coord, coord2, n_scatter;
    double scatter_x[TEACHER_SCATTER_MAX], scatter_y[TEACHER_SCATTER_MAX];
    double hist_edges[TEACHER_HIST_BINS + 1], hist_density[TEACHER_HIST_BINS];
} teacher_detail;

#endif
