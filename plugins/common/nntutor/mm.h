/* SPDX-License-Identifier: MIT */
/* Dense matrix products for the plugins' small networks (row-major). */
#ifndef NNT_MM_H
#define NNT_MM_H

/*
 * Every product accumulates into C: each element of C gets its terms added
 * one by one in increasing order of the summed index, starting from the
 * value C already holds.  The result is therefore the same, bit for bit, as
 * the textbook triple loop in that order, whatever blocking the kernel uses
 * inside (it vectorises across columns of C, never across the sum).
 *
 * Size picks the path, never the bits: small products (up to 2^20
 * multiply-adds) read A and B in place, larger ones are packed and
 * blocked for the caches, and from 2^25 multiply-adds (about a
 * millisecond of work: starting a thread costs 30-140 us, more on a busy
 * machine) the columns of C (or its rows, when C is taller than wide) are
 * split into blocks across nc_threads() threads (NNTUTOR_THREADS; see
 * par.h).  Each element of C is
 * summed whole by one thread in the order above, so 1, 2 or N threads give
 * the same bits.  Called from inside a piece of nc_parallel, a product
 * runs on the calling thread alone.  The products may be called from
 * several threads at once on different C.
 */

#include <stddef.h>
#include <string.h>

#if defined(__GNUC__)
#define MM_V2 1
/* Two doubles side by side (one SSE2 register on x86-64), for loops over
 * features: each lane is an ordinary IEEE operation, so vector and scalar
 * code give the same bits. */
typedef double mm_v2 __attribute__((vector_size(16)));
typedef long long mm_m2 __attribute__((vector_size(16)));

/* Returns the two doubles at p (any alignment). */
static inline mm_v2 mm_ld2(const double *p)
{
    mm_v2 v;

    memcpy(&v, p, sizeof v);
    return v;
}

/* Stores the two doubles of v at p (any alignment); returns nothing. */
static inline void mm_st2(double *p, mm_v2 v)
{
    memcpy(p, &v, sizeof v);
}

/* Returns {a, a}. */
static inline mm_v2 mm_splat2(double a)
{
    return (mm_v2){ a, a };
}

/* Returns, lane by lane, a where mask m is set and b elsewhere. */
static inline mm_v2 mm_sel2(mm_m2 m, mm_v2 a, mm_v2 b)
{
    return (mm_v2)(((mm_m2)a & m) | ((mm_m2)b & ~m));
}
#endif

/* A micro-kernel, for code that packs its own panels (the regularizer's
 * Gram matrix): adds to the tile c (mr x nr, rows ldc apart) the products
 * a[t][r] b[t][k] for t < kc in order, row t of A being the mr doubles at
 * a + t lda and row t of B the nr doubles at b + t ldb; with zero the tile
 * starts from 0 (c is not read).  The same sums, in the same order, as the
 * products below. */
typedef void mm_micro_fn(int kc, const double *a, ptrdiff_t lda,
                         const double *b, ptrdiff_t ldb, double *c,
                         ptrdiff_t ldc, int zero);
/* A micro-kernel and its tile. */
struct mm_micro {
    mm_micro_fn *fn;
    int mr, nr;
};
/* Returns the widest micro-kernel this CPU runs (AVX-512 8 x 16, AVX
 * 4 x 8, SSE2 4 x 4) whose tile is no wider than p columns; fn is NULL
 * when none fits or the compiler builds none. */
struct mm_micro mm_micro_pick(int p);
/* Runs k on the tile at c with only h x w of it valid (an edge: through a
 * full-size copy); returns nothing. */
void mm_micro_tile(const struct mm_micro *k, int kc, const double *a,
                   ptrdiff_t lda, const double *b, ptrdiff_t ldb, double *c,
                   ptrdiff_t ldc, int h, int w, int zero);

/* C (n x p) += A (n x m) * B (m x p); returns nothing. */
void mm_nn(int n, int m, int p, const double *A, const double *B,
           double *C);
/* C (m x p) += A^T * B for A (n x m) and B (n x p), summed over the n
 * rows in order; returns nothing. */
void mm_tn(int n, int m, int p, const double *A, const double *B,
           double *C);
/* C (n x p) += A (n x m) * B^T for B (p x m), summed over the m columns
 * in order: the bits of mm_nn with the transpose of B; returns nothing. */
void mm_nt(int n, int m, int p, const double *A, const double *B,
           double *C);
/* mm_nn, mm_tn and mm_nt with C starting from 0 (what C held is not
 * read): the bits of zeroing C first and accumulating, without the pass
 * over C; return nothing. */
void mm_nn0(int n, int m, int p, const double *A, const double *B,
            double *C);
void mm_tn0(int n, int m, int p, const double *A, const double *B,
            double *C);
void mm_nt0(int n, int m, int p, const double *A, const double *B,
            double *C);
/* mm_tn0, then W -= lr C element by element (W laid out as C, m x p),
 * each tile of W as soon as its sums in C are complete, while they are
 * in cache: the bits of mm_tn0 followed by that loop; returns nothing. */
void mm_tn0_sgd(int n, int m, int p, const double *A, const double *B,
                double *C, double lr, double *W);
/* Writes T (cols x rows) = the transpose of A (rows x cols); returns
 * nothing. */
void mm_transpose(int rows, int cols, const double *A, double *T);

#endif
