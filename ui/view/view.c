/* view.c — dispatch of the views to the generators' view modules. */
#include "view.h"

#include <stdio.h>

#include "palette.h"
#include "plot.h"
#include "plot_lines.h"

void view_opts_init(view_opts *o)
{
    o->metric = 0;
    o->ref_line = true;
    o->method = 0;
}

unsigned view_available(int generator)
{
    const unsigned all = (1u << VIEW_COUNT) - 1;
    switch (generator) {
    case GEN_RELU:
        return all & ~(1u << VIEW_LEARNING); /* closed-form fits: nothing iterates to watch */
    case GEN_QUADRATIC:
        return all & ~(1u << VIEW_LEARNING); /* moments, no optimiser */
    default:
        return all;
    }
}

int view_method(const rs_params *p, const view_opts *o)
{
    const unsigned set = param_methods(p);
    size_t count = 0;
    for (int m = 0; m < METHOD_COUNT; m++)
        count += (set >> m) & 1u;
    if (count == 0)
        return -1;
    size_t want = o->method % count;
    for (int m = 0; m < METHOD_COUNT; m++)
        if ((set >> m) & 1u) {
            if (want == 0)
                return m;
            want--;
        }
    return -1;
}

rs_status view_draw(const view_input *in, int view, const view_opts *o, grid_rect r, grid *g)
{
    if (view < 0 || view >= VIEW_COUNT || !(view_available(in->p->generator) & (1u << view))) {
        char msg[160];
        snprintf(msg, sizeof msg, "the %s view is not part of the %s generator",
                 view >= 0 && view < VIEW_COUNT ? param_view_name(view) : "?",
                 param_generator_name(in->p->generator));
        grid_fill(g, r, ' ', grid_style_default());
        plot_message_draw(msg, r, g);
        return RS_OK;
    }
    switch (in->p->generator) {
    case GEN_RELU:
        return view_relu_draw(in, view, o, r, g);
    case GEN_MATRIX:
        return view_matrix_draw(in, view, o, r, g);
    case GEN_TEACHER:
        return view_teacher_draw(in, view, o, r, g);
    case GEN_QUADRATIC:
        return view_quadratic_draw(in, view, o, r, g);
    default:
        plot_message_draw("unknown generator", r, g);
        return RS_EINVAL;
    }
}

void view_waiting_draw(const view_input *in, grid_rect r, grid *g)
{
    char msg[160];
    if (in->p->sweep >= 0)
        snprintf(msg, sizeof msg, "computing the run shown here (%s = %g, run 1)…",
                 param_table[in->p->sweep].key, in->values[in->detail_value]);
    else
        snprintf(msg, sizeof msg, "computing the run shown here (run 1)…");
    plot_message_draw(msg, r, g);
}

rs_status view_scatter_draw(const char *title, const char *x_title, const char *y_title, size_t n,
                            const double *x, const double *y, grid_rect r, grid *g)
{
    plot_lines_series s = plot_lines_series_make(NULL, palette_series(0), n, x, y);
    s.points_only = true;
    plot_lines_model m;
    plot_lines_init(&m);
    m.title = title;
    m.x_title = x_title;
    m.y_title = y_title;
    m.series = &s;
    m.n_series = 1;
    return plot_lines_draw(&m, r, g);
}

int view_flags_append(const model_ops *ops, int method, unsigned flags, char *buf, size_t size,
                      int len)
{
    if (len < 0 || (size_t)len >= size)
        return size ? (int)size - 1 : 0;
    len += snprintf(buf + len, size - (size_t)len, "%s%s:", len ? "  " : "", param_method_name(method));
    for (size_t f = 0; f < ops->n_flags && (size_t)len < size; f++)
        if (flags & (1u << f))
            len += snprintf(buf + len, size - (size_t)len, " %s", ops->flag_names[f]);
    return (size_t)len < size ? len : (int)size - 1;
}
