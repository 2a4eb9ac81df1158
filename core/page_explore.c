/* SPDX-License-Identifier: MIT */
/* The explore screen's part of a page: its controls, laid out, and the
 * chart axes it holds steady while they move.  No curses here. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_layout.h"
#include "page.h"
#include "util.h"

void page_sliders(struct page *pg, const struct slider *s, int n)
{
    for (int i = 0; i < pg->nsliders; i++) {
        struct slider *c = &pg->sliders[i];
        free((char *)c->name);
        free((char *)c->label);
        for (int k = 0; k < c->nchoices; k++)
            free((char *)c->choices[k]);
        free(c->choices);
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
        struct slider *c = &pg->sliders[i];
        *c = s[i];
        c->name = xstrdup(s[i].name ? s[i].name : "?");
        c->label = s[i].label ? xstrdup(s[i].label) : NULL;
        c->nchoices = s[i].kind == SLIDER_CHOICE ? s[i].nchoices : 0;
        c->choices = xcalloc((size_t)c->nchoices + 1, sizeof *c->choices);
        for (int k = 0; k < c->nchoices; k++)
            c->choices[k] = xstrdup(s[i].choices[k] ? s[i].choices[k]
                                                    : "?");
    }
    pg->nsliders = n;
    if (pg->slider_sel >= n)
        pg->slider_sel = n - 1;
}

void page_hold_axes(struct page *pg, int k, struct chart *c)
{
    struct held_axes *h;
    struct extent e;
    int found, want;

    if (k < 0 || k >= 256)
        return;
    found = chart_data_extent(c, &e);
    want = found & ~((c->has_xrange ? EXTENT_X : 0) |
                     (c->has_yrange ? EXTENT_Y : 0));
    if (!want)
        return;                         /* nothing to hold, or its own */
    if (k >= pg->nheld) {
        pg->held = xrealloc(pg->held, sizeof *pg->held * (size_t)(k + 1));
        memset(pg->held + pg->nheld, 0,
               sizeof *pg->held * (size_t)(k + 1 - pg->nheld));
        pg->nheld = k + 1;
    }
    h = &pg->held[k];
    if (h->kind != (int)c->kind + 1 || h->xlog != c->xlog ||
        h->ylog != c->ylog || h->axes != want) {
        *h = (struct held_axes){ (int)c->kind + 1, c->xlog, c->ylog, want,
                                 e };
    } else {                            /* grow to the new data, never */
        h->e.xmin = fmin(h->e.xmin, e.xmin);        /* shrink */
        h->e.xmax = fmax(h->e.xmax, e.xmax);
        h->e.ymin = fmin(h->e.ymin, e.ymin);
        h->e.ymax = fmax(h->e.ymax, e.ymax);
    }
    if (want & EXTENT_X) {
        c->has_xrange = 1;
        layout_range(c->kind, c->xlog, h->e.xmin, h->e.xmax, &c->xmin,
                     &c->xmax);
    }
    if (want & EXTENT_Y) {
        c->has_yrange = 1;
        layout_range(c->kind, c->ylog, h->e.ymin, h->e.ymax, &c->ymin,
                     &c->ymax);
    }
}

void page_fit_axes(struct page *pg)
{
    for (int k = 0; pg->exploring && k < pg->nheld; k++) {
        struct chart *c;
        int held = pg->held[k].axes;

        if (!pg->held[k].kind || pg->base_charts + k >= pg->ncharts)
            continue;
        c = pg->charts[pg->base_charts + k];
        if (held & EXTENT_X)
            c->has_xrange = 0;
        if (held & EXTENT_Y)
            c->has_yrange = 0;
        pg->held[k].kind = 0;
        page_hold_axes(pg, k, c);
    }
}

void page_carry_axes(struct page *pg)
{
    free(pg->carry);
    pg->carry = pg->held;
    pg->ncarry = pg->nheld;
    pg->held = NULL;
    pg->nheld = 0;
}

void page_adopt_axes(struct page *pg)
{
    free(pg->held);
    pg->held = pg->carry;
    pg->nheld = pg->ncarry;
    pg->carry = NULL;
    pg->ncarry = 0;
}

/* Returns what a control is called on screen. */
static const char *slider_name(const struct slider *s)
{
    return s->label ? s->label : s->name;
}

/* Writes a slider's value and range into buf ("" for other controls),
 * the value padded to line up in a column when pad is set. */
static void slider_value(const struct slider *s, int pad, char *buf,
                         size_t n)
{
    if (s->kind == SLIDER_NUMBER)
        snprintf(buf, n, pad ? "%-8.4g [%g, %g]" : "%.4g  [%g, %g]",
                 s->value, s->min, s->max);
    else
        buf[0] = '\0';
}

/* Returns the name of option i of a choice or a switch, in lang. */
static const char *option(const struct page *pg, const struct slider *s,
                          int i)
{
    int zh = pg->lang && strcmp(pg->lang, "zh") == 0;

    if (s->kind == SLIDER_BOOL)
        return i ? (zh ? "开" : "on") : (zh ? "关" : "off");
    return s->choices[i];
}

/* Returns the options of a choice or a switch. */
static int noptions(const struct slider *s)
{
    return s->kind == SLIDER_BOOL ? 2 : s->nchoices;
}

/* Returns the width of a choice's or a switch's strip with every name
 * ("off  [on]"). */
static int strip_width(const struct page *pg, const struct slider *s)
{
    int w = 0;

    for (int i = 0; i < noptions(s); i++)
        w += text_width(option(pg, s, i)) + 2 + (i ? 1 : 0);
    return w;
}

/* Draws a choice or a switch at (x, y) in w columns: every name, the
 * chosen one in brackets; when they do not fit, the chosen one between
 * arrows with its number ("‹ CE › 2/3"). */
static void draw_strip(const struct page *pg, const struct slider *s,
                       struct canvas *out, int x, int y, int w, int sel,
                       const struct glyphs *g)
{
    int cur = (int)s->value, n = noptions(s), end = x + w;

    if (strip_width(pg, s) <= w) {
        for (int i = 0; i < n; i++) {
            int on = i == cur;
            if (i)
                x++;
            x += canvas_putc(out, x, y, on ? L'[' : L' ', COL_AXIS, 0);
            x += canvas_puts(out, x, y, option(pg, s, i),
                             on ? COL_SERIES1 : COL_AXIS,
                             on ? ATTR_BOLD : (sel ? 0 : ATTR_DIM), end - x);
            x += canvas_putc(out, x, y, on ? L']' : L' ', COL_AXIS, 0);
        }
        return;
    }
    {
        char num[32];
        snprintf(num, sizeof num, " %d/%d", cur + 1, n);
        x += canvas_putc(out, x, y, g->unicode ? L'‹' : L'<', COL_AXIS, 0);
        x++;
        x += canvas_puts(out, x, y, option(pg, s, cur), COL_SERIES1,
                         ATTR_BOLD, end - x - text_width(num) - 2);
        x++;
        x += canvas_putc(out, x, y, g->unicode ? L'›' : L'>', COL_AXIS, 0);
        canvas_puts(out, x, y, num, COL_AXIS, 0, end - x);
    }
}

/* Draws a slider's track and knob at (x, y), barw cells between
 * brackets. */
static void draw_bar(const struct slider *s, struct canvas *out, int x,
                     int y, int barw, const struct glyphs *g)
{
    double f = s->max > s->min ? (s->value - s->min) / (s->max - s->min)
                               : 0;
    int pos = (int)(f * (barw - 1) + 0.5);

    canvas_putc(out, x++, y, L'[', COL_AXIS, 0);
    for (int k = 0; k < barw; k++) {
        wchar_t ch = k == pos ? (g->unicode ? L'●' : L'O')
                   : k < pos ? (g->unicode ? L'━' : L'=')
                             : (g->unicode ? L'─' : L'-');
        canvas_putc(out, x + k, y, ch, k <= pos ? COL_SERIES1 : COL_AXIS,
                    k == pos ? ATTR_BOLD : 0);
    }
    canvas_putc(out, x + barw, y, L']', COL_AXIS, 0);
}

/* Measures the panel: the widest name and value; returns the bar width
 * a one-row layout leaves at width w. */
static int measure(const struct page *pg, int w, int *namew, int *valw)
{
    char val[96];

    *namew = *valw = 0;
    for (int i = 0; i < pg->nsliders; i++) {
        int nw = text_width(slider_name(&pg->sliders[i]));
        slider_value(&pg->sliders[i], 1, val, sizeof val);
        if (nw > *namew)
            *namew = nw;
        if (text_width(val) > *valw)
            *valw = text_width(val);
    }
    return w - 2 - *namew - 1 - 2 - (*valw ? *valw + 1 : 0);
}

int page_sliders_rows(const struct page *pg, int w, int avail)
{
    int namew, valw, barw = measure(pg, w, &namew, &valw), wide = 1;

    for (int i = 0; i < pg->nsliders; i++) {
        const struct slider *s = &pg->sliders[i];
        if (s->kind == SLIDER_NUMBER ? barw < SLIDER_MIN_W
                                     : strip_width(pg, s) > w - 3 - namew)
            wide = 0;
    }
    if (wide || avail < 2 * pg->nsliders)
        return pg->nsliders;
    return 2 * pg->nsliders;
}

int page_render_sliders(const struct page *pg, int w, int rows,
                        const struct glyphs *g, struct canvas *out)
{
    int namew, valw, barw = measure(pg, w, &namew, &valw);
    int two = pg->nsliders > 0 && rows >= 2 * pg->nsliders;
    char val[96];

    if (canvas_init(out, w, rows > 0 ? rows : 1) < 0)
        return -1;
    if (barw < 4)
        barw = 4;
    for (int i = 0; i < pg->nsliders; i++) {
        const struct slider *s = &pg->sliders[i];
        int sel = i == pg->slider_sel, attr = sel ? ATTR_BOLD : 0;
        int y = two ? 2 * i : i, x = 0;

        slider_value(s, !two, val, sizeof val);
        x += canvas_putc(out, x, y, sel ? (g->unicode ? L'▸' : L'>') : L' ',
                         COL_TITLE, ATTR_BOLD);
        x++;
        if (two) {                      /* name, value; below them the */
            int room = w - x - (*val ? text_width(val) + 2 : 0); /* slider */
            if (room < 6)               /* the value keeps its place, the */
                room = w - x;           /* name is cut with an ellipsis */
            x += canvas_puts_fit(out, x, y, slider_name(s),
                                 sel ? COL_TITLE : COL_LABEL, attr, room,
                                 g->ellipsis) + 2;
            canvas_puts(out, x, y, val, sel ? COL_TITLE : COL_DEFAULT, attr,
                        w - x);
            if (s->kind == SLIDER_NUMBER)
                draw_bar(s, out, 2, y + 1, w - 4 > 4 ? w - 4 : 4, g);
            else
                draw_strip(pg, s, out, 2, y + 1, w - 2, sel, g);
            continue;
        }
        canvas_puts(out, x, y, slider_name(s), sel ? COL_TITLE : COL_LABEL,
                    attr, namew);
        x += namew + 1;
        if (s->kind != SLIDER_NUMBER) {
            draw_strip(pg, s, out, x, y, w - x, sel, g);
            continue;
        }
        draw_bar(s, out, x, y, barw, g);
        x += barw + 3;
        canvas_puts(out, x, y, val, sel ? COL_TITLE : COL_DEFAULT, attr, -1);
    }
    return 0;
}
