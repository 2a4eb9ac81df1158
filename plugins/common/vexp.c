/* SPDX-License-Identifier: MIT */
/* Vectorised exp, sigmoid, tanh and log over arrays (see vexp.h). */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <nntutor/vexp.h>

#if defined(__GNUC__)
/* Every function on vectors is inlined into one built for the CPU's
 * registers, so no vector crosses a call: the ABI note does not apply. */
#pragma GCC diagnostic ignored "-Wpsabi"
#define NC_VX_BYTES 64          /* one AVX-512 register */
#include <nntutor/vexp.h>

#define VE_W 8                  /* lanes */
typedef nc_vx_d ve_d;
typedef nc_vx_i ve_i;
#define VE_INLINE NC_VX_INLINE
#define ve_splat nc_vx_splat
#define ve_sel nc_vx_sel
#define ve_exp nc_vx_exp

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
enum ve_fn { VE_EXP, VE_SIGMOID, VE_TANH, VE_LOG_GE1 };

/* Returns f applied to v lane by lane. */
VE_INLINE ve_d ve_apply(enum ve_fn f, ve_d v)
{
    if (f == VE_SIGMOID)
        return ve_sigmoid(v);
    if (f == VE_TANH)
        return ve_tanh(v);
    if (f == VE_LOG_GE1)
        return nc_vx_log_ge1(v);
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

void nc_vlog_ge1_array(const double *x, double *y, size_t n)
{
    ve_run(VE_LOG_GE1, x, y, n);
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

void nc_vlog_ge1_array(const double *x, double *y, size_t n)
{
    for (size_t k = 0; k < n; k++)
        y[k] = log(x[k]);
}
#endif
