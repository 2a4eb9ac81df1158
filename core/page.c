/* SPDX-License-Identifier: MIT */
/* The page of one step: narrative blocks, charts and sliders, laid out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "page.h"
#include "text.h"
#include "util.h"

/* Frees one block's strings. */
static void block_free(struct block *b)
{
    free(b->text);
    for (int i = 0; i < b->nchoices; i++)
        free(b->choices[i]);
    free(b->choices);
    free(b->explain);
}

/* Drops blocks from index n on. */
static void truncate_blocks(struct page *pg, int n)
{
    while (pg->nblocks > n)
        block_free(&pg->blocks[--pg->nblocks]);
}

/* Drops charts from index n on. */
static void truncate_charts(struct page *pg, int n)
{
    while (pg->ncharts > n)
        chart_free(pg->charts[--pg->ncharts]);
    if (pg->chart_sel >= pg->ncharts)
        pg->chart_sel = pg->ncharts ? pg->ncharts - 1 : 0;
}

void page_free(struct page *pg)
{
    truncate_blocks(pg, 0);
    truncate_charts(pg, 0);
    free(pg->blocks);
    free(pg->charts);
    page_sliders(pg, NULL, 0);
    memset(pg, 0, sizeof *pg);
}

void page_reset(struct page *pg, int step, int nsteps)
{
    const char *lang = pg->lang;

    page_free(pg);
    pg->lang = lang;
    pg->step = step;
    pg->nsteps = nsteps;
}

/* Returns a new zeroed block at the end of the page. */
static struct block *new_block(struct page *pg, enum block_kind kind)
{
    struct block *b;

    pg->blocks = xrealloc(pg->blocks, sizeof *pg->blocks *
                          (size_t)(pg->nblocks + 1));
    b = &pg->blocks[pg->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

void page_add(struct page *pg, enum block_kind kind, const char *text,
              int ok)
{
    struct block *b = new_block(pg, kind);

    b->text = xstrdup(text ? text : "");
    b->ok = ok;
}

void page_quiz(struct page *pg, const struct quiz *q)
{
    struct block *b = new_block(pg, BLOCK_QUIZ);

    b->text = xstrdup(q->question ? q->question : "");
    b->nchoices = q->nchoices;
    b->choices = xcalloc((size_t)q->nchoices + 1, sizeof *b->choices);
    for (int i = 0; i < q->nchoices; i++)
        b->choices[i] = xstrdup(q->choices[i]);
    b->answer = q->answer;
    b->explain = q->explain ? xstrdup(q->explain) : NULL;
    pg->quizzes++;
}

struct block *page_pending_quiz(struct page *pg)
{
    for (int i = pg->nblocks - 1; i >= 0; i--)
        if (pg->blocks[i].kind == BLOCK_QUIZ && !pg->blocks[i].chosen)
            return &pg->blocks[i];
    return NULL;
}

int page_answer(struct page *pg, int choice)
{
    struct block *b = page_pending_quiz(pg);

    if (!b)
        return 0;
    b->chosen = choice > 0 ? choice : -1;       /* -1: skipped */
    return choice == b->answer;
}

void page_chart(struct page *pg, const struct chart *c)
{
    pg->charts = xrealloc(pg->charts, sizeof *pg->charts *
                          (size_t)(pg->ncharts + 1));
    pg->charts[pg->ncharts++] = chart_clone(c);
    pg->chart_sel = pg->ncharts - 1;
    if (pg->exploring && pg->keep_sel >= 0 &&
        pg->base_charts + pg->keep_sel < pg->ncharts)
        pg->chart_sel = pg->base_charts + pg->keep_sel;  /* same chart */
}

void page_draw(struct page *pg)
{
    if (!pg->exploring) {
        pg->exploring = 1;
        pg->base_blocks = pg->nblocks;
        pg->base_charts = pg->ncharts;
        pg->keep_sel = -1;
        return;
    }
    pg->keep_sel = pg->chart_sel >= pg->base_charts
                   ? pg->chart_sel - pg->base_charts : -1;
    truncate_blocks(pg, pg->base_blocks);
    truncate_charts(pg, pg->base_charts);
}

void page_sliders(struct page *pg, const struct slider *s, int n)
{
    for (int i = 0; i < pg->nsliders; i++) {
        free((char *)pg->sliders[i].name);
        free((char *)pg->sliders[i].label);
    }
    free(pg->sliders);
    pg->sliders = NULL;
    pg->nsliders = 0;
    if (n <= 0) {
        pg->exploring = 0;
        pg->slider_sel = 0;
        return;
    }
    pg->sliders = xcalloc((size_t)n, sizeof *pg->sliders);
    for (int i = 0; i < n; i++) {
        pg->sliders[i] = s[i];
        pg->sliders[i].name = xstrdup(s[i].name ? s[i].name : "?");
        pg->sliders[i].label = s[i].label ? xstrdup(s[i].label) : NULL;
    }
    pg->nsliders = n;
    if (pg->slider_sel >= n)
        pg->slider_sel = n - 1;
}

const struct chart *page_current_chart(const struct page *pg)
{
    return pg->ncharts ? pg->charts[pg->chart_sel] : NULL;
}

/* A laid-out piece waiting to be stacked. */
struct piece {
    struct canvas cv;
    int x;                      /* column offset */
};

/* A growing list of pieces stacked top to bottom. */
struct stack {
    struct piece *p;
    int n;
    int rows;
};

/* Adds a canvas (taken over) at column x; returns nothing. */
static void stack_push(struct stack *st, struct canvas cv, int x)
{
    st->p = xrealloc(st->p, sizeof *st->p * (size_t)(st->n + 1));
    st->p[st->n].cv = cv;
    st->p[st->n].x = x;
    st->n++;
}

/* Adds an empty row. */
static void stack_gap(struct stack *st)
{
    struct canvas cv;

    if (canvas_init(&cv, 1, 1) == 0)
        stack_push(st, cv, 0);
}

/* Lays out text without markup, hard-wrapped at w, in colour fg. */
static int raw_render(const char *text, int w, int fg, struct canvas *out)
{
    int rows = 1, col = 0, y = 0;
    mbstate_t ms;
    const char *s;
    wchar_t wc;
    size_t k;

    for (int pass = 0; pass < 2; pass++) {
        memset(&ms, 0, sizeof ms);
        col = 0;
        y = 0;
        for (s = text; *s; s += k) {
            char vis[12];
            int cw, nch;
            k = mbrtowc(&wc, s, strlen(s), &ms);
            if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
                wc = L'?';
                k = 1;
                memset(&ms, 0, sizeof ms);
            }
            if (wc == L'\n') {
                y++;
                col = 0;
                continue;
            }
            if (wc == L'\t')
                wc = L' ';
            if (ctrl_visible((unsigned)wc, vis))
                nch = (int)strlen(vis);         /* ESC shown as ^[ */
            else
                vis[0] = '\0', nch = 1;
            for (int i = 0; i < nch; i++) {
                wchar_t ch = vis[0] ? (wchar_t)vis[i] : wc;
                cw = wcwidth(ch);
                if (cw < 0)
                    continue;
                if (col + cw > w) {
                    y++;
                    col = 0;
                }
                if (pass == 1)
                    canvas_putc(out, col, y, ch, fg, 0);
                col += cw;
            }
        }
        rows = y + 1;
        if (pass == 0 && canvas_init(out, w, rows) < 0)
            return -1;
    }
    return 0;
}

/* Lays out markup at w - indent with a prefix in colour pfg on row 0. */
static void push_text(struct stack *st, const char *prefix, int pfg,
                      int pattr, const char *text, int w,
                      const struct glyphs *g)
{
    int pw = prefix ? text_width(prefix) : 0;
    struct canvas cv, body;

    if (text_render(text, w - pw > 8 ? w - pw : 8, g, &body) < 0)
        return;
    if (!prefix) {
        stack_push(st, body, 0);
        return;
    }
    if (canvas_init(&cv, w, body.h) < 0) {
        canvas_free(&body);
        return;
    }
    canvas_puts(&cv, 0, 0, prefix, pfg, pattr, pw);
    for (int y = 0; y < body.h; y++)
        for (int x = 0; x < body.w && pw + x < w; x++)
            *canvas_at(&cv, pw + x, y) = *canvas_at(&body, x, y);
    canvas_free(&body);
    stack_push(st, cv, 0);
}

/* Returns en or zh, following the page's language. */
static const char *tr(const struct page *pg, const char *en, const char *zh)
{
    return pg->lang && strcmp(pg->lang, "zh") == 0 ? zh : en;
}

/* Lays out a quiz: question, numbered choices, then feedback. */
static void push_quiz(struct stack *st, const struct page *pg,
                      const struct block *b, int w, const struct glyphs *g)
{
    char prefix[32], hint[96];
    int right = b->chosen == b->answer;

    push_text(st, "? ", COL_TITLE, ATTR_BOLD, b->text, w, g);
    for (int i = 0; i < b->nchoices; i++) {
        int fg = COL_DEFAULT, mark = ' ';
        if (b->chosen && i + 1 == b->answer) {
            fg = COL_GOOD;
            mark = (int)g->check;
        } else if (b->chosen == i + 1) {
            fg = COL_BAD;
            mark = (int)g->cross;
        }
        snprintf(prefix, sizeof prefix, "%lc %d) ", (wint_t)mark, i + 1);
        push_text(st, prefix, fg, ATTR_BOLD, b->choices[i], w, g);
    }
    if (!b->chosen) {
        snprintf(hint, sizeof hint, tr(pg, "(press 1-%d to answer, space to "
                 "skip)", "（按 1-%d 作答，空格跳过）"), b->nchoices);
        push_text(st, "  ", COL_DEFAULT, 0, hint, w, g);
        return;
    }
    snprintf(prefix, sizeof prefix, "  %lc ",
             (wint_t)(right ? g->check : g->cross));
    if (b->chosen > 0)
        push_text(st, prefix, right ? COL_GOOD : COL_BAD, ATTR_BOLD,
                  right ? tr(pg, "Right.", "答对了。")
                        : tr(pg, "Not quite.", "不对。"), w, g);
    if (b->explain)
        push_text(st, "  ", COL_DEFAULT, 0, b->explain, w, g);
}

int page_render(const struct page *pg, int w, const struct glyphs *g,
                struct canvas *out)
{
    struct stack st = { 0 };
    char prefix[16];
    int y = 0, rc = 0;

    for (int i = 0; i < pg->nblocks; i++) {
        const struct block *b = &pg->blocks[i];
        struct canvas cv;

        switch (b->kind) {
        case BLOCK_SAY:
            push_text(&st, NULL, 0, 0, b->text, w, g);
            break;
        case BLOCK_CLAIM:
            snprintf(prefix, sizeof prefix, "%lc ",
                     (wint_t)(b->ok ? g->check : g->cross));
            push_text(&st, prefix, b->ok ? COL_GOOD : COL_BAD, ATTR_BOLD,
                      b->text, w, g);
            break;
        case BLOCK_QUIZ:
            push_quiz(&st, pg, b, w, g);
            break;
        case BLOCK_NOTE:
            push_text(&st, NULL, 0, 0, b->text, w, g);
            break;
        case BLOCK_PRINT:
        case BLOCK_ERROR:
            if (raw_render(b->text, w, b->kind == BLOCK_ERROR ? COL_BAD
                                                              : COL_CODE,
                           &cv) == 0)
                stack_push(&st, cv, 0);
            break;
        }
        if (i + 1 < pg->nblocks)
            stack_gap(&st);
    }
    for (int i = 0; i < st.n; i++)
        y += st.p[i].cv.h;
    if (canvas_init(out, w, y > 0 ? y : 1) < 0)
        rc = -1;
    y = 0;
    for (int i = 0; i < st.n; i++) {
        struct canvas *cv = &st.p[i].cv;
        for (int r = 0; rc == 0 && r < cv->h; r++)
            for (int x = 0; x < cv->w && st.p[i].x + x < w; x++)
                *canvas_at(out, st.p[i].x + x, y + r) = *canvas_at(cv, x, r);
        y += cv->h;
        canvas_free(cv);
    }
    free(st.p);
    return rc;
}

/* Returns what a slider is called on screen. */
static const char *slider_name(const struct slider *s)
{
    return s->label ? s->label : s->name;
}

/* Writes a slider's value and range into buf. */
static void slider_value(const struct slider *s, char *buf, size_t n)
{
    snprintf(buf, n, " %-8.4g [%g, %g]", s->value, s->min, s->max);
}

int page_render_sliders(const struct page *pg, int w, const struct glyphs *g,
                        struct canvas *out)
{
    int namew = 0, valw = 0;
    char val[96];

    if (canvas_init(out, w, pg->nsliders > 0 ? pg->nsliders : 1) < 0)
        return -1;
    for (int i = 0; i < pg->nsliders; i++) {
        int nw = text_width(slider_name(&pg->sliders[i]));
        slider_value(&pg->sliders[i], val, sizeof val);
        if (nw > namew)
            namew = nw;
        if (text_width(val) > valw)
            valw = text_width(val);
    }
    for (int i = 0; i < pg->nsliders; i++) {
        const struct slider *s = &pg->sliders[i];
        int sel = i == pg->slider_sel, attr = sel ? ATTR_BOLD : 0;
        int x = 0, barw, pos;
        double f;

        slider_value(s, val, sizeof val);
        x += canvas_putc(out, x, i, sel ? (g->unicode ? L'▸' : L'>') : L' ',
                         COL_TITLE, ATTR_BOLD);
        x++;
        canvas_puts(out, x, i, slider_name(s), sel ? COL_TITLE : COL_LABEL,
                    attr, -1);
        x += namew + 1;
        barw = w - x - valw - 2;
        if (barw < 4)
            barw = 4;
        f = s->max > s->min ? (s->value - s->min) / (s->max - s->min) : 0;
        pos = (int)(f * (barw - 1) + 0.5);
        canvas_putc(out, x++, i, L'[', COL_AXIS, 0);
        for (int k = 0; k < barw; k++) {
            wchar_t ch = k == pos ? (g->unicode ? L'●' : L'O')
                       : k < pos ? (g->unicode ? L'━' : L'=')
                                 : (g->unicode ? L'─' : L'-');
            canvas_putc(out, x + k, i, ch, k <= pos ? COL_SERIES1 : COL_AXIS,
                        k == pos ? ATTR_BOLD : 0);
        }
        x += barw;
        canvas_putc(out, x++, i, L']', COL_AXIS, 0);
        canvas_puts(out, x, i, val, sel ? COL_TITLE : COL_DEFAULT, attr, -1);
    }
    return 0;
}
