/* SPDX-License-Identifier: MIT */
/* Chart data as RFC 4180 CSV: one table per chart, numbers that round-trip. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "export_impl.h"
#include "out.h"

#define EOL "\r\n"              /* RFC 4180 line end */

/* Writes one field, quoted when it holds a comma, quote or line end;
 * control characters are made visible (ESC as ^[, see out_visible), so a
 * file a student cats cannot drive the terminal. */
static void csv_text(FILE *f, const char *text)
{
    char *v = out_visible(text), *s = v;

    if (!strpbrk(s, ",\"\n")) {
        fputs(s, f);
        free(v);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
    free(v);
}

/* Writes a number that reads back as the same double (NaN: empty). */
static void csv_num(FILE *f, double v)
{
    char buf[40];

    fputs(export_fmt_exact(buf, sizeof buf, v), f);
}

/* Writes series,segment,x,y rows for every point of every series.  A
 * segment is a stretch of the series between gaps (points that are not
 * finite), numbered from 1 within the series; a gap has no segment. */
static void csv_points(const struct chart *c, FILE *f)
{
    char nbuf[CHART_NAME_MAX];
    int i;

    fputs("series,segment,x,y" EOL, f);
    for (i = 0; i < c->nseries; i++) {
        const struct chart_series *s = &c->series[i];
        const char *name = chart_series_name(c, i, nbuf, sizeof nbuf);
        size_t k, len = export_series_len(s);
        int seg = 0, gap = 1;

        for (k = 0; k < len; k++) {
            double x = export_series_x(s, k);

            csv_text(f, name);
            fputc(',', f);
            if (isfinite(x) && isfinite(s->y->data[k])) {
                seg += gap;
                gap = 0;
                fprintf(f, "%d", seg);
            } else {
                gap = 1;
            }
            fputc(',', f);
            csv_num(f, x);
            fputc(',', f);
            csv_num(f, s->y->data[k]);
            fputs(EOL, f);
        }
    }
}

/* Writes x,y,z rows for every grid cell, row by row. */
static void csv_heatmap(const struct chart *c, FILE *f)
{
    size_t i, j, rows, cols;

    fputs("x,y,z" EOL, f);
    export_heat_dims(c, &rows, &cols);
    for (i = 0; i < rows; i++) {
        for (j = 0; j < cols; j++) {
            csv_num(f, export_heat_x(c, j));
            fputc(',', f);
            csv_num(f, export_heat_y(c, i));
            fputc(',', f);
            csv_num(f, c->z->data[i * cols + j]);
            fputs(EOL, f);
        }
    }
}

/* Writes series,bin_lo,bin_hi,count rows with the layout's bins (the
 * SVG's and the screen's).  Returns 0, or -1 if out of memory. */
static int csv_histogram(const struct chart *c, FILE *f)
{
    struct chart_layout L;
    char nbuf[CHART_NAME_MAX];
    int i, k;

    if (chart_layout_make(c, &L) < 0)
        return -1;
    fputs("series,bin_lo,bin_hi,count" EOL, f);
    for (i = 0; i < c->nseries && i < L.nseries; i++) {
        const char *name = chart_series_name(c, i, nbuf, sizeof nbuf);

        for (k = 0; k < L.bins; k++) {
            csv_text(f, name);
            fputc(',', f);
            csv_num(f, L.edges[k]);
            fputc(',', f);
            csv_num(f, L.edges[k + 1]);
            fprintf(f, ",%zu" EOL,
                    L.counts[(size_t)i * (size_t)L.bins + (size_t)k]);
        }
    }
    chart_layout_free(&L);
    return 0;
}

/* Writes label,value rows, one per bar. */
static void csv_bar(const struct chart *c, FILE *f)
{
    size_t k, len = c->bar_values ? array_len(c->bar_values) : 0;

    fputs("label,value" EOL, f);
    for (k = 0; k < len; k++) {
        csv_text(f, export_bar_label(c, k));
        fputc(',', f);
        csv_num(f, c->bar_values->data[k]);
        fputs(EOL, f);
    }
}

int export_csv(const struct chart *c, FILE *f)
{
    struct export_locale loc;
    int rc = 0;

    export_locale_c(&loc);
    switch (c->kind) {
    case CHART_HEATMAP:
        csv_heatmap(c, f);
        break;
    case CHART_HISTOGRAM:
        rc = csv_histogram(c, f);
        break;
    case CHART_BAR:
        csv_bar(c, f);
        break;
    case CHART_LINE:
    case CHART_SCATTER:
    default:
        csv_points(c, f);
        break;
    }
    export_locale_restore(&loc);
    if (rc != 0) {
        errno = ENOMEM;
        return -1;
    }
    return export_finish(f);
}
