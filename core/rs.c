/* rs.c — status codes and the one-line error. */
#include "rs.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

rs_status rs_error_set(rs_error *err, rs_status status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return status;
}

size_t rs_mul_size(size_t n, size_t m, size_t size)
{
    if (n == 0 || m == 0 || size == 0)
        return 0;
    if (n > SIZE_MAX / m)
        return 0;
    const size_t nm = n * m;
    if (nm > SIZE_MAX / size)
        return 0;
    return nm * size;
}

double rs_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}
