/* view_matrix.c — the views of the matrix generator. Placeholder until its views land:
 * curves of every metric; the other views say they are not drawn yet. */
#include "view.h"

#include "plot.h"
#include "view_curves.h"

rs_status view_matrix_draw(const view_input *in, int view, const view_opts *o, grid_rect r,
                             grid *g)
{
    if (view == VIEW_CURVES) {
        view_curves_metric m[SWEEP_MAX_METRICS];
        size_t n = in->ops->n_metrics < SWEEP_MAX_METRICS ? in->ops->n_metrics : SWEEP_MAX_METRICS;
        for (size_t j = 0; j < n; j++)
            m[j] = (view_curves_metric){j, NULL, -0.5, "n^-1/2"};
        return view_curves_draw(in, o, m, n, 0, r, g);
    }
    grid_fill(g, r, ' ', grid_style_default());
    plot_message_draw("this view of the matrix generator is not drawn yet", r, g);
    return RS_OK;
}
