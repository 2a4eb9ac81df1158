/* SPDX-License-Identifier: MIT */
/* Vectorised exp, sigmoid, tanh and log over arrays, for activations and
 * losses. */
#ifndef NNT_VEXP_H
#define NNT_VEXP_H

#include <stddef.h>

/*
 * libm computes one exp per call; these do eight lanes at a time (one
 * AVX-512 register, two AVX2 or four SSE2 ones, picked at run time).
 * exp: Cody-Waite reduction x = k ln2 + r with |r| <= ln2 / 2, the Taylor
 * polynomial of e^r - 1 to degree 13 (truncation below 5e-18) in Estrin's
 * form, and 2^k as two exact powers of two (so subnormal results round
 * once).  Within 1 ulp of libm's correctly rounded exp over the whole
 * range (tests/plugins/test_common.c reports the largest error):
 * e^x = +inf above 709.78, 0 below -745.13, NaN for NaN.
 *
 * Every lane does the same IEEE operations (no fused multiply-add under
 * -ffp-contract=off), so each width, and nc_vexp on one number, gives the
 * same bits.  They differ from libm's exp in the last bit now and then:
 * nc_sigmoid (libm) and nc_vsigmoid_array are not interchangeable bit for
 * bit.
 *
 * There is one implementation of this exp, nc_vx_exp below; kernels that
 * need it on their own vectors (the loss plugin's landscape, built for
 * SSE2, AVX2 and AVX-512) include this header with NC_VX_BYTES set and
 * call it inline, so their exps are these functions' bits.
 */

/* Returns e^x as the array functions compute it, for one number. */
double nc_vexp(double x);
/* Writes y[k] = e^x[k] for k < n (y may be x); returns nothing. */
void nc_vexp_array(const double *x, double *y, size_t n);
/* Writes a[k] = 1 / (1 + e^-z[k]) for k < n, computed stably as
 * nc_sigmoid does but with the vector exp (a may be z); returns
 * nothing. */
void nc_vsigmoid_array(const double *z, double *a, size_t n);
/* Writes a[k] = tanh(z[k]) for k < n as -m / (2 + m) with m = e^-2|z| - 1
 * and z's sign (a may be z); returns nothing. */
void nc_vtanh_array(const double *z, double *a, size_t n);
/* Writes y[k] = log x[k] for k < n, each 1 <= x[k] < 2^1024 (as a sum
 * of exps with their largest term 1 is), with nc_vx_log_ge1 (y may be x);
 * returns nothing. */
void nc_vlog_ge1_array(const double *x, double *y, size_t n);


#endif

/*
 * The vector exp for a kernel's own registers.  Define NC_VX_BYTES (16,
 * 32 or 64: two, four or eight doubles) before including this header,
 * once per file, in a file built for a CPU with registers that wide (or
 * let the compiler split them); GCC or Clang only.  It declares
 *   nc_vx_d, nc_vx_i   NC_VX_BYTES of doubles and of int64_t;
 *   nc_vx_splat(c)     every lane c;
 *   nc_vx_sel(m, a, b) a where the mask m is all ones, else b;
 *   nc_vx_exp(x, em1)  e^x lane by lane, and e^x - 1 in *em1 unless
 *                      em1 is NULL (accurate also near e^x = 1);
 *   nc_vx_log1p(e)     log(1 + e) for 0 <= e <= 1, and nc_vx_log1p_ur
 *                      given u = 1 + e and r = 1 / u;
 *   nc_vx_log_ge1(x)   log x for 1 <= x < 2^1024.
 * nc_vx_exp is the exp of nc_vexp and the array functions above, lane for
 * lane the same IEEE operations: same bits at every width, within 1 ulp of
 * libm's exp over the whole range (subnormal results round once; +inf
 * above 709.78, 0 below -745.13, NaN for NaN).
 */
#if defined(NC_VX_BYTES) && !defined(NC_VX_DEFINED)
#define NC_VX_DEFINED 1
#if !defined(__GNUC__)
#error "NC_VX_BYTES needs GCC or Clang vector extensions"
#endif
#include <stdint.h>

typedef double nc_vx_d __attribute__((vector_size(NC_VX_BYTES)));
typedef int64_t nc_vx_i __attribute__((vector_size(NC_VX_BYTES)));
typedef uint64_t nc_vx_u __attribute__((vector_size(NC_VX_BYTES)));
#define NC_VX_INLINE static inline __attribute__((always_inline))

/* Returns the vector with every lane c. */
NC_VX_INLINE nc_vx_d nc_vx_splat(double c)
{
    return (nc_vx_d){ 0 } + c;
}

/* Returns lanes of a where mask m is set (all ones), else lanes of b. */
NC_VX_INLINE nc_vx_d nc_vx_sel(nc_vx_i m, nc_vx_d a, nc_vx_d b)
{
    return (nc_vx_d)(((nc_vx_i)a & m) | ((nc_vx_i)b & ~m));
}

/* Returns 2^k lane by lane for -1022 <= k <= 1023. */
NC_VX_INLINE nc_vx_d nc_vx_pow2(nc_vx_i k)
{
    return (nc_vx_d)((nc_vx_u)(k + 1023) << 52);
}

/* Returns e^x lane by lane and puts e^x - 1 in *em1 unless it is NULL.
 * Cody-Waite reduction x = k ln2 + r with |r| <= ln2 / 2, the Taylor
 * polynomial of e^r - 1 to degree 13 (truncation below 5e-18) in
 * Estrin's form (short dependency chains), and 2^k as two exact powers
 * of two, so a subnormal result rounds once. */
NC_VX_INLINE nc_vx_d nc_vx_exp(nc_vx_d x, nc_vx_d *em1)
{
    const nc_vx_d shift = nc_vx_splat(0x1.8p52);   /* adding it rounds to
                                                      an integer */
    nc_vx_d t, k, r, r2, r4, q, s, e;
    nc_vx_i kb, k1;

    x = nc_vx_sel(x < nc_vx_splat(-746.0), nc_vx_splat(-746.0), x); /* 0 */
    x = nc_vx_sel(x > nc_vx_splat(710.0), nc_vx_splat(710.0), x);   /* inf;
                                                          NaN stays NaN */
    t = x * nc_vx_splat(1.44269504088896338700) + shift;
    k = t - shift;                          /* nearest integer to x / ln2 */
    r = (x - k * nc_vx_splat(6.93147180369123816490e-01))     /* exact */
        - k * nc_vx_splat(1.90821492927058770002e-10);
    r2 = r * r;
    r4 = r2 * r2;
    q = ((nc_vx_splat(1.0 / 2) + nc_vx_splat(1.0 / 6) * r)
         + (nc_vx_splat(1.0 / 24) + nc_vx_splat(1.0 / 120) * r) * r2)
        + ((nc_vx_splat(1.0 / 720) + nc_vx_splat(1.0 / 5040) * r)
           + (nc_vx_splat(1.0 / 40320) + nc_vx_splat(1.0 / 362880) * r)
             * r2) * r4
        + ((nc_vx_splat(1.0 / 3628800) + nc_vx_splat(1.0 / 39916800) * r)
           + (nc_vx_splat(1.0 / 479001600)
              + nc_vx_splat(1.0 / 6227020800.0) * r) * r2) * (r4 * r4);
    s = r + r2 * q;                         /* e^r - 1 */
    kb = (nc_vx_i)t - (nc_vx_i)shift;       /* k, -1077 <= k <= 1025 */
    kb = kb & (nc_vx_i)(x == x);            /* NaN: any k will do */
    k1 = kb >> 1;                           /* 2^k = 2^k1 2^(k - k1) */
    e = ((nc_vx_splat(1.0) + s) * nc_vx_pow2(k1)) * nc_vx_pow2(kb - k1);
    if (em1)
        *em1 = nc_vx_sel(kb == 0, s, e - nc_vx_splat(1.0));
    return e;
}

/* The log: fdlibm's log1p polynomial on the reduced argument, within
 * 1 ulp of libm (test_loss and test_common check it). */
/* Returns log(1 + e) for 0 <= e <= 1 lane by lane, given u = 1 + e and
 * r = 1 / u as the caller computed them (a kernel may have both anyway). */
NC_VX_INLINE nc_vx_d nc_vx_log1p_ur(nc_vx_d e, nc_vx_d u, nc_vx_d r)
{
    const nc_vx_d one = nc_vx_splat(1.0);
    nc_vx_d c = (e - (u - one)) * r;           /* what rounding u lost, / u */
    nc_vx_i big = u > nc_vx_splat(1.41421356237309504880);
    nc_vx_d k = nc_vx_sel(big, one, nc_vx_splat(0.0));
    nc_vx_d f = nc_vx_sel(big, u * nc_vx_splat(0.5), u) - one;    /* exact */
    nc_vx_d s = f / (nc_vx_splat(2.0) + f);       /* |s| <= 0.1716 */
    nc_vx_d z = s * s, w = z * z;
    nc_vx_d t1 = w * (nc_vx_splat(3.999999999940941908e-01)
                      + w * (nc_vx_splat(2.222219843214978396e-01)
                             + w * nc_vx_splat(1.531383769920937332e-01)));
    nc_vx_d t2 = z * (nc_vx_splat(6.666666666666735130e-01)
                      + w * (nc_vx_splat(2.857142874366239149e-01)
                             + w * (nc_vx_splat(1.818357216161805012e-01)
                                    + w * nc_vx_splat(
                                        1.479819860511658591e-01))));
    nc_vx_d hfsq = nc_vx_splat(0.5) * f * f;

    return k * nc_vx_splat(6.93147180369123816490e-01)
           - ((hfsq - (s * (hfsq + (t2 + t1))
                       + (k * nc_vx_splat(1.90821492927058770002e-10) + c)))
              - f);
}

/* Returns log(1 + e) for 0 <= e <= 1 lane by lane. */
NC_VX_INLINE nc_vx_d nc_vx_log1p(nc_vx_d e)
{
    nc_vx_d u = nc_vx_splat(1.0) + e;

    return nc_vx_log1p_ur(e, u, nc_vx_splat(1.0) / u);
}

/* Returns log x for 1 <= x < 2^1024 lane by lane: x = 2^k·m with m in
 * [1, 2), log x = k·ln2 + log1p(m − 1). */
NC_VX_INLINE nc_vx_d nc_vx_log_ge1(nc_vx_d x)
{
    const nc_vx_i mant = (nc_vx_i){ 0 } + (int64_t)0x000fffffffffffff;
    const nc_vx_i one_bits = (nc_vx_i){ 0 } + (int64_t)0x3ff0000000000000;
    const nc_vx_d shift = nc_vx_splat(0x1.8p52);
    nc_vx_i kb = ((nc_vx_i)x >> 52) - 1023;    /* exponent: x >= 1 */
    nc_vx_d k = (nc_vx_d)(kb + (nc_vx_i)shift) - shift;  /* exact */
    nc_vx_d m = (nc_vx_d)(((nc_vx_i)x & mant) | one_bits);  /* [1, 2) */

    return k * nc_vx_splat(6.93147180369123816490e-01)
           + (nc_vx_log1p(m - nc_vx_splat(1.0))
              + k * nc_vx_splat(1.90821492927058770002e-10));
}
#endif
