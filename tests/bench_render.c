/* bench_render.c — time to render a full 200 x 60 screen and diff it.
 *
 * Each frame clears a grid, draws the log-log lines fixture in the left half and a
 * heatmap in the right half (alternately the landscape with path and mark, and the
 * labelled angle matrix, so that consecutive frames differ), then counts the cells
 * that differ from the previous frame, as sink_curses does before emitting them. The
 * target is < 5 ms per frame (a 60 Hz budget with room for the worker). Figures are
 * printed, never asserted (STYLE 8). */
#include <stdio.h>
#include <time.h>

#include "grid.h"
#include "ui_fixtures.h"

#include "bench_limits.h"

enum { BENCH_W = 200, BENCH_H = 60, BENCH_FRAMES = 200 };

static double bench_now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* One frame into g; returns the cells differing from prev, then copies g into prev. */
static size_t bench_frame(grid *g, grid *prev, int i, double *draw_s, double *diff_s)
{
    const double t0 = bench_now_s();
    grid_clear(g);
    fixture_draw(FIX_LINES_LOGLOG, (grid_rect){0, 0, BENCH_W / 2, BENCH_H}, g);
    fixture_draw(i % 2 ? FIX_HEATMAP_SEQ : FIX_HEATMAP_LANDSCAPE,
                 (grid_rect){BENCH_W / 2, 0, BENCH_W / 2, BENCH_H}, g);
    const double t1 = bench_now_s();
    const size_t n = grid_diff_count(g, prev);
    grid_copy(prev, g);
    const double t2 = bench_now_s();
    *draw_s += t1 - t0;
    *diff_s += t2 - t1;
    return n;
}

int main(void)
{
    grid *g = grid_alloc(BENCH_W, BENCH_H), *prev = grid_alloc(BENCH_W, BENCH_H);
    if (!g || !prev) {
        fprintf(stderr, "bench_render: out of memory\n");
        return 1;
    }
    bench_limits lim;
    bench_limits_measure("bench_render", &lim);
    double draw_s = 0, diff_s = 0;
    const size_t first = bench_frame(g, prev, 0, &draw_s, &diff_s);
    draw_s = diff_s = 0;
    size_t changed = 0;
    const double c0 = bench_limits_cpu_s();
    for (int i = 1; i <= BENCH_FRAMES; i++)
        changed += bench_frame(g, prev, i, &draw_s, &diff_s);
    const double cpu = (bench_limits_cpu_s() - c0) / BENCH_FRAMES;
    printf("bench_render: %dx%d screen (lines plot + heatmap), %d frames\n", BENCH_W, BENCH_H,
           BENCH_FRAMES);
    printf("  draw  %.3f ms/frame\n", 1e3 * draw_s / BENCH_FRAMES);
    printf(
        "  diff  %.3f ms/frame (cells changed: first frame %zu, then %zu per frame on average)\n",
        1e3 * diff_s / BENCH_FRAMES, first, changed / BENCH_FRAMES);
    printf("  total %.3f ms/frame (target < 5 ms)\n", 1e3 * (draw_s + diff_s) / BENCH_FRAMES);
    /* the floor: the memory traffic of a frame (clear, diff reads two grids, copy) */
    const double bytes = 5.0 * BENCH_W * BENCH_H * sizeof(grid_cell);
    bench_limits_report("memory", (draw_s + diff_s) / BENCH_FRAMES, cpu,
                        bytes / (lim.mem_gbs * 1e9));
    grid_free(g);
    grid_free(prev);
    return 0;
}
