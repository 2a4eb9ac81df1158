/* SPDX-License-Identifier: MIT */
/* Tests for the series looks: distinct without colour, legend samples. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>
#include <cmocka.h>

#include "canvas.h"
#include "chart_style.h"

/* Sets the UTF-8 locale wcwidth needs. */
static int setup_utf8(void **state)
{
    (void)state;
    return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

/* Every look differs from every other in colour, marker (Unicode and
 * ASCII), SVG colour, SVG shape and histogram fill; every marker and fill
 * is one printable column wide. */
static void test_looks_distinct(void **state)
{
    int i, j;

    (void)state;
    for (i = 0; i < SERIES_LOOKS; i++) {
        const struct series_look *a = series_look(i);

        assert_int_equal(wcwidth(a->mark), 1);
        assert_int_equal(wcwidth(a->fill), 1);
        assert_true(a->ascii_mark > ' ' && a->ascii_mark < 127);
        assert_true(a->ascii_fill > ' ' && a->ascii_fill < 127);
        assert_true(a->fg >= COL_SERIES1 && a->fg <= COL_SERIES8);
        assert_int_equal(strlen(a->svg), 7);
        for (j = 0; j < i; j++) {
            const struct series_look *b = series_look(j);

            assert_int_not_equal(a->fg, b->fg);
            assert_int_not_equal(a->xterm256, b->xterm256);
            assert_string_not_equal(a->svg, b->svg);
            assert_int_not_equal(a->mark, b->mark);
            assert_int_not_equal(a->ascii_mark, b->ascii_mark);
            assert_int_not_equal(a->shape, b->shape);
            assert_int_not_equal(a->fill, b->fill);
            assert_int_not_equal(a->ascii_fill, b->ascii_fill);
        }
    }
    assert_ptr_equal(series_look(SERIES_LOOKS), series_look(0));
    assert_ptr_equal(series_look(SERIES_LOOKS + 3), series_look(3));
}

/* The four line styles draw different dot patterns; neighbours in the
 * table never share one; only solid has no SVG dash array. */
static void test_line_styles(void **state)
{
    enum line_dash d, e;
    unsigned long k;
    int i, on, differ;

    (void)state;
    for (i = 1; i < SERIES_LOOKS; i++)
        assert_int_not_equal(series_look(i)->dash,
                             series_look(i - 1)->dash);
    for (d = DASH_SOLID; d <= DASH_DASHDOT; d++) {
        for (k = 0, on = 0; k < 130; k++)
            on += look_dash_on(d, k);
        if (d == DASH_SOLID) {
            assert_int_equal(on, 130);
            assert_null(look_dasharray(d));
        } else {
            assert_true(on > 20 && on < 110);   /* gaps, still a line */
            assert_non_null(look_dasharray(d));
        }
        for (e = DASH_SOLID; e < d; e++) {
            for (k = 0, differ = 0; k < 130; k++)
                differ += look_dash_on(d, k) != look_dash_on(e, k);
            assert_true(differ > 0);
            assert_string_not_equal(look_dasharray(d) ? look_dasharray(d)
                                                      : "",
                                    look_dasharray(e) ? look_dasharray(e)
                                                      : "");
            assert_int_not_equal(look_line_glyph(d, glyphs_get(1)),
                                 look_line_glyph(e, glyphs_get(1)));
        }
    }
}

/* Legend samples: a marked line is style, marker, style; points are the
 * marker alone; ASCII lines are drawn in their mark. */
static void test_legend_samples(void **state)
{
    const struct glyphs *u = glyphs_get(1), *a = glyphs_get(0);
    wchar_t out[LEGEND_GLYPHS + 1], seen[SERIES_LOOKS][LEGEND_GLYPHS + 1];
    int i, j;

    (void)state;
    assert_int_equal(look_legend(0, USE_LINE_MARKED, u, out), 3);
    assert_true(wcscmp(out, L"\x2500\x2022\x2500") == 0);     /* ─•─ */
    assert_int_equal(look_legend(1, USE_LINE_MARKED, u, out), 3);
    assert_true(wcscmp(out, L"\x254C\x25CB\x254C") == 0);     /* ╌○╌ */
    assert_int_equal(look_legend(2, USE_LINE, u, out), 3);
    assert_true(wcscmp(out, L"\x2508\x2508\x2508") == 0);     /* ┈┈┈ */
    assert_int_equal(look_legend(1, USE_POINTS, u, out), 1);
    assert_true(wcscmp(out, L"\x25CB") == 0);                 /* ○ */
    assert_int_equal(look_legend(1, USE_BARS, u, out), 1);
    assert_true(wcscmp(out, L"\x2593") == 0);                 /* ▓ */
    assert_int_equal(look_legend(1, USE_LINE_MARKED, a, out), 3);
    assert_true(wcscmp(out, L"ooo") == 0);
    assert_int_equal(look_legend(2, USE_POINTS, a, out), 1);
    assert_true(wcscmp(out, L"+") == 0);
    for (i = 0; i < SERIES_LOOKS; i++) {        /* all apart, both sets */
        look_legend(i, USE_LINE_MARKED, u, seen[i]);
        for (j = 0; j < i; j++)
            assert_true(wcscmp(seen[i], seen[j]) != 0);
        assert_int_equal(wcswidth(seen[i], 8), 3);
    }
    for (i = 0; i < SERIES_LOOKS; i++) {
        look_legend(i, USE_LINE_MARKED, a, seen[i]);
        for (j = 0; j < i; j++)
            assert_true(wcscmp(seen[i], seen[j]) != 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_looks_distinct),
        cmocka_unit_test(test_line_styles),
        cmocka_unit_test(test_legend_samples),
    };

    return cmocka_run_group_tests(tests, setup_utf8, NULL);
}
