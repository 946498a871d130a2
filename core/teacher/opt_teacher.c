/* opt_teacher.c — full-batch GD and minibatch SGD on the teacher losses (Gao, Makkuva, Oh,
 * Viswanath 2019). */
#include "opt_teacher.h"

#include <math.h>

#include <gsl/gsl_cblas.h>
#include <gsl/gsl_randist.h>

#include "param.h"

void opt_teacher_init(double *A, size_t k, size_t d, gsl_rng *r)
{
    const double sd = 1.0 / sqrt((double)d);
    for (size_t i = 0; i < k * d; i++)
        A[i] = gsl_ran_gaussian_ziggurat(r, sd);
}

rs_status opt_teacher_step(opt_teacher_state *st, double *A, rs_error *err)
{
    size_t s0 = 0, b = st->n;
    if (st->opt.optimizer == OPT_SGD && st->opt.batch < st->n) {
        b = st->opt.batch;
        s0 = st->rng ? (size_t)gsl_rng_uniform_int(st->rng, st->n - b + 1) : 0;
    }
    if (st->rows) {
        const rs_status rs = st->rows(st->rows_ctx, s0, b, err);
        if (rs != RS_OK)
            return rs;
    }
    double loss;
    rs_status rs =
        loss_teacher_eval(st->ws, A, s0, b, st->opt.mu, st->opt.lambda, &loss, st->grad, err);
    if (rs != RS_OK)
        return rs;
    st->loss = loss;
    cblas_daxpy((int)(st->k * st->d), -st->opt.lr, st->grad, 1, A, 1);
    st->iter++;
    if (!isfinite(loss) || !isfinite(cblas_dnrm2((int)(st->k * st->d), A, 1)))
        return rs_error_set(err, RS_ENUMERIC,
                            "opt_teacher_step: not finite at iteration %zu (loss %g)", st->iter,
                            loss);
    return RS_OK;
}
