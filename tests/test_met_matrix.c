/* test_met_matrix.c — the matrix-model metrics on estimates with known answers. */
#include <criterion/criterion.h>

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>

#include "met_matrix.h"
#include "param.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}

TestSuite(met_matrix, .init = setup);

/* d = 4, k = 2, n = 3: A spans e0, e1; C has full row rank. */
static const double A[8] = {1.5, 0, 0, 2.385, 0, 0, 0, 0};
static const double C[6] = {1, -1, 0.5, 0.2, 0.7, -1.3};
static const double b[4] = {0.1, -0.2, 0.3, -0.4};

static double metric(const double *U, const double *V, const double *bh, int id, double *cos,
                     double *ang)
{
    double Uk[8], out[MET_MATRIX_COUNT], Y[12],
        *work = malloc(met_matrix_work(4, 2) * sizeof *work);
    int iwork[8];
    cr_assert_eq(met_matrix_true_basis(A, 4, 2, work, iwork, Uk, NULL), RS_OK);
    for (size_t i = 0; i < 4; i++) /* Y = ReLU(A C + b 1^T) */
        for (size_t j = 0; j < 3; j++)
            Y[i * 3 + j] = fmax(0.0, A[i * 2] * C[j] + A[i * 2 + 1] * C[3 + j] + b[i]);
    const met_matrix_truth t = {A, C, b, Uk};
    est_matrix_result est = {(double *)U, (double *)V, (double *)bh, 7, 0};
    const gen_matrix_bias bias = {BIASDIST_GAUSSIAN, 0.0, 1.0};
    met_matrix_eval(Y, 4, 3, 2, &t, &est, &bias, work, iwork, out, cos, ang);
    free(work);
    cr_assert_eq(out[MET_MATRIX_ITERS], 7.0);
    return out[id];
}

Test(met_matrix, the_truth_scores_zero)
{
    double V[6], cos[4], ang[2];
    for (size_t j = 0; j < 3; j++) /* V = C^T, so U V^T = A C */
        V[j * 2] = C[j], V[j * 2 + 1] = C[3 + j];
    cr_assert_lt(metric(A, V, b, MET_MATRIX_REL_ERR_M, cos, ang), 1e-15);
    cr_assert_lt(metric(A, V, b, MET_MATRIX_SUBSPACE_ERR, cos, ang), 1e-15);
    cr_assert_lt(ang[0] + ang[1], 1e-7);
    cr_assert_eq(metric(A, V, b, MET_MATRIX_ERR_B, cos, ang), 0.0);
    cr_assert_lt(metric(A, V, b, MET_MATRIX_VIOLATION, cos, ang), 1e-15);
}

Test(met_matrix, orthogonal_subspace_and_known_errors)
{
    /* U spans e2, e3: every principal angle is pi/2, ||sin Theta||_F = sqrt(k). */
    const double U[8] = {0, 0, 0, 0, 1, 0, 0, 1};
    const double V[6] = {1, 0, 0, 1, 1, 1};
    const double bh[4] = {0.1 + 2.0, -0.2, 0.3, -0.4}; /* err_b = 2 / sqrt(4) = 1 */
    double cos[4], ang[2];
    cr_assert_lt(fabs(metric(U, V, bh, MET_MATRIX_SUBSPACE_ERR, cos, ang) - sqrt(2.0)), 1e-14);
    cr_assert_lt(fabs(ang[0] - M_PI / 2) + fabs(ang[1] - M_PI / 2), 1e-7);
    cr_assert_lt(cos[0] + cos[1] + cos[2] + cos[3], 1e-15);
    cr_assert_float_eq(metric(U, V, bh, MET_MATRIX_ERR_B, cos, ang), 1.0, 1e-15);
    /* M_hat = 0 gives rel_err_m = 1 exactly. */
    const double Z[8] = {0};
    cr_assert_float_eq(metric(Z, V, b, MET_MATRIX_REL_ERR_M, NULL, NULL), 1.0, 1e-15);
}
