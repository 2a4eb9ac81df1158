/* SPDX-License-Identifier: MIT */
/* One chart layout: ranges, ticks, bins and levels that every painter shows. */
#ifndef NNT_CHART_LAYOUT_H
#define NNT_CHART_LAYOUT_H

#include <stddef.h>
#include "chart.h"
#include "ticks.h"

/*
 * The layout is computed once from a chart, with no device in mind, and
 * the cell canvas (TUI, plain) and the SVG and CSV writers only paint it.
 * A painter may label every k-th tick when labels do not fit, and may
 * shrink its plot area for chart->aspect, but never picks other ranges,
 * tick positions, bins or levels.
 *
 * Rules (documented in README, "Chart specs"):
 * - an explicit xrange/yrange is shown exactly;
 * - else line and scatter show the drawable points (finite, positive on a
 *   log axis) widened by LAYOUT_MARGIN of the span on each side; a heatmap
 *   shows its cells (half a grid step beyond the first and last centres);
 *   a histogram its bins; a bar chart [min(0, v), max(0, v)];
 * - a range of one value v becomes v -+ |v|/10 (-+ 0.5 when v is 0), or
 *   half a decade each way on a log axis; a chart with no data shows 0..1;
 * - major ticks are Heckbert's nice numbers for about LAYOUT_XTICKS
 *   (x) and LAYOUT_YTICKS (y) ticks inside the range, decades on a log
 *   axis with minor ticks at 2..9 times each decade over 8 decades or
 *   less; counts get integer ticks;
 * - histogram bins: chart->bins, else Sturges' rule (ceil(log2 n) + 1 for
 *   the largest series, at most LAYOUT_AUTO_BINS), equal widths over the
 *   x range, the last bin closed; values outside it are not counted;
 * - heatmap contour levels split [zmin, zmax] into contours + 1 equal
 *   bands.
 */

#define LAYOUT_MARGIN 0.03      /* of the span, each side (line, scatter) */
#define LAYOUT_XTICKS 10        /* about this many ticks along x */
#define LAYOUT_YTICKS 7         /* and along y */
#define LAYOUT_ZTICKS 5         /* on a heatmap's colour bar */
#define LAYOUT_AUTO_BINS 100    /* most bins Sturges' rule may pick */
#define LAYOUT_MAX_BINS 10000   /* most bins a chart may ask for */
#define LAYOUT_MAX_LEVELS 50    /* most contour levels */
#define LAYOUT_MINOR_MAX 64

/* A terminal cell is about twice as tall as it is wide: height / width.
 * Braille gives 2 x 4 dots a cell, so its dots are square. */
#define CELL_ASPECT 2.0

/* One axis as every painter shows it. */
struct layout_axis {
    int log;                    /* plot units are log10 of the data */
    double lo, hi;              /* the range shown, in plot units */
    struct ticks t;             /* major ticks, data units, inside it */
    int nminor;                 /* minor ticks (log axes), data units */
    double minor[LAYOUT_MINOR_MAX];
};

/* What both painters share. */
struct chart_layout {
    enum chart_kind kind;
    struct layout_axis x, y;    /* bar: x is the value axis */
    double aspect;              /* 0: fill the area; see chart.h */
    size_t npoints;             /* line/scatter: drawable points */

    int bins, nseries;          /* histogram */
    double *edges;              /* bins + 1 edges, data units */
    size_t *counts;             /* nseries x bins */
    size_t maxcount, total;     /* largest count, values binned */

    size_t zfinite;             /* heatmap: finite z values */
    double zmin, zmax;
    int nlevels;
    double levels[LAYOUT_MAX_LEVELS];
    struct ticks zt;            /* colour bar ticks inside [zmin, zmax] */
};

/* What chart_data_extent found: which axes have data, and their range
 * (finite values; positive ones on a log axis). */
enum { EXTENT_X = 1, EXTENT_Y = 2 };
struct extent {
    double xmin, xmax, ymin, ymax;
};
/* Finds the range of the points a line or scatter chart draws (x and y,
 * by the same rule the layout uses) or of a histogram's values (x);
 * returns EXTENT_X | EXTENT_Y for the axes found (0 for other kinds, or
 * when nothing can be drawn). */
int chart_data_extent(const struct chart *c, struct extent *e);
/* Computes the layout of c, which need not be valid (an axis with no
 * data shows 0..1).  Returns 0, or -1 if out of memory. */
int chart_layout_make(const struct chart *c, struct chart_layout *L);
/* Sets [*lo, *hi] (data units) to the range an axis of a chart of this
 * kind shows for data spanning [a, b]: with the margin of line and
 * scatter charts, the rule for a single value, in decades when log. */
void layout_range(enum chart_kind kind, int log, double a, double b,
                  double *lo, double *hi);
/* Frees what chart_layout_make allocated. */
void chart_layout_free(struct chart_layout *L);
/* Returns v in the plot units of a (log10 on a log axis), or NaN when it
 * cannot be shown (not finite, or not positive on a log axis). */
double layout_unit(const struct layout_axis *a, double v);
/* Returns the index (0 .. levels) of the contour band z falls in, or -1
 * for NaN: the number of levels at or below z. */
int layout_band(const struct chart_layout *L, double z);
/* Shrinks a plot area of w x h device units whose unit is unit_h / unit_w
 * as tall as wide (a cell: CELL_ASPECT; a pixel: 1) so that one y plot
 * unit is L->aspect times as long as one x plot unit.  Sets *pw and *ph
 * (no larger than w and h); returns 1 if it shrank. */
int layout_fit_aspect(const struct chart_layout *L, double w, double h,
                      double unit_hw, double *pw, double *ph);

/* What one painter showed, for NNTUTOR_LAYOUT_TRACE. */
struct layout_shown {
    enum chart_kind kind;
    double x0, x1, y0, y1;      /* ranges in plot units */
    const struct ticks *xt, *yt;
    int bins, nseries;          /* histogram */
    const double *edges;        /* bins + 1, or NULL: equal over x0..x1 */
    const size_t *counts;
    double z0, z1;              /* heatmap */
    int nlevels;
    const double *levels;
};

/* Appends one line for what painter ("canvas", "svg") showed to the file
 * named by NNTUTOR_LAYOUT_TRACE, if set; numbers as %.17g. */
void layout_trace(const char *painter, const struct layout_shown *s);

#endif
