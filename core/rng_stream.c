/* rng_stream.c — per-job RNG streams. */
#include "rng_stream.h"

/* splitmix64's finaliser (Steele, Lea, Flood 2014): a bijection on 64-bit words with
 * full avalanche, so neighbouring (seed, index, run) tuples land far apart. */
static uint64_t splitmix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

uint64_t rng_stream_mix(uint64_t seed, uint64_t value_index, uint64_t run, uint64_t purpose)
{
    uint64_t h = splitmix64(seed);
    h = splitmix64(h ^ value_index);
    h = splitmix64(h ^ (run + 0x632BE59BD9B4E019ull));
    h = splitmix64(h ^ (purpose * 0x85EBCA77C2B2AE63ull));
    return h;
}

void rng_stream_reset(gsl_rng *r, uint64_t seed, uint64_t value_index, uint64_t run,
                      rng_purpose purpose)
{
    uint64_t s = rng_stream_mix(seed, value_index, run, (uint64_t)purpose);
    /* taus2 treats seed 0 as its default seed; avoid the collision. */
    if (s == 0)
        s = 1;
    gsl_rng_set(r, (unsigned long)s);
}

gsl_rng *rng_stream_alloc(uint64_t seed, uint64_t value_index, uint64_t run, rng_purpose purpose)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
    if (!r)
        return NULL;
    rng_stream_reset(r, seed, value_index, run, purpose);
    return r;
}
