/* est_median.c — footnote 4 of seed 000: median and upper-quantile estimates. */
#include "est_median.h"

#include <math.h>

/* Hoare's selection: after the call x[k] holds the value of rank k and x[0..k-1] <= x[k]
 * <= x[k+1..n-1]. Expected O(n) with the median-of-three pivot. */
static void select_rank(double *x, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        double a = x[lo], b = x[mid], c = x[hi];
        const double pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
        size_t i = lo, j = hi;
        while (i <= j) {
            while (x[i] < pivot)
                i++;
            while (x[j] > pivot)
                j--;
            if (i <= j) {
                const double t = x[i];
                x[i] = x[j];
                x[j] = t;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return;
    }
}

double est_median_quantile(double *x, size_t n, double q)
{
    if (n == 0)
        return NAN;
    const double pos = q * (double)(n - 1);
    const size_t k = (size_t)floor(pos);
    select_rank(x, n, k);
    const double lo = x[k];
    if (k + 1 >= n)
        return lo;
    /* The next order statistic is the minimum of the upper part. */
    double hi = x[k + 1];
    for (size_t j = k + 2; j < n; j++)
        hi = x[j] < hi ? x[j] : hi;
    return lo + (pos - (double)k) * (hi - lo);
}

rs_status est_median_fit(const est_input *in, double *buf, est_result *out, rs_error *err)
{
    (void)err;
    out->flags = 0;
    for (size_t i = 0; i < in->d; i++) {
        for (size_t row = 0; row < in->n; row++)
            buf[row] = in->X[row * in->d + i];
        const double med = est_median_quantile(buf, in->n, 0.5);
        const double up = est_median_quantile(buf, in->n, EST_MEDIAN_UPPER);
        out->mu_hat[i] = med;
        out->sigma2_hat[i] = (up - med) * (up - med);
        if (!(up > med))
            out->flags |= EST_FLAG_FEW_POSITIVE;
        if (out->iters)
            out->iters[i] = 0;
    }
    return RS_OK;
}
