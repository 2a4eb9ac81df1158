/* SPDX-License-Identifier: MIT */
/* A chart as a standalone SVG 1.1 figure a student can put in a report. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "chart_style.h"
#include "export_impl.h"
#include "ticks.h"

#define LEGEND_ROWS 12

#define LINE_MARKS 8            /* markers along a line of a multi-series
                                   chart, like the terminal's */

/* Writes a pixel coordinate rounded to 0.01 ("0" if not finite). */
void svg_put_px(FILE *f, double v)
{
    char buf[32];

    if (!isfinite(v) || fabs(v) > 1e9)
        v = 0;
    export_fmt(buf, sizeof buf, round(v * 100) / 100, 7);
    fputs(buf, f);
}

/* Writes ' name="v"' for a pixel value. */
void svg_put_attr(FILE *f, const char *name, double v)
{
    fprintf(f, " %s=\"", name);
    svg_put_px(f, v);
    fputc('"', f);
}

/* Writes a text element at (x, y); attrs (may be "") go inside the tag. */
void svg_put_text(FILE *f, double x, double y, double size,
                  const char *anchor, const char *attrs, const char *text)
{
    fputs("<text", f);
    svg_put_attr(f, "x", x);
    svg_put_attr(f, "y", y);
    svg_put_attr(f, "font-size", size);
    fprintf(f, " text-anchor=\"%s\"%s%s>", anchor, attrs[0] ? " " : "",
            attrs);
    svg_put_xml(f, text);
    fputs("</text>\n", f);
}

/* Writes a line element from (x1, y1) to (x2, y2). */
void svg_put_line(FILE *f, double x1, double y1, double x2, double y2)
{
    fputs("<line", f);
    svg_put_attr(f, "x1", x1);
    svg_put_attr(f, "y1", y1);
    svg_put_attr(f, "x2", x2);
    svg_put_attr(f, "y2", y2);
    fputs("/>\n", f);
}

/* Writes '<rect x y width height' (the caller closes the tag). */
void svg_open_rect(FILE *f, double x, double y, double w, double h)
{
    double lim = 10 * SVG_W, x1 = x + w, y1 = y + h;

    /* far outside the figure: cut (the visible part stays the same) */
    x = fmax(fmin(x, lim), -lim);
    y = fmax(fmin(y, lim), -lim);
    w = fmax(fmin(x1, lim), -lim) - x;
    h = fmax(fmin(y1, lim), -lim) - y;
    fputs("<rect", f);
    svg_put_attr(f, "x", x);
    svg_put_attr(f, "y", y);
    svg_put_attr(f, "width", w);
    svg_put_attr(f, "height", h);
}

/* Returns v on the axis' transformed scale, or NaN if it has none there
 * (not finite, or not positive on a log axis). */
double svg_ax_t(const struct svg_axis *a, double v)
{
    if (!isfinite(v))
        return NAN;
    if (a->log)
        return v > 0 ? log10(v) : NAN;
    return v;
}

/* Returns the pixel of a transformed value, or NaN if not finite. */
double svg_ax_tpx(const struct svg_axis *a, double t)
{
    double p = a->p0 + (t / 2 - a->t0 / 2) / (a->t1 / 2 - a->t0 / 2)
                       * (a->p1 - a->p0);

    return isfinite(p) ? p : NAN;
}

/* Returns the pixel of data value v, or NaN if it cannot be shown. */
double svg_ax_px(const struct svg_axis *a, double v)
{
    return svg_ax_tpx(a, svg_ax_t(a, v));
}

/* Returns 1 if the powers of ten on axis a are labelled 10^k (a log
 * axis reaching below 0.001 or above 10000). */
static int axis_sup(const struct svg_axis *a)
{
    return a->log && a->tk.n > 0
           && (a->tk.values[0] < 1e-3 || a->tk.values[a->tk.n - 1] > 1e4);
}

/* Writes the label of tick v into buf, with '.' as decimal point; a power
 * of ten k on an axis_sup axis is written "1e<k>". */
static void tick_text(const struct svg_axis *a, double v, char *buf, size_t n)
{
    double e = round(log10(v));

    if (axis_sup(a) && v > 0 && fabs(v / pow(10, e) - 1) < 1e-9)
        snprintf(buf, n, "1e%d", (int)e);
    else
        ticks_label(&a->tk, v, buf, n);
    export_dot_decimal(buf);
}

/* Returns the widest tick label of a in px at font size 11. */
double svg_ticks_w(const struct svg_axis *a)
{
    char buf[64];
    double w, most = 0;
    int i;

    for (i = 0; i < a->tk.n; i++) {
        tick_text(a, a->tk.values[i], buf, sizeof buf);
        w = svg_text_w(buf, 11);
        if (w > most)
            most = w;
    }
    return most;
}

/* Sets a to show the layout's axis la on pixels p0..p1. */
void svg_axis_set(struct svg_axis *a, const struct layout_axis *la,
                  double p0, double p1)
{
    a->log = la->log;
    a->t0 = la->lo;
    a->t1 = la->hi;
    a->p0 = p0;
    a->p1 = p1;
    a->tk = la->t;
    a->nminor = la->nminor;
    memcpy(a->minor, la->minor, sizeof a->minor);
}

/* Shrinks the plot area, centred, for the layout's aspect.  Returns how
 * far its left edge moved, in px. */
double svg_fit_aspect(struct svg *s)
{
    double pw, ph, dl;

    if (!layout_fit_aspect(s->L, s->r - s->l, s->b - s->t, 1, &pw, &ph))
        return 0;
    dl = round((s->r - s->l - pw) / 2);
    s->l += dl;
    s->r = s->l + round(pw);
    s->t += round((s->b - s->t - ph) / 2);
    s->b = s->t + round(ph);
    return dl;
}

/* Returns the smallest k such that labels at every k-th of the n ticks
 * at pixels p[] with widths w[] keep gap px apart. */
static int label_stride(const double *p, const double *w, int n,
                        double gap)
{
    int k, i;

    for (k = 1; k < n; k++) {
        for (i = k; i < n; i += k)
            if (fabs(p[i] - p[i - k]) < (w[i] + w[i - k]) / 2 + gap)
                break;
        if (i >= n)
            return k;
    }
    return n > 0 ? n : 1;
}

/* Writes a tick label at (x, y); a power of ten on a log axis ("1e-5")
 * is written 10 with a superscript exponent. */
static void put_tick_label(FILE *f, const struct svg_axis *a, double x,
                           double y, const char *anchor, const char *text)
{
    if (!a->log || strncmp(text, "1e", 2) != 0) {
        svg_put_text(f, x, y, 11, anchor, "", text);
        return;
    }
    fputs("<text", f);
    svg_put_attr(f, "x", x);
    svg_put_attr(f, "y", y);
    fprintf(f, " font-size=\"11\" text-anchor=\"%s\">10<tspan dy=\"-5\" "
            "font-size=\"8\">%s</tspan></text>\n", anchor, text + 2);
}

/* Writes ticks (major and minor) and labels along one axis; grid lines
 * across the plot area if grid. */
static void draw_axis(struct svg *s, const struct svg_axis *a, int vertical,
                      int grid)
{
    FILE *f = s->f;
    char buf[64];
    double pos[TICKS_MAX], w[TICKS_MAX];
    int i, k;

    if (grid) {
        fprintf(f, "<g stroke=\"%s\" stroke-width=\"1\">\n", SVG_GRID_INK);
        for (i = 0; i < a->tk.n; i++) {
            double p = svg_ax_px(a, a->tk.values[i]);

            if (vertical)
                svg_put_line(f, s->l, p, s->r, p);
            else
                svg_put_line(f, p, s->t, p, s->b);
        }
        fputs("</g>\n", f);
    }
    fprintf(f, "<g stroke=\"%s\" stroke-width=\"1\">\n", SVG_AXIS_INK);
    for (i = 0; i < a->tk.n + a->nminor; i++) {
        int major = i < a->tk.n;
        double p = svg_ax_px(a, major ? a->tk.values[i]
                                      : a->minor[i - a->tk.n]);

        if (vertical)
            svg_put_line(f, s->l - (major ? 5 : 3), p, s->l, p);
        else
            svg_put_line(f, p, s->b, p, s->b + (major ? 5 : 3));
    }
    for (i = 0; i < a->tk.n; i++) {
        pos[i] = svg_ax_px(a, a->tk.values[i]);
        tick_text(a, a->tk.values[i], buf, sizeof buf);
        w[i] = vertical ? 11 : svg_text_w(buf, 11);
    }
    k = label_stride(pos, w, a->tk.n, vertical ? 8 : 12);
    fprintf(f, "</g>\n<g fill=\"%s\">\n", SVG_INK);
    for (i = 0; i < a->tk.n; i += k) {
        double p = pos[i];

        tick_text(a, a->tk.values[i], buf, sizeof buf);
        if (vertical)
            put_tick_label(f, a, s->l - 8, p + 4, "end", buf);
        else
            put_tick_label(f, a, p, s->b + 18, "middle", buf);
    }
    fputs("</g>\n", f);
}

/* Writes the ticks and tick labels of the axes asked for, and grid lines
 * at their ticks if grid. */
void svg_draw_axes(struct svg *s, int xaxis, int yaxis, int grid)
{
    if (xaxis)
        draw_axis(s, &s->x, 0, grid);
    if (yaxis)
        draw_axis(s, &s->y, 1, grid);
}

/* Writes the frame around the plot area. */
void svg_draw_frame(struct svg *s)
{
    svg_open_rect(s->f, s->l, s->t, s->r - s->l, s->b - s->t);
    fprintf(s->f, " fill=\"none\" stroke=\"%s\"/>\n", SVG_AXIS_INK);
}

/* Writes the title, the x label and ylabel (rotated, at x = ylabel_x). */
void svg_draw_labels(struct svg *s, const char *ylabel, double ylabel_x)
{
    const struct chart *c = s->c;
    double size = 16, w = svg_text_w(c->title, size), mid;

    if (c->title && c->title[0]) {
        if (w > SVG_W - 20)     /* shrink a long title to fit */
            size = fmax(9, size * (SVG_W - 20) / w);
        w = svg_text_w(c->title, size);
        mid = fmin(fmax((s->l + s->r) / 2, 10 + w / 2), SVG_W - 10 - w / 2);
        svg_put_text(s->f, mid, s->t - 16, size, "middle",
                     "font-weight=\"bold\" fill=\"" SVG_INK "\"",
                     c->title);
    }
    if (c->xlabel && c->xlabel[0])
        svg_put_text(s->f, (s->l + s->r) / 2, s->b + 42, 13, "middle",
                     "fill=\"" SVG_INK "\"", c->xlabel);
    if (ylabel && ylabel[0]) {
        char attrs[128], xb[32], yb[32];

        mid = round((s->t + s->b) / 2);
        export_fmt(xb, sizeof xb, round(ylabel_x), 6);
        export_fmt(yb, sizeof yb, mid, 6);
        snprintf(attrs, sizeof attrs, "fill=\"%s\" transform=\"rotate(-90 "
                 "%s %s)\"", SVG_INK, xb, yb);
        svg_put_text(s->f, round(ylabel_x), mid, 13, "middle", attrs,
                     ylabel);
    }
}

/* Writes "no data" in the middle of the plot area. */
void svg_draw_no_data(struct svg *s)
{
    svg_put_text(s->f, (s->l + s->r) / 2, (s->t + s->b) / 2, 14, "middle",
                 "fill=\"#888888\"", "no data");
}

/* Sets the top and bottom of the plot area from the labels present. */
void svg_layout_vertical(struct svg *s)
{
    s->t = s->c->title && s->c->title[0] ? 42 : 16;
    s->b = SVG_H - (s->c->xlabel && s->c->xlabel[0] ? 56 : 36);
}

/* Sets the left of the plot area for y tick labels w px wide (and a y
 * label if has_ylabel).  Returns the x of the y label. */
double svg_layout_left(struct svg *s, double w, int has_ylabel)
{
    s->l = round(fmax(48, (has_ylabel ? 30 : 10) + w + 10));
    if (s->l > SVG_W / 2)
        s->l = SVG_W / 2;
    return fmax(18, s->l - w - 16);
}

/* Returns 1 if series i is drawn as points (circles). */
static int is_points(const struct chart *c, int i)
{
    return c->kind == CHART_SCATTER || c->series[i].style == STYLE_POINTS;
}

/* Clips the segment p + u (q - p), u in [0, 1], to box (x0, y0, x1, y1)
 * (Liang-Barsky).  Returns 0 if none of it is inside, else 1 with the
 * inside part in [*u0, *u1]. */
int svg_clip_segment(const double box[4], double px, double py,
                     double qx, double qy, double *u0, double *u1)
{
    double p[4], q[4];
    int k;

    p[0] = -(qx - px), q[0] = px - box[0];
    p[1] = qx - px, q[1] = box[2] - px;
    p[2] = -(qy - py), q[2] = py - box[1];
    p[3] = qy - py, q[3] = box[3] - py;
    *u0 = 0;
    *u1 = 1;
    for (k = 0; k < 4; k++) {
        double r;

        if (p[k] == 0) {
            if (q[k] < 0)
                return 0;
            continue;
        }
        r = q[k] / p[k];
        if (p[k] < 0) {
            if (r > *u1)
                return 0;
            if (r > *u0)
                *u0 = r;
        } else {
            if (r < *u0)
                return 0;
            if (r < *u1)
                *u1 = r;
        }
    }
    return 1;
}

/* Returns 1 if (x, y) lies in the plot area widened by m px. */
static int inside(const struct svg *s, double x, double y, double m)
{
    return x >= s->l - m && x <= s->r + m && y >= s->t - m && y <= s->b + m;
}

/* Writes one point of a polyline, breaking long lines. */
static void put_vertex(FILE *f, double x, double y, int *count)
{
    if (*count)
        fputc(++*count % 8 ? ' ' : '\n', f);
    else
        *count = 1;
    svg_put_px(f, x);
    fputc(',', f);
    svg_put_px(f, y);
}

/* Writes a line series as polylines broken where a value cannot be shown,
 * in the line style of series i; a lone point between breaks becomes a
 * small dot.  Returns the number of polylines. */
static int draw_line(struct svg *s, const struct chart_series *ser, int i)
{
    FILE *f = s->f;
    const struct series_look *l = series_look(i);
    const char *col = l->svg, *dash = look_dasharray(l->dash);
    double box[4] = { s->l - 4, s->t - 4, s->r + 4, s->b + 4 };
    double px = 0, py = 0;
    size_t k, len = export_series_len(ser), run = 0;
    int open = 0, count = 0, lines = 0;

    fprintf(f, "<g fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\" "
            "stroke-linejoin=\"round\" stroke-linecap=\"%s\"", col,
            dash ? "butt" : "round");
    if (dash)
        fprintf(f, " stroke-dasharray=\"%s\"", dash);
    fputs(">\n", f);
    for (k = 0; k <= len; k++) {
        double x = k < len ? svg_ax_px(&s->x, export_series_x(ser, k)) : NAN;
        double y = k < len ? svg_ax_px(&s->y, ser->y->data[k]) : NAN;
        double u0, u1;

        if (isnan(x) || isnan(y)) {     /* a break */
            if (open)
                fputs("\"/>\n", f);
            else if (run == 1 && inside(s, px, py, 0)) {
                fputs("<circle", f);
                svg_put_attr(f, "cx", px);
                svg_put_attr(f, "cy", py);
                fprintf(f, " r=\"2.5\" fill=\"%s\" stroke=\"none\"/>\n",
                        col);
            }
            open = 0;
            run = 0;
            continue;
        }
        if (run++ && svg_clip_segment(box, px, py, x, y, &u0, &u1)) {
            if (!open) {
                fputs("<polyline points=\"", f);
                count = 0;
                put_vertex(f, px + u0 * (x - px), py + u0 * (y - py),
                           &count);
                open = 1;
                lines++;
            }
            put_vertex(f, px + u1 * (x - px), py + u1 * (y - py), &count);
            if (u1 < 1) {       /* left the box */
                fputs("\"/>\n", f);
                open = 0;
            }
        } else if (run > 1 && open) {
            fputs("\"/>\n", f);
            open = 0;
        }
        px = x;
        py = y;
    }
    fputs("</g>\n", f);
    return lines;
}

/* Writes the marker of series i on about LINE_MARKS of its points, the
 * start shifted by series so that the markers of lines that run together
 * do not hide each other. */
static void draw_line_marks(struct svg *s, const struct chart_series *ser,
                            int i, int nseries)
{
    size_t k, len = export_series_len(ser), step;

    step = len > LINE_MARKS ? (len + LINE_MARKS - 1) / LINE_MARKS : 1;
    for (k = (step / 2 + (size_t)i * step / (size_t)nseries) % step;
         k < len; k += step) {
        double x = svg_ax_px(&s->x, export_series_x(ser, k));
        double y = svg_ax_px(&s->y, ser->y->data[k]);

        if (!isnan(x) && !isnan(y) && inside(s, x, y, 0))
            svg_put_marker(s->f, series_look(i), x, y, 3.2);
    }
}

/* Returns the marker radius for a chart with n points. */
static double point_radius(size_t n)
{
    return n > 2000 ? 1.6 : n > 300 ? 2.3 : 3.2;
}

/* Writes a points series as markers of series i (those inside the plot
 * area). */
static void draw_points(struct svg *s, const struct chart_series *ser,
                        int i, double r)
{
    size_t k, len = export_series_len(ser);

    fputs("<g fill-opacity=\"0.85\">\n", s->f);
    for (k = 0; k < len; k++) {
        double x = svg_ax_px(&s->x, export_series_x(ser, k));
        double y = svg_ax_px(&s->y, ser->y->data[k]);

        if (isnan(x) || isnan(y) || !inside(s, x, y, 0))
            continue;
        svg_put_marker(s->f, series_look(i), x, y, r);
    }
    fputs("</g>\n", s->f);
}

/* Returns how much of the chart's data lies under a legend box
 * (x, y, w, h): points and samples along lines, or bar area. */
static double legend_cost(struct svg *s, const double box[4])
{
    const struct chart_layout *L = s->L;
    const struct chart *c = s->c;
    double cost = 0;
    size_t k;
    int i, m;

    for (i = 0; i < c->nseries; i++) {
        const struct chart_series *ser = &c->series[i];
        size_t len = c->kind == CHART_HISTOGRAM ? 0 : export_series_len(ser);
        double px = NAN, py = NAN;

        for (k = 0; k < len; k++) {
            double x = svg_ax_px(&s->x, export_series_x(ser, k));
            double y = svg_ax_px(&s->y, ser->y->data[k]);

            for (m = 0; m < (is_points(c, i) || isnan(px) ? 1 : 8); m++) {
                double qx = x + (px - x) * m / 8, qy = y + (py - y) * m / 8;

                if (qx >= box[0] && qx <= box[0] + box[2] && qy >= box[1]
                    && qy <= box[1] + box[3])
                    cost += 1;
            }
            px = x;
            py = y;
        }
        for (m = 0; L->counts && i < L->nseries && m < L->bins; m++) {
            size_t cnt = L->counts[(size_t)i * (size_t)L->bins + (size_t)m];
            double x0 = svg_ax_px(&s->x, L->edges[m]);
            double x1 = svg_ax_px(&s->x, L->edges[m + 1]);
            double y0 = svg_ax_px(&s->y, (double)cnt);
            double ox = fmin(x1, box[0] + box[2]) - fmax(x0, box[0]);
            double oy = fmin(s->b, box[1] + box[3]) - fmax(y0, box[1]);

            if (cnt && ox > 0 && oy > 0)
                cost += ox * oy / 50;
        }
    }
    return cost;
}

/* Writes a legend for the named series in the corner where it hides the
 * least data. */
static void draw_legend(struct svg *s)
{
    const struct chart *c = s->c;
    FILE *f = s->f;
    double tw = 0, best = INFINITY, box[4], bx = 0, by = 0, y;
    int i, k, rows = 0, more;
    char buf[48], nbuf[CHART_NAME_MAX];

    for (i = 0; i < c->nseries; i++)
        if (c->series[i].name && c->series[i].name[0] && rows++ < LEGEND_ROWS)
            tw = fmax(tw, svg_text_w(chart_series_name(c, i, nbuf,
                                                        sizeof nbuf), 12));
    if (!rows)
        return;
    more = rows - LEGEND_ROWS;
    if (more > 0) {
        rows = LEGEND_ROWS;
        snprintf(buf, sizeof buf, "… and %d more", more);
        tw = fmax(tw, svg_text_w(buf, 12));
    }
    box[2] = fmin(tw + 46, (s->r - s->l) * 0.6);
    box[3] = (rows + (more > 0)) * 18 + 10;
    for (k = 0; k < 4; k++) {   /* TR, TL, BR, BL */
        double cost;

        box[0] = k % 2 ? s->l + 8 : s->r - 8 - box[2];
        box[1] = k < 2 ? s->t + 8 : s->b - 8 - box[3];
        cost = legend_cost(s, box);
        if (cost < best) {
            best = cost;
            bx = box[0];
            by = box[1];
        }
    }
    fputs("<g font-size=\"12\">\n", f);
    svg_open_rect(f, bx, by, box[2], box[3]);
    fputs(" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.85\" "
          "stroke=\"#cccccc\"/>\n", f);
    y = by + 5 + 9;
    for (i = 0, k = 0; i < c->nseries && k < rows; i++) {
        const struct series_look *l = series_look(i);
        const char *dash = look_dasharray(l->dash);

        if (!c->series[i].name || !c->series[i].name[0])
            continue;
        k++;
        if (c->kind == CHART_HISTOGRAM) {
            svg_open_rect(f, bx + 8, y - 5, 22, 10);
            if (c->nseries > 1 && i < 64)
                fprintf(f, " fill=\"url(#nnt-fill-%d)\"/>\n", i);
            else
                fprintf(f, " fill=\"%s\" fill-opacity=\"0.85\"/>\n",
                        l->svg);
        } else if (is_points(c, i)) {
            svg_put_marker(f, l, bx + 19, y, 3.5);
        } else {
            fprintf(f, "<g stroke=\"%s\" stroke-width=\"2\"", l->svg);
            if (dash)
                fprintf(f, " stroke-dasharray=\"%s\"", dash);
            fputs(">", f);
            svg_put_line(f, bx + 8, y, bx + 30, y);
            fputs("</g>\n", f);
            if (c->nseries > 1)
                svg_put_marker(f, l, bx + 19, y, 3.2);
        }
        svg_put_text(f, bx + 38, y + 4, 12, "start", "fill=\"" SVG_INK "\"",
                     chart_series_name(c, i, nbuf, sizeof nbuf));
        y += 18;
    }
    if (more > 0)
        svg_put_text(f, bx + 38, y + 4, 12, "start", "fill=\"#666666\"", buf);
    fputs("</g>\n", f);
}

/* Writes the opening of the document, the background and the clip path
 * of the plot area. */
void svg_begin_doc(struct svg *s)
{
    FILE *f = s->f;

    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>"
            "\n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
            "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            "font-family=\"sans-serif\">\n", SVG_W, SVG_H, SVG_W, SVG_H);
    if (s->c->title && s->c->title[0]) {
        fputs("<title>", f);
        svg_put_xml(f, s->c->title);
        fputs("</title>\n", f);
    }
    fputs("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n", f);
    fputs("<defs>\n<clipPath id=\"nnt-plot\">", f);
    svg_open_rect(f, s->l, s->t, s->r - s->l, s->b - s->t);
    fputs("/></clipPath>\n</defs>\n", f);
}

/* Places the plot area and maps both axes onto it.  Returns the x of
 * the y label. */
double svg_place(struct svg *s, const char *ylabel)
{
    double ylx;

    svg_axis_set(&s->y, &s->L->y, s->b, s->t);
    ylx = svg_layout_left(s, svg_ticks_w(&s->y), ylabel && ylabel[0]);
    ylx += svg_fit_aspect(s);
    svg_axis_set(&s->y, &s->L->y, s->b, s->t);
    svg_axis_set(&s->x, &s->L->x, s->l, s->r);
    return ylx;
}

/* Appends the trace line of what s shows, with extra's bins and levels. */
void svg_trace(const struct svg *s, struct layout_shown *extra)
{
    extra->kind = s->c->kind;
    extra->x0 = s->x.t0;
    extra->x1 = s->x.t1;
    extra->y0 = s->y.t0;
    extra->y1 = s->y.t1;
    if (s->c->kind != CHART_BAR) {
        extra->xt = &s->x.tk;
        extra->yt = &s->y.tk;
    }
    layout_trace("svg", extra);
}

/* Writes a line or scatter chart. */
static void svg_points(struct svg *s)
{
    const struct chart *c = s->c;
    struct layout_shown shown = { 0 };
    double ylx;
    size_t n = s->L->npoints;
    int i;

    svg_layout_vertical(s);
    s->r = SVG_W - 20;
    ylx = svg_place(s, c->ylabel);
    svg_begin_doc(s);
    svg_draw_axes(s, 1, 1, 1);
    fputs("<g clip-path=\"url(#nnt-plot)\">\n", s->f);
    for (i = 0; i < c->nseries; i++)   /* dense clouds under the lines */
        if (is_points(c, i)
            && export_series_len(&c->series[i]) > CELLS_MAX_POINTS)
            draw_points(s, &c->series[i], i, point_radius(n));
    for (i = 0; i < c->nseries; i++)
        if (!is_points(c, i)) {
            draw_line(s, &c->series[i], i);
            if (c->nseries > 1)
                draw_line_marks(s, &c->series[i], i, c->nseries);
        }
    for (i = 0; i < c->nseries; i++)   /* sparse points over them */
        if (is_points(c, i)
            && export_series_len(&c->series[i]) <= CELLS_MAX_POINTS)
            draw_points(s, &c->series[i], i, point_radius(n));
    fputs("</g>\n", s->f);
    svg_draw_frame(s);
    if (!n)
        svg_draw_no_data(s);
    svg_draw_labels(s, c->ylabel, ylx);
    draw_legend(s);
    svg_trace(s, &shown);
}

/* Writes a histogram: bars per bin, several series side by side. */
static void svg_histogram(struct svg *s)
{
    const struct chart *c = s->c;
    const struct chart_layout *L = s->L;
    struct layout_shown shown = { 0 };
    const char *ylabel;
    double ylx, base;
    int i, k;

    svg_layout_vertical(s);
    s->r = SVG_W - 20;
    ylabel = c->ylabel && c->ylabel[0] ? c->ylabel : "count";
    ylx = svg_place(s, ylabel);
    svg_begin_doc(s);
    if (c->nseries > 1)
        svg_put_fills(s->f, c->nseries < 64 ? c->nseries : 64);
    svg_draw_axes(s, 1, 1, 1);
    fputs("<g clip-path=\"url(#nnt-plot)\">\n", s->f);
    base = svg_ax_px(&s->y, 0);
    for (i = 0; i < c->nseries && i < L->nseries; i++) { /* side by side */
        const char *col = series_look(i)->svg;
        const size_t *cnt = L->counts + (size_t)i * (size_t)L->bins;
        int ns = c->nseries;

        if (ns > 1 && i < 64)
            fprintf(s->f, "<g fill=\"url(#nnt-fill-%d)\" "
                    "stroke=\"#ffffff\" stroke-width=\"0.4\">\n", i);
        else
            fprintf(s->f, "<g fill=\"%s\" fill-opacity=\"0.85\" "
                    "stroke=\"#ffffff\" stroke-width=\"0.8\">\n", col);
        for (k = 0; k < L->bins; k++) {
            double x0 = svg_ax_px(&s->x, L->edges[k]);
            double x1 = svg_ax_px(&s->x, L->edges[k + 1]);
            double y = svg_ax_px(&s->y, (double)cnt[k]);
            double w = (x1 - x0) / ns;

            if (!cnt[k] || isnan(x0) || isnan(x1) || isnan(y))
                continue;
            svg_open_rect(s->f, x0 + w * i, y, w, base - y);
            fputs("/>\n", s->f);
        }
        fputs("</g>\n", s->f);
    }
    fputs("</g>\n", s->f);
    svg_draw_frame(s);
    if (!L->total)
        svg_draw_no_data(s);
    svg_draw_labels(s, ylabel, ylx);
    draw_legend(s);
    shown.bins = L->bins;
    shown.nseries = L->nseries;
    shown.edges = L->edges;
    shown.counts = L->counts;
    svg_trace(s, &shown);
}

/* Writes horizontal bars from a zero line, labelled at the left. */
static void svg_bar(struct svg *s)
{
    const struct chart *c = s->c;
    FILE *f = s->f;
    size_t k, n = c->bar_values ? array_len(c->bar_values) : 0;
    double lw = 0, vw = 0, band, zero, padl, padr, px, size;
    struct layout_shown shown = { 0 };
    char buf[64];
    int has_ylabel = c->ylabel && c->ylabel[0];

    for (k = 0; k < n; k++) {
        double v = c->bar_values->data[k];

        lw = fmax(lw, svg_text_w(export_bar_label(c, k), 12));
        if (!isfinite(v))
            continue;
        value_label(v, 3, buf, sizeof buf);
        vw = fmax(vw, svg_text_w(buf, 11));
    }
    svg_layout_vertical(s);
    s->r = SVG_W - 20;
    s->l = round(fmin(fmax(60, lw + (has_ylabel ? 40 : 18)), SVG_W * 0.45));
    /* the layout's value range, with room for value labels beyond it */
    px = s->r - s->l;
    padl = s->L->x.lo < 0 ? vw + 10 : 0;
    padr = s->L->x.hi > 0 ? vw + 10 : 0;
    if (px < padl + padr + 40)
        padl = padr = 0;
    svg_axis_set(&s->x, &s->L->x, s->l + padl, s->r - padr);
    svg_axis_set(&s->y, &s->L->y, s->b, s->t);  /* rows: no ticks drawn */
    svg_begin_doc(s);
    svg_draw_axes(s, 1, 0, 1);
    zero = svg_ax_px(&s->x, 0);
    band = n ? (s->b - s->t) / (double)n : 0;
    fputs("<g clip-path=\"url(#nnt-plot)\">\n", f);
    for (k = 0; k < n; k++) {
        double v = c->bar_values->data[k], x = svg_ax_px(&s->x, v);
        double y = s->t + band * ((double)k + 0.15);

        if (isnan(x) || isnan(zero))
            continue;
        svg_open_rect(f, fmin(x, zero), y, fabs(x - zero), band * 0.7);
        fprintf(f, " fill=\"%s\"/>\n", series_look(v < 0 ? 1 : 0)->svg);
        if (band < 9)
            continue;           /* no room for value labels */
        value_label(v, 3, buf, sizeof buf);
        export_dot_decimal(buf);
        svg_put_text(f, v < 0 ? x - 4 : x + 4, y + band * 0.35 + 4, 11,
                     v < 0 ? "end" : "start", "fill=\"" SVG_INK "\"", buf);
    }
    fprintf(f, "<g stroke=\"%s\">", SVG_AXIS_INK);
    svg_put_line(f, zero, s->t, zero, s->b);
    fputs("</g>\n</g>\n", f);
    svg_draw_frame(s);
    /* shrink labels to fit their band and the margin */
    size = fmin(12, fmax(5, band * 0.8));
    if (lw > 0)
        size = fmin(size, 12 * (s->l - (has_ylabel ? 34 : 10)) / lw);
    fprintf(f, "<g fill=\"%s\">\n", SVG_INK);
    for (k = 0; k < n; k++) {
        double y = s->t + band * ((double)k + 0.5) + size / 3;
        double v = c->bar_values->data[k];

        svg_put_text(f, s->l - 6, y, size, "end", "",
                     export_bar_label(c, k));
        if (!isfinite(v))
            svg_put_text(f, zero + 4, y, 11, "start", "", "n/a");
    }
    fputs("</g>\n", f);
    if (!n)
        svg_draw_no_data(s);
    svg_draw_labels(s, c->ylabel, 18);
    svg_trace(s, &shown);
}

int export_svg(const struct chart *c, FILE *f)
{
    struct export_locale loc;
    struct chart_layout L;
    struct svg s;
    int rc = 0;

    if (chart_layout_make(c, &L) < 0) {
        errno = ENOMEM;
        return -1;
    }
    export_locale_c(&loc);      /* ticks.c formats with snprintf too */
    memset(&s, 0, sizeof s);
    s.f = f;
    s.c = c;
    s.L = &L;
    s.x.log = L.x.log;
    s.y.log = L.y.log;
    switch (c->kind) {
    case CHART_HEATMAP:
        rc = svg_heatmap(&s);
        break;
    case CHART_HISTOGRAM:
        svg_histogram(&s);
        break;
    case CHART_BAR:
        svg_bar(&s);
        break;
    case CHART_LINE:
    case CHART_SCATTER:
    default:
        svg_points(&s);
        break;
    }
    export_locale_restore(&loc);
    chart_layout_free(&L);
    if (rc != 0) {
        errno = ENOMEM;
        return -1;
    }
    fputs("</svg>\n", f);
    return export_finish(f);
}
