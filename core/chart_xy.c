/* SPDX-License-Identifier: MIT */
/* Line and scatter plots: braille dots (or ASCII marks) in a frame. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "chart_int.h"

#define BRAILLE_BASE 0x2800

/* A plot area at dot resolution: 2 x 4 dots a cell in braille, 1 x 1 in
 * ASCII. */
struct dots {
    int pw, ph, sx, sy, dw, dh;
    uint8_t *bits;              /* braille dots of each cell */
    uint8_t *col;               /* colour of each cell, 0 = empty */
    wchar_t mark;               /* ASCII mark of the series being drawn */
    int fg;                     /* colour of the series being drawn */
    int run_x, run_lo, run_hi;  /* pending vertical run (-1: none) */
};

/* The braille bit of the dot in column c (0, 1) and row r (0 .. 3). */
static const uint8_t braille_bit[2][4] = {
    { 0x01, 0x02, 0x04, 0x40 },
    { 0x08, 0x10, 0x20, 0x80 },
};

/* Sets dot (x, y), which must be inside the plot. */
static void dot_set(struct dots *d, int x, int y)
{
    int braille = d->sx == 2;           /* 2 x 4 dots, else 1 x 1 */
    size_t k = (size_t)(braille ? y >> 2 : y) * (size_t)d->pw
             + (size_t)(braille ? x >> 1 : x);

    if (braille)
        d->bits[k] |= braille_bit[x & 1][y & 3];
    else
        d->bits[k] = (uint8_t)d->mark;  /* index into the marks, see blit */
    d->col[k] = (uint8_t)d->fg;
}

/* Draws the pending vertical run and forgets it. */
static void run_flush(struct dots *d)
{
    int y;

    if (d->run_x >= 0)
        for (y = d->run_lo; y <= d->run_hi; y++)
            dot_set(d, d->run_x, y);
    d->run_x = -1;
}

/* Adds dots (x, y0) .. (x, y1) to the pending run, drawing the old run
 * first when it is in another column. */
static void run_add(struct dots *d, int x, int y0, int y1)
{
    int lo = y0 < y1 ? y0 : y1, hi = y0 < y1 ? y1 : y0;

    if (d->run_x != x) {
        run_flush(d);
        d->run_x = x;
        d->run_lo = lo;
        d->run_hi = hi;
        return;
    }
    if (lo < d->run_lo)
        d->run_lo = lo;
    if (hi > d->run_hi)
        d->run_hi = hi;
}

/* Draws the dots from (x0, y0) to (x1, y1) (Bresenham). */
static void bresenham(struct dots *d, int x0, int y0, int x1, int y1)
{
    int dx = abs(x1 - x0), dy = -abs(y1 - y0);
    int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
    int e = dx + dy, e2;

    for (;;) {
        dot_set(d, x0, y0);
        if (x0 == x1 && y0 == y1)
            break;
        e2 = 2 * e;
        if (e2 >= dy) {
            e += dy;
            x0 += sx;
        }
        if (e2 <= dx) {
            e += dx;
            y0 += sy;
        }
    }
}

/* Clips a segment to [lo, xhi] x [lo, yhi] (Liang-Barsky); returns 0 if
 * nothing of it is inside. */
static int clip(double *x0, double *y0, double *x1, double *y1, double lo,
                double xhi, double yhi)
{
    double dx = *x1 - *x0, dy = *y1 - *y0, t0 = 0, t1 = 1, r;
    double p[4], q[4];
    int k;

    p[0] = -dx; q[0] = *x0 - lo;
    p[1] = dx;  q[1] = xhi - *x0;
    p[2] = -dy; q[2] = *y0 - lo;
    p[3] = dy;  q[3] = yhi - *y0;
    for (k = 0; k < 4; k++) {
        if (p[k] == 0) {
            if (q[k] < 0)
                return 0;
            continue;
        }
        r = q[k] / p[k];
        if (p[k] < 0) {
            if (r > t1)
                return 0;
            if (r > t0)
                t0 = r;
        } else {
            if (r < t0)
                return 0;
            if (r < t1)
                t1 = r;
        }
    }
    *x1 = *x0 + t1 * dx;
    *y1 = *y0 + t1 * dy;
    *x0 = *x0 + t0 * dx;
    *y0 = *y0 + t0 * dy;
    return 1;
}

/* Returns position p rounded to a dot index in [0, n - 1]. */
static int dot_index(double p, int n)
{
    double r = floor(p + 0.5);

    return !(r >= 0) ? 0 : r > n - 1 ? n - 1 : (int)r;
}

/* Draws the segment between two dot positions.  Runs of segments inside
 * one dot column collapse into one vertical span, so a million points
 * cost a million steps, not a million lines. */
static void segment(struct dots *d, double x0, double y0, double x1,
                    double y1)
{
    int ix0, iy0, ix1, iy1;

    if (!clip(&x0, &y0, &x1, &y1, -0.5, d->dw - 0.5, d->dh - 0.5)) {
        run_flush(d);
        return;
    }
    ix0 = dot_index(x0, d->dw);
    iy0 = dot_index(y0, d->dh);
    ix1 = dot_index(x1, d->dw);
    iy1 = dot_index(y1, d->dh);
    if (ix0 == ix1) {
        run_add(d, ix0, iy0, iy1);
        return;
    }
    run_flush(d);
    bresenham(d, ix0, iy0, ix1, iy1);
    d->run_x = ix1;                     /* later same-column segments */
    d->run_lo = d->run_hi = iy1;
}

/* Draws one dot at a position if it is inside the plot. */
static void point(struct dots *d, double x, double y)
{
    if (x < -0.5 || x >= d->dw - 0.5 || y < -0.5 || y >= d->dh - 0.5)
        return;
    dot_set(d, dot_index(x, d->dw), dot_index(y, d->dh));
}

/* Draws series s; points only when points is set. */
static void draw_series(struct dots *d, const struct frame *f,
                        const struct chart_series *s, int points)
{
    size_t i, n = array_len(s->y);
    double px = 0, py = 0, fx, fy;
    int have = 0;

    d->run_x = -1;
    for (i = 0; i < n; i++) {
        double xv = s->x ? s->x->data[i] : (double)(i + 1);

        fx = axis_pos(&f->ax, axis_unit(&f->ax, xv), d->dw);
        fy = axis_pos(&f->ay, axis_unit(&f->ay, s->y->data[i]), d->dh);
        if (!isfinite(fx) || !isfinite(fy)) {
            run_flush(d);               /* a gap breaks the line */
            have = 0;
            continue;
        }
        if (points)
            point(d, fx, fy);
        else if (have)
            segment(d, px, py, fx, fy);
        else
            segment(d, fx, fy, fx, fy);
        px = fx;
        py = fy;
        have = 1;
    }
    run_flush(d);
}

/* Copies the dots into the canvas at the plot area of f. */
static void blit(const struct dots *d, const struct frame *f,
                 struct canvas *cv)
{
    int x, y;

    for (y = 0; y < d->ph; y++)
        for (x = 0; x < d->pw; x++) {
            size_t k = (size_t)y * (size_t)d->pw + (size_t)x;

            if (!d->col[k])
                continue;
            canvas_putc(cv, f->x0 + x, f->y0 + y,
                        d->sx == 2 ? (wchar_t)(BRAILLE_BASE + d->bits[k])
                                   : (wchar_t)d->bits[k],
                        d->col[k], 0);
        }
}

int chart_draw_xy(const struct chart *c, const struct chart_layout *L,
                  struct canvas *cv, const struct glyphs *g, char *err,
                  size_t n)
{
    struct legend_item items[64];
    struct frame_spec fs = { 0 };
    struct layout_shown shown = { .kind = c->kind };
    struct frame f;
    struct dots d = { 0 };
    int i, points;

    fs.title = c->title;
    fs.xlabel = c->xlabel;
    fs.ylabel = c->ylabel;
    if (!L->npoints)
        return chart_fail(err, n, c->ylog || c->xlog
                          ? "no point has positive values for a log axis"
                          : "no data: every point is NaN or infinite");
    fs.layout = L;
    fs.x.la = &L->x;
    fs.y.la = &L->y;
    fs.x.sub = g->unicode ? 2 : 1;
    fs.y.sub = g->unicode ? 4 : 1;
    for (i = 0; i < c->nseries && fs.nitems < 64; i++) {
        const struct chart_series *s = &c->series[i];
        struct legend_item *it = &items[fs.nitems];

        points = c->kind == CHART_SCATTER || s->style == STYLE_POINTS;
        if (!s->name || !*s->name)
            continue;
        it->name = s->name;
        it->fg = SERIES_COLOUR(i);
        it->glyph = !g->unicode ? g->series_mark[i % 6]
                    : points ? g->point : g->hline;
        fs.nitems++;
    }
    fs.items = items;
    if (frame_layout(&fs, cv, &f, err, n) < 0)
        return -1;
    d.pw = f.pw;
    d.ph = f.ph;
    d.sx = fs.x.sub;
    d.sy = fs.y.sub;
    d.dw = d.pw * d.sx;
    d.dh = d.ph * d.sy;
    d.bits = calloc((size_t)d.pw * (size_t)d.ph, 1);
    d.col = calloc((size_t)d.pw * (size_t)d.ph, 1);
    if (!d.bits || !d.col) {
        free(d.bits);
        free(d.col);
        return chart_fail(err, n, "out of memory");
    }
    for (i = 0; i < c->nseries; i++) {
        const struct chart_series *s = &c->series[i];

        points = c->kind == CHART_SCATTER || s->style == STYLE_POINTS;
        d.fg = SERIES_COLOUR(i);
        d.mark = g->series_mark[i % 6];
        draw_series(&d, &f, s, points);
    }
    blit(&d, &f, cv);
    frame_draw(&fs, &f, cv, g);
    frame_trace(&f, &shown);
    free(d.bits);
    free(d.col);
    return 0;
}
