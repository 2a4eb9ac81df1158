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
 */

/* C (n x p) += A (n x m) * B (m x p); returns nothing. */
void mm_nn(int n, int m, int p, const double *A, const double *B,
           double *C);
/* C (m x p) += A^T * B for A (n x m) and B (n x p), summed over the n
 * rows in order; returns nothing. */
void mm_tn(int n, int m, int p, const double *A, const double *B,
           double *C);
/* Writes T (cols x rows) = the transpose of A (rows x cols); returns
 * nothing. */
void mm_transpose(int rows, int cols, const double *A, double *T);

#endif
