/* SPDX-License-Identifier: MIT */
/* Dense matrix products for the plugins' small networks (see mm.h). */
#include <stddef.h>
#include <string.h>

#include <nntutor/mm.h>

#if defined(MM_V2)
/* Pairs of doubles are mm.h's mm_v2: each lane an ordinary IEEE product
 * or sum, so vector and scalar code give the same bits. */

/* C rows r..r+3, columns j..j+3: adds sum_t a(r, t) B[t][j] in order of t;
 * a(r, t) = A[r * ars + t * ats].  Returns nothing. */
static void block4x4(int m, int p, const double *A, ptrdiff_t ars,
                     ptrdiff_t ats, const double *B, double *C)
{
    const double *a0 = A, *a1 = A + ars, *a2 = A + 2 * ars,
                 *a3 = A + 3 * ars;
    double *c0 = C, *c1 = C + p, *c2 = C + 2 * p, *c3 = C + 3 * p;
    mm_v2 x00 = mm_ld2(c0), x01 = mm_ld2(c0 + 2);
    mm_v2 x10 = mm_ld2(c1), x11 = mm_ld2(c1 + 2);
    mm_v2 x20 = mm_ld2(c2), x21 = mm_ld2(c2 + 2);
    mm_v2 x30 = mm_ld2(c3), x31 = mm_ld2(c3 + 2);

    for (int t = 0; t < m; t++) {
        const double *b = B + (ptrdiff_t)t * p;
        ptrdiff_t o = t * ats;
        mm_v2 b0 = mm_ld2(b), b1 = mm_ld2(b + 2);
        mm_v2 s0 = mm_splat2(a0[o]), s1 = mm_splat2(a1[o]);
        mm_v2 s2 = mm_splat2(a2[o]), s3 = mm_splat2(a3[o]);

        x00 += s0 * b0;
        x01 += s0 * b1;
        x10 += s1 * b0;
        x11 += s1 * b1;
        x20 += s2 * b0;
        x21 += s2 * b1;
        x30 += s3 * b0;
        x31 += s3 * b1;
    }
    mm_st2(c0, x00);
    mm_st2(c0 + 2, x01);
    mm_st2(c1, x10);
    mm_st2(c1 + 2, x11);
    mm_st2(c2, x20);
    mm_st2(c2 + 2, x21);
    mm_st2(c3, x30);
    mm_st2(c3 + 2, x31);
}
#endif

#if defined(__GNUC__) && defined(__x86_64__)
#define MM_AVX 1
/* Four doubles side by side: one AVX register.  Used only when the CPU
 * has AVX (checked at run time); without FMA, so every lane still does
 * one IEEE product and one IEEE sum, and the bits match the SSE2 path. */
typedef double v4d __attribute__((vector_size(32)));

/* C rows r..r+3, columns j..j+7: as block4x4, eight columns at once with
 * AVX; returns nothing. */
__attribute__((target("avx")))
static void block4x8_avx(int m, int p, const double *A, ptrdiff_t ars,
                         ptrdiff_t ats, const double *B, double *C)
{
    const double *a0 = A, *a1 = A + ars, *a2 = A + 2 * ars,
                 *a3 = A + 3 * ars;
    double *c0 = C, *c1 = C + p, *c2 = C + 2 * p, *c3 = C + 3 * p;
    v4d x00, x01, x10, x11, x20, x21, x30, x31;

    memcpy(&x00, c0, 32);
    memcpy(&x01, c0 + 4, 32);
    memcpy(&x10, c1, 32);
    memcpy(&x11, c1 + 4, 32);
    memcpy(&x20, c2, 32);
    memcpy(&x21, c2 + 4, 32);
    memcpy(&x30, c3, 32);
    memcpy(&x31, c3 + 4, 32);
    for (int t = 0; t < m; t++) {
        const double *b = B + (ptrdiff_t)t * p;
        ptrdiff_t o = t * ats;
        v4d b0, b1, s;

        memcpy(&b0, b, 32);
        memcpy(&b1, b + 4, 32);
        s = (v4d){ a0[o], a0[o], a0[o], a0[o] };
        x00 += s * b0;
        x01 += s * b1;
        s = (v4d){ a1[o], a1[o], a1[o], a1[o] };
        x10 += s * b0;
        x11 += s * b1;
        s = (v4d){ a2[o], a2[o], a2[o], a2[o] };
        x20 += s * b0;
        x21 += s * b1;
        s = (v4d){ a3[o], a3[o], a3[o], a3[o] };
        x30 += s * b0;
        x31 += s * b1;
    }
    memcpy(c0, &x00, 32);
    memcpy(c0 + 4, &x01, 32);
    memcpy(c1, &x10, 32);
    memcpy(c1 + 4, &x11, 32);
    memcpy(c2, &x20, 32);
    memcpy(c2 + 4, &x21, 32);
    memcpy(c3, &x30, 32);
    memcpy(c3 + 4, &x31, 32);
}

/* C rows r..r+3, columns j..j+3: as block4x4, one AVX register per row;
 * returns nothing. */
__attribute__((target("avx")))
static void block4x4_avx(int m, int p, const double *A, ptrdiff_t ars,
                         ptrdiff_t ats, const double *B, double *C)
{
    const double *a0 = A, *a1 = A + ars, *a2 = A + 2 * ars,
                 *a3 = A + 3 * ars;
    double *c0 = C, *c1 = C + p, *c2 = C + 2 * p, *c3 = C + 3 * p;
    v4d x0, x1, x2, x3;

    memcpy(&x0, c0, 32);
    memcpy(&x1, c1, 32);
    memcpy(&x2, c2, 32);
    memcpy(&x3, c3, 32);
    for (int t = 0; t < m; t++) {
        ptrdiff_t o = t * ats;
        v4d b;

        memcpy(&b, B + (ptrdiff_t)t * p, 32);
        x0 += (v4d){ a0[o], a0[o], a0[o], a0[o] } * b;
        x1 += (v4d){ a1[o], a1[o], a1[o], a1[o] } * b;
        x2 += (v4d){ a2[o], a2[o], a2[o], a2[o] } * b;
        x3 += (v4d){ a3[o], a3[o], a3[o], a3[o] } * b;
    }
    memcpy(c0, &x0, 32);
    memcpy(c1, &x1, 32);
    memcpy(c2, &x2, 32);
    memcpy(c3, &x3, 32);
}

/* Eight doubles side by side: one AVX-512 register, used only when the
 * CPU has AVX-512F (checked at run time); products and sums stay apart as
 * above, so the bits match the other paths. */
typedef double v8d __attribute__((vector_size(64)));

/* Returns {a, a, a, a, a, a, a, a}. */
__attribute__((target("avx512f")))
static inline v8d splat8(double a)
{
    return (v8d){ a, a, a, a, a, a, a, a };
}

/* C rows r..r+3, columns j..j+15: as block4x4, sixteen columns at once
 * with AVX-512; returns nothing. */
__attribute__((target("avx512f")))
static void block4x16_avx512(int m, int p, const double *A, ptrdiff_t ars,
                             ptrdiff_t ats, const double *B, double *C)
{
    const double *a0 = A, *a1 = A + ars, *a2 = A + 2 * ars,
                 *a3 = A + 3 * ars;
    double *c0 = C, *c1 = C + p, *c2 = C + 2 * p, *c3 = C + 3 * p;
    v8d x00, x01, x10, x11, x20, x21, x30, x31;

    memcpy(&x00, c0, 64);
    memcpy(&x01, c0 + 8, 64);
    memcpy(&x10, c1, 64);
    memcpy(&x11, c1 + 8, 64);
    memcpy(&x20, c2, 64);
    memcpy(&x21, c2 + 8, 64);
    memcpy(&x30, c3, 64);
    memcpy(&x31, c3 + 8, 64);
    for (int t = 0; t < m; t++) {
        const double *b = B + (ptrdiff_t)t * p;
        ptrdiff_t o = t * ats;
        v8d b0, b1, s;

        memcpy(&b0, b, 64);
        memcpy(&b1, b + 8, 64);
        s = splat8(a0[o]);
        x00 += s * b0;
        x01 += s * b1;
        s = splat8(a1[o]);
        x10 += s * b0;
        x11 += s * b1;
        s = splat8(a2[o]);
        x20 += s * b0;
        x21 += s * b1;
        s = splat8(a3[o]);
        x30 += s * b0;
        x31 += s * b1;
    }
    memcpy(c0, &x00, 64);
    memcpy(c0 + 8, &x01, 64);
    memcpy(c1, &x10, 64);
    memcpy(c1 + 8, &x11, 64);
    memcpy(c2, &x20, 64);
    memcpy(c2 + 8, &x21, 64);
    memcpy(c3, &x30, 64);
    memcpy(c3 + 8, &x31, 64);
}
#endif

/* C (rows x p) += a(r, t) B (m x p) with a(r, t) = A[r * ars + t * ats];
 * blocks of 4 x 16 (AVX-512), 4 x 8 or 4 x 4 (AVX) or 4 x 4 (SSE2) where
 * they fit, plain loops for the edges.  Returns nothing. */
static void mm_strided(int rows, int m, int p, const double *A,
                       ptrdiff_t ars, ptrdiff_t ats, const double *B,
                       double *C)
{
    int r = 0;

#if defined(MM_V2)
#if defined(MM_AVX)
    int avx = __builtin_cpu_supports("avx");
    int avx512 = __builtin_cpu_supports("avx512f");
#endif

    for (; r + 4 <= rows; r += 4) {
        const double *ar = A + r * ars;
        double *cr = C + (ptrdiff_t)r * p;
        int j = 0;

#if defined(MM_AVX)
        for (; avx512 && j + 16 <= p; j += 16)
            block4x16_avx512(m, p, ar, ars, ats, B + j, cr + j);
        for (; avx && j + 8 <= p; j += 8)
            block4x8_avx(m, p, ar, ars, ats, B + j, cr + j);
        for (; avx && j + 4 <= p; j += 4)
            block4x4_avx(m, p, ar, ars, ats, B + j, cr + j);
#endif
        for (; j + 4 <= p; j += 4)
            block4x4(m, p, ar, ars, ats, B + j, cr + j);
        for (; j < p; j++) {                /* right edge, 4 rows */
            double s0 = cr[j], s1 = cr[p + j], s2 = cr[2 * p + j],
                   s3 = cr[3 * p + j];
            for (int t = 0; t < m; t++) {
                double b = B[(ptrdiff_t)t * p + j];
                ptrdiff_t o = t * ats;
                s0 += ar[o] * b;
                s1 += ar[ars + o] * b;
                s2 += ar[2 * ars + o] * b;
                s3 += ar[3 * ars + o] * b;
            }
            cr[j] = s0;
            cr[p + j] = s1;
            cr[2 * p + j] = s2;
            cr[3 * p + j] = s3;
        }
    }
#endif
    for (; r < rows; r++) {                 /* bottom edge, one row */
        double *cr = C + (ptrdiff_t)r * p;
        for (int t = 0; t < m; t++) {
            double a = A[r * ars + t * ats];
            const double *b = B + (ptrdiff_t)t * p;
            for (int j = 0; j < p; j++)
                cr[j] += a * b[j];
        }
    }
}

void mm_nn(int n, int m, int p, const double *A, const double *B,
           double *C)
{
    mm_strided(n, m, p, A, m, 1, B, C);
}

void mm_tn(int n, int m, int p, const double *A, const double *B,
           double *C)
{
    mm_strided(m, n, p, A, 1, m, B, C);
}

void mm_transpose(int rows, int cols, const double *A, double *T)
{
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++)
            T[(ptrdiff_t)j * rows + i] = A[(ptrdiff_t)i * cols + j];
}
