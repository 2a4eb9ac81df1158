/* SPDX-License-Identifier: MIT */
/* A heatmap in SVG: a rect per grid cell, contour lines and a colour bar. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export_impl.h"
#include "ticks.h"

#define BAR_W 14                /* colour bar width, px */
#define BAR_GAP 16              /* between the plot area and the bar */

/* viridis at 0, 1/8, ..., 1 (perceptually uniform, colour-blind safe) */
static const unsigned char viridis[9][3] = {
    { 0x44, 0x01, 0x54 }, { 0x47, 0x2d, 0x7b }, { 0x3b, 0x52, 0x8b },
    { 0x2c, 0x72, 0x8e }, { 0x21, 0x90, 0x8c }, { 0x27, 0xad, 0x81 },
    { 0x5d, 0xc8, 0x63 }, { 0xaa, 0xdc, 0x32 }, { 0xfd, 0xe7, 0x25 }
};

/* The data range of the grid. */
struct zrange {
    double lo, hi;
    size_t finite;              /* number of finite values */
};

/* Writes the viridis colour of t in [0, 1] as "#rrggbb" into buf.
 * Returns buf. */
static char *heat_colour(double t, char *buf, size_t n)
{
    double s;
    int k, ch, rgb[3];

    if (!(t > 0))
        t = 0;
    if (t > 1)
        t = 1;
    s = t * 8;
    k = (int)s;
    if (k > 7)
        k = 7;
    s -= k;
    for (ch = 0; ch < 3; ch++)
        rgb[ch] = (int)lround(viridis[k][ch] * (1 - s)
                              + viridis[k + 1][ch] * s);
    snprintf(buf, n, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
    return buf;
}

/* Returns z's position in the range, 0 to 1 (0.5 for a flat grid). */
static double zpos(const struct zrange *zr, double z)
{
    if (!(zr->hi > zr->lo))
        return 0.5;
    return (z / 2 - zr->lo / 2) / (zr->hi / 2 - zr->lo / 2);
}

/* Fills e[0 .. n] with the transformed edges of n cells centred on
 * get(c, k) (half way between centres; a lone cell fills the axis). */
static void cell_edges(const struct chart *c, const struct svg_axis *a,
                       size_t n, double (*get)(const struct chart *, size_t),
                       double *e)
{
    size_t k;

    for (k = 1; k < n; k++)
        e[k] = (svg_ax_t(a, get(c, k - 1)) + svg_ax_t(a, get(c, k))) / 2;
    if (n == 1) {
        e[0] = a->t0;
        e[1] = a->t1;
    } else if (n > 1) {
        e[0] = 2 * svg_ax_t(a, get(c, 0)) - e[1];
        e[n] = 2 * svg_ax_t(a, get(c, n - 1)) - e[n - 1];
    }
}

/* Writes a rect per cell with a finite value in the plot area, coloured
 * by its value. */
static void draw_cells(struct svg *s, const struct zrange *zr,
                       const double *ex, const double *ey, size_t rows,
                       size_t cols)
{
    char col[8];
    size_t i, j;

    fputs("<g shape-rendering=\"crispEdges\">\n", s->f);
    for (i = 0; i < rows; i++) {
        double y0 = svg_ax_tpx(&s->y, ey[i]);
        double y1 = svg_ax_tpx(&s->y, ey[i + 1]);

        for (j = 0; j < cols; j++) {
            double z = s->c->z->data[i * cols + j];
            double x0 = svg_ax_tpx(&s->x, ex[j]);
            double x1 = svg_ax_tpx(&s->x, ex[j + 1]);

            if (!isfinite(z) || isnan(x0) || isnan(x1) || isnan(y0)
                || isnan(y1) || fmax(x0, x1) < s->l || fmin(x0, x1) > s->r
                || fmax(y0, y1) < s->t || fmin(y0, y1) > s->b)
                continue;       /* no value, or outside the plot area */
            svg_open_rect(s->f, fmin(x0, x1), fmin(y0, y1), fabs(x1 - x0),
                          fabs(y1 - y0));
            fprintf(s->f, " fill=\"%s\"/>\n",
                    heat_colour(zpos(zr, z), col, sizeof col));
        }
    }
    fputs("</g>\n", s->f);
}

/* Sets q to the point where the level crosses the edge from corner a to
 * corner b. */
static void cross(double level, const double a[3], const double b[3],
                  double q[2])
{
    double t = (level - a[2]) / (b[2] - a[2]);

    q[0] = a[0] + t * (b[0] - a[0]);
    q[1] = a[1] + t * (b[1] - a[1]);
}

/* Writes the part of segment p-q inside the plot area as "M x y L x y"
 * to f (if not NULL).  Returns 1 if some of it is inside, else 0. */
static int put_segment(struct svg *s, FILE *f, const double p[2],
                       const double q[2], size_t n)
{
    double box[4] = { s->l - 2, s->t - 2, s->r + 2, s->b + 2 }, u0, u1;

    if (!svg_clip_segment(box, p[0], p[1], q[0], q[1], &u0, &u1))
        return 0;
    if (f) {
        fputs(n % 6 ? " M" : "\nM", f);
        svg_put_px(f, p[0] + u0 * (q[0] - p[0]));
        fputc(' ', f);
        svg_put_px(f, p[1] + u0 * (q[1] - p[1]));
        fputs(" L", f);
        svg_put_px(f, p[0] + u1 * (q[0] - p[0]));
        fputc(' ', f);
        svg_put_px(f, p[1] + u1 * (q[1] - p[1]));
    }
    return 1;
}

/* Writes the path data of the contour at level through the grid to f
 * (marching squares; saddles resolved by the cell's mean), or only counts
 * it when f is NULL.  Returns the number of segments. */
static size_t draw_level(struct svg *s, FILE *f, double level,
                         const double *cx, const double *cy, size_t rows,
                         size_t cols)
{
    /* edges crossed by each case: 0 top, 1 right, 2 bottom, 3 left */
    static const signed char seg[16][4] = {
        { -1 }, { 3, 0, -1 }, { 0, 1, -1 }, { 3, 1, -1 },
        { 1, 2, -1 }, { 3, 0, 1, 2 }, { 0, 2, -1 }, { 3, 2, -1 },
        { 2, 3, -1 }, { 0, 2, -1 }, { 0, 1, 2, 3 }, { 1, 2, -1 },
        { 1, 3, -1 }, { 0, 1, -1 }, { 3, 0, -1 }, { -1 }
    };
    /* the saddles 5 and 10 when the middle is above the level */
    static const signed char high[2][4] = { { 0, 1, 2, 3 }, { 3, 0, 1, 2 } };
    const double *z = s->c->z->data;
    size_t i, j, n = 0;
    int k;

    for (i = 0; i + 1 < rows; i++)
        for (j = 0; j + 1 < cols; j++) {
            /* corners a (i, j), b (i, j+1), c (i+1, j+1), d (i+1, j) */
            double p[4][3] = {
                { cx[j], cy[i], z[i * cols + j] },
                { cx[j + 1], cy[i], z[i * cols + j + 1] },
                { cx[j + 1], cy[i + 1], z[(i + 1) * cols + j + 1] },
                { cx[j], cy[i + 1], z[(i + 1) * cols + j] }
            };
            const signed char *e;
            int m = 0;

            for (k = 0; k < 4; k++) {
                if (!isfinite(p[k][0]) || !isfinite(p[k][1])
                    || !isfinite(p[k][2]))
                    break;
                m |= (p[k][2] > level) << k;
            }
            if (k < 4 || m == 0 || m == 15)
                continue;
            e = seg[m];
            if ((m == 5 || m == 10)
                && (p[0][2] / 4 + p[1][2] / 4 + p[2][2] / 4 + p[3][2] / 4)
                   > level)
                e = high[m == 10];
            for (k = 0; k < 4 && e[k] >= 0; k += 2) {
                double q0[2], q1[2];

                cross(level, p[e[k]], p[(e[k] + 1) % 4], q0);
                cross(level, p[e[k + 1]], p[(e[k + 1] + 1) % 4], q1);
                n += (size_t)put_segment(s, f, q0, q1, n);
            }
        }
    return n;
}

/* Writes contour lines at the layout's levels; cx and cy have room for
 * the pixels of the columns and rows. */
static void draw_contours(struct svg *s, size_t rows, size_t cols,
                          double *cx, double *cy)
{
    size_t i;
    int k;

    for (i = 0; i < cols; i++)
        cx[i] = svg_ax_px(&s->x, export_heat_x(s->c, i));
    for (i = 0; i < rows; i++)
        cy[i] = svg_ax_px(&s->y, export_heat_y(s->c, i));
    fputs("<g fill=\"none\" stroke=\"#ffffff\" stroke-opacity=\"0.8\" "
          "stroke-width=\"0.9\">\n", s->f);
    for (k = 0; k < s->L->nlevels; k++) {
        double level = s->L->levels[k];

        if (!draw_level(s, NULL, level, cx, cy, rows, cols))
            continue;           /* no path for a level with no line */
        fputs("<path d=\"", s->f);
        draw_level(s, s->f, level, cx, cy, rows, cols);
        fputs("\"/>\n", s->f);
    }
    fputs("</g>\n", s->f);
}

/* Writes the marker (a cross with a white halo) if the chart has one. */
static void draw_marker(struct svg *s)
{
    double x = svg_ax_px(&s->x, s->c->mark_x);
    double y = svg_ax_px(&s->y, s->c->mark_y);
    int k;

    if (isnan(x) || isnan(y) || x < s->l || x > s->r || y < s->t
        || y > s->b)
        return;
    fputs("<g fill=\"none\" stroke-linecap=\"round\">\n", s->f);
    for (k = 0; k < 2; k++) {
        fputs("<path d=\"M", s->f);
        svg_put_px(s->f, x - 6);
        fputc(' ', s->f);
        svg_put_px(s->f, y);
        fputs(" H", s->f);
        svg_put_px(s->f, x + 6);
        fputs(" M", s->f);
        svg_put_px(s->f, x);
        fputc(' ', s->f);
        svg_put_px(s->f, y - 6);
        fputs(" V", s->f);
        svg_put_px(s->f, y + 6);
        fprintf(s->f, "\" stroke=\"%s\" stroke-width=\"%s\"/>\n",
                k ? "#d62728" : "#ffffff", k ? "2" : "4.5");
    }
    fputs("</g>\n", s->f);
}

/* Writes a label at the right of the colour bar at pixel y. */
static void bar_label(struct svg *s, double y, const char *text)
{
    double x = s->r + BAR_GAP + BAR_W;

    svg_put_line(s->f, x, y, x + 3, y);
    svg_put_text(s->f, x + 6, y + 4, 11, "start", "stroke=\"none\"", text);
}

/* Returns the width in px of the colour bar's widest label. */
static double bar_labels_w(const struct zrange *zr, const struct ticks *tk)
{
    char buf[64];
    double w;
    int i;

    value_label(zr->lo, 4, buf, sizeof buf);
    w = svg_text_w(buf, 11);
    value_label(zr->hi, 4, buf, sizeof buf);
    w = fmax(w, svg_text_w(buf, 11));
    for (i = 0; i < tk->n; i++) {
        ticks_label(tk, tk->values[i], buf, sizeof buf);
        w = fmax(w, svg_text_w(buf, 11));
    }
    return w;
}

/* Writes the colour bar: a viridis gradient from min (bottom) to max
 * (top), min and max labelled, nice ticks between, contour levels
 * marked. */
static void draw_colour_bar(struct svg *s, const struct zrange *zr,
                            const struct ticks *tk, int levels)
{
    FILE *f = s->f;
    double x = s->r + BAR_GAP, h = s->b - s->t;
    char buf[64], col[8];
    int k;

    fputs("<defs><linearGradient id=\"nnt-viridis\" x1=\"0\" y1=\"1\" "
          "x2=\"0\" y2=\"0\">\n", f);
    for (k = 0; k < 9; k++)
        fprintf(f, "<stop offset=\"%d%%\" stop-color=\"%s\"/>\n",
                k * 100 / 8, heat_colour(k / 8.0, col, sizeof col));
    fputs("</linearGradient></defs>\n", f);
    svg_open_rect(f, x, s->t, BAR_W, h);
    fprintf(f, " fill=\"url(#nnt-viridis)\" stroke=\"%s\"/>\n",
            SVG_AXIS_INK);
    fputs("<g stroke=\"#ffffff\" stroke-opacity=\"0.8\">\n", f);
    for (k = 0; zr->hi > zr->lo && k < levels; k++) {
        double y = s->b - h * zpos(zr, s->L->levels[k]);

        svg_put_line(f, x, y, x + BAR_W, y);
    }
    fprintf(f, "</g>\n<g fill=\"%s\" stroke=\"%s\">\n", SVG_INK,
            SVG_AXIS_INK);
    value_label(zr->hi, 4, buf, sizeof buf);
    bar_label(s, s->t, export_dot_decimal(buf));
    if (zr->hi > zr->lo) {
        value_label(zr->lo, 4, buf, sizeof buf);
        bar_label(s, s->b, export_dot_decimal(buf));
        for (k = 0; k < tk->n; k++) {
            double y = s->b - h * zpos(zr, tk->values[k]);

            if (y < s->t + 14 || y > s->b - 14)
                continue;       /* too close to min or max */
            ticks_label(tk, tk->values[k], buf, sizeof buf);
            bar_label(s, y, export_dot_decimal(buf));
        }
    }
    fputs("</g>\n", f);
}

int svg_heatmap(struct svg *s)
{
    const struct chart *c = s->c;
    const struct chart_layout *L = s->L;
    size_t rows, cols;
    /* cell edges, then the cells' centres for the contours */
    double *ex, *ey, *cx, *cy, ylx;
    struct zrange zr = { L->zmin, L->zmax, L->zfinite };
    struct layout_shown shown = { 0 };

    export_heat_dims(c, &rows, &cols);
    ex = malloc((cols + 1) * sizeof *ex);
    ey = malloc((rows + 1) * sizeof *ey);
    cx = malloc((cols + 1) * sizeof *cx);
    cy = malloc((rows + 1) * sizeof *cy);
    if (!ex || !ey || !cx || !cy) {
        free(ex);
        free(ey);
        free(cx);
        free(cy);
        return -1;
    }
    svg_layout_vertical(s);
    s->r = SVG_W - 20;
    if (zr.finite)
        s->r -= round(BAR_GAP + BAR_W + 8 + bar_labels_w(&zr, &L->zt));
    ylx = svg_place(s, c->ylabel);
    cell_edges(c, &s->x, cols, export_heat_x, ex);
    cell_edges(c, &s->y, rows, export_heat_y, ey);
    svg_begin_doc(s);
    fputs("<g clip-path=\"url(#nnt-plot)\">\n", s->f);
    if (zr.finite) {
        draw_cells(s, &zr, ex, ey, rows, cols);
        if (L->nlevels)
            draw_contours(s, rows, cols, cx, cy);
    }
    draw_marker(s);
    fputs("</g>\n", s->f);
    svg_draw_axes(s, 1, 1, 0);
    svg_draw_frame(s);
    if (zr.finite)
        draw_colour_bar(s, &zr, &L->zt, L->nlevels);
    else
        svg_draw_no_data(s);
    svg_draw_labels(s, c->ylabel, ylx);
    shown.z0 = zr.lo;
    shown.z1 = zr.hi;
    shown.nlevels = L->nlevels;
    shown.levels = L->levels;
    svg_trace(s, &shown);
    free(ex);
    free(ey);
    free(cx);
    free(cy);
    return 0;
}
