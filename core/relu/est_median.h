/* est_median.h — footnote 4 of Wu, Dimakis, Sanghavi 2019: the bias from the median of the
 * coordinate and the row norm from an upper quantile.
 *
 * For b(i) >= 0, x(i) = ReLU(y), y ~ N(b(i), s^2) and ReLU is monotone, so the median of
 * x(i) is b(i) and its Phi(1)-quantile is b(i) + s. */
#ifndef EST_MEDIAN_H
#define EST_MEDIAN_H

#include "est.h"

/* The upper quantile level used for the row norm: Phi(1). */
#define EST_MEDIAN_UPPER 0.8413447460685429

/* All coordinates; buf is caller-owned scratch of in->n doubles. */
rs_status est_median_fit(const est_input *in, double *buf, est_result *out, rs_error *err);

#endif
