/* view_fixtures.c — the jitter, the sweep cells and the matrix detail of the view tests
 * (see view_fixtures.h). The quadratic, teacher and relu details are in
 * view_fixtures_quadratic.c, view_fixtures_teacher.c and view_fixtures_relu.c. */
#include "view_fixtures.h"

#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#include "met_matrix.h"
#include "view_fixtures_internal.h"

double vf_jitter(unsigned i)
{
    uint32_t x = (uint32_t)i * 0x9E3779B1u + 0x7F4A7C15u;
    x ^= x >> 16;
    x *= 0x85EBCA6Bu;
    x ^= x >> 13;
    x *= 0xC2B2AE35u;
    x ^= x >> 16;
    return (double)x / 2147483648.0 - 1.0;
}

double vf_bell(unsigned i)
{
    /* four uniforms on [-1, 1) have variance 4/3: scale to 1 */
    const double s =
        vf_jitter(4 * i) + vf_jitter(4 * i + 1) + vf_jitter(4 * i + 2) + vf_jitter(4 * i + 3);
    return s * 0.8660254;
}

void vf_cells_metric(sweep_cell *cells, size_t n_values, size_t runs, const double *values,
                     int method, size_t id, double scale, double slope, double spread, unsigned key)
{
    for (size_t v = 0; v < n_values; v++)
        for (size_t run = 0; run < runs; run++) {
            const double ratio = values[0] > 0 ? values[v] / values[0] : 1.0;
            const unsigned j = key * 977u + (unsigned)(v * 31 + run * 7 + id * 131) + 11u * method;
            sweep_cell *c = &cells[v * runs + run];
            c->metric[method][id] = scale * pow(ratio, slope) * (1.0 + spread * vf_jitter(j));
            atomic_store(&c->done, 1);
        }
}

void vf_linspace(double *x, size_t n, double lo, double hi)
{
    for (size_t i = 0; i < n; i++)
        x[i] = n > 1 ? lo + (hi - lo) * (double)i / (double)(n - 1) : lo;
}

double *vf_alloc(size_t n)
{
    return calloc(n ? n : 1, sizeof(double));
}

/* The planted low-rank M = A C at (i, j), A and C closed forms; b_i the bias. */
static double m_entry(size_t i, size_t j, size_t k)
{
    double s = 0.0;
    for (size_t l = 0; l < k; l++) {
        const double a = 0.93 * sin(0.83 * (double)(i * (l + 1)) + 1.7 * (double)l + 0.4) +
                         0.25 * vf_jitter((unsigned)(i * 17 + l));
        const double c = cos(0.2033 * (double)(j * (l + 1)) + 2.3 * (double)l) +
                         0.3 * vf_jitter((unsigned)(5000 + j * 5 + l));
        s += a * c;
    }
    return s;
}

static double bias(size_t i)
{
    return -0.31 + 0.58 * vf_jitter((unsigned)(900 + i));
}

/* The data view: Y, M + b1ᵀ and each fit on the window, zeros per row, the scatter. */
static void matrix_data(matrix_detail *det)
{
    const size_t d = det->d, n = det->n, k = det->k;
    det->win_rows = d < MATRIX_WIN_ROWS ? d : MATRIX_WIN_ROWS;
    det->win_cols = n < MATRIX_WIN_COLS ? n : MATRIX_WIN_COLS;
    for (size_t i = 0; i < d; i++) {
        det->b[i] = bias(i);
        size_t zeros = 0;
        for (size_t j = 0; j < n; j++) {
            const double z = m_entry(i, j, k) + det->b[i];
            const double y = fmax(0.0, z + 0.21 * vf_bell((unsigned)(i * n + j)));
            zeros += y == 0.0;
            if (i >= det->win_rows || j >= det->win_cols)
                continue;
            const size_t w = i * det->win_cols + j;
            det->z_window[w] = z;
            det->y_window[w] = y;
            det->est[0].fit_window[w] = z + 0.093 * vf_bell((unsigned)(70000 + w));
            det->est[1].fit_window[w] = 0.84 * z + 0.23 * vf_bell((unsigned)(80000 + w));
        }
        det->zero_frac[i] = (double)zeros / (double)n;
    }
    det->n_scatter = d * n < 600 ? d * n : 600;
    for (size_t s = 0; s < det->n_scatter; s++) {
        const size_t idx = s * (d * n / det->n_scatter);
        const double m = m_entry(idx / n, idx % n, k);
        det->scatter_true[s] = m;
        det->est[0].scatter_hat[s] = 0.98 * m + 0.081 * vf_bell((unsigned)(90000 + s));
        det->est[1].scatter_hat[s] = 0.83 * m + 0.197 * vf_bell((unsigned)(95000 + s));
    }
}

/* One estimator: cosines near the identity, ascending principal angles, metrics. */
static void matrix_est(matrix_detail_est *e, int method, size_t d, size_t k, const double *diag,
                       const double *rad, double off, const double *metric)
{
    e->method = method;
    e->cosines = vf_alloc(k * k);
    e->principal_rad = vf_alloc(k);
    e->b_hat = vf_alloc(d);
    double sin2 = 0.0;
    for (size_t i = 0; i < k; i++) {
        for (size_t j = 0; j < k; j++)
            e->cosines[i * k + j] =
                i == j ? diag[i % 3] : off * fabs(vf_jitter((unsigned)(method * 100 + i * k + j)));
        e->principal_rad[i] = rad[i % 3] + 0.01 * (double)(i / 3);
        sin2 += sin(e->principal_rad[i]) * sin(e->principal_rad[i]);
    }
    for (size_t i = 0; i < d; i++)
        e->b_hat[i] = bias(i) + metric[MET_MATRIX_ERR_B] * vf_bell((unsigned)(method * 50 + i));
    for (size_t m = 0; m < MET_MATRIX_COUNT; m++)
        e->metric[m] = metric[m];
    e->metric[MET_MATRIX_SUBSPACE_ERR] = sqrt(sin2);
}

/* The alternating fit's iterations: J, -log L / d and the violation fall, rel_err_m falls
 * from the svd warm start's value to the mle's. */
static void matrix_learning(matrix_detail *det)
{
    det->learn_len = det->learn_total = 38;
    for (size_t i = 0; i < det->learn_len; i++) {
        const double t = (double)i;
        det->learn_objective[i] = 1.3873 + 0.4236 * exp(-t / 5.3) +
                                  0.0041 * exp(-t / 9.0) * vf_jitter((unsigned)(300 + i));
        det->learn_nll[i] = 1.3611 + 0.3652 * exp(-t / 6.1);
        det->learn_violation[i] = 0.0874 * exp(-t / 7.4) + 0.0031;
        det->learn_rel_err[i] = 0.2143 + 0.1727 * exp(-t / 4.6);
    }
}

/* J over the plane through M_hat: a tilted bowl whose grid minimum sits one cell off the
 * centre, and the RMS violation growing away from M_hat. */
static void matrix_landscape(matrix_detail *det)
{
    det->land_ready = 1;
    det->land_cols = det->n < MATRIX_LAND_COLS ? det->n : MATRIX_LAND_COLS;
    vf_linspace(det->land_alpha, MATRIX_LAND, -MATRIX_LAND_SPAN, MATRIX_LAND_SPAN);
    vf_linspace(det->land_beta, MATRIX_LAND, -MATRIX_LAND_SPAN, MATRIX_LAND_SPAN);
    for (size_t b = 0; b < MATRIX_LAND; b++)
        for (size_t a = 0; a < MATRIX_LAND; a++) {
            const double x = det->land_alpha[a], y = det->land_beta[b];
            const double u = x - 0.0371, v = y + 0.0338;
            det->land_objective[b * MATRIX_LAND + a] =
                1.3873 + 2.41 * u * u + 1.37 * v * v + 0.83 * u * v + 6.2 * pow(x * x + y * y, 2);
            det->land_violation[b * MATRIX_LAND + a] =
                0.0031 + 0.42 * sqrt(x * x + y * y) + 0.047 * fabs(sin(5.3 * x - 1.1 * y));
        }
}

matrix_detail *vf_matrix_detail(const rs_params *p, size_t n_shown)
{
    matrix_detail *det = job_matrix_detail_alloc();
    if (!det)
        return NULL;
    det->d = p->d, det->n = n_shown, det->k = p->k;
    det->zero_frac = vf_alloc(p->d);
    det->b = vf_alloc(p->d);
    const unsigned methods = param_methods(p);
    static const double mle_metric[MET_MATRIX_COUNT] = {0.2143, 0,  0.0712, 1.3873,
                                                        0.0031, 37, 0.183};
    static const double svd_metric[MET_MATRIX_COUNT] = {0.3870, 0, 0.1534, 1.5218,
                                                        0.0874, 0, 0.012};
    static const double mle_diag[3] = {0.991, 0.957, 0.902}, mle_rad[3] = {0.064, 0.187, 0.395};
    static const double svd_diag[3] = {0.962, 0.871, 0.744}, svd_rad[3] = {0.139, 0.352, 0.671};
    matrix_est(&det->est[0], METHOD_MLE, p->d, p->k, mle_diag, mle_rad, 0.18, mle_metric);
    matrix_est(&det->est[1], METHOD_SVD, p->d, p->k, svd_diag, svd_rad, 0.36, svd_metric);
    matrix_data(det);
    if (methods & (1u << METHOD_MLE)) {
        matrix_learning(det);
        matrix_landscape(det);
    } else {
        det->est[0].method = -1; /* the slot is there, the method did not run */
    }
    if (!(methods & (1u << METHOD_SVD)))
        det->est[1].method = -1;
    det->head.ready = 1;
    return det;
}
