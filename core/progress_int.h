/* SPDX-License-Identifier: MIT */
/* What progress.c (the file) and progress_record.c (the record in
 * memory) share. */
#ifndef NNT_PROGRESS_INT_H
#define NNT_PROGRESS_INT_H

#include <stddef.h>

#include "progress.h"

#define MAX_NUM 999999999               /* nine digits never overflow int */
#define DIGITS "0123456789"
#define ALNUM "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" DIGITS
#define NAME_CHARS ALNUM "_"

/* Returns 1 if the len bytes at s are an exercise name: 1 to
 * PROGRESS_MAX_NAME of [A-Za-z_][A-Za-z0-9_]*. */
int progress_valid_name(const char *s, size_t len);
/* Adds steps from..to (1 <= from <= to) to p's seen steps, keeping them
 * sorted, disjoint and never adjacent. */
void progress_add_seen(struct progress *p, int from, int to);
/* Returns 0 if the record's values are in range, else -1 with the reason
 * in why, prefixed by the line it came from when line is given (the lines
 * of step, furthest, complete and seen). */
int progress_check(const struct progress *p, const int *line, char *why,
                   size_t n);
/* Sorts quiz answers by (step, index) and exercises by name. */
void progress_sort(struct progress *p);

#endif
