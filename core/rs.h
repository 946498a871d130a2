/* rs.h — project-wide basics of libreluscope: status codes and the error line.
 *
 * Every fallible core function returns an rs_status (RS_OK is 0) and takes an
 * rs_error *err last (may be NULL). On failure err->msg holds one line naming the
 * function and the bad value; the caller adds context (key, preset file, line).
 * There is no global error buffer, so worker and UI messages never interleave. */
#ifndef RS_H
#define RS_H

#include <stddef.h>

typedef enum {
    RS_OK = 0,
    RS_EINVAL,     /* an argument is out of its allowed range */
    RS_ENOMEM,     /* allocation failed or the size was refused before allocating */
    RS_ECANCELLED, /* the caller's cancel flag was raised */
    RS_EMAXITER,   /* an iteration limit was reached: a status to inspect, not a failure */
    RS_ENUMERIC,   /* a numerical failure (not positive definite, non-finite value) */
    RS_EIO         /* a file could not be read or written (app layer only) */
} rs_status;

enum { RS_ERROR_LEN = 512 };

typedef struct {
    char msg[RS_ERROR_LEN];
} rs_error;

/* Format one line into err (if non-NULL) and return status; lets callers write
 * `return rs_error_set(err, RS_EINVAL, "fn: n = %zu, must be >= 1", n);`. */
rs_status rs_error_set(rs_error *err, rs_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Seconds on the monotonic clock, for the `seconds` metrics (differences only). */
double rs_now_s(void);

/* n * m * size with overflow check: returns 0 on overflow (never a valid size here). */
size_t rs_mul_size(size_t n, size_t m, size_t size);

#endif
