/* SPDX-License-Identifier: MIT */
/* Tests for text made harmless for a terminal (out.c, ctrl_visible). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "out.h"
#include "util.h"

/* Asserts that out_visible(in) is want. */
static void visible_is(const char *in, const char *want)
{
    char *got = out_visible(in);

    assert_string_equal(got, want);
    free(got);
}

static void test_sequences(void **state)
{
    (void)state;
    visible_is("\x1b]52;c;aGk=\x07", "^[]52;c;aGk=^G");         /* clipboard */
    visible_is("\x1b[2J", "^[[2J");                             /* clear */
    visible_is("\x1b]0;title\x1b\\", "^[]0;title^[\\");          /* title */
    visible_is("\xc2\x9b" "31m", "<U+009B>31m");                /* C1 CSI */
    visible_is("\x9b" "31m", "\\x9B31m");                       /* raw byte */
    visible_is("a\rb\x7f\x01", "a^Mb^?^A");
}

static void test_kept(void **state)
{
    (void)state;
    visible_is("", "");
    visible_is(NULL, "");
    visible_is("line\n\tindent", "line\n\tindent");             /* kept */
    visible_is("中文 β̂ ⠠⠤ ✓", "中文 β̂ ⠠⠤ ✓");                  /* UTF-8 */
    visible_is("\xc2\xa0", "\xc2\xa0");                         /* U+00A0 */
}

static void test_ctrl_visible(void **state)
{
    char v[12];

    (void)state;
    assert_int_equal(ctrl_visible(0x1b, v), 1);
    assert_string_equal(v, "^[");
    assert_int_equal(ctrl_visible(0x00, v), 1);
    assert_string_equal(v, "^@");
    assert_int_equal(ctrl_visible(0x9f, v), 1);
    assert_string_equal(v, "<U+009F>");
    assert_int_equal(ctrl_visible('a', v), 0);
    assert_int_equal(ctrl_visible(0xa0, v), 0);
    assert_int_equal(ctrl_visible(0x4e2d, v), 0);
}

/* A long text (past out_printf's stack buffer) is written whole. */
static void test_printf_long(void **state)
{
    char *big = malloc(5001), *got = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&got, &len);

    (void)state;
    memset(big, 'x', 5000);
    big[5000] = '\0';
    big[10] = '\x1b';
    out_printf(f, "<%s>", big);
    fclose(f);
    assert_int_equal(len, 5003);
    assert_memory_equal(got + 10, "x^[x", 4);
    free(got);
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sequences),
        cmocka_unit_test(test_kept),
        cmocka_unit_test(test_ctrl_visible),
        cmocka_unit_test(test_printf_long),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
