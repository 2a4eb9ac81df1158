/* SPDX-License-Identifier: MIT */
/* Tests for the explore screen's page: axes that hold still while the
 * controls move (and the data extent they come from), and the controls
 * laid out: sliders wide enough to see a step, choices, switches. */
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

#include "page.h"

/* Returns a line chart of the points (i, lo + (hi - lo) i / 4), i = 0..4,
 * with a NaN in the middle. */
static struct chart *line(double lo, double hi)
{
    struct chart *c = chart_new(CHART_LINE);
    struct chart_series *s = chart_add_series(c);

    s->x = array_new(5, 0);
    s->y = array_new(5, 0);
    for (int i = 0; i < 5; i++) {
        s->x->data[i] = i;
        s->y->data[i] = lo + (hi - lo) * i / 4;
    }
    s->y->data[2] = NAN;
    return c;
}

/* The chart at position k of the explore screen on pg. */
static struct chart *shown(struct page *pg, int k)
{
    return pg->charts[pg->base_charts + k];
}

/* One drawing of an explore screen with the given charts (borrowed). */
static void draw(struct page *pg, struct chart **c, int n)
{
    page_draw(pg);
    for (int i = 0; i < n; i++) {
        page_chart(pg, c[i]);
        chart_free(c[i]);
    }
}

static void test_extent(void **state)
{
    struct chart *c = line(-1, 3), *h = chart_new(CHART_HISTOGRAM);
    struct extent e;

    (void)state;
    assert_int_equal(chart_data_extent(c, &e), EXTENT_X | EXTENT_Y);
    assert_true(e.xmin == 0 && e.xmax == 4);
    assert_true(e.ymin == -1 && e.ymax == 3);
    c->ylog = 1;                        /* y = -1 and 0 cannot be drawn */
    assert_int_equal(chart_data_extent(c, &e), EXTENT_X | EXTENT_Y);
    assert_true(e.xmin == 3 && e.ymin == 2);
    chart_free(c);
    chart_add_series(h)->values = array_new(3, 0);
    h->series[0].values->data[0] = 5;
    h->series[0].values->data[1] = INFINITY;
    h->series[0].values->data[2] = -2;
    assert_int_equal(chart_data_extent(h, &e), EXTENT_X);
    assert_true(e.xmin == -2 && e.xmax == 5);
    chart_free(h);
    h = chart_new(CHART_HEATMAP);
    assert_int_equal(chart_data_extent(h, &e), 0);
    chart_free(h);
}

/* The axes hold while the data move inside them, grow when they leave,
 * never shrink, and fit again on request. */
static void test_hold_grow_fit(void **state)
{
    struct page pg = { 0 };
    struct chart *c[1];

    (void)state;
    page_reset(&pg, 1, 1);
    c[0] = line(0, 1);
    draw(&pg, c, 1);
    assert_true(shown(&pg, 0)->has_yrange && shown(&pg, 0)->has_xrange);
    assert_float_equal(shown(&pg, 0)->ymin, -0.03, 1e-12);   /* the 3% */
    assert_float_equal(shown(&pg, 0)->ymax, 1.03, 1e-12);    /* margin */
    c[0] = line(0.2, 0.5);              /* inside: the same axes */
    draw(&pg, c, 1);
    assert_float_equal(shown(&pg, 0)->ymin, -0.03, 1e-12);
    assert_float_equal(shown(&pg, 0)->ymax, 1.03, 1e-12);
    c[0] = line(0, 3);                  /* leaves them: they grow */
    draw(&pg, c, 1);
    assert_float_equal(shown(&pg, 0)->ymax, 3.09, 1e-12);
    c[0] = line(0.2, 0.5);              /* and do not shrink */
    draw(&pg, c, 1);
    assert_float_equal(shown(&pg, 0)->ymax, 3.09, 1e-12);
    page_fit_axes(&pg);                 /* f: fitted to what is shown */
    assert_float_equal(shown(&pg, 0)->ymin, 0.2 - 0.009, 1e-12);
    assert_float_equal(shown(&pg, 0)->ymax, 0.5 + 0.009, 1e-12);
    c[0] = line(0.3, 0.4);
    draw(&pg, c, 1);
    assert_float_equal(shown(&pg, 0)->ymax, 0.5 + 0.009, 1e-12);
    page_free(&pg);
}

/* A range the lesson gave stays its own; a histogram holds x only; a
 * chart of another kind at the same place starts afresh. */
static void test_hold_own_kinds(void **state)
{
    struct page pg = { 0 };
    struct chart *c[2], *h;

    (void)state;
    page_reset(&pg, 1, 1);
    c[0] = line(0, 1);
    c[0]->has_yrange = 1, c[0]->ymin = -5, c[0]->ymax = 5;
    h = chart_new(CHART_HISTOGRAM);
    chart_add_series(h)->values = array_new(2, 0);
    h->series[0].values->data[0] = 1;
    h->series[0].values->data[1] = 2;
    c[1] = h;
    draw(&pg, c, 2);
    assert_true(shown(&pg, 0)->ymin == -5 && shown(&pg, 0)->ymax == 5);
    assert_true(shown(&pg, 0)->has_xrange);
    assert_true(shown(&pg, 1)->has_xrange && !shown(&pg, 1)->has_yrange);
    assert_true(shown(&pg, 1)->xmin == 1 && shown(&pg, 1)->xmax == 2);
    c[0] = line(10, 20);
    c[0]->kind = CHART_SCATTER;         /* another kind: its own axes */
    c[1] = line(0, 1);
    draw(&pg, c, 2);
    assert_float_equal(shown(&pg, 0)->ymin, 10 - 0.3, 1e-12);
    assert_int_equal(shown(&pg, 1)->kind, CHART_LINE);
    assert_float_equal(shown(&pg, 1)->ymax, 1.03, 1e-12);
    page_free(&pg);
}

/* A step run again (a language switch) opens its explore screen with the
 * axes carried over; a new screen without them starts afresh. */
static void test_carry(void **state)
{
    struct page pg = { 0 };
    struct chart *c[1];

    (void)state;
    page_reset(&pg, 1, 1);
    c[0] = line(0, 3);
    draw(&pg, c, 1);
    page_carry_axes(&pg);
    page_reset(&pg, 1, 1);
    c[0] = line(0, 1);
    draw(&pg, c, 1);
    assert_float_equal(shown(&pg, 0)->ymax, 3.09, 1e-12);
    page_sliders(&pg, NULL, 0);         /* the screen closes */
    c[0] = line(0, 1);                  /* another opens */
    draw(&pg, c, 1);
    assert_float_equal(shown(&pg, 0)->ymax, 1.03, 1e-12);
    page_free(&pg);
}

/* Returns row y of the rendered control panel as UTF-8. */
static const char *row(const struct canvas *cv, int y)
{
    static char buf[512];

    canvas_row_utf8(cv, y, buf, sizeof buf);
    return buf;
}

/* Returns the cells between the first '[' and the next ']' on a row. */
static int bar_cells(const struct canvas *cv, int y)
{
    int a = -1;

    for (int x = 0; x < cv->w; x++) {
        wchar_t ch = cv->cells[y * cv->w + x].ch;
        if (ch == L'[' && a < 0)
            a = x;
        else if (ch == L']' && a >= 0)
            return x - a - 1;
    }
    return -1;
}

static void test_render_controls(void **state)
{
    static const char *norms[] = { "none", "bn", "ln" };
    struct slider s[3] = {
        { .name = "loglam", .label = "log10 lambda", .min = -3.5,
          .max = 0.8, .step = 0.1, .value = -1.5 },
        { .name = "norm", .min = 0, .max = 2, .step = 1, .value = 1,
          .kind = SLIDER_CHOICE, .choices = norms, .nchoices = 3 },
        { .name = "fit", .min = 0, .max = 1, .step = 1, .value = 0,
          .kind = SLIDER_BOOL },
    };
    const struct glyphs *g = glyphs_get(0);
    struct page pg = { 0 };
    struct canvas cv;
    int rows;

    (void)state;
    page_reset(&pg, 1, 1);
    pg.lang = "en";
    page_sliders(&pg, s, 3);
    /* wide: one row each, the slider at least SLIDER_MIN_W cells */
    rows = page_sliders_rows(&pg, 78, 20);
    assert_int_equal(rows, 3);
    assert_int_equal(page_render_sliders(&pg, 78, rows, g, &cv), 0);
    assert_true(bar_cells(&cv, 0) >= SLIDER_MIN_W);
    assert_non_null(strstr(row(&cv, 0), "-1.5"));
    assert_non_null(strstr(row(&cv, 0), "[-3.5, 0.8]"));
    assert_non_null(strstr(row(&cv, 1), "none  [bn]  ln"));
    assert_non_null(strstr(row(&cv, 2), "[off]  on"));
    canvas_free(&cv);
    /* a narrow pane: two rows each, the slider as wide as the pane */
    rows = page_sliders_rows(&pg, 46, 20);
    assert_int_equal(rows, 6);
    assert_int_equal(page_render_sliders(&pg, 46, rows, g, &cv), 0);
    assert_non_null(strstr(row(&cv, 0), "log10 lambda  -1.5  [-3.5, 0.8]"));
    assert_true(bar_cells(&cv, 1) >= 40);
    assert_non_null(strstr(row(&cv, 3), "[bn]"));
    canvas_free(&cv);
    /* a name wider than the pane: cut with an ellipsis, the value kept */
    s[0].label = "log10 of the regularisation coefficient lambda";
    page_sliders(&pg, s, 3);
    assert_int_equal(page_render_sliders(&pg, 46, rows, g, &cv), 0);
    assert_non_null(strstr(row(&cv, 0), "~  -1.5  [-3.5, 0.8]")); /* ASCII */
    assert_non_null(strstr(row(&cv, 0), " log10 of the"));
    canvas_free(&cv);
    s[0].label = "log10 lambda";
    page_sliders(&pg, s, 3);
    /* no rows to spare: one row each, a narrower slider */
    assert_int_equal(page_sliders_rows(&pg, 46, 5), 3);
    /* a choice too wide for its row shows the chosen one and its number */
    assert_int_equal(page_render_sliders(&pg, 30, 3, g, &cv), 0);
    assert_non_null(strstr(row(&cv, 1), "< bn > 2/3"));
    canvas_free(&cv);
    pg.lang = "zh";
    assert_int_equal(page_render_sliders(&pg, 78, 3, g, &cv), 0);
    assert_non_null(strstr(row(&cv, 2), "[\xe5\x85\xb3]"));     /* [关] */
    canvas_free(&cv);
    page_free(&pg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_extent),
        cmocka_unit_test(test_hold_grow_fit),
        cmocka_unit_test(test_hold_own_kinds),
        cmocka_unit_test(test_carry),
        cmocka_unit_test(test_render_controls),
    };

    if (!setlocale(LC_ALL, "C.UTF-8"))
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
