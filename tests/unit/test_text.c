/* SPDX-License-Identifier: MIT */
/* Tests for light markup laid out by display width. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <cmocka.h>

#include "text.h"

/* Sets the UTF-8 locale text layout needs (main does it in the app). */
static int setup_utf8(void **state)
{
    (void)state;
    return setlocale(LC_ALL, "C.UTF-8") ? 0 : -1;
}

/* Returns row y of cv as UTF-8 in a static buffer. */
static const char *row(const struct canvas *cv, int y)
{
    static char buf[1024];

    canvas_row_utf8(cv, y, buf, sizeof buf);
    return buf;
}

/* Returns the columns used in row y (up to its last non-blank cell). */
static int row_width(const struct canvas *cv, int y)
{
    int x, w = 0;

    for (x = 0; x < cv->w; x++) {
        struct cell *c = canvas_at((struct canvas *)cv, x, y);

        if (c->ch != L' ')
            w = x + (c->ch && wcwidth(c->ch) == 2 ? 2 : 1);
    }
    return w;
}

/* Renders markup at width w into cv, checking that it worked. */
static void render(const char *markup, int w, int unicode,
                   struct canvas *cv)
{
    assert_int_equal(text_render(markup, w, glyphs_get(unicode), cv), 0);
    assert_int_equal(cv->w, w > 0 ? w : 1);
    assert_true(cv->h >= 1);
}

static void test_paragraphs(void **state)
{
    struct canvas cv;

    (void)state;
    render("one\ntwo\n\n\n\nthree", 20, 1, &cv);
    assert_int_equal(cv.h, 3);
    assert_string_equal(row(&cv, 0), "one two");   /* newline is a space */
    assert_string_equal(row(&cv, 1), "");          /* one blank between */
    assert_string_equal(row(&cv, 2), "three");
    canvas_free(&cv);
}

static void test_bold_and_code(void **state)
{
    struct canvas cv;
    int x;

    (void)state;
    render("a **bold** and `x**y` z", 40, 1, &cv);
    assert_int_equal(cv.h, 1);
    assert_string_equal(row(&cv, 0), "a bold and x**y z");
    for (x = 0; x < 17; x++) {
        struct cell *c = canvas_at(&cv, x, 0);
        int bold = x >= 2 && x < 6, code = x >= 11 && x < 15;

        assert_int_equal(!!(c->attr & ATTR_BOLD), bold);
        assert_int_equal(c->fg == COL_CODE, code);
    }
    canvas_free(&cv);
}

static void test_unclosed_markers_are_text(void **state)
{
    struct canvas cv;

    (void)state;
    render("2**3 and a `tick", 40, 1, &cv);
    assert_string_equal(row(&cv, 0), "2**3 and a `tick");
    assert_int_equal(canvas_at(&cv, 5, 0)->attr, 0);
    canvas_free(&cv);
}

static void test_bullets(void **state)
{
    struct canvas cv;

    (void)state;
    render("Intro:\n- first item wraps here\n- second\ncontinues\n\nEnd",
           14, 1, &cv);
    assert_string_equal(row(&cv, 0), "Intro:");
    assert_string_equal(row(&cv, 1), "• first item");
    assert_string_equal(row(&cv, 2), "  wraps here");  /* hanging indent */
    assert_string_equal(row(&cv, 3), "• second");
    assert_string_equal(row(&cv, 4), "  continues");
    assert_string_equal(row(&cv, 5), "");
    assert_string_equal(row(&cv, 6), "End");
    assert_int_equal(cv.h, 7);
    canvas_free(&cv);
    render("- ascii", 10, 0, &cv);
    assert_string_equal(row(&cv, 0), "* ascii");
    canvas_free(&cv);
}

static void test_wrap_latin(void **state)
{
    struct canvas cv;
    int y;

    (void)state;
    render("the quick brown fox jumps over the lazy dog", 10, 1, &cv);
    assert_string_equal(row(&cv, 0), "the quick");
    assert_string_equal(row(&cv, 1), "brown fox");
    assert_string_equal(row(&cv, 2), "jumps over");
    assert_string_equal(row(&cv, 3), "the lazy");
    assert_string_equal(row(&cv, 4), "dog");
    for (y = 0; y < cv.h; y++)
        assert_true(row_width(&cv, y) <= 10);
    canvas_free(&cv);
    render("abcdefghijklmnop qr", 6, 1, &cv);  /* an over-long word */
    assert_string_equal(row(&cv, 0), "abcdef");
    assert_string_equal(row(&cv, 1), "ghijkl");
    assert_string_equal(row(&cv, 2), "mnop");
    assert_string_equal(row(&cv, 3), "qr");
    canvas_free(&cv);
}

static void test_wrap_cjk(void **state)
{
    struct canvas cv;
    int y;

    (void)state;
    /* 9 wide characters in 8 columns: 4 a line, 。 never starts one */
    render("一二三四五六七八。", 8, 1, &cv);
    assert_string_equal(row(&cv, 0), "一二三四");
    assert_string_equal(row(&cv, 1), "五六七");
    assert_string_equal(row(&cv, 2), "八。");
    canvas_free(&cv);
    render("L1 正则化会让很多权重变成零，这就是稀疏性。（见下图）", 20, 1,
           &cv);
    for (y = 0; y < cv.h; y++) {
        const char *r = row(&cv, y);

        assert_true(row_width(&cv, y) <= 20);
        assert_true(strncmp(r, "，", 3) != 0);
        assert_true(strncmp(r, "。", 3) != 0);
        assert_true(strncmp(r, "）", 3) != 0);
    }
    assert_string_equal(row(&cv, 0), "L1 正则化会让很多权");
    canvas_free(&cv);
    render("损失loss下降", 6, 1, &cv);      /* Latin inside CJK */
    assert_string_equal(row(&cv, 0), "损失");
    assert_string_equal(row(&cv, 1), "loss下");
    assert_string_equal(row(&cv, 2), "降");
    canvas_free(&cv);
}

static void test_ascii_closing_punctuation(void **state)
{
    struct canvas cv;

    (void)state;
    /* "四," may not break before ","; the break moves back */
    render("一二三四,五", 8, 1, &cv);
    assert_string_equal(row(&cv, 0), "一二三");
    assert_string_equal(row(&cv, 1), "四,五");
    canvas_free(&cv);
}

static void test_empty_and_tiny(void **state)
{
    struct canvas cv;

    (void)state;
    render("", 10, 1, &cv);
    assert_int_equal(cv.h, 1);
    assert_string_equal(row(&cv, 0), "");
    canvas_free(&cv);
    render(NULL, 10, 1, &cv);
    assert_int_equal(cv.h, 1);
    canvas_free(&cv);
    render("\n\n  \n", 10, 1, &cv);
    assert_int_equal(cv.h, 1);
    canvas_free(&cv);
    render("abc", 0, 1, &cv);          /* width 0 acts as 1 */
    assert_int_equal(cv.h, 3);
    assert_string_equal(row(&cv, 2), "c");
    canvas_free(&cv);
    render("中文", 1, 1, &cv);          /* too wide to show: no hang */
    assert_int_equal(cv.h, 2);
    canvas_free(&cv);
}

/* A lesson's terminal commands are laid out as visible text. */
static void test_controls_shown(void **state)
{
    struct canvas cv;

    (void)state;
    render("a\x1b]0;t\x07 \x1b[2J \xc2\x9b" "b", 60, 1, &cv);
    assert_int_equal(cv.h, 1);
    assert_string_equal(row(&cv, 0), "a^[]0;t^G ^[[2J <U+009B>b");
    canvas_free(&cv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_bold_and_code),
        cmocka_unit_test(test_unclosed_markers_are_text),
        cmocka_unit_test(test_bullets),
        cmocka_unit_test(test_wrap_latin),
        cmocka_unit_test(test_wrap_cjk),
        cmocka_unit_test(test_ascii_closing_punctuation),
        cmocka_unit_test(test_empty_and_tiny),
        cmocka_unit_test(test_controls_shown),
    };

    return cmocka_run_group_tests(tests, setup_utf8, NULL);
}
