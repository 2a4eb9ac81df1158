/* SPDX-License-Identifier: MIT */
/* Tests plugin_bind_args: every refusal names the parameter, defaults fill. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "plugin.h"

/* Returns 0: the functions below are only bound, never run. */
static int nop_run(const struct nnt_host *host, struct nnt_call *c,
                   const struct nnt_value *args)
{
    (void)host;
    (void)c;
    (void)args;
    return 0;
}

static const struct nnt_param train_params[] = {
    { .name = "n", .type = NNT_INTEGER, .min = 2, .max = 401, .def = 50 },
    { .name = "lr", .type = NNT_NUMBER, .min = 0, .max = 1, .def = 0.1 },
    { .name = "seed", .type = NNT_INTEGER, .min = 0, .max = 1e9, .def = 7 },
};

static const char *const losses[] = { "mse", "ce", NULL };

static const struct nnt_param fit_params[] = {
    { .name = "loss", .type = NNT_CHOICE, .choices = losses, .def = 1 },
    { .name = "x", .type = NNT_ARRAY, .min = 2, .max = 5,
      .flags = NNT_REQUIRED },
    { .name = "w", .type = NNT_ARRAY, .flags = NNT_MATRIX },
    { .name = "verbose", .type = NNT_BOOL, .def = 1 },
    { .name = "k", .type = NNT_ARRAY, .min = 3, .max = 3 },
};

static const struct nnt_function train = {
    .name = "train", .params = train_params,
    .nparams = NNT_COUNT(train_params), .run = nop_run,
};
static const struct nnt_function fit = {
    .name = "fit", .params = fit_params,
    .nparams = NNT_COUNT(fit_params), .run = nop_run,
};
static const struct nnt_function none = { .name = "none", .run = nop_run };

static const double xs[] = { 1, 2, 3 };

/* Returns a raw number argument. */
static struct raw_arg num(const char *name, double v)
{
    return (struct raw_arg){ .name = name, .kind = RAW_NUMBER, .num = v };
}

/* Returns a raw string argument. */
static struct raw_arg str(const char *name, const char *s)
{
    return (struct raw_arg){ .name = name, .kind = RAW_STRING, .str = s };
}

/* Returns a raw boolean argument. */
static struct raw_arg boolean(const char *name, int b)
{
    return (struct raw_arg){ .name = name, .kind = RAW_BOOL, .boolean = b };
}

/* Returns a raw 1-D array argument over data[0..len). */
static struct raw_arg arr1(const char *name, const double *data, size_t len)
{
    return (struct raw_arg){
        .name = name, .kind = RAW_ARRAY,
        .array = { .data = data, .len = len, .rows = 1, .cols = len,
                   .dims = 1 },
    };
}

/* Returns a raw 2-D array argument (rows x cols). */
static struct raw_arg arr2(const char *name, const double *data,
                          size_t rows, size_t cols)
{
    return (struct raw_arg){
        .name = name, .kind = RAW_ARRAY,
        .array = { .data = data, .len = rows * cols, .rows = rows,
                   .cols = cols, .dims = 2 },
    };
}

static struct nnt_value out[8];
static char err[512];

/* Binds raw[0..n) to fn and asserts it is refused with exactly want. */
static void refused(const struct nnt_function *fn, const struct raw_arg *raw,
                    int n, const char *want)
{
    err[0] = '\0';
    assert_int_equal(plugin_bind_args(fn, raw, n, out, err, sizeof err), -1);
    assert_string_equal(err, want);
}

/* Binds raw[0..n) to fn and asserts it is accepted. */
static void accepted(const struct nnt_function *fn, const struct raw_arg *raw,
                     int n)
{
    err[0] = '\0';
    if (plugin_bind_args(fn, raw, n, out, err, sizeof err) != 0)
        fail_msg("refused: %s", err);
}

static void test_defaults_fill_absent_params(void **state)
{
    struct raw_arg raw[] = { num("lr", 0.5) };

    (void)state;
    accepted(&train, raw, 1);
    assert_int_equal(out[0].integer, 50);
    assert_int_equal(out[0].given, 0);
    assert_true(out[1].num == 0.5);
    assert_int_equal(out[1].given, 1);
    assert_int_equal(out[2].integer, 7);
}

static void test_defaults_for_choice_bool_and_arrays(void **state)
{
    struct raw_arg raw[] = { arr1("x", xs, 3) };

    (void)state;
    accepted(&fit, raw, 1);
    assert_int_equal(out[0].choice, 1);
    assert_int_equal(out[0].given, 0);
    assert_int_equal(out[1].array.dims, 1);
    assert_int_equal(out[1].array.len, 3);
    assert_int_equal(out[1].array.rows, 1);
    assert_int_equal(out[1].array.cols, 3);
    assert_ptr_equal(out[1].array.data, xs);
    assert_int_equal(out[2].array.dims, 0);     /* absent array: empty */
    assert_null(out[2].array.data);
    assert_int_equal(out[3].boolean, 1);
}

static void test_integers_arrive_as_doubles(void **state)
{
    struct raw_arg raw[] = { num("n", 401), num("seed", 0) };

    (void)state;
    accepted(&train, raw, 2);
    assert_int_equal(out[0].integer, 401);
    assert_int_equal(out[2].integer, 0);
    assert_int_equal(out[2].given, 1);
}

static void test_choice_bool_and_matrix_accepted(void **state)
{
    static const double w[] = { 1, 2, 3, 4, 5, 6 };
    struct raw_arg raw[] = {
        str("loss", "mse"), arr1("x", xs, 2), arr2("w", w, 2, 3),
        boolean("verbose", 0),
    };

    (void)state;
    accepted(&fit, raw, 4);
    assert_int_equal(out[0].choice, 0);
    assert_int_equal(out[2].array.dims, 2);
    assert_int_equal(out[2].array.rows, 2);
    assert_int_equal(out[2].array.cols, 3);
    assert_int_equal(out[2].array.len, 6);
    assert_int_equal(out[3].boolean, 0);
    assert_int_equal(out[3].given, 1);
}

static void test_unknown_parameter_suggests_closest(void **state)
{
    struct raw_arg raw[] = { num("nn", 3) };

    (void)state;
    refused(&train, raw, 1, "unknown parameter 'nn' (expected one of: n, lr, "
            "seed); did you mean 'n'?");
}

static void test_unknown_parameter_without_close_name(void **state)
{
    struct raw_arg raw[] = { num("momentum", 3) };

    (void)state;
    refused(&train, raw, 1, "unknown parameter 'momentum' (expected one of: "
            "n, lr, seed)");
}

static void test_unknown_parameter_when_none_declared(void **state)
{
    struct raw_arg raw[] = { num("x", 3) };

    (void)state;
    refused(&none, raw, 1, "unknown parameter 'x' (none takes no "
            "parameters)");
}

static void test_number_must_be_a_number(void **state)
{
    struct raw_arg raw[] = { str("lr", "fast") };
    struct raw_arg tbl[] = { { .name = "lr", .kind = RAW_OTHER,
                               .type_name = "table" } };

    (void)state;
    refused(&train, raw, 1, "parameter 'lr' must be a number, got string");
    refused(&train, tbl, 1, "parameter 'lr' must be a number, got table");
}

static void test_integer_must_be_a_number(void **state)
{
    struct raw_arg raw[] = { str("n", "ten") };

    (void)state;
    refused(&train, raw, 1, "parameter 'n' must be an integer, got string");
}

static void test_number_refuses_nan(void **state)
{
    struct raw_arg raw[] = { num("lr", NAN) };
    struct raw_arg rawn[] = { num("n", NAN) };

    (void)state;
    refused(&train, raw, 1, "parameter 'lr' must be a number, got NaN");
    refused(&train, rawn, 1, "parameter 'n' must be an integer, got NaN");
}

static void test_integer_must_be_integral(void **state)
{
    struct raw_arg raw[] = { num("n", 2.5) };

    (void)state;
    refused(&train, raw, 1, "parameter 'n' must be an integer, got 2.5");
}

static void test_out_of_range(void **state)
{
    struct raw_arg raw[] = { num("n", 1000) };
    struct raw_arg low[] = { num("lr", -0.25) };
    struct raw_arg inf[] = { num("lr", INFINITY) };

    (void)state;
    refused(&train, raw, 1, "parameter 'n' must be in [2, 401], got 1000");
    refused(&train, low, 1, "parameter 'lr' must be in [0, 1], got -0.25");
    refused(&train, inf, 1, "parameter 'lr' must be in [0, 1], got inf");
}

static void test_range_shows_exact_numbers(void **state)
{
    struct raw_arg raw[] = { num("lr", 1.0000000000000002) };

    (void)state;
    refused(&train, raw, 1, "parameter 'lr' must be in [0, 1], got "
            "1.0000000000000002");
}

static void test_unknown_choice_lists_the_valid_ones(void **state)
{
    struct raw_arg raw[] = { str("loss", "mae"), arr1("x", xs, 2) };

    (void)state;
    refused(&fit, raw, 2, "parameter 'loss' must be one of \"mse\", \"ce\", "
            "got \"mae\"; did you mean \"mse\"?");
}

static void test_choice_must_be_a_string(void **state)
{
    struct raw_arg raw[] = { num("loss", 1) };

    (void)state;
    refused(&fit, raw, 1, "parameter 'loss' must be one of \"mse\", \"ce\", "
            "got number");
}

static void test_bool_accepts_only_booleans(void **state)
{
    struct raw_arg raw[] = { num("verbose", 1) };
    struct raw_arg s[] = { str("verbose", "true") };

    (void)state;
    refused(&fit, raw, 1, "parameter 'verbose' must be a boolean, got "
            "number");
    refused(&fit, s, 1, "parameter 'verbose' must be a boolean, got string");
}

static void test_missing_required(void **state)
{
    struct raw_arg raw[] = { str("loss", "ce") };

    (void)state;
    refused(&fit, raw, 1, "missing required parameter 'x'");
    refused(&fit, NULL, 0, "missing required parameter 'x'");
}

static void test_array_shape(void **state)
{
    static const double m[] = { 1, 2, 3, 4 };
    struct raw_arg raw[] = { arr2("x", m, 2, 2) };
    struct raw_arg w[] = { arr1("x", xs, 2), arr1("w", xs, 3) };
    struct raw_arg n[] = { num("x", 3) };

    (void)state;
    refused(&fit, raw, 1, "parameter 'x' must be a 1-D array, got a 2-D "
            "array");
    refused(&fit, w, 2, "parameter 'w' must be a 2-D array, got a 1-D "
            "array");
    refused(&fit, n, 1, "parameter 'x' must be a 1-D array, got number");
}

static void test_array_length(void **state)
{
    static const double many[] = { 1, 2, 3, 4, 5, 6 };
    struct raw_arg few[] = { arr1("x", xs, 1) };
    struct raw_arg lots[] = { arr1("x", many, 6) };
    struct raw_arg k[] = { arr1("x", xs, 2), arr1("k", xs, 2) };

    (void)state;
    refused(&fit, few, 1, "parameter 'x' must have at least 2 elements, "
            "got 1");
    refused(&fit, lots, 1, "parameter 'x' must have at most 5 elements, "
            "got 6");
    refused(&fit, k, 2, "parameter 'k' must have exactly 3 elements, got 2");
}

static void test_array_refuses_nan(void **state)
{
    static const double bad[] = { 1, NAN, 3 };
    struct raw_arg raw[] = { arr1("x", bad, 3) };

    (void)state;
    refused(&fit, raw, 1, "parameter 'x' must hold numbers, got NaN at "
            "index 2");
}

static void test_empty_table_is_an_empty_1d_array(void **state)
{
    struct raw_arg raw[] = {
        arr1("x", xs, 2),
        { .name = "k", .kind = RAW_ARRAY, .array = { .dims = 0 } },
    };

    (void)state;
    refused(&fit, raw, 2, "parameter 'k' must have exactly 3 elements, got 0");
}

static void test_parameter_given_twice(void **state)
{
    struct raw_arg raw[] = { num("n", 3), num("n", 4) };

    (void)state;
    refused(&train, raw, 2, "parameter 'n' given twice");
}

static void test_unnamed_argument(void **state)
{
    struct raw_arg raw[] = { num(NULL, 3) };

    (void)state;
    refused(&train, raw, 1, "arguments to train must be named, as in "
            "train{n = ...}");
}

static void test_message_truncates_safely(void **state)
{
    struct raw_arg raw[] = { num("nn", 3) };
    char small[16];

    (void)state;
    assert_int_equal(plugin_bind_args(&train, raw, 1, out, small,
                                      sizeof small), -1);
    assert_string_equal(small, "unknown paramet");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_fill_absent_params),
        cmocka_unit_test(test_defaults_for_choice_bool_and_arrays),
        cmocka_unit_test(test_integers_arrive_as_doubles),
        cmocka_unit_test(test_choice_bool_and_matrix_accepted),
        cmocka_unit_test(test_unknown_parameter_suggests_closest),
        cmocka_unit_test(test_unknown_parameter_without_close_name),
        cmocka_unit_test(test_unknown_parameter_when_none_declared),
        cmocka_unit_test(test_number_must_be_a_number),
        cmocka_unit_test(test_integer_must_be_a_number),
        cmocka_unit_test(test_number_refuses_nan),
        cmocka_unit_test(test_integer_must_be_integral),
        cmocka_unit_test(test_out_of_range),
        cmocka_unit_test(test_range_shows_exact_numbers),
        cmocka_unit_test(test_unknown_choice_lists_the_valid_ones),
        cmocka_unit_test(test_choice_must_be_a_string),
        cmocka_unit_test(test_bool_accepts_only_booleans),
        cmocka_unit_test(test_missing_required),
        cmocka_unit_test(test_array_shape),
        cmocka_unit_test(test_array_length),
        cmocka_unit_test(test_array_refuses_nan),
        cmocka_unit_test(test_empty_table_is_an_empty_1d_array),
        cmocka_unit_test(test_parameter_given_twice),
        cmocka_unit_test(test_unnamed_argument),
        cmocka_unit_test(test_message_truncates_safely),
    };

    return cmocka_run_group_tests(tests, 0, NULL);
}
