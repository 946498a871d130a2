/* param_check_quadratic.c — the checks of one parameter point of the quadratic generator
 * (the polynomial-pushforward slides, SPEC 5.4), as param_check_relu does for relu: one line naming
 * the key, the value and what is allowed. */
#include "param.h"

#include <math.h>

#include "gen_quadratic.h"
#include "job_quadratic.h"

rs_status param_check_quadratic(const rs_params *p, rs_error *err);

rs_status param_check_quadratic(const rs_params *p, rs_error *err)
{
    if (!(p->r >= 1.0) || p->r != floor(p->r))
        return rs_error_set(
            err, RS_EINVAL,
            "r=%g: allowed an integer from 1 to 1000 for quadratic (input dimension)", p->r);
    if (p->d < 2)
        return rs_error_set(err, RS_EINVAL,
                            "d=%zu: allowed 2..2000 for quadratic (angles need two Q_a)", p->d);
    if (p->n < 3)
        return rs_error_set(err, RS_EINVAL,
                            "n=%zu: allowed 3 or more for quadratic (third cumulant k-statistic)",
                            p->n);
    if (p->family == GEN_QUADRATIC_DIAGONAL && (size_t)p->r > p->d)
        return rs_error_set(err, RS_EINVAL,
                            "r=%g: allowed 1..d = %zu with family=diagonal (Jennrich needs r <= d)",
                            p->r, p->d);
    const size_t bytes = job_quadratic_bytes(p);
    if (bytes == 0 || bytes > JOB_QUADRATIC_MAX_BYTES)
        return rs_error_set(
            err, RS_EINVAL,
            "d=%zu, r=%g: a job needs %.3g GiB (d^3 third moments, d r^2 for the Q_a); "
            "allowed at most %.3g GiB",
            p->d, p->r, bytes ? (double)bytes / (1u << 30) : INFINITY,
            (double)JOB_QUADRATIC_MAX_BYTES / (1u << 30));
    return RS_OK;
}
