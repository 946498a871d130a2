/* test_sink_svg.c — SVG sink: well-formed XML (xmllint), escaping, shapes. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sink_svg.h"
#include "ui_fixtures.h"

/* Write g as SVG to a temporary file; returns its malloc'd contents, path in path. */
static char *sink_svg_test_write(const grid *g, char *path, size_t len)
{
    snprintf(path, len, "/tmp/rs_test_svg_%ld.svg", (long)getpid());
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    cr_assert_eq(sink_svg_write(g, f), RS_OK);
    fclose(f);
    f = fopen(path, "rb");
    char *buf = calloc(1, 1 << 22);
    const size_t n = fread(buf, 1, (1 << 22) - 1, f);
    fclose(f);
    buf[n] = 0;
    return buf;
}

/* Run xmllint on path; returns its exit status (0 = well-formed). */
static int sink_svg_test_xmllint(const char *path)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "xmllint --noout '%s' 2>&1", path);
    return system(cmd);
}

Test(sink_svg, text_with_markup_characters_is_escaped)
{
    grid *g = grid_alloc(30, 2);
    grid_puts(g, 0, 0, "a<b & \"c\" > 'd' θ̂", 30, grid_style_make(208, -1, GRID_ATTR_BOLD));
    grid_puts(g, 0, 1, "]]> <!-- --> &amp;", 30, grid_style_default());
    char path[128];
    char *svg = sink_svg_test_write(g, path, sizeof path);
    cr_assert_eq(sink_svg_test_xmllint(path), 0, "xmllint rejects:\n%s", svg);
    cr_assert_not_null(strstr(svg, "a&lt;b"));
    cr_assert_not_null(strstr(svg, "&amp;"));
    cr_assert_not_null(strstr(svg, "&quot;c&quot;"));
    cr_assert_not_null(strstr(svg, "&apos;d&apos;"));
    cr_assert_not_null(strstr(svg, "&amp;amp;"), "an entity in the text is text");
    cr_assert_null(strstr(svg, "<b "), "no raw markup");
    unlink(path);
    free(svg);
    grid_free(g);
}

Test(sink_svg, every_fixture_is_well_formed)
{
    for (int id = 0; id < FIX_COUNT; id++) {
        grid *g = grid_alloc(100, 30);
        cr_assert_eq(fixture_draw((fixture_id)id, (grid_rect){0, 0, 100, 30}, g), RS_OK);
        char path[128];
        char *svg = sink_svg_test_write(g, path, sizeof path);
        cr_assert_eq(sink_svg_test_xmllint(path), 0, "%s", fixture_name((fixture_id)id));
        cr_assert_not_null(strstr(svg, "width=\"900\" height=\"540\""), "fixed cell size");
        unlink(path);
        free(svg);
        grid_free(g);
    }
}

Test(sink_svg, plot_glyphs_are_shapes)
{
    grid *g = grid_alloc(3, 1);
    grid_put(g, 0, 0, 0x2580, grid_style_make(196, 21, 0)); /* ▀ */
    grid_put(g, 1, 0, 0x2801, grid_style_make(46, -1, 0));  /* one braille dot */
    grid_put(g, 2, 0, 0x2500, grid_style_make(244, -1, 0)); /* ─ */
    char path[128];
    char *svg = sink_svg_test_write(g, path, sizeof path);
    cr_assert_not_null(
        strstr(svg, "<rect x=\"0\" y=\"0\" width=\"9\" height=\"18\" fill=\"#0000ff\"/>"),
        "lower half: background rect\n%s", svg);
    cr_assert_not_null(strstr(svg, "height=\"9.00\" fill=\"#ff0000\""), "upper half rect");
    cr_assert_not_null(strstr(svg, "<circle"), "braille dot");
    cr_assert_not_null(strstr(svg, "<path d=\"M"), "box line");
    cr_assert_null(strstr(svg, "<text"), "nothing drawn as text");
    unlink(path);
    free(svg);
    grid_free(g);
}

/* Issue 13, point 13: a hat stays on its base. A renderer positions a combining mark only
 * over bases its font has anchors for (DejaVu Sans Mono: b̂ yes, Σ̂ and θ̂ no: the hat lands
 * beside the base, "Σ^"), so the marked cell is its base alone and the mark's spacing
 * form (ˆ) at the same x, raised: it sits over the base in any monospace font. */
Test(sink_svg, combining_marks_stay_on_their_base)
{
    grid *g = grid_alloc(20, 1);
    grid_puts(g, 0, 0, "errΣ̂ab", 20, grid_style_default());
    char path[128];
    char *svg = sink_svg_test_write(g, path, sizeof path);
    cr_assert_not_null(strstr(svg, ">err</text>"), "the run before the mark stands alone:\n%s",
                       svg);
    cr_assert_null(strstr(svg, "Σ̂"), "the combining mark is not left to the renderer:\n%s", svg);
    int bx = -1, by = -1, hx = -2, hy = -1;
    const char *base = strstr(svg, ">Σ</text>"), *hat = strstr(svg, ">ˆ</text>");
    cr_assert(base && hat, "the base and its hat are texts of their own:\n%s", svg);
    while (base > svg && strncmp(base, "<text", 5) != 0)
        base--;
    while (hat > svg && strncmp(hat, "<text", 5) != 0)
        hat--;
    cr_assert_eq(sscanf(base, "<text x=\"%d\" y=\"%d\"", &bx, &by), 2);
    cr_assert_eq(sscanf(hat, "<text x=\"%d\" y=\"%d\"", &hx, &hy), 2);
    cr_expect_eq(hx, bx, "the hat at its base's x (%d, %d)", hx, bx);
    cr_expect_lt(hy, by, "the hat raised above the base");
    cr_expect_eq(bx, 3 * SINK_SVG_CELL_W, "the base in its own cell");
    cr_assert_not_null(strstr(svg, ">ab</text>"));
    unlink(path);
    free(svg);
    grid_free(g);
}
