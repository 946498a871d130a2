/* job_teacher_detail.c — what the learning, angles, landscape and data views of the
 * teacher generator show (Gao, Makkuva, Oh, Viswanath 2019, Figures 3-4 and the d = k = 2
 * landscapes). */
#include "job_teacher_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cblas.h>
#include <gsl/gsl_randist.h>

#include "met_teacher.h"
#include "param.h"

size_t job_teacher_stride(size_t iters)
{
    const size_t slots = TEACHER_CURVE_MAX - TEACHER_EARLY - 2;
    const size_t s = (iters + slots - 1) / slots;
    return s ? s : 1;
}

/* Angle of row (a_1, a_2) in [0, pi): rows are defined up to sign (Theorem 2). */
static double row_angle(const double *a)
{
    const double t = atan2(a[1], a[0]);
    return t < 0.0 ? t + M_PI : (t >= M_PI ? t - M_PI : t);
}

static double *realloc_zero(double *old, size_t count)
{
    free(old);
    return calloc(count ? count : 1, sizeof(double));
}

static void fill_data_view(teacher_detail *det, const job_teacher_ws *ws)
{
    const size_t n = det->n, d = det->d;
    det->n_scatter = n < TEACHER_SCATTER_MAX ? n : TEACHER_SCATTER_MAX;
    for (size_t s = 0; s < det->n_scatter; s++) {
        det->scatter_x[s] = ws->X[s * d + det->coord];
        det->scatter_y[s] = ws->X[s * d + det->coord2];
    }
    double lo = INFINITY, hi = -INFINITY;
    for (size_t s = 0; s < n; s++)
        lo = fmin(lo, ws->y[s]), hi = fmax(hi, ws->y[s]);
    if (!(hi > lo))
        hi = lo + 1.0;
    const double width = (hi - lo) / TEACHER_HIST_BINS;
    for (size_t j = 0; j <= TEACHER_HIST_BINS; j++)
        det->hist_edges[j] = lo + width * (double)j;
    memset(det->hist_density, 0, sizeof det->hist_density);
    for (size_t s = 0; s < n; s++) {
        size_t j = (size_t)((ws->y[s] - lo) / width);
        det->hist_density[j < TEACHER_HIST_BINS ? j : TEACHER_HIST_BINS - 1] += 1.0;
    }
    for (size_t j = 0; j < TEACHER_HIST_BINS; j++)
        det->hist_density[j] /= (double)n * width;
}

/* Empty what loss m shows; 0 when an allocation failed. */
static int reset_method(teacher_detail *det, int m, size_t k, size_t kd)
{
    det->curve_len[m] = det->path_len[m] = 0;
    det->has_final[m] = 0;
    det->cos_iter[m] = det->land_rows[m] = 0;
    int ok = (det->A_final[m] = realloc_zero(det->A_final[m], kd)) != NULL;
    ok &= (det->cos_abs[m] = realloc_zero(det->cos_abs[m], k * k)) != NULL;
    for (size_t i = 0; i < TEACHER_LAND * TEACHER_LAND; i++)
        det->land_val[m][i] = NAN;
    return ok;
}

void job_teacher_directions(job_teacher_ws *ws, gsl_rng *extra, size_t kd)
{
    /* D1, D2: Gaussian directions scaled to |A*|_F (SPEC 6, landscape) */
    const double fa = cblas_dnrm2((int)kd, ws->Astar, 1);
    for (size_t j = 0; j < 2; j++) {
        double *D = ws->D12 + j * kd;
        for (size_t i = 0; i < kd; i++)
            D[i] = gsl_ran_gaussian_ziggurat(extra, 1.0);
        cblas_dscal((int)kd, fa / cblas_dnrm2((int)kd, D, 1), D, 1);
    }
}

/* 1 when det holds another job's sizes (or none): every loss is reset, not only a part's. */
static int detail_is_new(const teacher_detail *det, const rs_params *p, size_t k)
{
    return !det->Astar || det->methods != param_methods(p) || det->n != p->n || det->d != p->d ||
           det->k != k || det->iters != p->iters;
}

rs_status job_teacher_detail_begin(teacher_detail *det, const rs_params *p, job_teacher_ws *ws,
                                   gsl_rng *extra, unsigned train, rs_error *err)
{
    const size_t d = p->d, k = p->k == 0 ? p->d : p->k, kd = k * d;
    const unsigned all = param_methods(p);
    pthread_mutex_lock(&det->head.lock);
    det->head.ready = 0;
    /* a part resets its own losses only: another part of the job may be recording */
    const unsigned reset = detail_is_new(det, p, k) || (all & ~train) == 0 ? all : all & train;
    det->n = p->n, det->d = d, det->k = k, det->iters = p->iters;
    det->methods = all;
    det->methods_done &= ~reset;
    int ok = 1;
    if (reset == all)
        ok &= (det->Astar = realloc_zero(det->Astar, kd)) != NULL;
    for (int m = 0; m < METHOD_COUNT; m++)
        if (reset & (1u << m))
            ok &= reset_method(det, m, k, kd);
    if (!ok) {
        pthread_mutex_unlock(&det->head.lock);
        return rs_error_set(err, RS_ENOMEM, "job_teacher: detail for k = %zu, d = %zu", k, d);
    }
    memcpy(det->Astar, ws->Astar, kd * sizeof(double));
    det->coord = p->coord < d ? p->coord : 0;
    det->coord2 = p->coord2 < d ? p->coord2 : (d > 1 ? 1 : 0);
    fill_data_view(det, ws);
    /* landscape axes and the global minima */
    det->land_mode = (d == 2 && k == 2) ? TEACHER_LAND_ANGLES : TEACHER_LAND_PLANE_MODE;
    det->land_size = det->land_mode == TEACHER_LAND_ANGLES ? TEACHER_LAND : TEACHER_LAND_PLANE;
    const size_t L = det->land_size;
    for (size_t i = 0; i < L; i++) {
        if (det->land_mode == TEACHER_LAND_ANGLES)
            det->land_u[i] = det->land_v[i] = M_PI * (double)i / (double)L; /* [0, pi) */
        else
            det->land_u[i] = det->land_v[i] = -1.0 + 2.0 * (double)i / (double)(L - 1);
    }
    if (det->land_mode == TEACHER_LAND_ANGLES) { /* (theta*_1, theta*_2) and its swap */
        det->n_marks = 2;
        det->mark_u[0] = det->mark_v[1] = row_angle(ws->Astar);
        det->mark_v[0] = det->mark_u[1] = row_angle(ws->Astar + d);
    } else {
        det->n_marks = 1;
        det->mark_u[0] = det->mark_v[0] = 0.0;
    }
    job_teacher_directions(ws, extra, kd);
    pthread_mutex_unlock(&det->head.lock);
    return RS_OK;
}

/* (u, v) of A in the landscape's coordinates. */
static void land_coords(const teacher_detail *det, const job_teacher_ws *ws, const double *A,
                        double *u, double *v)
{
    const size_t d = det->d, kd = det->k * d;
    if (det->land_mode == TEACHER_LAND_ANGLES) {
        *u = row_angle(A);
        *v = row_angle(A + d);
        return;
    }
    /* least squares A - A* ~ u D1 + v D2 (2 x 2 normal equations) */
    const double *D1 = ws->D12, *D2 = ws->D12 + kd;
    double g11 = 0, g12 = 0, g22 = 0, b1 = 0, b2 = 0;
    for (size_t i = 0; i < kd; i++) {
        const double r = A[i] - ws->Astar[i];
        g11 += D1[i] * D1[i], g12 += D1[i] * D2[i], g22 += D2[i] * D2[i];
        b1 += D1[i] * r, b2 += D2[i] * r;
    }
    const double det2 = g11 * g22 - g12 * g12;
    *u = (g22 * b1 - g12 * b2) / det2;
    *v = (g11 * b2 - g12 * b1) / det2;
}

/* Rows over which the curves' loss is evaluated: all for GD, a fixed window of `batch`
 * rows for SGD (a full pass per recorded point would cost more than the training). */
static size_t curve_rows(const rs_params *p)
{
    return p->optimizer == OPT_SGD && p->batch < p->n ? p->batch : p->n;
}

/* |cos(a_i, a*_j)| of iterate A into cos_abs[m] (k x k), under the lock. */
static void cos_map(teacher_detail *det, int m, const double *A, size_t k, size_t d)
{
    for (size_t i = 0; i < k; i++) {
        const double na = cblas_dnrm2((int)d, A + i * d, 1);
        for (size_t j = 0; j < k; j++) {
            const double ns = cblas_dnrm2((int)d, det->Astar + j * d, 1);
            det->cos_abs[m][i * k + j] =
                fabs(cblas_ddot((int)d, A + i * d, 1, det->Astar + j * d, 1)) / (na * ns);
        }
    }
}

void job_teacher_record(teacher_detail *det, const rs_params *p, int m, size_t t,
                        job_teacher_ws *ws, loss_teacher_ws *lt, job_teacher_llsfe *lc)
{
    const size_t k = det->k, d = det->d, rows = curve_rows(p);
    double loss = NAN, u, v;
    if (m == METHOD_LLSFE) {
        rs_error e;
        if (job_teacher_llsfe_rows(lc, 0, rows, &e) != RS_OK)
            return; /* cancelled: the curve simply stops */
    }
    loss_teacher_eval(lt, ws->A, 0, rows, p->mu, p->lambda, &loss, NULL, NULL);
    double e_perm;
    const double e = job_teacher_e(ws, ws->A, k, d, &e_perm);
    land_coords(det, ws, ws->A, &u, &v);
    pthread_mutex_lock(&det->head.lock);
    const size_t j = det->curve_len[m];
    if (j < TEACHER_CURVE_MAX) {
        det->curve_iter[m][j] = t;
        det->curve_e[m][j] = e;
        det->curve_e_perm[m][j] = e_perm;
        det->curve_loss[m][j] = loss;
        det->path_u[m][j] = u;
        det->path_v[m][j] = v;
        det->curve_len[m] = det->path_len[m] = j + 1;
    }
    /* the angles view streams: the map of the iterate, k^2 dot products of length d, far
     * cheaper than the full-batch loss above */
    cos_map(det, m, ws->A, k, d);
    det->cos_iter[m] = t;
    pthread_mutex_unlock(&det->head.lock);
}

void job_teacher_keep_final(teacher_detail *det, int m, const double *A, size_t k, size_t d)
{
    pthread_mutex_lock(&det->head.lock);
    memcpy(det->A_final[m], A, k * d * sizeof(double));
    det->has_final[m] = 1;
    cos_map(det, m, A, k, d);
    det->cos_iter[m] = det->iters;
    pthread_mutex_unlock(&det->head.lock);
}

/* Landscape of loss m over the grid, row by row: each row is published under the lock
 * as it ends, so that the view fills in while the grid runs. */
static rs_status land_grid(teacher_detail *det, const rs_params *p, job_teacher_ws *ws,
                           loss_teacher_ws *lt, job_teacher_llsfe *lc, int m,
                           const atomic_int *cancel, rs_error *err)
{
    const size_t kd = det->k * det->d, L = det->land_size;
    double *A = ws->A;
    rs_status st =
        loss_teacher_bind(lt, m, p->input, p->mixture_shift, ws->X, ws->y, ws->g1, ws->G2, err);
    if (st == RS_OK && m == METHOD_LLSFE)
        st = job_teacher_llsfe_rows(lc, 0, p->n, err);
    if (st != RS_OK)
        return st;
    for (size_t b = 0; b < L; b++) {
        if (cancel && atomic_load_explicit(cancel, memory_order_relaxed))
            return RS_ECANCELLED;
        double row[TEACHER_LAND];
        for (size_t a = 0; a < L; a++) {
            if (det->land_mode == TEACHER_LAND_ANGLES) { /* unit rows at angles u, v */
                A[0] = cos(det->land_u[a]), A[1] = sin(det->land_u[a]);
                A[2] = cos(det->land_v[b]), A[3] = sin(det->land_v[b]);
            } else {
                for (size_t i = 0; i < kd; i++)
                    A[i] = ws->Astar[i] + det->land_u[a] * ws->D12[i] +
                           det->land_v[b] * ws->D12[kd + i];
            }
            row[a] = NAN;
            loss_teacher_eval(lt, A, 0, p->n, p->mu, p->lambda, &row[a], NULL, NULL);
        }
        pthread_mutex_lock(&det->head.lock);
        memcpy(det->land_val[m] + b * L, row, L * sizeof(double));
        det->land_rows[m] = b + 1;
        pthread_mutex_unlock(&det->head.lock);
    }
    return RS_OK;
}

rs_status job_teacher_detail_end(teacher_detail *det, const rs_params *p, job_teacher_ws *ws,
                                 loss_teacher_ws *lt, job_teacher_llsfe *lc, unsigned train,
                                 int landscape, const atomic_int *cancel, rs_error *err)
{
    for (int m = METHOD_L2; m <= METHOD_LLSFE && landscape; m++) {
        if (!(det->methods & train & (1u << m)))
            continue;
        const rs_status st = land_grid(det, p, ws, lt, lc, m, cancel, err);
        if (st != RS_OK)
            return st;
    }
    pthread_mutex_lock(&det->head.lock);
    det->methods_done |= det->methods & train;
    det->head.ready = det->methods_done == det->methods; /* the job's last part */
    pthread_mutex_unlock(&det->head.lock);
    return RS_OK;
}

int job_teacher_detail_lacks(const void *detail, int view)
{
    const teacher_detail *det = detail;
    if (view != VIEW_LANDSCAPE || !det->Astar)
        return 0;
    for (int m = 0; m < METHOD_COUNT; m++)
        if ((det->methods & (1u << m)) && det->land_rows[m] < det->land_size)
            return 1;
    return 0;
}

teacher_detail *job_teacher_detail_alloc(void)
{
    teacher_detail *det = calloc(1, sizeof *det);
    if (det)
        model_detail_head_init(&det->head);
    return det;
}

void job_teacher_detail_free(teacher_detail *det)
{
    if (!det)
        return;
    free(det->Astar);
    for (int m = 0; m < METHOD_COUNT; m++) {
        free(det->A_final[m]);
        free(det->cos_abs[m]);
    }
    model_detail_head_done(&det->head);
    free(det);
}
