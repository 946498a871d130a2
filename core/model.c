/* model.c — the generator registry. */
#include "model.h"

#include "job_quadratic.h"
#include "job_relu.h"
#include "met_quadratic.h"
#include "met_relu.h"

rs_status param_check_relu(const rs_params *p, rs_error *err);
rs_status param_check_quadratic(const rs_params *p, rs_error *err);

static void *relu_detail_alloc(void) { return job_relu_detail_alloc(); }
static void relu_detail_free(void *d) { job_relu_detail_free(d); }

static const model_ops relu_ops = {
    GEN_RELU, MET_RELU_COUNT, met_relu_names,
    (1u << METHOD_SGD) | (1u << METHOD_MLE) | (1u << METHOD_MEDIAN),
    job_relu_run, job_relu_bytes, param_check_relu, relu_detail_alloc, relu_detail_free};

static void *quadratic_detail_alloc(void) { return job_quadratic_detail_alloc(); }
static void quadratic_detail_free(void *d) { job_quadratic_detail_free(d); }

/* One estimator, the method of moments; rs_method has no name for it, so the job writes its
 * metrics into the slot(s) param_methods() names (the default estimator's). */
static const model_ops quadratic_ops = {
    GEN_QUADRATIC, MET_QUAD_COUNT, met_quadratic_names,
    (1u << METHOD_SGD) | (1u << METHOD_MLE) | (1u << METHOD_MEDIAN),
    job_quadratic_run, job_quadratic_bytes, param_check_quadratic, quadratic_detail_alloc,
    quadratic_detail_free};

const model_ops *model_get(int generator)
{
    switch (generator) {
    case GEN_RELU: return &relu_ops;
    case GEN_QUADRATIC: return &quadratic_ops;
    default: return NULL;
    }
}
