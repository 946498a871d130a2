/* met_teacher.h — the metrics of the teacher network (Gao, Makkuva, Oh, Viswanath 2019, Section 4):
 * the parameter error e(A) of eq. (22), the second-layer least-squares fit and test error. The
 * percentile and log-log slope summaries of the LLSFE accuracy figures (1-2) are stats_quantile and
 * stats_loglog_slope (stats.h). */
#ifndef MET_TEACHER_H
#define MET_TEACHER_H

#include <stddef.h>

#include "rs.h"

enum {
    MET_TEACHER_FLAG_DIVERGED = 1u << 0,     /* the iterate became non-finite: e_a, loss nan */
    MET_TEACHER_FLAG_W_SINGULAR = 1u << 1,   /* Phi^T Phi not positive definite: test_err nan */
    MET_TEACHER_FLAG_LLSFE_FAILED = 1u << 2, /* LLSFE covariance not PD at some points */
    MET_TEACHER_FLAG_KAPPA_ZERO = 1u << 3,   /* some kappa*_i = 0: L has no signal there */
    MET_TEACHER_FLAG_KAPPA_MIXED = 1u << 4,  /* kappa*_i of both signs: Assumption 2(a) fails */
    MET_TEACHER_FLAG_MU_OUTSIDE = 1u << 5,   /* mu >= 0.01: outside Assumption 2(b) */
    MET_TEACHER_FLAG_KAPPA_ORACLE = 1u << 6  /* llsfe: sign(kappa*) from the known input law */
};

/* Assumption 2(b) (Gao et al. 2019) asks mu < c/kappa* with c <= 0.01 and kappa* =
 * max_i kappa*_i / min_i kappa*_i >= 1, so mu < 0.01 is necessary whatever A* is. */
#define MET_TEACHER_MU_MAX 0.01

/* MET_TEACHER_FLAG_MU_OUTSIDE when mu >= MET_TEACHER_MU_MAX (or not finite), else 0. */
unsigned met_teacher_mu_flags(double mu);

typedef enum {
    MET_TEACHER_E_A,
    MET_TEACHER_LOSS,
    MET_TEACHER_TEST_ERR,
    MET_TEACHER_SECONDS,
    MET_TEACHER_S2_ERR,
    MET_TEACHER_S4_ERR,
    MET_TEACHER_E_PERM,
    MET_TEACHER_COUNT
} met_teacher_id;

extern const char *const met_teacher_names[MET_TEACHER_COUNT];

/* The alignment matrix M (k x k) of A against A* (both k x d): for k = d, M = A A*^{-1}
 * with each row scaled to unit norm (A = P D A* gives M = P up to signs; with A* = I this
 * is the paper's A*^{-1} A up to the row scaling D); for k < d, M_ij = cos(a_i, a*_j).
 * work: 2 k d + k doubles. RS_ENUMERIC when A* is singular or a row of A is zero. */
rs_status met_teacher_align(const double *A, const double *Astar, size_t k, size_t d, double *work,
                            double *M, rs_error *err);

/* The alignment matrix as eq. (22) prints it: M = A*^{-1} A with unit rows (k = d; for
 * k < d the cosines of met_teacher_align, since A* has no inverse). A = P D A* (recovery up
 * to row order and scale) gives A*^{-1} P D A*, a permutation only when A* commutes with
 * P D (A* = I, Figure 3's setting), which is why met_teacher_align uses A A*^{-1} instead.
 * Same work and statuses as met_teacher_align. */
rs_status met_teacher_align_printed(const double *A, const double *Astar, size_t k, size_t d,
                                    double *work, double *M, rs_error *err);

/* e(A) = min{1 - min_i max_j |M_ij|, 1 - min_j max_i |M_ij|} of eq. (22) on M (k x k),
 * exactly as published. Taking the smaller term means an A whose rows all collapse onto one
 * row of A* scores 0 (every row of M has a unit entry), so e(A) = 0 does not imply recovery. */
double met_teacher_e(const double *M, size_t k);

/* e_perm(A) = max{...} of the same two terms: 0 only when every row and every column of M
 * has an entry of modulus 1, i.e. (unit rows) M is a signed permutation. Our strict
 * companion to eq. (22); e_perm >= e(A) always. */
double met_teacher_e_perm(const double *M, size_t k);

/* Least squares w = argmin |Phi w - y|^2, Phi_si = ReLU(<a_i, x_s>), by the normal
 * equations (one dsyrk). P: n x k scratch; work: k*k + k doubles; w: k.
 * RS_ENUMERIC when Phi^T Phi is not positive definite (dead units). */
rs_status met_teacher_fit_w(const double *A, const double *X, const double *y, size_t n, size_t k,
                            size_t d, double *P, double *work, double *w, rs_error *err);

/* Relative test error sum_s (yhat_s - y_s)^2 / sum_s (y_s - mean y)^2 of the network
 * (A, w) on fresh data (X, y). P: n x k scratch. */
double met_teacher_test_err(const double *A, const double *w, const double *X, const double *y,
                            size_t n, size_t k, size_t d, double *P);

#endif
