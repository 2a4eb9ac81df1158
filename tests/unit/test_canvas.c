/* SPDX-License-Identifier: MIT */
/* Tests for the canvas (cells, wide characters, UTF-8 rows) and glyphs. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "canvas.h"
#include "glyphs.h"

/* Sets the UTF-8 locale every test needs (main does it in the app). */
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

static void test_init_blank(void **state)
{
    struct canvas cv;
    struct cell *c;

    (void)state;
    assert_int_equal(canvas_init(&cv, 4, 3), 0);
    assert_int_equal(cv.w, 4);
    assert_int_equal(cv.h, 3);
    c = canvas_at(&cv, 3, 2);
    assert_non_null(c);
    assert_int_equal(c->ch, L' ');
    assert_int_equal(c->fg, COL_DEFAULT);
    assert_int_equal(c->bg, COL_DEFAULT);
    assert_int_equal(c->attr, 0);
    assert_null(canvas_at(&cv, 4, 0));
    assert_null(canvas_at(&cv, 0, 3));
    assert_null(canvas_at(&cv, -1, 0));
    assert_string_equal(row(&cv, 0), "");
    canvas_free(&cv);
    assert_null(cv.cells);
    canvas_free(&cv);                   /* twice is harmless */
}

static void test_empty_canvas(void **state)
{
    struct canvas cv;

    (void)state;
    assert_int_equal(canvas_init(&cv, 0, 0), 0);
    assert_null(canvas_at(&cv, 0, 0));
    assert_int_equal(canvas_putc(&cv, 0, 0, L'x', 0, 0), 0);
    assert_int_equal(canvas_puts(&cv, 0, 0, "abc", 0, 0, -1), 0);
    assert_string_equal(row(&cv, 0), "");
    canvas_free(&cv);
}

static void test_putc_narrow(void **state)
{
    struct canvas cv;
    struct cell *c;

    (void)state;
    canvas_init(&cv, 5, 1);
    assert_int_equal(canvas_putc(&cv, 1, 0, L'a', COL_SERIES2, ATTR_BOLD), 1);
    c = canvas_at(&cv, 1, 0);
    assert_int_equal(c->ch, L'a');
    assert_int_equal(c->fg, COL_SERIES2);
    assert_int_equal(c->attr, ATTR_BOLD);
    assert_int_equal(canvas_putc(&cv, 5, 0, L'b', 0, 0), 0);  /* clipped */
    assert_int_equal(canvas_putc(&cv, 0, 0, L'\t', 0, 0), 0); /* control */
    assert_string_equal(row(&cv, 0), " a");
    canvas_free(&cv);
}

static void test_putc_wide(void **state)
{
    struct canvas cv;

    (void)state;
    canvas_init(&cv, 5, 1);
    assert_int_equal(canvas_putc(&cv, 0, 0, 0x4E2D, COL_LABEL, 0), 2);
    assert_int_equal(canvas_at(&cv, 0, 0)->ch, 0x4E2D);
    assert_int_equal(canvas_at(&cv, 1, 0)->ch, 0);   /* continuation */
    /* a wide char at the last column is clipped, never split */
    assert_int_equal(canvas_putc(&cv, 4, 0, 0x6587, 0, 0), 0);
    assert_int_equal(canvas_at(&cv, 4, 0)->ch, L' ');
    assert_string_equal(row(&cv, 0), "中");
    canvas_free(&cv);
}

static void test_overwrite_half_of_wide(void **state)
{
    struct canvas cv;

    (void)state;
    canvas_init(&cv, 6, 1);
    canvas_putc(&cv, 0, 0, 0x4E2D, 0, 0);
    canvas_putc(&cv, 2, 0, 0x6587, 0, 0);
    /* writing over the second half of 中 blanks its first half */
    canvas_putc(&cv, 1, 0, L'x', 0, 0);
    assert_int_equal(canvas_at(&cv, 0, 0)->ch, L' ');
    /* writing over the first half of 文 blanks its second half */
    canvas_putc(&cv, 2, 0, L'y', 0, 0);
    assert_int_equal(canvas_at(&cv, 3, 0)->ch, L' ');
    assert_string_equal(row(&cv, 0), " xy");
    canvas_free(&cv);
}

static void test_puts_clip(void **state)
{
    struct canvas cv;

    (void)state;
    canvas_init(&cv, 8, 2);
    assert_int_equal(canvas_puts(&cv, 0, 0, "hello world", 0, 0, 5), 5);
    assert_string_equal(row(&cv, 0), "hello");
    assert_int_equal(canvas_puts(&cv, 5, 1, "abcdef", 0, 0, -1), 3);
    assert_string_equal(row(&cv, 1), "     abc");
    /* a wide char that would cross max_w is left out */
    assert_int_equal(canvas_puts(&cv, 0, 1, "a中文", 0, 0, 4), 3);
    assert_string_equal(row(&cv, 1), "a中  abc");
    assert_int_equal(canvas_puts(&cv, 0, 0, NULL, 0, 0, -1), 0);
    canvas_free(&cv);
}

/* Text cut to fit ends with the ellipsis; text that fits is left whole. */
static void test_puts_fit(void **state)
{
    struct canvas cv;

    (void)state;
    canvas_init(&cv, 10, 5);
    assert_int_equal(canvas_puts_fit(&cv, 0, 0, "hello", 0, 0, 5, 0x2026), 5);
    assert_string_equal(row(&cv, 0), "hello");
    assert_int_equal(canvas_puts_fit(&cv, 0, 1, "hello world", 0, 0, 8,
                                     0x2026), 8);
    assert_string_equal(row(&cv, 1), "hello w…");
    /* ASCII: the glyph table's '~' */
    assert_int_equal(canvas_puts_fit(&cv, 0, 2, "abcdefghijkl", 0, 0, -1,
                                     L'~'), 10);
    assert_string_equal(row(&cv, 2), "abcdefghi~");
    /* a wide char that would cross the mark is left out: 中文字 in 5 */
    assert_int_equal(canvas_puts_fit(&cv, 0, 3, "中文字", 0, 0, 5, 0x2026), 5);
    assert_string_equal(row(&cv, 3), "中文…");
    assert_int_equal(canvas_puts_fit(&cv, 0, 4, "中文字", 0, 0, 4, 0x2026), 3);
    assert_string_equal(row(&cv, 4), "中…");
    /* one column: only the mark says something is there */
    assert_int_equal(canvas_puts_fit(&cv, 9, 0, "xyz", 0, 0, 1, 0x2026), 1);
    assert_int_equal(canvas_at(&cv, 9, 0)->ch, 0x2026);
    /* a wide mark with one column left: the text cut, no mark */
    assert_int_equal(canvas_puts_fit(&cv, 9, 1, "xyz", 0, 0, 1, L'中'), 1);
    assert_int_equal(canvas_at(&cv, 9, 1)->ch, L'x');
    assert_int_equal(canvas_puts_fit(&cv, 0, 0, NULL, 0, 0, 3, 0x2026), 0);
    canvas_free(&cv);
}

static void test_text_width(void **state)
{
    (void)state;
    assert_int_equal(text_width(""), 0);
    assert_int_equal(text_width(NULL), 0);
    assert_int_equal(text_width("abc"), 3);
    assert_int_equal(text_width("中文"), 4);
    assert_int_equal(text_width("损失，"), 6);
    assert_int_equal(text_width("e\xCC\x81"), 1);   /* e + combining acute */
    assert_int_equal(text_width("a\tb\n"), 2);       /* tab, newline: 0 */
    assert_int_equal(text_width("\x1b[2J"), 5);     /* shown as ^[[2J */
    assert_int_equal(text_width("\xc2\x9b"), 8);    /* C1 as <U+009B> */
    assert_int_equal(text_width("\xFF" "a"), 2);     /* invalid byte: 1 */
    assert_int_equal(text_width("x²"), 2);
}

static void test_row_utf8(void **state)
{
    struct canvas cv;
    char small[4];
    int n;

    (void)state;
    canvas_init(&cv, 6, 1);
    canvas_puts(&cv, 0, 0, "a中b", 0, 0, -1);
    n = canvas_row_utf8(&cv, 0, small, sizeof small);
    /* "a" fits, "中" (3 bytes) does not fit in what is left */
    assert_int_equal(n, 1);
    assert_string_equal(small, "a");
    assert_string_equal(row(&cv, 0), "a中b");
    assert_int_equal(strlen(row(&cv, 0)), 5);
    assert_int_equal(canvas_row_utf8(&cv, 1, small, sizeof small), 0);
    assert_string_equal(small, "");
    canvas_putc(&cv, 0, 0, 0x2800 + 0x47, 0, 0);
    assert_string_equal(row(&cv, 0), "\xE2\xA1\x87中b");  /* U+2847 */
    canvas_free(&cv);
}

static void test_glyph_tables(void **state)
{
    const struct glyphs *u = glyphs_get(1), *a = glyphs_get(0);
    int i;

    (void)state;
    assert_int_equal(u->unicode, 1);
    assert_int_equal(a->unicode, 0);
    assert_int_equal(u->hline, 0x2500);
    assert_int_equal(u->vline, 0x2502);
    assert_int_equal(u->corner_bl, 0x2514);
    assert_int_equal(u->half_upper, 0x2580);
    assert_int_equal(u->eighths[8], 0x2588);
    assert_int_equal(u->vert_eighths[1], 0x2581);
    assert_int_equal(u->check, 0x2713);
    for (i = 1; i < 8; i++) {
        assert_int_equal(u->eighths[i], 0x2590 - i);
        assert_int_equal(u->vert_eighths[i], 0x2580 + i);
    }
    /* the ASCII table is pure ASCII */
    for (i = 0; i < (int)(sizeof *a / sizeof(wchar_t)); i++) {
        const wchar_t *w = (const wchar_t *)a;

        if ((size_t)i * sizeof(wchar_t) >= offsetof(struct glyphs, mono))
            break;
        if (i == 0)
            continue;                   /* the unicode flag */
        assert_true(w[i] < 0x80);
    }
    assert_int_equal(a->hline, L'-');
    assert_int_equal(a->vline, L'|');
    assert_int_equal(glyphs_get_mono(1)->mono, 1);
    assert_int_equal(glyphs_get_mono(0)->unicode, 0);
    assert_int_equal(u->mono, 0);
}

static void test_locale_utf8(void **state)
{
    (void)state;
    setlocale(LC_ALL, "C");
    assert_int_equal(glyphs_locale_utf8(), 0);
    setlocale(LC_ALL, "C.UTF-8");
    assert_int_equal(glyphs_locale_utf8(), 1);
}

/* A combining mark joins the character before it (β̂ stays β̂). */
static void combining_marks(void **state)
{
    struct canvas cv;
    char buf[64];

    (void)state;
    assert_int_equal(canvas_init(&cv, 6, 1), 0);
    assert_int_equal(canvas_puts(&cv, 0, 0, "\xce\xb2\xcc\x82x", 0, 0, -1), 2);
    assert_int_equal(canvas_at(&cv, 0, 0)->ch, 0x3b2);
    assert_int_equal(canvas_at(&cv, 0, 0)->comb, 0x302);
    assert_int_equal(canvas_at(&cv, 1, 0)->ch, L'x');
    canvas_row_utf8(&cv, 0, buf, sizeof buf);
    assert_string_equal(buf, "\xce\xb2\xcc\x82x");
    canvas_putc(&cv, 0, 0, L'a', 0, 0);        /* overwriting clears it */
    assert_int_equal(canvas_at(&cv, 0, 0)->comb, 0);
    canvas_free(&cv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(combining_marks),
        cmocka_unit_test(test_init_blank),
        cmocka_unit_test(test_empty_canvas),
        cmocka_unit_test(test_putc_narrow),
        cmocka_unit_test(test_putc_wide),
        cmocka_unit_test(test_overwrite_half_of_wide),
        cmocka_unit_test(test_puts_clip),
        cmocka_unit_test(test_puts_fit),
        cmocka_unit_test(test_text_width),
        cmocka_unit_test(test_row_utf8),
        cmocka_unit_test(test_glyph_tables),
        cmocka_unit_test(test_locale_utf8),
    };

    return cmocka_run_group_tests(tests, setup_utf8, NULL);
}
