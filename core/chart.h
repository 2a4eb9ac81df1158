/* SPDX-License-Identifier: MIT */
/* The chart model: what a lesson asked to draw, independent of output. */
#ifndef NNT_CHART_H
#define NNT_CHART_H

#include <stddef.h>
#include "array.h"
#include "canvas.h"
#include "glyphs.h"

enum chart_kind {
    CHART_LINE, CHART_SCATTER, CHART_HEATMAP, CHART_HISTOGRAM, CHART_BAR
};

enum series_style { STYLE_LINE, STYLE_POINTS };

/* How points are drawn on a terminal: cell-sized markers when few enough
 * (auto), always markers (cells), or single braille dots (dots). */
enum chart_marks { MARKS_AUTO, MARKS_CELLS, MARKS_DOTS };

/* One series.  Line/scatter: x and y (same length; x may be NULL, meaning
 * 1..n).  Histogram: values.  Arrays are shared references. */
struct chart_series {
    char *name;                 /* UTF-8, may be NULL */
    enum series_style style;
    struct array *x, *y;
    struct array *values;
};

/* A chart.  Strings are UTF-8 in the chosen language, owned, may be NULL. */
struct chart {
    enum chart_kind kind;
    char *title, *xlabel, *ylabel;
    int xlog, ylog;
    int has_xrange, has_yrange; /* explicit axis ranges given */
    double xmin, xmax, ymin, ymax;

    struct chart_series *series;
    int nseries;

    /* heatmap: z is 2-D, rows = length of y, cols = length of x;
     * z[i][j] is the value at (x[j], y[i]). */
    struct array *hx, *hy, *z;
    int contours;               /* number of contour levels, 0 = none */
    double mark_x, mark_y;      /* optional marker (NaN = none) */

    int bins;                   /* histogram bins (0 = automatic) */
    enum chart_marks marks;     /* line and scatter points */

    /* line, scatter, heatmap: 0 fills the area; a number > 0 keeps the
     * data's shape, drawing one y unit (a decade on a log axis) aspect
     * times as long as one x unit (1: equal units, a circle is round) */
    double aspect;

    /* bar: n labels and signed values; labels is NULL-terminated (or
     * NULL: bars numbered 1..n), each label and the vector malloc'd */
    char **labels;
    struct array *bar_values;
};

/* Makes an empty chart of a kind (marker NaN).  Returns NULL if out of
 * memory. */
struct chart *chart_new(enum chart_kind kind);
/* Appends a zeroed series (style line) that chart_free will free: set its
 * name (malloc'd) and arrays (owned references).  Earlier series may move.
 * Returns it, or NULL if out of memory. */
struct chart_series *chart_add_series(struct chart *c);
/* Frees a chart and drops its array references. */
void chart_free(struct chart *c);
/* Returns a copy that shares the data arrays (by reference). */
struct chart *chart_clone(const struct chart *c);
/* Size of a buffer for chart_series_name. */
#define CHART_NAME_MAX 256
/* Returns the series' name as legends and the CSV show it: its own name,
 * made unique when earlier series have the same one ("fit", "fit (2)",
 * "fit (3)"; in buf), or "series N" (N = index + 1) in buf when it has
 * none. */
const char *chart_series_name(const struct chart *c, int index, char *buf,
                              size_t n);
/* Checks a chart's data; returns 0, or -1 with a reason in err (e.g.
 * "series 2: x has 10 values but y has 9"). */
int chart_validate(const struct chart *c, char *err, size_t n);
/* Draws the chart into cv (the whole canvas).  Returns 0, or -1 with a
 * reason in err when nothing meaningful can be drawn. */
int chart_render(const struct chart *c, struct canvas *cv,
                 const struct glyphs *g, char *err, size_t n);

#endif
