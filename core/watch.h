/* SPDX-License-Identifier: MIT */
/* nntutor exercise: the student's editor in one pane, this in another;
 * every save of the exercise file is checked (as rustlings watch does). */
#ifndef NNT_WATCH_H
#define NNT_WATCH_H

#include "plain.h"
#include "session.h"

struct watch_opts {
    struct session *s;          /* open on the lesson */
    struct plain *pl;           /* prints statements and results */
    const char *name;           /* the exercise, or NULL: the first one
                                   not passed yet */
    const char *work_dir;       /* the student's files */
    const char *state_dir;      /* progress (may be NULL) */
    const char *lang;           /* "en" or "zh" */
    int once;                   /* check once and exit: 0 passed, 1 not */
};

/* Runs watch mode.  Returns the exit status: 0 (passed, or the student
 * quit), 1 (--once and not passed, or an error), 2 (no such exercise). */
int watch_run(const struct watch_opts *o);

/* Calls fn(ud) now and after every save of the file at path (checked
 * every 200 ms by its size and time), until fn returns nonzero or the
 * process is interrupted (Ctrl-C).  Returns what fn returned. */
int watch_file(const char *path, int (*fn)(void *ud), void *ud);

#endif
