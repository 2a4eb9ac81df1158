/* SPDX-License-Identifier: MIT */
/* Vectorised exp, sigmoid and tanh over arrays (see vexp.h). */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <nntutor/vexp.h>

#if defined(__GNUC__)
/* Every function on vectors is inlined into one built for the CPU's
 * registers, so no vector crosses a call: the ABI note does not apply. */
#pragma GCC diagnostic ignored "-Wpsabi"
#define VE_W 8                  /* lanes: one AVX-512 register */
typedef double ve_d __attribute__((vector_size(8 * VE_W)));
typedef int64_t ve_i __attribute__((vector_size(8 * VE_W)));
typedef uint64_t ve_u __attribute__((vector_size(8 * VE_W)));
#define VE_INLINE static inline __attribute__((always_inline))

/* Returns the vector with every lane c. */
VE_INLINE ve_d ve_splat(double c)
{
    return (ve_d){ c, c, c, c, c, c, c, c };
}

/* Returns lanes of a where mask m is set (all ones), else lanes of b. */
VE_INLINE ve_d ve_sel(ve_i m, ve_d a, ve_d b)
{
    return (ve_d)(((ve_i)a & m) | ((ve_i)b & ~m));
}

/* Returns 2^k lane by lane for -1022 <= k <= 1023. */
VE_INLINE ve_d ve_pow2(ve_i k)
{
    return (ve_d)((ve_u)(k + 1023) << 52);
}

/* Returns e^x lane by lane and puts e^x - 1 in *em1 (accurate also
 * where e^x is near 1). */
VE_INLINE ve_d ve_exp(ve_d x, ve_d *em1)
{
    const ve_d shift = ve_splat(0x1.8p52);  /* adding it rounds to integer */
    ve_d t, k, r, r2, r4, q, s, e;
    ve_i kb, k1;

    x = ve_sel(x < ve_splat(-746.0), ve_splat(-746.0), x);  /* e^x = 0 */
    x = ve_sel(x > ve_splat(710.0), ve_splat(710.0), x);    /* +inf; NaN
                                                               stays */
    t = x * ve_splat(1.44269504088896338700) + shift;
    k = t - shift;                          /* nearest integer to x / ln2 */
    r = (x - k * ve_splat(6.93147180369123816490e-01))     /* exact */
        - k * ve_splat(1.90821492927058770002e-10);
    r2 = r * r;                 /* Estrin: short dependency chains */
    r4 = r2 * r2;
    q = ((ve_splat(1.0 / 2) + ve_splat(1.0 / 6) * r)
         + (ve_splat(1.0 / 24) + ve_splat(1.0 / 120) * r) * r2)
        + ((ve_splat(1.0 / 720) + ve_splat(1.0 / 5040) * r)
           + (ve_splat(1.0 / 40320) + ve_splat(1.0 / 362880) * r) * r2) * r4
        + ((ve_splat(1.0 / 3628800) + ve_splat(1.0 / 39916800) * r)
           + (ve_splat(1.0 / 479001600) + ve_splat(1.0 / 6227020800.0) * r)
             * r2) * (r4 * r4);
    s = r + r2 * q;                         /* e^r - 1 */
    kb = (ve_i)t - (ve_i)shift;             /* k, -1077 <= k <= 1025 */
    kb = kb & (ve_i)(x == x);               /* NaN: any k will do */
    k1 = kb >> 1;                           /* 2^k = 2^k1 2^(k - k1) */
    e = ((ve_splat(1.0) + s) * ve_pow2(k1)) * ve_pow2(kb - k1);
    if (em1)
        *em1 = ve_sel(kb == 0, s, e - ve_splat(1.0));
    return e;
}

/* Returns 1 / (1 + e^-z) lane by lane: with e = e^-|z|, 1 / (1 + e) for
 * z >= 0 and e / (1 + e) below. */
VE_INLINE ve_d ve_sigmoid(ve_d z)
{
    const ve_i sign = (ve_i){ 0 } + INT64_MIN;
    ve_d e = ve_exp((ve_d)((ve_i)z | sign), NULL);

    return ve_sel(z >= ve_splat(0.0), ve_splat(1.0), e) / (ve_splat(1.0) + e);
}

/* Returns tanh z lane by lane: m = e^-2|z| - 1, tanh |z| = -m / (2 + m),
 * with z's sign put back. */
VE_INLINE ve_d ve_tanh(ve_d z)
{
    const ve_i sign = (ve_i){ 0 } + INT64_MIN;
    ve_d m, a;

    ve_exp(ve_splat(-2.0) * (ve_d)((ve_i)z & ~sign), &m);
    a = -m / (ve_splat(2.0) + m);
    return (ve_d)(((ve_i)a & ~sign) | ((ve_i)z & sign));
}

/* Which function an array loop applies. */
enum ve_fn { VE_EXP, VE_SIGMOID, VE_TANH };

/* Returns f applied to v lane by lane. */
VE_INLINE ve_d ve_apply(enum ve_fn f, ve_d v)
{
    if (f == VE_SIGMOID)
        return ve_sigmoid(v);
    if (f == VE_TANH)
        return ve_tanh(v);
    return ve_exp(v, NULL);
}

/* Writes y[k] = f(x[k]) for k < n, VE_W at a time, the tail through a
 * padded copy; returns nothing. */
VE_INLINE void ve_loop(enum ve_fn f, const double *x, double *y, size_t n)
{
    size_t k = 0;
    ve_d v;

    for (; k + VE_W <= n; k += VE_W) {
        memcpy(&v, x + k, sizeof v);
        v = ve_apply(f, v);
        memcpy(y + k, &v, sizeof v);
    }
    if (k < n) {
        v = ve_splat(0.0);
        memcpy(&v, x + k, sizeof(double) * (n - k));
        v = ve_apply(f, v);
        memcpy(y + k, &v, sizeof(double) * (n - k));
    }
}

#if defined(__x86_64__)
/* Runs ve_loop with AVX-512 registers; returns nothing. */
__attribute__((target("avx512f")))
static void ve_loop_avx512(enum ve_fn f, const double *x, double *y,
                           size_t n)
{
    ve_loop(f, x, y, n);
}

/* Runs ve_loop with AVX2 registers; returns nothing. */
__attribute__((target("avx2")))
static void ve_loop_avx2(enum ve_fn f, const double *x, double *y, size_t n)
{
    ve_loop(f, x, y, n);
}
#endif

/* Runs ve_loop with the widest registers the CPU has; returns nothing. */
static void ve_run(enum ve_fn f, const double *x, double *y, size_t n)
{
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) {
        ve_loop_avx512(f, x, y, n);
        return;
    }
    if (__builtin_cpu_supports("avx2")) {
        ve_loop_avx2(f, x, y, n);
        return;
    }
#endif
    ve_loop(f, x, y, n);
}

double nc_vexp(double x)
{
    ve_d v = ve_exp(ve_splat(x), NULL);

    return v[0];
}

void nc_vexp_array(const double *x, double *y, size_t n)
{
    ve_run(VE_EXP, x, y, n);
}

void nc_vsigmoid_array(const double *z, double *a, size_t n)
{
    ve_run(VE_SIGMOID, z, a, n);
}

void nc_vtanh_array(const double *z, double *a, size_t n)
{
    ve_run(VE_TANH, z, a, n);
}

#else
/* Without vector extensions: libm, one number at a time. */

double nc_vexp(double x)
{
    return exp(x);
}

void nc_vexp_array(const double *x, double *y, size_t n)
{
    for (size_t k = 0; k < n; k++)
        y[k] = exp(x[k]);
}

void nc_vsigmoid_array(const double *z, double *a, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        double e = exp(-fabs(z[k]));
        a[k] = (z[k] >= 0 ? 1.0 : e) / (1.0 + e);
    }
}

void nc_vtanh_array(const double *z, double *a, size_t n)
{
    for (size_t k = 0; k < n; k++)
        a[k] = tanh(z[k]);
}
#endif
