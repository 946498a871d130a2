/* view_fixtures_teacher.c — the hand-built teacher detail of the view tests
 * (view_fixtures.h): learning curves per loss (l2 stalls, ge and score recover A*, llsfe
 * diverges after iteration 35), |cos| matrices near a permutation, a landscape whose
 * minima are the signed permutations of A*, and the data. */
#include <math.h>
#include <stdbool.h>

#include "view_fixtures.h"
#include "view_fixtures_internal.h"

enum { LLSFE_LAST = 35, STEP = 5 };

static const double TH1 = 0.43, TH2 = 1.91; /* the rows of A* at d = k = 2, as angles */

/* Per loss: final e(A), time constant, loss offset and scale; target point of its path. */
typedef struct {
    double e_final, tau, loss_off, loss_scale, u_end, v_end;
} loss_shape;

static loss_shape shape_of(int m, bool ang)
{
    switch (m) {
    case METHOD_L2:
        return (loss_shape){0.287, 30, 0.42, 1.71, ang ? 1.22 : 0.41, ang ? 1.37 : 0.33};
    case METHOD_GE:
        return (loss_shape){0.0413, 45, 0.117, 0.93, ang ? TH2 : 0.05, ang ? TH1 : -0.03};
    case METHOD_SCORE:
        return (loss_shape){0.0021, 38, -0.61, 0.77, ang ? TH1 : 0.01, ang ? TH2 : 0.02};
    default:
        return (loss_shape){NAN, 20, 0.35, 1.2, ang ? 2.9 : -0.95, ang ? 2.2 : 0.9};
    }
}

/* Curves and path of loss m: every STEP iterations, llsfe only up to LLSFE_LAST. */
static void teacher_curves(teacher_detail *det, int m, bool ang)
{
    const loss_shape s = shape_of(m, ang);
    const size_t last = m == METHOD_LLSFE ? LLSFE_LAST : det->iters;
    const double u0 = ang ? 2.71 : 0.83, v0 = ang ? 0.22 : -0.71;
    size_t len = 0;
    for (size_t it = 0; it <= last && len < TEACHER_CURVE_MAX; it += STEP, len++) {
        const double t = (double)it, f = exp(-t / s.tau), w = vf_jitter((unsigned)(m * 600 + len));
        const double e = m == METHOD_LLSFE ? 0.74 * exp(-t / 20) + 0.0015 * exp(t / 6)
                                           : s.e_final + (0.74 - s.e_final) * f;
        det->curve_iter[m][len] = it;
        det->curve_e[m][len] = e * (1.0 + 0.03 * w);
        det->curve_e_perm[m][len] = fmin(1.0, 1.6 * e);
        det->curve_loss[m][len] = s.loss_off + s.loss_scale * f * (1.0 + 0.02 * w);
        det->path_u[m][len] = s.u_end + (u0 - s.u_end) * f + 0.02 * w;
        det->path_v[m][len] = s.v_end + (v0 - s.v_end) * f * f - 0.3 * f * (1.0 - f);
    }
    det->curve_len[m] = det->path_len[m] = len;
    det->has_final[m] = m != METHOD_LLSFE;
    det->cos_iter[m] = det->has_final[m] ? det->iters : 0;
}

/* A* (k x d), the final A and |cos(a_i, a*_j)| of a finished loss: near the identity
 * (score), near a permutation (ge), muddled (l2). */
static void teacher_angles(teacher_detail *det, int m)
{
    const size_t k = det->k, d = det->d;
    det->A_final[m] = vf_alloc(k * d);
    det->cos_abs[m] = vf_alloc(k * k);
    const double miss = m == METHOD_L2 ? 0.55 : 0.12;
    for (size_t i = 0; i < k; i++) {
        const size_t hit = m == METHOD_GE ? (i + 1) % k : i;
        for (size_t j = 0; j < k; j++) {
            const double w = fabs(vf_jitter((unsigned)(m * 90 + i * k + j)));
            det->cos_abs[m][i * k + j] =
                j == hit ? 0.998 - (m == METHOD_L2 ? 0.3 : 0.02) * w : miss * w;
        }
        for (size_t j = 0; j < d; j++)
            det->A_final[m][i * d + j] =
                det->Astar[hit * d + j] + 0.05 * vf_jitter((unsigned)(m * 70 + i * d + j));
    }
}

/* The landscape value of loss m at (u, v). */
static double land_value(int m, bool ang, double u, double v)
{
    const loss_shape s = shape_of(m, ang);
    if (!ang) /* a tilted bowl through A* at the origin, steeper for some losses */
        return s.loss_off + s.loss_scale * (1.3 * u * u + 0.8 * v * v + 0.5 * u * v) +
               0.4 * pow(u * u + v * v, 2);
    const double a = sin(u - TH1) * sin(u - TH1) + sin(v - TH2) * sin(v - TH2);
    const double b = sin(u - TH2) * sin(u - TH2) + sin(v - TH1) * sin(v - TH1);
    const double ridge = m == METHOD_L2 ? 0.35 * pow(cos(u - v), 2) : 0.0;
    return s.loss_off + s.loss_scale * a * b + ridge;
}

static void teacher_landscape(teacher_detail *det, bool ang)
{
    det->land_mode = ang ? TEACHER_LAND_ANGLES : TEACHER_LAND_PLANE_MODE;
    const size_t L = ang ? TEACHER_LAND : TEACHER_LAND_PLANE;
    det->land_size = L;
    vf_linspace(det->land_u, L, ang ? 0.0 : -1.0, ang ? M_PI * (L - 1) / L : 1.0);
    vf_linspace(det->land_v, L, ang ? 0.0 : -1.0, ang ? M_PI * (L - 1) / L : 1.0);
    for (int m = 0; m < METHOD_COUNT; m++)
        if (det->methods & (1u << m))
            for (size_t b = 0; b < L; b++, det->land_rows[m] = b)
                for (size_t a = 0; a < L; a++)
                    det->land_val[m][b * L + a] =
                        land_value(m, ang, det->land_u[a], det->land_v[b]);
    det->n_marks = ang ? 2 : 1;
    det->mark_u[0] = ang ? TH1 : 0.0, det->mark_v[0] = ang ? TH2 : 0.0;
    det->mark_u[1] = TH2, det->mark_v[1] = TH1;
}

/* A scatter of the input law and the histogram of y (mass near 0, a long right tail). */
static void teacher_data(teacher_detail *det, int input)
{
    det->coord = 0, det->coord2 = 1;
    det->n_scatter = det->n < TEACHER_SCATTER_MAX ? det->n : TEACHER_SCATTER_MAX;
    for (size_t s = 0; s < det->n_scatter; s++) {
        double z0 = vf_bell((unsigned)(50000 + s)), z1 = vf_bell((unsigned)(60000 + s));
        const double c = vf_jitter((unsigned)(65000 + s)) < 0 ? -1.0 : 1.0;
        if (input == INPUT_LAPLACE)
            z0 *= 0.6 * fabs(z0) + 0.3, z1 *= 0.6 * fabs(z1) + 0.3;
        det->scatter_x[s] = input == INPUT_MIXTURE ? 1.41 * c + 0.62 * z0 : z0;
        det->scatter_y[s] = input == INPUT_MIXTURE ? -0.87 * c + 0.71 * z1 : z1;
    }
    vf_linspace(det->hist_edges, TEACHER_HIST_BINS + 1, -0.6, 4.8);
    for (size_t i = 0; i < TEACHER_HIST_BINS; i++) {
        const double y = 0.5 * (det->hist_edges[i] + det->hist_edges[i + 1]);
        const double spike = exp(-0.5 * pow((y - 0.05) / 0.18, 2)) / (0.18 * sqrt(2 * M_PI));
        const double tail = y > 0 ? y * exp(-y / 0.65) / (0.65 * 0.65) : 0.0;
        det->hist_density[i] =
            (0.38 * spike + 0.62 * tail) * (1.0 + 0.08 * vf_jitter((unsigned)(66000 + i)));
    }
}

teacher_detail *vf_teacher_detail(const rs_params *p)
{
    teacher_detail *det = job_teacher_detail_alloc();
    if (!det)
        return NULL;
    const size_t d = p->d, k = p->k ? p->k : p->d; /* k = 0: as many rows as inputs */
    det->n = p->n, det->d = d, det->k = k, det->iters = p->iters;
    det->methods = param_methods(p);
    const bool ang = d == 2 && k == 2;
    det->Astar = vf_alloc(k * d);
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < d; j++)
            det->Astar[i * d + j] = ang ? (j == 0 ? cos(i ? TH2 : TH1) : sin(i ? TH2 : TH1))
                                        : (i == j) + 0.3 * vf_jitter((unsigned)(i * 11 + j));
    for (int m = 0; m < METHOD_COUNT; m++)
        if (det->methods & (1u << m)) {
            teacher_curves(det, m, ang);
            if (det->has_final[m])
                teacher_angles(det, m);
        }
    teacher_landscape(det, ang);
    teacher_data(det, p->input);
    det->methods_done = det->methods;
    det->head.ready = 1;
    return det;
}
