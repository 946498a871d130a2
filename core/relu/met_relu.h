/* met_relu.h — the metrics of Wu, Dimakis, Sanghavi 2019, Section 6 (Figure 1). */
#ifndef MET_RELU_H
#define MET_RELU_H

#include <stddef.h>

#include "rs.h"

enum {
    MET_FLAG_SIGMA_NOT_PD = 1u << 0,   /* Sigma_hat not positive definite: sqrt_kl is nan */
    MET_FLAG_TRUTH_SINGULAR = 1u << 1, /* W W^T singular (k < d): sqrt_kl is nan */
    MET_FLAG_FIT_FAILED = 1u << 2,     /* an estimator left a coordinate without a fit */
    MET_FLAG_NOT_CONVERGED = 1u << 3,  /* an estimator hit its iteration limit */
    /* log10_n_needed is nan: no grid n met target_err (Claim 2 job) ... */
    MET_FLAG_TARGET_NOT_REACHED = 1u << 4,
    /* ... or target_err = 0, so the samples-needed search did not run */
    MET_FLAG_NO_TARGET = 1u << 5
};

typedef enum {
    MET_RELU_ERR_SIGMA,
    MET_RELU_ERR_B,
    MET_RELU_SQRT_KL,
    MET_RELU_ANGLE_ERR_MAX,
    MET_RELU_SECONDS,
    MET_RELU_ERR_B_CLIPPED,  /* err_b of max(0, b_hat): Alg. 1 line 4, whatever clip_bias */
    MET_RELU_LOG10_N_NEEDED, /* Claim 2 job: log10 of the samples needed for err_b <= target */
    MET_RELU_COUNT
} met_relu_id;

extern const char *const met_relu_names[MET_RELU_COUNT];

/* KL(N(mu0, S0) || N(mu1, S1)) for d x d covariances (row-major). Returns RS_ENUMERIC
 * when S1 or S0 is not positive definite (kl = nan). scratch: 2 d^2 + 2 d doubles. */
rs_status met_relu_kl(const double *mu0, const double *S0, const double *mu1, const double *S1,
                      size_t d, double *scratch, double *kl);

/* err_sigma = ||Sigma_hat - W W^T||_F / ||W||_F^2, err_b = ||b_hat - b||_2 / ||W||_F,
 * sqrt_kl = sqrt(min(KL(true||est), KL(est||true)) / 2) (Pinsker's TV bound),
 * angle_err_max = max |theta_hat - theta*| over i != j. Sigma = W W^T (d x d) is given.
 * Writes out[MET_RELU_SECONDS] untouched. scratch: 2 d^2 + 2 d doubles. Returns the flags. */
unsigned met_relu_eval(const double *Sigma, const double *b, const double *theta_true,
                       const double *Sigma_hat, const double *b_hat, const double *theta_hat,
                       size_t d, double *scratch, double *out);

/* ||max(0, mu_hat) - b||_2 / ||W||_F: the err_b Algorithm 1's clip (line 4) leaves, from
 * the unclipped fit mu_hat (d) and Sigma = W W^T (d x d). */
double met_relu_err_b_clipped(const double *Sigma, const double *b, const double *mu_hat, size_t d);

#endif
