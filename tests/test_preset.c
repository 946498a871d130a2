/* test_preset.c — the preset reader and store: every shipped preset loads and validates,
 * each malformed preset of preset_cases.h gives its error, long lines and continuations
 * read back exactly, and a written preset reads back to bit-identical settings. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "preset.h"
#include "preset_cases.h"

static void setup(void)
{
    gsl_set_error_handler_off();
}

TestSuite(preset, .init = setup);

static char tmpdir[64];

static void make_tmpdir(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/rs_test_preset_XXXXXX");
    cr_assert(mkdtemp(tmpdir));
}

static void write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    cr_assert(f, "%s", path);
    cr_assert_eq(fwrite(text, 1, len, f), len);
    cr_assert_eq(fclose(f), 0);
}

/* "@" in pattern replaced by path. */
static void expand(const char *pattern, const char *path, char *out, size_t len)
{
    const char *at = strchr(pattern, '@');
    if (!at)
        snprintf(out, len, "%s", pattern);
    else
        snprintf(out, len, "%.*s%.300s%.300s", (int)(at - pattern), pattern, path, at + 1);
}

Test(preset, every_shipped_preset_loads_and_validates)
{
    DIR *dir = opendir(RS_PRESET_DIR);
    cr_assert(dir, "%s", RS_PRESET_DIR);
    const struct dirent *e;
    size_t count = 0;
    static preset p;
    while ((e = readdir(dir))) {
        const size_t len = strlen(e->d_name);
        if (len <= 4 || strcmp(e->d_name + len - 4, ".ini") != 0)
            continue;
        char path[PRESET_PATH];
        snprintf(path, sizeof path, "%s/%s", RS_PRESET_DIR, e->d_name);
        rs_error err = {""};
        rs_params params;
        cr_assert_eq(preset_read(path, &p, &err), RS_OK, "%s", err.msg);
        cr_assert_eq(preset_params(&p, &params, &err), RS_OK, "%s", err.msg);
        cr_assert(p.title[0] && p.caption[0], "%s: shipped presets have a title and a caption",
                  path);
        cr_assert(strlen(p.caption) > 40, "%s: caption too short to explain anything", path);
        /* Issue 14 item 10: papers are named by authors and year, never by the seeds'
         * file numbers, and every caption states its deviations from the paper. */
        for (size_t i = 0; i < 2; i++) {
            const char *text = i ? p.caption : p.title;
            cr_assert(!strstr(text, "Seed 00") && !strstr(text, "seed 00"),
                      "%s: names a paper by its file number", path);
        }
        cr_assert(strstr(p.title, " 2019") || strstr(p.title, "slides"),
                  "%s: the title names no paper by authors and year", path);
        cr_assert(strstr(p.caption, "Deviation") || strstr(p.caption, "deviation"),
                  "%s: the caption states no deviations", path);
        count++;
    }
    closedir(dir);
    cr_assert_geq(count, 20);
}

/* Issue 15, point 2: the preset menu shows each shipped preset's expected run time, the
 * wall seconds scripts/preset_times measured and wrote into its [preset] section. */
Test(preset, every_shipped_preset_has_its_expected_time)
{
    DIR *dir = opendir(RS_PRESET_DIR);
    cr_assert(dir, "%s", RS_PRESET_DIR);
    const struct dirent *e;
    size_t count = 0;
    static preset p;
    while ((e = readdir(dir))) {
        const size_t len = strlen(e->d_name);
        if (len <= 4 || strcmp(e->d_name + len - 4, ".ini") != 0)
            continue;
        char path[PRESET_PATH];
        snprintf(path, sizeof path, "%s/%s", RS_PRESET_DIR, e->d_name);
        rs_error err = {""};
        cr_assert_eq(preset_read(path, &p, &err), RS_OK, "%s", err.msg);
        cr_assert(p.expected_seconds > 0 && p.expected_line > 0,
                  "%s: no expected_seconds (run scripts/preset_times)", path);
        count++;
    }
    closedir(dir);
    cr_assert_geq(count, 20);
}

/* expected_seconds is read as a number; a preset without it reads as 0 (no figure). */
Test(preset, expected_seconds_reads_back)
{
    static preset p;
    rs_error err = {""};
    const char *with = "[preset]\ntitle = t\nexpected_seconds = 1.25\n[params]\n";
    cr_assert_eq(preset_read_mem(with, strlen(with), "w.ini", &p, &err), RS_OK, "%s", err.msg);
    cr_assert_eq(p.expected_seconds, 1.25);
    cr_assert_eq(p.expected_line, 3);
    const char *without = "[preset]\ntitle = t\n[params]\n";
    cr_assert_eq(preset_read_mem(without, strlen(without), "w.ini", &p, &err), RS_OK, "%s",
                 err.msg);
    cr_assert_eq(p.expected_seconds, 0);
}

/* The caption of a preset written as one long line (longer than libinih's 200-byte
 * buffer) reads back exactly as that line. */
Test(preset, long_caption_lines_read_back_whole)
{
    char path[PRESET_PATH];
    snprintf(path, sizeof path, "%s/matrix-basic.ini", RS_PRESET_DIR);
    FILE *f = fopen(path, "r");
    cr_assert(f);
    static char line[PRESET_LINE_MAX + 2];
    while (fgets(line, sizeof line, f) && strncmp(line, "caption = ", 10) != 0)
        ;
    fclose(f);
    line[strcspn(line, "\n")] = 0;
    cr_assert_gt(strlen(line), 600);
    static preset p;
    rs_error err;
    cr_assert_eq(preset_read(path, &p, &err), RS_OK, "%s", err.msg);
    cr_assert_str_eq(p.caption, line + 10);
}

Test(preset, long_lines_and_continuations_join_with_one_space)
{
    static char text[8192], caption[4096];
    size_t off = 0;
    for (int i = 0; off < 1000; i++)
        off += (size_t)snprintf(caption + off, sizeof caption - off, "%sw%d;#x", i ? " " : "",
                                i * 7919);
    snprintf(text, sizeof text,
             "[preset]\n title = indented key\ncaption = %s\n   and\n\tmore ; a comment\n"
             "; comment\n[params]\nsweep_values = 1, 2,\n    3\n",
             caption);
    static preset p;
    rs_error err = {""};
    cr_assert_eq(preset_read_mem(text, strlen(text), "mem.ini", &p, &err), RS_OK, "%s", err.msg);
    char expect[4200];
    snprintf(expect, sizeof expect, "%s and more", caption);
    cr_assert_str_eq(p.caption, expect);
    cr_assert_str_eq(p.title, "indented key");
    cr_assert_str_eq(p.name, "mem");
    cr_assert_eq(p.n_pairs, 1);
    cr_assert_str_eq(p.pairs[0].value, "1, 2, 3");
    cr_assert_eq(p.pairs[0].line, 8);
    rs_params params;
    cr_assert_eq(preset_params(&p, &params, &err), RS_OK, "%s", err.msg);
    cr_assert_eq(params.n_sweep_values, 3);
    cr_assert_eq(params.sweep_values[2], 3.0);
}

Test(preset, malformed_presets_give_their_error)
{
    make_tmpdir();
    static char buf[(10u << 20) + 4096];
    static preset p;
    for (size_t c = 0; c < N_PRESET_CASES; c++) {
        const preset_case *pc = &preset_cases[c];
        size_t len = pc->len ? pc->len : strlen(pc->text);
        memcpy(buf, pc->text, len);
        memset(buf + len, 'x', pc->big_line);
        len += pc->big_line;
        char path[PRESET_PATH], expect[1024];
        snprintf(path, sizeof path, "%s/case%02zu.ini", tmpdir, c);
        write_file(path, buf, len);
        expand(pc->expect, path, expect, sizeof expect);
        rs_error err = {""};
        rs_params params;
        rs_status st = preset_read(path, &p, &err);
        if (st == RS_OK)
            st = preset_params(&p, &params, &err);
        cr_assert_eq(st, RS_EINVAL, "%s: status %d", pc->what, st);
        cr_assert(strstr(err.msg, expect), "%s: '%s' lacks '%s'", pc->what, err.msg, expect);
        cr_assert(!strchr(err.msg, '\n'), "%s: more than one line", pc->what);
        /* The buffer reader agrees with the file reader. */
        rs_error err_mem = {""};
        st = preset_read_mem(buf, len, path, &p, &err_mem);
        if (st == RS_OK)
            st = preset_params(&p, &params, &err_mem);
        cr_assert_str_eq(err_mem.msg, err.msg, "%s", pc->what);
        unlink(path);
    }
    rmdir(tmpdir);
}

Test(preset, a_file_larger_than_the_limit_is_refused_without_reading_it_all)
{
    make_tmpdir();
    char path[PRESET_PATH];
    snprintf(path, sizeof path, "%s/big.ini", tmpdir);
    static char line[100];
    memset(line, ';', 99);
    line[99] = '\n';
    FILE *f = fopen(path, "wb");
    cr_assert(f);
    for (size_t i = 0; i < (3u << 20) / 100; i++)
        fwrite(line, 1, 100, f);
    fclose(f);
    static preset p;
    rs_error err = {""};
    cr_assert_eq(preset_read(path, &p, &err), RS_EINVAL);
    cr_assert(strstr(err.msg, "larger than 1048576 bytes"), "%s", err.msg);
    unlink(path);
    rmdir(tmpdir);
}

Test(preset, missing_file_and_name)
{
    static preset p;
    char out[PRESET_PATH];
    rs_error err = {""};
    cr_assert_eq(preset_read("/nonexistent/x.ini", &p, &err), RS_EIO);
    cr_assert(strstr(err.msg, "/nonexistent/x.ini: cannot open"), "%s", err.msg);
    cr_assert_eq(preset_find("no-such-preset-2385", out, &err), RS_EINVAL);
    cr_assert(strstr(err.msg, "no such preset; allowed a name from --list-presets"), "%s", err.msg);
    cr_assert_eq(preset_find("fig1-samples", out, &err), RS_OK, "%s", err.msg);
    cr_assert(strstr(out, "/fig1-samples.ini"));
}

Test(preset, user_dir_follows_xdg)
{
    char buf[PRESET_PATH];
    setenv("XDG_CONFIG_HOME", "/cfg/x", 1);
    setenv("HOME", "/home/u", 1);
    cr_assert_str_eq(preset_user_dir(buf, sizeof buf), "/cfg/x/reluscope/presets");
    setenv("XDG_CONFIG_HOME", "relative", 1);
    cr_assert_str_eq(preset_user_dir(buf, sizeof buf), "/home/u/.config/reluscope/presets");
    unsetenv("XDG_CONFIG_HOME");
    cr_assert_str_eq(preset_user_dir(buf, sizeof buf), "/home/u/.config/reluscope/presets");
    cr_assert_null(preset_user_dir(buf, 10));
    unsetenv("HOME");
    cr_assert_null(preset_user_dir(buf, sizeof buf));
}

/* Compare every table key of a and b: exact values, via their text and their numbers. */
static void assert_same_params(const rs_params *a, const rs_params *b, const char *what)
{
    for (size_t i = 0; i < param_count; i++) {
        char ta[PRESET_TEXT], tb[PRESET_TEXT];
        param_format(a, (int)i, ta, sizeof ta);
        param_format(b, (int)i, tb, sizeof tb);
        cr_assert_str_eq(ta, tb, "%s: key %s", what, param_table[i].key);
        const double xa = param_get_number(a, (int)i), xb = param_get_number(b, (int)i);
        cr_assert(memcmp(&xa, &xb, sizeof xa) == 0, "%s: key %s %.17g vs %.17g", what,
                  param_table[i].key, xa, xb);
    }
    cr_assert_eq(a->n_sweep_values, b->n_sweep_values, "%s", what);
    cr_assert(memcmp(a->sweep_values, b->sweep_values, a->n_sweep_values * sizeof(double)) == 0,
              "%s: sweep_values", what);
}

static void round_trip(const rs_params *src, const char *path, const char *title,
                       const char *caption, const preset_view *view)
{
    rs_error err = {""};
    cr_assert_eq(preset_write(path, title, caption, src, view, 0, &err), RS_OK, "%s", err.msg);
    static preset p;
    rs_params back;
    cr_assert_eq(preset_read(path, &p, &err), RS_OK, "%s", err.msg);
    cr_assert_eq(preset_params(&p, &back, &err), RS_OK, "%s", err.msg);
    cr_assert_str_eq(p.title, title);
    cr_assert_str_eq(p.caption, caption);
    cr_assert_str_eq(p.pairs[0].key, "generator");
    /* what the preset opens on reads back too (a saved screen opens as it was) */
    cr_assert_str_eq(p.panels, view && view->panels ? view->panels : "", "%s", path);
    cr_assert_str_eq(p.yscale, view && view->yscale ? view->yscale : "", "%s", path);
    cr_assert_str_eq(p.xscale, view && view->xscale ? view->xscale : "", "%s", path);
    cr_assert_str_eq(p.ylim, view && view->ylim ? view->ylim : "", "%s", path);
    assert_same_params(src, &back, path);
}

Test(preset, written_presets_read_back_identical)
{
    make_tmpdir();
    setenv("XDG_CONFIG_HOME", tmpdir, 1);
    static char names[256][256];
    const size_t n = preset_names(names, 256);
    cr_assert_geq(n, 20);
    static preset p;
    for (size_t i = 0; i < n; i++) {
        char path[PRESET_PATH], out[PRESET_PATH];
        rs_error err = {""};
        rs_params src;
        cr_assert_eq(preset_find(names[i], path, &err), RS_OK, "%s", err.msg);
        cr_assert_eq(preset_read(path, &p, &err), RS_OK, "%s", err.msg);
        cr_assert_eq(preset_params(&p, &src, &err), RS_OK, "%s", err.msg);
        snprintf(out, sizeof out, "%s/rt/%s.ini", tmpdir, names[i]);
        const preset_view view = {p.panels, p.yscale, p.xscale, p.ylim};
        round_trip(&src, out, p.title, p.caption, &view);
    }
    /* Values that 10 significant digits would not give back, and a long list. */
    rs_params q;
    param_defaults(&q, GEN_RELU);
    q.kappa = 1.0 + 0.1 * 3.0;
    q.lambda = 0.1 * 1.1 * 1.1 * 1.1;
    q.bias_scale = -2.385e-7;
    q.sweep = param_find("n");
    q.n_sweep_values = PARAM_MAX_LIST;
    for (size_t j = 0; j < PARAM_MAX_LIST; j++)
        q.sweep_values[j] = 1000.0 + 37.0 * (double)j;
    char path[PRESET_PATH];
    snprintf(path, sizeof path, "%s/deep/er/odd.ini", tmpdir);
    const preset_view axes = {.yscale = "lin", .xscale = "log", .ylim = "0.001,0.5"};
    round_trip(&q, path, "Odd values",
               "A caption long enough to wrap: "
               "kappa = 1.3 (not exactly), lambda = 0.1331, "
               "a bias scale of -2.385e-7 and sixty-four sweep values from 1000 in steps of 37.",
               &axes);
}

Test(preset, write_refuses_to_overwrite_and_bad_text)
{
    make_tmpdir();
    char path[PRESET_PATH];
    snprintf(path, sizeof path, "%s/mine.ini", tmpdir);
    rs_params q;
    param_defaults(&q, GEN_MATRIX);
    rs_error err = {""};
    cr_assert_eq(preset_write(path, "First", "one", &q, NULL, 0, &err), RS_OK, "%s", err.msg);
    cr_assert_eq(preset_write(path, "Second", "two", &q, NULL, 0, &err), RS_EINVAL);
    char expect[PRESET_PATH + 16];
    snprintf(expect, sizeof expect, "%.300s exists; allowed only with overwrite", path);
    cr_assert(strstr(err.msg, expect), "%s", err.msg);
    static preset p;
    cr_assert_eq(preset_read(path, &p, &err), RS_OK, "%s", err.msg);
    cr_assert_str_eq(p.title, "First");
    cr_assert_eq(preset_write(path, "Second", "two", &q, NULL, 1, &err), RS_OK, "%s", err.msg);
    cr_assert_eq(preset_read(path, &p, &err), RS_OK, "%s", err.msg);
    cr_assert_str_eq(p.title, "Second");
    cr_assert_eq(preset_write(path, "T", "a ; comment", &q, NULL, 1, &err), RS_EINVAL);
    cr_assert(strstr(err.msg, "';' after a space"), "%s", err.msg);
    cr_assert_eq(preset_write(path, "T\nU", "c", &q, NULL, 1, &err), RS_EINVAL);
    cr_assert(strstr(err.msg, "control character (0x0a)"), "%s", err.msg);
    cr_assert_eq(preset_write(path, "", "c", &q, NULL, 1, &err), RS_EINVAL);
    /* Nothing but the preset itself is left in the directory (no temporary files). */
    DIR *dir = opendir(tmpdir);
    size_t files = 0;
    const struct dirent *e;
    while ((e = readdir(dir)))
        files += e->d_name[0] != '.';
    closedir(dir);
    cr_assert_eq(files, 1);
}

Test(preset, names_cover_the_user_dir_sorted_and_unique)
{
    make_tmpdir();
    setenv("XDG_CONFIG_HOME", tmpdir, 1);
    char dir[PRESET_PATH], path[PRESET_PATH];
    cr_assert(preset_user_dir(dir, sizeof dir));
    rs_params q;
    param_defaults(&q, GEN_RELU);
    rs_error err = {""};
    static char before[256][256], after[256][256];
    const size_t n0 = preset_names(before, 256);
    snprintf(path, sizeof path, "%.300s/zz-mine.ini", dir);
    cr_assert_eq(preset_write(path, "Mine", "", &q, NULL, 0, &err), RS_OK, "%s", err.msg);
    snprintf(path, sizeof path, "%.300s/default.ini", dir); /* shadows the shipped default */
    cr_assert_eq(preset_write(path, "My default", "", &q, NULL, 0, &err), RS_OK, "%s", err.msg);
    const size_t n1 = preset_names(after, 256);
    cr_assert_eq(n1, n0 + 1);
    for (size_t i = 1; i < n1; i++)
        cr_assert_lt(strcmp(after[i - 1], after[i]), 0, "%s, %s", after[i - 1], after[i]);
    cr_assert_str_eq(after[n1 - 1], "zz-mine");
    char found[PRESET_PATH];
    cr_assert_eq(preset_find("default", found, &err), RS_OK);
    cr_assert_str_eq(found, path);
    cr_assert_eq(preset_names(after, 3), 3);
}

/* One child of the race: wait for the start signal on fd, save, exit 0 when saved, 1
 * when refused because the file exists, 2 otherwise. */
static void race_child(int fd, const char *path, const char *title)
{
    char c;
    if (read(fd, &c, 1) < 0)
        _exit(3);
    rs_params q;
    param_defaults(&q, GEN_RELU);
    rs_error err = {""};
    const rs_status st = preset_write(path, title, "", &q, NULL, 0, &err);
    _exit(st == RS_OK ? 0 : st == RS_EINVAL && strstr(err.msg, "exists") ? 1 : 2);
}

/* issue 16: two processes saving one new name at once: exactly one succeeds, the other is
 * told the file exists, and the file is the winner's, whole. 50 rounds. */
Test(preset, concurrent_saves_of_one_name_one_wins)
{
    make_tmpdir();
    static preset p;
    for (int round = 0; round < 50; round++) {
        char path[PRESET_PATH];
        snprintf(path, sizeof path, "%s/race%02d.ini", tmpdir, round);
        int go[2];
        cr_assert_eq(pipe(go), 0);
        pid_t pid[2];
        for (int j = 0; j < 2; j++) {
            pid[j] = fork();
            cr_assert_geq(pid[j], 0);
            if (pid[j] == 0) {
                close(go[1]);
                race_child(go[0], path, j ? "Second" : "First");
            }
        }
        close(go[0]);
        close(go[1]); /* both children read EOF at once: the start */
        int ok = 0, refused = 0;
        for (int j = 0; j < 2; j++) {
            int status;
            cr_assert_eq(waitpid(pid[j], &status, 0), pid[j]);
            cr_assert(WIFEXITED(status));
            ok += WEXITSTATUS(status) == 0;
            refused += WEXITSTATUS(status) == 1;
        }
        cr_assert(ok == 1 && refused == 1, "round %d: %d saved, %d refused", round, ok, refused);
        rs_error err = {""};
        cr_assert_eq(preset_read(path, &p, &err), RS_OK, "%s", err.msg);
        cr_assert(strcmp(p.title, "First") == 0 || strcmp(p.title, "Second") == 0);
    }
    DIR *dir = opendir(tmpdir);
    size_t files = 0;
    const struct dirent *e;
    while ((e = readdir(dir)))
        files += e->d_name[0] != '.';
    closedir(dir);
    cr_assert_eq(files, 50, "no temporary file left behind");
}

/* issue 16: a preset name is taken as typed or refused, never altered. */
Test(preset, names_are_accepted_or_refused_never_altered)
{
    rs_error err = {""};
    cr_assert_eq(preset_name_check("my-preset_2", &err), RS_OK, "%s", err.msg);
    const struct {
        const char *name, *needle;
    } bad[] = {
        {"x.ini", "allowed without .ini"},
        {"", "allowed 1 to 100"},
        {"a/b", "byte 0x2f at 2"},
        {".hidden", "byte 0x2e at 1"},
        {"caf\xc3\xa9", "byte 0xc3 at 4; allowed letters, digits, - and _ (ASCII)"},
        {"sp ace", "byte 0x20"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cr_assert_eq(preset_name_check(bad[i].name, &err), RS_EINVAL, "%s", bad[i].name);
        cr_assert(strstr(err.msg, bad[i].needle), "'%s' lacks '%s'", err.msg, bad[i].needle);
    }
    char name[PRESET_NAME_MAX + 2];
    memset(name, 'a', PRESET_NAME_MAX);
    name[PRESET_NAME_MAX] = 0;
    cr_assert_eq(preset_name_check(name, &err), RS_OK, "%s", err.msg);
    name[PRESET_NAME_MAX] = 'a';
    name[PRESET_NAME_MAX + 1] = 0;
    cr_assert_eq(preset_name_check(name, &err), RS_EINVAL);
    cr_assert(strstr(err.msg, "101 bytes; allowed 1 to 100"), "%s", err.msg);
}
