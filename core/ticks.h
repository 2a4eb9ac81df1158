/* SPDX-License-Identifier: MIT */
/* Axis ticks: Heckbert's nice numbers, decade ticks, compact labels. */
#ifndef NNT_TICKS_H
#define NNT_TICKS_H

#include <stddef.h>

#define TICKS_MAX 32

/* The ticks of one axis.  values[] are in data units (not logarithms),
 * increasing, and lo <= values[i] <= hi. */
struct ticks {
    double lo, hi;              /* tick-aligned range covering the data */
    double step;                /* linear: spacing; log: decades apart */
    int n;                      /* number of values */
    int log;                    /* 1: decade ticks of a log axis */
    double values[TICKS_MAX];
};

/* Fills out with about target nice ticks covering [lo, hi] (loose
 * labelling; a range with lo == hi is widened).  Returns 0, or -1 if lo or
 * hi is NaN or infinite or the range cannot be represented. */
int ticks_linear(double lo, double hi, int target, struct ticks *out);
/* Fills out with ticks at powers of ten covering [lo, hi] (with 2 and 5
 * between them when the range spans under about two decades, and every
 * k-th decade when it spans more than target).  When fewer than three of
 * those fall inside a narrow range, out holds linear nice ticks instead
 * (out->log 0; still positive, still for a log axis).  Returns 0, or -1
 * unless 0 < lo, hi < inf. */
int ticks_log(double lo, double hi, int target, struct ticks *out);
/* Keeps only the ticks inside [lo, hi] (used when the axis range is given
 * rather than chosen) and sets t->lo, t->hi to it. */
void ticks_clip(struct ticks *t, double lo, double hi);
/* Writes v rounded to the resolution step into buf ("0", "0.5", "1.5e6",
 * "2e-4"; never "-0"). */
void tick_label(double v, double step, char *buf, size_t n);
/* Writes v formatted like the labels of axis t, so that every label of an
 * axis has the same style (all fixed or all with an exponent). */
void ticks_label(const struct ticks *t, double v, char *buf, size_t n);
/* Writes v with about sig significant digits, compactly ("0.25", "1200",
 * "3.1e-5"; trailing zeros dropped), for values that are not ticks. */
void value_label(double v, int sig, char *buf, size_t n);

#endif
