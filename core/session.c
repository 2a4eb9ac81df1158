/* SPDX-License-Identifier: MIT */
/* The front-end's side of a lesson: starts its worker, sends commands,
 * checks every message that comes back, and turns a worker that crashes,
 * hangs or overspends into an ordinary lesson error. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "export.h"
#include "out.h"
#include "session.h"
#include "util.h"

#define IDLE_EVERY_MS 50        /* how often idle runs while waiting */

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Returns the name of a signal a worker may die of. */
static const char *signal_name(int sig)
{
    static const struct { int sig; const char *name; } names[] = {
        { SIGSEGV, "SIGSEGV" }, { SIGABRT, "SIGABRT" }, { SIGBUS, "SIGBUS" },
        { SIGFPE, "SIGFPE" }, { SIGILL, "SIGILL" }, { SIGKILL, "SIGKILL" },
        { SIGTERM, "SIGTERM" }, { SIGSYS, "SIGSYS" }, { SIGXCPU, "SIGXCPU" },
        { SIGXFSZ, "SIGXFSZ" }, { SIGPIPE, "SIGPIPE" }, { SIGTRAP, "SIGTRAP" },
    };
    static char other[16];

    for (size_t i = 0; i < NNT_COUNT(names); i++)
        if (names[i].sig == sig)
            return names[i].name;
    snprintf(other, sizeof other, "signal %d", sig);
    return other;
}

/* Writes s->error: where the worker was ("file:line: " of the plugin
 * call, or the lesson's path), what happened, and in which call. */
static void say_what(struct session *s, const char *what)
{
    const char *where = s->call_where && *s->call_where ? s->call_where
                                                         : NULL;

    if (s->checking)                    /* the student's code ran */
        snprintf(s->error, sizeof s->error, "while your code was checked, "
                 "%s%s%s (an endless loop in a library call such as "
                 "string.find?).  Your file is kept.",
                 what, s->call && *s->call ? " in plugin call " : "",
                 s->call && *s->call ? s->call : "");
    else if (s->call && *s->call)
        snprintf(s->error, sizeof s->error, "%s%s in plugin call %s",
                 where ? where : "", what, s->call);
    else if (s->step > 0)
        snprintf(s->error, sizeof s->error, "%s: step %d: %s", s->path,
                 s->step, what);
    else
        snprintf(s->error, sizeof s->error, "%s: %s", s->path, what);
}

#define STDERR_SHOWN_MAX (64u << 10)    /* a worker's stderr shown at most */

/* Copies what the worker wrote on stderr to ours (made harmless, and at
 * most STDERR_SHOWN_MAX bytes), or drops it; closes the pipe at its end.
 * Waits up to wait_ms for the end. */
static void drain_stderr(struct session *s, int wait_ms)
{
    char buf[4096];
    double end = now_ms() + wait_ms;

    while (s->errfd >= 0) {
        struct pollfd p = { .fd = s->errfd, .events = POLLIN };
        ssize_t got;
        int left = (int)(end - now_ms());

        if (poll(&p, 1, left > 0 ? left : 0) <= 0)
            return;
        got = read(s->errfd, buf, sizeof buf - 1);
        if (got < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (got <= 0) {
            close(s->errfd);
            s->errfd = -1;
            return;
        }
        buf[got] = '\0';
        if (s->show_stderr && s->stderr_shown < STDERR_SHOWN_MAX) {
            s->stderr_shown += (size_t)got;
            out_puts(stderr, buf);
            if (s->stderr_shown >= STDERR_SHOWN_MAX)
                out_puts(stderr, "\n[nntutor: more output of the lesson "
                         "process on stderr not shown]\n");
        }
    }
}

/* The worker is gone: takes what is left on its stderr and closes it.
 * Returns its wait status st. */
static int reaped(struct session *s, int st)
{
    s->pid = 0;
    drain_stderr(s, 0);
    if (s->errfd >= 0)
        close(s->errfd);
    s->errfd = -1;
    return st;
}

/* Forgets the worker: closes its socket and reaps it.  Unless kill_it,
 * it is given 1 s to end on its own (its socket closes when it exits);
 * then it is killed.  Returns its wait status. */
static int end_worker(struct session *s, int kill_it)
{
    int st = 0;

    if (s->fd >= 0 && !kill_it) {
        struct pollfd p = { .fd = s->fd, .events = POLLIN };
        char junk[4096];
        double end = now_ms() + 1000;
        while (now_ms() < end && poll(&p, 1, 100) >= 0 &&
               !(p.revents & POLLIN && read(s->fd, junk, sizeof junk) == 0)
               && !(p.revents & (POLLHUP | POLLERR)))
            ;
    }
    if (s->fd >= 0)
        close(s->fd);
    s->fd = -1;
    drain_stderr(s, kill_it ? 0 : 200);         /* its last words */
    if (s->pid <= 0)
        return 0;
    for (int i = 0; !kill_it && i < 200; i++) {  /* exiting: at most 0.2 s */
        struct timespec ts = { 0, 1000000L };
        pid_t r = waitpid(s->pid, &st, WNOHANG);
        if (r == s->pid || (r < 0 && errno != EINTR))
            return reaped(s, st);
        nanosleep(&ts, NULL);
    }
    kill(s->pid, SIGKILL);
    while (waitpid(s->pid, &st, 0) < 0 && errno == EINTR)
        ;
    return reaped(s, st);
}

/* Stops the worker on purpose (a timeout, a cancel, a bad message).
 * Returns -1. */
static int stop(struct session *s, const char *what)
{
    end_worker(s, 1);
    say_what(s, what);
    return -1;
}

/* The worker closed its end: says what became of it.  Returns -1. */
static int worker_gone(struct session *s)
{
    int st = end_worker(s, 0);
    char what[256];

    if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL)
        snprintf(what, sizeof what, "the lesson process was killed "
                 "(SIGKILL; out of memory?)");
    else if (WIFSIGNALED(st) && (WTERMSIG(st) == SIGSYS ||
                                 WTERMSIG(st) == SIGXFSZ))
        snprintf(what, sizeof what, "the lesson process tried something "
                 "the sandbox forbids (%s)", signal_name(WTERMSIG(st)));
    else if (WIFSIGNALED(st))
        snprintf(what, sizeof what, "the lesson process crashed (%s)",
                 signal_name(WTERMSIG(st)));
    else if (WIFEXITED(st) && WEXITSTATUS(st) == WORKER_EXIT_OOM)
        snprintf(what, sizeof what, "the lesson used more than %u MiB of "
                 "memory", WORKER_MEM_CAP >> 20);
    else if (WIFEXITED(st))
        snprintf(what, sizeof what, "the lesson process exited "
                 "unexpectedly (status %d)", WEXITSTATUS(st));
    else
        snprintf(what, sizeof what, "the lesson process ended");
    say_what(s, what);
    return -1;
}

/* Stops the worker for a message that breaks the protocol. */
static int malformed(struct session *s, const char *why)
{
    char what[256];

    snprintf(what, sizeof what, "the lesson process sent a malformed "
             "message (%s)", why);
    return stop(s, what);
}

/* Waits for the next whole message into s->frame, running idle and the
 * watchdog meanwhile.  Returns 0, or -1 with s->error set and the worker
 * gone. */
static int wait_frame(struct session *s)
{
    double start = now_ms(), quiet_since = start;
    size_t had = 0;
    char why[160];

    pframe_reset(&s->frame);
    if (s->fd < 0)
        return -1;
    for (;;) {
        struct pollfd p[2] = { { .fd = s->fd, .events = POLLIN },
                               { .fd = s->errfd, .events = POLLIN } };
        double now;
        int rc = proto_read_some(s->fd, &s->frame, why, sizeof why);

        if (rc == 1)
            return 0;
        if (rc == -2)
            return malformed(s, why);
        if (rc == -1)
            return worker_gone(s);
        now = now_ms();
        if (s->frame.got != had) {
            had = s->frame.got;
            quiet_since = now;
        }
        if (s->idle && now - start >= IDLE_EVERY_MS &&   /* a wait, */
            now - s->last_idle >= IDLE_EVERY_MS) {       /* not a blink */
            int a = s->idle(s->idle_ud);
            s->last_idle = now;
            if (a == IDLE_QUIT) {
                s->quit = 1;
                return stop(s, "interrupted");
            }
            if (a == IDLE_CANCEL) {
                s->cancelled = 1;
                return stop(s, "cancelled");
            }
        }
        if (now - quiet_since >= s->watchdog_ms) {
            char what[128];
            snprintf(what, sizeof what, "the lesson did not answer for "
                     "%d s and was stopped", (s->watchdog_ms + 500) / 1000);
            return stop(s, what);
        }
        if (poll(p, s->errfd >= 0 ? 2 : 1, IDLE_EVERY_MS) > 0 &&
            s->errfd >= 0 && p[1].revents)
            drain_stderr(s, 0);
    }
}

/* Sends a command; a worker that is gone becomes the error. */
static int send_cmd(struct session *s, uint32_t type, struct pbuf *b)
{
    if (s->fd < 0)
        return -1;
    if (proto_send(s->fd, type, b, 1) < 0)
        return worker_gone(s);
    return 0;
}

/* Exports chart c, the step's chart ix (0-based), saying once if it
 * cannot. */
static void export_at(struct session *s, int ix, const struct chart *c)
{
    char stem[128], err[512], msg[600];

    if (!s->export_dir || s->export_failed)
        return;
    export_stem(s->step, ix, c->title, stem, sizeof stem);
    if (export_chart(c, s->export_dir, stem, err, sizeof err) == 0)
        return;
    s->export_failed = 1;
    snprintf(msg, sizeof msg, "cannot export the charts: %s", err);
    if (s->fe && s->fe->warn)
        s->fe->warn(s->fe->ud, msg);
}

/* Frees the held explore charts without writing them. */
static void drop_held(struct session *s)
{
    for (int i = 0; i < s->nheld; i++)
        chart_free(s->held[i]);
    s->nheld = 0;
}

/* Writes the held explore charts (the last drawing, as the student left
 * it) and frees them. */
static void flush_held(struct session *s)
{
    for (int i = 0; i < s->nheld; i++)
        export_at(s, s->held_ix[i], s->held[i]);
    drop_held(s);
}

/* --export: writes chart c, just drawn, or holds a copy while it belongs
 * to an explore drawing that the next slider move replaces. */
static void export(struct session *s, const struct chart *c)
{
    if (!s->export_dir || s->export_failed)
        return;
    if (s->draw_base < 0) {
        export_at(s, s->charts - 1, c);
        return;
    }
    if (s->nheld == s->held_cap) {
        s->held_cap = s->held_cap ? 2 * s->held_cap : 4;
        s->held = xrealloc(s->held, (size_t)s->held_cap * sizeof *s->held);
        s->held_ix = xrealloc(s->held_ix,
                              (size_t)s->held_cap * sizeof *s->held_ix);
    }
    s->held[s->nheld] = chart_clone(c);
    s->held_ix[s->nheld++] = s->charts - 1;
}

/* Sets *p to a text read from r (freeing the old one). */
static void take_str(struct preader *r, char **p)
{
    free(*p);
    *p = preader_str(r);
}

/* Handles a message that shows something (say, chart, ...).  Returns 1
 * when the message is not one of those (the caller's to read), 0 when it
 * was handled, -1 when it was malformed (the worker is stopped). */
static int dispatch(struct session *s)
{
    const struct frontend *fe = s->fe;
    struct preader r = { .p = s->frame.data, .left = s->frame.len };
    char *text = NULL;
    struct chart *c;
    double f;
    uint32_t a, b;

    switch (s->frame.type) {
    case W_STEP:
        a = preader_u32(&r);
        b = preader_u32(&r);
        text = preader_str(&r);
        if (!r.bad && (a < 1 || a > b || b > 100000))
            preader_fail(&r, "a step number is out of range");
        if (r.bad)
            break;
        flush_held(s);
        s->step = (int)a;
        s->charts = 0;
        s->draw_base = -1;
        if (fe && fe->step)
            fe->step(fe->ud, (int)a, (int)b, text);
        break;
    case W_SAY: case W_PRINT: case W_WARN: case W_LINT:
        text = preader_str(&r);
        if (r.bad || !fe)
            break;
        if (s->frame.type == W_SAY && fe->say)
            fe->say(fe->ud, text);
        else if (s->frame.type == W_PRINT && fe->print)
            fe->print(fe->ud, text);
        else if (s->frame.type == W_WARN && fe->warn)
            fe->warn(fe->ud, text);
        else if (s->frame.type == W_LINT && fe->lint)
            fe->lint(fe->ud, text);
        break;
    case W_CHART:
        if (!(c = proto_get_chart(&r)))
            break;
        s->charts++;
        export(s, c);
        if (fe && fe->chart)
            fe->chart(fe->ud, c);
        chart_free(c);
        break;
    case W_CLAIM:
        text = preader_str(&r);
        a = preader_u32(&r);
        if (!r.bad && a > 1)
            preader_fail(&r, "a claim is neither true nor false");
        if (r.bad)
            break;
        if (a)
            s->claims_ok++;
        else
            s->claims_failed++;
        if (fe && fe->claim)
            fe->claim(fe->ud, text, (int)a);
        break;
    case W_DRAW:                /* an explore drawing replaces the last */
        if (s->draw_base < 0)
            s->draw_base = s->charts;
        else
            s->charts = s->draw_base;
        drop_held(s);
        if (fe && fe->draw)
            fe->draw(fe->ud);
        break;
    case W_PROGRESS:
        f = preader_f64(&r);
        if (!r.bad && f != -1 && !(f >= 0 && f <= 1))
            preader_fail(&r, "progress is not a fraction");
        if (!r.bad && fe && fe->progress)
            fe->progress(fe->ud, f);
        break;
    case W_CALL:
        take_str(&r, &s->call);
        take_str(&r, &s->call_where);
        break;
    case W_BUSY:
        break;
    default:
        return 1;
    }
    free(text);
    if (!r.bad && r.left)
        preader_fail(&r, "stray bytes at the end");
    return r.bad ? malformed(s, r.why) : 0;
}

/* Reads messages, showing what they show, until one of the caller's.
 * Returns 0 (s->frame holds it), or -1 (s->error). */
static int pump(struct session *s)
{
    for (;;) {
        int rc;
        if (wait_frame(s) < 0)
            return -1;
        rc = dispatch(s);
        if (rc < 0)
            return -1;
        if (rc == 1)
            return 0;
    }
}

/* Reads a lesson header (W_HEADER) or its failure (W_FAILED) into s;
 * a failure ends the worker when end_on_failure.  Returns 0, or -1
 * (s->error). */
/* Returns 1 if name is a Lua name of at most 64 bytes (an exercise's:
 * it becomes a file name). */
static int valid_name(const char *name)
{
    size_t n = name ? strlen(name) : 0;

    return n > 0 && n <= 64 && !(name[0] >= '0' && name[0] <= '9') &&
           strspn(name, "abcdefghijklmnopqrstuvwxyz"
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == n;
}

/* Frees the exercise names and titles of the header. */
static void free_exercise_names(struct session *s)
{
    for (int i = 0; s->ex_names && i < s->nexercises; i++) {
        free(s->ex_names[i]);
        free(s->ex_titles[i]);
    }
    free(s->ex_names);
    free(s->ex_titles);
    s->ex_names = s->ex_titles = NULL;
    s->nexercises = 0;
}

int session_find_exercise(const struct session *s, const char *name)
{
    for (int i = 0; i < s->nexercises; i++)
        if (s->ex_names[i] && strcmp(s->ex_names[i], name) == 0)
            return i;
    return -1;
}

static int read_header(struct session *s, int end_on_failure)
{
    struct preader r;
    uint32_t n;

    if (pump(s) < 0)
        return -1;
    r = (struct preader){ .p = s->frame.data, .left = s->frame.len };
    if (s->frame.type == W_FAILED) {
        char *msg = preader_str(&r);
        if (!msg)
            return malformed(s, r.why);
        snprintf(s->error, sizeof s->error, "%s", msg);
        free(msg);
        if (end_on_failure)
            end_worker(s, 1);
        return -1;
    }
    if (s->frame.type != W_HEADER)
        return malformed(s, "a header was due");
    take_str(&r, &s->id);
    take_str(&r, &s->title);
    take_str(&r, &s->summary);
    n = preader_count(&r, 100000, sizeof(uint32_t));
    s->seed = preader_u64(&r);
    for (int i = 0; s->titles && i < s->nsteps; i++)
        free(s->titles[i]);
    free(s->titles);
    s->nsteps = (int)n;
    s->titles = xcalloc((size_t)n + 1, sizeof *s->titles);
    for (uint32_t i = 0; i < n && !r.bad; i++)
        s->titles[i] = preader_str(&r);
    free_exercise_names(s);
    n = preader_count(&r, 1000, 2 * sizeof(uint32_t));
    s->ex_names = xcalloc((size_t)n + 1, sizeof *s->ex_names);
    s->ex_titles = xcalloc((size_t)n + 1, sizeof *s->ex_titles);
    for (uint32_t i = 0; i < n && !r.bad; i++) {
        s->nexercises = (int)i + 1;
        s->ex_names[i] = preader_str(&r);
        s->ex_titles[i] = preader_str(&r);
        if (!r.bad && !valid_name(s->ex_names[i]))
            preader_fail(&r, "an exercise whose name is not a Lua name");
    }
    take_str(&r, &s->answer);
    if (s->answer && !s->answer[0]) {
        free(s->answer);
        s->answer = NULL;
    }
    if (!r.bad && (r.left || !s->id[0]))
        preader_fail(&r, "a header with stray bytes or no id");
    if (r.bad) {
        for (int i = 0; i < s->nsteps; i++)
            free(s->titles[i]);
        free(s->titles);
        s->titles = NULL;
        s->nsteps = 0;
        return malformed(s, r.why);
    }
    return 0;
}

/* Starts a worker for s->job; reads its hello.  Returns 0 or -1. */
static int spawn(struct session *s)
{
    int sv[2], ep[2];
    struct preader r;

    free(s->call);
    free(s->call_where);
    s->call = s->call_where = NULL;
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
        snprintf(s->error, sizeof s->error, "cannot start the lesson "
                 "process: %s", strerror(errno));
        return -1;
    }
    if (pipe(ep) < 0)
        ep[0] = ep[1] = -1;             /* then its stderr is /dev/null */
    for (int k = 0; k < 2 && ep[0] >= 0; k++)   /* not for other children */
        fcntl(ep[k], F_SETFD, FD_CLOEXEC);
    s->job.errfd = ep[1];
    s->stderr_shown = 0;
    fflush(NULL);                       /* nothing buffered twice */
    s->pid = fork();
    if (s->pid < 0) {
        snprintf(s->error, sizeof s->error, "cannot start the lesson "
                 "process: %s", strerror(errno));
        close(sv[0]);
        close(sv[1]);
        if (ep[0] >= 0)
            close(ep[0]), close(ep[1]);
        return -1;
    }
    if (s->pid == 0) {
        close(sv[0]);
        if (ep[0] >= 0)
            close(ep[0]);
        worker_main(sv[1], &s->job);
    }
    close(sv[1]);
    if (ep[0] >= 0) {
        close(ep[1]);
        s->errfd = ep[0];
        fcntl(s->errfd, F_SETFL, fcntl(s->errfd, F_GETFL) | O_NONBLOCK);
    }
    s->fd = sv[0];
    fcntl(s->fd, F_SETFL, fcntl(s->fd, F_GETFL) | O_NONBLOCK);
    if (wait_frame(s) < 0)
        return -1;
    r = (struct preader){ .p = s->frame.data, .left = s->frame.len };
    if (s->frame.type != W_HELLO || preader_u32(&r) != PROTO_VERSION) {
        char why[64];
        snprintf(why, sizeof why, "it does not speak protocol version %d",
                 PROTO_VERSION);
        return malformed(s, why);
    }
    return 0;
}

/* Fills what session_open and session_peek share. */
static void init(struct session *s, const char *path,
                 const struct host_opts *o, enum worker_kind kind)
{
    const char *w = getenv("NNTUTOR_WATCHDOG_MS");

    memset(s, 0, sizeof *s);
    s->fd = s->errfd = -1;
    s->path = xstrdup(path);
    s->job.kind = kind;
    s->job.path = s->path;
    s->job.ho = *o;
    s->export_dir = o->export_dir;
    s->watchdog_ms = w && atoi(w) > 0 ? atoi(w) : SESSION_WATCHDOG_MS;
}

int session_open(struct session *s, const char *path,
                 const struct host_opts *o, int seed_given, int interactive,
                 const struct frontend *fe, char *err, size_t n)
{
    init(s, path, o, WORKER_LESSON);
    s->job.seed_given = seed_given;
    s->job.interactive = interactive;
    s->show_stderr = !(interactive && isatty(STDERR_FILENO));
    s->fe = fe;
    if (spawn(s) < 0 || read_header(s, 1) < 0)
        return seterr(err, n, "%s", s->error);
    return 0;
}

void session_peek_all(char **paths, int n, const struct host_opts *o,
                      void (*fn)(void *ud, int i, const struct session *s,
                                 const char *err),
                      void *ud)
{
    struct session s;
    int i = 0;

    while (i < n) {
        init(&s, paths[i], o, WORKER_HEADERS);
        s.job.paths = paths;
        s.job.npaths = n;
        s.job.first = i;
        s.show_stderr = !isatty(STDERR_FILENO);
        if (spawn(&s) < 0) {
            fn(ud, i++, NULL, s.error);
        } else {
            for (; i < n; i++) {
                free(s.path);
                s.path = xstrdup(paths[i]);
                if (read_header(&s, 0) == 0)
                    fn(ud, i, &s, NULL);
                else
                    fn(ud, i, NULL, s.error);
                if (s.fd < 0) {         /* it died on this one */
                    i++;
                    break;
                }
            }
        }
        session_close(&s);
    }
}

int session_set_lang(struct session *s, const char *lang)
{
    struct pbuf b = { 0 };
    int rc;

    s->job.ho.lang = strcmp(lang, "zh") == 0 ? "zh" : "en";
    if (s->fd < 0)                      /* a fresh worker reads it anew */
        return spawn(s) < 0 ? -1 : read_header(s, 1);
    pbuf_str(&b, s->job.ho.lang);
    rc = send_cmd(s, C_LANG, &b);
    pbuf_free(&b);
    return rc < 0 ? -1 : read_header(s, 1);
}

void session_close(struct session *s)
{
    flush_held(s);
    free(s->held);
    free(s->held_ix);
    if (s->fd >= 0)
        proto_send(s->fd, C_QUIT, NULL, 1);
    end_worker(s, 0);
    pframe_reset(&s->frame);
    request_clear(&s->req);
    for (int i = 0; s->titles && i < s->nsteps; i++)
        free(s->titles[i]);
    free(s->titles);
    free_exercise_names(s);
    free(s->answer);
    free(s->path);
    free(s->id);
    free(s->title);
    free(s->summary);
    free(s->call);
    free(s->call_where);
    memset(s, 0, sizeof *s);
    s->fd = s->errfd = -1;
}

/* Reads the W_REQUEST in s->frame into s->req; returns 0 or -1. */
static int read_request(struct session *s)
{
    struct preader r = { .p = s->frame.data, .left = s->frame.len };
    struct request *q = &s->req;
    uint32_t kind = preader_u32(&r), n;

    q->kind = (enum req_kind)kind;
    if (kind == REQ_QUIZ) {
        q->quiz.question = preader_str(&r);
        if (preader_u32(&r))
            q->quiz.explain = preader_str(&r);
        else
            free(preader_str(&r));
        q->quiz.answer = (int)preader_u32(&r);
        n = preader_count(&r, 64, sizeof(uint32_t));
        q->quiz.choices = xcalloc((size_t)n + 1, sizeof *q->quiz.choices);
        q->quiz.why = xcalloc((size_t)n + 1, sizeof *q->quiz.why);
        for (uint32_t i = 0; i < n && !r.bad; i++) {
            q->quiz.choices[i] = preader_str(&r);
            q->quiz.nchoices = (int)i + 1;
            if (preader_u32(&r))
                q->quiz.why[i] = preader_str(&r);
            else
                free(preader_str(&r));
        }
        if (!r.bad && (n < 1 || q->quiz.answer < 0 ||
                       q->quiz.answer > (int)n))
            preader_fail(&r, "a quiz with no choices or a bad answer");
    } else if (kind == REQ_EXPLORE) {
        proto_get_controls(&r, &q->sliders, &q->nsliders);
    } else if (kind == REQ_ERROR) {
        char *msg = preader_str(&r);
        snprintf(s->error, sizeof s->error, "%s", msg ? msg : "");
        free(msg);
        q->error = s->error;
    } else if (kind == REQ_EXERCISE) {
        struct exercise *e = &q->ex;
        e->name = preader_str(&r);
        e->title = preader_str(&r);
        e->statement = preader_str(&r);
        e->stub = preader_str(&r);
        e->solution = preader_str(&r);
        n = preader_count(&r, 64, sizeof(uint32_t));
        e->hints = xcalloc((size_t)n + 1, sizeof *e->hints);
        for (uint32_t i = 0; i < n && !r.bad; i++) {
            e->hints[i] = preader_str(&r);
            e->nhints = (int)i + 1;
        }
        e->status = (enum ex_status)preader_u32(&r);
        e->passed = (int)preader_u32(&r);
        e->total = (int)preader_u32(&r);
        e->message = preader_str(&r);
        if (!r.bad && e->message && !e->message[0]) {
            free((char *)e->message);
            e->message = NULL;
        }
        if (!r.bad && (!valid_name(e->name) || e->status > EX_ERROR ||
                       e->passed < 0 || e->total < 0 ||
                       e->passed > e->total))
            preader_fail(&r, "an exercise with a bad name or result");
    } else if (kind != REQ_DONE && kind != REQ_WAIT) {
        preader_fail(&r, "an unknown request");
    }
    if (!r.bad && r.left)
        preader_fail(&r, "stray bytes at the end");
    if (r.bad) {
        request_clear(q);
        return malformed(s, r.why);
    }
    return 0;
}

/* Sends a command and returns the request it leads to (an error request
 * when the worker failed). */
static const struct request *exchange(struct session *s, uint32_t type,
                                      struct pbuf *b)
{
    request_clear(&s->req);
    s->cancelled = 0;
    if (send_cmd(s, type, b) < 0 || pump(s) < 0 ||
        (s->frame.type != W_REQUEST &&
         malformed(s, "a request was due") < 0) ||
        read_request(s) < 0) {
        request_clear(&s->req);
        s->req.kind = s->fd < 0 && s->error[0] ? REQ_ERROR : REQ_DONE;
        s->req.error = s->error;
    }
    pframe_reset(&s->frame);
    return &s->req;
}

/* Starts step i (0: an exercise alone) with command type, in a fresh
 * worker if the last one died; returns its first request. */
static const struct request *start(struct session *s, int i, uint32_t type,
                                   struct pbuf *b)
{
    if (s->fd < 0 && (spawn(s) < 0 || read_header(s, 1) < 0)) {
        request_clear(&s->req);
        s->req.kind = REQ_ERROR;
        s->req.error = s->error;
        return &s->req;
    }
    flush_held(s);
    s->step = i;
    s->charts = 0;
    s->draw_base = -1;
    return exchange(s, type, b);
}

const struct request *session_begin(struct session *s, int i)
{
    return session_begin_with(s, i, NULL, 0);
}

const struct request *session_begin_with(struct session *s, int i,
                                         const struct slider *keep, int n)
{
    struct pbuf b = { 0 };
    const struct request *q;

    pbuf_u32(&b, (uint32_t)i);
    if (n > PROTO_MAX_CONTROLS)
        n = PROTO_MAX_CONTROLS;
    pbuf_u32(&b, (uint32_t)(n > 0 ? n : 0));
    for (int k = 0; k < n; k++) {
        pbuf_str(&b, keep[k].name);
        pbuf_f64(&b, keep[k].value);
    }
    q = start(s, i, C_BEGIN, &b);
    pbuf_free(&b);
    return q;
}

const struct request *session_continue(struct session *s)
{
    if (s->fd < 0) {
        request_clear(&s->req);
        return &s->req;                 /* REQ_DONE */
    }
    return exchange(s, C_CONTINUE, NULL);
}

const struct request *session_answer(struct session *s, int choice)
{
    struct pbuf b = { 0 };
    const struct request *q;

    if (s->fd < 0)
        return session_continue(s);
    pbuf_u32(&b, (uint32_t)(choice > 0 ? choice : 0));
    q = exchange(s, C_ANSWER, &b);
    pbuf_free(&b);
    return q;
}

const struct request *session_slide(struct session *s, const char *name,
                                    double value)
{
    struct pbuf b = { 0 };
    const struct request *q;

    if (s->fd < 0)
        return session_continue(s);
    pbuf_str(&b, name);
    pbuf_f64(&b, value);
    q = exchange(s, C_SLIDE, &b);
    pbuf_free(&b);
    return q;
}

const struct request *session_check(struct session *s, const char *source)
{
    struct pbuf b = { 0 };
    const struct request *q;

    if (s->fd < 0)
        return session_continue(s);
    pbuf_str(&b, source);
    s->checking = 1;
    q = exchange(s, C_CHECK, &b);
    s->checking = 0;
    pbuf_free(&b);
    return q;
}

const struct request *session_exercise(struct session *s, const char *name)
{
    struct pbuf b = { 0 };
    const struct request *q;

    pbuf_str(&b, name);
    q = start(s, 0, C_EXERCISE, &b);
    pbuf_free(&b);
    return q;
}

int session_run_script(struct session *s, const char *path, char **args,
                       int nargs, const struct host_opts *o,
                       const struct frontend *fe, char *err, size_t n)
{
    struct preader r;
    uint32_t failed;
    char *msg;

    init(s, path, o, WORKER_SCRIPT);
    s->job.args = args;
    s->job.nargs = nargs;
    s->fe = fe;
    if (spawn(s) < 0 || pump(s) < 0)
        return seterr(err, n, "%s", s->error), 1;
    r = (struct preader){ .p = s->frame.data, .left = s->frame.len };
    if (s->frame.type == W_FAILED) {
        msg = preader_str(&r);
        seterr(err, n, "%s", msg ? msg : "the script could not start");
        free(msg);
        return 1;
    }
    if (s->frame.type != W_DONE) {
        malformed(s, "the end of the script was due");
        return seterr(err, n, "%s", s->error), 1;
    }
    failed = preader_u32(&r);
    msg = preader_str(&r);
    if (failed)
        seterr(err, n, "%s", msg ? msg : "");
    free(msg);
    return failed ? 1 : 0;
}
