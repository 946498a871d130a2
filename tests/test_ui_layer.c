/* test_ui_layer.c — properties of the whole ui layer: its boundary (STYLE 1, 7: only
 * sink_curses.c includes curses; the toolkit in ui/ includes nothing from core but rs.h;
 * the generators' views in ui/view/ read core's result types, never its algorithms), and
 * that every drawing stays inside its rect at any size, however small. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "grid.h"
#include "ui_fixtures.h"

#ifndef UI_SOURCE_DIR
#error "UI_SOURCE_DIR must name the ui/ folder"
#endif

/* Call check(name, line) for every #include line of every .c/.h file in UI_SOURCE_DIR/sub. */
static int ui_layer_scan(const char *sub, void (*check)(const char *, const char *))
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/%s", UI_SOURCE_DIR, sub);
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "cannot open %s", dir);
    int files = 0;
    for (struct dirent *e; (e = readdir(d));) {
        const size_t n = strlen(e->d_name);
        if (n < 3 || (strcmp(e->d_name + n - 2, ".c") && strcmp(e->d_name + n - 2, ".h")))
            continue;
        char path[2048], line[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "r");
        cr_assert_not_null(f, "%s", path);
        while (fgets(line, sizeof line, f))
            if (strncmp(line, "#include", 8) == 0)
                check(e->d_name, line);
        fclose(f);
        files++;
    }
    closedir(d);
    return files;
}

static void ui_layer_curses(const char *file, const char *line)
{
    if (strstr(line, "curses.h>")) /* <curses.h>, <ncurses.h>, <ncursesw/curses.h> */
        cr_assert_str_eq(file, "sink_curses.c", "%s: %s", file, line);
}

/* The quoted header of an #include line into name (empty when the line has none); 1 when
 * it is a file of ui/ or ui/view/. */
static int quoted_header(const char *line, char *name, size_t len)
{
    name[0] = 0;
    const char *q = strchr(line, '"');
    if (!q)
        return 0;
    snprintf(name, len, "%s", q + 1);
    char *end = strchr(name, '"');
    if (end)
        *end = 0;
    const char *const dirs[] = {"", "/view"};
    for (size_t i = 0; i < 2; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s%s/%s", UI_SOURCE_DIR, dirs[i], name);
        FILE *f = fopen(path, "r");
        if (f) {
            fclose(f);
            return 1;
        }
    }
    return 0;
}

/* The toolkit knows no generator: from core only rs.h, and nothing of ui/view. */
static void ui_layer_toolkit(const char *file, const char *line)
{
    char name[256], path[1024];
    const int in_ui = quoted_header(line, name, sizeof name);
    if (!name[0])
        return;
    snprintf(path, sizeof path, "%s/%s", UI_SOURCE_DIR, name);
    FILE *f = fopen(path, "r");
    const int in_toolkit = f != NULL;
    if (f)
        fclose(f);
    cr_assert(in_toolkit || strcmp(name, "rs.h") == 0, "ui/%s includes %s (%s)", file, name,
              in_ui ? "a view header" : "from core");
}

/* The views read result and parameter types (STYLE 1): rs.h, param.h, sweep.h (cells),
 * model.h (names), detail_*.h (detail structs), met_*.h (metric ids), and stats.h, the
 * quantiles and log-log slope their legends print (one copy for the whole tree). Jobs,
 * generators, estimators and the other algorithm headers stay out. */
static void ui_layer_views(const char *file, const char *line)
{
    char name[256];
    const int in_ui = quoted_header(line, name, sizeof name);
    if (!name[0] || in_ui)
        return;
    const int result_type = strcmp(name, "rs.h") == 0 || strcmp(name, "param.h") == 0 ||
                            strcmp(name, "sweep.h") == 0 || strcmp(name, "model.h") == 0 ||
                            strcmp(name, "stats.h") == 0 || strncmp(name, "detail_", 7) == 0 ||
                            strncmp(name, "met_", 4) == 0;
    cr_assert(result_type, "ui/view/%s includes the core header %s, not a result type", file, name);
}

Test(ui_layer, only_sink_curses_includes_curses)
{
    cr_assert_gt(ui_layer_scan("", ui_layer_curses), 20, "the scan saw the ui sources");
    cr_assert_gt(ui_layer_scan("view", ui_layer_curses), 10, "the scan saw the view sources");
}

Test(ui_layer, toolkit_includes_nothing_from_core_but_rs_h)
{
    ui_layer_scan("", ui_layer_toolkit);
}

Test(ui_layer, views_include_only_result_types_from_core)
{
    ui_layer_scan("view", ui_layer_views);
}

Test(ui_layer, every_fixture_stays_in_its_rect_at_any_size)
{
    /* 1x1 up to 70x25 in uneven steps, at an offset inside a larger grid filled with a
     * sentinel: no crash (ASan runs this too), no cell outside the rect touched. */
    grid *g = grid_alloc(80, 30);
    for (int id = 0; id < FIX_COUNT; id++)
        for (int w = 1; w <= 70; w += 3)
            for (int h = 1; h <= 25; h += 2) {
                grid_fill(g, (grid_rect){0, 0, 80, 30}, 'Z', grid_style_default());
                const grid_rect r = {4, 3, w, h};
                const rs_status st = fixture_draw((fixture_id)id, r, g);
                cr_assert(st == RS_OK, "%s at %dx%d: status %d", fixture_name((fixture_id)id), w, h,
                          (int)st);
                for (int y = 0; y < 30; y++)
                    for (int x = 0; x < 80; x++)
                        if (x < r.x || x >= r.x + w || y < r.y || y >= r.y + h)
                            cr_assert_eq(grid_get(g, x, y)->ch, 'Z', "%s at %dx%d wrote (%d, %d)",
                                         fixture_name((fixture_id)id), w, h, x, y);
            }
    grid_free(g);
}
