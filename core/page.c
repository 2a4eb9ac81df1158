/* SPDX-License-Identifier: MIT */
/* The page of one step: narrative blocks, charts and sliders, laid out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "page.h"
#include "text.h"
#include "util.h"
#include "workfile.h"

/* Frees one block's strings. */
static void block_free(struct block *b)
{
    free(b->text);
    for (int i = 0; i < b->nchoices; i++) {
        free(b->choices[i]);
        if (b->why)
            free(b->why[i]);
    }
    free(b->choices);
    free(b->why);
    free(b->explain);
    free(b->name);
    free(b->title);
    free(b->path);
    free(b->solution);
    free(b->message);
    for (int i = 0; i < b->nhints; i++)
        free(b->hints[i]);
    free(b->hints);
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
    free(pg->held);
    free(pg->carry);
    memset(pg, 0, sizeof *pg);
}

void page_reset(struct page *pg, int step, int nsteps)
{
    const char *lang = pg->lang;
    struct held_axes *carry = pg->carry;
    int ncarry = pg->ncarry;

    pg->carry = NULL;                   /* kept for the next screen */
    page_free(pg);
    pg->carry = carry;
    pg->ncarry = ncarry;
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
    b->why = xcalloc((size_t)q->nchoices + 1, sizeof *b->why);
    for (int i = 0; q->why && i < q->nchoices; i++)
        b->why[i] = q->why[i] ? xstrdup(q->why[i]) : NULL;
    pg->quizzes++;
}

struct block *page_pending_quiz(struct page *pg)
{
    for (int i = pg->nblocks - 1; i >= 0; i--)
        if (pg->blocks[i].kind == BLOCK_QUIZ && !pg->blocks[i].chosen)
            return &pg->blocks[i];
    return NULL;
}

int page_try(struct page *pg, int choice)
{
    struct block *b = page_pending_quiz(pg);

    if (!b || choice < 1 || choice > b->nchoices)
        return TRY_AGAIN;
    if (choice == b->answer) {
        b->chosen = choice;
        return TRY_RIGHT;
    }
    if (!(b->wrong & (1 << (choice - 1)))) {
        b->wrong |= 1 << (choice - 1);
        b->tries++;
    }
    if (b->tries < TRY_MAX_WRONG)
        return TRY_AGAIN;
    b->chosen = b->answer;
    b->revealed = 1;
    return TRY_REVEALED;
}

void page_reveal(struct page *pg)
{
    struct block *b = page_pending_quiz(pg);

    if (b) {
        b->chosen = b->answer;
        b->revealed = 1;
    }
}

void page_skip(struct page *pg)
{
    struct block *b = page_pending_quiz(pg);

    if (b)
        b->chosen = -1;
}

struct block *page_last_exercise(struct page *pg)
{
    for (int i = pg->nblocks - 1; i >= 0; i--)
        if (pg->blocks[i].kind == BLOCK_EXERCISE)
            return &pg->blocks[i];
    return NULL;
}

/* Replaces *dst with a copy of src (NULL stays NULL). */
static void set_str(char **dst, const char *src)
{
    free(*dst);
    *dst = src ? xstrdup(src) : NULL;
}

struct block *page_exercise(struct page *pg, const struct exercise *e,
                            const char *path)
{
    struct block *b = page_last_exercise(pg);

    if (!b || !b->name || strcmp(b->name, e->name) != 0) {
        b = new_block(pg, BLOCK_EXERCISE);
        b->name = xstrdup(e->name);
        b->title = xstrdup(e->title ? e->title : e->name);
        b->text = xstrdup(e->statement ? e->statement : "");
        b->solution = xstrdup(e->solution ? e->solution : "");
        b->path = xstrdup(path ? path : "");
        b->nhints = e->nhints;
        b->hints = xcalloc((size_t)e->nhints + 1, sizeof *b->hints);
        for (int i = 0; i < e->nhints; i++)
            b->hints[i] = xstrdup(e->hints[i] ? e->hints[i] : "");
    }
    if (e->status != EX_NONE) {
        b->status = (int)e->status;
        b->passed = e->passed;
        b->total = e->total;
        set_str(&b->message, e->message);
    }
    return b;
}

void page_code(struct page *pg, const char *code)
{
    new_block(pg, BLOCK_CODE)->text = xstrdup(code ? code : "");
}

void page_chart(struct page *pg, const struct chart *c)
{
    pg->charts = xrealloc(pg->charts, sizeof *pg->charts *
                          (size_t)(pg->ncharts + 1));
    pg->charts[pg->ncharts++] = chart_clone(c);
    pg->chart_sel = pg->ncharts - 1;
    if (pg->exploring)                  /* steady axes while it moves */
        page_hold_axes(pg, pg->ncharts - 1 - pg->base_charts,
                       pg->charts[pg->ncharts - 1]);
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
        page_adopt_axes(pg);            /* a new screen's own axes */
        return;
    }
    pg->keep_sel = pg->chart_sel >= pg->base_charts
                   ? pg->chart_sel - pg->base_charts : -1;
    truncate_blocks(pg, pg->base_blocks);
    truncate_charts(pg, pg->base_charts);
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

/* Lays out a quiz: question, numbered choices (a wrong one tried shows
 * why it is wrong), then the verdict and the explanation. */
static void push_quiz(struct stack *st, const struct page *pg,
                      const struct block *b, int w, const struct glyphs *g)
{
    char prefix[32], hint[160];
    int done = b->chosen != 0;

    push_text(st, "? ", COL_TITLE, ATTR_BOLD, b->text, w, g);
    for (int i = 0; i < b->nchoices; i++) {
        int fg = COL_DEFAULT, mark = ' ', tried = b->wrong & (1 << i);
        if (done && b->chosen > 0 && i + 1 == b->answer) {
            fg = COL_GOOD;
            mark = (int)g->check;
        } else if (tried) {
            fg = COL_BAD;
            mark = (int)g->cross;
        }
        snprintf(prefix, sizeof prefix, "%lc %d) ", (wint_t)mark, i + 1);
        push_text(st, prefix, fg, ATTR_BOLD, b->choices[i], w, g);
        if (tried && b->why && b->why[i])
            push_text(st, "     ", COL_DEFAULT, 0, b->why[i], w, g);
    }
    if (!done) {
        if (b->tries)
            snprintf(hint, sizeof hint, "%s", tr(pg, "Not quite. Try "
                     "again (a shows the answer, s skips).", "不对。再试一次"
                     "（a 显示答案，s 跳过）。"));
        else
            snprintf(hint, sizeof hint, tr(pg, "(press 1-%d to answer; a "
                     "shows the answer, s skips)", "（按 1-%d 作答；a 显示答"
                     "案，s 跳过）"), b->nchoices);
        push_text(st, "  ", b->tries ? COL_BAD : COL_DEFAULT, 0, hint, w, g);
        return;
    }
    if (b->chosen < 0) {
        snprintf(hint, sizeof hint, tr(pg, "Skipped. The answer is %d.",
                 "已跳过。答案是 %d。"), b->answer);
        push_text(st, "  ", COL_AXIS, ATTR_BOLD, hint, w, g);
    } else if (b->revealed) {
        snprintf(hint, sizeof hint, tr(pg, "The answer is %d.",
                 "答案是 %d。"), b->answer);
        push_text(st, "  ", COL_AXIS, ATTR_BOLD, hint, w, g);
    } else {
        snprintf(prefix, sizeof prefix, "  %lc ", (wint_t)g->check);
        push_text(st, prefix, COL_GOOD, ATTR_BOLD, b->tries
                  ? tr(pg, "Right, on a second try.", "对了，第二次答对。")
                  : tr(pg, "Right.", "答对了。"), w, g);
    }
    if (b->explain)
        push_text(st, "  ", COL_DEFAULT, 0, b->explain, w, g);
}

void exercise_verdict(int status, int passed, int total, const char *lang,
                      char *buf, size_t n)
{
    int zh = lang && strcmp(lang, "zh") == 0;

    if (status == EX_ERROR && total == 0)
        snprintf(buf, n, "%s", zh ? "还没有运行任何测试：" : "no test could "
                 "run yet:");
    else if (status == EX_ERROR)
        snprintf(buf, n, zh ? "通过 %d / %d 项测试后出错：" : "%d of %d tests "
                 "passed, then an error:", passed, total);
    else
        snprintf(buf, n, zh ? "通过 %d / %d 项测试；第一个没通过的：" : "%d of "
                 "%d tests passed; the first that failed:", passed, total);
}

/* Lays out a checker's message as it is (it quotes code), indented. */
static void raw_stack(struct stack *st, const char *text, int w)
{
    struct canvas cv;

    if (raw_render(text, w > 6 ? w - 2 : w, COL_DEFAULT, &cv) == 0)
        stack_push(st, cv, w > 6 ? 2 : 0);
}

/* Lays out code as it is, indented, in the code colour. */
static void push_code(struct stack *st, const char *code, int w)
{
    struct canvas cv;

    if (raw_render(code, w > 6 ? w - 4 : w, COL_CODE, &cv) == 0)
        stack_push(st, cv, w > 6 ? 4 : 0);
}

/* Lays out an exercise: title, statement, the student's file, the hints
 * shown, the last check's verdict, and the keys. */
static void push_exercise(struct stack *st, const struct page *pg,
                          const struct block *b, int w,
                          const struct glyphs *g)
{
    char line[256], *shown;

    snprintf(line, sizeof line, "%s", tr(pg, "Exercise: ", "练习："));
    push_text(st, line, COL_TITLE, ATTR_BOLD, b->title, w, g);
    push_text(st, NULL, 0, 0, b->text, w, g);
    snprintf(line, sizeof line, "%s", tr(pg, "Your file: ", "你的文件："));
    shown = workfile_shown(b->path);
    push_text(st, line, COL_AXIS, 0, shown, w, g);
    free(shown);
    for (int i = 0; i < b->shown && i < b->nhints; i++) {
        snprintf(line, sizeof line, tr(pg, "Hint %d/%d: ", "提示 %d/%d："),
                 i + 1, b->nhints);
        push_text(st, line, COL_TITLE, ATTR_BOLD, b->hints[i], w, g);
    }
    if (b->status == EX_PASS) {
        snprintf(line, sizeof line, "%lc ", (wint_t)g->check);
        push_text(st, line, COL_GOOD, ATTR_BOLD, b->message ? b->message
                  : tr(pg, "passed", "通过"), w, g);
    } else if (b->status == EX_FAIL || b->status == EX_ERROR) {
        char head[160];
        exercise_verdict(b->status, b->passed, b->total, pg->lang, head,
                         sizeof head);
        snprintf(line, sizeof line, "%lc ", (wint_t)g->cross);
        push_text(st, line, COL_BAD, ATTR_BOLD, head, w, g);
        if (b->message)
            raw_stack(st, b->message, w);
    }
    if (b->revealed) {
        push_text(st, NULL, 0, 0, tr(pg, "**Reference solution:**",
                                     "**参考答案：**"), w, g);
        push_code(st, b->solution, w);
    }
}

int page_render(const struct page *pg, int w, const struct glyphs *g,
                struct canvas *out, int *starts)
{
    struct stack st = { 0 };
    char prefix[16];
    int y = 0, rc = 0, *first = xcalloc((size_t)pg->nblocks + 1,
                                        sizeof *first);

    for (int i = 0; i < pg->nblocks; i++) {
        const struct block *b = &pg->blocks[i];
        struct canvas cv;

        first[i] = st.n;
        switch (b->kind) {
        case BLOCK_EXERCISE:
            push_exercise(&st, pg, b, w, g);
            break;
        case BLOCK_CODE:
            push_code(&st, b->text, w);
            break;
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
    first[pg->nblocks] = st.n;
    for (int k = 0; starts && k < pg->nblocks; k++)
        starts[k] = 0;
    for (int i = 0, k = 0; i < st.n; i++) {
        while (starts && k < pg->nblocks && first[k] == i)
            starts[k++] = y;
        y += st.p[i].cv.h;
        while (starts && i + 1 == st.n && k < pg->nblocks)
            starts[k++] = y;
    }
    free(first);
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
