/* SPDX-License-Identifier: MIT */
/* The lesson runner: loads a lesson and steps through it, one request at
 * a time, so any front-end (plain, check, tui) can drive it. */
#ifndef NNT_RUNNER_H
#define NNT_RUNNER_H

#include <stdint.h>

#include "frontend.h"
#include "host.h"

struct runner {
    struct host *h;
    char *path;
    char *id, *title, *summary; /* in the chosen language */
    char *answer;               /* the written answer, or NULL */
    int nsteps;
    uint64_t seed;              /* base seed (--seed, lesson.seed, or id) */
    int seed_given;             /* seed came from --seed */
    int interactive;            /* a person paces the steps */
    int lesson_ref, co_ref;
    lua_State *co;
    int yields;                 /* pauses in this step */
    char **titles;              /* step titles */
    int nexercises;             /* the lesson's exercises: */
    char **ex_names, **ex_titles;   /* names, titles */
    struct request req;         /* the pending request's storage */
};

/* Loads the lesson at path in a new host.  Returns 0, or -1 with the
 * reason (file:line for Lua errors) in err.  seed_given says whether
 * o->seed came from --seed. */
int runner_open(struct runner *r, const char *path,
                const struct host_opts *o, int seed_given,
                const struct frontend *fe, char *err, size_t n);
/* Switches the language (a static "en" or "zh"): titles are read again;
 * the caller re-runs the step.  Returns 0, or -1 (h->last_error). */
int runner_set_lang(struct runner *r, const char *lang);
/* Frees the runner and its host. */
void runner_close(struct runner *r);
/* Starts step i (1-based), reseeded so a step always gives the same
 * numbers; returns its first request. */
const struct request *runner_begin(struct runner *r, int i);
/* Gives values for the controls of the next step's first explore screen
 * (by name; n = 0: none): the screen opens with them, where they fit. */
void runner_preset(struct runner *r, const char *const *names,
                   const double *values, int n);
/* Continues after REQ_WAIT or leaves an explore screen; returns the next
 * request. */
const struct request *runner_continue(struct runner *r);
/* Answers a quiz with a 1-based choice (0: no answer). */
const struct request *runner_answer(struct runner *r, int choice);
/* Checks source (the student's file) against the pending exercise. */
const struct request *runner_check(struct runner *r, const char *source);
/* Presents the lesson's exercise called name on its own (a step of just
 * ui:exercise(name), numbered 0); returns its first request. */
const struct request *runner_exercise(struct runner *r, const char *name);
/* Moves a slider of the open explore screen (draw runs again). */
const struct request *runner_slide(struct runner *r, const char *name,
                                   double value);
/* Returns a default seed for a lesson id (FNV-1a). */
uint64_t runner_id_seed(const char *id);

#endif
