/* model_matrix.c — the matrix generator's descriptor: Y = ReLU(A C + b 1^T) with the
 * likelihood fit of Mazumdar, Rawat 2019, "Learning and Recovery in the ReLU Model"
 * (SPEC 5.2). */
#include "job_matrix.h"
#include "met_matrix.h"
#include "model.h"

rs_status param_check_matrix(const rs_params *p, rs_error *err);

static void *matrix_detail_alloc(void)
{
    return job_matrix_detail_alloc();
}
static void matrix_detail_free(void *det)
{
    job_matrix_detail_free(det);
}

/* What each metric's values can be (model_metric_range): clips bands, picks the y axis. */
static const model_metric_range matrix_metric_ranges[MET_MATRIX_COUNT] = {
    [MET_MATRIX_REL_ERR_M] = MODEL_METRIC_ERROR,
    [MET_MATRIX_SUBSPACE_ERR] = MODEL_METRIC_ERROR,
    [MET_MATRIX_ERR_B] = MODEL_METRIC_ERROR,
    /* -L_Y/d: either sign */
    [MET_MATRIX_OBJECTIVE] = {.lo = NAN, .hi = NAN},
    [MET_MATRIX_VIOLATION] = MODEL_METRIC_ERROR,
    [MET_MATRIX_ITERS] = MODEL_METRIC_ERROR,
    [MET_MATRIX_SECONDS] = MODEL_METRIC_ERROR,
    [MET_MATRIX_REL_ERR_MB] = MODEL_METRIC_ERROR,
    [MET_MATRIX_REL_ERR_GAUGE] = MODEL_METRIC_ERROR,
};

static const char *const matrix_flag_names[] = {"not_converged", "empty_rows", "eig_failed"};

/* Only the MLE iterates (the SVD is closed-form). */
static void matrix_learning_rows(const void *detail, unsigned methods, const sweep_cell *cell,
                                 model_learning_emit emit, void *ctx)
{
    const matrix_detail *det = detail;
    if (!(methods & (1u << METHOD_MLE)))
        return;
    for (size_t j = 0; j < det->learn_len; j++) {
        const model_learning_row row = {
            .method = METHOD_MLE,
            .iteration = j,
            .value = {det->learn_objective[j], det->learn_nll[j], det->learn_violation[j],
                      det->learn_rel_err[j]},
            .flags = cell->flags[METHOD_MLE],
        };
        emit(&row, ctx);
    }
}

static const char *const matrix_learning_cols[] = {"objective", "nll", "violation", "rel_err_m"};

static const model_learning matrix_learning = {
    .cols = matrix_learning_cols,
    .n_cols = MODEL_COUNT_OF(matrix_learning_cols),
    .rows = matrix_learning_rows,
};

const model_ops model_matrix = {
    .name = "matrix",
    .summary = "ReLU matrix model Y = ReLU(AC + b1ᵀ) with a random bias (Mazumdar, Rawat 2019)",
    .method_key = "estimator",
    .methods = (1u << METHOD_MLE) | (1u << METHOD_SVD),
    .views = (1u << VIEW_CURVES) | (1u << VIEW_ANGLES) | (1u << VIEW_LANDSCAPE) |
             (1u << VIEW_LEARNING) | (1u << VIEW_DATA),
    .learning = &matrix_learning,
    .defaults = (const model_default[]){{"d", "50"},
                                        {"n", "2000"},
                                        {"iters", "50"},
                                        {"k", "5"},
                                        {"compare", "mle,svd"},
                                        {NULL, NULL}},
    .n_metrics = MET_MATRIX_COUNT,
    .metric_names = met_matrix_names,
    .metric_ranges = matrix_metric_ranges,
    .n_flags = MODEL_COUNT_OF(matrix_flag_names),
    .flag_names = matrix_flag_names,
    .job = job_matrix_run,
    .job_bytes = job_matrix_bytes,
    .check = param_check_matrix,
    .detail_alloc = matrix_detail_alloc,
    .detail_free = matrix_detail_free,
};
