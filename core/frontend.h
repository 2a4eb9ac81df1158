/* SPDX-License-Identifier: MIT */
/* What a front-end (plain, check, tui) does with a running lesson. */
#ifndef NNT_FRONTEND_H
#define NNT_FRONTEND_H

#include "chart.h"

/* A quiz as the lesson asked it, texts already in the chosen language. */
struct quiz {
    const char *question;
    const char **choices;
    int nchoices;
    int answer;                 /* 1-based index of the right choice */
    const char *explain;        /* may be NULL */
};

/* An explore screen's slider, as declared by the lesson. */
struct slider {
    const char *name;
    const char *label;          /* shown instead of name, may be NULL */
    double min, max, step, value;
};

/*
 * Callbacks a front-end implements.  Texts are UTF-8 in the chosen
 * language.  Any callback may be NULL (nothing happens).
 */
struct frontend {
    void *ud;
    /* a step begins (index is 1-based) */
    void (*step)(void *ud, int index, int nsteps, const char *title);
    /* a paragraph of light markup */
    void (*say)(void *ud, const char *text);
    /* a chart; the front-end borrows it for the call only */
    void (*chart)(void *ud, const struct chart *c);
    /* the result of an experiment's claim */
    void (*claim)(void *ud, const char *text, int ok);
    /* output of print() */
    void (*print)(void *ud, const char *text);
    /* a quiz; returns the 1-based choice, or 0 if none was given */
    int (*quiz)(void *ud, const struct quiz *q);
    /* a pause; nothing to return */
    void (*wait)(void *ud);
    /* an explore screen draws again: what follows replaces what its last
     * drawing showed */
    void (*draw)(void *ud);
    /* an explore screen opens with these sliders (drawn once already) */
    void (*explore)(void *ud, const struct slider *s, int n);
    /* progress of a long plugin call in [0, 1] (only calls over 0.2 s),
     * then -1 when it ends; returns nonzero to cancel */
    int (*progress)(void *ud, double fraction);
    /* a warning the user should see (e.g. an export that failed) */
    void (*warn)(void *ud, const char *text);
};

#endif
