/* met_quadratic.h — the metrics of the quadratic generator (the polynomial-pushforward slides,
 * SPEC 5.4). */
#ifndef MET_QUADRATIC_H
#define MET_QUADRATIC_H

#include <stddef.h>

/* Why a metric is nan (or approximate), per run. */
enum {
    MET_QUAD_FLAG_NOT_DIAGONAL = 1u << 0, /* family is not diagonal: err_q, jennrich_gap nan */
    MET_QUAD_FLAG_RANK = 1u << 1,         /* G_hat has < r positive eigenvalues: err_q nan */
    MET_QUAD_FLAG_COMPLEX = 1u << 2,      /* noisy Jennrich eigenvalues were complex */
    MET_QUAD_FLAG_SINGULAR = 1u << 3,     /* every Jennrich contraction singular: err_q nan */
    MET_QUAD_FLAG_ANGLE_NAN = 1u << 4     /* some ||Q_a||_F = 0: angle_err_max nan */
};

typedef enum {
    MET_QUAD_ERR_GRAM,      /* ||G_hat - G||_F / ||G||_F, G(a,b) = Tr(Q_a Q_b) */
    MET_QUAD_ERR_THIRD,     /* ||T_hat - T||_F / ||T||_F, T(a,b,c) = Tr(Q_a Q_b Q_c) */
    MET_QUAD_ANGLE_ERR_MAX, /* max_{a != b} |theta_hat_ab - theta_ab|, theta = acos cos(Q_a, Q_b),
                               rad */
    MET_QUAD_ERR_Q,         /* diagonal: min_pi ||W_hat(:, pi) - W||_F / ||W||_F (Jennrich) */
    MET_QUAD_JENNRICH_GAP,  /* diagonal: relative eigenvalue gap of the kept contraction pair */
    MET_QUAD_SECONDS,       /* estimation time of the run (moment passes, Jennrich) */
    MET_QUAD_COUNT
} met_quadratic_id;

extern const char *const met_quadratic_names[MET_QUAD_COUNT];

/* One line the views show next to err_q (issue 7: say it clearly in the UI). */
extern const char *const met_quadratic_err_q_note;

/* ||A_hat - A||_F / ||A||_F over len entries (nan when ||A|| = 0). */
double met_quadratic_rel_err(const double *A_hat, const double *A, size_t len);

/* max over a != b of |acos C_hat(a,b) - acos C(a,b)| (d x d cosine matrices); nan when a
 * cosine is nan. Angles rather than cosines, as angle_err_max of relu (SPEC 5.1). */
double met_quadratic_angle_err(const double *C_hat, const double *C, size_t d);

/* The MET_QUAD_FLAG_* of a set of JENNRICH_FLAG_*. */
unsigned met_quadratic_jennrich_flags(unsigned jennrich_flags);

#endif
