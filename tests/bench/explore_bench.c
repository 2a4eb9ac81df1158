/* SPDX-License-Identifier: MIT */
/* Replays slider moves on an explore screen headless and times each
 * redraw (the experiment, the page and the chart laid out at 120x40). */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "page.h"
#include "runner.h"

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

    if (page_render(pg, 46, g, &text) == 0)
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

/* Replays moves slider moves on the open explore screen (*q) and prints
 * the median and p95 redraw times; returns 0, or -1 if it closed. */
static int time_screen(struct runner *r, struct page *pg,
                       const struct request **q, int moves, double *ms,
                       const char *lesson, int step)
{
    for (int i = 0; i < moves; i++) {
        /* sweep each slider up and down across its range */
        int k = i % (*q)->nsliders, phase = (i / (*q)->nsliders) % 20;
        const struct slider *s = &(*q)->sliders[k];
        double f = phase < 10 ? phase / 10.0 : (20 - phase) / 10.0;
        char name[128];
        double lo = s->min, hi = s->max, t0 = now_ms();

        snprintf(name, sizeof name, "%s", s->name);
        *q = runner_slide(r, name, lo + f * (hi - lo));
        layout(pg, glyphs_get(1));
        ms[i] = now_ms() - t0;
        if ((*q)->kind != REQ_EXPLORE) {
            fprintf(stderr, "explore_bench: the screen closed: %s\n",
                    (*q)->error ? (*q)->error : "");
            return -1;
        }
    }
    qsort(ms, (size_t)moves, sizeof *ms, by_value);
    printf("explore redraw (%s step %d, %d moves): median %.2f ms, "
           "p95 %.2f ms (target p95 < 50 ms: %s)\n", lesson, step, moves,
           ms[moves / 2], ms[(int)(moves * 0.95)],
           ms[(int)(moves * 0.95)] < 50 ? "met" : "MISSED");
    return 0;
}

int main(int argc, char **argv)
{
    const char *lesson = argc > 1 ? argv[1] : "lessons/template.lua";
    int moves = argc > 2 ? atoi(argv[2]) : 100;
    struct page pg = { 0 };
    struct frontend fe = { .ud = &pg, .chart = on_chart, .draw = on_draw };
    struct plugin_set plugins;
    struct runner r;
    const char *build = getenv("BUILD") ? getenv("BUILD") : "build";
    char plugdir[1024];
    const struct request *q = NULL;
    double *ms;
    char err[1024];
    int step;

    setlocale(LC_CTYPE, "C.UTF-8");
    snprintf(plugdir, sizeof plugdir, "%s/plugins", build);
    if (plugin_set_init(&plugins, plugdir) < 0)
        return 1;
    struct host_opts ho = { .lang = "en", .lua_dir = "lua",
                            .plugins = &plugins };
    if (runner_open(&r, lesson, &ho, 0, &fe, err, sizeof err) < 0) {
        fprintf(stderr, "explore_bench: %s\n", err);
        return 1;
    }
    r.interactive = 1;
    ms = calloc((size_t)moves, sizeof *ms);
    for (step = 1; step <= r.nsteps; step++) {
        page_reset(&pg, step, r.nsteps);
        q = runner_begin(&r, step);
        while (q->kind != REQ_DONE && q->kind != REQ_ERROR) {
            if (q->kind == REQ_WAIT)
                q = runner_continue(&r);
            else if (q->kind == REQ_QUIZ)
                q = runner_answer(&r, 0);
            else if (time_screen(&r, &pg, &q, moves, ms, lesson, step) < 0)
                return 1;
            else
                q = runner_continue(&r);
        }
    }
    free(ms);
    page_free(&pg);
    runner_close(&r);
    plugin_set_free(&plugins);
    return 0;
}
