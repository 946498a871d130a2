/* view_fixtures_internal.h — small helpers shared by the view_fixtures*.c files. */
#ifndef VIEW_FIXTURES_INTERNAL_H
#define VIEW_FIXTURES_INTERNAL_H

#include <stddef.h>

/* n evenly spaced points from lo to hi into x. */
void vf_linspace(double *x, size_t n, double lo, double hi);

/* n zeroed doubles (the details free them with free()); NULL when out of memory. */
double *vf_alloc(size_t n);

#endif
