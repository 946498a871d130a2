/* test_cli.c — the binary's one-line errors and exit status 2 for bad input, and the
 * batch output's shape. RELUSCOPE is set by meson to the built binary. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "preset_cases.h"
#include "support_run.h"

/* The table of a batch CSV: past the '#' head lines (issue 18's self-describing head). */
static const char *table(const char *csv)
{
    while (*csv == '#') {
        const char *nl = strchr(csv, '\n');
        csv = nl ? nl + 1 : csv + strlen(csv);
    }
    return csv;
}

/* Lines of text that are not '#' lines (the head of issue 18, the nan trailer of
 * batch_summary.c). */
static size_t table_lines(const char *text)
{
    size_t n = 0;
    for (const char *c = text; *c; c = strchr(c, '\n') ? strchr(c, '\n') + 1 : c + strlen(c))
        n += *c != '#';
    return n;
}

Test(cli, bad_keys_values_and_shards)
{
    support_expect_error("--batch --set foo=1", "unknown key 'foo'");
    support_expect_error("--batch --set n=abc", "n=abc: allowed an integer from 1 to");
    support_expect_error("--batch --set kappa=-3", "kappa=-3: allowed a number from 1");
    support_expect_error("--batch --set estimator=svd",
                         "estimator=svd: allowed sgd|median|truncated|censored for relu");
    support_expect_error("--batch --set d=3 --set k=4", "k=4");
    support_expect_error("--batch --shard 0/3", "--shard 0/3: allowed I/N");
    support_expect_error("--batch --shard 4/3", "--shard 4/3");
    support_expect_error("--batch --shard x", "--shard x");
    support_expect_error("--batch --format xml", "--format xml: allowed csv|json");
    support_expect_error("--batch --set n", "--set n: allowed KEY=VALUE");
    support_expect_error("--frobnicate", "--frobnicate: unknown option");
    support_expect_error("--batch --preset no-such-preset", "no-such-preset");
    /* sgd keeps the n x d samples (relu streams them otherwise, issue 15) */
    support_expect_error("--batch --set n=1000000000 --set d=2000 --set estimator=sgd",
                         "more than this machine");
}

Test(cli, batch_csv_rows_and_shards_partition)
{
    char all[65536], s1[65536], s2[65536];
    const char *base =
        "--batch --set n=2000 --set runs=3 --set sweep=n --set sweep_values=1000,2000 "
        "--set compare=truncated,median --set threads=1";
    char args[1024];
    cr_assert_eq(support_run(base, all, sizeof all, 1), 0);
    cr_assert(strncmp(all, "# reluscope ", 12) == 0, "%s", all);
    cr_assert(strstr(all, "\n# shard 1/1\n# generator=relu\n"), "%s", all);
    const char *head = "n,run,estimator,err_sigma,err_b,sqrt_kl,angle_err_max,seconds,"
                       "err_b_clipped,log10_n_needed,flags\n";
    cr_assert(strncmp(table(all), head, strlen(head)) == 0, "%s", all);
    const size_t lines = table_lines(all);
    cr_assert_eq(lines, 1 + 2 * 3 * 2); /* header + values x runs x methods */
    snprintf(args, sizeof args, "%s --shard 1/2", base);
    cr_assert_eq(support_run(args, s1, sizeof s1, 1), 0);
    snprintf(args, sizeof args, "%s --shard 2/2", base);
    cr_assert_eq(support_run(args, s2, sizeof s2, 1), 0);
    const size_t l1 = table_lines(s1), l2 = table_lines(s2);
    cr_assert(strstr(s2, "\n# shard 2/2\n"), "%s", s2);
    cr_assert_eq(l1 + l2, lines + 1, "shards %zu + %zu lines", l1, l2); /* two headers */
    cr_assert(l1 > 1 && l2 > 1);
}

Test(cli, json_output)
{
    char out[65536];
    cr_assert_eq(support_run("--batch --format json --set n=1000 --set runs=1", out, sizeof out, 1),
                 0);
    cr_assert(strstr(out, "\"generator\": \"relu\""));
    cr_assert(strstr(out, "\"estimator\": \"censored\""), "%s", out); /* relu's default */
    cr_assert(strstr(out, "\"err_sigma\": "));
}

Test(cli, csv_trailer_counts_runs_left_out_of_means)
{
    /* Issue 14, item 3: ProjSGD's Sigma_hat is often not positive definite at n = 1e4
     * (sqrt_kl nan); the CSV says how many runs per point, and why. */
    char out[65536];
    cr_assert_eq(support_run("--batch --set compare=sgd,censored --set n=10000 --set runs=12 "
                             "--set threads=2",
                             out, sizeof out, 1),
                 0);
    const char *line = strstr(out, "\n# nan: sweep=0 sgd sqrt_kl: ");
    cr_assert(line, "%s", out);
    unsigned k = 0, r = 0;
    cr_assert_eq(sscanf(line, "\n# nan: sweep=0 sgd sqrt_kl: %u/%u runs (sigma_not_pd)", &k, &r), 2,
                 "%s", line);
    cr_assert(k > 0 && k < 12 && r == 12, "%u/%u", k, r);
    unsigned nan_rows = 0; /* the rows agree with the trailer */
    for (const char *c = out; (c = strstr(c, ",sgd,")) != NULL; c++) {
        const char *eol = strchr(c, '\n');
        const char *flag = strstr(c, "sigma_not_pd");
        nan_rows += flag && eol && flag < eol;
    }
    cr_assert_eq(nan_rows, k);
    cr_assert(!strstr(out, "censored sqrt_kl"), "%s", out);
}

Test(cli, relu_mle_is_an_alias_of_truncated_said_once)
{
    /* SPEC 10: relu's `mle` is now `truncated`; the rows say so and one note on stderr. */
    char out[65536];
    cr_assert_eq(
        support_run("--batch --set n=1000 --set runs=2 --set estimator=mle --set compare=mle", out,
                    sizeof out, 1),
        0);
    const char *note = "reluscope: note: relu mle is an old name, now called truncated\n";
    const char *first = strstr(out, note);
    cr_assert(first, "%s", out);
    cr_assert(!strstr(first + 1, note), "note said twice: %s", out);
    cr_assert(strstr(out, "0,truncated,") && strstr(out, "1,truncated,") && !strstr(out, ",mle,"),
              "%s", out);
    cr_assert_eq(support_run("--batch --set n=1000 --set runs=1 --set estimator=censored", out,
                             sizeof out, 1),
                 0);
    cr_assert(strstr(out, "0,censored,") && !strstr(out, "note"), "%s", out);
}

Test(cli, quadratic_rows_are_labelled_moments)
{
    /* Issue 14: the quadratic estimator is the method of moments (Tr(QaQb), Tr(QaQbQc)), not
     * an SVD; its CSV rows say `moments` whatever the estimator key's default was. */
    char out[65536];
    cr_assert_eq(support_run("--batch --set generator=quadratic --set n=1000 --set runs=2", out,
                             sizeof out, 1),
                 0);
    cr_assert(strstr(out, "\n0,moments,") && strstr(out, "\n1,moments,"), "%s", out);
    cr_assert(!strstr(out, ",svd,"), "%s", out);
}

/* Each malformed preset of preset_cases.h, through the binary: exit status 2 and its
 * error as the one line of output (stdout stays empty: nothing is computed). */
Test(cli, malformed_presets_exit_2_with_one_line)
{
    char dir[] = "/tmp/rs_test_cli_XXXXXX";
    cr_assert(mkdtemp(dir));
    static char buf[(10u << 20) + 4096];
    for (size_t c = 0; c < N_PRESET_CASES; c++) {
        const preset_case *pc = &preset_cases[c];
        size_t len = pc->len ? pc->len : strlen(pc->text);
        memcpy(buf, pc->text, len);
        memset(buf + len, 'x', pc->big_line);
        len += pc->big_line;
        char path[128], args[256], expect[512];
        snprintf(path, sizeof path, "%s/case%02zu.ini", dir, c);
        FILE *f = fopen(path, "wb");
        cr_assert(f);
        cr_assert_eq(fwrite(buf, 1, len, f), len);
        fclose(f);
        const char *at = strchr(pc->expect, '@');
        snprintf(expect, sizeof expect, "reluscope: %.*s%s%s", at ? (int)(at - pc->expect) : 0,
                 pc->expect, at ? path : "", at ? at + 1 : pc->expect);
        snprintf(args, sizeof args, "--preset %s --batch", path);
        support_expect_error(args, expect);
        unlink(path);
    }
    rmdir(dir);
}

Test(cli, list_presets_shows_every_shipped_preset_with_its_title)
{
    char out[65536];
    cr_assert_eq(support_run("--list-presets", out, sizeof out, 1), 0);
    cr_assert(strstr(out, "fig1-samples             Wu, Dimakis, Sanghavi 2019, Figure 1 (left): "
                          "error vs number of samples\n"),
              "%s", out);
    cr_assert(strstr(out, "relu-negative-bias "), "%s", out);
    cr_assert(!strstr(out, "does not load"), "%s", out);
}

Test(cli, screenshot_modes)
{
    /* bad extension and size: refused before computing, one line, status 2 */
    support_expect_error("--screenshot out.png",
                         "--screenshot out.png: allowed extensions .txt .ans .svg .html");
    support_expect_error("--screenshot out.svg --size 60x20", "--size 60x20: allowed COLSxROWS");
    support_expect_error("--screenshot out.svg --set n=0", "n=0");
    char dir[] = "/tmp/rs-shot-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    const char *small = "--set n=5000 --set sweep=n --set sweep_values=2000,5000 --set runs=2";
    const char *exts[] = {"txt", "ans", "svg", "html"};
    for (int j = 0; j < 4; j++) {
        char args[512], out[8192], path[256];
        snprintf(path, sizeof path, "%s/s.%s", dir, exts[j]);
        snprintf(args, sizeof args, "%s --screenshot %s --size 100x30", small, path);
        cr_assert_eq(support_run(args, out, sizeof out, 1), 0, "%s: %s", args, out);
        FILE *f = fopen(path, "r");
        cr_assert_not_null(f, "%s written", path);
        static char text[1 << 20];
        const size_t got = fread(text, 1, sizeof text - 1, f);
        text[got] = 0;
        fclose(f);
        cr_expect(strstr(text, "parameters") || strstr(text, "param"), "%s holds the screen", path);
        if (j == 0) { /* 30 rows of at most 100 columns, the finished computation */
            int rows = 0;
            for (const char *c = text; *c; c++)
                rows += *c == '\n';
            cr_expect_eq(rows, 30);
            cr_expect(strstr(text, "done relu"), "the screenshot shows the finished computation");
        }
        remove(path);
    }
    /* not a terminal: a text screenshot on stdout (popen's stdout is a pipe) */
    char args[512], out[1 << 16];
    snprintf(args, sizeof args, "%s --size 80x24", small);
    cr_assert_eq(support_run(args, out, sizeof out, 1), 0);
    cr_expect(strstr(out, "reluscope") && strstr(out, "parameters") && strstr(out, "done relu"),
              "stdout screenshot: %s", out);
    rmdir(dir);
}

/* issue 16: a link planted where the old writer put its temporary file (PATH.tmp) is
 * never followed: the file it points to is unchanged, the screenshot is written, and no
 * temporary file is left. */
Test(cli, screenshot_never_writes_through_a_planted_link)
{
    char dir[] = "/tmp/rs-link-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char victim[128], link_path[128], shot[128], args[512], out[8192];
    snprintf(victim, sizeof victim, "%s/victim", dir);
    snprintf(link_path, sizeof link_path, "%s/x.svg.tmp", dir);
    snprintf(shot, sizeof shot, "%s/x.svg", dir);
    FILE *f = fopen(victim, "w");
    cr_assert(f && fputs("precious\n", f) >= 0 && fclose(f) == 0);
    cr_assert_eq(symlink(victim, link_path), 0);
    snprintf(args, sizeof args,
             "--set n=2000 --set runs=1 --set sweep=none --screenshot %s --size 80x24", shot);
    cr_assert_eq(support_run(args, out, sizeof out, 1), 0, "%s", out);
    char text[64] = "";
    f = fopen(victim, "r");
    cr_assert(f && fgets(text, sizeof text, f));
    fclose(f);
    cr_assert_str_eq(text, "precious\n", "the planted link's target was written");
    f = fopen(shot, "r");
    cr_assert_not_null(f, "the screenshot was written");
    char head[8] = "";
    cr_assert(fgets(head, sizeof head, f));
    fclose(f);
    cr_assert(strncmp(head, "<svg", 4) == 0 || strncmp(head, "<?xml", 5) == 0, "%s", head);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "ls -A %s | grep -v -x -e victim -e x.svg -e x.svg.tmp", dir);
    cr_assert_neq(system(cmd), 0, "a temporary file was left behind");
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert_eq(system(cmd), 0);
}

/* issue 16: a write error on stdout (a full disk) is one line and a non-zero status in
 * every mode that prints, never a silent 0. */
Test(cli, stdout_write_errors_are_reported)
{
    const char *modes[] = {"--help", "--version", "--list-presets",
                           "--batch --set n=1000 --set runs=1 --set threads=1"};
    for (size_t j = 0; j < sizeof modes / sizeof modes[0]; j++) {
        char cmd[512], out[4096];
        snprintf(cmd, sizeof cmd, "%s %s 2>&1 >/dev/full", getenv("RELUSCOPE"), modes[j]);
        FILE *f = popen(cmd, "r");
        cr_assert(f);
        const size_t got = fread(out, 1, sizeof out - 1, f);
        out[got] = 0;
        const int st = pclose(f);
        cr_assert(WIFEXITED(st) && WEXITSTATUS(st) != 0, "%s: exit 0 on /dev/full", modes[j]);
        cr_assert(strstr(out, "reluscope: stdout: write error"), "%s: '%s'", modes[j], out);
        const char *nl = strchr(out, '\n');
        cr_assert(nl && nl[1] == 0, "%s: not one line: '%s'", modes[j], out);
    }
}

/* The screen modes open on the default preset (relu); --set generator=matrix shows the
 * matrix generator with its own defaults, not the relu preset's settings (which matrix
 * would refuse: estimator=censored) nor a word of its caption. */
Test(cli, another_generator_over_the_default_preset)
{
    char out[65536];
    const int rc = support_run("--set generator=matrix", out, sizeof out, 1); /* not a tty: text */
    cr_assert_eq(rc, 0, "%s", out);
    cr_assert(strstr(out, "matrix · curves"), "%s", out);
    cr_assert(!strstr(out, "Wz + b") && !strstr(out, "censored"), "%s", out);
    cr_expect(strstr(out, "showing matrix with its defaults"), "%s", out);
    /* a knob set on top: the note no longer claims the defaults (issue 13, point 1) */
    cr_assert_eq(support_run("--set generator=matrix --set runs=2", out, sizeof out, 1), 0, "%s",
                 out);
    cr_expect(strstr(out, "showing matrix with runs changed"), "%s", out);
    cr_expect(!strstr(out, "its defaults"), "%s", out);
}
