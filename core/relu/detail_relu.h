/* detail_relu.h — what the detail views of the one-layer ReLU generator (Wu, Dimakis, Sanghavi
 * 2019) read: the result type one job fills for the non-curve views. Plain data, apart from
 * the runners (job_relu.h), so that ui/view reads types and never algorithms. */
#ifndef DETAIL_RELU_H
#define DETAIL_RELU_H

#include <stddef.h>

#include "model.h"
#include "param.h"

enum {
    RELU_HIST_BINS = 48,
    RELU_CURVE_POINTS = 160,
    RELU_SCATTER_MAX = 3000,
    RELU_PATH_MAX = 400,
    RELU_LAND_MU = 72,
    RELU_LAND_SIGMA = 48
};

/* What the non-curve views of one job show (value index `value`, run 0). Filled by the
 * job; `ready` is set last under `lock`. Owned by the caller (job_relu_detail_free). */
typedef struct {
    model_detail_head head; /* lock, ready (model.h) */
    size_t d, n;
    int method;                              /* the method whose estimate is shown */
    double *theta_true, *theta_hat;          /* d x d */
    double *b, *b_hat, *sigma2, *sigma2_hat; /* d; sigma2 = ||W(i,:)||^2 */
    size_t coord, coord2;
    /* data view: histogram of x(coord) with the zero mass apart */
    double p_zero; /* fraction of exact zeros */
    double hist_edges[RELU_HIST_BINS + 1], hist_density[RELU_HIST_BINS];
    double curve_x[RELU_CURVE_POINTS], curve_y[RELU_CURVE_POINTS]; /* fitted density, x > 0 */
    size_t n_scatter;
    double scatter_x[RELU_SCATTER_MAX], scatter_y[RELU_SCATTER_MAX];
    /* landscape view: NLL of coord over (mu, sigma), the ProjSGD path, the MLE */
    double land_mu[RELU_LAND_MU], land_sigma[RELU_LAND_SIGMA];
    double land_nll[RELU_LAND_SIGMA * RELU_LAND_MU]; /* row = sigma index */
    size_t path_len;
    double path_mu[RELU_PATH_MAX], path_sigma[RELU_PATH_MAX];
    double mle_mu, mle_sigma, true_mu, true_sigma, sgd_mu, sgd_sigma;
} relu_detail;

#endif
