/* est.c — helpers shared by the estimators. */
#include "est.h"

#include <math.h>

void est_clip_bias(const double *mu_hat, size_t d, double *b_hat)
{
    for (size_t i = 0; i < d; i++)
        b_hat[i] = fmax(0.0, mu_hat[i]); /* Alg. 1, line 4 */
}

int est_clip_wanted(int clip_bias, int bias_mode, double bias_scale)
{
    if (clip_bias != CLIP_AUTO)
        return clip_bias == CLIP_ON;
    return bias_mode == BIAS_NONNEG || bias_mode == BIAS_ZERO ||
           (bias_mode == BIAS_CONST && bias_scale >= 0.0);
}

unsigned est_status_flags(rs_status st)
{
    if (st == RS_OK)
        return 0;
    return st == RS_EINVAL ? EST_FLAG_FEW_POSITIVE : EST_FLAG_NOT_CONVERGED;
}
