/* SPDX-License-Identifier: MIT */
/* Helpers shared by the SVG and CSV writers (not part of the export API). */
#ifndef NNT_EXPORT_IMPL_H
#define NNT_EXPORT_IMPL_H

#include <locale.h>
#include <stddef.h>
#include <stdio.h>

#include "chart.h"
#include "chart_layout.h"
#include "ticks.h"

/* The calling thread's locale while a writer runs with C numbers. */
struct export_locale {
    locale_t c, old;            /* c is (locale_t)0 if switching failed */
};

/* Switches the calling thread to C number formatting (LC_NUMERIC "C", the
 * other categories kept) and saves the old locale in l. */
void export_locale_c(struct export_locale *l);

/* Restores the locale saved by export_locale_c. */
void export_locale_restore(struct export_locale *l);

/* Replaces the locale's decimal point in buf by '.'.  Returns buf. */
char *export_dot_decimal(char *buf);

/* Formats v with prec significant digits ("%.*g") and '.' as the decimal
 * point whatever LC_NUMERIC says.  Returns buf ("" when v is not
 * finite). */
char *export_fmt(char *buf, size_t n, double v, int prec);

/* Formats v with the fewest significant digits (15 to 17) that read back
 * as the same double, '.' as the decimal point; NaN gives "", +-Inf
 * "inf"/"-inf".  Returns buf. */
char *export_fmt_exact(char *buf, size_t n, double v);

/* Returns the number of points of a line/scatter series (the shorter of x
 * and y when both are given). */
size_t export_series_len(const struct chart_series *s);

/* Returns x of point i of a series (i + 1 when the series has no x). */
double export_series_x(const struct chart_series *s, size_t i);

/* Sets *rows and *cols to the heatmap grid's size (0 x 0 without z; a
 * 1-D z is one row).  Returns the number of cells. */
size_t export_heat_dims(const struct chart *c, size_t *rows, size_t *cols);

/* Returns the heatmap's x of column j (j + 1 beyond c->hx). */
double export_heat_x(const struct chart *c, size_t j);

/* Returns the heatmap's y of row i (i + 1 beyond c->hy). */
double export_heat_y(const struct chart *c, size_t i);

/* Returns the label of bar k ("" when the list ends before k). */
const char *export_bar_label(const struct chart *c, size_t k);

/* Returns 0 if everything written to f so far reached it, else -1 with
 * errno set. */
int export_finish(FILE *f);

/* ---- SVG toolkit (export_svg.c, text in export.c), used by export_heat.c */

#define SVG_W 720               /* figure size in px */
#define SVG_H 480
#define SVG_INK "#222222"       /* text */
#define SVG_AXIS_INK "#444444"  /* frame and ticks */
#define SVG_GRID_INK "#e8e8e8"

/* One axis of the layout mapped linearly onto pixels: its range in
 * transformed units (log10 on a log axis) and its ticks. */
struct svg_axis {
    int log;
    double t0, t1;              /* shown range, transformed */
    double p0, p1;              /* pixels of t0 and t1 */
    struct ticks tk;            /* major ticks, data units */
    int nminor;
    double minor[LAYOUT_MINOR_MAX]; /* minor ticks (log axes), data units */
};

/* The figure being written. */
struct svg {
    FILE *f;
    const struct chart *c;
    const struct chart_layout *L;   /* what to show (never changed) */
    double l, r, t, b;          /* plot area: left, right, top, bottom */
    struct svg_axis x, y;
};

/* Writes UTF-8 text escaped for XML: entities for & < > " ', a space for
 * control characters, U+FFFD for invalid bytes. */
void svg_put_xml(FILE *f, const char *text);
/* Returns the estimated width in px of UTF-8 text at font size size (CJK
 * and other wide characters count as one em, the rest as 0.6 em). */
double svg_text_w(const char *text, double size);
/* Writes a pixel coordinate rounded to 0.01 ("0" if not finite). */
void svg_put_px(FILE *f, double v);
/* Writes ' name="v"' for a pixel value. */
void svg_put_attr(FILE *f, const char *name, double v);
/* Writes a text element at (x, y); attrs (may be "") go inside the tag. */
void svg_put_text(FILE *f, double x, double y, double size,
                  const char *anchor, const char *attrs, const char *text);
/* Writes a line element from (x1, y1) to (x2, y2). */
void svg_put_line(FILE *f, double x1, double y1, double x2, double y2);
/* Writes '<rect x y width height' (the caller closes the tag), cut to
 * ten figures around the figure. */
void svg_open_rect(FILE *f, double x, double y, double w, double h);
/* Clips the segment p + u (q - p), u in [0, 1], to box (x0, y0, x1, y1)
 * (Liang-Barsky).  Returns 0 if none of it is inside, else 1 with the
 * inside part in [*u0, *u1]. */
int svg_clip_segment(const double box[4], double px, double py, double qx,
                     double qy, double *u0, double *u1);
/* Returns v on the axis' transformed scale, or NaN if it has none. */
double svg_ax_t(const struct svg_axis *a, double v);
/* Returns the pixel of a transformed value, or NaN if not finite. */
double svg_ax_tpx(const struct svg_axis *a, double t);
/* Returns the pixel of data value v, or NaN if it cannot be shown. */
double svg_ax_px(const struct svg_axis *a, double v);
/* Returns the widest tick label of a in px at font size 11. */
double svg_ticks_w(const struct svg_axis *a);
/* Sets a to show the layout's axis la on pixels p0..p1 (p0 > p1: a
 * vertical axis). */
void svg_axis_set(struct svg_axis *a, const struct layout_axis *la,
                  double p0, double p1);
/* Shrinks the plot area, centred, to keep the layout's aspect (square
 * pixels).  Returns how far the left edge moved right, in px. */
double svg_fit_aspect(struct svg *s);
/* Sets the plot area's left edge for y tick labels and an optional y
 * label, keeps the aspect and maps both axes onto the area (set its top,
 * bottom and right first).  Returns the x of the y label. */
double svg_place(struct svg *s, const char *ylabel);
/* Appends the trace line of what s shows (NNTUTOR_LAYOUT_TRACE). */
void svg_trace(const struct svg *s, struct layout_shown *extra);
/* Writes the ticks and tick labels of the axes asked for, and grid lines
 * at their ticks if grid. */
void svg_draw_axes(struct svg *s, int xaxis, int yaxis, int grid);
/* Writes the frame around the plot area. */
void svg_draw_frame(struct svg *s);
/* Writes the title, the x label and ylabel (rotated, at x = ylabel_x). */
void svg_draw_labels(struct svg *s, const char *ylabel, double ylabel_x);
/* Writes "no data" in the middle of the plot area. */
void svg_draw_no_data(struct svg *s);
/* Sets the top and bottom of the plot area from the labels present. */
void svg_layout_vertical(struct svg *s);
/* Sets the left of the plot area for y tick labels w px wide (and a y
 * label if has_ylabel).  Returns the x of the y label. */
double svg_layout_left(struct svg *s, double w, int has_ylabel);
/* Writes the XML declaration, the svg element, the title, the background
 * and the clip path of the plot area (set the plot area first). */
void svg_begin_doc(struct svg *s);
/* Writes the marker of look l centred on (x, y), r px in radius, in the
 * shape of the terminal's marker (export_marks.c). */
struct series_look;
void svg_put_marker(FILE *f, const struct series_look *l, double x,
                    double y, double r);
/* Writes the <defs> of patterns nnt-fill-0 .. n-1: each series' colour
 * hatched its own way, for histogram bars side by side. */
void svg_put_fills(FILE *f, int n);
/* Writes a heatmap chart (export_heat.c).  Returns 0, or -1 if out of
 * memory (before writing anything). */
int svg_heatmap(struct svg *s);

#endif
