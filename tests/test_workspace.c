/* test_workspace.c — core/workspace: every array aligned, in order and disjoint, the
 * byte count including the padding, and sizes that overflow refused before allocating. */
#include <criterion/criterion.h>

#include <stdint.h>
#include <string.h>

#include "workspace.h"

Test(workspace, arrays_aligned_disjoint_and_writable)
{
    const size_t counts[] = {3, 0, 17, 1, 8, 0};
    double *a[6];
    double **const slots[] = {&a[0], &a[1], &a[2], &a[3], &a[4], &a[5]};
    void *block = workspace_alloc(counts, slots, 6);
    cr_assert_not_null(block);
    const size_t bytes = workspace_bytes(counts, 6);
    /* 24, 0, 136, 8, 64, 0 bytes rounded up to 64 each */
    cr_assert_eq(bytes, 64 + 0 + 192 + 64 + 64 + 0);
    const uintptr_t lo = (uintptr_t)block;
    for (size_t i = 0; i < 6; i++) {
        const uintptr_t p = (uintptr_t)a[i];
        cr_assert_eq(p % WORKSPACE_ALIGN, 0, "array %zu", i);
        cr_assert(p >= lo && p + counts[i] * sizeof(double) <= lo + bytes, "array %zu", i);
        if (i > 0)
            cr_assert(p >= (uintptr_t)(a[i - 1] + counts[i - 1]), "array %zu after %zu", i, i - 1);
        for (size_t j = 0; j < counts[i]; j++)
            a[i][j] = 2.385 * (double)(i + j); /* ASan checks every array is inside */
    }
    workspace_free(block);
    workspace_free(NULL);
}

Test(workspace, overflow_and_empty_refused)
{
    const size_t huge[] = {SIZE_MAX / 8, 1};
    double *a = NULL, *b = NULL;
    double **const slots[] = {&a, &b};
    cr_assert_eq(workspace_bytes(huge, 2), 0);
    cr_assert_null(workspace_alloc(huge, slots, 2));
    cr_assert_null(a, "no slot written on failure");
    const size_t two_halves[] = {SIZE_MAX / 16, SIZE_MAX / 16};
    cr_assert_eq(workspace_bytes(two_halves, 2), 0, "the sum overflows");
    cr_assert_eq(workspace_bytes(huge, 0), 0);
    const size_t none[] = {0, 0};
    cr_assert_eq(workspace_bytes(none, 2), WORKSPACE_ALIGN, "a block of empty arrays");
}

Test(workspace, arena_reuses_a_slot_and_grows_it_only_for_a_larger_job)
{
    workspace_arena a;
    workspace_arena_init(&a);
    double *x = NULL, *y = NULL;
    double **const slots[] = {&x, &y};
    const size_t small[] = {100, 7}, large[] = {WORKSPACE_HUGE_BYTES / sizeof(double), 3};
    void *b1 = workspace_take(&a, 0, small, slots, 2);
    cr_assert_not_null(b1);
    x[99] = y[6] = 2.385;
    workspace_put(&a, b1); /* kept by the arena */
    void *b2 = workspace_take(&a, 0, small, slots, 2);
    cr_assert_eq(b2, b1, "the same job size reuses the block");
    void *b3 = workspace_take(&a, 0, large, slots, 2);
    cr_assert_not_null(b3);
    cr_assert_eq((uintptr_t)b3 % WORKSPACE_HUGE_BYTES, 0, "a large block starts on a huge page");
    x[large[0] - 1] = y[2] = 2.385;
    void *b4 = workspace_take(&a, 0, small, slots, 2);
    cr_assert_eq(b4, b3, "a smaller job keeps the grown block");
    cr_assert_null(workspace_take(&a, WORKSPACE_ARENA_SLOTS, small, slots, 2));
    workspace_arena_done(&a);
    cr_assert_null(a.block[0]);
    void *own = workspace_take(NULL, 0, small, slots, 2); /* no arena: the caller's block */
    cr_assert_not_null(own);
    workspace_put(NULL, own);
}
