/* grid.h — placeholder; the ui toolkit replaces this. */
#ifndef GRID_H
#define GRID_H
int grid_placeholder(void);
#endif
