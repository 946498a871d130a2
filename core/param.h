/* param.h — every user-facing parameter of reluscope, in one table.
 *
 * The table (key, type, range, default, unit, one-line meaning, which generators use it)
 * drives --set validation, the preset reader, --help and the TUI panel (STYLE 5).
 * rs_params is plain data: the worker copies it, ui reads it. */
#ifndef PARAM_H
#define PARAM_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "rs.h"

typedef enum { GEN_RELU, GEN_MATRIX, GEN_TEACHER, GEN_QUADRATIC, GEN_COUNT } rs_generator;

typedef enum {
    VIEW_CURVES,
    VIEW_ANGLES,
    VIEW_LANDSCAPE,
    VIEW_LEARNING,
    VIEW_DATA,
    VIEW_COUNT,
    /* The phase map of a 2-D sweep (issue 17): drawn for every generator from the sweep
     * cells alone, so it is not one of the generators' own views that VIEW_COUNT counts
     * (model_ops.views, the views' descriptors); the view key accepts it. */
    VIEW_PHASE = VIEW_COUNT,
    VIEW_ALL_COUNT
} rs_view;

/* Estimators (relu, matrix) and losses (teacher) share one name space so that
 * `compare=` can list either kind. */
/* The estimator and loss keys store the index of their name in the compare key's names
 * (param.c maps them), so new methods go at the end and old indices (colours, goldens)
 * stay. `mle` is the matrix MLE, and for relu an alias of `truncated` (SPEC 10:
 * model_ops.aliases); `moments` is the quadratic method of moments. */
typedef enum {
    METHOD_SGD,
    METHOD_MLE,
    METHOD_MEDIAN,
    METHOD_SVD,
    METHOD_L2,
    METHOD_GE,
    METHOD_SCORE,
    METHOD_LLSFE,
    METHOD_TRUNCATED,
    METHOD_CENSORED,
    METHOD_MOMENTS,
    METHOD_COUNT
} rs_method;

typedef enum { BIAS_NONNEG, BIAS_SIGNED, BIAS_ZERO, BIAS_CONST } rs_bias_mode;
typedef enum { SWEEP_LIN, SWEEP_LOG } rs_sweep_scale;
typedef enum { LATENT_GAUSSIAN, LATENT_UNIFORM, LATENT_SPARSE } rs_latent;
typedef enum { BIASDIST_GAUSSIAN, BIASDIST_LOGISTIC } rs_bias_dist;
typedef enum { INPUT_GAUSSIAN, INPUT_LAPLACE, INPUT_MIXTURE } rs_input;
typedef enum { TRUTH_IDENTITY, TRUTH_ORTHOGONAL, TRUTH_CONDITIONED } rs_truth;
typedef enum { OPT_GD, OPT_SGD } rs_optimizer;
typedef enum { FAMILY_SMOOTHED, FAMILY_RANDOM, FAMILY_DIAGONAL } rs_family;
/* relu: project b_hat onto b >= 0 (Alg. 1, line 4) always, never, or only when the bias
 * mode says the true bias is non-negative (nonneg, zero, const >= 0). */
typedef enum { CLIP_AUTO, CLIP_ON, CLIP_OFF } rs_clip_bias;

/* teacher: the norm penalty of L (Gao et al. 2019): lambda sum_i (|a_i| - 1)^2 as printed in
 * eq. (19), or lambda sum_i (|a_i|^2 - 1)^2 as eq. (21) writes it. */
typedef enum { PENALTY_EQ19, PENALTY_EQ21 } rs_penalty;

/* teacher: the matrix e(A) of eq. (22) is taken on: A A*^-1 (ours, a signed permutation
 * exactly when A recovers A* up to row order, sign and scale) or A*^-1 A (as printed). */
typedef enum { E_ORIENT_OURS, E_ORIENT_PRINTED } rs_e_orient;

enum { PARAM_MAX_LIST = 64 };

typedef struct {
    /* common (SPEC 5) */
    int generator; /* rs_generator */
    int view;      /* rs_view */
    size_t n, d, k;
    double kappa;
    size_t seed, runs, threads;
    int sweep; /* index into param_table of a numeric key, or -1 for none */
    double sweep_values[PARAM_MAX_LIST];
    size_t n_sweep_values; /* 0: use sweep_from/to/steps/scale */
    double sweep_from, sweep_to;
    size_t sweep_steps;
    int sweep_scale; /* rs_sweep_scale */
    /* the second swept key of a phase map (issue 17), with the same settings as the first */
    int sweep2; /* index into param_table, or -1 */
    double sweep2_values[PARAM_MAX_LIST];
    size_t n_sweep2_values;
    double sweep2_from, sweep2_to;
    size_t sweep2_steps;
    int sweep2_scale; /* rs_sweep_scale */
    int metric;       /* the phase map's metric: 0 = auto, else 1 + index in its names */
    double contour;   /* the phase map's threshold contour on that metric, 0 = none */
    /* estimators / losses */
    int estimator;    /* rs_method, relu and matrix */
    int loss;         /* rs_method, teacher */
    unsigned compare; /* bit set of rs_method; 0 = just estimator/loss */
    /* relu (SPEC 5.1) */
    int bias; /* rs_bias_mode */
    double bias_scale;
    double r;      /* relu: ProjSGD domain D_r (eq. 8); quadratic: input dimension */
    double lambda; /* relu: ProjSGD step 1/(lambda t); teacher: lambda of eq. 19 */
    size_t batches, sgd_batch;
    size_t coord, coord2; /* coordinates shown by the data and landscape views */
    int clip_bias;        /* rs_clip_bias */
    double target_err;    /* relu Claim 2: err_b target of the samples-needed curve, 0 = off */
    unsigned aliased;     /* bit set of rs_method aliases that parsing rewrote (say so once) */
    /* matrix (SPEC 5.2) */
    int latent, bias_dist;
    double sparsity, bias_mean;
    /* teacher (SPEC 5.3) */
    int input, truth, optimizer;
    double mixture_shift, noise, mu, lr, bandwidth;
    double lr_l2; /* learning rate of the l2 loss (0 = lr): Figure 3 uses 100 x lr */
    size_t iters, batch, init_seed;
    int penalty;         /* rs_penalty */
    int e_orient;        /* rs_e_orient */
    size_t llsfe_degree; /* degree p of the LLSFE behind s2_err, s4_err: 2 or 4 */
    /* quadratic (SPEC 5.4) */
    int family;
    double smooth;
    size_t gauge;
    /* relu: memory budget of the sample matrix (issue 15) */
    size_t mem_mb;
} rs_params;

typedef enum {
    PT_SIZE, /* size_t, integer in [min, max] */
    PT_REAL, /* double, finite, in [min, max] */
    PT_ENUM, /* int, one of names[] */
    PT_SET,  /* unsigned bit set over names[] (comma list) */
    PT_LIST, /* comma list of reals, at most PARAM_MAX_LIST */
    PT_KEY   /* the name of a numeric key in the table, or "none" */
} param_type;

typedef struct {
    const char *key;
    param_type type;
    size_t offset;            /* into rs_params */
    double min, max;          /* PT_SIZE, PT_REAL, PT_LIST elements */
    const char *def;          /* default, as text */
    const char *unit;         /* "" when none */
    const char *meaning;      /* one line */
    const char *const *names; /* PT_ENUM, PT_SET: NULL-terminated */
    unsigned generators;      /* bit set of rs_generator that use the key */
    int multiplicative;       /* TUI steps: 1 = x/÷ a factor (n, kappa), 0 = +/- a step */
    double step;              /* TUI step: the factor or the increment */
    unsigned flags;           /* PARAM_NO_SWEEP | PARAM_NO_CELLS */
} param_def;

/* What a key is, beyond its type (param_def.flags): the one place that says which keys
 * may not be swept and which change no computed cell. */
enum {
    PARAM_NO_SWEEP = 1u << 0, /* never the swept key (run counts, seeds, sweep settings) */
    PARAM_NO_CELLS = 1u << 1  /* changes what is shown or how, never a computed cell */
};

extern const param_def param_table[];
extern const size_t param_count;

/* Text a user gave, clipped to n bytes for a one-line message:
 * printf("%.*s%s", PARAM_CLIP(s, 80)) prints s, or its first 80 bytes and "...". */
#define PARAM_CLIP(s, n) (int)(n), (s), (strlen(s) > (size_t)(n) ? "..." : "")

/* Index of key in param_table, or -1. */
int param_find(const char *key);

/* The generator the table names by default (its `generator` row), e.g. when a preset
 * names none. */
rs_generator param_default_generator(void);

/* Fill p with the table defaults, then the generator's own (model_ops.defaults). */
void param_defaults(rs_params *p, rs_generator gen);

/* Parse text into key i of p. On RS_EINVAL err says "KEY=VALUE: allowed ...". Numbers
 * are decimal (no hex, nan, inf or overflow). Setting the method key of p->generator
 * (model_ops.method_key: estimator or loss) empties compare: of the two, the one set
 * last decides what runs (param_methods). */
rs_status param_parse(rs_params *p, int i, const char *text, rs_error *err);

/* RS_EINVAL unless key i is one of generator gen's keys (param_def.generators): a key
 * the generator does not use would be ignored, so a user's setting of it is refused.
 * text is the value, for the message "KEY=TEXT: not a key of generator G; ...". */
rs_status param_check_key(int i, int gen, const char *text, rs_error *err);

/* "relu|matrix": the generators that use key i, into buf (len bytes). */
void param_generators(int i, char *buf, size_t len);

/* Set a numeric key (PT_SIZE/PT_REAL) from a double, with the range check. */
rs_status param_set_number(rs_params *p, int i, double v, rs_error *err);

/* The value of a numeric key as a double (NAN for non-numeric keys). */
double param_get_number(const rs_params *p, int i);

/* The values of a list key (PT_LIST: sweep_values, sweep2_values) into *values
 * (borrowed from p); returns their count. */
size_t param_get_list(const rs_params *p, int i, const double **values);

/* The stored value of an enum key (PT_ENUM): for estimator and loss an rs_method. */
int param_get_enum(const rs_params *p, int i);

/* Format key i of p as text into buf (the inverse of param_parse). */
void param_format(const rs_params *p, int i, char *buf, size_t len);

/* The first key (table index) in which a and b differ as formatted, among the keys that
 * change a cell (not PARAM_NO_CELLS), skipping the key at index skip (-1: none); -1 when
 * there is none. The worker, --load and its TUI ask whether two settings give one sweep. */
int param_first_cell_difference(const rs_params *a, const rs_params *b, int skip);

/* Text describing what key i allows ("integer 1..1000000", "one of sgd|mle|median"). */
void param_allowed(int i, char *buf, size_t len);

/* Cross-key checks for p->generator at every sweep value: the generic ones for every
 * generator (k <= d, the method key and compare within the generator's methods, a view
 * the generator offers, coordinates < d, the sweep key numeric, sweepable and used by the
 * generator), then the generator's own (model_ops.check). */
rs_status param_check(const rs_params *p, rs_error *err);

/* The sweep values of p into out (capacity PARAM_MAX_LIST); returns the count (>= 1;
 * with sweep = none, 1 value = the key's current value is not needed: returns 1, out[0] = 0). */
size_t param_sweep_values(const rs_params *p, double *out);

/* The values of the second swept key (sweep2) into out, as param_sweep_values does for
 * the first; 1 value (out[0] = 0) when sweep2 = none. */
size_t param_sweep2_values(const rs_params *p, double *out);

/* The methods to run: p->compare if non-empty, else the value of the generator's method
 * key (model_ops.method_key: estimator or loss). */
unsigned param_methods(const rs_params *p);

/* Names of enums for display. */
const char *param_generator_name(int gen);
const char *param_view_name(int view);
const char *param_method_name(int method);

#endif
