/* view_fixtures_quadratic.c — the hand-built quadratic detail of the view tests
 * (view_fixtures.h). Each Q_a = H_a diag(lambda_a) H_a with H_a a Householder reflection
 * (the identity for the diagonal family), so its eigenvalues are known without a solver;
 * the angle matrix is Tr(Q_aQ_b) / (‖Q_a‖_F ‖Q_b‖_F) of those Q_a, summed in plain loops. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "met_quadratic.h"
#include "view_fixtures.h"
#include "view_fixtures_internal.h"

enum { MAX_R = 16 };

/* H = I - 2 v vᵀ / vᵀv for v keyed by key (r x r into H). */
static void householder(size_t r, unsigned key, double *H)
{
    double v[MAX_R], vv = 0.0;
    for (size_t i = 0; i < r; i++) {
        v[i] = vf_jitter(key * 37u + (unsigned)i) + (i == 0 ? 1.3 : 0.0);
        vv += v[i] * v[i];
    }
    for (size_t i = 0; i < r; i++)
        for (size_t j = 0; j < r; j++)
            H[i * r + j] = (i == j) - 2.0 * v[i] * v[j] / vv;
}

/* Q_a and their eigenvalues (ascending, positive); the gauge U and QU = U Q_a Uᵀ. */
static void quad_q(quadratic_detail *det, double *eigs)
{
    const size_t d = det->d, r = det->r, rr = r * r;
    double H[MAX_R * MAX_R], T[MAX_R * MAX_R];
    for (size_t a = 0; a < d; a++) {
        double *lam = eigs + a * r, *Q = det->Q0 + a * rr;
        for (size_t i = 0; i < r; i++) /* ascending: a base that grows with i */
            lam[i] = 0.31 + 0.52 * (double)i + 0.24 * vf_jitter((unsigned)(a * 19 + i));
        /* the diagonal family: H = I, Q_a = diag(lambda_a) */
        householder(r, (unsigned)(a + 1), H);
        for (size_t i = 0; i < r; i++)
            for (size_t j = 0; j < r; j++) {
                double s = 0.0;
                for (size_t l = 0; l < r; l++)
                    s += (det->family == FAMILY_DIAGONAL ? (double)(i == l && j == l)
                                                         : H[i * r + l] * H[j * r + l]) *
                         lam[l];
                Q[i * r + j] = s;
            }
    }
    householder(r, 99u, det->U);
    double dq = 0.0, q0 = 0.0;
    for (size_t a = 0; a < d; a++) {
        const double *Q = det->Q0 + a * rr;
        double *QU = det->QU + a * rr;
        for (size_t i = 0; i < r; i++)
            for (size_t j = 0; j < r; j++) {
                T[i * r + j] = 0.0;
                for (size_t l = 0; l < r; l++)
                    T[i * r + j] += det->U[i * r + l] * Q[l * r + j];
            }
        for (size_t i = 0; i < r; i++)
            for (size_t j = 0; j < r; j++) {
                QU[i * r + j] = 0.0;
                for (size_t l = 0; l < r; l++)
                    QU[i * r + j] += T[i * r + l] * det->U[j * r + l];
                dq = fmax(dq, fabs(QU[i * r + j] - Q[i * r + j]));
                q0 = fmax(q0, fabs(Q[i * r + j]));
            }
    }
    det->gauge_q_change = dq / q0;
    det->gauge_true_diff = 3.7e-16;
    det->gauge_hat_diff = 2.1e-15;
}

/* cos∠(Q_a, Q_b) of the Q0, and the estimate off by about 0.8 / √n. */
static void quad_cosines(quadratic_detail *det)
{
    const size_t d = det->d, rr = det->r * det->r;
    for (size_t a = 0; a < d; a++)
        for (size_t b = 0; b < d; b++) {
            double ab = 0.0, aa = 0.0, bb = 0.0;
            for (size_t i = 0; i < rr; i++) {
                ab += det->Q0[a * rr + i] * det->Q0[b * rr + i];
                aa += det->Q0[a * rr + i] * det->Q0[a * rr + i];
                bb += det->Q0[b * rr + i] * det->Q0[b * rr + i];
            }
            det->cos_true[a * d + b] = ab / sqrt(aa * bb);
        }
    const double e = 0.8 / sqrt((double)det->n);
    for (size_t a = 0; a < d; a++)
        for (size_t b = a; b < d; b++) {
            const double c =
                a == b ? 1.0 : det->cos_true[a * d + b] + e * vf_bell((unsigned)(3000 + a * d + b));
            det->cos_hat[a * d + b] = det->cos_hat[b * d + a] = c;
        }
}

/* x_c = Σ lambda_i z_i² drawn as the gamma density with its mean and variance, the
 * Gaussian with the same two moments, and a skewed cloud of (x_c, x_c2). */
static void quad_data(quadratic_detail *det, const double *eigs)
{
    const size_t r = det->r, c = det->coord, c2 = det->coord2;
    double mean = 0.0, var = 0.0;
    for (size_t i = 0; i < r; i++) {
        det->coord_eigs[i] = eigs[c * r + i];
        mean += det->coord_eigs[i];
        var += 2.0 * det->coord_eigs[i] * det->coord_eigs[i];
    }
    det->coord_mean = mean, det->coord_sd = sqrt(var);
    const double shape = mean * mean / var, scale = var / mean, hi = mean + 5.0 * det->coord_sd;
    vf_linspace(det->hist_edges, QUAD_HIST_BINS + 1, 0.0, hi);
    for (size_t i = 0; i < QUAD_HIST_BINS; i++) {
        const double x = 0.5 * (det->hist_edges[i] + det->hist_edges[i + 1]);
        const double ln = (shape - 1.0) * log(x) - x / scale - lgamma(shape) - shape * log(scale);
        det->hist_density[i] = exp(ln) * (1.0 + 0.07 * vf_jitter((unsigned)(4000 + i)));
    }
    det->hist_below = 0.0, det->hist_above = 0.0004;
    vf_linspace(det->hist_curve_x, QUAD_HIST_CURVE, 0.0, hi);
    for (size_t i = 0; i < QUAD_HIST_CURVE; i++) {
        const double t = (det->hist_curve_x[i] - mean) / det->coord_sd;
        det->hist_curve_y[i] = exp(-0.5 * t * t) / (det->coord_sd * sqrt(2.0 * M_PI));
    }
    const double rho = det->cos_true[c * det->d + c2];
    det->n_scatter = 1500;
    for (size_t s = 0; s < det->n_scatter; s++) {
        const double z0 = vf_bell((unsigned)(30000 + s)), z1 = vf_bell((unsigned)(40000 + s));
        const double z2 = rho * z0 + sqrt(1.0 - rho * rho) * z1;
        det->scatter_x[s] = mean + det->coord_sd * (z0 + 0.3 * (z0 * z0 - 1.0)) / 1.09;
        det->scatter_y[s] = 0.93 * mean + det->coord_sd * (z2 + 0.3 * (z2 * z2 - 1.0)) / 1.09;
    }
}

/* The metrics on prefixes n / 2^j of run 1's samples (ascending n), falling as n^-1/2. */
static void quad_curves(quadratic_detail *det, const double *scale)
{
    size_t m = 0;
    for (double n = (double)det->n; n >= QUAD_CURVE_MIN_N && m < QUAD_CURVE_MAX; n /= 2)
        m++;
    det->n_curve = m;
    for (size_t j = 0; j < m; j++) {
        det->curve_n[j] = floor((double)det->n / pow(2.0, (double)(m - 1 - j)));
        for (size_t id = 0; id < MET_QUAD_COUNT; id++)
            det->curve[id][j] = scale[id] / sqrt(det->curve_n[j] / 1000.0) *
                                (1.0 + 0.08 * vf_jitter((unsigned)(5000 + id * 50 + j)));
    }
}

/* err over (smooth, n): ~ 1 / (gap √n), the gap closing as smooth grows. */
static void quad_landscape(quadratic_detail *det, bool diag)
{
    det->land_metric = diag ? MET_QUAD_ERR_Q : MET_QUAD_ANGLE_ERR_MAX;
    for (size_t i = 0; i < QUAD_LAND_SMOOTH; i++)
        det->land_smooth[i] = pow(10.0, -1.0 + 2.0 * (double)i / (QUAD_LAND_SMOOTH - 1));
    for (size_t j = 0; j < QUAD_LAND_N; j++)
        det->land_n[j] = floor(300.0 * pow((double)det->n / 300.0, (double)j / (QUAD_LAND_N - 1)));
    for (size_t i = 0; i < QUAD_LAND_SMOOTH; i++)
        for (size_t j = 0; j < QUAD_LAND_N; j++) {
            const double gap = 0.83 / (1.0 + pow(det->land_smooth[i], 1.4));
            const double w = 1.0 + 0.1 * vf_jitter((unsigned)(6000 + i * QUAD_LAND_N + j));
            det->land_gap[i * QUAD_LAND_N + j] = diag ? gap * w : NAN;
            det->land_err[i * QUAD_LAND_N + j] =
                (diag ? 0.37 / gap : 1.9) / sqrt(det->land_n[j]) * w;
        }
}

quadratic_detail *vf_quadratic_detail(const rs_params *p, size_t n_shown)
{
    quadratic_detail *det = job_quadratic_detail_alloc();
    const size_t d = p->d, r = (size_t)p->r;
    if (!det || r > MAX_R)
        return det;
    const bool diag = p->family == FAMILY_DIAGONAL;
    det->d = d, det->r = r, det->n = n_shown, det->family = p->family, det->gauge = (int)p->gauge;
    det->coord = 0, det->coord2 = d > 3 ? 3 : d - 1;
    double **arrays[] = {&det->Q0,      &det->QU, &det->cos_true,
                         &det->cos_hat, &det->U,  &det->coord_eigs};
    const size_t lens[] = {d * r * r, d * r * r, d * d, d * d, r * r, r};
    for (size_t i = 0; i < 6; i++)
        *arrays[i] = vf_alloc(lens[i]);
    double *eigs = vf_alloc(d * r);
    quad_q(det, eigs);
    quad_cosines(det);
    quad_data(det, eigs);
    free(eigs);
    if (diag) {
        det->W = vf_alloc(d * r);
        det->W_hat = vf_alloc(d * r);
        for (size_t a = 0; a < d; a++)
            for (size_t i = 0; i < r; i++) {
                det->W[a * r + i] = det->Q0[a * r * r + i * r + i];
                det->W_hat[a * r + i] =
                    det->W[a * r + i] + 0.041 * vf_bell((unsigned)(7000 + a * r + i));
            }
    }
    const double m[MET_QUAD_COUNT] = {
        0.0412, 0.0874, 0.0239, diag ? 0.0563 : NAN, diag ? 0.274 : NAN, 0.0071};
    for (size_t id = 0; id < MET_QUAD_COUNT; id++)
        det->metric[id] = m[id];
    det->flags = diag ? 0 : MET_QUAD_FLAG_NOT_DIAGONAL;
    quad_curves(det, m);
    quad_landscape(det, diag);
    det->head.ready = 1;
    return det;
}
