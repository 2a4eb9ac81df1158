/* SPDX-License-Identifier: MIT */
/* Tests for the chart model: validation and rendering of every kind. */
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "chart.h"

#define BRAILLE(bits) ((wchar_t)(0x2800 + (bits)))

/* Sets the UTF-8 locale every test needs (main does it in the app). */
static int setup_utf8(void **state)
{
    (void)state;
    return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

/* Returns a new 1-D array holding the n values v (zeros if v is NULL). */
static struct array *vec(size_t n, const double *v)
{
    struct array *a = array_new(n, 0);

    assert_non_null(a);
    if (v)
        memcpy(a->data, v, n * sizeof *v);
    return a;
}

/* Adds a series with n points (x may be NULL) named name. */
static struct chart_series *add(struct chart *c, const char *name, size_t n,
                                const double *x, const double *y)
{
    struct chart_series *s = chart_add_series(c);

    assert_non_null(s);
    s->name = name ? strdup(name) : NULL;
    s->x = x ? vec(n, x) : NULL;
    s->y = vec(n, y);
    return s;
}

/* Renders c into a new w x h canvas; returns the result code. */
static int render(const struct chart *c, int w, int h,
                  const struct glyphs *g, struct canvas *cv, char *err)
{
    assert_int_equal(canvas_init(cv, w, h), 0);
    return chart_render(c, cv, g, err, 256);
}

/* Returns row y of cv as UTF-8 in a static buffer. */
static const char *row(const struct canvas *cv, int y)
{
    static char buf[4096];

    canvas_row_utf8(cv, y, buf, sizeof buf);
    return buf;
}

/* Returns the character at (x, y). */
static wchar_t ch(struct canvas *cv, int x, int y)
{
    return canvas_at(cv, x, y)->ch;
}

/* Returns the number of cells of cv holding braille. */
static int braille_cells(struct canvas *cv)
{
    int x, y, n = 0;

    for (y = 0; y < cv->h; y++)
        for (x = 0; x < cv->w; x++)
            n += ch(cv, x, y) >= 0x2801 && ch(cv, x, y) <= 0x28FF;
    return n;
}

/* Sets explicit ranges so a bare 5 x 3 plot maps x 0..9 and y 0..11 to
 * dot columns 0..9 and dot rows 11..0 exactly. */
static void dot_ranges(struct chart *c)
{
    c->has_xrange = c->has_yrange = 1;
    c->xmin = 0;
    c->xmax = 9;
    c->ymin = 0;
    c->ymax = 11;
}

static void test_new_and_free(void **state)
{
    struct chart *c = chart_new(CHART_HEATMAP);

    (void)state;
    assert_non_null(c);
    assert_int_equal(c->kind, CHART_HEATMAP);
    assert_true(isnan(c->mark_x) && isnan(c->mark_y));
    assert_int_equal(c->nseries, 0);
    add(c, "a", 3, NULL, NULL);
    add(c, NULL, 3, NULL, NULL);
    assert_int_equal(c->nseries, 2);
    assert_int_equal(c->series[1].style, STYLE_LINE);
    c->labels = calloc(2, sizeof *c->labels);
    c->labels[0] = strdup("w1");
    chart_free(c);
    chart_free(NULL);
}

static void test_validate_xy(void **state)
{
    static const double nan2[] = { NAN, INFINITY };
    static const double neg[] = { -1, 0 };
    static const double ten[10] = { 0 };
    struct chart *c = chart_new(CHART_LINE);
    char err[256];

    (void)state;
    assert_int_equal(chart_validate(c, err, sizeof err), -1);
    assert_string_equal(err, "no data: the chart has no series");
    add(c, "data", 10, ten, ten);
    add(c, "fit", 10, ten, ten);
    array_unref(c->series[1].y);
    c->series[1].y = vec(9, NULL);
    assert_int_equal(chart_validate(c, err, sizeof err), -1);
    assert_string_equal(err, "series 2 (\"fit\"): x has 10 values but y has 9");
    free(c->series[1].name);
    c->series[1].name = NULL;
    chart_validate(c, err, sizeof err);
    assert_string_equal(err, "series 2: x has 10 values but y has 9");
    chart_free(c);

    c = chart_new(CHART_SCATTER);
    add(c, NULL, 0, NULL, NULL);        /* y of length 0 */
    assert_int_equal(chart_validate(c, err, sizeof err), -1);
    assert_string_equal(err, "series 1: y is empty");
    chart_free(c);

    c = chart_new(CHART_LINE);
    add(c, NULL, 2, NULL, nan2);
    assert_int_equal(chart_validate(c, err, sizeof err), -1);
    assert_string_equal(err, "no data: every point is NaN or infinite");
    chart_free(c);

    c = chart_new(CHART_LINE);
    add(c, NULL, 2, NULL, neg);
    assert_int_equal(chart_validate(c, err, sizeof err), 0);
    c->ylog = 1;
    assert_int_equal(chart_validate(c, err, sizeof err), -1);
    assert_string_equal(err, "y has no positive values for a log axis");
    c->ylog = 0;
    c->has_xrange = 1;
    c->xmin = 2;
    c->xmax = 1;
    assert_int_equal(chart_validate(c, err, sizeof err), -1);
    assert_non_null(strstr(err, "x range"));
    chart_free(c);
}

static void test_validate_heatmap_histogram_bar(void **state)
{
    struct chart *c = chart_new(CHART_HEATMAP);
    char err[256];
    int i;

    (void)state;
    assert_int_equal(chart_validate(c, err, sizeof err), -1);
    assert_string_equal(err, "heatmap: no z values");
    c->z = array_new(2, 3);
    c->hx = vec(3, NULL);
    c->hy = vec(3, NULL);
    assert_int_equal(chart_validate(c, err, sizeof err), -1);
    assert_string_equal(err, "heatmap: z has 2 rows but y has 3 values");
    array_unref(c->hy);
    c->hy = vec(2, NULL);
    assert_int_equal(chart_validate(c, err, sizeof err), 0);
    array_unref(c->hx);
    c->hx = vec(4, NULL);
    assert_int_equal(chart_validate(c, err, sizeof err), -1);
    assert_string_equal(err, "heatmap: z has 3 columns but x has 4 values");
    array_unref(c->hx);
    c->hx = NULL;                       /* x = 1..3 */
    for (i = 0; i < 6; i++)
        c->z->data[i] = NAN;
    assert_int_equal(chart_validate(c, err, sizeof err), -1);
    assert_string_equal(err, "heatmap: z has no finite values");
    array_unref(c->z);
    c->z = vec(6, NULL);                /* 1-D */
    assert_int_equal(chart_validate(c, err, sizeof err), -1);
    assert_non_null(strstr(err, "2-D"));
    chart_free(c);

    c = chart_new(CHART_HISTOGRAM);
    assert_int_equal(chart_validate(c, err, sizeof err), -1);
    assert_string_equal(err, "histogram: no values");
    chart_add_series(c)->values = vec(2, (double[]){ NAN, NAN });
    assert_int_equal(chart_validate(c, err, sizeof err), -1);
    assert_non_null(strstr(err, "NaN"));
    chart_free(c);

    c = chart_new(CHART_BAR);
    assert_int_equal(chart_validate(c, err, sizeof err), -1);
    assert_string_equal(err, "bar: no values");
    c->bar_values = vec(2, (double[]){ 1, 2 });
    assert_int_equal(chart_validate(c, err, sizeof err), 0);
    c->labels = calloc(2, sizeof *c->labels);
    c->labels[0] = strdup("w1");
    assert_int_equal(chart_validate(c, err, sizeof err), -1);
    assert_string_equal(err, "bar: 1 labels but 2 values");
    chart_free(c);
}

static void test_braille_dot_bits(void **state)
{
    /* dots (0, 0), (1, 11), (9, 3) and (4, 7) */
    static const double x[] = { 0, 1, 9, 4 }, y[] = { 11, 0, 8, 4 };
    struct chart *c = chart_new(CHART_SCATTER);
    struct canvas cv;
    char err[256];

    (void)state;
    dot_ranges(c);
    add(c, NULL, 4, x, y);
    assert_int_equal(render(c, 5, 3, glyphs_get(1), &cv, err), 0);
    assert_int_equal(ch(&cv, 0, 0), BRAILLE(0x01));   /* col 0, row 0 */
    assert_int_equal(ch(&cv, 0, 2), BRAILLE(0x80));   /* col 1, row 3 */
    assert_int_equal(ch(&cv, 4, 0), BRAILLE(0x80));   /* col 1, row 3 */
    assert_int_equal(ch(&cv, 2, 1), BRAILLE(0x40));   /* col 0, row 3 */
    assert_int_equal(braille_cells(&cv), 4);
    assert_int_equal(canvas_at(&cv, 0, 0)->fg, COL_SERIES1);
    canvas_free(&cv);
    chart_free(c);
}

static void test_line_and_gaps(void **state)
{
    static const double x[] = { 0, 4.5, 9 };
    static const double flat[] = { 0, 0, 0 };
    static const double gap[] = { 0, NAN, 0 };
    static const double inf[] = { 0, INFINITY, 0 };
    struct chart *c = chart_new(CHART_LINE);
    struct canvas cv;
    char err[256];
    int i;

    (void)state;
    dot_ranges(c);
    add(c, NULL, 3, x, flat);
    assert_int_equal(render(c, 5, 3, glyphs_get(1), &cv, err), 0);
    for (i = 0; i < 5; i++)             /* bottom dot row, both columns */
        assert_int_equal(ch(&cv, i, 2), BRAILLE(0x40 | 0x80));
    canvas_free(&cv);
    memcpy(c->series[0].y->data, gap, sizeof gap);
    assert_int_equal(render(c, 5, 3, glyphs_get(1), &cv, err), 0);
    assert_int_equal(ch(&cv, 0, 2), BRAILLE(0x40));
    assert_int_equal(ch(&cv, 4, 2), BRAILLE(0x80));
    for (i = 1; i < 4; i++)             /* NaN breaks the line */
        assert_int_equal(ch(&cv, i, 2), L' ');
    canvas_free(&cv);
    memcpy(c->series[0].y->data, inf, sizeof inf);
    assert_int_equal(render(c, 5, 3, glyphs_get(1), &cv, err), 0);
    assert_int_equal(ch(&cv, 2, 2), L' ');
    canvas_free(&cv);
    chart_free(c);
}

static void test_points_style_and_overlap(void **state)
{
    static const double x1[] = { 0, 9 }, y1[] = { 11, 11 };
    static const double x2[] = { 1 }, y2[] = { 11 };
    struct chart *c = chart_new(CHART_LINE);
    struct canvas cv;
    char err[256];

    (void)state;
    dot_ranges(c);
    add(c, NULL, 2, x1, y1)->style = STYLE_POINTS;
    add(c, NULL, 1, x2, y2);
    assert_int_equal(render(c, 5, 3, glyphs_get(1), &cv, err), 0);
    /* two points: cell markers, drawn over the line */
    assert_int_equal(ch(&cv, 0, 0), 0x2022);
    assert_int_equal(canvas_at(&cv, 0, 0)->fg, COL_SERIES1);
    assert_int_equal(ch(&cv, 2, 0), L' ');          /* points: no line */
    assert_int_equal(ch(&cv, 4, 0), 0x2022);
    canvas_free(&cv);
    c->marks = MARKS_DOTS;
    assert_int_equal(render(c, 5, 3, glyphs_get(1), &cv, err), 0);
    /* the one-point line carries its marker; the points are dots */
    assert_int_equal(ch(&cv, 0, 0), 0x25CB);
    assert_int_equal(canvas_at(&cv, 0, 0)->fg, COL_SERIES2);
    assert_int_equal(ch(&cv, 4, 0), BRAILLE(0x08));
    assert_int_equal(canvas_at(&cv, 4, 0)->fg, COL_SERIES1);
    canvas_free(&cv);
    chart_free(c);
}

static void test_ascii_marks(void **state)
{
    static const double x[] = { 0, 9 }, y1[] = { 11, 11 }, y2[] = { 0, 0 };
    struct chart *c = chart_new(CHART_LINE);
    struct canvas cv;
    char err[256];

    (void)state;
    dot_ranges(c);
    add(c, "a", 2, x, y1);
    add(c, "b", 2, x, y2);
    assert_int_equal(render(c, 5, 3, glyphs_get(0), &cv, err), 0);
    assert_string_equal(row(&cv, 0), "*****");
    assert_string_equal(row(&cv, 1), "");
    assert_string_equal(row(&cv, 2), "ooooo");
    canvas_free(&cv);
    chart_free(c);
}

static void test_golden_line(void **state)
{
    static const double y[] = { 4, 2, 1, 0.5, 0.25 };
    /* every tick of the layout is marked, every other one labelled */
    static const char *const uni[] = {
        "          loss",
        "4┤⠐⢄",
        " ┤  ⠑⡄",
        " │   ⠈⠢⡀",
        "2┤     ⠈⠒⠤⣀",
        " ┤         ⠉⠒⠤⣀⡀",
        " │             ⠈⠉⠑⠒⠒⠢⠤⠤⠄",
        " └┬──┬─┬──┬──┬─┬──┬─┬──┬",
        "  1    2     3    4    5",
        "           step",
    };
    static const char *const ascii[] = {
        "          loss",
        "4+ *",
        " +  **",
        " |    **",
        "2+      ***",
        " +         ****",
        " |             ********",
        " +-+-+--+-+--+-+-+--+-+-",
        "   1    2    3   4    5",
        "           step",
    };
    struct chart *c = chart_new(CHART_LINE);
    struct canvas cv;
    char err[256];
    int i;

    (void)state;
    c->title = strdup("loss");
    c->xlabel = strdup("step");
    add(c, NULL, 5, NULL, y);
    assert_int_equal(render(c, 24, 10, glyphs_get(1), &cv, err), 0);
    for (i = 0; i < 10; i++)
        assert_string_equal(row(&cv, i), uni[i]);
    assert_int_equal(canvas_at(&cv, 10, 0)->fg, COL_TITLE);
    assert_int_equal(canvas_at(&cv, 10, 0)->attr, ATTR_BOLD);
    canvas_free(&cv);
    assert_int_equal(render(c, 24, 10, glyphs_get(0), &cv, err), 0);
    for (i = 0; i < 10; i++)
        assert_string_equal(row(&cv, i), ascii[i]);
    canvas_free(&cv);
    chart_free(c);
}

static void test_legend_and_labels(void **state)
{
    static const double y[] = { 1, 2, 3 };
    struct chart *c = chart_new(CHART_LINE);
    struct canvas cv;
    char err[256];

    (void)state;
    c->title = strdup("Title");
    c->ylabel = strdup("loss");
    add(c, "train", 3, NULL, y);
    add(c, "test", 3, NULL, y)->style = STYLE_POINTS;
    assert_int_equal(render(c, 40, 12, glyphs_get(1), &cv, err), 0);
    assert_string_equal(row(&cv, 0), "                 Title");
    /* ylabel at the left, legend ending at the right edge */
    assert_string_equal(row(&cv, 1),
                        "loss                   ─•─ train  ○ test");
    assert_int_equal(canvas_at(&cv, 23, 1)->fg, COL_SERIES1);
    assert_int_equal(canvas_at(&cv, 25, 1)->fg, COL_SERIES1);
    assert_int_equal(canvas_at(&cv, 34, 1)->fg, COL_SERIES2);
    assert_int_equal(canvas_at(&cv, 27, 1)->fg, COL_LABEL);
    canvas_free(&cv);
    chart_free(c);
    /* series that share a name are told apart, as in the CSV and SVG */
    c = chart_new(CHART_LINE);
    add(c, "fit", 3, NULL, y);
    add(c, "fit", 3, NULL, y);
    assert_int_equal(render(c, 40, 12, glyphs_get(1), &cv, err), 0);
    assert_non_null(strstr(row(&cv, 0), "─•─ fit  ╌○╌ fit (2)"));
    canvas_free(&cv);
    chart_free(c);
}

static void test_log_axis(void **state)
{
    static const double y[] = { -1, 0, 1, 10, 100, 1000 };
    struct chart *c = chart_new(CHART_LINE);
    struct canvas cv;
    char err[256];
    int yy, found = 0;

    (void)state;
    add(c, NULL, 6, NULL, y);
    c->ylog = 1;
    assert_int_equal(render(c, 40, 12, glyphs_get(1), &cv, err), 0);
    for (yy = 0; yy < cv.h; yy++)
        found += strncmp(row(&cv, yy), "1000┤", 7) == 0
               || strncmp(row(&cv, yy), " 100┤", 7) == 0
               || strncmp(row(&cv, yy), "  10┤", 7) == 0;
    assert_int_equal(found, 3);
    canvas_free(&cv);
    chart_free(c);
}

/* Builds a 2 x 1 heatmap: z 0 at y 0 (bottom), top at y 1. */
static struct chart *two_row_heatmap(double bottom, double top)
{
    struct chart *c = chart_new(CHART_HEATMAP);

    c->z = array_new(2, 1);
    c->z->data[0] = bottom;
    c->z->data[1] = top;
    c->hy = vec(2, (double[]){ 0, 1 });
    return c;
}

static void test_heatmap_half_blocks(void **state)
{
    const struct glyphs *g = glyphs_get(1);
    struct chart *c = two_row_heatmap(0, 1);
    struct canvas cv;
    struct cell *k;
    char err[256];

    (void)state;
    assert_int_equal(render(c, 5, 3, g, &cv, err), 0);
    k = canvas_at(&cv, 0, 0);
    assert_int_equal(k->ch, g->half_upper);
    assert_int_equal(k->fg, COL_HEAT0 + HEAT_LEVELS - 1);
    assert_int_equal(k->bg, COL_HEAT0 + HEAT_LEVELS - 1);
    k = canvas_at(&cv, 0, 1);           /* upper half top row, lower not */
    assert_int_equal(k->fg, COL_HEAT0 + HEAT_LEVELS - 1);
    assert_int_equal(k->bg, COL_HEAT0);
    k = canvas_at(&cv, 4, 2);
    assert_int_equal(k->fg, COL_HEAT0);
    assert_int_equal(k->bg, COL_HEAT0);
    canvas_free(&cv);
    chart_free(c);

    c = two_row_heatmap(NAN, 1);        /* NaN is blank */
    assert_int_equal(render(c, 5, 3, g, &cv, err), 0);
    assert_int_equal(ch(&cv, 0, 2), L' ');
    assert_int_equal(canvas_at(&cv, 0, 2)->bg, COL_DEFAULT);
    assert_int_equal(canvas_at(&cv, 0, 1)->bg, COL_DEFAULT);
    assert_int_equal(ch(&cv, 0, 0), g->half_upper);
    canvas_free(&cv);
    chart_free(c);
}

static void test_heatmap_mono_and_ascii(void **state)
{
    struct chart *c = two_row_heatmap(0, 1);
    struct canvas cv;
    char err[256];

    (void)state;
    assert_int_equal(render(c, 5, 3, glyphs_get_mono(1), &cv, err), 0);
    assert_string_equal(row(&cv, 0), "@@@@@");
    assert_string_equal(row(&cv, 2), "");       /* lowest shade is blank */
    assert_int_equal(canvas_at(&cv, 0, 0)->fg, COL_DEFAULT);
    canvas_free(&cv);
    assert_int_equal(render(c, 5, 3, glyphs_get(0), &cv, err), 0);
    assert_string_equal(row(&cv, 0), "@@@@@");
    assert_int_equal(canvas_at(&cv, 0, 0)->fg, COL_HEAT0 + HEAT_LEVELS - 1);
    canvas_free(&cv);
    chart_free(c);
}

static void test_heatmap_full(void **state)
{
    const struct glyphs *g = glyphs_get(1);
    struct chart *c = chart_new(CHART_HEATMAP);
    struct canvas cv;
    char err[256];
    int i, j, n = 21, marker = 0, x, y;

    (void)state;
    c->hx = vec((size_t)n, NULL);
    c->hy = vec((size_t)n, NULL);
    c->z = array_new((size_t)n, (size_t)n);
    for (i = 0; i < n; i++) {
        c->hx->data[i] = c->hy->data[i] = -1 + 2.0 * i / (n - 1);
        for (j = 0; j < n; j++)
            c->z->data[i * n + j] = c->hx->data[i] * c->hx->data[i]
                                  + 2 * (-1 + 2.0 * j / (n - 1));
    }
    c->contours = 5;
    c->mark_x = 0.5;
    c->mark_y = -0.5;
    c->title = strdup("landscape");
    assert_int_equal(render(c, 60, 20, g, &cv, err), 0);
    assert_true(braille_cells(&cv) > 10);          /* contour dots */
    for (y = 0; y < cv.h; y++)
        for (x = 0; x < cv.w; x++)
            marker += ch(&cv, x, y) == g->marker;
    assert_int_equal(marker, 1);
    assert_non_null(strstr(row(&cv, 1), " 3"));    /* colour bar max */
    assert_non_null(strstr(row(&cv, 17), " -2"));  /* and min */
    canvas_free(&cv);
    chart_free(c);
}

static void test_histogram_bars(void **state)
{
    const struct glyphs *g = glyphs_get(1);
    struct chart *c = chart_new(CHART_HISTOGRAM);
    struct canvas cv;
    char err[256];

    (void)state;
    chart_add_series(c)->values = vec(4, (double[]){ 0, 0, 0, 1 });
    c->bins = 2;
    /* bare 4 x 2 plot, 16 eighths over [0, 3.15]: 3 -> 15, 1 -> 5 */
    assert_int_equal(render(c, 4, 2, g, &cv, err), 0);
    assert_int_equal(ch(&cv, 0, 1), g->vert_eighths[8]);
    assert_int_equal(ch(&cv, 0, 0), g->vert_eighths[7]);
    assert_int_equal(ch(&cv, 1, 0), g->vert_eighths[7]);
    assert_int_equal(ch(&cv, 2, 1), g->vert_eighths[5]);
    assert_int_equal(ch(&cv, 2, 0), L' ');
    assert_int_equal(canvas_at(&cv, 0, 1)->fg, COL_SERIES1);
    canvas_free(&cv);
    chart_free(c);
}

/* Returns the number of cells of cv holding ch. */
static int count_ch(struct canvas *cv, wchar_t c)
{
    int x, y, n = 0;

    for (y = 0; y < cv->h; y++)
        for (x = 0; x < cv->w; x++)
            n += ch(cv, x, y) == c;
    return n;
}

/* A sparse scatter is drawn as cell markers, a dense one as braille;
 * marks = "cells" / "dots" force either. */
static void test_points_cells_or_dots(void **state)
{
    static double x[1000], y[1000];
    const struct glyphs *g = glyphs_get(1);
    struct chart *c;
    struct canvas cv;
    char err[256];
    int i;

    (void)state;
    for (i = 0; i < 1000; i++) {
        x[i] = i % 10 * 7 + i / 10 % 7;         /* a spread-out grid */
        y[i] = i / 70 + (i % 3) * 0.3;
    }
    c = chart_new(CHART_SCATTER);
    add(c, "few", 12, x, y);
    assert_int_equal(render(c, 60, 20, g, &cv, err), 0);
    assert_int_equal(count_ch(&cv, 0x2022), 12 + 1); /* 12 cells, key */
    assert_int_equal(braille_cells(&cv), 0);
    canvas_free(&cv);
    c->marks = MARKS_DOTS;
    assert_int_equal(render(c, 60, 20, g, &cv, err), 0);
    assert_int_equal(count_ch(&cv, 0x2022), 1);     /* the legend only */
    assert_true(braille_cells(&cv) >= 6);
    canvas_free(&cv);
    chart_free(c);

    c = chart_new(CHART_SCATTER);
    add(c, "many", 1000, x, y);
    assert_int_equal(render(c, 60, 20, g, &cv, err), 0);
    assert_int_equal(count_ch(&cv, 0x2022), 1);     /* dense: braille */
    assert_true(braille_cells(&cv) > 100);
    canvas_free(&cv);
    c->marks = MARKS_CELLS;
    assert_int_equal(render(c, 60, 20, g, &cv, err), 0);
    assert_true(count_ch(&cv, 0x2022) > 100);
    assert_int_equal(braille_cells(&cv), 0);
    canvas_free(&cv);
    chart_free(c);
}

/* Two lines over the same path (L2 drawn over L1): every dot of each is
 * kept, both colours show along it, and each carries its marker. */
static void test_lines_overlap_visible(void **state)
{
    static const double x[] = { 0, 9 }, y[] = { 0, 11 }, z[] = { 11, 0 };
    const struct glyphs *g = glyphs_get(1);
    struct chart *c = chart_new(CHART_LINE);
    struct canvas cv;
    char err[256];
    int cx, cy, c1 = 0, c2 = 0;

    (void)state;
    dot_ranges(c);
    add(c, "L1", 2, x, y);
    add(c, "L2", 2, x, y);
    assert_int_equal(render(c, 40, 12, g, &cv, err), 0);
    for (cy = 1; cy < cv.h; cy++)
        for (cx = 0; cx < cv.w; cx++) {
            c1 += canvas_at(&cv, cx, cy)->fg == COL_SERIES1;
            c2 += canvas_at(&cv, cx, cy)->fg == COL_SERIES2;
        }
    assert_true(c1 >= 8 && c2 >= 8);    /* shared cells take turns */
    assert_true(count_ch(&cv, 0x2022) >= 1 + 2);   /* key, along it */
    assert_true(count_ch(&cv, 0x25CB) >= 1 + 2);
    canvas_free(&cv);
    chart_free(c);

    /* two crossing lines: the crossing cell holds the dots of both */
    c = chart_new(CHART_LINE);
    dot_ranges(c);
    add(c, NULL, 2, x, y);
    add(c, NULL, 2, x, z);
    c->marks = MARKS_DOTS;
    assert_int_equal(render(c, 10, 3, g, &cv, err), 0);
    /* 10 x 3 plot of 20 x 12 dots: both diagonals meet in the middle */
    assert_true(ch(&cv, 4, 1) >= 0x2800 || ch(&cv, 5, 1) >= 0x2800);
    for (cx = 0, c1 = c2 = 0; cx < 10; cx++) {
        c1 += canvas_at(&cv, cx, 0)->fg != COL_DEFAULT;
        c2 += canvas_at(&cv, cx, 2)->fg != COL_DEFAULT;
    }
    assert_true(c1 >= 2 && c2 >= 2);    /* both ends of both lines */
    canvas_free(&cv);
    chart_free(c);
}

/* Line styles show in braille: a dashed line leaves gaps a solid one
 * fills; the ASCII painter draws each series in its own mark. */
static void test_line_styles_drawn(void **state)
{
    static const double x[] = { 0, 9 }, y[] = { 5, 5 }, w[] = { 1, 1 };
    struct chart *c = chart_new(CHART_LINE);
    struct canvas cv;
    char err[256];
    int solid, dashed;

    (void)state;
    dot_ranges(c);
    add(c, NULL, 2, x, y);
    add(c, NULL, 2, x, w);
    c->marks = MARKS_DOTS;
    assert_int_equal(render(c, 40, 12, glyphs_get(1), &cv, err), 0);
    solid = dashed = 0;
    for (int cy = 0; cy < cv.h; cy++)
        for (int cx = 0; cx < cv.w; cx++) {
            wchar_t k = ch(&cv, cx, cy);

            if (k < 0x2801 || k > 0x28FF)
                continue;
            solid += canvas_at(&cv, cx, cy)->fg == COL_SERIES1;
            dashed += canvas_at(&cv, cx, cy)->fg == COL_SERIES2;
        }
    assert_true(solid >= 30);           /* the whole width but markers */
    assert_true(dashed > 12 && dashed < solid - 6);
    canvas_free(&cv);
    assert_int_equal(render(c, 40, 12, glyphs_get(0), &cv, err), 0);
    assert_true(count_ch(&cv, L'*') > 30);
    assert_true(count_ch(&cv, L'o') > 30);
    canvas_free(&cv);
    chart_free(c);
}

/* Points: the series with fewer points is drawn on top, whatever its
 * place in the list, and markers sit over lines. */
static void test_points_sparse_on_top(void **state)
{
    static double x[30], y[30];
    static const double one_x[] = { 0 }, one_y[] = { 0 };
    static const double lx[] = { 0, 9 }, ly[] = { 0, 0 };
    struct chart *c = chart_new(CHART_LINE);
    struct canvas cv;
    char err[256];
    int i;

    (void)state;
    for (i = 0; i < 30; i++) {
        x[i] = i % 10;
        y[i] = i / 10 * 4;                      /* rows 0, 4 and 8 */
    }
    dot_ranges(c);
    add(c, NULL, 2, lx, ly);                    /* a line under them */
    add(c, NULL, 1, one_x, one_y)->style = STYLE_POINTS;
    add(c, NULL, 30, x, y)->style = STYLE_POINTS;
    c->marks = MARKS_CELLS;
    assert_int_equal(render(c, 10, 12, glyphs_get(1), &cv, err), 0);
    /* (0, 0) is in all three: the single point of series 2 wins */
    assert_int_equal(ch(&cv, 0, 11), 0x25CB);
    assert_int_equal(canvas_at(&cv, 0, 11)->fg, COL_SERIES2);
    assert_int_equal(ch(&cv, 9, 11), 0x25C6);   /* series 3 over the line */
    canvas_free(&cv);
    chart_free(c);
}

static void test_histogram_overlay(void **state)
{
    const struct glyphs *g = glyphs_get(1);
    struct chart *c = chart_new(CHART_HISTOGRAM);
    struct canvas cv;
    char err[256];
    int x, y, c1 = 0, c2 = 0;

    (void)state;
    chart_add_series(c)->values = vec(3, (double[]){ 0, 0, 1 });
    chart_add_series(c)->values = vec(3, (double[]){ 0, 1, 1 });
    c->series[0].name = strdup("a");
    c->series[1].name = strdup("b");
    assert_int_equal(render(c, 40, 12, g, &cv, err), 0);
    for (y = 2; y < cv.h; y++)
        for (x = 0; x < cv.w; x++) {
            c1 += canvas_at(&cv, x, y)->fg == COL_SERIES1;
            c2 += canvas_at(&cv, x, y)->fg == COL_SERIES2;
        }
    assert_true(c1 > 0 && c2 > 0);     /* both series visible */
    canvas_free(&cv);
    /* 3 bins over 30 columns: side by side, each in its own fill */
    c->bins = 3;
    assert_int_equal(render(c, 40, 12, g, &cv, err), 0);
    assert_true(count_ch(&cv, 0x2588) >= 2);        /* █ a, and its key */
    assert_true(count_ch(&cv, 0x2593) >= 3);        /* ▓ b, and its key */
    for (y = 2; y < cv.h; y++)
        for (x = 1; x < cv.w; x++)      /* b stands right of a, never on */
            assert_false(ch(&cv, x, y) == 0x2588
                         && ch(&cv, x - 1, y) == 0x2593);
    canvas_free(&cv);
    chart_free(c);
}

static void test_bar_signs(void **state)
{
    const struct glyphs *g = glyphs_get(1);
    struct chart *c = chart_new(CHART_BAR);
    struct canvas cv;
    char err[256];
    const char *r;
    int zc = -1, x;

    (void)state;
    c->bar_values = vec(3, (double[]){ 2, -1, NAN });
    c->labels = calloc(4, sizeof *c->labels);
    c->labels[0] = strdup("up");
    c->labels[1] = strdup("down");
    c->labels[2] = strdup("none");
    assert_int_equal(render(c, 30, 3, g, &cv, err), 0);
    for (x = 0; x < cv.w; x++)
        if (ch(&cv, x, 0) == g->vline)
            zc = x;
    assert_true(zc > 5);
    assert_int_equal(ch(&cv, zc, 1), g->vline);
    assert_int_equal(ch(&cv, zc + 1, 0), g->eighths[8]);
    assert_int_equal(ch(&cv, zc - 1, 0), L' ');
    assert_int_equal(ch(&cv, zc - 1, 1), g->eighths[8]);
    assert_int_equal(ch(&cv, zc + 1, 1), L' ');
    assert_int_equal(canvas_at(&cv, zc - 1, 1)->fg, COL_SERIES2);
    r = row(&cv, 0);
    assert_true(strncmp(r, "  up", 4) == 0);
    assert_non_null(strstr(r, " 2"));
    assert_non_null(strstr(row(&cv, 1), "-1 "));
    assert_non_null(strstr(row(&cv, 2), "nan"));
    canvas_free(&cv);
    chart_free(c);
}

/* Builds a chart of kind with data full of awkward values. */
static struct chart *awkward(enum chart_kind kind, int seed)
{
    static const double odd[] = { NAN, INFINITY, -INFINITY, 0, -0.0, 1e308,
                                  -1e308, 1e-310, 1, 1, 1, -5, 3.5 };
    struct chart *c = chart_new(kind);
    size_t n = 7 + (size_t)(seed % 5), i;
    struct array *v = vec(n, NULL);

    for (i = 0; i < n; i++)
        v->data[i] = odd[(i * 7 + (size_t)seed) % 13];
    switch (kind) {
    case CHART_LINE:
    case CHART_SCATTER:
        chart_add_series(c)->y = v;
        c->xlog = seed & 1;
        c->ylog = seed & 2;
        break;
    case CHART_HEATMAP:
        c->z = array_new(2, (n + 1) / 2);
        for (i = 0; i < array_len(c->z); i++)
            c->z->data[i] = v->data[i % n];
        c->contours = seed % 4;
        c->mark_x = v->data[0];
        c->mark_y = 1;
        array_unref(v);
        break;
    case CHART_HISTOGRAM:
        chart_add_series(c)->values = v;
        c->bins = seed % 3 ? seed * 1000 : 0;
        break;
    case CHART_BAR:
        c->bar_values = v;
        break;
    }
    return c;
}

static void test_never_crash(void **state)
{
    static const int sizes[][2] = {
        { 1, 1 }, { 2, 1 }, { 5, 3 }, { 7, 2 }, { 12, 5 }, { 80, 20 },
    };
    const struct glyphs *gs[3] = { glyphs_get(1), glyphs_get(0),
                                   glyphs_get_mono(1) };
    struct canvas cv;
    char err[256];
    int k, s, seed, gi, rc;

    (void)state;
    for (k = CHART_LINE; k <= CHART_BAR; k++)
        for (seed = 0; seed < 12; seed++) {
            struct chart *c = awkward((enum chart_kind)k, seed);

            for (s = 0; s < 6; s++)
                for (gi = 0; gi < 3; gi++) {
                    err[0] = '\0';
                    rc = render(c, sizes[s][0], sizes[s][1], gs[gi], &cv,
                                err);
                    assert_true(rc == 0 || (rc == -1 && err[0]));
                    canvas_free(&cv);
                }
            chart_free(c);
        }
}

static void test_no_canvas(void **state)
{
    struct chart *c = awkward(CHART_LINE, 0);
    struct canvas cv;
    char err[256];

    (void)state;
    assert_int_equal(render(c, 0, 0, glyphs_get(1), &cv, err), -1);
    assert_string_equal(err, "chart area too small");
    canvas_free(&cv);
    chart_free(c);
}

static void test_million_points(void **state)
{
    struct chart *c = chart_new(CHART_LINE);
    struct chart_series *s = chart_add_series(c);
    struct canvas cv;
    char err[256];
    size_t i, n = 1000000;

    (void)state;
    s->x = array_new(n, 0);
    s->y = array_new(n, 0);
    for (i = 0; i < n; i++) {
        s->x->data[i] = (double)i;
        s->y->data[i] = sin((double)i * 1e-4) + (double)(i % 7) * 1e-3;
    }
    assert_int_equal(render(c, 80, 20, glyphs_get(1), &cv, err), 0);
    assert_true(braille_cells(&cv) > 60);
    canvas_free(&cv);
    chart_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_and_free),
        cmocka_unit_test(test_validate_xy),
        cmocka_unit_test(test_validate_heatmap_histogram_bar),
        cmocka_unit_test(test_braille_dot_bits),
        cmocka_unit_test(test_line_and_gaps),
        cmocka_unit_test(test_points_style_and_overlap),
        cmocka_unit_test(test_ascii_marks),
        cmocka_unit_test(test_golden_line),
        cmocka_unit_test(test_legend_and_labels),
        cmocka_unit_test(test_log_axis),
        cmocka_unit_test(test_heatmap_half_blocks),
        cmocka_unit_test(test_heatmap_mono_and_ascii),
        cmocka_unit_test(test_heatmap_full),
        cmocka_unit_test(test_histogram_bars),
        cmocka_unit_test(test_points_cells_or_dots),
        cmocka_unit_test(test_lines_overlap_visible),
        cmocka_unit_test(test_line_styles_drawn),
        cmocka_unit_test(test_points_sparse_on_top),
        cmocka_unit_test(test_histogram_overlay),
        cmocka_unit_test(test_bar_signs),
        cmocka_unit_test(test_never_crash),
        cmocka_unit_test(test_no_canvas),
        cmocka_unit_test(test_million_points),
    };

    return cmocka_run_group_tests(tests, setup_utf8, NULL);
}
