/* sweep2.c — the pairs, streams, order and jobs of a phase map (see sweep2.h). */
#include "sweep2.h"

#include <string.h>

#include "rng_stream.h"

void sweep2_axes_of(const rs_params *p, sweep2_axes *a)
{
    a->n1 = param_sweep_values(p, a->v1);
    a->n2 = param_sweep2_values(p, a->v2);
    for (size_t i2 = 0; i2 < a->n2; i2++)
        for (size_t i1 = 0; i1 < a->n1; i1++)
            a->flat[i2 * a->n1 + i1] = a->v1[i1];
}

/* The bits of x, with -0 read as +0 so that equal values give one stream. */
static uint64_t bits_of(double x)
{
    uint64_t b;
    if (x == 0.0)
        x = 0.0;
    memcpy(&b, &x, sizeof b);
    return b;
}

uint64_t sweep2_stream(double x, double y)
{
    /* The purpose slot carries a tag of its own so that no pair's index can equal a 1-D
     * sweep's small value index by construction of the inputs (the mix then separates
     * them as it separates any distinct inputs). */
    return rng_stream_mix(bits_of(x), bits_of(y), 0x5357, 2);
}

int sweep2_coarse(size_t i1, size_t i2)
{
    return i1 % 2 == 0 && i2 % 2 == 0;
}

size_t sweep2_order(size_t n1, size_t n2, size_t runs, size_t *order)
{
    size_t k = 0, coarse = 0;
    for (size_t run = 0; run < runs; run++)
        for (int pass = 0; pass < 2; pass++) /* coarse pairs, then the others */
            for (size_t i2 = 0; i2 < n2; i2++)
                for (size_t i1 = 0; i1 < n1; i1++) {
                    if (sweep2_coarse(i1, i2) != (pass == 0))
                        continue;
                    order[k++] = (i2 * n1 + i1) * runs + run;
                    coarse += run == 0 && pass == 0;
                }
    return coarse;
}

/* The generator's context for pair v: base with sweep2 set to the pair's y. */
static rs_status pair_ctx(const sweep2_ctx *c, size_t v, rs_params *q, model_ctx *inner,
                          uint64_t *stream, rs_error *err)
{
    const sweep2_axes *a = c->axes;
    const size_t i1 = v % a->n1, i2 = v / a->n1;
    *q = *c->base;
    if (q->sweep2 >= 0) {
        const rs_status st = param_set_number(q, q->sweep2, a->v2[i2], err);
        if (st != RS_OK)
            return st;
    }
    *stream = sweep2_stream(a->v1[i1], a->v2[i2]);
    /* The generator compares detail_value with the value index it is given, here the
     * stream index; the detail pair's stream names it. */
    const size_t dv = c->detail_pair < a->n1 * a->n2 ? c->detail_pair : 0;
    *inner =
        (model_ctx){.base = q,
                    .detail = c->detail,
                    .detail_value = (size_t)sweep2_stream(a->v1[dv % a->n1], a->v2[dv / a->n1])};
    return RS_OK;
}

rs_status sweep2_job(void *ctx, size_t v, double value, size_t run, sweep_cell *cell,
                     workspace_arena *arena, const atomic_int *cancel, rs_error *err)
{
    (void)value; /* the pair's x, also in axes */
    const sweep2_ctx *c = ctx;
    rs_params q;
    model_ctx inner;
    uint64_t stream;
    const rs_status st = pair_ctx(c, v, &q, &inner, &stream, err);
    if (st != RS_OK)
        return st;
    return c->ops->job(&inner, (size_t)stream, c->axes->v1[v % c->axes->n1], run, cell, arena,
                       cancel, err);
}

rs_status sweep2_part(void *ctx, size_t v, double value, size_t run, size_t part, sweep_cell *cell,
                      workspace_arena *arena, const atomic_int *cancel, rs_error *err)
{
    (void)value;
    const sweep2_ctx *c = ctx;
    rs_params q;
    model_ctx inner;
    uint64_t stream;
    const rs_status st = pair_ctx(c, v, &q, &inner, &stream, err);
    if (st != RS_OK)
        return st;
    return c->ops->job_part(&inner, (size_t)stream, c->axes->v1[v % c->axes->n1], run, part, cell,
                            arena, cancel, err);
}
