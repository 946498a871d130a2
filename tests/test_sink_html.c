/* test_sink_html.c — HTML sink: a well-formed page (xmllint), escaping, spans. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sink_html.h"
#include "ui_fixtures.h"

static char *sink_html_test_write(const grid *g, const char *title, char *path, size_t len)
{
    snprintf(path, len, "/tmp/rs_test_html_%ld.html", (long)getpid());
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    cr_assert_eq(sink_html_write(g, title, f), RS_OK);
    fclose(f);
    f = fopen(path, "rb");
    char *buf = calloc(1, 1 << 22);
    const size_t n = fread(buf, 1, (1 << 22) - 1, f);
    fclose(f);
    buf[n] = 0;
    return buf;
}

/* Occurrences of needle in s. */
static size_t sink_html_test_count(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* 0 when both the HTML parser and the (stricter) XML parser accept the page. */
static int sink_html_test_lint(const char *path)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "xmllint --html --noout '%s' 2>&1 && xmllint --noout '%s' 2>&1", path,
             path);
    return system(cmd);
}

Test(sink_html, escaping_and_balanced_spans)
{
    grid *g = grid_alloc(24, 2);
    grid_puts(g, 0, 0, "<pre> & \"q\" 'x'", 24, grid_style_make(39, -1, 0));
    grid_puts(g, 0, 1, "</span></pre>", 24, grid_style_make(-1, 52, GRID_ATTR_REVERSE));
    char path[128];
    char *html = sink_html_test_write(g, "a <title> & more", path, sizeof path);
    cr_assert_eq(sink_html_test_lint(path), 0, "xmllint rejects:\n%s", html);
    cr_assert_not_null(strstr(html, "&lt;pre&gt; &amp; &quot;q&quot; &#39;x&#39;"));
    cr_assert_not_null(strstr(html, "<title>a &lt;title&gt; &amp; more</title>"));
    cr_assert_eq(sink_html_test_count(html, "<span"), sink_html_test_count(html, "</span>"));
    cr_assert_eq(sink_html_test_count(html, "<span"), 2, "one span per style run");
    cr_assert_eq(sink_html_test_count(html, "<pre>"), 1);
    cr_assert_not_null(strstr(html, "color:#5f0000;background:#d0d0d0"),
                       "reverse video swaps the colours\n%s", html);
    unlink(path);
    free(html);
    grid_free(g);
}

Test(sink_html, every_fixture_is_well_formed)
{
    for (int id = 0; id < FIX_COUNT; id++) {
        grid *g = grid_alloc(100, 30);
        cr_assert_eq(fixture_draw((fixture_id)id, (grid_rect){0, 0, 100, 30}, g), RS_OK);
        char path[128];
        char *html = sink_html_test_write(g, fixture_name((fixture_id)id), path, sizeof path);
        cr_assert_eq(sink_html_test_lint(path), 0, "%s", fixture_name((fixture_id)id));
        cr_assert_eq(sink_html_test_count(html, "<span"), sink_html_test_count(html, "</span>"));
        unlink(path);
        free(html);
        grid_free(g);
    }
}
