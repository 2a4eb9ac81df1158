/* SPDX-License-Identifier: MIT */
/* Watch mode: checks the student's exercise file on every save. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "out.h"
#include "page.h"
#include "progress.h"
#include "util.h"
#include "watch.h"
#include "workfile.h"

#define POLL_MS 200                     /* how often the file is looked at */

/* The state of one watched exercise. */
struct watch {
    const struct watch_opts *o;
    struct session *s;
    int ex;                     /* index in the lesson's exercises */
    char *path;                 /* the student's file */
    char *stub, *solution;      /* of the exercise */
    char **hints;
    int nhints, shown;          /* hints, and how many are shown */
    int checks, tried, passed, revealed;
    struct workfile_stamp seen; /* the file as last checked */
};

/* Returns en or zh in the run's language. */
static const char *tr(const struct watch *w, const char *en, const char *zh)
{
    return strcmp(w->o->lang, "zh") == 0 ? zh : en;
}

/* Prints markup text through the plain front-end (wrapped, escaped). */
static void say(struct watch *w, const char *text)
{
    struct frontend fe = plain_frontend(w->o->pl);

    fe.say(fe.ud, text);
}

/* Records what happened to the exercise in the progress store. */
static void record(struct watch *w)
{
    struct progress p = { 0 };
    char err[1024];

    if (!w->o->state_dir)
        return;
    if (progress_load(w->o->state_dir, w->s->id, &p, err, sizeof err) == 1)
        out_error("warning: %s", err);
    if (!p.id)
        p.id = xstrdup(w->s->id);
    progress_exercise(&p, w->s->ex_names[w->ex], 0, w->passed, w->revealed,
                      w->shown, w->checks);
    if (progress_save(w->o->state_dir, &p, err, sizeof err) != 0)
        out_error("warning: %s", err);
    progress_free(&p);
}

/* Frees what the watched exercise holds. */
static void forget(struct watch *w)
{
    for (int i = 0; i < w->nhints; i++)
        free(w->hints[i]);
    free(w->hints);
    free(w->path);
    free(w->stub);
    free(w->solution);
    w->hints = NULL;
    w->path = w->stub = w->solution = NULL;
    w->nhints = w->shown = 0;
}

/* Presents exercise i: reads it from the lesson, makes the student's file
 * from its stub if needed, prints the statement.  Returns 0 or -1. */
static int present(struct watch *w, int i, int quiet)
{
    const struct request *q;
    struct progress p = { 0 };
    const struct exercise_record *rec;
    char err[1024];
    int made;

    char *name = xstrdup(w->s->ex_names[i]);    /* a new worker re-reads
                                                   the names */
    forget(w);
    w->ex = i;
    q = session_exercise(w->s, name);
    free(name);
    if (q->kind != REQ_EXERCISE) {
        out_error("%s", q->kind == REQ_ERROR && q->error ? q->error
                        : "the exercise could not be presented");
        return -1;
    }
    w->path = workfile_path(w->o->work_dir, w->s->id, q->ex.name, err,
                            sizeof err);
    if (!w->path || (made = workfile_ensure(w->path, q->ex.stub, err,
                                            sizeof err)) < 0) {
        out_error("%s", err);
        return -1;
    }
    w->stub = xstrdup(q->ex.stub);
    w->solution = xstrdup(q->ex.solution);
    w->nhints = q->ex.nhints;
    w->hints = xcalloc((size_t)w->nhints + 1, sizeof *w->hints);
    for (int k = 0; k < w->nhints; k++)
        w->hints[k] = xstrdup(q->ex.hints[k]);
    w->checks = w->tried = w->passed = w->revealed = 0;
    if (w->o->state_dir && progress_load(w->o->state_dir, w->s->id, &p, err,
                                         sizeof err) == 0 &&
        (rec = progress_find_exercise(&p, q->ex.name))) {
        w->shown = rec->hints < w->nhints ? rec->hints : w->nhints;
        w->revealed = rec->revealed;
        w->checks = rec->checks;
    }
    progress_free(&p);
    if (quiet)
        return 0;
    out_printf(stdout, "\n%s %s · %s\n\n", tr(w, "Exercise", "练习"),
               q->ex.name, q->ex.title);
    say(w, q->ex.statement);
    {
        char *shown = workfile_shown(w->path);
        out_printf(stdout, "%s%s%s\n", tr(w, "Your file: ", "你的文件："),
                   shown, made ? tr(w, " (new, from the stub)",
                                    "（新建，内容是初始代码）") : "");
        free(shown);
    }
    for (int k = 0; k < w->shown; k++) {
        out_printf(stdout, tr(w, "hint %d/%d: ", "提示 %d/%d："), k + 1,
                   w->nhints);
        say(w, w->hints[k]);
    }
    if (!w->o->once)
        out_printf(stdout, "%s\n", tr(w,
            "Edit and save the file: every save is checked.  Keys (then "
            "Enter): h hint · a solution · n next exercise · q quit",
            "编辑并保存文件：每次保存都会检查。按键（再按回车）：h 提示 · "
            "a 参考答案 · n 下一个练习 · q 退出"));
    out_flush(stdout);
    return 0;
}

/* Checks the file now and prints the verdict.  Returns 1 if it passed,
 * 0 if not, -1 when the lesson's worker failed (it is presented again). */
static int check_now(struct watch *w)
{
    char err[1024], stamp[32];
    const struct request *q;
    char *src;
    time_t now = time(NULL);
    struct tm tm;

    workfile_stamp(w->path, &w->seen);
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%H:%M:%S", &tm);
    src = workfile_read(w->path, err, sizeof err);
    if (!src) {
        out_printf(stdout, "[%s] %s\n", stamp, err);
        out_flush(stdout);
        return 0;
    }
    if (strcmp(src, w->stub) != 0)
        w->tried = 1;
    q = session_check(w->s, src);
    free(src);
    w->checks++;
    if (q->kind != REQ_EXERCISE) {
        out_printf(stdout, "[%s] ✗ ", stamp);
        say(w, q->kind == REQ_ERROR && q->error ? q->error
               : "the check did not finish");
        out_flush(stdout);
        record(w);
        return present(w, w->ex, 1) < 0 ? -2 : -1;
    }
    if (q->ex.status == EX_PASS) {
        out_printf(stdout, "[%s] ✓ %s\n", stamp, q->ex.message ?
                   q->ex.message : "");
        if (!w->passed)
            out_printf(stdout, "%s\n", tr(w, "Well done: your code agrees "
                       "with the reference on every test.",
                       "做得好：你的代码在每一项测试上都与参考实现一致。"));
        w->passed = 1;
    } else {
        char head[160];
        exercise_verdict(q->ex.status, q->ex.passed, q->ex.total,
                         w->o->lang, head, sizeof head);
        out_printf(stdout, "[%s] ✗ %s\n  %s\n", stamp, head,
                   q->ex.message ? q->ex.message : "");
    }
    out_flush(stdout);
    record(w);
    return q->ex.status == EX_PASS;
}

/* Handles one line the student typed; returns 1 to quit. */
static int command(struct watch *w, const char *line)
{
    while (*line == ' ')
        line++;
    switch (*line) {
    case 'h': case 'H':
        if (w->shown >= w->nhints) {
            out_printf(stdout, "%s\n", tr(w, "no more hints", "没有更多提示了"));
        } else {
            out_printf(stdout, tr(w, "hint %d/%d: ", "提示 %d/%d："),
                       w->shown + 1, w->nhints);
            say(w, w->hints[w->shown++]);
            record(w);
        }
        break;
    case 'a': case 'A':
        if (!w->tried && !w->revealed) {
            out_printf(stdout, "%s\n", tr(w, "Try first: change the file "
                       "and save it; the solution opens after a try.",
                       "先试一试：修改并保存文件；尝试之后才能查看参考答案。"));
            break;
        }
        w->revealed = 1;
        record(w);
        out_printf(stdout, "%s\n", tr(w, "The reference solution (recorded "
                   "as revealed):", "参考答案（已记录为“查看了答案”）："));
        out_printf(stdout, "%s\n", w->solution);
        break;
    case 'n': case 'N':
        if (w->s->nexercises < 2) {
            out_printf(stdout, "%s\n", tr(w, "this lesson has one exercise",
                                          "本课只有一个练习"));
            break;
        }
        if (present(w, (w->ex + 1) % w->s->nexercises, 0) < 0)
            return 1;
        check_now(w);
        break;
    case 'q': case 'Q':
        return 1;
    case '\0':
        break;
    default:
        out_printf(stdout, "%s\n", tr(w, "keys: h hint · a solution · n next "
                   "exercise · q quit", "按键：h 提示 · a 参考答案 · n 下一个练习 · q 退出"));
    }
    out_flush(stdout);
    return 0;
}

/* Returns the exercise to start with: the named one, or the first not
 * passed yet (the first when all are); -1 if the name is unknown. */
static int first_exercise(const struct watch_opts *o)
{
    struct progress p = { 0 };
    char err[1024];
    int pick = 0;

    if (o->name)
        return session_find_exercise(o->s, o->name);
    if (!o->state_dir || progress_load(o->state_dir, o->s->id, &p, err,
                                       sizeof err) != 0)
        return 0;
    for (int i = o->s->nexercises - 1; i >= 0; i--) {
        const struct exercise_record *r =
            progress_find_exercise(&p, o->s->ex_names[i]);
        if (!r || !r->passed)
            pick = i;
    }
    progress_free(&p);
    return pick;
}

int watch_file(const char *path, int (*fn)(void *ud), void *ud)
{
    struct workfile_stamp seen, now;
    int rc;

    workfile_stamp(path, &seen);
    if ((rc = fn(ud)) != 0)
        return rc;
    for (;;) {
        struct timespec tick = { 0, POLL_MS * 1000000L };
        nanosleep(&tick, NULL);
        workfile_stamp(path, &now);
        if (workfile_changed(&now, &seen)) {
            struct timespec settle = { 0, 50 * 1000000L };
            nanosleep(&settle, NULL);   /* let the editor finish writing */
            workfile_stamp(path, &seen);
            if ((rc = fn(ud)) != 0)
                return rc;
        }
    }
}

int watch_run(const struct watch_opts *o)
{
    struct watch w = { .o = o, .s = o->s };
    char line[256];
    size_t have = 0;
    int stdin_open = 1, status, i;

    if (o->s->nexercises == 0) {
        out_error("lesson %s has no exercises", o->s->id);
        return 2;
    }
    i = first_exercise(o);
    if (i < 0) {
        char names[1024] = "";
        for (int k = 0; k < o->s->nexercises; k++)
            snprintf(names + strlen(names), sizeof names - strlen(names),
                     "%s%s", k ? ", " : "", o->s->ex_names[k]);
        out_error("lesson %s has no exercise '%s' (it has: %s)", o->s->id,
                  o->name, names);
        return 2;
    }
    if (present(&w, i, 0) < 0)
        return 1;
    status = check_now(&w);
    if (o->once || status == -2) {
        forget(&w);
        return status == 1 ? 0 : 1;
    }
    for (;;) {
        struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
        struct workfile_stamp now;
        int rc = poll(&p, stdin_open ? 1 : 0, POLL_MS);

        if (rc < 0 && errno != EINTR)
            break;
        if (rc > 0 && (p.revents & (POLLIN | POLLHUP))) {
            ssize_t r = read(STDIN_FILENO, line + have,
                             sizeof line - 1 - have);
            char *nl;
            if (r <= 0) {
                stdin_open = 0;         /* keep watching the file */
            } else {
                have += (size_t)r;
                line[have] = '\0';
                while ((nl = strchr(line, '\n'))) {
                    *nl = '\0';
                    if (command(&w, line)) {
                        forget(&w);
                        return 0;
                    }
                    memmove(line, nl + 1, strlen(nl + 1) + 1);
                    have = strlen(line);
                }
                if (have == sizeof line - 1)
                    have = 0;           /* a line too long: dropped */
            }
        }
        workfile_stamp(w.path, &now);
        if (workfile_changed(&now, &w.seen)) {
            struct timespec settle = { 0, 50 * 1000000L };
            nanosleep(&settle, NULL);   /* let the editor finish writing */
            if (check_now(&w) == -2)
                break;
        }
    }
    forget(&w);
    return 1;
}
