/* SPDX-License-Identifier: MIT */
/* Vectorised exp, sigmoid and tanh over arrays, for activations. */
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

#endif
