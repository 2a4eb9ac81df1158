/* SPDX-License-Identifier: MIT */
/* Heatmaps: half blocks two grid rows a cell, contours, marker, colour bar. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chart_int.h"

#define BRAILLE_BASE 0x2800
#define SHADES 10               /* levels of g->shade */

/* One grid axis: how plot units map back to indices of x or y. */
struct grid_axis {
    const struct array *v;      /* coordinates, or NULL for 1 .. n */
    size_t n;
    double first, last;         /* plot units of index 0 and n - 1 */
};

/* The heatmap being drawn. */
struct heat {
    const struct chart *c;
    const struct chart_layout *L;
    const struct glyphs *g;
    struct frame f;
    struct grid_axis gx, gy;
    double zmin, zmax;
};

/* Returns coordinate k of a grid axis in data units. */
static double grid_coord(const struct grid_axis *ga, size_t k)
{
    return ga->v ? ga->v->data[k] : (double)(k + 1);
}

/* Sets up ga and the data range *lo, *hi of its finite (positive when
 * log) coordinates; returns 0 if there are none. */
static int grid_setup(struct grid_axis *ga, const struct array *v, size_t n,
                      int log, double *lo, double *hi)
{
    size_t k;

    ga->v = v;
    ga->n = n;
    *lo = INFINITY;
    *hi = -INFINITY;
    for (k = 0; k < n; k++) {
        double c = grid_coord(ga, k);

        if (!isfinite(c) || (log && c <= 0))
            continue;
        if (c < *lo)
            *lo = c;
        if (c > *hi)
            *hi = c;
    }
    if (*lo > *hi)
        return 0;
    ga->first = grid_coord(ga, 0);
    ga->last = grid_coord(ga, n - 1);
    if (!isfinite(ga->first) || !isfinite(ga->last)
        || (log && (ga->first <= 0 || ga->last <= 0))) {
        ga->first = *lo;                /* assume ascending */
        ga->last = *hi;
    }
    if (log) {
        ga->first = log10(ga->first);
        ga->last = log10(ga->last);
    }
    return 1;
}

/* Returns the fractional index of plot-unit u, or NaN outside the grid
 * (by more than half a step). */
static double grid_index(const struct grid_axis *ga, double u)
{
    double t;

    if (ga->n == 1 || ga->last == ga->first)
        return 0;
    t = (u - ga->first) / (ga->last - ga->first) * (double)(ga->n - 1);
    if (!(t >= -0.5 && t <= (double)ga->n - 0.5))
        return NAN;
    return t < 0 ? 0 : t > (double)(ga->n - 1) ? (double)(ga->n - 1) : t;
}

/* Returns the plot unit at fraction p (0 .. 1) along axis a, bottom-up
 * for the y axis (p = 0 is the top row). */
static double unit_at(const struct axis *a, double p)
{
    if (a->flip)
        p = 1 - p;
    return a->lo * (1 - p) + a->hi * p;
}

/* Returns z at fractions (px, py) of the plot by nearest neighbour, or
 * NaN. */
static double z_nearest(const struct heat *h, double px, double py)
{
    double tx = grid_index(&h->gx, unit_at(&h->f.ax, px));
    double ty = grid_index(&h->gy, unit_at(&h->f.ay, py));

    if (isnan(tx) || isnan(ty))
        return NAN;
    return h->c->z->data[(size_t)floor(ty + 0.5) * h->gx.n
                         + (size_t)floor(tx + 0.5)];
}

/* Returns the bilinear mix of corners a (0, 0), b (1, 0), c (0, 1) and
 * d (1, 1) at (fx, fy), weighting only the finite ones; NaN if none is. */
static double mix4(double a, double b, double c, double d, double fx,
                   double fy)
{
    double v[4] = { a, b, c, d }, sum = 0, wsum = 0;
    double w[4] = { (1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy,
                    fx * fy };
    int k;

    for (k = 0; k < 4; k++)
        if (isfinite(v[k]) && w[k] > 0) {
            sum += w[k] * v[k];
            wsum += w[k];
        }
    return wsum > 0 ? sum / wsum : NAN;
}

/* Returns z at fractions (px, py) of the plot by bilinear interpolation
 * of the finite neighbours, or NaN. */
static double z_bilinear(const struct heat *h, double px, double py)
{
    double tx = grid_index(&h->gx, unit_at(&h->f.ax, px));
    double ty = grid_index(&h->gy, unit_at(&h->f.ay, py));
    const double *z = h->c->z->data;
    size_t i0, j0, i1, j1, nx = h->gx.n;
    double fx, fy;

    if (isnan(tx) || isnan(ty))
        return NAN;
    j0 = (size_t)tx;
    i0 = (size_t)ty;
    j1 = j0 + 1 < nx ? j0 + 1 : j0;
    i1 = i0 + 1 < h->gy.n ? i0 + 1 : i0;
    fx = tx - (double)j0;
    fy = ty - (double)i0;
    return mix4(z[i0 * nx + j0], z[i0 * nx + j1], z[i1 * nx + j0],
                z[i1 * nx + j1], fx, fy);
}

/* Returns z quantised to 0 .. levels - 1, or -1 for NaN. */
static int quantise(const struct heat *h, double z, int levels)
{
    double t;

    if (!isfinite(z))
        return -1;
    if (h->zmax <= h->zmin)
        return levels / 2;
    t = floor((z / 2 - h->zmin / 2) / (h->zmax / 2 - h->zmin / 2) * levels);
    return !(t >= 0) ? 0 : t >= levels ? levels - 1 : (int)t;
}

/* Returns 1 if the colour half blocks are used (else shade characters). */
static int use_blocks(const struct glyphs *g)
{
    return g->unicode && !g->mono;
}

/* Draws one cell from the levels of its upper and lower halves (colour
 * blocks) or of its centre (shades). */
static void heat_cell(struct canvas *cv, const struct glyphs *g, int x,
                      int y, int up, int lo, int shade)
{
    struct cell *cl = canvas_at(cv, x, y);

    if (!cl)
        return;
    if (!use_blocks(g)) {
        if (shade < 0)
            return;
        canvas_putc(cv, x, y, g->shade[shade], g->mono ? COL_DEFAULT
                    : COL_HEAT0 + shade * HEAT_LEVELS / SHADES, 0);
        return;
    }
    if (up >= 0) {
        canvas_putc(cv, x, y, g->half_upper, COL_HEAT0 + up, 0);
        cl->bg = lo >= 0 ? COL_HEAT0 + lo : COL_DEFAULT;
    } else if (lo >= 0) {
        canvas_putc(cv, x, y, g->half_lower, COL_HEAT0 + lo, 0);
    }
}

/* Returns the shade (0 .. SHADES - 1) of z, or -1 for NaN.  With
 * contours the shades come in bands, one a contour level, so that the
 * edges between shades are the contour lines (a filled contour plot). */
static int shade_level(const struct heat *h, double z)
{
    int k = h->L->nlevels, b;

    if (k <= 0)
        return quantise(h, z, SHADES);
    b = layout_band(h->L, z);
    return b < 0 ? -1 : (b * (SHADES - 1) + k / 2) / k;
}

/* Draws the grid into the plot area. */
static void draw_grid(const struct heat *h, struct canvas *cv)
{
    const struct frame *f = &h->f;
    int x, y;

    for (y = 0; y < f->ph; y++)
        for (x = 0; x < f->pw; x++) {
            double px = (x + 0.5) / f->pw;
            int up = quantise(h, z_nearest(h, px, (2 * y + 0.5)
                                           / (2.0 * f->ph)), HEAT_LEVELS);
            int lo = quantise(h, z_nearest(h, px, (2 * y + 1.5)
                                           / (2.0 * f->ph)), HEAT_LEVELS);
            int sh = shade_level(h, z_nearest(h, px, (y + 0.5) / f->ph));

            heat_cell(cv, h->g, f->x0 + x, f->y0 + y, up, lo, sh);
        }
}

/* Returns the contour band of z (0 .. contours), or -1 for NaN. */
static int band(const struct heat *h, double z)
{
    return layout_band(h->L, z);
}

/* Overlays contour lines as braille dots where the band changes between
 * neighbouring dots (bilinear z), keeping the cell's colour behind. */
static void draw_contours(const struct heat *h, struct canvas *cv)
{
    static const uint8_t bit[2][4] = {
        { 0x01, 0x02, 0x04, 0x40 }, { 0x08, 0x10, 0x20, 0x80 },
    };
    const struct frame *f = &h->f;
    int dw = f->pw * 2, dh = f->ph * 4, x, y;
    int *b = malloc((size_t)dw * (size_t)dh * sizeof *b);
    uint8_t *bits = calloc((size_t)f->pw * (size_t)f->ph, 1);

    if (!b || !bits)
        goto out;
    for (y = 0; y < dh; y++)
        for (x = 0; x < dw; x++)
            b[y * dw + x] = band(h, z_bilinear(h, (x + 0.5) / dw,
                                               (y + 0.5) / dh));
    for (y = 0; y < dh; y++)
        for (x = 0; x < dw; x++) {
            int k = b[y * dw + x], r = x + 1 < dw ? b[y * dw + x + 1] : -1;
            int d = y + 1 < dh ? b[(y + 1) * dw + x] : -1;

            if (k >= 0 && ((r >= 0 && r != k) || (d >= 0 && d != k)))
                bits[(y / 4) * f->pw + x / 2] |= bit[x & 1][y & 3];
        }
    for (y = 0; y < f->ph; y++)
        for (x = 0; x < f->pw; x++) {
            struct cell *cl = canvas_at(cv, f->x0 + x, f->y0 + y);
            uint8_t v = bits[y * f->pw + x];

            if (!v || !cl)
                continue;
            if (cl->ch == h->g->half_lower || cl->ch == h->g->half_upper)
                cl->bg = cl->fg;        /* the colour stays behind */
            cl->ch = (wchar_t)(BRAILLE_BASE + v);
            cl->fg = COL_DEFAULT;
            cl->attr = ATTR_BOLD;
        }
out:
    free(b);
    free(bits);
}

/* Draws the marker at (mark_x, mark_y) if it is inside the plot. */
static void draw_marker(const struct heat *h, struct canvas *cv)
{
    const struct frame *f = &h->f;
    double ux = axis_unit(&f->ax, h->c->mark_x);
    double uy = axis_unit(&f->ay, h->c->mark_y);

    if (isnan(ux) || isnan(uy) || ux < f->ax.lo || ux > f->ax.hi
        || uy < f->ay.lo || uy > f->ay.hi)
        return;
    canvas_putc(cv, f->x0 + axis_cell(&f->ax, ux, f->pw),
                f->y0 + axis_cell(&f->ay, uy, f->ph), h->g->marker,
                COL_DEFAULT, ATTR_BOLD);
}

/* Draws the colour bar and its labels in the right area. */
static void draw_colour_bar(const struct heat *h, struct canvas *cv)
{
    const struct frame *f = &h->f;
    int x = f->right_x + 1, y, i, sub = 2 * f->ph;
    char buf[32];

    for (y = 0; y < f->ph; y++) {
        int up = (sub - 1 - 2 * y) * HEAT_LEVELS / sub;
        int lo = (sub - 2 - 2 * y) * HEAT_LEVELS / sub;
        double t = f->ph > 1 ? (double)(f->ph - 1 - y) / (f->ph - 1) : 1;
        int sh = shade_level(h, h->zmin + t * (h->zmax - h->zmin));

        for (i = 0; i < 2; i++)
            heat_cell(cv, h->g, x + i, f->y0 + y, up, lo, sh);
    }
    value_label(h->zmax, 3, buf, sizeof buf);
    canvas_puts(cv, x + 3, f->y0, buf, COL_LABEL, 0, -1);
    value_label(h->zmin, 3, buf, sizeof buf);
    canvas_puts(cv, x + 3, f->y0 + f->ph - 1, buf, COL_LABEL, 0, -1);
    if (f->ph >= 7) {
        value_label(h->zmin / 2 + h->zmax / 2, 3, buf, sizeof buf);
        canvas_puts(cv, x + 3, f->y0 + (f->ph - 1) / 2, buf, COL_LABEL, 0,
                    -1);
    }
}

int chart_draw_heatmap(const struct chart *c, const struct chart_layout *L,
                       struct canvas *cv, const struct glyphs *g, char *err,
                       size_t n)
{
    struct frame_spec fs = { 0 };
    struct layout_shown shown = { .kind = CHART_HEATMAP };
    struct heat h;
    char a[32], b[32];
    double lo, hi;
    int wa, wb;

    memset(&h, 0, sizeof h);
    h.c = c;
    h.L = L;
    h.g = g;
    if (!L->zfinite)
        return chart_fail(err, n, "heatmap: z has no finite values");
    h.zmin = L->zmin;
    h.zmax = L->zmax;
    if (!grid_setup(&h.gx, c->hx, c->z->cols, c->xlog, &lo, &hi))
        return chart_fail(err, n, "heatmap: x has no usable values");
    if (!grid_setup(&h.gy, c->hy, c->z->rows, c->ylog, &lo, &hi))
        return chart_fail(err, n, "heatmap: y has no usable values");
    fs.title = c->title;
    fs.xlabel = c->xlabel;
    fs.ylabel = c->ylabel;
    fs.layout = L;
    fs.x.la = &L->x;
    fs.y.la = &L->y;
    fs.x.edge = fs.y.edge = 1;
    value_label(h.zmax, 3, a, sizeof a);
    value_label(h.zmin, 3, b, sizeof b);
    wa = text_width(a);
    wb = text_width(b);
    fs.right_w = 1 + 2 + 1 + (wa > wb ? wa : wb) + 2;
    if (frame_layout(&fs, cv, &h.f, err, n) < 0)
        return -1;
    draw_grid(&h, cv);
    if (L->nlevels > 0 && use_blocks(g))
        draw_contours(&h, cv);
    draw_marker(&h, cv);
    if (h.f.right_x >= 0)
        draw_colour_bar(&h, cv);
    frame_draw(&fs, &h.f, cv, g);
    shown.z0 = h.zmin;
    shown.z1 = h.zmax;
    shown.nlevels = L->nlevels;
    shown.levels = L->levels;
    frame_trace(&h.f, &shown);
    return 0;
}
