/* SPDX-License-Identifier: MIT */
/* Export a chart as a figure for a report: standalone SVG and RFC 4180 CSV. */
#ifndef NNT_EXPORT_H
#define NNT_EXPORT_H

#include <stddef.h>
#include <stdio.h>

#include "chart.h"

/*
 * The writers read the chart model (struct chart), never the canvas cells.
 * Output never depends on LC_NUMERIC: numbers always use '.' and no
 * grouping.  Non-finite data never reaches SVG coordinates; in CSV NaN is
 * an empty field and +-Inf is written "inf" / "-inf".
 *
 * Both writers paint the chart's layout (chart_layout.h): the ranges,
 * ticks, histogram bins and contour levels the screen shows too.
 *
 * SVG: 720 x 480, white, sans-serif; title, ticked axes with labels, a
 * legend for named series, tab10 colours.  Lines break where a value is
 * NaN/Inf (or not positive on a log axis); points are circles; heatmaps
 * are a viridis rect per cell with contour lines and a colour bar;
 * histograms share the layout's bins between series; bars are horizontal
 * from a zero line.  Histograms and bars ignore xlog and ylog.
 *
 * CSV tables (header row, CRLF line ends, one table per file):
 *   line, scatter   series,segment,x,y       one row per point
 *   heatmap         x,y,z                    one row per grid cell
 *   histogram       series,bin_lo,bin_hi,count  the SVG's bins
 *   bar             label,value
 * Unnamed series are called "series N" (N from 1); a name that an earlier
 * series has too gets " (2)", " (3)", ... in the CSV and the SVG legend,
 * so each series stays its own.  segment numbers the stretches of a
 * series between its gaps (non-finite points, where the line breaks),
 * from 1; a gap's segment is empty.
 */

/* Writes dir/stem.svg and dir/stem.csv for chart c, creating dir (mkdir -p)
 * if needed.  Each file is written to a temporary file in dir and renamed
 * into place.  Returns 0, or -1 with a reason naming the file in err. */
int export_chart(const struct chart *c, const char *dir, const char *stem,
                 char *err, size_t n);

/* Writes the chart as a standalone SVG 1.1 document to f.  Returns 0, or
 * -1 with errno set when writing fails. */
int export_svg(const struct chart *c, FILE *f);

/* Writes the chart's data as CSV to f.  Returns 0, or -1 with errno set
 * when writing fails. */
int export_csv(const struct chart *c, FILE *f);

/*
 * Makes a file-name-safe stem NN-MM-title from a step number (from 1),
 * the chart's 0-based index within the step and its title:
 * "03-01-loss-vs-epoch" for the first chart of step 3, "03-02-accuracy"
 * for the second, so a directory lists the figures in lesson order.  The
 * title becomes a lower-case ASCII slug of at most 40 characters; a title
 * without ASCII letters or digits gives "chart".  Truncates to fit n.
 * Returns buf.
 */
char *export_stem(int step, int index, const char *title, char *buf,
                  size_t n);

#endif
