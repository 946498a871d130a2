/* est_mle.c — truncated-normal MLE by Newton's method on sufficient statistics. */
#include "est_mle.h"

#include <float.h>
#include <math.h>

#include "trunc_normal.h"

enum { MLE_MAX_ITERS = 100, MLE_MAX_HALVINGS = 60 };

/* NLL of the standardised samples (mean 0, mean square 1, all > c) at natural
 * parameters (a, h) = (1/s^2, m/s^2), i.e. N(m, s^2) truncated to (c, inf). */
static double nll_natural(double a, double h, double c)
{
    const double s = 1.0 / sqrt(a);
    return trunc_normal_nll(h / a, s, c, 0.0, 1.0);
}

rs_status est_mle_fit1(double count, double sum, double sumsq, double *mu, double *sigma2,
                       size_t *iters, rs_error *err)
{
    *mu = *sigma2 = NAN;
    if (iters)
        *iters = 0;
    if (!(count >= 2.0))
        return rs_error_set(err, RS_EINVAL, "est_mle_fit1: %g positive samples, need 2", count);
    /* eq. (7): standardise by the empirical mean and variance of the positive samples. */
    const double mu0 = sum / count;
    const double var0 = fmax(sumsq / count - mu0 * mu0, 0.0);
    if (!(var0 > 0.0) || !(var0 > DBL_EPSILON * mu0 * mu0))
        return rs_error_set(err, RS_EINVAL, "est_mle_fit1: positive samples have no spread");
    const double s0 = sqrt(var0);
    const double c = -mu0 / s0; /* truncation point in the standardised space */

    /* Alg. 3, line 1's start: v = [1, 0], the untruncated fit of the standardised data. */
    double a = 1.0, h = 0.0;
    double f = nll_natural(a, h, c);
    rs_status st = RS_EMAXITER;
    size_t it;
    for (it = 1; it <= MLE_MAX_ITERS; it++) {
        const double m = h / a, s = 1.0 / sqrt(a);
        tn_moments tm;
        trunc_normal_moments((c - m) / s, &tm);
        /* Model moments of t = m + s Y; sufficient statistic T(t) = (-t^2/2, t). */
        const double Et = m + s * tm.e1;
        const double Et2 = m * m + 2.0 * m * s * tm.e1 + s * s * tm.e2;
        const double vt = s * s * tm.var;
        const double cov = 2.0 * m * s * s * tm.var + s * s * s * tm.cov12; /* Cov(t^2, t) */
        const double vt2 = 4.0 * m * m * s * s * tm.var + 4.0 * m * s * s * s * tm.cov12 +
                           s * s * s * s * tm.var2; /* Var(t^2) */
        /* gradient = E_v[T] - mean T = (-(E t^2)/2 + 1/2, E t - 0); Hessian = Cov_v(T). */
        const double ga = 0.5 * (1.0 - Et2), gh = Et;
        const double Haa = 0.25 * vt2, Hah = -0.5 * cov, Hhh = vt;
        const double det = Haa * Hhh - Hah * Hah;
        double da, dh;
        if (det > 0.0 && Haa > 0.0) {
            da = -(Hhh * ga - Hah * gh) / det;
            dh = -(-Hah * ga + Haa * gh) / det;
        } else { /* Hessian lost definiteness to rounding: take a gradient step */
            da = -ga;
            dh = -gh;
        }
        /* Converged when the Newton decrement is at rounding level of the objective. */
        const double decrement = -(ga * da + gh * dh);
        if (decrement < 4.0 * DBL_EPSILON * (1.0 + fabs(f))) {
            st = RS_OK;
            break;
        }
        double step = 1.0, fn = INFINITY;
        int halvings = 0;
        while (halvings++ < MLE_MAX_HALVINGS) {
            const double an = a + step * da, hn = h + step * dh;
            if (an > 0.0) {
                fn = nll_natural(an, hn, c);
                if (fn <= f - 1e-4 * step * decrement || fn <= f) /* Armijo, or no worse */
                    break;
            }
            step *= 0.5;
        }
        if (!(fn <= f)) { /* no descent possible: at the optimum to rounding */
            st = RS_OK;
            break;
        }
        a += step * da;
        h += step * dh;
        f = fn;
    }
    if (iters)
        *iters = it > MLE_MAX_ITERS ? MLE_MAX_ITERS : it;
    /* Alg. 2, lines 6-7: back to the original space. */
    *mu = mu0 + s0 * (h / a);
    *sigma2 = var0 / a;
    if (st != RS_OK)
        return rs_error_set(err, st, "est_mle_fit1: no convergence in %d Newton steps",
                            MLE_MAX_ITERS);
    return RS_OK;
}

rs_status est_mle_fit(const est_input *in, est_result *out, rs_error *err)
{
    (void)err;
    out->flags = 0;
    for (size_t i = 0; i < in->d; i++) {
        size_t it = 0;
        const rs_status st = est_mle_fit1(in->st->count[i], in->st->sum[i], in->st->sumsq[i],
                                          &out->mu_hat[i], &out->sigma2_hat[i], &it, NULL);
        out->flags |= est_status_flags(st);
        if (out->iters)
            out->iters[i] = it;
    }
    return RS_OK;
}
