/* job_relu_needed.h — the job behind Claim 2's samples-needed curve (relu, target_err > 0):
 * one coordinate x = max(0, z + b), b = bias_scale, the unclipped censored MLE on a grid
 * of n up to `n`, and the smallest grid n from which err_b <= target_err. */
#ifndef JOB_RELU_NEEDED_H
#define JOB_RELU_NEEDED_H

#include <stdatomic.h>
#include <stddef.h>

#include "param.h"
#include "rs.h"
#include "sweep.h"

enum { JOB_RELU_NEEDED_GRID_MAX = 64 };

/* The grid of n: 10, then 4 points per decade, ending at n_max. Writes at most cap
 * values into grid; returns the count. */
size_t job_relu_needed_grid(size_t n_max, double *grid, size_t cap);

/* One (b value v, run) job: writes the cell of method p->estimator: log10_n_needed (nan
 * and MET_FLAG_TARGET_NOT_REACHED when no grid n reaches the target), and err_sigma,
 * err_b, sqrt_kl, err_b_clipped at the last n drawn. RS_ECANCELLED, RS_ENOMEM. */
rs_status job_relu_needed_run(const rs_params *p, size_t v, size_t run, sweep_cell *cell,
                              const atomic_int *cancel, rs_error *err);

#endif
