/* SPDX-License-Identifier: MIT */
/* A lesson seen from the front-end: it runs in a worker process, and this
 * drives it, step by step, over the messages of proto.h. */
#ifndef NNT_SESSION_H
#define NNT_SESSION_H

#include <stdint.h>
#include <sys/types.h>

#include "frontend.h"
#include "proto.h"
#include "runner.h"
#include "worker.h"

#define SESSION_WATCHDOG_MS 10000       /* silence before a worker is
                                           stopped (NNTUTOR_WATCHDOG_MS) */

/* What the caller's idle callback may answer while a step computes. */
enum { IDLE_GO_ON = 0, IDLE_CANCEL = 1, IDLE_QUIT = 2 };

struct session {
    /* the lesson, as the worker read it (in the chosen language) */
    char *path, *id, *title, *summary;
    char *answer;               /* the written answer, or NULL */
    int nsteps;
    char **titles;
    int nexercises;             /* the lesson's exercises */
    char **ex_names, **ex_titles;
    uint64_t seed;
    /* the worker */
    struct worker_job job;
    pid_t pid;
    int fd;                     /* -1 when no worker runs */
    int errfd;                  /* the worker's stderr, or -1 */
    int show_stderr;            /* copy it to ours (not on the TUI's tty) */
    size_t stderr_shown;        /* bytes copied from this worker */
    struct pframe frame;        /* the message being read */
    char *call, *call_where;    /* the plugin call running, if any */
    const struct frontend *fe;
    const char *export_dir;     /* write every chart here, or NULL */
    int watchdog_ms;
    /* called about every 50 ms while the worker computes; returns an
     * IDLE_ value (the TUI reads keys and redraws here) */
    int (*idle)(void *ud);
    void *idle_ud;
    double last_idle;           /* when idle last ran (ms, monotonic) */
    /* what was seen */
    struct request req;         /* the pending request (owned copies) */
    int step, charts;           /* current step, charts drawn in it */
    int draw_base;              /* charts before its explore drawing, or
                                 * -1: a redraw exports over the last */
    struct chart **held;        /* --export: the explore drawing's charts,
                                 * written when the step ends, so a file
                                 * holds where the student left it, not
                                 * one file per slider move */
    int *held_ix, nheld, held_cap;
    int claims_ok, claims_failed;
    int export_failed;          /* --export could not write (said once) */
    int quit;                   /* the idle callback asked to quit */
    int cancelled;              /* the last request ended by a cancel */
    int checking;               /* the student's code is being checked:
                                   a worker's end is "your code ..." */
    char error[2048];           /* the last error, for REQ_ERROR */
};

/* Starts a worker for the lesson at path and reads its header.  Returns
 * 0, or -1 with the reason in err (the lesson's own error with file and
 * line, or what became of its worker). */
int session_open(struct session *s, const char *path,
                 const struct host_opts *o, int seed_given, int interactive,
                 const struct frontend *fe, char *err, size_t n);
/* Reads the headers (id, title, steps) of n lessons through one worker
 * (another after one that dies): calls fn for each in order, with a
 * session holding its header, or NULL and why it could not be read. */
void session_peek_all(char **paths, int n, const struct host_opts *o,
                      void (*fn)(void *ud, int i, const struct session *s,
                                 const char *err),
                      void *ud);
/* Switches the language ("en" or "zh"): titles are read again; the
 * caller re-runs the step.  Returns 0 or -1 (s->error). */
int session_set_lang(struct session *s, const char *lang);
/* Ends the worker and frees everything. */
void session_close(struct session *s);
/* Starts step i (a fresh worker if the last one died); returns its first
 * request.  The others answer the pending request; see runner.h. */
const struct request *session_begin(struct session *s, int i);
/* The same, opening the step's first explore screen with the values of
 * the n controls keep (by name), e.g. after a language switch. */
const struct request *session_begin_with(struct session *s, int i,
                                         const struct slider *keep, int n);
const struct request *session_continue(struct session *s);
const struct request *session_answer(struct session *s, int choice);
const struct request *session_slide(struct session *s, const char *name,
                                    double value);
/* Checks the student's code (source) against the pending exercise; the
 * next request is the exercise again, with the result. */
const struct request *session_check(struct session *s, const char *source);
/* Presents the exercise called name on its own (step 0). */
const struct request *session_exercise(struct session *s, const char *name);
/* Returns the index of the exercise called name, or -1. */
int session_find_exercise(const struct session *s, const char *name);
/* Runs every step without a person, as runner_run_all did: waits
 * continue, quizzes go unanswered, exercises are shown and left, explore
 * screens draw once (and, with exercise, at each slider's min and max
 * and each choice's every name).
 * Returns the failed steps. */
int session_run_all(struct session *s, int exercise, int stop_on_error,
                    void (*on_error)(void *ud, int step, const char *msg),
                    void *ud);
/* Tests each of the lesson's exercises: its solution must pass and its
 * stub must fail (a check that cannot fail is a defect).  Calls on_error
 * for each problem; returns how many there were. */
int session_test_exercises(struct session *s,
                           void (*on_error)(void *ud, int step,
                                            const char *msg),
                           void *ud);
/* Runs a script (nntutor run FILE ARG...) in a worker: args[0] is the
 * file.  Returns 0, or 1 with the error in err (claims count in s). */
int session_run_script(struct session *s, const char *path, char **args,
                       int nargs, const struct host_opts *o,
                       const struct frontend *fe, char *err, size_t n);

#endif
