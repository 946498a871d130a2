/* glyph.c — glyph tables with their ASCII fallbacks (see glyph.h). */
#include "glyph.h"

#include <stddef.h>

static const struct {
    uint32_t uni;
    char ascii;
} glyph_table[GLYPH_COUNT] = {
    [GLYPH_HLINE] = {0x2500, '-'},
    [GLYPH_VLINE] = {0x2502, '|'},
    [GLYPH_CORNER_TL] = {0x250C, '+'},
    [GLYPH_CORNER_TR] = {0x2510, '+'},
    [GLYPH_CORNER_BL] = {0x2514, '+'},
    [GLYPH_CORNER_BR] = {0x2518, '+'},
    [GLYPH_TEE_LEFT] = {0x2524, '+'},
    [GLYPH_TEE_RIGHT] = {0x251C, '+'},
    [GLYPH_TEE_DOWN] = {0x252C, '+'},
    [GLYPH_TEE_UP] = {0x2534, '+'},
    [GLYPH_HLINE_BOLD] = {0x2501, '='},
    [GLYPH_HLINE_DASH] = {0x254C, '-'},
    [GLYPH_UPPER_HALF] = {0x2580, '"'},
    [GLYPH_FULL] = {0x2588, '#'},
    [GLYPH_SHADE] = {0x2592, ':'},
    [GLYPH_MARK_X] = {0x00D7, 'x'},
    [GLYPH_MARK_STAR] = {0x2731, '*'},
    [GLYPH_MARK_DOT] = {0x2022, 'o'},
    [GLYPH_MIDDOT] = {0x00B7, '.'},
    [GLYPH_ELLIPSIS] = {0x2026, '~'},
    [GLYPH_POINTER] = {0x25B8, '>'},
    [GLYPH_CHANGED] = {0x25CF, '*'},
    [GLYPH_WARN] = {'!', '!'},
    [GLYPH_ARROW_UP] = {0x25B2, '^'},
    [GLYPH_ARROW_DOWN] = {0x25BC, 'v'},
    [GLYPH_MARK_PLUS] = {'+', '+'},
    [GLYPH_MARK_DIAMOND] = {0x25C6, '#'},
    [GLYPH_MARK_SQUARE] = {0x25A0, '@'},
    [GLYPH_MARK_TRI] = {0x25B4, '^'},
    [GLYPH_VLINE_DASH] = {0x250A, ':'},
};

/* ASCII look-alike of each braille dot pattern (index = U+2800 offset). Rule, applied
 * once to generate the table: empty ' '; 7-8 dots '#'; a pattern spanning 3-4 dot rows
 * is '|', or '\' '/' when its top row uses one column and its bottom row the other;
 * within 1-2 rows: one column gives ':' (two rows), '\'' (high) or '.' (low); two
 * columns give the diagonals, '"' (top row), '-' (middle) or '_' (bottom row). */
/* clang-format off: one row of 32 patterns per line */
static const char glyph_braille_ascii[] = " '':.|:|'\"/-/|/|'\\--/|-|:---/|/|"
                                          ".\\\\\\-|-|||||||||:\\-\\-|-|||||||||"
                                          ".|||:|||/|/|/|/|/|||/|||/|/|/|/|"
                                          "/|||_|||/|/|/|/|/|||/|||/|/|/|/#"
                                          ".\\\\\\\\\\\\\\|||||||||\\|\\|\\|\\||||||||"
                                          ":\\\\\\_\\\\\\|||||||||\\|\\|\\|\\|||||||#"
                                          "_|||_||||||||||||||||||||||||||#"
                                          "_|||_||||||||||#|||||||#|||#|###";
/* clang-format on */
_Static_assert(sizeof glyph_braille_ascii == 256 + 1, "one character per dot pattern");

/* Lower eighth blocks U+2581..U+2588, index k = eighths filled. */
static const uint32_t glyph_eighths[9] = {' ',    0x2581, 0x2582, 0x2583, 0x2584,
                                          0x2585, 0x2586, 0x2587, 0x2588};

/* Greek lower case α..ω (U+03B1..U+03C9) as Latin look-alikes; '?' where none. */
static const char glyph_greek_ascii[] = "abgdezhtiklmnxoprsstufcyw";
_Static_assert(sizeof glyph_greek_ascii == 0x03C9 - 0x03B1 + 2, "one letter per code point");

/* Symbols that appear in labels and captions. */
static const struct {
    uint32_t uni;
    char ascii;
} glyph_symbols[] = {
    {0x2212, '-'}, {0x2013, '-'},  {0x2014, '-'}, {0x00B1, '+'}, {0x2264, '<'}, {0x2265, '>'},
    {0x2248, '~'}, {0x2192, '>'},  {0x2190, '<'}, {0x2191, '^'}, {0x2193, 'v'}, {0x221A, 'V'},
    {0x00B2, '2'}, {0x00B3, '3'},  {0x00B9, '1'}, {0x2070, '0'}, {0x207B, '-'}, {0x2074, '4'},
    {0x00BD, '/'}, {0x00B5, 'u'},  {0x2211, 'S'}, {0x221E, '8'}, {0x2016, '|'}, {0x2225, '|'},
    {0x2022, 'o'}, {0x25CF, '*'},  {0x25A0, '#'}, {0x1D40, 'T'}, {0x1D57, 't'}, {0x207A, '+'},
    {0x208B, '-'}, {0x2032, '\''}, {0x2580, '"'}, {0x2584, '_'}, {0x2591, '.'}, {0x2593, '#'},
    {0x2026, '~'}, {0x00D7, 'x'},  {0xFFFD, '?'},
};

uint32_t glyph_get(glyph_id id, bool ascii)
{
    if ((int)id < 0 || id >= GLYPH_COUNT)
        return '?';
    return ascii ? (uint32_t)glyph_table[id].ascii : glyph_table[id].uni;
}

uint32_t glyph_braille(uint8_t dots, bool ascii)
{
    return ascii ? (uint32_t)glyph_braille_ascii[dots] : 0x2800u + dots;
}

uint8_t glyph_braille_bit(int cx, int cy)
{
    /* Unicode braille numbering: dots 1-3 and 4-6 run down the columns, 7 and 8 sit
     * below them, hence the special last row. */
    const int bit = (cy == 3) ? 6 + cx : cy + 3 * cx;
    return (uint8_t)(1u << bit);
}

uint32_t glyph_eighth(int k, bool ascii)
{
    if (k <= 0)
        return ' ';
    if (k > 8)
        k = 8;
    if (ascii)
        return k < 3 ? ' ' : k < 6 ? '_' : '#';
    return glyph_eighths[k];
}

uint32_t glyph_left_eighth(int k, bool ascii)
{
    if (k <= 0)
        return ' ';
    if (k >= 8)
        return ascii ? '#' : 0x2588;
    if (ascii)
        return k >= 4 ? '#' : ' ';
    return 0x2590u - (uint32_t)k; /* U+258F is one eighth ... U+2589 seven eighths */
}

/* Box-drawing range U+2500..U+257F: horizontal, vertical or a joint. */
static char glyph_box_ascii(uint32_t cp)
{
    static const uint32_t horiz[] = {0x2500, 0x2501, 0x2504, 0x2505, 0x2508,
                                     0x2509, 0x254C, 0x254D, 0x2550};
    static const uint32_t vert[] = {0x2502, 0x2503, 0x2506, 0x2507, 0x250A,
                                    0x250B, 0x254E, 0x254F, 0x2551};
    for (size_t i = 0; i < sizeof horiz / sizeof horiz[0]; i++) {
        if (cp == horiz[i])
            return '-';
        if (cp == vert[i])
            return '|';
    }
    return '+';
}

char glyph_ascii(uint32_t cp)
{
    if (cp >= 0x20 && cp < 0x7F)
        return (char)cp;
    if (cp < 0x80)
        return '?';
    if (cp >= 0x2800 && cp <= 0x28FF)
        return glyph_braille_ascii[cp - 0x2800];
    for (size_t i = 0; i < GLYPH_COUNT; i++) /* first: its choices beat the rules below */
        if (glyph_table[i].uni == cp)
            return glyph_table[i].ascii;
    if (cp >= 0x2500 && cp <= 0x257F)
        return glyph_box_ascii(cp);
    if (cp >= 0x2581 && cp <= 0x2588)
        return (char)glyph_eighth((int)(cp - 0x2580), true);
    if (cp >= 0x2589 && cp <= 0x258F)
        return (char)glyph_left_eighth((int)(0x2590 - cp), true);
    if (cp >= 0x2080 && cp <= 0x2089) /* subscript digits: x₁ */
        return (char)('0' + (cp - 0x2080));
    if (cp >= 0x2074 && cp <= 0x2079) /* superscript digits 4..9 (¹²³ are below) */
        return (char)('4' + (cp - 0x2074));
    if (cp >= 0x03B1 && cp <= 0x03C9)
        return glyph_greek_ascii[cp - 0x03B1];
    if (cp >= 0x0391 && cp <= 0x03A9) {
        const char c = glyph_greek_ascii[cp - 0x0391];
        return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
    }
    for (size_t i = 0; i < sizeof glyph_symbols / sizeof glyph_symbols[0]; i++)
        if (glyph_symbols[i].uni == cp)
            return glyph_symbols[i].ascii;
    return '?';
}
