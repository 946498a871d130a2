/* workspace.c — one allocation carved into the arrays of a workspace (see workspace.h). */
#include "workspace.h"

#include <stdint.h>
#include <stdlib.h>

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

void *workspace_alloc(const size_t *counts, double **const *slots, size_t n)
{
    const size_t total = workspace_bytes(counts, n);
    if (total == 0)
        return NULL;
    /* total is a multiple of WORKSPACE_ALIGN, as aligned_alloc requires */
    char *block = aligned_alloc(WORKSPACE_ALIGN, total);
    if (!block)
        return NULL;
    int ok = 1;
    size_t off = 0;
    for (size_t i = 0; i < n; i++) {
        *slots[i] = (double *)(void *)(block + off);
        off += padded_bytes(counts[i], &ok);
    }
    return block;
}

void workspace_free(void *block)
{
    free(block);
}
