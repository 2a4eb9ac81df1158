/* SPDX-License-Identifier: MIT */
/* Chart internals shared by the frame (axes, labels) and the plot kinds. */
#ifndef NNT_CHART_INT_H
#define NNT_CHART_INT_H

#include <stddef.h>
#include "chart.h"
#include "chart_layout.h"
#include "chart_style.h"
#include "ticks.h"

/* One axis: the range shown, in plot units (log10 of the data when log). */
struct axis {
    double lo, hi;
    int log;
    int edge;                   /* 1: cells are bins; 0: dots are points */
    int sub;                    /* dots per cell when not edge */
    int flip;                   /* 1: the y axis (top row is hi) */
    struct ticks t;             /* tick values in data units */
};

/* How the canvas shows one axis of the layout. */
struct axis_spec {
    const struct layout_axis *la;  /* range and ticks (never changed) */
    int edge, sub;
};

struct legend_item {
    const char *name;
    wchar_t glyph[LEGEND_GLYPHS + 1];   /* the sample: look_legend */
    int fg;
};

/* What surrounds a plot area. */
struct frame_spec {
    const char *title, *xlabel, *ylabel;
    const struct legend_item *items;
    int nitems;
    int right_w;                /* columns wanted at the right (colour bar) */
    int no_axes;                /* 1: no axes at all (bar chart) */
    double aspect;              /* > 0: keep the data's shape (layout) */
    const struct chart_layout *layout;
    struct axis_spec x, y;
};

/* Where things went. */
struct frame {
    int x0, y0, pw, ph;         /* the plot area, in cells */
    int right_x;                /* first column of the right area, or -1 */
    int title_row, legend_row, ylabel_row, xlabel_row;
    int ylabel_x;               /* first column of the y label */
    int axes, xticks, yticks;   /* what is drawn */
    struct axis ax, ay;
};

/* The colour of series i. */
#define SERIES_COLOUR(i) (series_look(i)->fg)

/* chart_frame.c */
/* Lays out the frame and sets up both axes from the layout (shrinking
 * the plot area, centred, for its aspect); returns 0, or -1 with "chart
 * area too small" when not even one plot cell fits. */
int frame_layout(const struct frame_spec *s, const struct canvas *cv,
                 struct frame *f, char *err, size_t n);
/* Draws the title, legend, axis lines, ticks and labels of f. */
void frame_draw(const struct frame_spec *s, const struct frame *f,
                struct canvas *cv, const struct glyphs *g);
/* Returns v in plot units (log10 when the axis is log), or NaN when v
 * cannot be shown (non-finite, or not positive on a log axis). */
double axis_unit(const struct axis *a, double v);
/* Returns the position of plot-unit u along an axis of n dots (0 .. n-1,
 * top-down for the y axis), unbounded outside the range. */
double axis_pos(const struct axis *a, double u, int n);
/* Returns the cell (0 .. cells-1) that plot-unit u falls in. */
int axis_cell(const struct axis *a, double u, int cells);
/* Writes s centred in [x, x + w) of row y (an ellipsis when it is cut);
 * returns its start column. */
int frame_centre(struct canvas *cv, int x, int w, int y, const char *s,
                 int fg, int attr, const struct glyphs *g);
/* Writes s into at most w columns, ending with an ellipsis when cut;
 * returns the columns used. */
int frame_put_clipped(struct canvas *cv, int x, int y, const char *s,
                      int w, int fg, int attr, const struct glyphs *g);
/* Writes a formatted error into err (if any); returns -1. */
int chart_fail(char *err, size_t n, const char *fmt, ...);

/* Appends the trace line of what frame f shows (NNTUTOR_LAYOUT_TRACE). */
void frame_trace(const struct frame *f, const struct layout_shown *extra);

/* The plot kinds paint layout L of c: each returns 0, or -1 with a
 * reason in err. */
int chart_draw_xy(const struct chart *c, const struct chart_layout *L,
                  struct canvas *cv, const struct glyphs *g, char *err,
                  size_t n);
int chart_draw_heatmap(const struct chart *c, const struct chart_layout *L,
                       struct canvas *cv, const struct glyphs *g, char *err,
                       size_t n);
int chart_draw_histogram(const struct chart *c,
                         const struct chart_layout *L, struct canvas *cv,
                         const struct glyphs *g, char *err, size_t n);
int chart_draw_bar(const struct chart *c, const struct chart_layout *L,
                   struct canvas *cv, const struct glyphs *g, char *err,
                   size_t n);

#endif
