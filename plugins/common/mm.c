/* SPDX-License-Identifier: MIT */
/* Dense matrix products for the plugins' small networks (see mm.h). */
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <nntutor/mm.h>
#include <nntutor/par.h>

/*
 * The product runs the way fast BLAS libraries do (Goto's layout): the
 * sum index is cut into blocks of MM_KC, the columns of C into blocks of
 * MM_NC and the rows into blocks of MM_MC.  For each block the slices of
 * A and B are copied ("packed") into buffers where the micro-kernel reads
 * them in order, MR rows of A and NR columns of B at a time; the kernel
 * keeps an MR x NR tile of C in registers for a whole block of the sum.
 * A packed slice of B (MM_KC x NR) stays in L1, the packed block of A in
 * L2.  When A is one block (a batch of up to MM_MC rows) each slice of B
 * is packed just before the kernels use it, so no packed B leaves L1.
 * A block of rows that ends four or fewer short of a whole 8-row tile
 * gets the 4-row AVX-512 kernel there.
 *
 * Every element of C still gets its terms one by one in increasing order
 * of the sum index: the blocks of the sum run in order and a tile is
 * stored to C and loaded again between them, which rounds nothing.  So
 * the kernels of every width, the blocking and the old unblocked loops
 * all give the same bits (mm.h's promise).  Padding rows and columns of
 * the packed buffers are zeros whose results are never stored.
 *
 * Small products (up to MM_SMALL multiply-adds) skip the packing, whose
 * copies cost more than they save there: 4-row blocks of C, 16, 8 or 4
 * columns wide, read A and B in place (B's transpose is copied first for
 * mm_nt).  Large products (from MM_PAR) are split across nc_threads()
 * threads by blocks of C's columns (or rows, when C is taller than wide),
 * each block computed whole by one thread: the same terms in the same
 * order, so any number of threads gives the bits of one.
 */

#define MM_KC 256               /* sum index per block */
#define MM_NC 512               /* columns of C per packed block of B */
#define MM_MC 64                /* rows of C per packed block of A */
#define MM_SMALL (1 << 20)      /* rows·m·p up to which products run
                                   unpacked */
#define MM_PAR (1 << 25)        /* rows·m·p from which products use
                                   threads */

#if defined(MM_V2)
/* The 4 x 4 kernel on pairs of doubles (SSE2 on x86-64); returns
 * nothing. */
static void kern4x4(int kc, const double *restrict a, ptrdiff_t lda,
                    const double *restrict b, ptrdiff_t ldb,
                    double *restrict c, ptrdiff_t ldc, int zero)
{
    mm_v2 x[4][2];

    for (int r = 0; r < 4; r++) {
        x[r][0] = zero ? mm_splat2(0) : mm_ld2(c + r * ldc);
        x[r][1] = zero ? mm_splat2(0) : mm_ld2(c + r * ldc + 2);
    }
    for (int t = 0; t < kc; t++, a += lda, b += ldb) {
        mm_v2 b0 = mm_ld2(b), b1 = mm_ld2(b + 2);
#pragma GCC unroll 4
        for (int r = 0; r < 4; r++) {
            mm_v2 s = mm_splat2(a[r]);
            x[r][0] += s * b0;
            x[r][1] += s * b1;
        }
    }
    for (int r = 0; r < 4; r++) {
        mm_st2(c + r * ldc, x[r][0]);
        mm_st2(c + r * ldc + 2, x[r][1]);
    }
}
#endif

#if defined(__GNUC__) && defined(__x86_64__)
#define MM_X86 1
/* Four and eight doubles side by side: one AVX or AVX-512 register, used
 * only when the CPU has them (checked at run time).  Without FMA, so every
 * lane still does one IEEE product and one IEEE sum, and the bits match
 * the SSE2 path. */
typedef double v4d __attribute__((vector_size(32)));
typedef double v8d __attribute__((vector_size(64)));

/* The 4 x 8 kernel with AVX; returns nothing. */
__attribute__((target("avx")))
static void kern4x8_avx(int kc, const double *restrict a, ptrdiff_t lda,
                        const double *restrict b, ptrdiff_t ldb,
                        double *restrict c, ptrdiff_t ldc, int zero)
{
    v4d x[4][2];

#pragma GCC unroll 4
    for (int r = 0; r < 4; r++) {
        if (zero) {
            x[r][0] = x[r][1] = (v4d){ 0, 0, 0, 0 };
            continue;
        }
        memcpy(&x[r][0], c + r * ldc, 32);
        memcpy(&x[r][1], c + r * ldc + 4, 32);
    }
    for (int t = 0; t < kc; t++, a += lda, b += ldb) {
        v4d b0, b1;

        memcpy(&b0, b, 32);
        memcpy(&b1, b + 4, 32);
#pragma GCC unroll 4
        for (int r = 0; r < 4; r++) {
            double ar = a[r];
            v4d s = (v4d){ ar, ar, ar, ar };
            x[r][0] += s * b0;
            x[r][1] += s * b1;
        }
    }
#pragma GCC unroll 4
    for (int r = 0; r < 4; r++) {
        memcpy(c + r * ldc, &x[r][0], 32);
        memcpy(c + r * ldc + 4, &x[r][1], 32);
    }
}

/* The R x 16 kernel (R = 8, or 4 for the bottom edge of a block) with
 * AVX-512; returns nothing. */
__attribute__((target("avx512f"), always_inline))
static inline void kern_rx16(int R, int kc, const double *restrict a,
                             ptrdiff_t lda, const double *restrict b,
                             ptrdiff_t ldb, double *restrict c, ptrdiff_t ldc,
                             int zero)
{
    v8d x[8][2];

#pragma GCC unroll 8
    for (int r = 0; r < R; r++) {
        if (zero) {
            x[r][0] = x[r][1] = (v8d){ 0, 0, 0, 0, 0, 0, 0, 0 };
            continue;
        }
        memcpy(&x[r][0], c + r * ldc, 64);
        memcpy(&x[r][1], c + r * ldc + 8, 64);
    }
    for (int t = 0; t < kc; t++, a += lda, b += ldb) {
        v8d b0, b1;

        memcpy(&b0, b, 64);
        memcpy(&b1, b + 8, 64);
#pragma GCC unroll 8
        for (int r = 0; r < R; r++) {
            double ar = a[r];
            v8d s = (v8d){ ar, ar, ar, ar, ar, ar, ar, ar };
            x[r][0] += s * b0;
            x[r][1] += s * b1;
        }
    }
#pragma GCC unroll 8
    for (int r = 0; r < R; r++) {
        memcpy(c + r * ldc, &x[r][0], 64);
        memcpy(c + r * ldc + 8, &x[r][1], 64);
    }
}

/* The 8 x 16 kernel with AVX-512; returns nothing. */
__attribute__((target("avx512f")))
static void kern8x16_avx512(int kc, const double *restrict a,
                            ptrdiff_t lda, const double *restrict b,
                            ptrdiff_t ldb, double *restrict c, ptrdiff_t ldc,
                            int zero)
{
    kern_rx16(8, kc, a, lda, b, ldb, c, ldc, zero);
}

/* The 4 x 16 kernel with AVX-512, for the last rows of a block that
 * leaves four or fewer (batches of 60: 7 tiles of 8 and one of 4, not
 * half a tile of padding); returns nothing. */
__attribute__((target("avx512f")))
static void kern4x16_avx512(int kc, const double *restrict a,
                            ptrdiff_t lda, const double *restrict b,
                            ptrdiff_t ldb, double *restrict c, ptrdiff_t ldc,
                            int zero)
{
    kern_rx16(4, kc, a, lda, b, ldb, c, ldc, zero);
}
#endif

struct mm_micro mm_micro_pick(int p)
{
#if defined(MM_X86)
    __builtin_cpu_init();
    if (p >= 16 && __builtin_cpu_supports("avx512f"))
        return (struct mm_micro){ kern8x16_avx512, 8, 16 };
    if (p >= 8 && __builtin_cpu_supports("avx"))
        return (struct mm_micro){ kern4x8_avx, 4, 8 };
#endif
#if defined(MM_V2)
    if (p >= 4)
        return (struct mm_micro){ kern4x4, 4, 4 };
#endif
    return (struct mm_micro){ NULL, 0, 0 };
}

#if defined(MM_X86)
#if defined(__clang__)
#define MM_SHUF(a, b, i0, i1, i2, i3, i4, i5, i6, i7) \
    __builtin_shufflevector(a, b, i0, i1, i2, i3, i4, i5, i6, i7)
#else
typedef long long v8l __attribute__((vector_size(64)));
#define MM_SHUF(a, b, i0, i1, i2, i3, i4, i5, i6, i7) \
    __builtin_shuffle(a, b, (v8l){ i0, i1, i2, i3, i4, i5, i6, i7 })
#endif

/* Copies one panel of nr (8 or 16) rows of S, rows sj apart, transposed:
 * Bp[t * nr + q] = S[q * sj + t] for q < w <= nr, t < kc, 8 x 8 blocks at
 * a time through AVX-512 shuffles (padding columns are 0); returns
 * nothing.  It packs B^T for the 16-wide kernel and A for the 8-row one. */
__attribute__((target("avx512f")))
static void pack_t(int kc, int w, int nr, const double *B, ptrdiff_t bjs,
                   double *restrict Bp)
{
    int t = 0;

    for (; w == nr && t + 8 <= kc; t += 8)
        for (int h = 0; h < nr; h += 8) {
            v8d r[8], a[8], b[8], c[8];

#pragma GCC unroll 8
            for (int q = 0; q < 8; q++)
                memcpy(&r[q], B + (h + q) * bjs + t, 64);
#pragma GCC unroll 4
            for (int q = 0; q < 8; q += 2) {    /* pairs of rows */
                a[q] = MM_SHUF(r[q], r[q + 1], 0, 8, 2, 10, 4, 12, 6, 14);
                a[q + 1] = MM_SHUF(r[q], r[q + 1], 1, 9, 3, 11, 5, 13, 7, 15);
            }
#pragma GCC unroll 2
            for (int q = 0; q < 8; q += 4) {    /* pairs of pairs */
                b[q] = MM_SHUF(a[q], a[q + 2], 0, 1, 8, 9, 4, 5, 12, 13);
                b[q + 2] = MM_SHUF(a[q], a[q + 2], 2, 3, 10, 11, 6, 7, 14, 15);
                b[q + 1] = MM_SHUF(a[q + 1], a[q + 3], 0, 1, 8, 9, 4, 5, 12,
                                   13);
                b[q + 3] = MM_SHUF(a[q + 1], a[q + 3], 2, 3, 10, 11, 6, 7, 14,
                                   15);
            }
#pragma GCC unroll 4
            for (int q = 0; q < 4; q++) {       /* halves */
                c[q] = MM_SHUF(b[q], b[q + 4], 0, 1, 2, 3, 8, 9, 10, 11);
                c[q + 4] = MM_SHUF(b[q], b[q + 4], 4, 5, 6, 7, 12, 13, 14, 15);
            }
#pragma GCC unroll 8
            for (int k = 0; k < 8; k++)
                memcpy(Bp + (t + k) * nr + h, &c[k], 64);
        }
    for (; t < kc; t++)
        for (int q = 0; q < nr; q++)
            Bp[t * nr + q] = q < w ? B[q * bjs + t] : 0;
}
#endif

/* Copies a(r, t) for rows r0..r0+mc-1 and t0..t0+kc-1 into Ap, MR rows at
 * a time, t-major within each (padding rows are 0); returns nothing. */
static void pack_a(int mc, int kc, int mr, const double *A, ptrdiff_t ars,
                   ptrdiff_t ats, double *restrict Ap)
{
    for (int i = 0; i < mc; i += mr, Ap += (size_t)kc * mr) {
        int h = mc - i < mr ? mc - i : mr;
        const double *src = A + i * ars;

#if defined(MM_X86)
        if (ats == 1 && mr == 8) {      /* rows of A with the AVX-512 kernel */
            pack_t(kc, h, 8, src, ars, Ap);
            continue;
        }
#endif
        if (h < mr)
            memset(Ap, 0, sizeof(double) * (size_t)kc * mr);
        if (ars == 1 && h == 8)     /* A^T, a whole tile: fixed, inlined */
            for (int t = 0; t < kc; t++)
                memcpy(Ap + t * mr, src + t * ats, sizeof(double) * 8);
        else if (ars == 1 && h == 4)
            for (int t = 0; t < kc; t++)
                memcpy(Ap + t * mr, src + t * ats, sizeof(double) * 4);
        else if (ars == 1)                      /* A^T: rows side by side */
            for (int t = 0; t < kc; t++)
                memcpy(Ap + t * mr, src + t * ats, sizeof(double) * h);
        else
            for (int r = 0; r < h; r++)         /* read along a row */
                for (int t = 0; t < kc; t++)
                    Ap[t * mr + r] = src[r * ars + t * ats];
    }
}

/* Copies b(t, j) = B[t * bts + j * bjs] for t < kc, j < nc into Bp, NR
 * columns at a time, t-major within each (padding columns are 0);
 * returns nothing. */
static void pack_b(int kc, int nc, int nr, const double *B, ptrdiff_t bts,
                   ptrdiff_t bjs, double *restrict Bp)
{
    for (int j = 0; j < nc; j += nr) {
        int w = nc - j < nr ? nc - j : nr;

#if defined(MM_X86)
        if (bts == 1 && nr == 16) { /* B^T with the AVX-512 kernel */
            pack_t(kc, w, 16, B + j * bjs, bjs, Bp);
            Bp += (size_t)kc * nr;
            continue;
        }
#endif
        if (bts == 1) {             /* B^T: read each column along t */
            for (int q = 0; q < nr; q++) {
                const double *src = B + (j + q) * bjs;

                if (q < w)
                    for (int t = 0; t < kc; t++)
                        Bp[t * nr + q] = src[t];
                else
                    for (int t = 0; t < kc; t++)
                        Bp[t * nr + q] = 0;
            }
            Bp += (size_t)kc * nr;
            continue;
        }
        for (int t = 0; t < kc; t++) {
            const double *src = B + t * bts + j * bjs;
            int q = 0;

            if (bjs == 1 && w == 16)        /* fixed sizes: inlined */
                memcpy(Bp, src, sizeof(double) * (size_t)(q = 16));
            else if (bjs == 1 && w == 8)
                memcpy(Bp, src, sizeof(double) * (size_t)(q = 8));
            else if (bjs == 1 && w == 4)
                memcpy(Bp, src, sizeof(double) * (size_t)(q = 4));
            for (; q < w; q++)
                Bp[q] = src[q * bjs];
            for (; q < nr; q++)
                Bp[q] = 0;
            Bp += nr;
        }
    }
}

void mm_micro_tile(const struct mm_micro *k, int kc, const double *a,
                   ptrdiff_t lda, const double *b, ptrdiff_t ldb, double *c,
                   ptrdiff_t ldc, int h, int w, int zero)
{
    double t[8 * 16];

#if defined(MM_X86)
    if (h <= 4 && k->fn == kern8x16_avx512) {   /* the half-height one */
        struct mm_micro half = { kern4x16_avx512, 4, 16 };

        mm_micro_tile(&half, kc, a, lda, b, ldb, c, ldc, h, w, zero);
        return;
    }
#endif
    if (h == k->mr && w == k->nr) {
        k->fn(kc, a, lda, b, ldb, c, ldc, zero);
        return;
    }
    for (int r = 0; r < h && !zero; r++)
        memcpy(t + r * k->nr, c + (ptrdiff_t)r * ldc, sizeof(double) * w);
    k->fn(kc, a, lda, b, ldb, t, k->nr, zero);
    for (int r = 0; r < h; r++)
        memcpy(c + (ptrdiff_t)r * ldc, t + r * k->nr, sizeof(double) * w);
}

/* The operands of C (rows x p, rows ldc apart) += sum over t < m of
 * a(r, t) b(t, j): a(r, t) = A[r * ars + t * ats], b(t, j) = B[t * bts +
 * j * bjs]. */
struct mm_op {
    int rows, m, p;
    const double *A, *B;
    ptrdiff_t ars, ats, bts, bjs;
    double *C;
    ptrdiff_t ldc;
    int zero;                   /* C starts from 0, its values unread */
    double *W, lr;              /* unless NULL: then W -= lr C (W laid out
                                   as C), a block of rows once its C is
                                   whole */
};

#if defined(__GNUC__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
#define MM_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define MM_CLONES
#endif

/* Does o's W -= lr C on rows r0..r0+h-1, columns j0..j0+w-1 of C (whose
 * sums are complete), eight lanes of plain IEEE operations at a time;
 * returns nothing. */
MM_CLONES
static void mm_update(const struct mm_op *o, int r0, int h, int j0, int w)
{
    double lr = o->lr;

    for (int r = r0; r < r0 + h; r++) {
        const double *restrict c = o->C + (ptrdiff_t)r * o->ldc + j0;
        double *restrict wr = o->W + (ptrdiff_t)r * o->ldc + j0;
        int j = 0;

#if defined(__GNUC__)
        typedef double v8 __attribute__((vector_size(64)));
        for (; j + 8 <= w; j += 8) {
            v8 a, b;

            memcpy(&a, wr + j, sizeof a);
            memcpy(&b, c + j, sizeof b);
            a -= lr * b;
            memcpy(wr + j, &a, sizeof a);
        }
#endif
        for (; j < w; j++)
            wr[j] -= lr * c[j];
    }
}

/* Computes o with plain loops in the order of t; returns nothing. */
static void mm_plain(const struct mm_op *o)
{
    for (int r = 0; r < o->rows; r++) {
        double *cr = o->C + (ptrdiff_t)r * o->ldc;
        if (o->zero)
            memset(cr, 0, sizeof(double) * (size_t)o->p);
        for (int t = 0; t < o->m; t++) {
            double a = o->A[r * o->ars + t * o->ats];
            const double *b = o->B + t * o->bts;
            for (int j = 0; j < o->p; j++)
                cr[j] += a * b[j * o->bjs];
        }
        if (o->W)
            mm_update(o, r, 1, 0, o->p);
    }
}

/* Packing buffers kept for the next product (a fresh one would cost
 * page faults every call): a thread takes a free slot, grows its buffer
 * if needed and gives it back; with every slot busy it mallocs. */
#define MM_SLOTS NC_MAX_THREADS
static double *mm_slot_buf[MM_SLOTS];
static size_t mm_slot_len[MM_SLOTS];
static atomic_int mm_slot_busy[MM_SLOTS];

/* Returns a buffer of need doubles (NULL when out of memory) and its slot
 * in *slot (-1: malloc'd). */
static double *mm_get(size_t need, int *slot)
{
    for (int s = 0; s < MM_SLOTS; s++) {
        int free_ = 0;

        if (!atomic_compare_exchange_strong(&mm_slot_busy[s], &free_, 1))
            continue;
        if (mm_slot_len[s] < need) {
            free(mm_slot_buf[s]);
            mm_slot_buf[s] = malloc(sizeof(double) * need);
            mm_slot_len[s] = mm_slot_buf[s] ? need : 0;
            if (!mm_slot_buf[s]) {
                atomic_store(&mm_slot_busy[s], 0);
                return NULL;
            }
        }
        *slot = s;
        return mm_slot_buf[s];
    }
    *slot = -1;
    return malloc(sizeof(double) * need);
}

/* Gives back a buffer of mm_get; returns nothing. */
static void mm_put(double *buf, int slot)
{
    if (slot < 0)
        free(buf);
    else
        atomic_store(&mm_slot_busy[slot], 0);
}

/* Computes o as mm_plain does, packed and blocked for the caches (see
 * the top of the file); returns nothing. */
static void mm_run(const struct mm_op *o)
{
    struct mm_micro k = mm_micro_pick(o->p);
    int rows = o->rows, m = o->m, p = o->p, kcmax, ncmax, mcmax;
    double small[4096], *Ap, *Bp;
    size_t need;
    int slot = -1, direct = rows <= MM_MC;

    if (!k.fn || rows < k.mr || m < 2) {
        mm_plain(o);
        return;
    }
    kcmax = m < MM_KC ? m : MM_KC;
    ncmax = (p < MM_NC ? p : MM_NC) + k.nr - 1;
    ncmax -= ncmax % k.nr;
    mcmax = (rows < MM_MC ? rows : MM_MC) + k.mr - 1;
    mcmax -= mcmax % k.mr;
    if (direct)                 /* B packed a panel at a time */
        ncmax = k.nr;
    need = (size_t)kcmax * mcmax + (size_t)kcmax * ncmax;
    Ap = need <= sizeof small / sizeof *small ? small : mm_get(need, &slot);
    if (!Ap) {
        mm_plain(o);
        return;
    }
    Bp = Ap + (size_t)kcmax * mcmax;
    for (int t0 = 0; t0 < m; t0 += MM_KC) {
        int kc = m - t0 < MM_KC ? m - t0 : MM_KC;

        for (int j0 = 0; j0 < p; j0 += MM_NC) {
            int nc = p - j0 < MM_NC ? p - j0 : MM_NC;

            const double *b0 = o->B + t0 * o->bts + j0 * o->bjs;

            /* When A is one block each panel of B serves it whole, so it
             * is packed just before, into a buffer that stays in L1 (B's
             * own rows, read in place, are a power of two apart at
             * common widths and thrash the cache sets). */
            if (!direct)
                pack_b(kc, nc, k.nr, b0, o->bts, o->bjs, Bp);
            for (int i0 = 0; i0 < rows; i0 += MM_MC) {
                int mc = rows - i0 < MM_MC ? rows - i0 : MM_MC;

                pack_a(mc, kc, k.mr, o->A + i0 * o->ars + t0 * o->ats,
                       o->ars, o->ats, Ap);
                for (int j = 0; j < nc; j += k.nr) {
                    const double *bp = Bp + (direct ? 0 : (size_t)j * kc);
                    int w = nc - j < k.nr ? nc - j : k.nr;

                    if (direct)
                        pack_b(kc, w, k.nr, b0 + j * o->bjs, o->bts, o->bjs,
                               Bp);
                    for (int i = 0; i < mc; i += k.mr)
                        mm_micro_tile(&k, kc, Ap + (size_t)i * kc, k.mr,
                                      bp, k.nr, o->C + (ptrdiff_t)(i0 + i)
                                      * o->ldc + j0 + j, o->ldc,
                                      mc - i < k.mr ? mc - i : k.mr, w,
                                      o->zero && t0 == 0);
                }
                if (o->W && t0 + kc == m)   /* C's block still in L2 */
                    mm_update(o, i0, mc, j0, nc);
            }
        }
    }
    if (Ap != small)
        mm_put(Ap, slot);
}

/* Small products: C rows r..r+3, columns j..j+W-1 (W = 16, 8 or 4) +=
 * the sum over t < m of a(r, t) b(t, j) in order of t, with b(t, j) =
 * B[t * ldb + j]; four rows of W accumulators stay in registers.  Return
 * nothing. */
#if defined(MM_X86)
__attribute__((target("avx512f")))
static void small4x16_avx512(int m, const double *A, ptrdiff_t ars,
                             ptrdiff_t ats, const double *B, ptrdiff_t ldb,
                             double *C, ptrdiff_t ldc, int zero)
{
    v8d x[4][2];

#pragma GCC unroll 4
    for (int r = 0; r < 4; r++) {
        if (zero) {
            x[r][0] = x[r][1] = (v8d){ 0, 0, 0, 0, 0, 0, 0, 0 };
            continue;
        }
        memcpy(&x[r][0], C + r * ldc, 64);
        memcpy(&x[r][1], C + r * ldc + 8, 64);
    }
    for (int t = 0; t < m; t++) {
        const double *b = B + t * ldb, *a = A + t * ats;
        v8d b0, b1;

        memcpy(&b0, b, 64);
        memcpy(&b1, b + 8, 64);
#pragma GCC unroll 4
        for (int r = 0; r < 4; r++) {
            double ar = a[r * ars];
            v8d s = (v8d){ ar, ar, ar, ar, ar, ar, ar, ar };
            x[r][0] += s * b0;
            x[r][1] += s * b1;
        }
    }
#pragma GCC unroll 4
    for (int r = 0; r < 4; r++) {
        memcpy(C + r * ldc, &x[r][0], 64);
        memcpy(C + r * ldc + 8, &x[r][1], 64);
    }
}

__attribute__((target("avx")))
static void small4x8_avx(int m, const double *A, ptrdiff_t ars,
                         ptrdiff_t ats, const double *B, ptrdiff_t ldb,
                         double *C, ptrdiff_t ldc, int zero)
{
    v4d x[4][2];

#pragma GCC unroll 4
    for (int r = 0; r < 4; r++) {
        if (zero) {
            x[r][0] = x[r][1] = (v4d){ 0, 0, 0, 0 };
            continue;
        }
        memcpy(&x[r][0], C + r * ldc, 32);
        memcpy(&x[r][1], C + r * ldc + 4, 32);
    }
    for (int t = 0; t < m; t++) {
        const double *b = B + t * ldb, *a = A + t * ats;
        v4d b0, b1;

        memcpy(&b0, b, 32);
        memcpy(&b1, b + 4, 32);
#pragma GCC unroll 4
        for (int r = 0; r < 4; r++) {
            double ar = a[r * ars];
            v4d s = (v4d){ ar, ar, ar, ar };
            x[r][0] += s * b0;
            x[r][1] += s * b1;
        }
    }
#pragma GCC unroll 4
    for (int r = 0; r < 4; r++) {
        memcpy(C + r * ldc, &x[r][0], 32);
        memcpy(C + r * ldc + 4, &x[r][1], 32);
    }
}
#endif

#if defined(MM_V2)
static void small4x4(int m, const double *A, ptrdiff_t ars, ptrdiff_t ats,
                     const double *B, ptrdiff_t ldb, double *C,
                     ptrdiff_t ldc, int zero)
{
    mm_v2 x[4][2];

    for (int r = 0; r < 4; r++) {
        x[r][0] = zero ? mm_splat2(0) : mm_ld2(C + r * ldc);
        x[r][1] = zero ? mm_splat2(0) : mm_ld2(C + r * ldc + 2);
    }
    for (int t = 0; t < m; t++) {
        const double *b = B + t * ldb, *a = A + t * ats;
        mm_v2 b0 = mm_ld2(b), b1 = mm_ld2(b + 2);
#pragma GCC unroll 4
        for (int r = 0; r < 4; r++) {
            mm_v2 s = mm_splat2(a[r * ars]);
            x[r][0] += s * b0;
            x[r][1] += s * b1;
        }
    }
    for (int r = 0; r < 4; r++) {
        mm_st2(C + r * ldc, x[r][0]);
        mm_st2(C + r * ldc + 2, x[r][1]);
    }
}
#endif

/* Computes o (B's rows contiguous: bjs == 1) without packing: 4-row
 * blocks of the widest columns the CPU has, plain loops at the edges, in
 * mm_plain's order for every element; returns nothing. */
static void mm_small(const struct mm_op *o)
{
    int r = 0, rows = o->rows, m = o->m, p = o->p;
    ptrdiff_t ldb = o->bts, ldc = o->ldc;

#if defined(MM_V2)
#if defined(MM_X86)
    int avx, avx512;

    __builtin_cpu_init();
    avx = __builtin_cpu_supports("avx");
    avx512 = __builtin_cpu_supports("avx512f");
#endif
    for (; r + 4 <= rows; r += 4) {
        const double *ar = o->A + r * o->ars;
        double *cr = o->C + r * ldc;
        int j = 0;

#if defined(MM_X86)
        for (; avx512 && j + 16 <= p; j += 16)
            small4x16_avx512(m, ar, o->ars, o->ats, o->B + j, ldb, cr + j,
                             ldc, o->zero);
        for (; avx && j + 8 <= p; j += 8)
            small4x8_avx(m, ar, o->ars, o->ats, o->B + j, ldb, cr + j, ldc,
                         o->zero);
#endif
        for (; j + 4 <= p; j += 4)
            small4x4(m, ar, o->ars, o->ats, o->B + j, ldb, cr + j, ldc,
                     o->zero);
        for (; j < p; j++) {                /* right edge, 4 rows */
            double s0 = o->zero ? 0 : cr[j], s1 = o->zero ? 0 : cr[ldc + j];
            double s2 = o->zero ? 0 : cr[2 * ldc + j];
            double s3 = o->zero ? 0 : cr[3 * ldc + j];
            for (int t = 0; t < m; t++) {
                double b = o->B[t * ldb + j];
                const double *a = ar + t * o->ats;
                s0 += a[0] * b;
                s1 += a[o->ars] * b;
                s2 += a[2 * o->ars] * b;
                s3 += a[3 * o->ars] * b;
            }
            cr[j] = s0;
            cr[ldc + j] = s1;
            cr[2 * ldc + j] = s2;
            cr[3 * ldc + j] = s3;
        }
        if (o->W)
            mm_update(o, r, 4, 0, p);
    }
#endif
    if (r < rows) {                         /* bottom edge, plain */
        struct mm_op e = *o;

        e.rows = rows - r;
        e.A = o->A + r * o->ars;
        e.C = o->C + r * ldc;
        e.W = o->W ? o->W + r * ldc : NULL;
        mm_plain(&e);
    }
}

/* A product split across threads: piece t of nt computes the columns
 * (cols) or rows of C in its share of whole blocks of `unit`. */
struct mm_par {
    const struct mm_op *o;
    int cols, unit;
};

/* Computes thread t's block of C; returns nothing. */
static void mm_piece(void *arg, int t, int nt)
{
    const struct mm_par *P = arg;
    struct mm_op s = *P->o;
    int total = P->cols ? s.p : s.rows;
    int units = (total + P->unit - 1) / P->unit;
    int u0 = (int)((long)units * t / nt), u1 = (int)((long)units * (t + 1)
                                                     / nt);
    int a = u0 * P->unit, b = u1 * P->unit < total ? u1 * P->unit : total;

    if (a >= b)
        return;
    if (P->cols) {
        s.p = b - a;
        s.B = s.B + a * s.bjs;
        s.C = s.C + a;
        s.W = s.W ? s.W + a : NULL;
    } else {
        s.rows = b - a;
        s.A = s.A + a * s.ars;
        s.C = s.C + a * s.ldc;
        s.W = s.W ? s.W + a * s.ldc : NULL;
    }
    mm_run(&s);
}

/* Computes o: unpacked when small, on threads when large, else packed;
 * returns nothing. */
static void mm_go(const struct mm_op *o)
{
    double work = (double)o->rows * o->m * o->p;
    int nt;

    if (work <= MM_SMALL && o->bjs == 1) {
        mm_small(o);
        return;
    }
    if (work <= MM_SMALL && o->p * (size_t)o->m <= 4096) {
        double bt[4096];            /* B^T, to read it in place */
        struct mm_op s = *o;

        for (int t = 0; t < o->m; t++)
            for (int j = 0; j < o->p; j++)
                bt[t * o->p + j] = o->B[t * o->bts + j * o->bjs];
        s.B = bt;
        s.bts = o->p;
        s.bjs = 1;
        mm_small(&s);
        return;
    }
    nt = work >= MM_PAR ? nc_threads() : 1;
    if (nt > 1) {
        struct mm_par P = { o, o->p >= o->rows, 0 };

        P.unit = P.cols ? 16 : 8;       /* whole tiles of any kernel */
        if (nt > ((P.cols ? o->p : o->rows) + P.unit - 1) / P.unit)
            nt = ((P.cols ? o->p : o->rows) + P.unit - 1) / P.unit;
        nc_parallel(nt, mm_piece, &P);
        return;
    }
    mm_run(o);
}

void mm_nn(int n, int m, int p, const double *A, const double *B,
           double *C)
{
    struct mm_op o = { n, m, p, A, B, m, 1, p, 1, C, p, 0, NULL, 0 };

    mm_go(&o);
}

void mm_tn(int n, int m, int p, const double *A, const double *B,
           double *C)
{
    struct mm_op o = { m, n, p, A, B, 1, m, p, 1, C, p, 0, NULL, 0 };

    mm_go(&o);
}

void mm_nt(int n, int m, int p, const double *A, const double *B,
           double *C)
{
    struct mm_op o = { n, m, p, A, B, m, 1, 1, m, C, p, 0, NULL, 0 };

    mm_go(&o);
}

void mm_nn0(int n, int m, int p, const double *A, const double *B,
            double *C)
{
    struct mm_op o = { n, m, p, A, B, m, 1, p, 1, C, p, 1, NULL, 0 };

    mm_go(&o);
}

void mm_tn0(int n, int m, int p, const double *A, const double *B,
            double *C)
{
    struct mm_op o = { m, n, p, A, B, 1, m, p, 1, C, p, 1, NULL, 0 };

    mm_go(&o);
}

void mm_tn0_sgd(int n, int m, int p, const double *A, const double *B,
                double *C, double lr, double *W)
{
    struct mm_op o = { m, n, p, A, B, 1, m, p, 1, C, p, 1, W, lr };

    mm_go(&o);
}

void mm_nt0(int n, int m, int p, const double *A, const double *B,
            double *C)
{
    struct mm_op o = { n, m, p, A, B, m, 1, 1, m, C, p, 1, NULL, 0 };

    mm_go(&o);
}

void mm_transpose(int rows, int cols, const double *A, double *T)
{
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++)
            T[(ptrdiff_t)j * rows + i] = A[(ptrdiff_t)i * cols + j];
}
