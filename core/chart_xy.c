/* SPDX-License-Identifier: MIT */
/* Line and scatter plots: braille dots (or ASCII marks) in a frame. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chart_int.h"

#define BRAILLE_BASE 0x2800
#define OWNERS 4                /* series remembered per cell */
#define MARK_EVERY 12           /* columns between markers along a line */
#define VISITS 1024             /* cells remembered for a short line */

/* A plot area at dot resolution: 2 x 4 dots a cell in braille, 1 x 1 in
 * ASCII.  Every series adds its dots to the union in bits and its number
 * to the cells it touches (own); markers sit over whole cells. */
struct dots {
    int pw, ph, sx, sy, dw, dh;
    const struct glyphs *g;
    uint8_t *bits;              /* braille dots of each cell */
    int *own;                   /* OWNERS series + 1 per cell, 0 = none */
    wchar_t *mark;              /* a marker over the cell, 0 = none */
    uint8_t *mark_fg;
    uint8_t *col_done;          /* columns with a marker of this series */
    int series;                 /* the series being drawn */
    enum line_dash dash;
    unsigned long step;         /* dots along its path so far */
    int marked, off, nmarks;    /* line markers: on, column offset, count */
    int last_col, nvisit;
    int visit[VISITS];          /* cells the line entered, in order */
    int run_x, run_lo, run_hi;  /* pending vertical run (-1: none) */
};

/* The braille bit of the dot in column c (0, 1) and row r (0 .. 3). */
static const uint8_t braille_bit[2][4] = {
    { 0x01, 0x02, 0x04, 0x40 },
    { 0x08, 0x10, 0x20, 0x80 },
};

/* Puts the marker of the series being drawn over cell k. */
static void mark_cell(struct dots *d, size_t k)
{
    const struct series_look *l = series_look(d->series);

    d->mark[k] = d->g->unicode ? l->mark : l->ascii_mark;
    d->mark_fg[k] = (uint8_t)l->fg;
}

/* Notes that the line being drawn entered cell (cx, cy): a marker goes on
 * every MARK_EVERY-th column (shifted per series), once a column. */
static void line_visit(struct dots *d, int cx, int cy)
{
    size_t k = (size_t)cy * (size_t)d->pw + (size_t)cx;

    if (cx == d->last_col)
        return;
    d->last_col = cx;
    if (d->nvisit < VISITS)
        d->visit[d->nvisit++] = (int)k;
    if ((cx + d->off) % MARK_EVERY == 0 && !d->col_done[cx]) {
        d->col_done[cx] = 1;
        mark_cell(d, k);
        d->nmarks++;
    }
}

/* Sets dot (x, y), which must be inside the plot, unless the series'
 * line style leaves a gap there. */
static void dot_set(struct dots *d, int x, int y)
{
    int braille = d->sx == 2;           /* 2 x 4 dots, else 1 x 1 */
    int cx = braille ? x >> 1 : x, cy = braille ? y >> 2 : y, j;
    size_t k = (size_t)cy * (size_t)d->pw + (size_t)cx;
    int *own = &d->own[k * OWNERS];

    if (d->marked)
        line_visit(d, cx, cy);
    if (!look_dash_on(d->dash, d->step++))
        return;
    if (braille)
        d->bits[k] |= braille_bit[x & 1][y & 3];
    for (j = 0; j < OWNERS && own[j] && own[j] != d->series + 1; j++)
        ;
    if (j < OWNERS)
        own[j] = d->series + 1;         /* the series shares the cell */
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

/* Draws one point at a position if it is inside the plot: a dot, or the
 * series' marker over its cell when cells is set. */
static void point(struct dots *d, double x, double y, int cells)
{
    int ix, iy;

    if (x < -0.5 || x >= d->dw - 0.5 || y < -0.5 || y >= d->dh - 0.5)
        return;
    ix = dot_index(x, d->dw);
    iy = dot_index(y, d->dh);
    if (cells)
        mark_cell(d, (size_t)(iy / d->sy) * (size_t)d->pw
                     + (size_t)(ix / d->sx));
    else
        dot_set(d, ix, iy);
}

/* Draws series s: as a line, or as points (cell markers when cells). */
static void draw_series(struct dots *d, const struct frame *f,
                        const struct chart_series *s, int points, int cells)
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
            point(d, fx, fy, cells);
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

/* Draws line series i with its line style and, when marked, its marker
 * every MARK_EVERY columns (at least once, mid-way, on a short line). */
static void draw_line(struct dots *d, const struct frame *f,
                      const struct chart *c, int i, int marked, int nlines)
{
    d->series = i;
    d->dash = d->g->unicode ? series_look(i)->dash : DASH_SOLID;
    d->step = 0;
    d->marked = marked;
    d->off = MARK_EVERY / 2 + i * MARK_EVERY / (nlines > 0 ? nlines : 1);
    d->nmarks = d->nvisit = 0;
    d->last_col = -1;
    memset(d->col_done, 0, (size_t)d->pw);
    draw_series(d, f, &c->series[i], 0, 0);
    if (marked && !d->nmarks && d->nvisit)
        mark_cell(d, (size_t)d->visit[d->nvisit / 2]);
    d->marked = 0;
}

/* Returns the number of points of series s that fall inside the plot. */
static size_t points_shown(const struct frame *f, const struct dots *d,
                           const struct chart_series *s)
{
    size_t i, n = array_len(s->y), shown = 0;

    for (i = 0; i < n; i++) {
        double xv = s->x ? s->x->data[i] : (double)(i + 1);
        double fx = axis_pos(&f->ax, axis_unit(&f->ax, xv), d->dw);
        double fy = axis_pos(&f->ay, axis_unit(&f->ay, s->y->data[i]), d->dh);

        shown += fx >= -0.5 && fx < d->dw - 0.5 && fy >= -0.5
                 && fy < d->dh - 0.5;
    }
    return shown;
}

/* Returns 1 if the point series of c are drawn as cell markers: asked
 * for, or (auto) at most CELLS_MAX_POINTS points in all and no more than
 * one for every CELLS_PER_POINT cells of the plot. */
static int use_cells(const struct chart *c, const struct frame *f,
                     const struct dots *d, const size_t *count)
{
    size_t total = 0;
    int i;

    if (!d->g->unicode || c->marks == MARKS_DOTS)
        return 0;                       /* ASCII: a mark is a cell anyway */
    if (c->marks == MARKS_CELLS)
        return 1;
    for (i = 0; i < c->nseries; i++)
        total += count[i];
    return total <= CELLS_MAX_POINTS
           && total * CELLS_PER_POINT <= (size_t)f->pw * (size_t)f->ph;
}

/* Copies the dots into the canvas at the plot area of f: a cell several
 * series share shows all their dots, in the colour of each in turn along
 * the row (x + y), and markers go over everything. */
static void blit(const struct dots *d, const struct frame *f,
                 struct canvas *cv)
{
    int x, y, m;

    for (y = 0; y < d->ph; y++)
        for (x = 0; x < d->pw; x++) {
            size_t k = (size_t)y * (size_t)d->pw + (size_t)x;
            const int *own = &d->own[k * OWNERS];
            const struct series_look *l;

            if (d->mark[k]) {
                canvas_putc(cv, f->x0 + x, f->y0 + y, d->mark[k],
                            d->mark_fg[k], 0);
                continue;
            }
            for (m = 0; m < OWNERS && own[m]; m++)
                ;
            if (!m)
                continue;
            l = series_look(own[(x + y) % m] - 1);
            canvas_putc(cv, f->x0 + x, f->y0 + y,
                        d->sx == 2 ? (wchar_t)(BRAILLE_BASE + d->bits[k])
                                   : l->ascii_mark, l->fg, 0);
        }
}

/* Frees the buffers of d. */
static void dots_free(struct dots *d)
{
    free(d->bits);
    free(d->own);
    free(d->mark);
    free(d->mark_fg);
    free(d->col_done);
}

/* Returns 1 if series i of c is drawn as points. */
static int is_points(const struct chart *c, int i)
{
    return c->kind == CHART_SCATTER || c->series[i].style == STYLE_POINTS;
}

/* Returns 1 if the line series of c carry their markers (Unicode, more
 * than one series). */
static int lines_marked(const struct chart *c, const struct glyphs *g)
{
    return g->unicode && c->nseries > 1;
}

/* A point series and how many of its points show. */
struct by_count {
    size_t count;
    int series;
};

/* Orders point series by count, the most first, then by place. */
static int by_count_cmp(const void *a, const void *b)
{
    const struct by_count *p = a, *q = b;

    if (p->count != q->count)
        return p->count > q->count ? -1 : 1;
    return (p->series > q->series) - (p->series < q->series);
}

/* Paints every series of c into d.  Lines first, in order, each with its
 * line style (and its marker along it when the chart has several
 * series); then points, the series with the most first so that sparse
 * ones stay on top.  Returns 0, or -1 if out of memory. */
static int paint(const struct chart *c, const struct frame *f,
                 struct dots *d)
{
    struct by_count *pts = calloc((size_t)c->nseries + 1, sizeof *pts);
    size_t *count = calloc((size_t)c->nseries + 1, sizeof *count);
    int i, npts = 0, nlines = 0, cells, marked;

    if (!pts || !count) {
        free(pts);
        free(count);
        return -1;
    }
    for (i = 0; i < c->nseries; i++)
        if (is_points(c, i)) {
            count[i] = points_shown(f, d, &c->series[i]);
            pts[npts].count = count[i];
            pts[npts++].series = i;
        } else
            nlines++;
    marked = lines_marked(c, d->g);
    for (i = 0; i < c->nseries; i++)
        if (!is_points(c, i))
            draw_line(d, f, c, i, marked, nlines);
    cells = use_cells(c, f, d, count);
    qsort(pts, (size_t)npts, sizeof *pts, by_count_cmp);
    for (i = 0; i < npts; i++) {
        d->series = pts[i].series;
        d->dash = DASH_SOLID;
        draw_series(d, f, &c->series[pts[i].series], 1, cells);
    }
    free(pts);
    free(count);
    return 0;
}

int chart_draw_xy(const struct chart *c, const struct chart_layout *L,
                  struct canvas *cv, const struct glyphs *g, char *err,
                  size_t n)
{
    struct legend_item items[64];
    char names[64][CHART_NAME_MAX];
    struct frame_spec fs = { 0 };
    struct layout_shown shown = { .kind = c->kind };
    struct frame f;
    struct dots d = { 0 };
    size_t cells;
    int i;

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

        if (!s->name || !*s->name)
            continue;
        it->name = chart_series_name(c, i, names[fs.nitems],
                                     sizeof names[fs.nitems]);
        it->fg = SERIES_COLOUR(i);
        look_legend(i, is_points(c, i) ? USE_POINTS : lines_marked(c, g)
                    ? USE_LINE_MARKED : USE_LINE, g, it->glyph);
        fs.nitems++;
    }
    fs.items = items;
    if (frame_layout(&fs, cv, &f, err, n) < 0)
        return -1;
    d.g = g;
    d.pw = f.pw;
    d.ph = f.ph;
    d.sx = fs.x.sub;
    d.sy = fs.y.sub;
    d.dw = d.pw * d.sx;
    d.dh = d.ph * d.sy;
    cells = (size_t)d.pw * (size_t)d.ph;
    d.bits = calloc(cells, 1);
    d.own = calloc(cells * OWNERS, sizeof *d.own);
    d.mark = calloc(cells, sizeof *d.mark);
    d.mark_fg = calloc(cells, 1);
    d.col_done = calloc((size_t)d.pw, 1);
    if (!d.bits || !d.own || !d.mark || !d.mark_fg || !d.col_done
        || paint(c, &f, &d) < 0) {
        dots_free(&d);
        return chart_fail(err, n, "out of memory");
    }
    blit(&d, &f, cv);
    frame_draw(&fs, &f, cv, g);
    frame_trace(&f, &shown);
    dots_free(&d);
    return 0;
}
