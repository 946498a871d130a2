/* rng_normals.c — GSL's ziggurat normals with the common case inline (see rng_normals.h).
 *
 * GSL's gsl_ran_gaussian_ziggurat (Marsaglia and Tsang 2000, 128 layers) takes one 32-bit
 * word k from a generator whose range is 2^32: its low byte picks a layer and a sign, the
 * other 24 bits j a point in it, and whenever j is below the layer's threshold the draw is
 * j times the layer's width, with no further word used. We learn the 256 (threshold, signed
 * width) pairs from GSL itself: a scripted generator hands the ziggurat the word (j, byte)
 * and counts how many words it asks for; one word means the rectangle accepted. The width
 * is the value returned for j = 1 and the threshold the first j that needs more, found by
 * bisection. The inline path then accepts exactly where GSL accepts and returns the same
 * product; everything else (wedges, the tail) is replayed by GSL from the rewound state. */
#include "rng_normals.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#define ZIG_J_LIMIT (1u << 24) /* the 24 bits above the layer byte */
#define SELF_CHECK_DRAWS 65536

/* The scripted generator: the first word asked for is `first`; later words are 1 (layer 1,
 * j = 0: an accepted point, so a rejected probe ends at its next word) and later doubles
 * come from a small LCG, so that a tail loop fed by them ends too. */
typedef struct {
    unsigned long first;
    unsigned calls;
    uint32_t lcg;
} script_state;

static void script_set(void *vs, unsigned long seed)
{
    script_state *s = vs;
    memset(s, 0, sizeof *s);
    s->lcg = (uint32_t)seed;
}

static unsigned long script_get(void *vs)
{
    script_state *s = vs;
    return s->calls++ == 0 ? s->first : 1ul;
}

static double script_get_double(void *vs)
{
    script_state *s = vs;
    s->calls++;
    s->lcg = s->lcg * 1664525u + 1013904223u; /* Numerical Recipes' LCG */
    return ((s->lcg >> 8) + 0.5) / 16777216.0;
}

static const gsl_rng_type script_type = {.name = "reluscope-ziggurat-probe",
                                         .max = 0xfffffffful,
                                         .min = 0,
                                         .size = sizeof(script_state),
                                         .set = script_set,
                                         .get = script_get,
                                         .get_double = script_get_double};

static uint32_t zig_thresh[256]; /* accept when j < zig_thresh[byte] */
static double zig_width[256];    /* signed: the draw is j * zig_width[byte] */
static bool inline_ok;
static pthread_once_t probe_once = PTHREAD_ONCE_INIT;

/* GSL's answer for the word (j, byte) and the number of words and doubles it used. */
static unsigned script_run(gsl_rng *p, uint32_t j, unsigned byte, double *out)
{
    script_state *s = gsl_rng_state(p);
    s->first = ((unsigned long)j << 8) | byte;
    s->calls = 0;
    *out = gsl_ran_gaussian_ziggurat(p, 1.0);
    return s->calls;
}

/* One layer: its signed width and its threshold, or threshold 0 (always GSL's). */
static void probe_layer(gsl_rng *p, unsigned byte)
{
    double x;
    zig_thresh[byte] = 0;
    zig_width[byte] = 0.0;
    if (script_run(p, 1, byte, &x) != 1 || x == 0.0)
        return;
    const double width = x;
    uint32_t lo = 1, hi = ZIG_J_LIMIT; /* lo accepted; hi the first j rejected (or the end) */
    if (script_run(p, ZIG_J_LIMIT - 1, byte, &x) == 1)
        lo = ZIG_J_LIMIT;
    while (hi - lo > 1) {
        const uint32_t mid = lo + (hi - lo) / 2;
        if (script_run(p, mid, byte, &x) == 1)
            lo = mid;
        else
            hi = mid;
    }
    /* The last accepted point must be the same multiple of the width. */
    if (lo < ZIG_J_LIMIT && (script_run(p, lo, byte, &x) != 1 || x != (double)lo * width))
        return;
    zig_width[byte] = width;
    zig_thresh[byte] = lo == ZIG_J_LIMIT ? ZIG_J_LIMIT : lo + 1;
}

/* taus2's state is three words (GSL stores them as unsigned long); each step is
 * L'Ecuyer's (1996) combined Tausworthe recurrence on 32 bits. */
typedef struct {
    uint32_t s1, s2, s3;
} taus_words;

static inline uint32_t taus_step(taus_words *t)
{
    t->s1 = ((t->s1 & 0xfffffffeu) << 12) ^ (((t->s1 << 13) ^ t->s1) >> 19);
    t->s2 = ((t->s2 & 0xfffffff8u) << 4) ^ (((t->s2 << 2) ^ t->s2) >> 25);
    t->s3 = ((t->s3 & 0xfffffff0u) << 17) ^ (((t->s3 << 3) ^ t->s3) >> 11);
    return t->s1 ^ t->s2 ^ t->s3;
}

static void fill_inline(gsl_rng *r, double *z, size_t n)
{
    unsigned long *state = gsl_rng_state(r);
    taus_words t = {(uint32_t)state[0], (uint32_t)state[1], (uint32_t)state[2]};
    for (size_t i = 0; i < n; i++) {
        const taus_words before = t;
        const uint32_t k = taus_step(&t), byte = k & 0xffu, j = k >> 8;
        if (__builtin_expect(j < zig_thresh[byte], 1)) {
            z[i] = (double)j * zig_width[byte];
            continue;
        }
        /* Outside the rectangles: rewind one word and let GSL draw this normal. */
        state[0] = before.s1, state[1] = before.s2, state[2] = before.s3;
        z[i] = gsl_ran_gaussian_ziggurat(r, 1.0);
        t = (taus_words){(uint32_t)state[0], (uint32_t)state[1], (uint32_t)state[2]};
    }
    state[0] = t.s1, state[1] = t.s2, state[2] = t.s3;
}

static void fill_gsl(gsl_rng *r, double *z, size_t n)
{
    for (size_t i = 0; i < n; i++)
        z[i] = gsl_ran_gaussian_ziggurat(r, 1.0);
}

/* The two paths must agree on values and on the state they leave, from a few seeds. */
static bool self_check(void)
{
    if (gsl_rng_taus2->size != 3 * sizeof(unsigned long))
        return false;
    gsl_rng *a = gsl_rng_alloc(gsl_rng_taus2), *b = gsl_rng_alloc(gsl_rng_taus2);
    static double za[SELF_CHECK_DRAWS], zb[SELF_CHECK_DRAWS];
    bool same = a && b;
    for (unsigned long seed = 1; same && seed <= 3; seed++) {
        gsl_rng_set(a, seed * 2654435761ul);
        gsl_rng_set(b, seed * 2654435761ul);
        fill_gsl(a, za, SELF_CHECK_DRAWS);
        fill_inline(b, zb, SELF_CHECK_DRAWS);
        same = memcmp(za, zb, sizeof za) == 0 && gsl_rng_get(a) == gsl_rng_get(b);
    }
    gsl_rng_free(a);
    gsl_rng_free(b);
    return same;
}

static void probe(void)
{
    gsl_rng *p = gsl_rng_alloc(&script_type);
    if (!p)
        return;
    unsigned accepted = 0;
    for (unsigned byte = 0; byte < 256; byte++) {
        probe_layer(p, byte);
        accepted += zig_thresh[byte] > 0;
    }
    gsl_rng_free(p);
    /* Most layers must be rectangles for the inline path to be worth its check. */
    inline_ok = accepted >= 128 && self_check();
}

bool rng_normals_inline(void)
{
    pthread_once(&probe_once, probe);
    return inline_ok;
}

void rng_normals_fill(gsl_rng *r, double *z, size_t n)
{
    if (r->type == gsl_rng_taus2 && rng_normals_inline())
        fill_inline(r, z, n);
    else
        fill_gsl(r, z, n);
}
