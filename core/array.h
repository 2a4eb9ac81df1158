/* SPDX-License-Identifier: MIT */
/* Reference-counted arrays of doubles shared by plugins, Lua and charts. */
#ifndef NNT_ARRAY_H
#define NNT_ARRAY_H

#include <stddef.h>

/* A 1-D (cols == 0) or 2-D (rows x cols) block of doubles.  A view (a row
 * of a matrix) points into its base's data and holds a reference to it. */
struct array {
    int refs;
    size_t rows, cols;          /* 1-D: rows = length, cols = 0 */
    double *data;
    struct array *base;         /* owner of data for views, else NULL */
};

/* Returns a zeroed new array with one reference, or NULL if out of memory. */
struct array *array_new(size_t rows, size_t cols);
/* Returns a view of row i of a 2-D array (one reference), or NULL. */
struct array *array_row(struct array *a, size_t i);
/* Returns a, with one more reference. */
struct array *array_ref(struct array *a);
/* Drops one reference; frees on the last.  NULL is ignored. */
void array_unref(struct array *a);
/* Returns the number of elements (rows * cols, or rows when 1-D). */
size_t array_len(const struct array *a);

#endif
