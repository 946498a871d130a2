/* detail_quadratic.h — what the detail views of the quadratic pushforward read: the result
 * type one job fills for the non-curve views. Plain data, apart from the runners
 * (job_quadratic.h), so that ui/view reads types and never algorithms. */
#ifndef DETAIL_QUADRATIC_H
#define DETAIL_QUADRATIC_H

#include <stddef.h>

#include "met_quadratic.h"
#include "model.h"
#include "param.h"

enum {
    QUAD_CURVE_MAX = 24,   /* prefixes n, n/2, n/4, ... of the job's own samples */
    QUAD_CURVE_MIN_N = 32, /* smallest prefix on the learning curve */
    QUAD_HIST_BINS = 60,
    QUAD_HIST_CURVE = 121, /* points of the data view's reference density */
    QUAD_SCATTER_MAX = 3000,
    QUAD_LAND_SMOOTH = 10, /* landscape rows: smooth values, log-spaced */
    QUAD_LAND_N = 10       /* landscape columns: sample sizes, log-spaced prefixes */
};

/* Memory a job may take (SPEC "d > what fits"): 1 GiB, checked by param_check_quadratic
 * through job_quadratic_bytes before anything is allocated. */
#define JOB_QUADRATIC_MAX_BYTES ((size_t)1 << 30)

/* Arithmetic budget of the landscape (flops), bounding the detail job's extra work: the
 * landscape's largest n is min(n, budget / (QUAD_LAND_SMOOTH (d^3 + d r^2))). */
#define JOB_QUADRATIC_LAND_FLOPS 4e9

/* What the non-curve views of one job show (value index `value`, run 0). Filled by the
 * job; `ready` is set last under `lock`. Owned by the caller (job_quadratic_detail_free);
 * the arrays are owned by the detail and reallocated by each fill. */
typedef struct {
    model_detail_head head; /* lock, ready (model.h) */
    size_t d, r, n;
    int family, gauge;
    /* gauge view: the Q_a and their gauge images, whichever generated the data (`gauge`) */
    double *Q0, *QU;        /* d*r*r each (gen_quadratic.h layout): Q0_a and U Q0_a U^T */
    double *U;              /* r*r, the orthogonal gauge (drawn whether or not gauge is on) */
    double gauge_q_change;  /* max |QU - Q0| / max |Q0|: the entries change completely */
    double gauge_true_diff; /* max |moment(QU) - moment(Q0)| / max |moment(Q0)|, G and T */
    double gauge_hat_diff;  /* the same for the estimates from identical samples: the other
                             * side of the gauge fed the transformed inputs (U^T g or U g) */
    /* angles view: d*d each; third moments d*d*d */
    double *gram, *gram_hat, *cos_true, *cos_hat, *third, *third_hat;
    /* diagonal family: W(a,i) = Q0_a(i,i) and Jennrich's W_hat with its columns permuted
     * to match (d*r each; NULL for other families) */
    double *W, *W_hat;
    double metric[MET_QUAD_COUNT];
    unsigned flags;
    /* curves view: metrics on prefixes of this job's samples (the learning curve in n) */
    size_t n_curve;
    double curve_n[QUAD_CURVE_MAX];
    double curve[MET_QUAD_COUNT][QUAD_CURVE_MAX]; /* by met_quadratic_id; seconds unused */
    /* data view: x(coord) is a generalised chi-square, sum_i lambda_i z_i^2 */
    size_t coord, coord2;
    double *coord_eigs;          /* r eigenvalues lambda_i of Q_coord, ascending */
    double coord_mean, coord_sd; /* true: Tr(Q_c), sqrt(2 Tr(Q_c^2)) */
    double hist_edges[QUAD_HIST_BINS + 1], hist_density[QUAD_HIST_BINS];
    double hist_below, hist_above; /* fractions of samples outside the edges */
    /* N(coord_mean, coord_sd^2) over the histogram's range: the Gaussian with the same two
     * moments, which the skew of the generalised chi-square (Tr Q_c^3 != 0) departs from */
    double hist_curve_x[QUAD_HIST_CURVE], hist_curve_y[QUAD_HIST_CURVE];
    size_t n_scatter;
    double scatter_x[QUAD_SCATTER_MAX], scatter_y[QUAD_SCATTER_MAX];
    /* landscape view: over (smooth, n); err = err_q (diagonal) or angle_err_max (others),
     * gap = Jennrich's relative eigenvalue gap (nan unless diagonal). Row = smooth index. */
    int land_metric; /* met_quadratic_id shown in land_err */
    double land_smooth[QUAD_LAND_SMOOTH], land_n[QUAD_LAND_N];
    double land_err[QUAD_LAND_SMOOTH * QUAD_LAND_N], land_gap[QUAD_LAND_SMOOTH * QUAD_LAND_N];
} quadratic_detail;

#endif
