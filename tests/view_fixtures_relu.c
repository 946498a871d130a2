/* view_fixtures_relu.c — the hand-built relu detail of the view tests (view_fixtures.h):
 * x_0 = ReLU(N(0.61, 2.03²)) drawn as its closed-form density, the NLL of the truncated
 * normal over (mu, sigma) from the closed-form moments of the truth, a ProjSGD-like path. */
#include <math.h>

#include "view_fixtures.h"
#include "view_fixtures_internal.h"

static const double MU0 = 0.61, SIGMA0 = 2.03; /* the truth of coordinate 0 */

static double phi(double t)
{
    return exp(-0.5 * t * t) / sqrt(2.0 * M_PI);
}

static double cdf(double t)
{
    return 0.5 * erfc(-t / sqrt(2.0));
}

/* Angles between the rows of W: 0 on the diagonal, symmetric, in (0.9, 2.2). */
static void relu_angles(relu_detail *det)
{
    const size_t d = det->d;
    for (size_t i = 0; i < d; i++)
        for (size_t j = i; j < d; j++) {
            const double t = i == j ? 0.0 : 0.9 + 1.3 * fabs(vf_jitter((unsigned)(i * 13 + j)));
            const double e = i == j ? 0.0 : 0.046 * vf_jitter((unsigned)(400 + i * 13 + j));
            det->theta_true[i * d + j] = det->theta_true[j * d + i] = t;
            det->theta_hat[i * d + j] = det->theta_hat[j * d + i] = t + e;
        }
    for (size_t i = 0; i < d; i++) {
        det->b[i] = MU0 * (1.0 + 0.3 * vf_jitter((unsigned)(500 + i)));
        det->b_hat[i] = det->b[i] + 0.02 * vf_jitter((unsigned)(510 + i));
        det->sigma2[i] = SIGMA0 * SIGMA0 * (1.0 + 0.2 * vf_jitter((unsigned)(520 + i)));
        det->sigma2_hat[i] = det->sigma2[i] * (1.0 + 0.03 * vf_jitter((unsigned)(530 + i)));
    }
}

/* The histogram of x_0 > 0 (the true density with a 6% sampling wobble), its zero mass,
 * the fitted truncated normal, and a scatter of (x_0, x_1) with correlation 0.47. */
static void relu_data(relu_detail *det)
{
    det->coord = 0, det->coord2 = 1;
    det->p_zero = cdf(-MU0 / SIGMA0);
    vf_linspace(det->hist_edges, RELU_HIST_BINS + 1, 0.0, MU0 + 4.0 * SIGMA0);
    for (size_t i = 0; i < RELU_HIST_BINS; i++) {
        const double x = 0.5 * (det->hist_edges[i] + det->hist_edges[i + 1]);
        det->hist_density[i] =
            phi((x - MU0) / SIGMA0) / SIGMA0 * (1.0 + 0.06 * vf_jitter((unsigned)(600 + i)));
    }
    vf_linspace(det->curve_x, RELU_CURVE_POINTS, 0.0, MU0 + 4.0 * SIGMA0);
    for (size_t i = 0; i < RELU_CURVE_POINTS; i++)
        det->curve_y[i] = phi((det->curve_x[i] - 0.64) / 1.98) / 1.98;
    det->n_scatter = 2000;
    for (size_t s = 0; s < det->n_scatter; s++) {
        const double z0 = vf_bell((unsigned)(10000 + s)), z1 = vf_bell((unsigned)(20000 + s));
        det->scatter_x[s] = fmax(0.0, MU0 + SIGMA0 * z0);
        det->scatter_y[s] = fmax(0.0, -0.37 + 1.52 * (0.47 * z0 + 0.8827 * z1));
    }
}

/* The expected NLL of N(mu, sigma²) truncated to x > 0 under the true truncated normal:
 * log sigma + log Phi(mu / sigma) + E(x - mu)² / (2 sigma²). */
static void relu_landscape(relu_detail *det)
{
    const double a = -MU0 / SIGMA0, lam = phi(a) / (1.0 - cdf(a));
    const double mean = MU0 + SIGMA0 * lam, var = SIGMA0 * SIGMA0 * (1.0 + a * lam - lam * lam);
    vf_linspace(det->land_mu, RELU_LAND_MU, -2.5, 3.5);
    vf_linspace(det->land_sigma, RELU_LAND_SIGMA, 0.8, 3.6);
    for (size_t s = 0; s < RELU_LAND_SIGMA; s++)
        for (size_t m = 0; m < RELU_LAND_MU; m++) {
            const double mu = det->land_mu[m], sg = det->land_sigma[s];
            det->land_nll[s * RELU_LAND_MU + m] =
                log(sg) + log(cdf(mu / sg)) + (var + (mean - mu) * (mean - mu)) / (2 * sg * sg);
        }
    /* ProjSGD from (-1.9, 3.3): a curved descent with a shrinking wobble */
    det->path_len = 120;
    for (size_t j = 0; j < det->path_len; j++) {
        const double t = (double)j / (double)(det->path_len - 1), f = exp(-4.1 * t);
        det->path_mu[j] = 0.64 + (-1.9 - 0.64) * f + 0.09 * f * vf_jitter((unsigned)(700 + j));
        det->path_sigma[j] = 2.01 + (3.3 - 2.01) * f * f + 0.6 * t * f;
    }
    det->sgd_mu = det->path_mu[det->path_len - 1];
    det->sgd_sigma = det->path_sigma[det->path_len - 1];
    det->mle_mu = 0.66, det->mle_sigma = 1.98;
    det->true_mu = MU0, det->true_sigma = SIGMA0;
}

relu_detail *vf_relu_detail(const rs_params *p, size_t n_shown, int method)
{
    relu_detail *det = job_relu_detail_alloc();
    if (!det)
        return NULL;
    const size_t d = p->d;
    det->d = d, det->n = n_shown, det->method = method;
    det->theta_true = vf_alloc(d * d);
    det->theta_hat = vf_alloc(d * d);
    det->b = vf_alloc(d);
    det->b_hat = vf_alloc(d);
    det->sigma2 = vf_alloc(d);
    det->sigma2_hat = vf_alloc(d);
    relu_angles(det);
    relu_data(det);
    relu_landscape(det);
    det->head.ready = 1;
    return det;
}
