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

/* Blocks of at least this many bytes start on a huge-page boundary and are advised
 * MADV_HUGEPAGE: a block of n x d samples is then faulted in 2 MB pages, not 4 kB ones. */
enum { WORKSPACE_HUGE_BYTES = 2u << 20, WORKSPACE_ARENA_SLOTS = 4 };

/* The blocks one sweep worker thread lends to the jobs it runs, one per slot (a job's
 * own workspace in slot 0, those of its solvers in the next ones), each kept between
 * jobs and grown only when a larger job comes. Reusing them spares every job the mmap,
 * the page faults of first writes and the munmap of its large arrays (issue 15: 55-60 %
 * of a relu job at n = 5e5 was first writes to a fresh X). Owned by its thread; not
 * shared between threads. */
typedef struct {
    void *block[WORKSPACE_ARENA_SLOTS];
    size_t bytes[WORKSPACE_ARENA_SLOTS];
} workspace_arena;

/* An empty arena. */
void workspace_arena_init(workspace_arena *a);

/* Release every block of the arena; the arena is empty afterwards. */
void workspace_arena_done(workspace_arena *a);

/* As workspace_alloc, but from block `slot` of arena a, grown (its contents dropped) when
 * smaller than the arrays need. The returned block stays owned by the arena and is valid
 * until the next take of the same slot or workspace_arena_done. When a is NULL (a caller
 * without a worker, e.g. a test), a fresh block is allocated and owned by the caller.
 * Either way release it with workspace_put(a, block). NULL when the sizes overflow, slot
 * is out of range or the allocation fails; then no slot is written. */
void *workspace_take(workspace_arena *a, size_t slot, const size_t *counts, double **const *slots,
                     size_t n);

/* Give back a block of workspace_take: frees it when a is NULL, else keeps it. */
void workspace_put(workspace_arena *a, void *block);

#endif
