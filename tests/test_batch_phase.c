/* test_batch_phase.c — phase maps through the binary (issue 17): --batch of a 2-D sweep
 * prints one row per (sweep value, sweep2 value, run, method) with both key columns, in
 * that order; --shard slices partition the rows; a cell depends on its pair's values
 * only (the same pair in two grids gives the same numbers); bad sweep2 settings exit 2
 * with one line; with --b (an A/B pair) each side equals its own map row for row. RELUSCOPE
 * is set by meson to the built binary. */
#include <criterion/criterion.h>

#include "support_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { OUT_LEN = 1 << 17, MAX_ROWS = 256 };

typedef struct {
    char line[512];
    char key[96]; /* "r,lambda,run,method": what identifies the row */
} row;

/* The table lines of a CSV (not '#'), header first; returns their count. The key of a row
 * is its first four fields; `line` drops the seconds column (wall time differs run to
 * run) so that two rows of one job compare equal. */
static size_t rows_of(char *csv, row *rows, size_t cap, int seconds_col)
{
    size_t n = 0;
    for (char *s = strtok(csv, "\n"); s && n < cap; s = strtok(NULL, "\n")) {
        if (s[0] == '#')
            continue;
        row *r = &rows[n++];
        size_t off = 0;
        int col = 0, commas = 0;
        for (const char *c = s; *c && off + 1 < sizeof r->line; c++) {
            if (*c == ',')
                col++;
            if (col != seconds_col)
                r->line[off++] = *c;
        }
        r->line[off] = 0;
        size_t k = 0;
        for (const char *c = s; *c && k + 1 < sizeof r->key; c++) {
            if (*c == ',' && ++commas == 4)
                break;
            r->key[k++] = *c;
        }
        r->key[k] = 0;
    }
    return n;
}

static const char *const BASE = "--batch --set n=2000 --set runs=2 --set compare=sgd,censored "
                                "--set threads=2 --set sweep=r --set sweep_values=2,3,5 "
                                "--set sweep2=lambda";

/* sweep=r, sweep2=lambda: every (r, lambda, run, estimator) once, r-major. */
Test(batch_phase, rows_for_every_pair_run_and_estimator)
{
    static char out[OUT_LEN];
    static row rows[MAX_ROWS];
    char args[1024];
    snprintf(args, sizeof args, "%s --set sweep2_values=0.05,0.5", BASE);
    cr_assert_eq(support_run(args, out, sizeof out, 0), 0, "%s", out);
    cr_assert(strstr(out, "# sweep2=lambda\n"), "the head records sweep2:\n%s", out);
    const size_t n = rows_of(out, rows, MAX_ROWS, 8);
    cr_assert_str_eq(rows[0].key, "r,lambda,run,estimator");
    cr_assert_eq(n, 1 + 3 * 2 * 2 * 2, "header + 3 r x 2 lambda x 2 runs x 2 estimators: %zu", n);
    const char *r[] = {"2", "3", "5"}, *l[] = {"0.05", "0.5"}, *m[] = {"sgd", "censored"};
    size_t i = 1;
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 2; b++)
            for (int run_ = 0; run_ < 2; run_++)
                for (int e = 0; e < 2; e++, i++) {
                    char want[96];
                    snprintf(want, sizeof want, "%s,%s,%d,%s", r[a], l[b], run_, m[e]);
                    cr_expect_str_eq(rows[i].key, want, "row %zu", i);
                }
}

/* --shard I/3 over the (pair, run) jobs: together the rows of the whole map, each once,
 * with the same numbers. */
Test(batch_phase, shards_partition_the_pairs)
{
    static char all[OUT_LEN], part[OUT_LEN];
    static row whole[MAX_ROWS], rows[MAX_ROWS];
    char args[1024];
    snprintf(args, sizeof args, "%s --set sweep2_values=0.05,0.5", BASE);
    cr_assert_eq(support_run(args, all, sizeof all, 0), 0);
    const size_t n = rows_of(all, whole, MAX_ROWS, 8);
    int seen[MAX_ROWS] = {0};
    for (int s = 1; s <= 3; s++) {
        snprintf(args, sizeof args, "%s --set sweep2_values=0.05,0.5 --shard %d/3", BASE, s);
        cr_assert_eq(support_run(args, part, sizeof part, 0), 0);
        const size_t m = rows_of(part, rows, MAX_ROWS, 8);
        cr_assert(m > 1, "shard %d has rows", s);
        for (size_t j = 1; j < m; j++) {
            size_t k = 1;
            while (k < n && strcmp(whole[k].key, rows[j].key) != 0)
                k++;
            cr_assert(k < n, "shard %d row %s not in the whole map", s, rows[j].key);
            cr_expect_str_eq(rows[j].line, whole[k].line, "shard %d changes the numbers", s);
            seen[k]++;
        }
    }
    for (size_t k = 1; k < n; k++)
        cr_expect_eq(seen[k], 1, "row %s in %d shards", whole[k].key, seen[k]);
}

/* A pair's cell depends on its values only (sweep2.h): lambda = 0.5 gives the same rows in
 * a grid of (0.05, 0.5) and of (0.5, 5), which is what lets the TUI keep finished cells
 * when a range moves. */
Test(batch_phase, a_pair_gives_the_same_numbers_in_any_grid)
{
    static char a[OUT_LEN], b[OUT_LEN];
    static row ra[MAX_ROWS], rb[MAX_ROWS];
    char args[1024];
    snprintf(args, sizeof args, "%s --set sweep2_values=0.05,0.5", BASE);
    cr_assert_eq(support_run(args, a, sizeof a, 0), 0);
    snprintf(args, sizeof args, "%s --set sweep2_values=0.5,5", BASE);
    cr_assert_eq(support_run(args, b, sizeof b, 0), 0);
    const size_t na = rows_of(a, ra, MAX_ROWS, 8), nb = rows_of(b, rb, MAX_ROWS, 8);
    size_t shared = 0;
    for (size_t i = 1; i < na; i++)
        for (size_t j = 1; j < nb; j++)
            if (strcmp(ra[i].key, rb[j].key) == 0) {
                cr_expect_str_eq(ra[i].line, rb[j].line);
                shared++;
            }
    cr_assert_eq(shared, 3 * 2 * 2, "every (r, 0.5, run, method) row in both");
}

Test(batch_phase, json_rows_carry_both_keys)
{
    static char out[OUT_LEN];
    char args[1024];
    snprintf(args, sizeof args, "%s --set sweep2_values=0.5 --format json", BASE);
    cr_assert_eq(support_run(args, out, sizeof out, 0), 0);
    cr_assert(strstr(out, "\"sweep\": \"r\", \"sweep2\": \"lambda\""), "%s", out);
    cr_assert(strstr(out, "{\"r\": 3, \"lambda\": 0.5, \"run\": 1, \"estimator\": \"censored\""),
              "%s", out);
}

/* The rows of one A/B side: AB's rows from `from` on, each the single map's row j with
 * `tag` ("A," or "B,") in front; returns the index after them. */
static size_t expect_side(const row *ab, size_t n_ab, size_t from, const row *one, size_t n_one,
                          const char *tag, const char *what)
{
    size_t i = from;
    for (size_t j = 1; j < n_one; j++, i++) {
        cr_assert(i < n_ab, "%s: AB ends before %s's row %zu", what, tag, j);
        char want[sizeof one[j].line + 4];
        snprintf(want, sizeof want, "%s%s", tag, one[j].line);
        cr_expect_str_eq(ab[i].line, want, "%s: AB row %zu", what, i);
    }
    return i;
}

/* --b with a phase map (issue 17, A/B): A's rows then B's, each side row for row its own
 * single map (seconds aside), an ab column first and a "# ab B:" head line per pair;
 * with --shard I/3 each side is sharded as its own map is. */
Test(batch_phase, ab_pair_is_each_sides_own_map)
{
    static char ab[OUT_LEN], a[OUT_LEN], b[OUT_LEN];
    static row rab[MAX_ROWS], ra[MAX_ROWS], rb[MAX_ROWS];
    char args[1024];
    for (int s = 0; s <= 3; s++) {
        char shard[32] = "", what[32];
        if (s)
            snprintf(shard, sizeof shard, " --shard %d/3", s);
        snprintf(what, sizeof what, "shard %d/3", s);
        snprintf(args, sizeof args, "%s --set sweep2_values=0.05,0.5 --b kappa=25%s", BASE, shard);
        cr_assert_eq(support_run(args, ab, sizeof ab, 0), 0, "%s", ab);
        cr_assert(strstr(ab, "\n# ab B: kappa=25\n"), "the head names B's pair:\n%s", ab);
        snprintf(args, sizeof args, "%s --set sweep2_values=0.05,0.5%s", BASE, shard);
        cr_assert_eq(support_run(args, a, sizeof a, 0), 0);
        snprintf(args, sizeof args, "%s --set sweep2_values=0.05,0.5 --set kappa=25%s", BASE,
                 shard);
        cr_assert_eq(support_run(args, b, sizeof b, 0), 0);
        const size_t nab = rows_of(ab, rab, MAX_ROWS, 9), na = rows_of(a, ra, MAX_ROWS, 8),
                     nb = rows_of(b, rb, MAX_ROWS, 8);
        cr_assert(na > 1 && nb > 1, "%s: rows on both sides", what);
        char head[sizeof ra[0].line + 4];
        snprintf(head, sizeof head, "ab,%s", ra[0].line);
        cr_expect_str_eq(rab[0].line, head);
        size_t i = expect_side(rab, nab, 1, ra, na, "A,", what);
        i = expect_side(rab, nab, i, rb, nb, "B,", what);
        cr_expect_eq(i, nab, "%s: %zu AB rows, A's %zu and B's %zu", what, nab, na - 1, nb - 1);
    }
}

/* The JSON rows of out, each without its "seconds" member (a wall time) and the comma
 * after it, and, when ab is set, with its leading "ab" member checked and removed;
 * returns their count. */
static size_t json_rows(char *out, row *rows, size_t cap, const char *ab)
{
    size_t n = 0;
    for (char *s = strtok(out, "\n"); s && n < cap; s = strtok(NULL, "\n")) {
        if (strncmp(s, "  {", 3) != 0)
            continue;
        s += 3;
        if (ab) {
            char tag[32];
            snprintf(tag, sizeof tag, "\"ab\": \"%c\", ", s[7]);
            cr_assert(strncmp(s, tag, strlen(tag)) == 0 && strchr(ab, s[7]), "%s", s);
            s += strlen(tag);
        }
        char *sec = strstr(s, "\"seconds\": "), *end = sec ? strstr(sec, ", ") : NULL;
        cr_assert(sec && end, "%s", s);
        snprintf(rows[n].line, sizeof rows[n].line, "%.*s%s", (int)(sec - s), s, end + 2);
        const size_t len = strlen(rows[n].line); /* every row but the file's last ends in ',' */
        if (len && rows[n].line[len - 1] == ',')
            rows[n].line[len - 1] = 0;
        n++;
    }
    return n;
}

Test(batch_phase, ab_pair_json_is_each_sides_own_map)
{
    static char ab[OUT_LEN], a[OUT_LEN], b[OUT_LEN];
    static row rab[MAX_ROWS], ra[MAX_ROWS], rb[MAX_ROWS];
    char args[1024];
    snprintf(args, sizeof args, "%s --set sweep2_values=0.5 --format json --b kappa=25", BASE);
    cr_assert_eq(support_run(args, ab, sizeof ab, 0), 0, "%s", ab);
    cr_assert(strstr(ab, "\"sweep\": \"r\", \"sweep2\": \"lambda\", \"ab_b\": [\"kappa=25\"], "),
              "%s", ab);
    cr_assert(strstr(ab, "  {\"ab\": \"B\", \"r\": 5, \"lambda\": 0.5, \"run\": 1, "), "%s", ab);
    snprintf(args, sizeof args, "%s --set sweep2_values=0.5 --format json", BASE);
    cr_assert_eq(support_run(args, a, sizeof a, 0), 0);
    snprintf(args, sizeof args, "%s --set sweep2_values=0.5 --format json --set kappa=25", BASE);
    cr_assert_eq(support_run(args, b, sizeof b, 0), 0);
    const size_t nab = json_rows(ab, rab, MAX_ROWS, "AB"), na = json_rows(a, ra, MAX_ROWS, NULL),
                 nb = json_rows(b, rb, MAX_ROWS, NULL);
    cr_assert_eq(na, 3 * 2 * 2, "3 r x 2 runs x 2 estimators: %zu", na);
    cr_assert_eq(nab, na + nb);
    for (size_t i = 0; i < na; i++)
        cr_expect_str_eq(rab[i].line, ra[i].line, "A row %zu", i);
    for (size_t i = 0; i < nb; i++)
        cr_expect_str_eq(rab[na + i].line, rb[i].line, "B row %zu", i);
}

Test(batch_phase, bad_second_keys_exit_2_with_one_line)
{
    support_expect_error("--batch --set sweep2=lambda",
                         "sweep2=lambda: allowed only with sweep set");
    support_expect_error("--batch --set sweep=r --set sweep2=r",
                         "sweep2=r: allowed a key other than");
    support_expect_error("--batch --set sweep=r --set sweep2=seed", "sweep2=seed: allowed");
    support_expect_error("--batch --set sweep=r --set sweep2=mu",
                         "sweep2=mu: not a key of generator");
    support_expect_error(
        "--batch --set sweep=r --set sweep2=lambda --set sweep2_from=0",
        "sweep2_from=0, sweep2_to=10: allowed positive values with sweep2_scale=log");
    support_expect_error("--batch --set sweep=n --set sweep2=d --set sweep2_values=3,9000",
                         "sweep value d=9000: d=9000: allowed an integer from 1 to 2000");
    support_expect_error("--batch --set sweep=n --set sweep2=d --set k=5 --set sweep2_values=5,3",
                         "k=5: allowed 0 (= d) or 1..d = 3 for relu (at sweep value n=10000, d=3)");
    support_expect_error("--batch --set metric=rel_err_m",
                         "metric=rel_err_m: allowed auto|err_sigma|");
    /* an unknown name lists the generator's metrics, not every generator's */
    support_expect_error("--batch --set generator=teacher --set metric=foo",
                         "metric=foo: allowed auto|e_a|loss|test_err|seconds|s2_err|s4_err|e_perm "
                         "for teacher");
    support_expect_error("--batch --set sweep2_values=1,x",
                         "sweep2_values=1,x: allowed a comma list");
}

/* The text of the file at path into out (NUL-ended), then the file removed. */
static void take_file(const char *path, char *out, size_t len)
{
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "%s", path);
    const size_t got = fread(out, 1, len - 1, f);
    out[got] = 0;
    fclose(f);
    remove(path);
}

/* --screenshot of the phase view: the map with both axes named. */
Test(batch_phase, screenshot_names_both_axes)
{
    static char out[OUT_LEN];
    char dir[] = "/tmp/rs-phase-XXXXXX", args[1024], path[256];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/p.txt", dir);
    snprintf(args, sizeof args,
             "--set n=2000 --set runs=1 --set sweep=r --set sweep_values=2,3 --set sweep2=lambda "
             "--set sweep2_values=0.05,0.5 --set view=phase --screenshot %s --size 100x30",
             path);
    cr_assert_eq(support_run(args, out, sizeof out, 1), 0, "%s", out);
    take_file(path, out, sizeof out);
    rmdir(dir);
    cr_assert(strstr(out, "6 phase"), "%s", out);
    cr_assert(strstr(out, "x → r, values as listed (columns) · y ↑ lambda, values as listed"), "%s",
              out);
    cr_assert(strstr(out, "4 of 4 cells with a finished run"), "%s", out);
}

/* --screenshot of an A/B pair's phase view: A's map beside B's when the plot is wide
 * enough (120 columns: an 80-column plot), B alone with a note when it is not (100). */
Test(batch_phase, ab_screenshot_draws_a_beside_b)
{
    static char out[OUT_LEN];
    char dir[] = "/tmp/rs-phase-XXXXXX", args[1024], path[256];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/ab.txt", dir);
    const char *sizes[] = {"120x40", "100x30"};
    for (int s = 0; s < 2; s++) {
        snprintf(args, sizeof args,
                 "--set n=2000 --set runs=1 --set sweep=r --set sweep_values=2,3 --set "
                 "sweep2=lambda --set sweep2_values=0.05,0.5 --set view=phase --b kappa=25 "
                 "--screenshot %s --size %s",
                 path, sizes[s]);
        cr_assert_eq(support_run(args, out, sizeof out, 1), 0, "%s", out);
        take_file(path, out, sizeof out);
        if (s == 0) {
            cr_expect(strstr(out, "A: kappa = 1") && strstr(out, "B: kappa = 25"), "%s", out);
            cr_expect(strstr(out, "finished cells: A 4 of 4, B 4 of 4"), "%s", out);
        } else {
            cr_expect(strstr(out, "A/B: widen the terminal to see A beside B"), "%s", out);
        }
    }
    rmdir(dir);
}

/* --load of a phase map (its shards, here two, read back in reverse order) re-writes the
 * rows of the direct run, less the seconds column: two methods per cell, and sweep2
 * values from a log range (0.01 .. 10 in 3 steps) whose text must match the grid's. */
Test(batch_phase, load_rewrites_a_phase_map)
{
    static char all[OUT_LEN], back[OUT_LEN];
    static row whole[MAX_ROWS], rows[MAX_ROWS];
    char dir[] = "/tmp/rs-phase-XXXXXX", args[1024], path[2][256];
    cr_assert_not_null(mkdtemp(dir));
    const char *grid = "--set sweep2_from=0.01 --set sweep2_to=10 --set sweep2_steps=3";
    for (int s = 0; s < 2; s++) {
        snprintf(path[s], sizeof path[s], "%s/map%d.csv", dir, s + 1);
        snprintf(args, sizeof args, "%s %s --shard %d/2 > %s", BASE, grid, s + 1, path[s]);
        cr_assert_eq(support_run(args, all, sizeof all, 0), 0);
    }
    snprintf(args, sizeof args, "%s %s", BASE, grid);
    cr_assert_eq(support_run(args, all, sizeof all, 0), 0);
    snprintf(args, sizeof args, "--load %s %s --batch", path[1], path[0]);
    cr_assert_eq(support_run(args, back, sizeof back, 1), 0, "%s", back);
    const size_t n = rows_of(all, whole, MAX_ROWS, 8), m = rows_of(back, rows, MAX_ROWS, 8);
    cr_assert_eq(n, 1 + 3 * 3 * 2 * 2, "header + 3 r x 3 lambda x 2 runs x 2 estimators: %zu", n);
    cr_assert_eq(m, n, "--load re-writes %zu of %zu lines", m, n);
    for (size_t k = 0; k < n; k++)
        cr_expect_str_eq(rows[k].line, whole[k].line, "line %zu", k);
    remove(path[0]);
    remove(path[1]);
    rmdir(dir);
}
