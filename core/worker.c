/* SPDX-License-Identifier: MIT */
/* The worker process: runs one lesson (or script) and sends what it shows
 * to the front-end as messages; the kernel limits what it can do. */
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>

#include "proto.h"
#include "runner.h"
#include "sandbox.h"
#include "util.h"
#include "worker.h"

#define BUSY_EVERY 0.25         /* seconds between "still working" */
#define HEAP_MMAP (32u << 20)   /* blocks from this size are mmap'ed */
#define HEAP_KEEP (64u << 20)   /* free heap kept for reuse */
#define SOCK_FD 3               /* the socket's descriptor in the worker */

/* The worker's end of the conversation. */
struct wctx {
    int fd;
    double last_sent;           /* when the last message went out */
};

static double mono_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Sends a message; a front-end that went away ends the worker. */
static void wsend(struct wctx *w, uint32_t type, struct pbuf *b)
{
    if (proto_send(w->fd, type, b, 0) < 0)
        _exit(0);
    w->last_sent = mono_s();
    if (b)
        b->len = 0;
}

/* Sends a message holding one text. */
static void wsend_text(struct wctx *w, uint32_t type, const char *s)
{
    struct pbuf b = { 0 };

    pbuf_str(&b, s);
    wsend(w, type, &b);
    pbuf_free(&b);
}

/* Front-end callbacks, turned into messages. */
static void wf_step(void *ud, int index, int nsteps, const char *title)
{
    struct pbuf b = { 0 };

    pbuf_u32(&b, (uint32_t)index);
    pbuf_u32(&b, (uint32_t)nsteps);
    pbuf_str(&b, title);
    wsend(ud, W_STEP, &b);
    pbuf_free(&b);
}

static void wf_say(void *ud, const char *text) { wsend_text(ud, W_SAY, text); }
static void wf_print(void *ud, const char *text)
{
    wsend_text(ud, W_PRINT, text);
}
static void wf_warn(void *ud, const char *text)
{
    wsend_text(ud, W_WARN, text);
}
static void wf_lint(void *ud, const char *text)
{
    wsend_text(ud, W_LINT, text);
}
static void wf_draw(void *ud) { wsend(ud, W_DRAW, NULL); }

static void wf_chart(void *ud, const struct chart *c)
{
    struct pbuf b = { 0 };

    proto_put_chart(&b, c);
    wsend(ud, W_CHART, &b);
    pbuf_free(&b);
}

static void wf_claim(void *ud, const char *text, int ok)
{
    struct pbuf b = { 0 };

    pbuf_str(&b, text);
    pbuf_u32(&b, (uint32_t)(ok != 0));
    wsend(ud, W_CLAIM, &b);
    pbuf_free(&b);
}

/* Reports progress (at most every 50 ms, and the end); cancelling is the
 * front-end's (it ends the worker). */
static int wf_progress(void *ud, double fraction)
{
    struct wctx *w = ud;
    struct pbuf b = { 0 };

    if (fraction >= 0 && mono_s() - w->last_sent < 0.05)
        return 0;
    pbuf_f64(&b, fraction);
    wsend(ud, W_PROGRESS, &b);
    pbuf_free(&b);
    return 0;
}

static void wf_call(void *ud, const char *fn, const char *where)
{
    struct pbuf b = { 0 };

    pbuf_str(&b, fn ? fn : "");
    pbuf_str(&b, where ? where : "");
    wsend(ud, W_CALL, &b);
    pbuf_free(&b);
}

/* Lua is running: says so now and then, so the watchdog knows. */
static void wf_alive(void *ud)
{
    struct wctx *w = ud;

    if (mono_s() - w->last_sent >= BUSY_EVERY)
        wsend(w, W_BUSY, NULL);
}

/* Sends the request a step made (quiz, explore, error, ...). */
static void send_request(struct wctx *w, const struct request *q)
{
    struct pbuf b = { 0 };

    pbuf_u32(&b, (uint32_t)q->kind);
    if (q->kind == REQ_QUIZ) {
        pbuf_str(&b, q->quiz.question);
        pbuf_u32(&b, q->quiz.explain != NULL);
        pbuf_str(&b, q->quiz.explain);
        pbuf_u32(&b, (uint32_t)q->quiz.answer);
        pbuf_u32(&b, (uint32_t)q->quiz.nchoices);
        for (int i = 0; i < q->quiz.nchoices; i++) {
            const char *why = q->quiz.why ? q->quiz.why[i] : NULL;
            pbuf_str(&b, q->quiz.choices[i]);
            pbuf_u32(&b, why != NULL);
            pbuf_str(&b, why);
        }
    } else if (q->kind == REQ_EXPLORE) {
        proto_put_controls(&b, q->sliders, q->nsliders);
    } else if (q->kind == REQ_ERROR) {
        pbuf_str(&b, q->error);
    } else if (q->kind == REQ_EXERCISE) {
        const struct exercise *e = &q->ex;
        pbuf_str(&b, e->name);
        pbuf_str(&b, e->title);
        pbuf_str(&b, e->statement);
        pbuf_str(&b, e->stub);
        pbuf_str(&b, e->solution);
        pbuf_u32(&b, (uint32_t)e->nhints);
        for (int i = 0; i < e->nhints; i++)
            pbuf_str(&b, e->hints[i]);
        pbuf_u32(&b, (uint32_t)e->status);
        pbuf_u32(&b, (uint32_t)(e->passed < 0 ? 0 : e->passed));
        pbuf_u32(&b, (uint32_t)(e->total < 0 ? 0 : e->total));
        pbuf_str(&b, e->message);
    }
    wsend(w, W_REQUEST, &b);
    pbuf_free(&b);
}

/* Sends the lesson's id, titles and steps. */
static void send_header(struct wctx *w, const struct runner *r)
{
    struct pbuf b = { 0 };

    pbuf_str(&b, r->id);
    pbuf_str(&b, r->title);
    pbuf_str(&b, r->summary);
    pbuf_u32(&b, (uint32_t)r->nsteps);
    pbuf_u64(&b, r->seed);
    for (int i = 0; i < r->nsteps; i++)
        pbuf_str(&b, r->titles[i]);
    pbuf_u32(&b, (uint32_t)r->nexercises);
    for (int i = 0; i < r->nexercises; i++) {
        pbuf_str(&b, r->ex_names[i]);
        pbuf_str(&b, r->ex_titles[i]);
    }
    pbuf_str(&b, r->answer);
    wsend(w, W_HEADER, &b);
    pbuf_free(&b);
}

/* Out of memory in the worker: its exit status says so. */
static void worker_oom(void)
{
    _exit(WORKER_EXIT_OOM);
}

/* Leaves the worker its socket (as SOCK_FD), /dev/null for stdin and
 * stdout, the pipe errfd as stderr (the front-end shows or drops what
 * comes: it may be the TUI's terminal), default signals, and death with
 * its parent. */
static void worker_setup(int fd, int errfd)
{
    int null = open("/dev/null", O_RDWR);

    prctl(PR_SET_PDEATHSIG, SIGKILL);
    for (int sig = 1; sig < 32; sig++)   /* the TUI's handlers are not */
        if (sig != SIGKILL && sig != SIGSTOP)   /* the worker's */
            signal(sig, SIG_DFL);
    signal(SIGINT, SIG_IGN);            /* the front-end decides */
    signal(SIGQUIT, SIG_IGN);
    signal(SIGTSTP, SIG_IGN);
    signal(SIGTTOU, SIG_IGN);
    dup2(fd, SOCK_FD);
    if (null >= 0) {
        dup2(null, 0);
        dup2(null, 1);
    }
    dup2(errfd >= 0 ? errfd : null, 2);
    if (syscall(SYS_close_range, SOCK_FD + 1, ~0U, 0) < 0)  /* < 5.9 */
        for (int k = SOCK_FD + 1; k < 1024; k++)
            close(k);
    util_oom_hook = worker_oom;
}

/* Reads one command frame (blocking); returns 0, or -1 at end. */
static int read_command(int fd, struct pframe *f)
{
    char why[128];

    pframe_reset(f);
    for (;;) {
        int rc = proto_read_some(fd, f, why, sizeof why);
        if (rc == 1)
            return 0;
        if (rc < 0)
            return -1;
    }
}

/* Hands the control values that follow C_BEGIN's step (if any) to the
 * runner, for the step's first explore screen. */
static void read_presets(struct runner *r, struct preader *rd)
{
    uint32_t n = rd->left ? preader_count(rd, PROTO_MAX_CONTROLS,
                                          sizeof(uint32_t) + sizeof(double))
                          : 0;
    char *names[PROTO_MAX_CONTROLS];
    double values[PROTO_MAX_CONTROLS];
    int got = 0;

    for (uint32_t i = 0; i < n && !rd->bad; i++) {
        names[got] = preader_str(rd);
        values[got] = preader_f64(rd);
        if (names[got])
            got++;
    }
    runner_preset(r, (const char *const *)names, values, rd->bad ? 0 : got);
    for (int i = 0; i < got; i++)
        free(names[i]);
}

/* Answers the front-end's commands until it says quit or goes away. */
static void serve(struct wctx *w, struct runner *r)
{
    struct pframe f = { 0 };

    while (read_command(w->fd, &f) == 0) {
        struct preader rd = { .p = f.data, .left = f.len };
        const struct request *q;
        char *name;
        double v;
        uint32_t k;

        switch (f.type) {
        case C_BEGIN:
            k = preader_u32(&rd);
            if (k < 1 || k > (uint32_t)r->nsteps)
                k = 1;
            read_presets(r, &rd);
            q = runner_begin(r, (int)k);
            break;
        case C_CONTINUE:
            q = runner_continue(r);
            break;
        case C_ANSWER:
            q = runner_answer(r, (int)preader_u32(&rd));
            break;
        case C_SLIDE:
            name = preader_str(&rd);
            v = preader_f64(&rd);
            q = runner_slide(r, name ? name : "", v);
            free(name);
            break;
        case C_CHECK:
            name = preader_str(&rd);
            q = runner_check(r, name ? name : "");
            free(name);
            break;
        case C_EXERCISE:
            name = preader_str(&rd);
            q = runner_exercise(r, name ? name : "");
            free(name);
            break;
        case C_LANG:
            name = preader_str(&rd);
            if (runner_set_lang(r, name && !strcmp(name, "zh") ? "zh"
                                                               : "en") < 0)
                wsend_text(w, W_FAILED, r->h->last_error);
            else
                send_header(w, r);
            free(name);
            continue;
        default:                        /* C_QUIT, or nonsense */
            pframe_reset(&f);
            return;
        }
        send_request(w, q);
    }
    pframe_reset(&f);
}

/* Lets the worker's allocator keep freed memory for the next plugin
 * results: glibc returns a freed block above its mmap threshold, or the top
 * of the heap above its trim threshold, to the kernel, so a lesson that
 * draws landscape after landscape (three arrays of 300 KB to 5 MB each
 * time) page-faulted its way through every result.  Blocks below 32 MiB
 * now come from the heap, and up to 64 MiB of free heap is kept (well
 * inside WORKER_MEM_CAP).  Returns nothing. */
static void worker_tune_heap(void)
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, (int)HEAP_MMAP);
    mallopt(M_TRIM_THRESHOLD, (int)HEAP_KEEP);
#endif
}

/* Runs a script with the nnt API (nntutor run); sends W_DONE. */
static int run_script(struct wctx *w, const struct worker_job *job,
                      const struct frontend *fe)
{
    char err[1024];
    struct host *h = host_new(&job->ho, fe, err, sizeof err);
    struct pbuf b = { 0 };
    int failed = 1;

    if (!h) {
        wsend_text(w, W_FAILED, err);
        return 1;
    }
    lua_createtable(h->L, job->nargs, 1);               /* arg */
    for (int i = 0; i < job->nargs; i++) {
        lua_pushstring(h->L, job->args[i]);
        lua_rawseti(h->L, -2, i);
    }
    lua_setglobal(h->L, "arg");
    if (host_load(h, job->path) < 0) {
        wsend_text(w, W_FAILED, h->last_error);
        host_free(h);
        return 1;
    }
    plugin_load_all(job->ho.plugins, NULL);
    worker_tune_heap();
    if (sandbox_limit_memory(WORKER_MEM_CAP, err, sizeof err) < 0 ||
        sandbox_lock_down(err, sizeof err) < 0) {
        wsend_text(w, W_FAILED, err);
        host_free(h);
        return 1;
    }
    for (int i = 1; i < job->nargs; i++)
        lua_pushstring(h->L, job->args[i]);
    failed = host_pcall(h, job->nargs > 0 ? job->nargs - 1 : 0, 0) < 0;
    pbuf_u32(&b, (uint32_t)failed);
    pbuf_str(&b, failed ? h->last_error : "");
    wsend(w, W_DONE, &b);
    pbuf_free(&b);
    host_free(h);
    return failed;
}

void worker_main(int fd, const struct worker_job *job)
{
    struct wctx w = { .fd = SOCK_FD };
    const struct frontend fe = {
        .ud = &w, .step = wf_step, .say = wf_say, .chart = wf_chart,
        .claim = wf_claim, .print = wf_print, .draw = wf_draw,
        .warn = wf_warn, .progress = wf_progress, .call = wf_call,
        .alive = wf_alive, .lint = wf_lint,
    };
    const struct frontend quiet = {     /* reading headers: shows nothing */
        .ud = &w, .call = wf_call, .alive = wf_alive,
    };
    struct pbuf hello = { 0 };
    struct runner r;
    char err[1024];

    worker_setup(fd, job->errfd);
    pbuf_u32(&hello, PROTO_VERSION);
    wsend(&w, W_HELLO, &hello);
    pbuf_free(&hello);
    if (job->kind == WORKER_SCRIPT)
        exit(run_script(&w, job, &fe));
    for (int i = job->first; job->kind == WORKER_HEADERS &&
                             i < job->npaths; i++) {
        if (runner_open(&r, job->paths[i], &job->ho, 0, &quiet, err,
                        sizeof err) < 0)
            wsend_text(&w, W_FAILED, err);
        else
            send_header(&w, &r);
        runner_close(&r);
    }
    if (job->kind == WORKER_HEADERS)
        exit(0);
    if (runner_open(&r, job->path, &job->ho, job->seed_given, &fe, err,
                    sizeof err) < 0) {
        wsend_text(&w, W_FAILED, err);
        runner_close(&r);
        exit(0);
    }
    r.interactive = job->interactive;
    plugin_load_all(job->ho.plugins, NULL);     /* before the lock-down */
    worker_tune_heap();
    if (sandbox_limit_memory(WORKER_MEM_CAP, err, sizeof err) < 0 ||
        sandbox_lock_down(err, sizeof err) < 0) {
        wsend_text(&w, W_FAILED, err);
        runner_close(&r);
        exit(0);
    }
    send_header(&w, &r);
    serve(&w, &r);
    runner_close(&r);
    exit(0);
}
