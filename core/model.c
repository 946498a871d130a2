/* model.c — the generator registry. */
#include "model.h"

#include "job_matrix.h"
#include "job_relu.h"
#include "met_matrix.h"
#include "met_relu.h"

rs_status param_check_relu(const rs_params *p, rs_error *err);
rs_status param_check_matrix(const rs_params *p, rs_error *err);

static void *relu_detail_alloc(void) { return job_relu_detail_alloc(); }
static void relu_detail_free(void *d) { job_relu_detail_free(d); }

static const model_ops relu_ops = {
    GEN_RELU, MET_RELU_COUNT, met_relu_names,
    (1u << METHOD_SGD) | (1u << METHOD_MLE) | (1u << METHOD_MEDIAN),
    job_relu_run, job_relu_bytes, param_check_relu, relu_detail_alloc, relu_detail_free};

static void *matrix_detail_alloc(void) { return job_matrix_detail_alloc(); }
static void matrix_detail_free(void *d) { job_matrix_detail_free(d); }

static const model_ops matrix_ops = {
    GEN_MATRIX, MET_MATRIX_COUNT, met_matrix_names,
    (1u << METHOD_MLE) | (1u << METHOD_SVD),
    job_matrix_run, job_matrix_bytes, param_check_matrix, matrix_detail_alloc, matrix_detail_free};

const model_ops *model_get(int generator)
{
    switch (generator) {
    case GEN_RELU: return &relu_ops;
    case GEN_MATRIX: return &matrix_ops;
    default: return NULL;
    }
}
