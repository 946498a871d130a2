/* est_sgd.c — Algorithms 2 (NormBiasEst) and 3 (ProjSGD) of Wu, Dimakis, Sanghavi 2019. */
#include "est_sgd.h"

#include <math.h>
#include <stdlib.h>

#include "trunc_normal.h"

enum { SGD_CANCEL_POLL = 4096 };

static double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}

rs_status est_sgd_fit1(const double *t, size_t m, double c, const est_sgd_opts *opt, gsl_rng *r,
                       double *v_hat, double *path_v1, double *path_v2, size_t path_cap,
                       size_t *path_len, const atomic_int *cancel, rs_error *err)
{
    const size_t sb = opt->sgd_batch;
    /* One pass over the batch's samples, sgd_batch per step (T = m / sgd_batch). */
    const size_t T = m >= sb ? m / sb : 1;
    const size_t per_step = m >= sb ? sb : m;
    const size_t stride = path_cap ? (T + path_cap - 1) / path_cap : 0;
    double v1 = 1.0, v2 = 0.0; /* Alg. 3, line 1 */
    double acc1 = 0.0, acc2 = 0.0;
    if (path_len)
        *path_len = 0;
    for (size_t step = 1; step <= T; step++) {
        if (cancel && step % SGD_CANCEL_POLL == 0 &&
            atomic_load_explicit(cancel, memory_order_relaxed))
            return rs_error_set(err, RS_ECANCELLED, "est_sgd_fit1: cancelled");
        /* eq. (6): g = -[-x^2/2, x] + [-z^2/2, z], x from the data, z ~ N(mu, s^2, (c, inf))
         * at the current iterate mu = v2/v1, s^2 = 1/v1; averaged over the minibatch. */
        const double s = 1.0 / sqrt(v1), mu = v2 / v1, alpha = (c - mu) / s;
        const double *x = t + (step - 1) * per_step;
        double g1 = 0.0, g2 = 0.0;
        for (size_t j = 0; j < per_step; j++) {
            const double z = mu + s * trunc_normal_sample(r, alpha);
            g1 += 0.5 * x[j] * x[j] - 0.5 * z * z;
            g2 += z - x[j];
        }
        g1 /= (double)per_step;
        g2 /= (double)per_step;
        /* Alg. 3, lines 4-5: step 1/(lambda t), then project onto D_r (eq. 8). */
        const double eta = 1.0 / (opt->lambda * (double)step);
        v1 = clamp(v1 - eta * g1, 1.0 / opt->r, opt->r);
        v2 = clamp(v2 - eta * g2, -opt->r, opt->r);
        acc1 += v1;
        acc2 += v2;
        if (path_cap && (step - 1) % stride == 0 && *path_len < path_cap) {
            path_v1[*path_len] = acc1 / (double)step;
            path_v2[*path_len] = acc2 / (double)step;
            (*path_len)++;
        }
    }
    v_hat[0] = acc1 / (double)T; /* Alg. 3, line 7: the average iterate */
    v_hat[1] = acc2 / (double)T;
    return RS_OK;
}

/* Alg. 2, line 5: the v_i minimising the sum of distances to the others. */
static size_t geometric_median_pick(const double *v, size_t B)
{
    size_t best = 0;
    double best_sum = INFINITY;
    for (size_t i = 0; i < B; i++) {
        double sum = 0.0;
        for (size_t j = 0; j < B; j++)
            sum += hypot(v[2 * i] - v[2 * j], v[2 * i + 1] - v[2 * j + 1]);
        if (sum < best_sum) {
            best_sum = sum;
            best = i;
        }
    }
    return best;
}

static rs_status fit_coord(const est_input *in, size_t i, const est_sgd_opts *opt, gsl_rng *r,
                           double *buf, est_sgd_path *path, double *mu_out, double *s2_out,
                           const atomic_int *cancel, rs_error *err)
{
    /* Alg. 1, line 2: S = the positive samples of coordinate i. */
    size_t m = 0;
    for (size_t row = 0; row < in->n; row++) {
        const double x = in->X[row * in->d + i];
        buf[m] = x;
        m += x > 0.0;
    }
    *mu_out = *s2_out = NAN;
    if (m < 2 * opt->batches)
        return rs_error_set(err, RS_EINVAL, "est_sgd: %zu positive samples for %zu batches", m,
                            opt->batches);
    /* eq. (7) */
    double mu0 = 0.0, var0 = 0.0;
    for (size_t j = 0; j < m; j++)
        mu0 += buf[j];
    mu0 /= (double)m;
    for (size_t j = 0; j < m; j++)
        var0 += (buf[j] - mu0) * (buf[j] - mu0);
    var0 /= (double)m;
    if (!(var0 > 0.0))
        return rs_error_set(err, RS_EINVAL, "est_sgd: positive samples have no spread");
    const double s0 = sqrt(var0);
    for (size_t j = 0; j < m; j++)
        buf[j] = (buf[j] - mu0) / s0;
    const double c = -mu0 / s0;

    double vs[2 * 1000];
    const size_t B = opt->batches;
    const size_t per = m / B;
    const int record = path && path->coord == i;
    for (size_t bi = 0; bi < B; bi++) { /* Alg. 2, lines 2-3 */
        double *p1 = record && bi == 0 ? path->mu : NULL;
        double *p2 = record && bi == 0 ? path->sigma : NULL;
        size_t plen = 0;
        const rs_status st = est_sgd_fit1(buf + bi * per, per, c, opt, r, vs + 2 * bi, p1, p2,
                                          p1 ? path->cap : 0, &plen, cancel, err);
        if (st != RS_OK)
            return st;
        if (p1) { /* path in the original space: mu = mu0 + s0 v2/v1, sigma = s0/sqrt(v1) */
            for (size_t j = 0; j < plen; j++) {
                const double v1 = p1[j], v2 = p2[j];
                p1[j] = mu0 + s0 * v2 / v1;
                p2[j] = s0 / sqrt(v1);
            }
            path->len = plen;
        }
    }
    const size_t pick = geometric_median_pick(vs, B);
    /* Alg. 2, lines 6-7 */
    *mu_out = mu0 + s0 * vs[2 * pick + 1] / vs[2 * pick];
    *s2_out = var0 / vs[2 * pick];
    return RS_OK;
}

rs_status est_sgd_fit(const est_input *in, const est_sgd_opts *opt, gsl_rng *r, double *buf,
                      est_sgd_path *path, est_result *out, const atomic_int *cancel, rs_error *err)
{
    if (!(opt->r > 1.0) || !(opt->lambda > 0.0) || opt->batches < 1 || opt->batches > 1000 ||
        opt->sgd_batch < 1)
        return rs_error_set(err, RS_EINVAL,
                            "est_sgd_fit: r = %g (> 1), lambda = %g (> 0), batches = %zu "
                            "(1..1000), sgd_batch = %zu (>= 1)",
                            opt->r, opt->lambda, opt->batches, opt->sgd_batch);
    out->flags = 0;
    for (size_t i = 0; i < in->d; i++) {
        const rs_status st =
            fit_coord(in, i, opt, r, buf, path, &out->mu_hat[i], &out->sigma2_hat[i], cancel, err);
        if (st == RS_ECANCELLED)
            return st;
        if (st != RS_OK)
            out->flags |= EST_FLAG_FEW_POSITIVE;
        if (out->iters)
            out->iters[i] = in->n / opt->sgd_batch;
    }
    return RS_OK;
}
