/* SPDX-License-Identifier: MIT */
/* Reference-counted arrays of doubles. */
#include <stdint.h>
#include <stdlib.h>

#include "array.h"

struct array *array_new(size_t rows, size_t cols)
{
    size_t n = cols ? rows * cols : rows;
    struct array *a;

    if (cols && rows > SIZE_MAX / sizeof(double) / cols)
        return NULL;
    a = malloc(sizeof *a);
    if (!a)
        return NULL;
    a->data = calloc(n ? n : 1, sizeof(double));
    if (!a->data) {
        free(a);
        return NULL;
    }
    a->refs = 1;
    a->rows = rows;
    a->cols = cols;
    a->base = NULL;
    return a;
}

struct array *array_row(struct array *a, size_t i)
{
    struct array *v;

    if (!a->cols || i >= a->rows)
        return NULL;
    v = malloc(sizeof *v);
    if (!v)
        return NULL;
    v->refs = 1;
    v->rows = a->cols;
    v->cols = 0;
    v->data = a->data + i * a->cols;
    v->base = array_ref(a->base ? a->base : a);
    return v;
}

struct array *array_ref(struct array *a)
{
    a->refs++;
    return a;
}

void array_unref(struct array *a)
{
    if (!a || --a->refs > 0)
        return;
    if (a->base)
        array_unref(a->base);
    else
        free(a->data);
    free(a);
}

size_t array_len(const struct array *a)
{
    return a->cols ? a->rows * a->cols : a->rows;
}
