/* model.c — the generator registry. */
#include "model.h"

#include "job_quadratic.h"
#include "job_relu.h"
#include "job_teacher.h"
#include "met_quadratic.h"
#include "job_matrix.h"
#include "met_matrix.h"
#include "met_relu.h"
#include "met_teacher.h"

/* Entries of a static array, so a flag name list and its count cannot drift apart. */
#define RS_COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

rs_status param_check_relu(const rs_params *p, rs_error *err);
rs_status param_check_teacher(const rs_params *p, rs_error *err);
rs_status param_check_quadratic(const rs_params *p, rs_error *err);
rs_status param_check_matrix(const rs_params *p, rs_error *err);

static void *relu_detail_alloc(void) { return job_relu_detail_alloc(); }
static void relu_detail_free(void *d) { job_relu_detail_free(d); }

static const char *const relu_flag_names[] = {"sigma_not_pd", "truth_singular", "fit_failed",
                                              "not_converged"};

static const model_ops relu_ops = {
    GEN_RELU, MET_RELU_COUNT, met_relu_names, RS_COUNT_OF(relu_flag_names), relu_flag_names,
    (1u << METHOD_SGD) | (1u << METHOD_MLE) | (1u << METHOD_MEDIAN),
    job_relu_run, job_relu_bytes, param_check_relu, relu_detail_alloc, relu_detail_free};

static void *teacher_detail_alloc(void) { return job_teacher_detail_alloc(); }
static void teacher_detail_free(void *d) { job_teacher_detail_free(d); }

static const char *const teacher_flag_names[] = {"diverged", "w_singular", "llsfe_failed", "kappa_zero",
                                                     "kappa_mixed"};

static const model_ops teacher_ops = {
    GEN_TEACHER, MET_TEACHER_COUNT, met_teacher_names, RS_COUNT_OF(teacher_flag_names), teacher_flag_names,
    (1u << METHOD_L2) | (1u << METHOD_GE) | (1u << METHOD_SCORE) | (1u << METHOD_LLSFE),
    job_teacher_run, job_teacher_bytes, param_check_teacher, teacher_detail_alloc,
    teacher_detail_free};
static void *quadratic_detail_alloc(void) { return job_quadratic_detail_alloc(); }
static void quadratic_detail_free(void *d) { job_quadratic_detail_free(d); }

/* One estimator, the method of moments; rs_method has no name for it, so the job writes its
 * metrics into the slot(s) param_methods() names (the default estimator's). */
static const char *const quadratic_flag_names[] = {"not_diagonal", "rank", "complex", "singular",
                                                   "angle_nan"};

static const model_ops quadratic_ops = {
    GEN_QUADRATIC, MET_QUAD_COUNT, met_quadratic_names, RS_COUNT_OF(quadratic_flag_names), quadratic_flag_names,
    (1u << METHOD_SGD) | (1u << METHOD_MLE) | (1u << METHOD_MEDIAN),
    job_quadratic_run, job_quadratic_bytes, param_check_quadratic, quadratic_detail_alloc,
    quadratic_detail_free};
static void *matrix_detail_alloc(void) { return job_matrix_detail_alloc(); }
static void matrix_detail_free(void *d) { job_matrix_detail_free(d); }

static const char *const matrix_flag_names[] = {"not_converged", "empty_rows", "eig_failed"};

static const model_ops matrix_ops = {
    GEN_MATRIX, MET_MATRIX_COUNT, met_matrix_names, RS_COUNT_OF(matrix_flag_names), matrix_flag_names,
    (1u << METHOD_MLE) | (1u << METHOD_SVD),
    job_matrix_run, job_matrix_bytes, param_check_matrix, matrix_detail_alloc, matrix_detail_free};

rs_status model_job_params(const model_ctx *ctx, double value, rs_params *p, rs_error *err)
{
    *p = *ctx->base;
    return p->sweep >= 0 ? param_set_number(p, p->sweep, value, err) : RS_OK;
}

void *model_ctx_detail(const model_ctx *ctx, size_t v, size_t run)
{
    if (ctx->detail && ctx->detail_value == MODEL_DETAIL_PER_JOB) {
        const model_job_details *jd = ctx->detail;
        return jd->details[v * jd->runs + run];
    }
    return ctx->detail && v == ctx->detail_value && run == 0 ? ctx->detail : NULL;
}

int model_ctx_learning_only(const model_ctx *ctx)
{
    return ctx->detail && ctx->detail_value == MODEL_DETAIL_PER_JOB &&
           ((const model_job_details *)ctx->detail)->learning_only;
}

const model_ops *model_get(int generator)
{
    switch (generator) {
    case GEN_RELU: return &relu_ops;
    case GEN_TEACHER: return &teacher_ops;
    case GEN_QUADRATIC: return &quadratic_ops;
    case GEN_MATRIX: return &matrix_ops;
    default: return NULL;
    }
}
