/* met_quadratic.c — moment and recovery errors of the quadratic generator (the
 * polynomial-pushforward slides). */
#include "met_quadratic.h"

#include <math.h>

#include "jennrich.h"

const char *const met_quadratic_names[MET_QUAD_COUNT] = {
    "err_gram", "err_third", "angle_err_max", "err_q", "jennrich_gap", "seconds"};

const char *const met_quadratic_err_q_note =
    "err_q: diagonal Q_a only (Jennrich's algorithm); recovering general Q_a needs the "
    "sum-of-squares machinery of the slides, which reluscope does not run.";

double met_quadratic_rel_err(const double *A_hat, const double *A, size_t len)
{
    double e = 0.0, a = 0.0;
    for (size_t i = 0; i < len; i++) {
        e += (A_hat[i] - A[i]) * (A_hat[i] - A[i]);
        a += A[i] * A[i];
    }
    return a > 0.0 ? sqrt(e / a) : NAN;
}

double met_quadratic_angle_err(const double *C_hat, const double *C, size_t d)
{
    double m = 0.0;
    for (size_t a = 0; a < d; a++)
        for (size_t b = 0; b < d; b++) {
            if (a == b)
                continue;
            const double e = fabs(acos(C_hat[a * d + b]) - acos(C[a * d + b]));
            if (isnan(e))
                return NAN;
            m = fmax(m, e);
        }
    return m;
}

unsigned met_quadratic_jennrich_flags(unsigned jf)
{
    return ((jf & JENNRICH_FLAG_RANK) ? MET_QUAD_FLAG_RANK : 0u) |
           ((jf & JENNRICH_FLAG_COMPLEX) ? MET_QUAD_FLAG_COMPLEX : 0u) |
           ((jf & JENNRICH_FLAG_SINGULAR) ? MET_QUAD_FLAG_SINGULAR : 0u);
}
