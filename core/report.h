/* SPDX-License-Identifier: MIT */
/* nntutor lesson ID --report DIR: the lesson as homework, a Markdown file
 * (its text, claims, quizzes with their answers, exercises with their
 * solutions and the written answer) with every chart beside it as SVG. */
#ifndef NNT_REPORT_H
#define NNT_REPORT_H

#include <stdio.h>

#include "frontend.h"
#include "session.h"

struct report {
    FILE *f;                    /* DIR/ID.md, being written */
    const char *dir;
    const char *lang;           /* "en" or "zh": the report's own words */
    int step, chart;            /* the step, and charts drawn in it */
    int figures, failed_claims;
    int failed;                 /* a figure or the file could not be
                                   written (said once, on stderr) */
};

/* Returns a front-end that writes the lesson into r. */
struct frontend report_frontend(struct report *r);
/* Opens DIR/ID.md (making DIR) and writes the title.  Returns 0, or -1
 * with a reason naming the file in err. */
int report_open(struct report *r, const char *dir, const char *lang,
                const struct session *s, char *err, size_t n);
/* Writes the written answer (if any) and closes the file.  Returns 0, or
 * -1 with a reason in err when the file could not be written. */
int report_close(struct report *r, const struct session *s, char *err,
                 size_t n);

#endif
