/* SPDX-License-Identifier: MIT */
/* Chart frames: title, legend, axes, ticks and labels around a plot area. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "chart_int.h"

#define MIN_PW 10               /* plot size worth keeping the frame for */
#define MIN_PH 3

double axis_unit(const struct axis *a, double v)
{
    if (!isfinite(v))
        return NAN;
    if (a->log)
        return v > 0 ? log10(v) : NAN;
    return v;
}

/* Returns the fraction of the way u is from a->lo to a->hi (halved
 * first, so that the widest finite ranges do not overflow). */
static double axis_frac(const struct axis *a, double u)
{
    return (u / 2 - a->lo / 2) / (a->hi / 2 - a->lo / 2);
}

double axis_pos(const struct axis *a, double u, int n)
{
    double f = axis_frac(a, u);

    if (a->flip)
        f = 1 - f;
    return f * (n - 1);
}

int axis_cell(const struct axis *a, double u, int cells)
{
    double f, p;
    int c;

    if (cells <= 1 || !isfinite(u))
        return 0;
    if (a->edge) {
        f = axis_frac(a, u);
        if (a->flip)
            f = 1 - f;
        p = floor(f * cells);
        c = !(p >= 0) ? 0 : p >= cells ? cells - 1 : (int)p;
    } else {
        p = floor(axis_pos(a, u, cells * a->sub) + 0.5);
        if (!(p >= 0))
            p = 0;                      /* also NaN */
        if (p > cells * a->sub - 1)
            p = cells * a->sub - 1;
        c = (int)p / a->sub;
    }
    return c;
}

/* Sets up axis a to show the layout's axis as s says. */
static void axis_setup(struct axis *a, const struct axis_spec *s, int flip)
{
    memset(a, 0, sizeof *a);
    a->log = s->la->log;
    a->edge = s->edge;
    a->sub = s->sub > 0 ? s->sub : 1;
    a->flip = flip;
    a->lo = s->la->lo;
    a->hi = s->la->hi;
    a->t = s->la->t;
}

/* Returns the width of the widest tick label of a. */
static int ticks_width(const struct axis *a)
{
    char buf[64];
    int i, w, max = 0;

    for (i = 0; i < a->t.n; i++) {
        ticks_label(&a->t, a->t.values[i], buf, sizeof buf);
        w = text_width(buf);
        if (w > max)
            max = w;
    }
    return max;
}

/* Returns the display width of the legend (0 when it has no items). */
static int legend_width(const struct frame_spec *s)
{
    int i, w = 0;

    for (i = 0; i < s->nitems; i++)
        w += (i ? 2 : 0) + (int)wcslen(s->items[i].glyph) + 1
             + text_width(s->items[i].name);
    return w;
}

/* Returns v clamped to [lo, hi]. */
static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

int frame_layout(const struct frame_spec *s, const struct canvas *cv,
                 struct frame *f, char *err, size_t n)
{
    int W = cv->w, H = cv->h;
    int title = s->title && *s->title;
    int ylabel = s->ylabel && *s->ylabel;
    int xlabel = s->xlabel && *s->xlabel;
    int legend = s->nitems > 0;
    int axes = !s->no_axes, xticks = axes, yticks = axes;
    int right = s->right_w > 0;
    int lw = legend_width(s), yw = ylabel ? text_width(s->ylabel) : 0;
    int share, top, bottom, left, rw, rmargin, pw0, row;
    char buf[64];

    memset(f, 0, sizeof *f);
    for (;;) {
        share = legend && ylabel && yw + 2 + lw <= W;
        top = title + (share ? 1 : legend + ylabel);
        bottom = axes + xticks + xlabel;
        f->ph = H - top - bottom;
        axis_setup(&f->ay, &s->y, 1);
        left = axes ? 1 + (yticks ? ticks_width(&f->ay) : 0) : 0;
        rw = right ? s->right_w : 0;
        pw0 = W - left - rw;
        axis_setup(&f->ax, &s->x, 0);
        rmargin = 0;
        if (xticks && f->ax.t.n > 0) {
            ticks_label(&f->ax.t, f->ax.t.values[f->ax.t.n - 1], buf,
                        sizeof buf);
            rmargin = clampi(text_width(buf) / 2 - rw, 0, W);
        }
        f->pw = pw0 - rmargin;
        if (f->ph >= MIN_PH && f->pw >= MIN_PW)
            break;
        if (xlabel)
            xlabel = 0;
        else if (legend && !share)
            legend = 0;
        else if (ylabel)
            ylabel = 0;
        else if (legend)
            legend = 0;
        else if (title)
            title = 0;
        else if (xticks)
            xticks = 0;
        else if (yticks)
            yticks = 0;
        else if (right)
            right = 0;
        else if (axes)
            axes = 0;
        else
            break;
    }
    if (f->pw < 1 || f->ph < 1)
        return chart_fail(err, n, "chart area too small");
    row = 0;
    f->title_row = title ? row++ : -1;
    f->legend_row = legend ? row : -1;
    if (legend && !share)
        row++;
    f->ylabel_row = ylabel ? row++ : -1;
    if (legend && share)
        row = f->legend_row + 1;
    f->x0 = left;
    f->y0 = row;
    if (s->layout && s->layout->aspect > 0) {
        double pw, ph;                  /* keep the data's shape */

        layout_fit_aspect(s->layout, f->pw, f->ph, CELL_ASPECT, &pw, &ph);
        pw = fmax(1, floor(pw + 0.5));
        ph = fmax(1, floor(ph + 0.5));
        f->x0 += (f->pw - (int)pw) / 2;
        f->ylabel_x = (f->pw - (int)pw) / 2;
        f->y0 += (f->ph - (int)ph) / 2;
        f->pw = (int)pw;
        f->ph = (int)ph;
    }
    f->right_x = right ? f->x0 + f->pw : -1;
    f->axes = axes;
    f->xticks = xticks;
    f->yticks = yticks;
    f->xlabel_row = xlabel ? f->y0 + f->ph + axes + xticks : -1;
    return 0;
}

int frame_put_clipped(struct canvas *cv, int x, int y, const char *s,
                      int w, int fg, int attr, const struct glyphs *g)
{
    int used;

    if (w <= 0 || !s)
        return 0;
    if (text_width(s) <= w)
        return canvas_puts(cv, x, y, s, fg, attr, w);
    used = canvas_puts(cv, x, y, s, fg, attr, w - 1);
    return used + canvas_putc(cv, x + used, y, g->ellipsis, fg, attr);
}

int frame_centre(struct canvas *cv, int x, int w, int y, const char *s,
                 int fg, int attr, const struct glyphs *g)
{
    int tw = text_width(s), start = x;

    if (tw < w)
        start = x + (w - tw) / 2;
    if (start + tw > cv->w)
        start = cv->w - tw;
    if (start < 0)
        start = 0;
    frame_put_clipped(cv, start, y, s, cv->w - start, fg, attr, g);
    return start;
}

/* Draws the legend on row y ending at the right edge. */
static void draw_legend(const struct frame_spec *s, struct canvas *cv,
                        const struct glyphs *g, int y)
{
    int i, x = cv->w - legend_width(s);

    if (x < 0)
        x = 0;
    for (i = 0; i < s->nitems && x < cv->w; i++) {
        const wchar_t *gl = s->items[i].glyph;

        for (; *gl; gl++)       /* the sample, in the series' colour */
            x += canvas_putc(cv, x, y, *gl, s->items[i].fg, 0);
        x += 1;
        x += frame_put_clipped(cv, x, y, s->items[i].name, cv->w - x,
                               COL_LABEL, 0, g);
        x += 2;
    }
}

/* Returns the smallest stride k such that every k-th label fits without
 * overlap, given label starts st[] and widths w[] along one line
 * (horizontal: need a gap of one column; vertical: rows differ). */
static int label_stride(const int *st, const int *w, int n, int gap)
{
    int k, i, prev, ok;

    for (k = 1; k < n; k++) {
        ok = 1;
        prev = -1;
        for (i = 0; i < n && ok; i += k) {
            if (prev >= 0 && st[i] < st[prev] + w[prev] + gap)
                ok = 0;
            prev = i;
        }
        if (ok)
            return k;
    }
    return n > 0 ? n : 1;
}

/* Draws the y ticks and labels of f. */
static void draw_yticks(const struct frame *f, struct canvas *cv,
                        const struct glyphs *g)
{
    int st[TICKS_MAX] = { 0 }, w[TICKS_MAX] = { 0 }, k, i, n = 0;
    char buf[TICKS_MAX][64];

    for (i = f->ay.t.n - 1; i >= 0; i--) {  /* top row first */
        double u = axis_unit(&f->ay, f->ay.t.values[i]);

        if (isnan(u))
            continue;
        ticks_label(&f->ay.t, f->ay.t.values[i], buf[n], sizeof buf[n]);
        st[n] = f->y0 + axis_cell(&f->ay, u, f->ph);
        w[n] = 1;
        n++;
    }
    k = label_stride(st, w, n, 1);
    for (i = 0; i < n; i++) {
        if (f->axes)
            canvas_putc(cv, f->x0 - 1, st[i], g->tick_y, COL_AXIS, 0);
        if (f->yticks && i % k == 0) {
            int lw = text_width(buf[i]);

            canvas_puts(cv, f->x0 - 1 - lw, st[i], buf[i], COL_LABEL, 0, lw);
        }
    }
}

/* Draws the x ticks and labels of f. */
static void draw_xticks(const struct frame *f, struct canvas *cv,
                        const struct glyphs *g)
{
    int st[TICKS_MAX] = { 0 }, w[TICKS_MAX] = { 0 }, col[TICKS_MAX];
    int k, i, n = 0;
    char buf[TICKS_MAX][64];

    for (i = 0; i < f->ax.t.n; i++) {
        double u = axis_unit(&f->ax, f->ax.t.values[i]);

        if (isnan(u))
            continue;
        ticks_label(&f->ax.t, f->ax.t.values[i], buf[n], sizeof buf[n]);
        col[n] = f->x0 + axis_cell(&f->ax, u, f->pw);
        w[n] = text_width(buf[n]);
        st[n] = clampi(col[n] - w[n] / 2, 0, cv->w - w[n]);
        n++;
    }
    k = label_stride(st, w, n, 1);
    for (i = 0; i < n; i++) {
        canvas_putc(cv, col[i], f->y0 + f->ph, g->tick_x, COL_AXIS, 0);
        if (f->xticks && i % k == 0)
            canvas_puts(cv, st[i], f->y0 + f->ph + 1, buf[i], COL_LABEL, 0,
                        w[i]);
    }
}

void frame_draw(const struct frame_spec *s, const struct frame *f,
                struct canvas *cv, const struct glyphs *g)
{
    int i, lx = cv->w;

    if (f->title_row >= 0)
        frame_centre(cv, 0, cv->w, f->title_row, s->title, COL_TITLE,
                     ATTR_BOLD, g);
    if (f->legend_row >= 0) {
        draw_legend(s, cv, g, f->legend_row);
        if (f->legend_row == f->ylabel_row)
            lx = cv->w - legend_width(s) - 2;
    }
    if (f->ylabel_row >= 0)
        frame_put_clipped(cv, f->ylabel_x, f->ylabel_row, s->ylabel,
                          lx - f->ylabel_x, COL_LABEL, 0, g);
    if (f->axes) {
        for (i = 0; i < f->ph; i++)
            canvas_putc(cv, f->x0 - 1, f->y0 + i, g->vline, COL_AXIS, 0);
        canvas_putc(cv, f->x0 - 1, f->y0 + f->ph, g->corner_bl, COL_AXIS, 0);
        for (i = 0; i < f->pw; i++)
            canvas_putc(cv, f->x0 + i, f->y0 + f->ph, g->hline, COL_AXIS, 0);
        draw_yticks(f, cv, g);
        draw_xticks(f, cv, g);
    }
    if (f->xlabel_row >= 0)
        frame_centre(cv, f->x0, f->pw, f->xlabel_row, s->xlabel, COL_LABEL,
                     0, g);
}

/* Appends the trace line of what frame f shows, with extra's bins and
 * levels. */
void frame_trace(const struct frame *f, const struct layout_shown *extra)
{
    struct layout_shown s = *extra;

    s.x0 = f->ax.lo;
    s.x1 = f->ax.hi;
    s.y0 = f->ay.lo;
    s.y1 = f->ay.hi;
    s.xt = &f->ax.t;
    s.yt = &f->ay.t;
    layout_trace("canvas", &s);
}
