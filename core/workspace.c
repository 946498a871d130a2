/* workspace.c — one allocation carved into the arrays of a workspace (see workspace.h). */
#include "workspace.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

/* Bytes of counts doubles rounded up to WORKSPACE_ALIGN; 0 with *ok cleared on overflow. */
static size_t padded_bytes(size_t count, int *ok)
{
    if (count > (SIZE_MAX - WORKSPACE_ALIGN) / sizeof(double)) {
        *ok = 0;
        return 0;
    }
    const size_t b = count * sizeof(double);
    return (b + WORKSPACE_ALIGN - 1) / WORKSPACE_ALIGN * WORKSPACE_ALIGN;
}

size_t workspace_bytes(const size_t *counts, size_t n)
{
    size_t total = 0;
    int ok = 1;
    for (size_t i = 0; i < n; i++) {
        const size_t b = padded_bytes(counts[i], &ok);
        if (!ok || total > SIZE_MAX - b)
            return 0;
        total += b;
    }
    /* at least one aligned unit, so that a block of empty arrays is still a block */
    return n == 0 ? 0 : (total ? total : WORKSPACE_ALIGN);
}

/* A block of total bytes (a multiple of WORKSPACE_ALIGN): a large one on a huge-page
 * boundary, rounded up to whole huge pages and advised MADV_HUGEPAGE (a hint: where the
 * kernel keeps transparent huge pages off it changes nothing but the alignment). */
static void *block_alloc(size_t total)
{
    if (total < WORKSPACE_HUGE_BYTES)
        return aligned_alloc(WORKSPACE_ALIGN, total);
    if (total > SIZE_MAX - WORKSPACE_HUGE_BYTES)
        return NULL;
    const size_t rounded =
        (total + WORKSPACE_HUGE_BYTES - 1) / WORKSPACE_HUGE_BYTES * WORKSPACE_HUGE_BYTES;
    void *block = aligned_alloc(WORKSPACE_HUGE_BYTES, rounded);
#ifdef MADV_HUGEPAGE
    if (block)
        (void)madvise(block, rounded, MADV_HUGEPAGE); /* advice only: failure is harmless */
#endif
    return block;
}

/* Point slots[i] at array i of block. */
static void carve(char *block, const size_t *counts, double **const *slots, size_t n)
{
    int ok = 1;
    size_t off = 0;
    for (size_t i = 0; i < n; i++) {
        *slots[i] = (double *)(void *)(block + off);
        off += padded_bytes(counts[i], &ok);
    }
}

void *workspace_alloc(const size_t *counts, double **const *slots, size_t n)
{
    const size_t total = workspace_bytes(counts, n);
    if (total == 0)
        return NULL;
    char *block = block_alloc(total);
    if (!block)
        return NULL;
    carve(block, counts, slots, n);
    return block;
}

void workspace_free(void *block)
{
    free(block);
}

void workspace_arena_init(workspace_arena *a)
{
    for (size_t i = 0; i < WORKSPACE_ARENA_SLOTS; i++) {
        a->block[i] = NULL;
        a->bytes[i] = 0;
    }
}

/* An arena's large blocks are mappings of their own, so that growing one is an mremap:
 * the pages already faulted in move with it and only the new tail is faulted (a sweep
 * over d at n = 5e5 grew its X six times; each fresh block faulted all of it again). */
static int arena_mapped(size_t bytes)
{
    return bytes >= WORKSPACE_HUGE_BYTES;
}

static void arena_release(workspace_arena *a, size_t slot)
{
    if (arena_mapped(a->bytes[slot]))
        munmap(a->block[slot], a->bytes[slot]);
    else
        free(a->block[slot]);
    a->block[slot] = NULL;
    a->bytes[slot] = 0;
}

void workspace_arena_done(workspace_arena *a)
{
    for (size_t i = 0; i < WORKSPACE_ARENA_SLOTS; i++)
        arena_release(a, i);
}

/* Grow slot to at least total bytes; 0 on failure (the slot is then empty). */
static int arena_grow(workspace_arena *a, size_t slot, size_t total)
{
    if (!arena_mapped(total)) {
        arena_release(a, slot);
        a->block[slot] = aligned_alloc(WORKSPACE_ALIGN, total);
        a->bytes[slot] = a->block[slot] ? total : 0;
        return a->block[slot] != NULL;
    }
    if (total > SIZE_MAX - WORKSPACE_HUGE_BYTES)
        return 0;
    const size_t rounded =
        (total + WORKSPACE_HUGE_BYTES - 1) / WORKSPACE_HUGE_BYTES * WORKSPACE_HUGE_BYTES;
    void *block = MAP_FAILED;
    if (arena_mapped(a->bytes[slot]))
        block = mremap(a->block[slot], a->bytes[slot], rounded, MREMAP_MAYMOVE);
    if (block == MAP_FAILED) {
        arena_release(a, slot);
        block = mmap(NULL, rounded, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (block == MAP_FAILED)
            return 0;
    }
#ifdef MADV_HUGEPAGE
    (void)madvise(block, rounded, MADV_HUGEPAGE); /* advice only: failure is harmless */
#endif
    a->block[slot] = block;
    a->bytes[slot] = rounded;
    return 1;
}

void *workspace_take(workspace_arena *a, size_t slot, const size_t *counts, double **const *slots,
                     size_t n)
{
    if (!a)
        return workspace_alloc(counts, slots, n);
    const size_t total = workspace_bytes(counts, n);
    if (total == 0 || slot >= WORKSPACE_ARENA_SLOTS)
        return NULL;
    if (a->bytes[slot] < total && !arena_grow(a, slot, total)) /* contents not needed */
        return NULL;
    carve(a->block[slot], counts, slots, n);
    return a->block[slot];
}

void workspace_put(workspace_arena *a, void *block)
{
    if (!a)
        free(block);
}
