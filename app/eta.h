/* eta.h — the time left of a running sweep from measured job costs (issue 13, point 17).
 *
 * Jobs at large n cost more: the mean time of all finished jobs times the jobs left
 * under-states a sweep whose cheap values ran first (run 0 of every value first, then
 * the other runs; a 22 s sweep showed 3.9 s). Each sweep value keeps its own measured
 * mean; a value with no finished job yet is extrapolated from the measured ones: along
 * the log-log line through their means when two or more values are measured (the cost of
 * a job is close to a power of n, d or k), else in proportion to the generator-free cost
 * model `cost` (n·d of the job). */
#ifndef ETA_H
#define ETA_H

#include <stddef.h>

typedef struct {
    double x;        /* the sweep value (any sign; only x > 0 enters the log-log line) */
    double cost;     /* model cost of one job at x (e.g. n·d); <= 0 = unknown */
    size_t total;    /* jobs at this value */
    size_t done;     /* finished jobs, timed or not (cells carried over are untimed) */
    double measured; /* jobs whose time is in seconds (parts count as fractions) */
    double seconds;  /* their summed time */
} eta_value;

/* Seconds left: the estimated seconds of every job (the measured ones as measured, the
 * jobs not done as estimated, those in flight included) over `threads` workers kept
 * busy since the start, less elapsed_s; at least 0. -1 when nothing is measured yet. */
double eta_estimate(const eta_value *v, size_t n, double elapsed_s, size_t threads);

#endif
