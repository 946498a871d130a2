/* model_teacher.c — the teacher generator's descriptor: y = sum_i ReLU(<a*_i, x>) + noise
 * learned through the losses of Gao, Makkuva, Oh, Viswanath 2019, "Learning
 * One-hidden-layer Neural Networks under General Input Distributions" (SPEC 5.3). */
#include "job_teacher.h"
#include "met_teacher.h"
#include "model.h"

rs_status param_check_teacher(const rs_params *p, rs_error *err);

static void *teacher_detail_alloc(void)
{
    return job_teacher_detail_alloc();
}
static void teacher_detail_free(void *det)
{
    job_teacher_detail_free(det);
}

/* What each metric's values can be (model_metric_range): clips bands, picks the y axis. */
static const model_metric_range teacher_metric_ranges[MET_TEACHER_COUNT] = {
    [MET_TEACHER_E_A] = MODEL_METRIC_ERROR,
    /* the score losses go negative */
    [MET_TEACHER_LOSS] = {.lo = NAN, .hi = NAN},
    [MET_TEACHER_TEST_ERR] = MODEL_METRIC_ERROR,
    [MET_TEACHER_SECONDS] = MODEL_METRIC_ERROR,
    [MET_TEACHER_S2_ERR] = MODEL_METRIC_ERROR,
    [MET_TEACHER_S4_ERR] = MODEL_METRIC_ERROR,
    /* a fraction */
    [MET_TEACHER_E_PERM] = {.lo = 0, .hi = 1},
};

static const char *const teacher_flag_names[] = {"diverged",    "w_singular",  "llsfe_failed",
                                                 "kappa_zero",  "kappa_mixed", "mu_outside_2b",
                                                 "kappa_oracle"};

static void teacher_learning_rows(const void *detail, unsigned methods, const sweep_cell *cell,
                                  model_learning_emit emit, void *ctx)
{
    const teacher_detail *det = detail;
    for (int m = 0; m < METHOD_COUNT; m++) {
        if (!(methods & det->methods & (1u << m)))
            continue;
        for (size_t j = 0; j < det->curve_len[m]; j++) {
            const model_learning_row row = {
                .method = m,
                .iteration = det->curve_iter[m][j],
                .value = {det->curve_e[m][j], det->curve_loss[m][j], det->curve_e_perm[m][j]},
                .flags = cell->flags[m],
            };
            emit(&row, ctx);
        }
    }
}

static const char *const teacher_learning_cols[] = {"e_a", "loss_value", "e_perm"};

static const model_learning teacher_learning = {
    .cols = teacher_learning_cols,
    .n_cols = MODEL_COUNT_OF(teacher_learning_cols),
    .rows = teacher_learning_rows,
};

const model_ops model_teacher = {
    .name = "teacher",
    .summary = "teacher network y = Σ ReLU(⟨a*ᵢ, x⟩) and its score losses (Gao, Makkuva, Oh, "
               "Viswanath 2019)",
    .method_key = "loss",
    .methods = (1u << METHOD_L2) | (1u << METHOD_GE) | (1u << METHOD_SCORE) | (1u << METHOD_LLSFE),
    .views = (1u << VIEW_CURVES) | (1u << VIEW_ANGLES) | (1u << VIEW_LANDSCAPE) |
             (1u << VIEW_LEARNING) | (1u << VIEW_DATA),
    .learning = &teacher_learning,
    .defaults = (const model_default[]){{"n", "8192"},
                                        {"d", "10"},
                                        {"input", "laplace"},
                                        {"mu", "30"},
                                        {"lambda", "50"},
                                        {"lr", "1e-4"},
                                        {"lr_l2", "5e-3"},
                                        {"iters", "600"},
                                        {"runs", "3"},
                                        {"view", "learning"},
                                        {"compare", "l2,ge,score"},
                                        {NULL, NULL}},
    .n_metrics = MET_TEACHER_COUNT,
    .metric_names = met_teacher_names,
    .metric_ranges = teacher_metric_ranges,
    .n_flags = MODEL_COUNT_OF(teacher_flag_names),
    .flag_names = teacher_flag_names,
    .job = job_teacher_run,
    .parts = job_teacher_parts,
    .job_part = job_teacher_part,
    .job_bytes = job_teacher_bytes,
    .check = param_check_teacher,
    .detail_alloc = teacher_detail_alloc,
    .detail_free = teacher_detail_free,
    .detail_lacks = job_teacher_detail_lacks,
    .detail_fill = job_teacher_detail_fill,
};
