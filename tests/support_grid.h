/* support_grid.h — reading a drawn grid in the screen tests, as its mono text. */
#ifndef SUPPORT_GRID_H
#define SUPPORT_GRID_H

#include <stdbool.h>
#include <string.h>

#include "grid.h"
#include "sink_txt.h"

/* Some row of g, as the .txt screenshot writes it, contains text. */
static inline bool support_grid_has(const grid *g, const char *text)
{
    char row[4096];
    for (int y = 0; y < g->h; y++) {
        sink_txt_row(g, y, row, sizeof row);
        if (strstr(row, text))
            return true;
    }
    return false;
}

#endif
