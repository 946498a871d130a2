/* trunc_normal.h — the univariate normal truncated to (c, inf): moments, negative
 * log-likelihood and exact samplers (Wu, Dimakis, Sanghavi 2019, Definition 2, eq. 5). */
#ifndef TRUNC_NORMAL_H
#define TRUNC_NORMAL_H

#include <gsl/gsl_rng.h>

/* Moments of Y ~ N(0,1) truncated to (alpha, inf): e1 = E[Y], var = Var(Y),
 * cov12 = Cov(Y, Y^2), var2 = Var(Y^2). Uses the hazard phi/Q (GSL), stable for large
 * alpha where Q underflows. */
typedef struct {
    double e1, e2, var, cov12, var2;
} tn_moments;

void trunc_normal_moments(double alpha, tn_moments *m);

/* Average negative log-likelihood of samples with mean m1 and mean square m2, all > c,
 * under N(mu, sigma^2, (c, inf)), without the constant log(2 pi)/2. */
double trunc_normal_nll(double mu, double sigma, double c, double m1, double m2);

/* One exact draw of Y ~ N(0,1) truncated to (alpha, inf): plain rejection from N(0,1)
 * when alpha is small (acceptance >= Q(0.45) = 0.33), otherwise Robert (1995)'s
 * exponential proposal with the optimal rate. Expected cost is bounded for every alpha,
 * unlike the naive rejection of the published ProjSGD code. */
double trunc_normal_sample(gsl_rng *r, double alpha);

#endif
