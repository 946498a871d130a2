/* angles.h — pairwise angles by eq. (14) of Wu, Dimakis, Sanghavi 2019 and Sigma_hat by Alg. 1,
 * line 8.
 *
 * theta_hat(i,j) = pi - (2 pi / n) #{m : x_m(i) > b_hat(i) and x_m(j) > b_hat(j)}.
 * The pair counts are the work: two kernels compute them.
 * - popcount: indicator columns packed 64 rows per word, counts by AND + popcount;
 * - dsyrk: the 0/1 indicator matrix I (n x d) and C = I^T I by one BLAS call.
 * Measured 2026-11-24 on this project's 2-core CI machine, d = 25, n = 5e5: see the README
 * performance section; popcount is the faster by an order of magnitude and is the default. */
#ifndef ANGLES_H
#define ANGLES_H

#include <stddef.h>
#include <stdint.h>

#include "rs.h"

/* Words per packed column. */
size_t angles_words(size_t n);

/* Pack the indicators x_m(i) > b_hat(i) into bits (d columns of angles_words(n) words,
 * caller-owned). */
void angles_pack(const double *X, size_t n, size_t d, const double *b_hat, uint64_t *bits);

/* angles_pack without the AVX2 path the CPU may select (the same bits; for tests). */
void angles_pack_portable(const double *X, size_t n, size_t d, const double *b_hat, uint64_t *bits);

/* counts (d x d, caller-owned) from packed bits: counts(i,j) = #rows with both set. */
void angles_count_popcount(const uint64_t *bits, size_t n, size_t d, double *counts);

/* Streaming form of pack + popcount: add to the integer pair counts cnt (d x d, upper
 * triangle i <= j, caller-owned, zeroed by the caller before the first block) those of
 * the rows x d block Xb. bits is caller-owned scratch of angles_words(rows) * d words.
 * Counts are integers, so adding them block by block (in any order, on any thread) gives
 * exactly the counts of angles_count_popcount over all rows. */
void angles_count_block(const double *Xb, size_t rows, size_t d, const double *b_hat,
                        uint64_t *bits, uint64_t *cnt);

/* counts (d x d, both triangles) from the upper triangle of angles_count_block's cnt. */
void angles_counts_finish(const uint64_t *cnt, size_t d, double *counts);

/* The same counts by dsyrk on a 0/1 matrix; ind is caller-owned scratch of n*d doubles. */
void angles_count_dsyrk(const double *X, size_t n, size_t d, const double *b_hat, double *ind,
                        double *counts);

/* eq. (14) then Alg. 1, lines 8-9: theta (d x d) and Sigma_hat (d x d) from the counts,
 * sigma2_hat (the diagonal) and n. theta(i,i) = 0. */
void angles_sigma(const double *counts, size_t n, size_t d, const double *sigma2_hat, double *theta,
                  double *Sigma_hat);

#endif
