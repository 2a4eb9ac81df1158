/* SPDX-License-Identifier: MIT */
/* Seeded random numbers: xoshiro256** streams seeded through splitmix64. */
#ifndef NNT_RNG_H
#define NNT_RNG_H

#include <stdint.h>

#define RNG_STREAMS 4           /* init, data, shuffle, lua */
#define RNG_LUA 3

struct rng {
    uint64_t s[RNG_STREAMS][4];
    int has_spare[RNG_STREAMS]; /* cached second normal deviate */
    double spare[RNG_STREAMS];
};

/* Returns the next splitmix64 output and advances *state. */
uint64_t rng_splitmix64(uint64_t *state);
/* Seeds every stream from seed (each stream gets its own splitmix run). */
void rng_seed(struct rng *r, uint64_t seed);
/* Returns 64 random bits from stream k. */
uint64_t rng_u64(struct rng *r, int k);
/* Returns a uniform double in [0, 1) with 53 random bits. */
double rng_uniform(struct rng *r, int k);
/* Returns a standard normal deviate (polar Box-Muller). */
double rng_normal(struct rng *r, int k);
/* Returns a uniform integer in [lo, hi] without modulo bias (lo <= hi). */
int64_t rng_range(struct rng *r, int k, int64_t lo, int64_t hi);

#endif
