/* workspace.h — one allocation carved into the arrays of a workspace.
 *
 * Workspaces are allocated once, from integer sizes, with the sizes checked for overflow
 * before allocating (STYLE 4). Each caller lists its arrays' lengths in one table and the
 * addresses of its pointers in another, in the same order; this module adds them up,
 * allocates the block and points every slot into it. An array of another element type
 * (int, size_t, uint64_t, no wider than a double) is sized in doubles and its pointer cast
 * by the caller. */
#ifndef WORKSPACE_H
#define WORKSPACE_H

#include <stddef.h>

/* Every array starts at a multiple of this many bytes: a cache line, and a multiple of
 * every vector width the BLAS kernels load. */
enum { WORKSPACE_ALIGN = 64 };

/* Bytes of a block holding n arrays of counts[i] doubles, each starting at a multiple of
 * WORKSPACE_ALIGN. 0 when n is 0 or the total does not fit in a size_t. */
size_t workspace_bytes(const size_t *counts, size_t n);

/* Allocate one block for n arrays of counts[i] doubles and store the start of array i in
 * *slots[i] (an empty array gets a valid pointer to no elements). Returns the block, owned
 * by the caller and released with workspace_free, or NULL when workspace_bytes is 0 or the
 * allocation fails; then no slot is written. Keeps no pointer to counts or slots. The
 * arrays are not initialised. */
void *workspace_alloc(const size_t *counts, double **const *slots, size_t n);

/* Release a block of workspace_alloc; NULL does nothing. */
void workspace_free(void *block);

#endif
