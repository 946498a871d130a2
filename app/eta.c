/* eta.c — the time left of a running sweep (see eta.h). */
#include "eta.h"

#include <math.h>

/* The largest power a job's cost plausibly follows in the swept key (relu's covariance
 * is O(n d^2), teacher's LLSFE O(n d^2); cubic leaves room). */
static const double SLOPE_MAX = 3.0;

/* Least-squares slope of log(mean time) against log(x) over the measured values with
 * x > 0, clamped to [0, SLOPE_MAX]; NAN when fewer than two distinct x. */
static double loglog_slope(const eta_value *v, size_t n)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0, m = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i].measured <= 0 || v[i].x <= 0 || v[i].seconds <= 0)
            continue;
        const double lx = log(v[i].x), ly = log(v[i].seconds / v[i].measured);
        sx += lx, sy += ly, sxx += lx * lx, sxy += lx * ly, m += 1;
    }
    const double den = m * sxx - sx * sx;
    if (m < 2 || den <= 1e-12 * m * sxx)
        return NAN;
    const double s = (m * sxy - sx * sy) / den;
    return s < 0 ? 0 : (s > SLOPE_MAX ? SLOPE_MAX : s);
}

/* The measured value nearest to v[j] (in log x when both are positive). */
static size_t nearest_measured(const eta_value *v, size_t n, size_t j)
{
    size_t best = n;
    double best_d = INFINITY;
    for (size_t i = 0; i < n; i++) {
        if (v[i].measured <= 0)
            continue;
        const double d =
            v[i].x > 0 && v[j].x > 0 ? fabs(log(v[i].x / v[j].x)) : fabs(v[i].x - v[j].x);
        if (d < best_d) {
            best_d = d;
            best = i;
        }
    }
    return best;
}

/* Estimated seconds of one job at v[j]. */
static double job_seconds(const eta_value *v, size_t n, size_t j, double slope, double mean)
{
    if (v[j].measured > 0)
        return v[j].seconds / v[j].measured;
    const size_t i = nearest_measured(v, n, j);
    const double t = v[i].seconds / v[i].measured;
    if (isfinite(slope) && v[j].x > 0 && v[i].x > 0)
        return t * pow(v[j].x / v[i].x, slope);
    if (v[j].cost > 0 && v[i].cost > 0)
        return t * v[j].cost / v[i].cost;
    return mean;
}

double eta_estimate(const eta_value *v, size_t n, double elapsed_s, size_t threads)
{
    double measured = 0, seconds = 0;
    for (size_t i = 0; i < n; i++) {
        measured += v[i].measured;
        seconds += v[i].seconds;
    }
    if (measured <= 0 || seconds <= 0 || !(elapsed_s > 0) || threads == 0)
        return -1;
    const double slope = loglog_slope(v, n), mean = seconds / measured;
    double left = 0;
    for (size_t j = 0; j < n; j++)
        if (v[j].total > v[j].done)
            left += (double)(v[j].total - v[j].done) * job_seconds(v, n, j, slope, mean);
    /* The threads have been busy since the start, the jobs in flight included. */
    const double eta = (seconds + left) / (double)threads - elapsed_s;
    return eta > 0 ? eta : 0;
}
