/* SPDX-License-Identifier: MIT */
/* Replays slider moves on an explore screen headless and times each
 * redraw (the experiment, the page and the chart laid out at 120x40),
 * both in this process (the runner) and through a worker process (the
 * session, as nntutor runs lessons), and times a lesson's first frame. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "page.h"
#include "runner.h"
#include "session.h"

/* Returns milliseconds on a monotonic clock. */
static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Keeps charts on a page, as the TUI does. */
static void on_chart(void *ud, const struct chart *c)
{
    page_chart(ud, c);
}

/* Starts a redraw on the page, as the TUI does. */
static void on_draw(void *ud)
{
    page_draw(ud);
}

/* Lays the page and its chart out at 120x40, as the TUI does. */
static void layout(const struct page *pg, const struct glyphs *g)
{
    struct canvas text, chart;
    char err[256];

    if (page_render(pg, 46, g, &text, NULL) == 0)
        canvas_free(&text);
    if (pg->nsliders && page_render_sliders(pg, 46,
            page_sliders_rows(pg, 46, 30), g, &text) == 0)
        canvas_free(&text);
    if (page_current_chart(pg) && canvas_init(&chart, 70, 37) == 0) {
        chart_render(page_current_chart(pg), &chart, g, err, sizeof err);
        canvas_free(&chart);
    }
}

/* qsort comparator for doubles. */
static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* One way to run a lesson: in this process, or in a worker. */
struct driver {
    const char *name;
    void *r;
    const struct request *(*begin)(void *r, int i);
    const struct request *(*go_on)(void *r);
    const struct request *(*answer)(void *r, int choice);
    const struct request *(*slide)(void *r, const char *name, double v);
};

static const struct request *rb(void *r, int i) { return runner_begin(r, i); }
static const struct request *rc(void *r) { return runner_continue(r); }
static const struct request *ra(void *r, int c) { return runner_answer(r, c); }
static const struct request *rs(void *r, const char *n, double v)
{
    return runner_slide(r, n, v);
}
static const struct request *sb(void *r, int i) { return session_begin(r, i); }
static const struct request *sc(void *r) { return session_continue(r); }
static const struct request *sa(void *r, int c) { return session_answer(r, c); }
static const struct request *ss(void *r, const char *n, double v)
{
    return session_slide(r, n, v);
}

/* Replays moves slider moves on the open explore screen (*q) and prints
 * the median and p95 redraw times; returns 0, or -1 if it closed. */
static int time_screen(const struct driver *d, struct page *pg,
                       const struct request **q, int moves, double *ms,
                       const char *lesson, int step)
{
    page_sliders(pg, (*q)->sliders, (*q)->nsliders);   /* laid out too */
    for (int i = 0; i < moves; i++) {
        /* sweep each slider up and down across its range */
        int k = i % (*q)->nsliders, phase = (i / (*q)->nsliders) % 20;
        const struct slider *s = &(*q)->sliders[k];
        double f = phase < 10 ? phase / 10.0 : (20 - phase) / 10.0;
        char name[128];
        double lo = s->min, hi = s->max, t0 = now_ms();

        snprintf(name, sizeof name, "%s", s->name);
        *q = d->slide(d->r, name, lo + f * (hi - lo));
        layout(pg, glyphs_get(1));
        ms[i] = now_ms() - t0;
        if ((*q)->kind != REQ_EXPLORE) {
            fprintf(stderr, "explore_bench: the screen closed: %s\n",
                    (*q)->error ? (*q)->error : "");
            return -1;
        }
    }
    qsort(ms, (size_t)moves, sizeof *ms, by_value);
    printf("explore redraw (%s step %d, %d moves, %s): median %.2f ms, "
           "p95 %.2f ms (target p95 < 50 ms: %s)\n", lesson, step, moves,
           d->name, ms[moves / 2], ms[(int)(moves * 0.95)],
           ms[(int)(moves * 0.95)] < 50 ? "met" : "MISSED");
    return 0;
}

/* Steps through the lesson with driver d, timing every explore screen. */
static int run(const struct driver *d, int nsteps, struct page *pg,
               int moves, double *ms, const char *lesson)
{
    for (int step = 1; step <= nsteps; step++) {
        const struct request *q;
        page_reset(pg, step, nsteps);
        q = d->begin(d->r, step);
        while (q->kind != REQ_DONE && q->kind != REQ_ERROR) {
            if (q->kind == REQ_WAIT || q->kind == REQ_EXERCISE)
                q = d->go_on(d->r);
            else if (q->kind == REQ_QUIZ)
                q = d->answer(d->r, 0);
            else if (time_screen(d, pg, &q, moves, ms, lesson, step) < 0)
                return -1;
            else
                q = d->go_on(d->r);
        }
    }
    return 0;
}

/* Prints the median time to open the lesson and show step 1's first
 * request, in this process and through a worker (ten of each,
 * interleaved). */
static void first_frame(const char *lesson, const struct host_opts *ho,
                        const struct frontend *fe)
{
    double in[10], out[10], t0;
    char err[1024];

    for (int k = 0; k < 10; k++) {
        struct runner r;
        struct session s;
        t0 = now_ms();
        if (runner_open(&r, lesson, ho, 0, fe, err, sizeof err) == 0)
            runner_begin(&r, 1);
        in[k] = now_ms() - t0;
        runner_close(&r);
        t0 = now_ms();
        if (session_open(&s, lesson, ho, 0, 1, fe, err, sizeof err) == 0)
            session_begin(&s, 1);
        out[k] = now_ms() - t0;
        session_close(&s);
    }
    qsort(in, 10, sizeof *in, by_value);
    qsort(out, 10, sizeof *out, by_value);
    printf("first frame (%s: open, step 1, after nntutor started): "
           "in-process %.2f ms, worker %.2f ms (+%.2f ms)\n", lesson, in[5],
           out[5], out[5] - in[5]);
}

int main(int argc, char **argv)
{
    const char *lesson = argc > 1 ? argv[1] : "lessons/template.lua";
    int moves = argc > 2 ? atoi(argv[2]) : 100;
    struct page pg = { 0 };
    struct frontend fe = { .ud = &pg, .chart = on_chart, .draw = on_draw };
    struct plugin_set plugins;
    struct runner r;
    struct session s;
    const char *build = getenv("BUILD") ? getenv("BUILD") : "build";
    char plugdir[1024];
    double *ms;
    char err[1024];
    int status = 0;

    setlocale(LC_CTYPE, "C.UTF-8");
    snprintf(plugdir, sizeof plugdir, "%s/plugins", build);
    if (plugin_set_init(&plugins, plugdir) < 0)
        return 1;
    struct host_opts ho = { .lang = "en", .lua_dir = "lua",
                            .plugins = &plugins };
    first_frame(lesson, &ho, &fe);
    ms = calloc((size_t)moves, sizeof *ms);
    if (runner_open(&r, lesson, &ho, 0, &fe, err, sizeof err) < 0) {
        fprintf(stderr, "explore_bench: %s\n", err);
        return 1;
    }
    r.interactive = 1;
    {
        struct driver d = { "in-process", &r, rb, rc, ra, rs };
        status |= run(&d, r.nsteps, &pg, moves, ms, lesson);
    }
    runner_close(&r);
    if (session_open(&s, lesson, &ho, 0, 1, &fe, err, sizeof err) < 0) {
        fprintf(stderr, "explore_bench: %s\n", err);
        return 1;
    }
    {
        struct driver d = { "worker", &s, sb, sc, sa, ss };
        status |= run(&d, s.nsteps, &pg, moves, ms, lesson);
    }
    session_close(&s);
    free(ms);
    page_free(&pg);
    plugin_set_free(&plugins);
    return status ? 1 : 0;
}
