/* view_fixtures.h — hand-built results for the view tests: sweep cells and the detail
 * structs of every generator, filled field by field with high-entropy made-up numbers.
 *
 * STYLE 8: a golden is drawn from a hand-built detail, never from a computation that goes
 * through BLAS or a random stream, so that the view suites pass under any OpenBLAS kernel
 * and CPU. Nothing here runs a job or an estimator: the numbers are closed forms (decays,
 * bowls, power laws) plus a fixed integer-hash jitter (vf_jitter), shaped like what the
 * jobs produce (an angle matrix near a permutation, learning curves that fall, errors
 * that shrink like n^-1/2) so that the goldens show sensible pictures. Details come from
 * job_<gen>_detail_alloc and are released with job_<gen>_detail_free; ready = 1. */
#ifndef VIEW_FIXTURES_H
#define VIEW_FIXTURES_H

#include <stddef.h>

#include "job_matrix.h"
#include "job_quadratic.h"
#include "job_relu.h"
#include "job_teacher.h"
#include "param.h"
#include "sweep.h"

/* A fixed jitter in [-1, 1) for the integer key i (an integer hash: the same bits on
 * every machine). */
double vf_jitter(unsigned i);

/* A bell-shaped jitter of mean 0 and standard deviation about 1 (four vf_jitter
 * summed), for scatter clouds. */
double vf_bell(unsigned i);

/* Metric id of method in cells (n_values x runs, index v * runs + run), for every cell:
 * scale * (values[v] / values[0])^slope * (1 + spread * jitter), with a jitter keyed by
 * (key, v, run); done = 1. values[0] = 0 (no sweep) gives scale * (1 + spread * jitter). */
void vf_cells_metric(sweep_cell *cells, size_t n_values, size_t runs, const double *values,
                     int method, size_t id, double scale, double slope, double spread,
                     unsigned key);

/* The matrix detail of p (d, n, k; compare picks est[0] = mle, est[1] = svd) at the
 * shown sample size n_shown: windows, zero fractions, scatter, cosines near the
 * identity, principal angles, learning curves (mle only) and the landscape (mle only). */
matrix_detail *vf_matrix_detail(const rs_params *p, size_t n_shown);

/* The quadratic detail of p (d, r, family, gauge, smooth) at sample size n_shown: angle
 * matrices, W and Jennrich's W_hat (diagonal family) or Q_c and U Q_c U^T, the data view
 * of coordinate 0, prefix curves and the (n, smooth) landscape. */
quadratic_detail *vf_quadratic_detail(const rs_params *p, size_t n_shown);

/* The teacher detail of p (n, d, k (0 = d), iters, compare): learning curves of every loss
 * (llsfe diverges after iteration 35: no final A), |cos| matrices near a permutation,
 * the landscape over the row angles (d = k = 2) or a plane through A*, and the data. */
teacher_detail *vf_teacher_detail(const rs_params *p);

/* The relu detail of p (d, n; shown method `method`): angle matrices, the histogram of
 * x_0 with its zero mass and fitted truncated normal, a scatter, the NLL landscape with
 * the ProjSGD path. */
relu_detail *vf_relu_detail(const rs_params *p, size_t n_shown, int method);

#endif
