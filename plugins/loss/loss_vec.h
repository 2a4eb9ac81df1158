/* SPDX-License-Identifier: MIT */
/* Vector log1p for the landscape kernel, and its access to the shared
 * vector exp: plain IEEE arithmetic on several doubles at once, the same
 * bits on every machine and width. */
#ifndef LOSS_VEC_H
#define LOSS_VEC_H

#include <math.h>
#include <stdint.h>
#include <string.h>

/*
 * The landscape evaluates e = exp(-|z|) and log1p(e) millions of times;
 * libm does one number per call.  These work on LV_BYTES / 8 doubles at
 * once through GCC/Clang vector types (SSE2 on any x86-64; AVX2 or
 * AVX-512 when a kernel file selects them; NEON or scalar elsewhere).
 *
 *   exp:   nc_vx_exp from <nntutor/vexp.h>, the plugin library's one
 *          vector exp (the activations' too), inlined at this width.
 *   log1p: fdlibm's log1p (Sun, 1993): u = 1 + e, s = f/(2+f), the Lg
 *          polynomial, and a correction for the rounding of u.
 *
 * Both stay within 1 ulp of libm (tests/plugins/test_common.c and
 * test_loss.c check).  Every lane does the same IEEE operations (no fused
 * multiply-add under -ffp-contract=off), so any width gives the bits
 * nc_vexp and lv_log1p1 give on one number.
 */

#ifndef LV_BYTES
#define LV_BYTES 16             /* SSE2: two doubles */
#endif
#define LV_W (LV_BYTES / 8)     /* doubles in a vector */

#if defined(__GNUC__) || defined(__clang__)
#define NC_VX_BYTES LV_BYTES
#include <nntutor/vexp.h>
typedef nc_vx_d lv_d;
typedef nc_vx_i lv_i;
#define LV_INLINE static inline __attribute__((always_inline))
#else
#error "loss_vec.h needs GCC or Clang vector extensions"
#endif

/* Every lane c (vexp.h's nc_vx_splat), and lanes of a where mask m is
 * set, else of b (nc_vx_sel). */
#define lv_splat nc_vx_splat
#define lv_select nc_vx_sel

/* Returns the vector with every lane c, bit for bit (lv_splat's value
 * for any c but -0, which lv_splat makes +0), without its scalar add; a
 * c loaded from memory becomes the operand's broadcast ({1to8}). */
LV_INLINE lv_d lv_bcast(double c)
{
    lv_d v;

    for (int j = 0; j < LV_W; j++)
        v[j] = c;
    return v;
}

/* Returns LV_W doubles loaded from p (any alignment). */
LV_INLINE lv_d lv_load(const double *p)
{
    lv_d v;

    memcpy(&v, p, sizeof v);
    return v;
}

/* Stores v at p (any alignment). */
LV_INLINE void lv_store(double *p, lv_d v)
{
    memcpy(p, &v, sizeof v);
}

/* Lane masks for the kernels' hot loops, in the form the instruction set
 * selects with in one instruction (AVX-512's mask registers, AVX's
 * blend): lv_ge(a, b) and lv_lt(a, b) compare (false for NaN, as the
 * vector operators); lv_pick(m, a, b) is a where m, else b; lv_mul_if(m,
 * a, b) is a·b where m, else a; lv_min(a, b) is a where a < b, else b
 * (x86's min), lv_max(a, b) a where a > b, else b.  Every width gives the
 * same bits: each is an exact selection or a single product. */
#if LV_BYTES == 64 && defined(__AVX512F__)
#include <immintrin.h>
typedef __mmask8 lv_m;

LV_INLINE lv_m lv_ge(lv_d a, lv_d b)
{
    return _mm512_cmp_pd_mask((__m512d)a, (__m512d)b, _CMP_GE_OQ);
}

LV_INLINE lv_m lv_lt(lv_d a, lv_d b)
{
    return _mm512_cmp_pd_mask((__m512d)a, (__m512d)b, _CMP_LT_OQ);
}

LV_INLINE lv_d lv_pick(lv_m m, lv_d a, lv_d b)
{
    return (lv_d)_mm512_mask_blend_pd(m, (__m512d)b, (__m512d)a);
}

LV_INLINE lv_d lv_mul_if(lv_m m, lv_d a, lv_d b)
{
    return (lv_d)_mm512_mask_mul_pd((__m512d)a, m, (__m512d)a, (__m512d)b);
}

LV_INLINE lv_d lv_min(lv_d a, lv_d b)
{
    return (lv_d)_mm512_min_pd((__m512d)a, (__m512d)b);
}

LV_INLINE lv_d lv_max(lv_d a, lv_d b)
{
    return (lv_d)_mm512_max_pd((__m512d)a, (__m512d)b);
}
#else
typedef lv_i lv_m;

LV_INLINE lv_m lv_ge(lv_d a, lv_d b)
{
    return a >= b;
}

LV_INLINE lv_m lv_lt(lv_d a, lv_d b)
{
    return a < b;
}

#if LV_BYTES == 32 && defined(__AVX__)
#include <immintrin.h>
LV_INLINE lv_d lv_pick(lv_m m, lv_d a, lv_d b)
{
    return (lv_d)_mm256_blendv_pd((__m256d)b, (__m256d)a, (__m256d)m);
}

LV_INLINE lv_d lv_min(lv_d a, lv_d b)
{
    return (lv_d)_mm256_min_pd((__m256d)a, (__m256d)b);
}

LV_INLINE lv_d lv_max(lv_d a, lv_d b)
{
    return (lv_d)_mm256_max_pd((__m256d)a, (__m256d)b);
}
#else
LV_INLINE lv_d lv_pick(lv_m m, lv_d a, lv_d b)
{
    return lv_select(m, a, b);
}

LV_INLINE lv_d lv_min(lv_d a, lv_d b)
{
    return lv_select(a < b, a, b);
}

LV_INLINE lv_d lv_max(lv_d a, lv_d b)
{
    return lv_select(a > b, a, b);
}
#endif

LV_INLINE lv_d lv_mul_if(lv_m m, lv_d a, lv_d b)
{
    return a * lv_pick(m, b, lv_splat(1.0));
}
#endif

/* Returns the square root lane by lane (correctly rounded, as sqrt). */
LV_INLINE lv_d lv_sqrt(lv_d v)
{
#if LV_BYTES == 64 && defined(__AVX512F__)
    return (lv_d)_mm512_sqrt_pd((__m512d)v);
#elif LV_BYTES == 32 && defined(__AVX__)
    return (lv_d)_mm256_sqrt_pd((__m256d)v);
#else
    for (int j = 0; j < LV_W; j++)
        v[j] = sqrt(v[j]);
    return v;
#endif
}

/* Returns 1 when every lane of m is set. */
LV_INLINE int lv_all(lv_m m)
{
#if LV_BYTES == 64 && defined(__AVX512F__)
    return m == 0xff;
#else
    for (int j = 0; j < LV_W; j++)
        if (!m[j])
            return 0;
    return 1;
#endif
}

/* Returns |v| lane by lane (clears the sign bits). */
LV_INLINE lv_d lv_abs(lv_d v)
{
    return (lv_d)((lv_i)v & ((lv_i){ 0 } + INT64_MAX));
}

/* The vector log of vexp.h (one implementation for every plugin):
 * lv_log1p_ur(e, u, r) is log(1 + e) for 0 <= e <= 1 given u = 1 + e and
 * r = 1 / u, lv_log1p(e) the same from e alone, lv_log_ge1(x) log x for
 * 1 <= x < 2^1024. */
#define lv_log1p_ur nc_vx_log1p_ur
#define lv_log1p nc_vx_log1p
#define lv_log_ge1 nc_vx_log_ge1

/* Returns log(1 + e) for 0 <= e <= 1 (one lane of lv_log1p). */
static inline double lv_log1p1(double e)
{
    lv_d v = lv_log1p(lv_splat(e));

    return v[0];
}

#endif
