/* test_batch_learning.c — --batch with view = learning (app/batch_learning.c): one row
 * per (run, loss, recorded iteration) for teacher, per (run, mle iteration) for matrix;
 * CSV and JSON; the same bytes for any thread count. RELUSCOPE is the built binary. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support_run.h"

enum { OUT_MAX = 1 << 20 };

/* Run the binary with args (support_run); stdout into a malloc'd buffer; exit status. */
static int run(const char *args, char **out)
{
    *out = calloc(OUT_MAX, 1);
    cr_assert_not_null(*out);
    return support_run(args, *out, OUT_MAX, 0);
}

/* The table of a batch CSV: past the '#' head lines (the self-describing head, issue 18). */
static const char *table(const char *csv)
{
    while (*csv == '#') {
        const char *nl = strchr(csv, '\n');
        csv = nl ? nl + 1 : csv + strlen(csv);
    }
    return csv;
}

static size_t count(const char *s, const char *needle)
{
    size_t c = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        c++;
    return c;
}

#define TEACHER                                                                                    \
    "--set generator=teacher --set view=learning --set d=3 --set n=300 "                           \
    "--set input=laplace --set compare=l2,score --set lr=1e-4 --set lr_l2=1e-3 "                   \
    "--set mu=4 --set lambda=20 --set iters=10 --set runs=2 --set seed=11 --batch"

/* --b (issue 17, point 2) on a learning batch: A's rows then B's, each in the ab column, B's
 * change in the head; A's rows are those of the batch without --b, bit for bit, and B's
 * those of the batch run at B's settings. */
Test(batch_learning, ab_pair)
{
    char *ab, *a, *b;
    cr_assert_eq(run(TEACHER " --set threads=1 --b mu=6", &ab), 0, "%s", ab);
    cr_assert_eq(run(TEACHER " --set threads=1", &a), 0);
    cr_assert_eq(run(TEACHER " --set threads=1 --set mu=6", &b), 0);
    cr_expect(strstr(ab, "\n# ab B: mu=6\n") != NULL, "%.400s", ab);
    const char *t = table(ab);
    cr_assert(strncmp(t, "ab,run,loss,iteration,e_a,", 26) == 0, "%.200s", t);
    cr_expect_eq(count(t, "\nA,"), 44, "A's rows");
    cr_expect_eq(count(t, "\nB,"), 44, "B's rows");
    /* each side's rows, with its tag dropped, are the single batch's rows in order */
    const char *sides[2] = {table(a), table(b)};
    const char *tags[2] = {"\nA,", "\nB,"};
    for (int k = 0; k < 2; k++) {
        const char *want = strchr(sides[k], '\n'); /* past the column names */
        for (const char *at = strstr(t, tags[k]); at; at = strstr(at + 1, tags[k])) {
            const char *row = at + 3, *end = strchr(row, '\n');
            const size_t len = (size_t)(end - row);
            cr_assert(strncmp(want + 1, row, len) == 0 && want[1 + len] == '\n', "side %c row %.*s",
                      'A' + k, (int)len, row);
            want = strchr(want + 1, '\n');
        }
    }
    char *json;
    cr_assert_eq(run(TEACHER " --set threads=1 --b mu=6 --format json", &json), 0);
    cr_expect(strstr(json, "\"ab_b\": [\"mu=6\"]") != NULL, "%.300s", json);
    cr_expect_eq(count(json, "{\"ab\": \"B\", \"run\":"), 44, "%.300s", json);
    free(ab), free(a), free(b), free(json);
}

Test(batch_learning, teacher_csv)
{
    char *out;
    cr_assert_eq(run(TEACHER " --set threads=1", &out), 0, "%s", out);
    cr_assert(strncmp(out, "# reluscope ", 12) == 0, "%.200s", out);
    cr_assert(strncmp(table(out), "run,loss,iteration,e_a,loss_value,e_perm,flags\n", 47) == 0,
              "%.200s", out);
    /* 2 runs x 2 losses x iterations 0..10 (all kept: fewer than TEACHER_EARLY) */
    cr_expect_eq(count(table(out), "\n"), 1 + 2 * 2 * 11, "%s", out);
    cr_expect_eq(count(table(out), ",l2,"), 22);
    cr_expect_eq(count(table(out), ",score,"), 22);
    cr_expect(strstr(out, "\n0,l2,0,") && strstr(out, "\n1,score,10,"), "%s", out);
    char *again;
    cr_assert_eq(run(TEACHER " --set threads=2", &again), 0);
    cr_expect_str_eq(table(out), table(again), "rows differ with the thread count");
    free(out);
    free(again);
}

Test(batch_learning, teacher_sweep_json)
{
    char *out;
    cr_assert_eq(run(TEACHER " --set sweep=n --set sweep_values=200,400 --format json", &out), 0,
                 "%s", out);
    cr_assert(strncmp(out, "{\"generator\": \"teacher\", \"view\": \"learning\", \"sweep\": \"n\"",
                      57) == 0,
              "%.200s", out);
    cr_expect_eq(count(out, "\"iteration\": "), 2 * 2 * 2 * 11);
    cr_expect(
        strstr(out, "{\"n\": 400, \"run\": 1, \"loss\": \"score\", \"iteration\": 10, \"e_a\": "),
        "%s", out);
    cr_expect(strstr(out, "\n]}\n"));
    free(out);
}

Test(batch_learning, matrix_csv)
{
    char *out;
    cr_assert_eq(run("--set generator=matrix --set view=learning --set d=20 --set n=400 --set k=3 "
                     "--set runs=2 --set compare=mle,svd --set seed=5 --batch",
                     &out),
                 0, "%s", out);
    cr_assert(strncmp(table(out),
                      "run,estimator,iteration,objective,nll,violation,rel_err_m,flags\n", 63) == 0,
              "%.200s", out);
    /* the MLE's iterations from the SVD warm start (0) for both runs; svd does not iterate */
    cr_expect(strstr(out, "\n0,mle,0,") && strstr(out, "\n1,mle,0,") && strstr(out, "\n0,mle,1,"),
              "%s", out);
    cr_expect_eq(count(out, ",svd,"), 0);
    free(out);
}

/* Other views keep the one-row-per-run output. */
Test(batch_learning, curves_unchanged)
{
    char *out;
    cr_assert_eq(run("--set generator=teacher --set view=curves --set d=3 --set n=300 "
                     "--set compare=score --set iters=5 --set runs=1 --batch",
                     &out),
                 0);
    cr_expect(strncmp(table(out), "run,estimator,e_a,", 18) == 0, "%.200s", out);
    cr_expect_eq(count(table(out), "\n"), 2);
    free(out);
}
