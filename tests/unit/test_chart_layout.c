/* SPDX-License-Identifier: MIT */
/* Tests for the chart layout: its rules, and screen and SVG agreeing. */
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "chart_layout.h"
#include "export.h"

static char trace_path[] = "/tmp/nnt-test-layout-XXXXXX";

/* Sets the UTF-8 locale and a trace file for the painters. */
static int setup(void **state)
{
    int fd = mkstemp(trace_path);

    (void)state;
    if (fd < 0)
        return -1;
    close(fd);
    setenv("NNTUTOR_LAYOUT_TRACE", trace_path, 1);
    return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

/* Removes the trace file. */
static int teardown(void **state)
{
    (void)state;
    unsetenv("NNTUTOR_LAYOUT_TRACE");
    unlink(trace_path);
    return 0;
}

/* Returns a new 1-D array holding the n values v. */
static struct array *vec(size_t n, const double *v)
{
    struct array *a = array_new(n, 0);

    assert_non_null(a);
    memcpy(a->data, v, n * sizeof *v);
    return a;
}

/* Adds a series of n points (x may be NULL). */
static void add_xy(struct chart *c, size_t n, const double *x,
                   const double *y)
{
    struct chart_series *s = chart_add_series(c);

    assert_non_null(s);
    s->x = x ? vec(n, x) : NULL;
    s->y = vec(n, y);
}

/* Adds a histogram series of n values. */
static void add_values(struct chart *c, size_t n, const double *v)
{
    struct chart_series *s = chart_add_series(c);

    assert_non_null(s);
    s->values = vec(n, v);
}

/* Returns the text after the painter's name on line k (0-based) of the
 * trace, in buf. */
static const char *trace_line(int k, char *buf, size_t n)
{
    FILE *f = fopen(trace_path, "r");
    int i;

    assert_non_null(f);
    for (i = 0; i <= k; i++)
        assert_non_null(fgets(buf, (int)n, f));
    fclose(f);
    buf[strcspn(buf, "\n")] = '\0';
    return buf;
}

/* Paints c on a w x h canvas and as SVG, and checks both showed the same
 * ranges, ticks, bins and levels.  Returns the canvas result code. */
static int agree(const struct chart *c, int w, int h)
{
    char a[8192], b[8192];
    struct canvas cv;
    FILE *f = fopen("/dev/null", "w");
    int rc;

    truncate(trace_path, 0);
    assert_int_equal(canvas_init(&cv, w, h), 0);
    rc = chart_render(c, &cv, glyphs_get(1), a, sizeof a);
    canvas_free(&cv);
    assert_non_null(f);
    assert_int_equal(export_svg(c, f), 0);
    fclose(f);
    if (rc < 0)
        return rc;
    trace_line(0, a, sizeof a);
    trace_line(1, b, sizeof b);
    assert_true(strncmp(a, "canvas ", 7) == 0);
    assert_true(strncmp(b, "svg ", 4) == 0);
    assert_string_equal(a + 7, b + 4);
    return rc;
}

static void test_all_equal(void **state)
{
    static const double v[] = { 100, 100, 100, 100 };
    struct chart *c = chart_new(CHART_HISTOGRAM);
    struct chart_layout L;
    char buf[8192];

    (void)state;
    add_values(c, 4, v);
    assert_int_equal(chart_layout_make(c, &L), 0);
    assert_true(L.x.lo == 90 && L.x.hi == 110);    /* v -+ |v| / 10 */
    assert_int_equal(L.bins, 3);                   /* Sturges: 4 values */
    assert_int_equal(L.counts[1], 4);
    assert_int_equal(L.maxcount, 4);
    chart_layout_free(&L);
    assert_int_equal(agree(c, 60, 16), 0);
    assert_non_null(strstr(trace_line(1, buf, sizeof buf), "x=[90 110]"));
    chart_free(c);

    c = chart_new(CHART_LINE);                     /* a flat line at 0 */
    add_xy(c, 4, NULL, (const double[]){ 0, 0, 0, 0 });
    assert_int_equal(chart_layout_make(c, &L), 0);
    assert_true(L.y.lo == -0.5 && L.y.hi == 0.5);
    chart_layout_free(&L);
    assert_int_equal(agree(c, 60, 16), 0);
    chart_free(c);
}

static void test_one_point_and_nonfinite(void **state)
{
    static const double x[] = { NAN, 2, INFINITY, 3, -INFINITY };
    static const double y[] = { 1, 5, 7, NAN, 9 };
    struct chart *c = chart_new(CHART_SCATTER);
    struct chart_layout L;

    (void)state;
    add_xy(c, 5, x, y);                 /* only (2, 5) can be shown */
    assert_int_equal(chart_layout_make(c, &L), 0);
    assert_int_equal(L.npoints, 1);
    assert_true(fabs(L.x.lo - 1.8) < 1e-12 && fabs(L.x.hi - 2.2) < 1e-12);
    assert_true(fabs(L.y.lo - 4.5) < 1e-12 && fabs(L.y.hi - 5.5) < 1e-12);
    chart_layout_free(&L);
    assert_int_equal(agree(c, 50, 14), 0);
    chart_free(c);
}

static void test_explicit_ranges(void **state)
{
    static const double y[] = { -3, 1, 4, 1, 5 };
    struct chart *c = chart_new(CHART_LINE);
    struct chart_layout L;
    int i;

    (void)state;
    add_xy(c, 5, NULL, y);
    c->has_xrange = c->has_yrange = 1;
    c->xmin = 0.5;
    c->xmax = 5.5;
    c->ymin = -1;
    c->ymax = 2;
    assert_int_equal(chart_layout_make(c, &L), 0);
    assert_true(L.x.lo == 0.5 && L.x.hi == 5.5);   /* shown exactly */
    assert_true(L.y.lo == -1 && L.y.hi == 2);
    for (i = 0; i < L.y.t.n; i++)
        assert_true(L.y.t.values[i] >= -1 && L.y.t.values[i] <= 2);
    chart_layout_free(&L);
    assert_int_equal(agree(c, 70, 18), 0);
    assert_int_equal(agree(c, 24, 8), 0);          /* labels thinned */
    chart_free(c);
}

static void test_log_axes(void **state)
{
    static const double x[] = { 1, 10, 100, 1000 };
    static const double y[] = { 0.002, 0.05, -1, 3 };
    struct chart *c = chart_new(CHART_LINE);
    struct chart_layout L;

    (void)state;
    add_xy(c, 4, x, y);
    c->xlog = c->ylog = 1;
    assert_int_equal(chart_layout_make(c, &L), 0);
    assert_true(L.x.log && L.y.log);
    assert_true(L.x.lo < 0 && L.x.hi > 3);         /* decades, margins */
    assert_int_equal(L.x.t.n, 4);                  /* 1 10 100 1000 */
    assert_true(L.x.nminor >= 8 * 3);              /* 2..9 each decade */
    assert_int_equal(L.npoints, 3);                /* -1 is not shown */
    chart_layout_free(&L);
    assert_int_equal(agree(c, 70, 18), 0);
    chart_free(c);
}

static void test_heatmap(void **state)
{
    struct chart *c = chart_new(CHART_HEATMAP);
    struct chart_layout L;
    size_t i, j;

    (void)state;
    c->hx = vec(3, (const double[]){ 0, 1, 2 });
    c->hy = vec(2, (const double[]){ 10, 20 });
    c->z = array_new(2, 3);
    for (i = 0; i < 2; i++)
        for (j = 0; j < 3; j++)
            c->z->data[i * 3 + j] = (double)(i * 3 + j);
    c->z->data[4] = NAN;
    c->contours = 4;
    c->mark_x = 1;
    c->mark_y = 15;
    assert_int_equal(chart_layout_make(c, &L), 0);
    assert_true(L.x.lo == -0.5 && L.x.hi == 2.5);  /* cells, not centres */
    assert_true(L.y.lo == 5 && L.y.hi == 25);
    assert_true(L.zmin == 0 && L.zmax == 5);
    assert_int_equal(L.nlevels, 4);
    assert_true(L.levels[0] == 1 && L.levels[3] == 4);
    assert_int_equal(layout_band(&L, 2.5), 2);
    assert_int_equal(layout_band(&L, NAN), -1);
    chart_layout_free(&L);
    assert_int_equal(agree(c, 60, 20), 0);
    chart_free(c);
}

static void test_histogram_series_and_range(void **state)
{
    static const double a[] = { 0, 1, 1, 2, 2, 2, 3, NAN, 9 };
    static const double b[] = { 0.5, 0.5, INFINITY };
    struct chart *c = chart_new(CHART_HISTOGRAM);
    struct chart_layout L;

    (void)state;
    add_values(c, 9, a);
    add_values(c, 3, b);
    c->bins = 3;
    c->has_xrange = 1;
    c->xmin = 0;
    c->xmax = 3;
    assert_int_equal(chart_layout_make(c, &L), 0);
    assert_true(L.x.lo == 0 && L.x.hi == 3 && L.bins == 3);
    assert_int_equal(L.counts[0], 1);              /* 9 is outside */
    assert_int_equal(L.counts[2], 4);              /* last bin closed */
    assert_int_equal(L.counts[3], 2);
    assert_int_equal(L.maxcount, 4);
    assert_true(L.y.lo == 0 && fabs(L.y.hi - 4.2) < 1e-12);
    chart_layout_free(&L);
    assert_int_equal(agree(c, 60, 16), 0);
    c->bins = 200;                      /* more bins than columns */
    assert_int_equal(agree(c, 40, 12), 0);
    chart_free(c);
}

static void test_bar(void **state)
{
    static const double v[] = { 0.3, -1.5, NAN, 2 };
    struct chart *c = chart_new(CHART_BAR);
    struct chart_layout L;

    (void)state;
    c->bar_values = vec(4, v);
    assert_int_equal(chart_layout_make(c, &L), 0);
    assert_true(L.x.lo == -1.5 && L.x.hi == 2);
    chart_layout_free(&L);
    assert_int_equal(agree(c, 60, 12), 0);
    chart_free(c);
}

/* Returns the columns and rows of braille cells' bounding box. */
static void ink_box(const struct canvas *cv, int *w, int *h)
{
    int x, y, x0 = cv->w, x1 = -1, y0 = cv->h, y1 = -1;

    for (y = 0; y < cv->h; y++)
        for (x = 0; x < cv->w; x++) {
            wchar_t ch = canvas_at((struct canvas *)cv, x, y)->ch;

            if (ch > 0x2800 && ch <= 0x28ff) {
                x0 = x < x0 ? x : x0;
                x1 = x > x1 ? x : x1;
                y0 = y < y0 ? y : y0;
                y1 = y > y1 ? y : y1;
            }
        }
    *w = x1 - x0 + 1;
    *h = y1 - y0 + 1;
}

static void test_aspect(void **state)
{
    double x[73], y[73], pw, ph;
    struct chart *c = chart_new(CHART_LINE);
    struct chart_layout L;
    struct canvas cv;
    char err[256], *svg = NULL, *p;
    size_t len = 0;
    FILE *f;
    int i, w, h, sizes[3][2] = { { 120, 40 }, { 80, 24 }, { 40, 30 } };
    double sw, sh;

    (void)state;
    for (i = 0; i < 73; i++) {          /* a circle of radius 2 at (1, 0) */
        x[i] = 1 + 2 * cos(i * M_PI / 36);
        y[i] = 2 * sin(i * M_PI / 36);
    }
    add_xy(c, 73, x, y);
    c->aspect = 1;
    assert_int_equal(chart_layout_make(c, &L), 0);
    assert_int_equal(layout_fit_aspect(&L, 100, 100, 1, &pw, &ph), 1);
    assert_true(fabs(pw - 100) < 1e-9 && fabs(ph - 100) < 1e-9);
    assert_int_equal(layout_fit_aspect(&L, 100, 30, CELL_ASPECT, &pw, &ph),
                     1);
    assert_true(fabs(pw - 60) < 1e-9 && fabs(ph - 30) < 1e-9);
    chart_layout_free(&L);
    for (i = 0; i < 3; i++) {           /* round on screen: w = 2 h */
        assert_int_equal(canvas_init(&cv, sizes[i][0], sizes[i][1]), 0);
        assert_int_equal(chart_render(c, &cv, glyphs_get(1), err,
                                      sizeof err), 0);
        ink_box(&cv, &w, &h);
        assert_true(fabs((double)w / (CELL_ASPECT * h) - 1) < 0.12);
        canvas_free(&cv);
    }
    f = open_memstream(&svg, &len);     /* and square in the SVG */
    assert_non_null(f);
    assert_int_equal(export_svg(c, f), 0);
    fclose(f);
    p = strstr(svg, "<clipPath id=\"nnt-plot\"><rect");
    assert_non_null(p);
    p = strstr(p, "width=\"");
    sw = strtod(p + 7, NULL);
    sh = strtod(strstr(p, "height=\"") + 8, NULL);
    assert_true(fabs(sw - sh) <= 1.5);
    free(svg);
    assert_int_equal(agree(c, 80, 24), 0);
    c->aspect = 0;                      /* without it the area is filled */
    assert_int_equal(canvas_init(&cv, 120, 40), 0);
    assert_int_equal(chart_render(c, &cv, glyphs_get(1), err, sizeof err),
                     0);
    ink_box(&cv, &w, &h);
    assert_true((double)w / (CELL_ASPECT * h) > 1.2);
    canvas_free(&cv);
    c->aspect = -1;
    assert_int_equal(chart_validate(c, err, sizeof err), -1);
    assert_non_null(strstr(err, "aspect must be a positive number"));
    chart_free(c);
}

/* The layout never fails on hostile data, and both painters agree. */
static void test_hostile(void **state)
{
    static const double big[] = { -1e308, 1e308, 5e-324, -0.0, 1e300 };
    static const double same[] = { 7, 7, 7, 7, 7 };
    static const double down[] = { 5, 4, 3, 2, 1 };
    const double *sets[] = { big, same, down };
    int kind, i, j;

    (void)state;
    for (kind = CHART_LINE; kind <= CHART_HISTOGRAM; kind++)
        for (i = 0; i < 3; i++)
            for (j = 0; j < 3; j++) {
                struct chart *c = chart_new((enum chart_kind)kind);

                add_xy(c, 5, sets[i], sets[j]);
                c->series[0].values = vec(5, sets[j]);
                c->hx = vec(5, sets[i]);
                c->hy = vec(5, sets[j]);
                c->z = array_new(5, 5);
                memcpy(c->z->data, sets[i], sizeof big);
                c->contours = 3;
                agree(c, 60, 18);
                chart_free(c);
            }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_equal),
        cmocka_unit_test(test_one_point_and_nonfinite),
        cmocka_unit_test(test_explicit_ranges),
        cmocka_unit_test(test_log_axes),
        cmocka_unit_test(test_heatmap),
        cmocka_unit_test(test_histogram_series_and_range),
        cmocka_unit_test(test_bar),
        cmocka_unit_test(test_aspect),
        cmocka_unit_test(test_hostile),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
