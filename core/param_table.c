/* param_table.c — the one table of user-facing parameters (STYLE 5), and the
 * per-generator defaults that differ from the table's. */
#include "param_internal.h"

#include <stddef.h>

#define OFF(f) offsetof(rs_params, f)
#define G(x) (1u << (x))
#define ALL (G(GEN_RELU) | G(GEN_MATRIX) | G(GEN_TEACHER) | G(GEN_QUADRATIC))

static const char *const gen_names[] = {"relu", "matrix", "teacher", "quadratic", NULL};
static const char *const view_names[] = {"curves", "angles", "landscape", "learning", "data", NULL};
static const char *const method_names[] = {"sgd", "mle", "median", "svd",
                                           "l2",  "ge",  "score",  "llsfe", NULL};
static const char *const estimator_names[] = {"sgd", "mle", "median", "svd", NULL};
static const char *const loss_names[] = {"l2", "ge", "score", "llsfe", NULL};
static const char *const bias_names[] = {"nonneg", "signed", "zero", "const", NULL};
static const char *const scale_names[] = {"lin", "log", NULL};
static const char *const latent_names[] = {"gaussian", "uniform", "sparse", NULL};
static const char *const bias_dist_names[] = {"gaussian", "logistic", NULL};
static const char *const input_names[] = {"gaussian", "laplace", "mixture", NULL};
static const char *const truth_names[] = {"identity", "orthogonal", "conditioned", NULL};
static const char *const optimizer_names[] = {"gd", "sgd", NULL};
static const char *const family_names[] = {"smoothed", "random", "diagonal", NULL};

/* Loss enum values are offset by METHOD_L2 in rs_method; param.c handles the shift. */
const char *const *const param_loss_names = loss_names;

const param_def param_table[] = {
    {"generator", PT_ENUM, OFF(generator), 0, 0, "relu", "", "which generative model", gen_names, ALL, 0, 1},
    {"view", PT_ENUM, OFF(view), 0, 0, "curves", "", "which plot the screen shows", view_names, ALL, 0, 1},
    {"n", PT_SIZE, OFF(n), 1, 1e9, "100000", "samples", "number of samples per run", NULL, ALL, 1, 2},
    {"d", PT_SIZE, OFF(d), 1, 2000, "5", "", "output dimension", NULL, ALL, 0, 1},
    {"k", PT_SIZE, OFF(k), 0, 2000, "0", "", "latent dimension (0 = same as d)", NULL,
     G(GEN_RELU) | G(GEN_MATRIX) | G(GEN_TEACHER), 0, 1},
    {"kappa", PT_REAL, OFF(kappa), 1, 1e8, "1", "", "condition number of the true weights", NULL,
     G(GEN_RELU) | G(GEN_MATRIX) | G(GEN_TEACHER), 1, 2},
    {"seed", PT_SIZE, OFF(seed), 0, 1e15, "1", "", "random seed of truth and data", NULL, ALL, 0, 1},
    {"runs", PT_SIZE, OFF(runs), 1, 1000, "10", "", "independent runs per sweep value", NULL, ALL, 0, 1},
    {"threads", PT_SIZE, OFF(threads), 0, 256, "0", "", "worker threads (0 = all cores)", NULL, ALL, 0, 1},
    {"sweep", PT_KEY, OFF(sweep), 0, 0, "none", "", "numeric key swept on the x axis", NULL, ALL, 0, 1},
    {"sweep_values", PT_LIST, OFF(sweep_values), -1e15, 1e15, "", "", "explicit sweep values (comma list)", NULL, ALL, 0, 1},
    {"sweep_from", PT_REAL, OFF(sweep_from), -1e15, 1e15, "10000", "", "first sweep value", NULL, ALL, 1, 2},
    {"sweep_to", PT_REAL, OFF(sweep_to), -1e15, 1e15, "1000000", "", "last sweep value", NULL, ALL, 1, 2},
    {"sweep_steps", PT_SIZE, OFF(sweep_steps), 1, PARAM_MAX_LIST, "7", "", "number of sweep values", NULL, ALL, 0, 1},
    {"sweep_scale", PT_ENUM, OFF(sweep_scale), 0, 0, "log", "", "spacing of sweep values", scale_names, ALL, 0, 1},
    {"estimator", PT_ENUM, OFF(estimator), 0, 0, "mle", "", "estimator of the parameters", estimator_names,
     G(GEN_RELU) | G(GEN_MATRIX), 0, 1},
    {"loss", PT_ENUM, OFF(loss), 0, 0, "score", "", "training loss of the student", loss_names, G(GEN_TEACHER), 0, 1},
    {"compare", PT_SET, OFF(compare), 0, 0, "", "", "methods overlaid in one view (comma list)", method_names,
     G(GEN_RELU) | G(GEN_MATRIX) | G(GEN_TEACHER), 0, 1},
    {"bias", PT_ENUM, OFF(bias), 0, 0, "nonneg", "", "bias b: ReLU(N(0,s^2)), N(0,s^2), 0 or s", bias_names,
     G(GEN_RELU), 0, 1},
    {"bias_scale", PT_REAL, OFF(bias_scale), -100, 100, "1", "", "scale s of the bias", NULL,
     G(GEN_RELU) | G(GEN_MATRIX), 0, 0.25},
    {"r", PT_REAL, OFF(r), 1, 1000, "3", "", "relu: ProjSGD domain D_r (eq. 8); quadratic: input dim", NULL,
     G(GEN_RELU) | G(GEN_QUADRATIC), 0, 1},
    {"lambda", PT_REAL, OFF(lambda), 1e-6, 1e6, "0.1", "", "relu: ProjSGD step 1/(lambda t); teacher: eq. 19", NULL,
     G(GEN_RELU) | G(GEN_TEACHER), 1, 2},
    {"batches", PT_SIZE, OFF(batches), 1, 1000, "1", "", "ProjSGD batches B (Alg. 2, line 2)", NULL, G(GEN_RELU), 0, 1},
    {"sgd_batch", PT_SIZE, OFF(sgd_batch), 1, 100000, "10", "", "draws per ProjSGD gradient (eq. 6)", NULL,
     G(GEN_RELU), 1, 2},
    {"coord", PT_SIZE, OFF(coord), 0, 1999, "0", "", "coordinate shown by data/landscape views", NULL, ALL, 0, 1},
    {"coord2", PT_SIZE, OFF(coord2), 0, 1999, "1", "", "second coordinate of the scatter", NULL, ALL, 0, 1},
    {"latent", PT_ENUM, OFF(latent), 0, 0, "gaussian", "", "distribution of the latent codes C", latent_names,
     G(GEN_MATRIX), 0, 1},
    {"sparsity", PT_REAL, OFF(sparsity), 0, 0.99, "0.5", "", "fraction of zero codes (latent=sparse)", NULL,
     G(GEN_MATRIX), 0, 0.05},
    {"bias_dist", PT_ENUM, OFF(bias_dist), 0, 0, "gaussian", "", "density of the row biases b_i", bias_dist_names,
     G(GEN_MATRIX), 0, 1},
    {"bias_mean", PT_REAL, OFF(bias_mean), -100, 100, "0", "", "mean of the row biases", NULL, G(GEN_MATRIX), 0, 0.25},
    {"input", PT_ENUM, OFF(input), 0, 0, "gaussian", "", "input distribution of x", input_names, G(GEN_TEACHER), 0, 1},
    {"truth", PT_ENUM, OFF(truth), 0, 0, "identity", "", "true first layer A*", truth_names, G(GEN_TEACHER), 0, 1},
    {"optimizer", PT_ENUM, OFF(optimizer), 0, 0, "gd", "", "full-batch GD or minibatch SGD", optimizer_names,
     G(GEN_TEACHER), 0, 1},
    {"mixture_shift", PT_REAL, OFF(mixture_shift), 0, 100, "1", "", "mixture means +-m*1", NULL, G(GEN_TEACHER), 0, 0.25},
    {"noise", PT_REAL, OFF(noise), 0, 100, "0", "", "sd of the output noise", NULL, G(GEN_TEACHER), 0, 0.05},
    {"mu", PT_REAL, OFF(mu), 0, 1e6, "30", "", "mu of eq. 19", NULL, G(GEN_TEACHER), 1, 2},
    {"lr", PT_REAL, OFF(lr), 1e-12, 10, "5e-5", "", "learning rate", NULL, G(GEN_TEACHER), 1, 2},
    {"lr_l2", PT_REAL, OFF(lr_l2), 0, 10, "0", "", "learning rate of the l2 loss (0 = lr)", NULL, G(GEN_TEACHER), 1, 2},
    {"bandwidth", PT_REAL, OFF(bandwidth), 0, 100, "0", "", "LLSFE bandwidth (0 = n^(-1/(2p+2+d)))", NULL,
     G(GEN_TEACHER), 1, 2},
    {"iters", PT_SIZE, OFF(iters), 1, 10000000, "1000", "", "optimiser iterations", NULL,
     G(GEN_TEACHER) | G(GEN_MATRIX), 1, 2},
    {"batch", PT_SIZE, OFF(batch), 1, 10000000, "256", "", "minibatch size (optimizer=sgd)", NULL, G(GEN_TEACHER), 1, 2},
    {"init_seed", PT_SIZE, OFF(init_seed), 0, 1e15, "7", "", "seed of the optimiser's initial point", NULL,
     G(GEN_TEACHER), 0, 1},
    {"family", PT_ENUM, OFF(family), 0, 0, "smoothed", "", "family of the Q_a", family_names, G(GEN_QUADRATIC), 0, 1},
    {"smooth", PT_REAL, OFF(smooth), 0, 100, "0.1", "", "size of the smoothing perturbation", NULL,
     G(GEN_QUADRATIC), 1, 2},
    {"gauge", PT_SIZE, OFF(gauge), 0, 1, "0", "", "apply Q_a -> U Q_a U^T (1 = on)", NULL, G(GEN_QUADRATIC), 0, 1},
};

const size_t param_count = sizeof param_table / sizeof param_table[0];

/* Defaults that differ by generator, applied by param_defaults after the table's. */

const param_gen_default param_gen_defaults[] = {
    {GEN_MATRIX, "d", "50"},
    {GEN_MATRIX, "n", "2000"},
    {GEN_MATRIX, "iters", "50"},
    {GEN_MATRIX, "k", "5"},
    {GEN_MATRIX, "compare", "mle,svd"},
    {GEN_TEACHER, "lambda", "1"},
    {GEN_TEACHER, "n", "8192"},
    {GEN_TEACHER, "d", "10"},
    {GEN_TEACHER, "input", "laplace"},
    {GEN_TEACHER, "mu", "30"},
    {GEN_TEACHER, "lambda", "50"},
    {GEN_TEACHER, "lr", "1e-4"},
    {GEN_TEACHER, "lr_l2", "5e-3"},
    {GEN_TEACHER, "iters", "2000"},
    {GEN_TEACHER, "runs", "3"},
    {GEN_TEACHER, "view", "learning"},
    {GEN_TEACHER, "compare", "l2,ge,score"},
    {GEN_QUADRATIC, "r", "10"},
    {GEN_QUADRATIC, "d", "6"},
    {GEN_QUADRATIC, "view", "angles"},
    {GEN_QUADRATIC, "n", "50000"},
};
const size_t param_gen_default_count = sizeof param_gen_defaults / sizeof param_gen_defaults[0];
