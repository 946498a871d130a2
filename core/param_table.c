/* param_table.c — the one table of user-facing parameters (STYLE 5), and the
 * per-generator defaults that differ from the table's. */
#include "param_internal.h"

#include <stddef.h>

#define OFF(f) offsetof(rs_params, f)
#define G(x) (1u << (x))
#define ALL (G(GEN_RELU) | G(GEN_MATRIX) | G(GEN_TEACHER) | G(GEN_QUADRATIC))

static const char *const gen_names[] = {"relu", "matrix", "teacher", "quadratic", NULL};
static const char *const view_names[] = {"curves", "angles", "landscape", "learning", "data", NULL};
/* In rs_method order. */
static const char *const method_names[] = {"sgd",       "mle",      "median",  "svd",
                                           "l2",        "ge",       "score",   "llsfe",
                                           "truncated", "censored", "moments", NULL};
static const char *const estimator_names[] = {"sgd",       "mle",      "median",  "svd",
                                              "truncated", "censored", "moments", NULL};
static const char *const clip_names[] = {"auto", "on", "off", NULL};
static const char *const loss_names[] = {"l2", "ge", "score", "llsfe", NULL};
static const char *const bias_names[] = {"nonneg", "signed", "zero", "const", NULL};
static const char *const scale_names[] = {"lin", "log", NULL};
static const char *const latent_names[] = {"gaussian", "uniform", "sparse", NULL};
static const char *const bias_dist_names[] = {"gaussian", "logistic", NULL};
static const char *const input_names[] = {"gaussian", "laplace", "mixture", NULL};
static const char *const truth_names[] = {"identity", "orthogonal", "conditioned", NULL};
static const char *const optimizer_names[] = {"gd", "sgd", NULL};
static const char *const family_names[] = {"smoothed", "random", "diagonal", NULL};
static const char *const penalty_names[] = {"eq19", "eq21", NULL};
static const char *const orient_names[] = {"ours", "printed", NULL};

/* The estimator and loss keys store rs_method values (param.c maps their names). */
const char *const *const param_method_names = method_names;

/* One compact row per key, as tmux's options-table.c: clang-format would put every field
 * on a line of its own and make the table unreviewable. */
/* clang-format off */
const param_def param_table[] = {
    {.key = "generator", .type = PT_ENUM, .offset = OFF(generator), .def = "relu", .unit = "",
     .meaning = "which generative model", .names = gen_names, .generators = ALL, .step = 1,
     .flags = PARAM_NO_SWEEP},
    {.key = "view", .type = PT_ENUM, .offset = OFF(view), .def = "curves", .unit = "",
     .meaning = "which plot the screen shows", .names = view_names, .generators = ALL, .step = 1,
     .flags = PARAM_NO_SWEEP | PARAM_NO_CELLS},
    {.key = "n", .type = PT_SIZE, .offset = OFF(n), .min = 1, .max = 1e9, .def = "100000",
     .unit = "samples", .meaning = "number of samples per run", .generators = ALL,
     .multiplicative = 1, .step = 2},
    {.key = "d", .type = PT_SIZE, .offset = OFF(d), .min = 1, .max = 2000, .def = "5", .unit = "",
     .meaning = "output dimension", .generators = ALL, .step = 1},
    {.key = "k", .type = PT_SIZE, .offset = OFF(k), .min = 0, .max = 2000, .def = "0", .unit = "",
     .meaning = "latent dimension (0 = same as d)",
     .generators = G(GEN_RELU) | G(GEN_MATRIX) | G(GEN_TEACHER), .step = 1},
    {.key = "kappa", .type = PT_REAL, .offset = OFF(kappa), .min = 1, .max = 1e8, .def = "1",
     .unit = "", .meaning = "condition number of the true weights",
     .generators = G(GEN_RELU) | G(GEN_MATRIX) | G(GEN_TEACHER), .multiplicative = 1, .step = 2},
    {.key = "seed", .type = PT_SIZE, .offset = OFF(seed), .min = 0, .max = 1e15, .def = "1",
     .unit = "", .meaning = "random seed of truth and data", .generators = ALL, .step = 1,
     .flags = PARAM_NO_SWEEP},
    {.key = "runs", .type = PT_SIZE, .offset = OFF(runs), .min = 1, .max = 1000, .def = "10",
     .unit = "", .meaning = "independent runs per sweep value", .generators = ALL, .step = 1,
     .flags = PARAM_NO_SWEEP},
    {.key = "threads", .type = PT_SIZE, .offset = OFF(threads), .min = 0, .max = 256, .def = "0",
     .unit = "", .meaning = "worker threads (0 = all cores)", .generators = ALL, .step = 1,
     .flags = PARAM_NO_SWEEP | PARAM_NO_CELLS},
    {.key = "sweep", .type = PT_KEY, .offset = OFF(sweep), .def = "none", .unit = "",
     .meaning = "numeric key swept on the x axis", .generators = ALL, .step = 1,
     .flags = PARAM_NO_SWEEP},
    {.key = "sweep_values", .type = PT_LIST, .offset = OFF(sweep_values), .min = -1e15, .max = 1e15,
     .def = "", .unit = "", .meaning = "explicit sweep values (comma list)", .generators = ALL,
     .step = 1, .flags = PARAM_NO_SWEEP},
    {.key = "sweep_from", .type = PT_REAL, .offset = OFF(sweep_from), .min = -1e15, .max = 1e15,
     .def = "10000", .unit = "", .meaning = "first sweep value", .generators = ALL,
     .multiplicative = 1, .step = 2, .flags = PARAM_NO_SWEEP},
    {.key = "sweep_to", .type = PT_REAL, .offset = OFF(sweep_to), .min = -1e15, .max = 1e15,
     .def = "1000000", .unit = "", .meaning = "last sweep value", .generators = ALL,
     .multiplicative = 1, .step = 2, .flags = PARAM_NO_SWEEP},
    {.key = "sweep_steps", .type = PT_SIZE, .offset = OFF(sweep_steps),
     .min = 1, .max = PARAM_MAX_LIST, .def = "7", .unit = "", .meaning = "number of sweep values",
     .generators = ALL, .step = 1, .flags = PARAM_NO_SWEEP},
    {.key = "sweep_scale", .type = PT_ENUM, .offset = OFF(sweep_scale), .def = "log", .unit = "",
     .meaning = "spacing of sweep values", .names = scale_names, .generators = ALL, .step = 1,
     .flags = PARAM_NO_SWEEP},
    {.key = "estimator", .type = PT_ENUM, .offset = OFF(estimator), .def = "mle", .unit = "",
     .meaning = "estimator of the parameters", .names = estimator_names,
     .generators = G(GEN_RELU) | G(GEN_MATRIX), .step = 1},
    {.key = "loss", .type = PT_ENUM, .offset = OFF(loss), .def = "score", .unit = "",
     .meaning = "training loss of the student", .names = loss_names, .generators = G(GEN_TEACHER),
     .step = 1},
    {.key = "compare", .type = PT_SET, .offset = OFF(compare), .def = "", .unit = "",
     .meaning = "methods overlaid in one view (comma list)", .names = method_names,
     .generators = G(GEN_RELU) | G(GEN_MATRIX) | G(GEN_TEACHER), .step = 1},
    {.key = "bias", .type = PT_ENUM, .offset = OFF(bias), .def = "nonneg", .unit = "",
     .meaning = "bias b: ReLU(N(0,s^2)), N(0,s^2), 0 or s", .names = bias_names,
     .generators = G(GEN_RELU), .step = 1},
    {.key = "bias_scale", .type = PT_REAL, .offset = OFF(bias_scale), .min = -100, .max = 100,
     .def = "1", .unit = "", .meaning = "scale s of the bias",
     .generators = G(GEN_RELU) | G(GEN_MATRIX), .step = 0.25},
    {.key = "r", .type = PT_REAL, .offset = OFF(r), .min = 1, .max = 1000, .def = "3", .unit = "",
     .meaning = "relu: ProjSGD domain D_r (eq. 8); quadratic: input dim",
     .generators = G(GEN_RELU) | G(GEN_QUADRATIC), .step = 1},
    {.key = "lambda", .type = PT_REAL, .offset = OFF(lambda), .min = 1e-6, .max = 1e6, .def = "0.1",
     .unit = "", .meaning = "relu: ProjSGD step 1/(lambda t); teacher: eq. 19",
     .generators = G(GEN_RELU) | G(GEN_TEACHER), .multiplicative = 1, .step = 2},
    {.key = "batches", .type = PT_SIZE, .offset = OFF(batches), .min = 1, .max = 1000, .def = "1",
     .unit = "", .meaning = "ProjSGD batches B (Alg. 2, line 2)", .generators = G(GEN_RELU),
     .step = 1},
    {.key = "sgd_batch", .type = PT_SIZE, .offset = OFF(sgd_batch), .min = 1, .max = 100000,
     .def = "10", .unit = "", .meaning = "draws per ProjSGD gradient (eq. 6)",
     .generators = G(GEN_RELU), .multiplicative = 1, .step = 2},
    {.key = "mem_mb", .type = PT_SIZE, .offset = OFF(mem_mb), .min = 0, .max = 1e6, .def = "256",
     .unit = "MB", .meaning = "relu: keep the samples below this, else stream them",
     .generators = G(GEN_RELU), .multiplicative = 1, .step = 2,
     .flags = PARAM_NO_SWEEP | PARAM_NO_CELLS},
    {.key = "coord", .type = PT_SIZE, .offset = OFF(coord), .min = 0, .max = 1999, .def = "0",
     .unit = "", .meaning = "coordinate shown by data/landscape views", .generators = ALL,
     .step = 1, .flags = PARAM_NO_SWEEP},
    {.key = "coord2", .type = PT_SIZE, .offset = OFF(coord2), .min = 0, .max = 1999, .def = "1",
     .unit = "", .meaning = "second coordinate of the scatter", .generators = ALL, .step = 1,
     .flags = PARAM_NO_SWEEP},
    {.key = "clip_bias", .type = PT_ENUM, .offset = OFF(clip_bias), .def = "auto", .unit = "",
     .meaning = "b_hat := max(0, b_hat) (Alg. 1 l. 4); auto: if b >= 0", .names = clip_names,
     .generators = G(GEN_RELU), .step = 1},
    {.key = "target_err", .type = PT_REAL, .offset = OFF(target_err), .min = 0, .max = 10,
     .def = "0", .unit = "", .meaning = "Claim 2: err_b target of samples needed (0 = off)",
     .generators = G(GEN_RELU), .multiplicative = 1, .step = 2},
    {.key = "latent", .type = PT_ENUM, .offset = OFF(latent), .def = "gaussian", .unit = "",
     .meaning = "distribution of the latent codes C", .names = latent_names,
     .generators = G(GEN_MATRIX), .step = 1},
    {.key = "sparsity", .type = PT_REAL, .offset = OFF(sparsity), .min = 0, .max = 0.99,
     .def = "0.5", .unit = "", .meaning = "fraction of zero codes (latent=sparse)",
     .generators = G(GEN_MATRIX), .step = 0.05},
    {.key = "bias_dist", .type = PT_ENUM, .offset = OFF(bias_dist), .def = "gaussian", .unit = "",
     .meaning = "density of the row biases b_i", .names = bias_dist_names,
     .generators = G(GEN_MATRIX), .step = 1},
    {.key = "bias_mean", .type = PT_REAL, .offset = OFF(bias_mean), .min = -100, .max = 100,
     .def = "0", .unit = "", .meaning = "mean of the row biases", .generators = G(GEN_MATRIX),
     .step = 0.25},
    {.key = "input", .type = PT_ENUM, .offset = OFF(input), .def = "gaussian", .unit = "",
     .meaning = "input distribution of x", .names = input_names, .generators = G(GEN_TEACHER),
     .step = 1},
    {.key = "truth", .type = PT_ENUM, .offset = OFF(truth), .def = "identity", .unit = "",
     .meaning = "true first layer A*", .names = truth_names, .generators = G(GEN_TEACHER),
     .step = 1},
    {.key = "optimizer", .type = PT_ENUM, .offset = OFF(optimizer), .def = "gd", .unit = "",
     .meaning = "full-batch GD or minibatch SGD", .names = optimizer_names,
     .generators = G(GEN_TEACHER), .step = 1},
    {.key = "mixture_shift", .type = PT_REAL, .offset = OFF(mixture_shift), .min = 0, .max = 100,
     .def = "1", .unit = "", .meaning = "mixture means +-m*1", .generators = G(GEN_TEACHER),
     .step = 0.25},
    {.key = "noise", .type = PT_REAL, .offset = OFF(noise), .min = 0, .max = 100, .def = "0",
     .unit = "", .meaning = "sd of the output noise", .generators = G(GEN_TEACHER), .step = 0.05},
    {.key = "mu", .type = PT_REAL, .offset = OFF(mu), .min = 0, .max = 1e6, .def = "30", .unit = "",
     .meaning = "mu of eq. 19", .generators = G(GEN_TEACHER), .multiplicative = 1, .step = 2},
    {.key = "lr", .type = PT_REAL, .offset = OFF(lr), .min = 1e-12, .max = 10, .def = "5e-5",
     .unit = "", .meaning = "learning rate", .generators = G(GEN_TEACHER), .multiplicative = 1,
     .step = 2},
    {.key = "lr_l2", .type = PT_REAL, .offset = OFF(lr_l2), .min = 0, .max = 10, .def = "0",
     .unit = "", .meaning = "learning rate of the l2 loss (0 = lr)", .generators = G(GEN_TEACHER),
     .multiplicative = 1, .step = 2},
    {.key = "bandwidth", .type = PT_REAL, .offset = OFF(bandwidth), .min = 0, .max = 100,
     .def = "0", .unit = "", .meaning = "LLSFE bandwidth (0 = n^(-1/(2p+2+d)))",
     .generators = G(GEN_TEACHER), .multiplicative = 1, .step = 2},
    {.key = "llsfe_degree", .type = PT_SIZE, .offset = OFF(llsfe_degree), .min = 2, .max = 4,
     .def = "2", .unit = "", .meaning = "LLSFE degree p of s2_err, s4_err: 2 or 4 (loss: 2)",
     .generators = G(GEN_TEACHER), .step = 2},
    {.key = "iters", .type = PT_SIZE, .offset = OFF(iters), .min = 1, .max = 10000000,
     .def = "1000", .unit = "", .meaning = "optimiser iterations",
     .generators = G(GEN_TEACHER) | G(GEN_MATRIX), .multiplicative = 1, .step = 2},
    {.key = "batch", .type = PT_SIZE, .offset = OFF(batch), .min = 1, .max = 10000000, .def = "256",
     .unit = "", .meaning = "minibatch size (optimizer=sgd)", .generators = G(GEN_TEACHER),
     .multiplicative = 1, .step = 2},
    {.key = "init_seed", .type = PT_SIZE, .offset = OFF(init_seed), .min = 0, .max = 1e15,
     .def = "7", .unit = "", .meaning = "seed of the optimiser's initial point",
     .generators = G(GEN_TEACHER), .step = 1, .flags = PARAM_NO_SWEEP},
    {.key = "penalty", .type = PT_ENUM, .offset = OFF(penalty), .def = "eq19", .unit = "",
     .meaning = "L's norm penalty: eq19 l(|a|-1)^2, eq21 l(|a|^2-1)^2", .names = penalty_names,
     .generators = G(GEN_TEACHER), .step = 1},
    {.key = "e_orient", .type = PT_ENUM, .offset = OFF(e_orient), .def = "ours", .unit = "",
     .meaning = "e(A) on A A*^-1 (ours) or A*^-1 A (printed eq. 22)", .names = orient_names,
     .generators = G(GEN_TEACHER), .step = 1},
    {.key = "family", .type = PT_ENUM, .offset = OFF(family), .def = "smoothed", .unit = "",
     .meaning = "family of the Q_a", .names = family_names, .generators = G(GEN_QUADRATIC),
     .step = 1},
    {.key = "smooth", .type = PT_REAL, .offset = OFF(smooth), .min = 0, .max = 100, .def = "0.1",
     .unit = "", .meaning = "size of the smoothing perturbation", .generators = G(GEN_QUADRATIC),
     .multiplicative = 1, .step = 2},
    {.key = "gauge", .type = PT_SIZE, .offset = OFF(gauge), .min = 0, .max = 1, .def = "0",
     .unit = "", .meaning = "apply Q_a -> U Q_a U^T (1 = on)", .generators = G(GEN_QUADRATIC),
     .step = 1},
};
/* clang-format on */

const size_t param_count = sizeof param_table / sizeof param_table[0];
