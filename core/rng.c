/* SPDX-License-Identifier: MIT */
/* xoshiro256** (Blackman & Vigna) seeded by splitmix64, one per stream. */
#include <math.h>

#include "rng.h"

uint64_t rng_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void rng_seed(struct rng *r, uint64_t seed)
{
    for (int k = 0; k < RNG_STREAMS; k++) {
        /* distinct, fixed offsets so streams never share a state */
        uint64_t sm = seed ^ (0xd1b54a32d192ed03ULL * (uint64_t)(k + 1));
        for (int i = 0; i < 4; i++)
            r->s[k][i] = rng_splitmix64(&sm);
        r->has_spare[k] = 0;
        r->spare[k] = 0;
    }
}

static uint64_t rotl(uint64_t x, int n)
{
    return (x << n) | (x >> (64 - n));
}

uint64_t rng_u64(struct rng *r, int k)
{
    uint64_t *s = r->s[k];
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;

    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double rng_uniform(struct rng *r, int k)
{
    return (double)(rng_u64(r, k) >> 11) * 0x1.0p-53;
}

double rng_normal(struct rng *r, int k)
{
    double u, v, s;

    if (r->has_spare[k]) {
        r->has_spare[k] = 0;
        return r->spare[k];
    }
    do {
        u = 2.0 * rng_uniform(r, k) - 1.0;
        v = 2.0 * rng_uniform(r, k) - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    s = sqrt(-2.0 * log(s) / s);
    r->spare[k] = v * s;
    r->has_spare[k] = 1;
    return u * s;
}

int64_t rng_range(struct rng *r, int k, int64_t lo, int64_t hi)
{
    uint64_t span = (uint64_t)hi - (uint64_t)lo + 1, x, lim;

    if (span == 0)              /* the full 64-bit range */
        return (int64_t)rng_u64(r, k);
    lim = UINT64_MAX - UINT64_MAX % span;
    do
        x = rng_u64(r, k);
    while (x >= lim);
    return lo + (int64_t)(x % span);
}
