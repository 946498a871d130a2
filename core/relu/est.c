/* est.c — helpers shared by the estimators. */
#include "est.h"

#include <math.h>

void est_clip_bias(const double *mu_hat, size_t d, double *b_hat)
{
    for (size_t i = 0; i < d; i++)
        b_hat[i] = fmax(0.0, mu_hat[i]); /* Alg. 1, line 4 */
}
