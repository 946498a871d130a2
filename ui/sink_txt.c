/* sink_txt.c — plain UTF-8 text sink (see sink_txt.h). */
#include "sink_txt.h"

/* Columns of row y up to its last non-space cell. */
static int sink_txt_row_len(const grid *g, int y)
{
    int n = g->w;
    while (n > 0 && grid_get(g, n - 1, y)->ch == ' ' && !grid_get(g, n - 1, y)->comb)
        n--;
    return n;
}

size_t sink_txt_row(const grid *g, int y, char *buf, size_t len)
{
    size_t k = 0;
    if (len == 0)
        return 0;
    if (y >= 0 && y < g->h) {
        const int n = sink_txt_row_len(g, y);
        for (int x = 0; x < n; x++) {
            char u[8];
            const int b = grid_cell_utf8(grid_get(g, x, y), g->caps.ascii, u);
            if (k + (size_t)b + 1 > len)
                break;
            for (int i = 0; i < b; i++)
                buf[k++] = u[i];
        }
    }
    buf[k] = 0;
    return k;
}

rs_status sink_txt_write(const grid *g, FILE *f)
{
    for (int y = 0; y < g->h; y++) {
        const int n = sink_txt_row_len(g, y);
        for (int x = 0; x < n; x++) {
            char u[8];
            const int b = grid_cell_utf8(grid_get(g, x, y), g->caps.ascii, u);
            if (fwrite(u, 1, (size_t)b, f) != (size_t)b)
                return RS_EIO;
        }
        if (fputc('\n', f) == EOF)
            return RS_EIO;
    }
    return ferror(f) ? RS_EIO : RS_OK;
}
