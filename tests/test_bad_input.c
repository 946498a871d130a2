/* test_bad_input.c — the project's table of bad inputs (issue 16), each run through the
 * binary (RELUSCOPE, set by meson) in an empty scratch directory: exit status 2, exactly
 * one line on stderr that names the key, value or path, nothing on stdout, no file left
 * behind, and done within BOUND_S seconds (the input is refused before computing). One
 * parameterised case per row, so that one failure does not hide the rest; the suite runs
 * on the release and the sanitizer build.
 *
 * Row fields: `pre`, a shell command run first in the scratch directory (what it makes
 * is not counted as output); `args`, the shell words after the binary; `preset`, text
 * written to p.ini first (`len` bytes when non-zero, so it may hold NUL bytes); `needle`,
 * what the line must contain. In args and needle, @D is the scratch directory, @P the
 * preset file, @L 3000 'a' and @9 3000 '9' (huge strings). */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { BOUND_S = 10, HUGE_LEN = 3000 };

typedef struct {
    const char *pre, *args, *preset;
    size_t len;
    const char *needle;
} bad_row;

#define B "--batch "
#define PRE(body) "[preset]\ntitle = t\n[params]\n" body

static bad_row rows[] = {
    /* keys */
    {.args = B "--set foo=1", .needle = "unknown key 'foo'"},
    {.args = B "--set N=5", .needle = "unknown key 'N'"},
    {.args = B "--set =5", .needle = "--set =5: allowed KEY=VALUE"},
    {.args = B "--set n", .needle = "--set n: allowed KEY=VALUE"},
    {.args = B "--set @L=1", .needle = "--set aaaa"},
    {.args = B "--set 'ñ=1'", .needle = "unknown key 'ñ'"},
    {.args = B "--set mu=5", .needle = "mu=5: not a key of generator relu"},
    {.args = B "--set generator=teacher --set estimator=svd",
     .needle = "estimator=svd: not a key of generator teacher"},
    {.args = B "--set generator=quadratic --set kappa=2",
     .needle = "kappa=2: not a key of generator quadratic"},
    {.args = B "--set iters=5", .needle = "iters=5: not a key of generator relu"},
    {.args = B "--set generator=matrix --set loss=l2",
     .needle = "loss=l2: not a key of generator matrix"},
    /* --b (issue 17, point 2): B's pairs are checked as --set pairs */
    {.args = B "--b kappa", .needle = "--b kappa: allowed KEY=VALUE"},
    {.args = B "--b", .needle = "--b : allowed KEY=VALUE"},
    {.args = B "--b foo=1", .needle = "--b unknown key 'foo'"},
    {.args = B "--b kappa=0.5", .needle = "--b kappa=0.5: allowed a number from 1 to 1e+08"},
    {.args = B "--b mu=5", .needle = "--b mu=5: not a key of generator relu"},
    {.args = B "--b generator=teacher", .needle = "--b generator=teacher: A and B share"},
    {.args = "--screenshot @D/x.txt --b k=9", .needle = "--b: B is not valid"},
    /* a phase-map A/B batch writes both sides under one pair of key columns */
    {.args = B "--set sweep=n --set sweep2=kappa --set sweep2_values=1,10 --b sweep2=bias_scale",
     .needle = "--b with a phase-map batch: A (sweep=n, sweep2=kappa) and B (sweep=n, "
               "sweep2=bias_scale) "
               "differ; allowed --b pairs that keep both swept keys"},
    {.args = B "--set sweep=n --b sweep2=kappa --b sweep2_values=1,10",
     .needle = "--b with a phase-map batch: A (sweep=n, sweep2=none) and B (sweep=n, "
               "sweep2=kappa) differ"},
    {.pre = "\"$RELUSCOPE\" --batch --set runs=1 --set sweep=n --set sweep_values=1000,2000 "
            "--b kappa=10 > ab.csv",
     .args = "--load ab.csv --batch",
     .needle = ": an A/B pair's file (--b): two sweeps, not shards of one"},
    {.pre = "\"$RELUSCOPE\" --batch --format json --set runs=1 --set sweep=n "
            "--set sweep_values=1000,2000 --b kappa=10 > ab.json",
     .args = "--load ab.json --batch",
     .needle = "ab.json:1: an A/B pair's file (--b)"},
    /* a phase map's A/B file (two maps) as well */
    {.pre = "\"$RELUSCOPE\" --batch --set runs=1 --set n=2000 --set sweep=r --set "
            "sweep_values=2,3 --set sweep2=lambda --set sweep2_values=0.05,0.5 --b kappa=10 "
            "> abmap.csv",
     .args = "--load abmap.csv --batch",
     .needle = "abmap.csv:39: an A/B pair's file (--b): two sweeps, not shards of one"},
    /* values: not numbers, not finite, not decimal, empty, huge, unicode */
    {.args = B "--set n=abc", .needle = "n=abc: allowed an integer from 1 to 1000000000"},
    {.args = B "--set n=nan", .needle = "n=nan: allowed"},
    {.args = B "--set kappa=inf", .needle = "kappa=inf: allowed a number from 1 to 1e+08"},
    {.args = B "--set kappa=-inf", .needle = "kappa=-inf: allowed"},
    {.args = B "--set kappa=1e400", .needle = "kappa=1e400: allowed"},
    {.args = B "--set n=0x10", .needle = "n=0x10: allowed"},
    {.args = B "--set kappa=0x1p3", .needle = "kappa=0x1p3: allowed"},
    {.args = B "--set n=", .needle = "n=: allowed"},
    {.args = B "--set 'n= '", .needle = "n= : allowed"},
    {.args = B "--set n=1.5", .needle = "n=1.5: allowed"},
    {.args = B "--set n=-1", .needle = "n=-1: allowed"},
    {.args = B "--set n=@9", .needle = "n=9999"},
    {.args = B "--set 'n=５'", .needle = "n=５: allowed"},
    {.args = B "--set 'kappa=2 3'", .needle = "kappa=2 3: allowed"},
    {.args = B "--set generator=nope", .needle = "generator=nope: allowed one of relu|"},
    {.args = B "--set estimator=magic", .needle = "estimator=magic: allowed one of"},
    {.args = B "--set compare=sgd,foo", .needle = "compare=sgd,foo: allowed"},
    {.args = B "--set compare=svd", .needle = "compare=svd: allowed"},
    {.args = B "--set view=learning", .needle = "view=learning: allowed curves|"},
    {.args = B "--set sweep=seed", .needle = "sweep=seed"},
    {.args = B "--set sweep=bogus", .needle = "sweep=bogus"},
    {.args = B "--set sweep_values=1,,2", .needle = "sweep_values=1,,2"},
    /* ranges at and past their ends */
    {.args = B "--set n=0", .needle = "n=0: allowed an integer from 1"},
    {.args = B "--set n=1000000001", .needle = "n=1000000001: allowed"},
    {.args = B "--set d=0", .needle = "d=0: allowed"},
    {.args = B "--set d=2001", .needle = "d=2001: allowed"},
    {.args = B "--set kappa=0.999", .needle = "kappa=0.999: allowed"},
    {.args = B "--set kappa=100000001", .needle = "kappa=100000001: allowed"},
    {.args = B "--set runs=0", .needle = "runs=0: allowed"},
    {.args = B "--set runs=1001", .needle = "runs=1001: allowed"},
    {.args = B "--set threads=257", .needle = "threads=257: allowed"},
    {.args = B "--set seed=1000000000000001", .needle = "seed=1000000000000001: allowed"},
    {.args = B "--set sweep_steps=0", .needle = "sweep_steps=0: allowed"},
    {.args = B "--set sweep_steps=65", .needle = "sweep_steps=65: allowed"},
    {.args = B "--set bias_scale=100.5", .needle = "bias_scale=100.5: allowed"},
    /* across keys, every generator */
    {.args = B "--set d=3 --set k=4", .needle = "k=4"},
    {.args = B "--set coord=5", .needle = "coord=5"},
    {.args = B "--set sweep=n --set sweep_from=-1 --set sweep_to=10", .needle = "sweep_from=-1"},
    {.args = B "--set sweep=d --set sweep_values=5,9,0", .needle = "d=0"},
    {.args = B "--set generator=teacher --set loss=llsfe --set d=17",
     .needle = "d=17: allowed 1..16 with the llsfe loss"},
    {.args = B "--set generator=teacher --set llsfe_degree=3",
     .needle = "llsfe_degree=3: allowed 2 or 4"},
    {.args = B "--set generator=teacher --set loss=llsfe --set llsfe_degree=4 --set d=4",
     .needle = "d=4: allowed 1..3 with llsfe_degree=4"},
    {.args = B "--set generator=teacher --set lr=0", .needle = "lr=0: allowed"},
    {.args = B "--set generator=matrix --set estimator=sgd",
     .needle = "estimator=sgd: allowed mle|svd for matrix"},
    {.args = B "--set generator=matrix --set k=60", .needle = "k=60"},
    {.args = B "--set generator=quadratic --set r=0.5", .needle = "r=0.5: allowed"},
    {.args = B "--set generator=quadratic --set view=learning",
     .needle = "view=learning: allowed curves|angles|landscape|data|phase for quadratic"},
    /* sgd keeps its samples in memory (the other estimators stream them) */
    {.args = B "--set n=1000000000 --set d=2000 --set estimator=sgd",
     .needle = "more than this machine"},
    /* --record records the TUI: without a terminal on stdout it would go unused */
    {.args = "--record @D/x.cast", .needle = "--record @D/x.cast: records the TUI"},
    /* options, shards, sizes */
    {.args = B "--shard 0/3", .needle = "--shard 0/3: allowed I/N"},
    {.args = B "--shard 4/3", .needle = "--shard 4/3: allowed"},
    {.args = B "--shard 1/0", .needle = "--shard 1/0: allowed"},
    {.args = B "--shard -1/3", .needle = "--shard -1/3: allowed"},
    {.args = B "--shard 1/1000001", .needle = "--shard 1/1000001: allowed"},
    {.args = B "--shard x", .needle = "--shard x: allowed"},
    {.args = B "--shard 1/@9", .needle = "--shard 1/999"},
    {.args = B "--format xml", .needle = "--format xml: allowed csv|json"},
    {.args = "--frobnicate", .needle = "--frobnicate: unknown option"},
    {.args = "--@L", .needle = "--aaa"},
    {.args = B "--screenshot x.svg", .needle = "--batch and --screenshot: allowed one"},
    {.args = "--screenshot x.svg --size 79x24", .needle = "--size 79x24: allowed COLSxROWS"},
    {.args = "--screenshot x.svg --size 80x23", .needle = "--size 80x23: allowed"},
    {.args = "--screenshot x.svg --size 1001x40", .needle = "--size 1001x40: allowed"},
    {.args = "--screenshot x.svg --size 100x", .needle = "--size 100x: allowed"},
    {.args = "--screenshot x.svg --size 18446744073709551617x40",
     .needle = "--size 18446744073709551617x40: allowed"},
    {.args = B "--preset", .needle = "--preset: needs NAME or PATH"},
    {.args = B "--preset no-such-preset", .needle = "--preset no-such-preset: no such preset"},
    {.args = B "--preset @D/missing.ini", .needle = "--preset @D/missing.ini: no such file"},
    /* screenshot paths: refused before computing */
    {.args = "--screenshot x.png", .needle = "--screenshot x.png: allowed extensions"},
    {.args = "--screenshot ''", .needle = "--screenshot: needs a PATH"},
    {.args = "--screenshot @D/nodir/x.svg", .needle = "--screenshot @D/nodir/x.svg: directory"},
    {.pre = "mkdir d.svg", .args = "--screenshot d.svg", .needle = "d.svg: is a directory"},
    {.pre = "touch f", .args = "--screenshot f/x.txt", .needle = "f/x.txt: f is not a directory"},
    {.args = "--screenshot @D/@L@L.svg", .needle = "path longer than 4095 bytes"},
    {.args = "--screenshot x.svg --set n=0", .needle = "n=0: allowed"},
    {.args = "--screenshot x.html --set generator=relu --set loss=l2",
     .needle = "loss=l2: not a key of generator relu"},
    /* preset files */
    {.preset = "\xef\xbb\xbf" PRE("foo = 1\n"),
     .args = B "--preset @P",
     .needle = "@P:4: unknown key 'foo'"},
    {.preset = "[preset]\r\ntitle = t\r\n[params]\r\nn = 0\r\n",
     .args = B "--preset @P",
     .needle = "@P:4: n=0: allowed"},
    {.preset = "[preset]\ntitle = t\0x\n[params]\n",
     .len = 28,
     .args = B "--preset @P",
     .needle = "@P:2: byte 0x00"},
    {.preset = PRE("n = 5\nn = 6\n"), .args = B "--preset @P", .needle = "@P:5: duplicate key 'n'"},
    {.preset = PRE("[params]\n"),
     .args = B "--preset @P",
     .needle = "@P:4: duplicate section [params]"},
    {.preset = "\x89PNG\r\n\x1a\n", .args = B "--preset @P", .needle = "@P:1: invalid UTF-8"},
    {.preset = "", .args = B "--preset @P", .needle = "@P: empty file"},
    {.preset = "[preset]\ntitle = t\n", .args = B "--preset @P", .needle = "@P: no [params]"},
    {.preset = "n = 5\n", .args = B "--preset @P", .needle = "@P:1: key 'n' before any section"},
    {.preset = PRE("generator = teacher\nbias = zero\n"),
     .args = B "--preset @P",
     .needle = "@P:5: bias=zero: not a key of generator teacher"},
    {.preset = PRE("generator = teacher\nloss = llsfe\nd = 17\n"),
     .args = B "--preset @P",
     .needle = "@P:6: d=17: allowed 1..16 with the llsfe loss"},
    {.preset = PRE("n = 0x10\n"), .args = B "--preset @P", .needle = "@P:4: n=0x10: allowed"},
    {.preset = PRE("kappa = ５\n"), .args = B "--preset @P", .needle = "@P:4: kappa=５: allowed"},
    {.preset = PRE("view = learning\n"),
     .args = B "--preset @P",
     .needle = "view=learning: allowed curves|"},
    {.preset = PRE("n = 5\n"),
     .args = B "--preset @P --set generator=teacher --set estimator=mle",
     .needle = "estimator=mle: not a key of generator teacher"},
};

/* pattern with @D, @P, @L, @9 expanded into out (len bytes). */
static void expand(const char *pattern, const char *dir, char *out, size_t len)
{
    size_t o = 0;
    for (const char *c = pattern; *c && o + 1 < len; c++) {
        const char *add = NULL;
        char rep = 0;
        if (c[0] == '@' && c[1] == 'D')
            add = dir;
        else if (c[0] == '@' && c[1] == 'P')
            add = "p.ini";
        else if (c[0] == '@' && (c[1] == 'L' || c[1] == '9'))
            rep = c[1] == 'L' ? 'a' : '9';
        if (add || rep) {
            const size_t n = add ? strlen(add) : HUGE_LEN;
            cr_assert_lt(o + n, len);
            if (add)
                memcpy(out + o, add, n);
            else
                memset(out + o, rep, n);
            o += n;
            c++;
        } else {
            out[o++] = *c;
        }
    }
    out[o] = 0;
}

/* The names in dir, sorted and joined, into out. */
static void listing(const char *dir, char *out, size_t len)
{
    struct dirent **names;
    const int n = scandir(dir, &names, NULL, alphasort);
    cr_assert_geq(n, 0);
    size_t o = 0;
    out[0] = 0;
    for (int i = 0; i < n; i++) {
        if (strcmp(names[i]->d_name, ".") != 0 && strcmp(names[i]->d_name, "..") != 0)
            o += (size_t)snprintf(out + o, len - o, "%s/", names[i]->d_name);
        free(names[i]);
    }
    free(names);
}

static size_t read_all(const char *path, char *buf, size_t len)
{
    FILE *f = fopen(path, "rb");
    cr_assert(f, "%s", path);
    const size_t got = fread(buf, 1, len - 1, f);
    buf[got] = 0;
    fclose(f);
    return got;
}

enum { N_ROWS = sizeof rows / sizeof rows[0] };

/* The parameters are row indexes: Criterion copies them to a test process that may be
 * a new image, where pointers into the table would not hold. */
ParameterizedTestParameters(bad_input, refused)
{
    static size_t index[N_ROWS];
    for (size_t i = 0; i < N_ROWS; i++)
        index[i] = i;
    return cr_make_param_array(size_t, index, N_ROWS);
}

ParameterizedTest(size_t *row, bad_input, refused)
{
    const bad_row *r = &rows[*row];
    char dir[] = "/tmp/rs-bad-XXXXXX", out_dir[] = "/tmp/rs-bad-out-XXXXXX";
    cr_assert(mkdtemp(dir) && mkdtemp(out_dir));
    static char args[16384], needle[16384], cmd[20000], err[16384], before[4096], after[4096];
    expand(r->args, dir, args, sizeof args);
    expand(r->needle, dir, needle, sizeof needle);
    if (r->preset) {
        char path[128];
        snprintf(path, sizeof path, "%s/p.ini", dir);
        FILE *f = fopen(path, "wb");
        const size_t len = r->len ? r->len : strlen(r->preset);
        cr_assert(f && fwrite(r->preset, 1, len, f) == len && fclose(f) == 0);
    }
    if (r->pre) { /* what pre makes is input: it is in the listing before the run */
        snprintf(cmd, sizeof cmd, "cd %s && %s", dir, r->pre);
        cr_assert_eq(system(cmd), 0, "%s", cmd);
    }
    listing(dir, before, sizeof before);
    snprintf(cmd, sizeof cmd, "cd %s && HOME=%s exec timeout %d %s %s >%s/out 2>%s/err", dir, dir,
             3 * BOUND_S, getenv("RELUSCOPE"), args, out_dir, out_dir);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    const int st = system(cmd);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    const double elapsed_s =
        (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    char path[128], out[256];
    snprintf(path, sizeof path, "%s/err", out_dir);
    read_all(path, err, sizeof err);
    snprintf(path, sizeof path, "%s/out", out_dir);
    const size_t out_len = read_all(path, out, sizeof out);
    listing(dir, after, sizeof after);
    cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 2, "%s: exit %d, stderr '%s'", r->args,
              WIFEXITED(st) ? WEXITSTATUS(st) : -1, err);
    const char *nl = strchr(err, '\n');
    cr_expect(nl && nl[1] == 0 && strncmp(err, "reluscope: ", 11) == 0,
              "%s: not one 'reluscope: ' line on stderr: '%s'", r->args, err);
    cr_expect(strstr(err, needle), "%s: '%s' lacks '%s'", r->args, err, needle);
    cr_expect_eq(out_len, 0, "%s: stdout not empty: '%s'", r->args, out);
    cr_expect_str_eq(after, before, "%s: files left behind", r->args);
    cr_expect_lt(elapsed_s, BOUND_S, "%s: took %.1f s", r->args, elapsed_s);
    char rm[256];
    snprintf(rm, sizeof rm, "rm -rf %s %s", dir, out_dir);
    cr_assert_eq(system(rm), 0);
}
