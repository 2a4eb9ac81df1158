/* SPDX-License-Identifier: MIT */
/* Driving a lesson without a person (check, --plain, exercise tests):
 * every step in order, quizzes answered by the front-end, explore screens
 * moved to each control's ends, exercises checked against their solution
 * and their stub.  Only the session's public calls are used. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"
#include "util.h"

/* Reports a problem with exercise name through on_error; returns 1. */
static int exercise_problem(void (*on_error)(void *, int, const char *),
                            void *ud, const char *name, const char *what,
                            const struct request *q)
{
    char msg[2400];

    if (q->kind == REQ_ERROR)
        snprintf(msg, sizeof msg, "exercise '%s': %s: %s", name, what,
                 q->error ? q->error : "");
    else
        snprintf(msg, sizeof msg, "exercise '%s': %s%s%s", name, what,
                 q->kind == REQ_EXERCISE && q->ex.message ? ": " : "",
                 q->kind == REQ_EXERCISE && q->ex.message ? q->ex.message
                                                          : "");
    if (on_error)
        on_error(ud, 0, msg);
    return 1;
}

int session_test_exercises(struct session *s,
                           void (*on_error)(void *ud, int step,
                                            const char *msg),
                           void *ud)
{
    int problems = 0;

    for (int i = 0; i < s->nexercises && !s->quit; i++) {
        char *name = xstrdup(s->ex_names[i]), *stub;
        const struct request *q = session_exercise(s, name);

        if (q->kind != REQ_EXERCISE) {
            problems += exercise_problem(on_error, ud, name, "could not be "
                                         "presented", q);
            free(name);
            continue;
        }
        stub = xstrdup(q->ex.stub);
        q = session_check(s, q->ex.solution);
        if (q->kind != REQ_EXERCISE || q->ex.status != EX_PASS)
            problems += exercise_problem(on_error, ud, name, "its solution "
                                         "does not pass", q);
        if (q->kind == REQ_EXERCISE) {
            q = session_check(s, stub);
            if (q->kind == REQ_EXERCISE && q->ex.status == EX_PASS)
                problems += exercise_problem(on_error, ud, name, "its stub "
                                             "passes the check (a check "
                                             "that cannot fail)", q);
            else if (q->kind != REQ_EXERCISE)
                problems += exercise_problem(on_error, ud, name, "checking "
                                             "its stub failed", q);
        }
        if (q->kind == REQ_EXERCISE)
            session_continue(s);
        free(stub);
        free(name);
    }
    return problems;
}

/* Drives an explore screen without a person; returns the next request. */
static const struct request *exercise_explore(struct session *s,
                                              const struct request *q,
                                              int exercise)
{
    int n = q->nsliders;
    struct slider *sl;

    if (!exercise || n == 0)
        return session_continue(s);
    sl = xcalloc((size_t)n, sizeof *sl);        /* q changes on slide */
    memcpy(sl, q->sliders, (size_t)n * sizeof *sl);
    for (int i = 0; i < n; i++) {
        sl[i].name = xstrdup(sl[i].name);
        sl[i].label = NULL;
        sl[i].choices = NULL;
    }
    for (int i = 0; i < n && q->kind == REQ_EXPLORE; i++) {
        /* a choice tries each of its names; a slider its ends */
        int every = sl[i].kind == SLIDER_CHOICE;
        for (double v = sl[i].min; every && v < sl[i].max &&
             q->kind == REQ_EXPLORE; v += 1)
            q = session_slide(s, sl[i].name, v);
        if (q->kind == REQ_EXPLORE && !every)
            q = session_slide(s, sl[i].name, sl[i].min);
        if (q->kind == REQ_EXPLORE)
            q = session_slide(s, sl[i].name, sl[i].max);
        if (q->kind == REQ_EXPLORE)
            q = session_slide(s, sl[i].name, sl[i].value);
    }
    for (int i = 0; i < n; i++)
        free((char *)sl[i].name);
    free(sl);
    return q->kind == REQ_EXPLORE ? session_continue(s) : q;
}

int session_run_all(struct session *s, int exercise, int stop_on_error,
                    void (*on_error)(void *ud, int step, const char *msg),
                    void *ud)
{
    const struct frontend *fe = s->fe;
    int failed = 0;

    for (int i = 1; i <= s->nsteps && !s->quit; i++) {
        const struct request *q = session_begin(s, i);

        while (q->kind != REQ_DONE && q->kind != REQ_ERROR) {
            if (q->kind == REQ_WAIT) {
                if (fe && fe->wait)
                    fe->wait(fe->ud);
                q = session_continue(s);
            } else if (q->kind == REQ_QUIZ) {
                int c = fe && fe->quiz ? fe->quiz(fe->ud, &q->quiz) : 0;
                q = session_answer(s, c);
            } else if (q->kind == REQ_EXERCISE) {
                if (fe && fe->exercise)
                    fe->exercise(fe->ud, &q->ex);
                q = session_continue(s);
            } else {
                if (fe && fe->explore)
                    fe->explore(fe->ud, q->sliders, q->nsliders);
                q = exercise_explore(s, q, exercise);
            }
        }
        if (q->kind == REQ_ERROR) {
            failed++;
            if (on_error)
                on_error(ud, i, q->error);
            if (stop_on_error)
                break;
        }
    }
    return failed;
}
