/* est_median.c — footnote 4 of Wu, Dimakis, Sanghavi 2019: median and upper-quantile estimates. */
#include "est_median.h"

#include "stats.h"

rs_status est_median_fit(const est_input *in, double *buf, est_result *out, rs_error *err)
{
    (void)err;
    out->flags = 0;
    for (size_t i = 0; i < in->d; i++) {
        for (size_t row = 0; row < in->n; row++)
            buf[row] = in->X[row * in->d + i];
        const double med = stats_quantile_select(buf, in->n, 0.5);
        const double up = stats_quantile_select(buf, in->n, EST_MEDIAN_UPPER);
        out->mu_hat[i] = med;
        out->sigma2_hat[i] = (up - med) * (up - med);
        if (!(up > med))
            out->flags |= EST_FLAG_FEW_POSITIVE;
        if (out->iters)
            out->iters[i] = 0;
    }
    return RS_OK;
}
