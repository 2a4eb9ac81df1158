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
    const char **why;           /* nchoices entries: why choice i+1 is
                                   wrong, or NULL */
};

/* How the last check of an exercise ended. */
enum ex_status { EX_NONE, EX_PASS, EX_FAIL, EX_ERROR };

/* An exercise as the lesson presents it, texts in the chosen language,
 * with the result of the last check of the student's code (if any). */
struct exercise {
    const char *name;           /* the function, and the file NAME.lua */
    const char *title, *statement, *stub, *solution;
    const char **hints;
    int nhints;
    enum ex_status status;      /* of the last check */
    const char *message;        /* what the check found, or NULL */
    int passed, total;          /* tests passed before it stopped */
};

/* What an explore control is: a numeric slider, a choice among names,
 * or an on/off switch. */
enum slider_kind { SLIDER_NUMBER, SLIDER_CHOICE, SLIDER_BOOL };

/* An explore screen's control, as declared by the lesson.  A choice's
 * value is the index of the chosen name (min 0, max nchoices - 1, step
 * 1); a switch's is 0 (off) or 1 (on). */
struct slider {
    const char *name;
    const char *label;          /* shown instead of name, may be NULL */
    double min, max, step, value;
    enum slider_kind kind;
    const char **choices;       /* SLIDER_CHOICE: the names shown */
    int nchoices;
};

/* What a running step asks of its front-end next. */
enum req_kind {
    REQ_DONE,                   /* the step finished */
    REQ_WAIT,                   /* ui:wait(): continue when ready */
    REQ_QUIZ,                   /* ui:quiz(): answer with a choice */
    REQ_EXPLORE,                /* ui:explore(): slide, or continue */
    REQ_ERROR,                  /* the step raised an error */
    REQ_EXERCISE                /* ui:exercise(): check code, or continue */
};

struct request {
    enum req_kind kind;
    struct quiz quiz;           /* REQ_QUIZ */
    struct exercise ex;         /* REQ_EXERCISE */
    struct slider *sliders;     /* REQ_EXPLORE */
    int nsliders;
    const char *error;          /* REQ_ERROR: "file:line: msg\ntraceback" */
};

/* Frees the copies a request holds and zeroes it. */
void request_clear(struct request *q);

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
    /* an exercise is presented (without a person: shown, not checked) */
    void (*exercise)(void *ud, const struct exercise *e);
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
    /* a problem the user should see (e.g. charts that could not be
     * exported) */
    void (*warn)(void *ud, const char *text);
    /* a plugin call begins (fn "plugin.function", where "file:line: ")
     * or, with fn NULL, ends */
    void (*call)(void *ud, const char *fn, const char *where);
    /* check: a lint warning, "file:line: what is wrong (the fix)" */
    void (*lint)(void *ud, const char *text);
    /* Lua code is running (called often; the callee rate-limits) */
    void (*alive)(void *ud);
};

#endif
