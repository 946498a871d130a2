/* quad_moments.h — the moments of a quadratic pushforward (the polynomial-pushforward slides,
 * "Moments"): Cov(x_a, x_b) = 2 Tr(Q_a Q_b),   kappa_3(x_a, x_b, x_c) = 8 Tr(Q_a Q_b Q_c), their
 * true values from the Q_a, their estimates from samples (streamed in blocks, so the samples need
 * not be stored), and the angle matrix cos(Q_a, Q_b) = Tr(Q_a Q_b) /
 * (||Q_a||_F ||Q_b||_F) between the Q_a regarded as vectors of R^{r^2}.
 *
 * The slides write the moments "proportional to"; the constants 2 and 8 are those of
 * g ~ N(0, I): Cov(g^T A g, g^T B g) = 2 Tr(AB), kappa_3 = 8 Tr(ABC) for symmetric A, B, C.
 * The third-moment tensor T (d*d*d) is stored full, T[(a*d + b)*d + c]. */
#ifndef QUAD_MOMENTS_H
#define QUAD_MOMENTS_H

#include <stddef.h>

#include "rs.h"

/* Rows per internal block of quad_moments_add when third moments are kept (the s2 and s3
 * dgemms). Measured 2026-11-24 on the project's 2-vCPU AMD EPYC machine (OpenBLAS 0.3.21, one
 * BLAS thread), n = 1e6, d = 20, second moments by dgemm: 512 rows 0.045 s with dsyrk, 0.045 s
 * with dgemm; 1024 and 2048 rows 0.029 s with dgemm (dsyrk 0.034 s without the shift copy);
 * 4096 rows 0.039 s. Second moments alone no longer use it: register tiles over 128 rows at a
 * time, 0.018 s = 2.8-3.0x one read of the samples (tests/bench_quadratic.c). */
enum { QUAD_MOMENTS_BLOCK = 1024 };

/* Opaque accumulator of shifted power sums. */
typedef struct quad_moments_ws quad_moments_ws;

/* An accumulator for d coordinates; third = 0 skips the d^3 pass (second moments only).
 * NULL when d = 0 or allocation fails. Caller owns it (quad_moments_free). */
quad_moments_ws *quad_moments_alloc(size_t d, int third);
void quad_moments_free(quad_moments_ws *w);

/* Bytes quad_moments_alloc(d, third) takes; 0 on overflow. */
size_t quad_moments_bytes(size_t d, int third);

/* Forget every sample (the shift is re-chosen by the next add). */
void quad_moments_reset(quad_moments_ws *w);

/* Add rows samples X (rows x d, leading dimension ldx). The first call fixes the shift K to
 * the mean of its rows; sums are of y = x - K (the shifted-data algorithm, which keeps the
 * cancellation of raw power sums away). Per internal block: one dgemm for sum y y^T and,
 * with third, one dgemm Z^T Y with Z(m, (a<=b)) = y_a y_b for sum y_a y_b y_c. */
void quad_moments_add(quad_moments_ws *w, const double *X, size_t rows, size_t ldx);

/* Copy every sum of src into dst (same d; dst must have third if src has). */
void quad_moments_copy(quad_moments_ws *dst, const quad_moments_ws *src);

/* Samples added so far. */
size_t quad_moments_count(const quad_moments_ws *w);

/* The unbiased estimates (k-statistics) G_hat = k_2 / 2 of Tr(Q_a Q_b) (d*d) and, when
 * T_hat is non-NULL and the accumulator has third, T_hat = k_3 / 8 of Tr(Q_a Q_b Q_c)
 * (d*d*d), with k_2 = n/(n-1) m_2 and k_3 = n^2/((n-1)(n-2)) m_3 from the central sample
 * moments m_2, m_3. mean (d) may be NULL. The accumulator is unchanged, so prefixes can be
 * evaluated while streaming. RS_EINVAL when fewer than 3 samples were added. */
rs_status quad_moments_finish(const quad_moments_ws *w, double *mean, double *G_hat, double *T_hat,
                              rs_error *err);

/* The true moments: G(a,b) = Tr(Q_a Q_b) (d*d) and, when T is non-NULL, T(a,b,c) =
 * Tr(Q_a Q_b Q_c) (d*d*d). Q is d*r*r (gen_quadratic.h layout), symmetric. For each a, one
 * dgemm gives Q_a [Q_1 ... Q_d] and one more its traces against every Q_c.
 * work: quad_moments_true_work(d, r) doubles. */
void quad_moments_true(const double *Q, size_t d, size_t r, double *G, double *T, double *work);
size_t quad_moments_true_work(size_t d, size_t r);

/* The angle matrix: C(a,b) = G(a,b) / sqrt(G(a,a) G(b,b)), clamped to [-1, 1] against
 * rounding; nan where a diagonal is not positive. */
void quad_moments_cosines(const double *G, size_t d, double *C);

#endif
