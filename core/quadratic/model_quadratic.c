/* model_quadratic.c — the quadratic generator's descriptor: x_a = gᵀ Q_a g, its second
 * and third moments and Jennrich's algorithm (the polynomial-pushforward slides, SPEC
 * 5.4). */
#include "job_quadratic.h"
#include "met_quadratic.h"
#include "model.h"

rs_status param_check_quadratic(const rs_params *p, rs_error *err);

static void *quadratic_detail_alloc(void)
{
    return job_quadratic_detail_alloc();
}
static void quadratic_detail_free(void *det)
{
    job_quadratic_detail_free(det);
}

/* What each metric's values can be (model_metric_range): clips bands, picks the y axis. */
static const model_metric_range quadratic_metric_ranges[MET_QUAD_COUNT] = {
    [MET_QUAD_ERR_GRAM] = MODEL_METRIC_ERROR,         [MET_QUAD_ERR_THIRD] = MODEL_METRIC_ERROR,
    [MET_QUAD_ANGLE_ERR_MAX] = {.lo = 0, .hi = M_PI}, [MET_QUAD_ERR_Q] = MODEL_METRIC_ERROR,
    [MET_QUAD_JENNRICH_GAP] = {.lo = NAN, .hi = NAN}, [MET_QUAD_SECONDS] = MODEL_METRIC_ERROR,
};

static const char *const quadratic_flag_names[] = {"not_diagonal", "rank", "complex", "singular",
                                                   "angle_nan"};

const model_ops model_quadratic = {
    .name = "quadratic",
    .summary = "degree-2 polynomial pushforward x_a = gᵀQ_a g: moments, angles and Jennrich",
    /* One estimator, the method of moments (SPEC 10: method `moments`). */
    .method_key = "estimator",
    .methods = 1u << METHOD_MOMENTS,
    /* moments, no optimiser: no learning view */
    .views = (1u << VIEW_CURVES) | (1u << VIEW_ANGLES) | (1u << VIEW_LANDSCAPE) | (1u << VIEW_DATA),
    .defaults = (const model_default[]){{"estimator", "moments"},
                                        {"r", "10"},
                                        {"d", "6"},
                                        {"view", "angles"},
                                        {"n", "50000"},
                                        {NULL, NULL}},
    .n_metrics = MET_QUAD_COUNT,
    .metric_names = met_quadratic_names,
    .metric_ranges = quadratic_metric_ranges,
    .n_flags = MODEL_COUNT_OF(quadratic_flag_names),
    .flag_names = quadratic_flag_names,
    .job = job_quadratic_run,
    .job_bytes = job_quadratic_bytes,
    .check = param_check_quadratic,
    .detail_alloc = quadratic_detail_alloc,
    .detail_free = quadratic_detail_free,
};
