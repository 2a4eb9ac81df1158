/* SPDX-License-Identifier: MIT */
/* Series looks: the one table of colour, marker and line style per series. */
#ifndef NNT_CHART_STYLE_H
#define NNT_CHART_STYLE_H

#include <wchar.h>

#include "glyphs.h"

#define SERIES_LOOKS 8          /* looks repeat after this many series */

/* How a line is stroked, along its path. */
enum line_dash { DASH_SOLID, DASH_DASHED, DASH_DOTTED, DASH_DASHDOT };

/* The shape of a point marker in SVG. */
enum mark_shape {
    SHAPE_DOT, SHAPE_RING, SHAPE_DIAMOND, SHAPE_TRIANGLE, SHAPE_CROSS,
    SHAPE_PLUS, SHAPE_SQUARE, SHAPE_OPEN_DIAMOND
};

/* Everything that tells one series from another.  Each field on its own
 * (the colour, the marker, or the line style with the marker) keeps the
 * first SERIES_LOOKS series apart, so a look stays distinct without
 * colour. */
struct series_look {
    int fg;                     /* terminal colour (enum colour) */
    short xterm256, ansi8;      /* fg on 256- and 8-colour terminals */
    const char *svg;            /* the same colour in SVG, "#rrggbb" */
    wchar_t mark, ascii_mark;   /* cell marker: Unicode, ASCII */
    enum mark_shape shape;      /* SVG marker */
    enum line_dash dash;
    wchar_t fill, ascii_fill;   /* histogram bars beside other series */
};

/* How a series is drawn, which decides its legend sample. */
enum look_use {
    USE_LINE,                   /* a line alone (no markers on it) */
    USE_LINE_MARKED,            /* a line carrying its marker */
    USE_POINTS,                 /* points */
    USE_BARS                    /* histogram bars */
};

/* marks = "auto" draws points as cell markers when a chart has at most
 * CELLS_MAX_POINTS of them in its plot and at least CELLS_PER_POINT plot
 * cells for each; denser clouds are braille dots. */
#define CELLS_MAX_POINTS 200
#define CELLS_PER_POINT 6

#define LEGEND_GLYPHS 3         /* the most columns a legend sample takes */

/* Returns the look of series i (0-based; repeats every SERIES_LOOKS). */
const struct series_look *series_look(int i);
/* Returns 1 if dot number step (from 0) along a path of style dash is
 * drawn, 0 if it falls in a gap. */
int look_dash_on(enum line_dash dash, unsigned long step);
/* Returns the SVG stroke-dasharray of a style (px), or NULL when solid. */
const char *look_dasharray(enum line_dash dash);
/* Returns the character that draws a style in a legend. */
wchar_t look_line_glyph(enum line_dash dash, const struct glyphs *g);
/* Writes the legend sample of series i drawn as use into out (0-ended,
 * at most LEGEND_GLYPHS single-width characters); returns its width. */
int look_legend(int i, enum look_use use, const struct glyphs *g,
                wchar_t out[LEGEND_GLYPHS + 1]);

#endif
