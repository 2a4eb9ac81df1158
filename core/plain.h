/* SPDX-License-Identifier: MIT */
/* The plain front-end: a whole lesson as text on a stream. */
#ifndef NNT_PLAIN_H
#define NNT_PLAIN_H

#include <stdio.h>

#include "frontend.h"
#include "glyphs.h"

struct plain {
    FILE *out;                  /* NULL: render but print nothing (check) */
    int width;                  /* columns for text and charts */
    const char *lang;           /* "en" or "zh": plain's own words */
    const struct glyphs *g;
    int step;                   /* current step, for reports */
    int failed_claims;
    /* called for a false claim (check reports them) */
    void (*on_false_claim)(void *ud, int step, const char *text);
    /* called for each quiz and exercise shown (check notes gaps) */
    void (*on_quiz)(void *ud, int step, const struct quiz *q);
    void (*on_exercise)(void *ud, int step, const struct exercise *e);
    void *ud;
};

/* Sets up p for out at width columns (clamped to 40..120), its own words
 * in lang ("zh", else English). */
void plain_init(struct plain *p, FILE *out, int width, int ascii,
                const char *lang);
/* Prints the lesson's written answer under a heading rule (nothing when
 * text is NULL or empty). */
void plain_answer(struct plain *p, const char *text);
/* Returns a front-end whose callbacks print through p. */
struct frontend plain_frontend(struct plain *p);
/* Prints a canvas row by row (no colour); returns nothing. */
void plain_print_canvas(FILE *out, const struct canvas *cv);

#endif
