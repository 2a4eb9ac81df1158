/* SPDX-License-Identifier: MIT */
/* The plain front-end: steps, text, charts and claims printed in order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "out.h"
#include "plain.h"
#include "text.h"
#include "util.h"

#define CHART_MAX_W 100

void plain_init(struct plain *p, FILE *out, int width, int ascii,
                const char *lang)
{
    memset(p, 0, sizeof *p);
    p->lang = lang && strcmp(lang, "zh") == 0 ? "zh" : "en";
    p->out = out;
    p->width = width < 40 ? 40 : width > 120 ? 120 : width;
    p->g = glyphs_get_mono(!ascii);     /* plain output has no colour */
}

void plain_print_canvas(FILE *out, const struct canvas *cv)
{
    int n = cv->w * 4 + 1;
    char *buf = xmalloc((size_t)n);
    int h = cv->h;

    while (h > 0 && canvas_row_utf8(cv, h - 1, buf, n) == 0)
        h--;                                    /* no trailing blank rows */
    for (int y = 0; y < h; y++) {
        canvas_row_utf8(cv, y, buf, n);
        out_printf(out, "%s\n", buf);
    }
    free(buf);
}

/* Prints markup wrapped at width, each row after prefix (first row) or
 * an indent of the prefix's width (later rows). */
static void print_text(struct plain *p, const char *prefix, const char *text)
{
    int pw = prefix ? text_width(prefix) : 0;
    struct canvas cv;

    if (text_render(text, p->width - pw, p->g, &cv) < 0)
        return;
    if (p->out) {
        int n = cv.w * 4 + 1;
        char *buf = xmalloc((size_t)n);
        for (int y = 0; y < cv.h; y++) {
            canvas_row_utf8(&cv, y, buf, n);
            out_printf(p->out, "%s%*s%s\n", prefix && y == 0 ? prefix : "",
                       prefix && y > 0 ? pw : 0, "", buf);
        }
        free(buf);
    }
    canvas_free(&cv);
}

/* Prints Lua source indented by four spaces, line by line (tabs become
 * four spaces; control characters are shown, not sent). */
static void print_code(struct plain *p, const char *code)
{
    const char *s = code ? code : "";

    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        char *line = xmalloc(len * 4 + 1), *o = line;
        for (size_t i = 0; i < len; i++)
            if (s[i] == '\t')
                memcpy(o, "    ", 4), o += 4;
            else
                *o++ = s[i];
        *o = '\0';
        out_printf(p->out, "    %s\n", line);
        free(line);
        s += len + (nl ? 1 : 0);
    }
}

/* Prints "── head ─────" across the width, then a blank line. */
static void print_rule(struct plain *p, const char *head)
{
    int w;

    fprintf(p->out, "%lc%lc", (wint_t)p->g->hline, (wint_t)p->g->hline);
    out_puts(p->out, head);
    w = 2 + text_width(head);
    for (; w < p->width; w++)
        fprintf(p->out, "%lc", (wint_t)p->g->hline);
    fputs("\n\n", p->out);
    out_flush(p->out);
}

/* Prints a step's heading rule: "── 2/7 · Title ─────". */
static void plain_step(void *ud, int index, int nsteps, const char *title)
{
    struct plain *p = ud;
    char *head, *vis;

    p->step = index;
    if (!p->out)
        return;
    vis = out_visible(title ? title : "");
    head = xasprintf(" %d/%d  %s ", index, nsteps, vis);  /* never cut */
    free(vis);
    fputs(index > 1 ? "\n" : "", p->out);
    print_rule(p, head);
    free(head);
}

void plain_answer(struct plain *p, const char *text)
{
    if (!p->out || !text || !*text)
        return;
    fputs("\n", p->out);
    print_rule(p, strcmp(p->lang, "zh") == 0 ? " 习题解答 " : " Written answer ");
    print_text(p, NULL, text);
    out_flush(p->out);
}

/* Prints a paragraph followed by a blank line. */
static void plain_say(void *ud, const char *text)
{
    struct plain *p = ud;

    print_text(p, NULL, text);
    if (p->out) {
        fputc('\n', p->out);
        out_flush(p->out);
    }
}

/* Returns the canvas height that suits a chart of this kind. */
static int chart_height(const struct chart *c)
{
    if (c->kind == CHART_BAR && c->bar_values)
        return (int)c->bar_values->rows + 4 + (c->title != NULL);
    if (c->kind == CHART_HEATMAP)
        return 24;
    return 18;
}

/* Renders a chart into a canvas and prints it.  A title wider than the
 * chart is printed whole above it, wrapped, rather than cut with an
 * ellipsis: a pipe or a screen reader has no wider window to show it. */
static void plain_chart(void *ud, const struct chart *c)
{
    struct plain *p = ud;
    struct chart shown = *c;            /* shallow: only the title differs */
    struct canvas cv;
    char err[256];
    int w = p->width < CHART_MAX_W ? p->width : CHART_MAX_W;

    if (c->title && text_width(c->title) > w) {
        print_text(p, NULL, c->title);
        shown.title = NULL;
    }
    if (canvas_init(&cv, w, chart_height(&shown)) < 0)
        return;
    if (chart_render(&shown, &cv, p->g, err, sizeof err) < 0) {
        if (p->out)
            out_printf(p->out, "[chart not drawn: %s]\n\n", err);
    } else if (p->out) {
        plain_print_canvas(p->out, &cv);
        fputc('\n', p->out);
    }
    canvas_free(&cv);
    if (p->out)
        out_flush(p->out);
}

/* Prints a claim with its mark. */
static void plain_claim(void *ud, const char *text, int ok)
{
    struct plain *p = ud;
    char prefix[16];

    snprintf(prefix, sizeof prefix, "%lc ",
             (wint_t)(ok ? p->g->check : p->g->cross));
    print_text(p, prefix, text);
    if (p->out) {
        fputc('\n', p->out);
        out_flush(p->out);
    }
    if (!ok) {
        p->failed_claims++;
        if (p->on_false_claim)
            p->on_false_claim(p->ud, p->step, text);
    }
}

/* Prints what the lesson printed. */
static void plain_print(void *ud, const char *text)
{
    struct plain *p = ud;

    if (p->out) {
        out_printf(p->out, "%s\n", text);
        out_flush(p->out);
    }
}

/* Prints a quiz with its answer and explanation; answers nothing. */
static int plain_quiz(void *ud, const struct quiz *q)
{
    struct plain *p = ud;
    char prefix[32];

    if (p->on_quiz)
        p->on_quiz(p->ud, p->step, q);
    print_text(p, "? ", q->question);
    for (int i = 0; i < q->nchoices; i++) {
        snprintf(prefix, sizeof prefix, "  %d) ", i + 1);
        print_text(p, prefix, q->choices[i]);
        if (q->why && q->why[i] && i + 1 != q->answer)
            print_text(p, "       ", q->why[i]);
    }
    if (q->answer >= 1 && q->answer <= q->nchoices) {
        snprintf(prefix, sizeof prefix, "%lc %d) ", (wint_t)p->g->check,
                 q->answer);
        print_text(p, prefix, q->choices[q->answer - 1]);
    }
    if (q->explain)
        print_text(p, "  ", q->explain);
    if (p->out) {
        fputc('\n', p->out);
        out_flush(p->out);
    }
    return 0;
}

/* Prints an exercise: its statement, the stub, the hints and the
 * reference solution (nobody writes code in plain mode). */
static void plain_exercise(void *ud, const struct exercise *e)
{
    struct plain *p = ud;
    char prefix[32];
    int zh = strcmp(p->lang, "zh") == 0;

    if (p->on_exercise)
        p->on_exercise(p->ud, p->step, e);
    if (!p->out)
        return;
    out_printf(p->out, zh ? "[练习 %s.lua] " : "[exercise %s.lua] ", e->name);
    print_text(p, "", e->title);
    print_text(p, "  ", e->statement);
    out_printf(p->out, "%s", zh ? "\n  初始代码：\n" : "\n  stub:\n");
    print_code(p, e->stub);
    for (int i = 0; i < e->nhints; i++) {
        snprintf(prefix, sizeof prefix, zh ? "  提示 %d：" : "  hint %d: ",
                 i + 1);
        print_text(p, prefix, e->hints[i]);
    }
    out_printf(p->out, "%s", zh ? "\n  参考答案：\n" : "\n  solution:\n");
    print_code(p, e->solution);
    fputc('\n', p->out);
    out_flush(p->out);
}

/* Lists the controls an explore screen offers (drawn at their defaults):
 * a slider's value and range, a choice's name among its names, a
 * switch on or off. */
static void plain_explore(void *ud, const struct slider *s, int n)
{
    struct plain *p = ud;
    int zh = p->lang && strcmp(p->lang, "zh") == 0;
    const char *off = zh ? "关" : "off", *on = zh ? "开" : "on";

    if (!p->out)
        return;
    fputs("[explore:", p->out);
    for (int i = 0; i < n; i++) {
        const char *name = s[i].label ? s[i].label : s[i].name;
        int v = (int)s[i].value;

        if (s[i].kind == SLIDER_NUMBER) {
            out_printf(p->out, "%s %s = %g in [%g, %g]", i ? "," : "", name,
                       s[i].value, s[i].min, s[i].max);
        } else if (s[i].kind == SLIDER_BOOL) {
            out_printf(p->out, "%s %s = %s in {%s, %s}", i ? "," : "", name,
                       v ? on : off, off, on);
        } else {
            out_printf(p->out, "%s %s = %s in {", i ? "," : "", name,
                       s[i].choices[v]);
            for (int k = 0; k < s[i].nchoices; k++)
                out_printf(p->out, "%s%s", k ? ", " : "", s[i].choices[k]);
            fputs("}", p->out);
        }
    }
    fputs("]\n\n", p->out);
    out_flush(p->out);
}

/* Shows a problem (charts that could not be exported) on stderr. */
static void plain_warn(void *ud, const char *text)
{
    out_error("%s", text);
}

struct frontend plain_frontend(struct plain *p)
{
    struct frontend fe = {
        .ud = p,
        .step = plain_step,
        .say = plain_say,
        .chart = plain_chart,
        .claim = plain_claim,
        .print = plain_print,
        .quiz = plain_quiz,
        .exercise = plain_exercise,
        .explore = plain_explore,
        .warn = plain_warn,
    };
    return fe;
}
