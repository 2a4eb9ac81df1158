/* SPDX-License-Identifier: MIT */
/* Tests ABI 2's growth rules: older and newer minors, sizes, lies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "plugin.h"

static char err[512];

/* Returns the path of fixture name in a static buffer: $BUILD/fixtures. */
static const char *fixture(const char *name)
{
    static char buf[512];
    const char *build = getenv("BUILD");

    snprintf(buf, sizeof buf, "%s/fixtures/%s.so", build ? build : "build",
             name);
    return buf;
}

/* Loads fixture name into set; returns the plugin or fails the test. */
static const struct plugin *load(struct plugin_set *set, const char *name)
{
    const struct plugin *p;

    assert_int_equal(plugin_set_init(set, NULL), 0);
    if (!(p = plugin_load_file(set, fixture(name), err, sizeof err)))
        fail_msg("%s", err);
    return p;
}

/* Asserts fixture name is refused with a message holding every word. */
static void refused(const char *name, ...)
{
    struct plugin_set set;
    const char *word;
    va_list ap;

    assert_int_equal(plugin_set_init(&set, NULL), 0);
    assert_null(plugin_load_file(&set, fixture(name), err, sizeof err));
    va_start(ap, name);
    while ((word = va_arg(ap, const char *)))
        if (!strstr(err, word))
            fail_msg("'%s' not in: %s", word, err);
    va_end(ap);
    plugin_set_free(&set);
}

/* Runs p's function f with no arguments into res; returns plugin_call's
 * status. */
static int run(const struct plugin *p, struct call_result *res)
{
    const struct nnt_function *fn = plugin_function(p, "f");
    struct nnt_value args[4];

    assert_non_null(fn);
    assert_int_equal(plugin_bind_args(fn, NULL, 0, args, err, sizeof err),
                     0);
    return plugin_call(fn, args, NULL, NULL, NULL, res);
}

static void test_older_structs_get_defaults(void **state)
{
    struct plugin_set set;
    const struct plugin *p = load(&set, "abi_old");
    const struct nnt_function *f = plugin_function(p, "f");
    struct call_result res;

    (void)state;
    assert_int_equal(f->nparams, 2);
    assert_string_equal(f->params[1].name, "k");    /* walked by its size */
    assert_true(f->params[1].max == 9);
    assert_true(f->params[0].step == 0);
    assert_null(f->params[0].label);
    assert_null(f->params[0].unit);
    assert_null(f->results);                        /* undeclared */
    assert_null(f->xaxis);
    assert_int_equal(p->desc->needs, 0);
    assert_int_equal(run(p, &res), 0);
    assert_true(res.n == 1 && res.items[0].num == 13);
    call_result_free(&res);
    plugin_set_free(&set);
}

static void test_newer_minor_loads_and_tests_the_host(void **state)
{
    struct plugin_set set;
    const struct plugin *p = load(&set, "abi_newer");
    const struct nnt_function *f = plugin_function(p, "f");
    struct call_result res;

    (void)state;
    assert_int_equal(p->abi, NNT_ABI(2, 1));
    assert_true(f->params[0].step == 0.25);         /* known field kept */
    assert_int_equal(run(p, &res), 0);
    assert_int_equal(res.n, 2);
    assert_string_equal(res.items[1].name, "has_nresults");
    assert_true(res.items[1].num == -1);            /* 2.0 lacks it */
    call_result_free(&res);
    plugin_set_free(&set);
}

static void test_unchecked_newer_host_call_fails_the_call(void **state)
{
    struct plugin_set set;
    const struct plugin *p = load(&set, "abi_nocheck");
    struct call_result res;

    (void)state;
    assert_int_equal(run(p, &res), -1);
    assert_non_null(strstr(res.err, "does not have"));
    assert_non_null(strstr(res.err, "NNT_HOST_HAS"));
    call_result_free(&res);
    plugin_set_free(&set);
}

static void test_refusals_name_both_versions(void **state)
{
    (void)state;
    refused("abi_needs", "built for ABI 2.1 and needs 2.1",
            "this nntutor has 2.0", NULL);
    refused("bad_abi", "built for ABI 3.0", "this nntutor has 2.0", NULL);
}

static void test_refuses_lies(void **state)
{
    (void)state;
    refused("abi_lie", "function 1 (f)", "parameters", "count lie", NULL);
    refused("bad_size", "descriptor declares 16 bytes", NULL);
    refused("bad_int", "parameter 'n': integer bounds 0.5 and 10 are not "
            "whole numbers", NULL);
}

static void test_results_checked_when_asked(void **state)
{
    struct plugin_set set;
    const struct plugin *p = load(&set, "abi_newer");
    const struct nnt_function *f = plugin_function(p, "f");

    (void)state;
    assert_non_null(plugin_result_decl(f, "v"));
    assert_null(plugin_result_decl(f, "w"));
    assert_int_equal(f->results[1].kind, NNT_NUMBER);
    plugin_set_free(&set);
}

/* Runs results.f with mode into res; returns plugin_call's status. */
static int run_mode(const struct plugin *p, int mode,
                    struct call_result *res)
{
    const struct nnt_function *fn = plugin_function(p, "f");
    struct raw_arg raw = { .name = "mode", .kind = RAW_NUMBER, .num = mode };
    struct nnt_value args[4];

    assert_int_equal(plugin_bind_args(fn, &raw, 1, args, err, sizeof err),
                     0);
    return plugin_call(fn, args, NULL, NULL, NULL, res);
}

/* With NNTUTOR_CHECK_RESULTS=1 (main sets it) a call that keeps its
 * declaration passes, a run-time family matches its longest NNT_PREFIX, an
 * optional result may be missing, and each way to break it fails the
 * call naming the function and the result. */
static void test_every_call_is_checked(void **state)
{
    static const struct {
        int mode;
        const char *want;
    } broken[] = {
        { 1, "f: result 'w' (a number) is not declared" },
        { 2, "f: result 'loss_ce' is a number, declared 1-D array" },
        { 3, "f: declared result 'v' is missing" },
        { 4, "f: result 'loss_mse' is a 2-D array, declared 1-D array" },
    };
    struct plugin_set set;
    const struct plugin *p = load(&set, "results");
    struct call_result res;

    (void)state;
    assert_true(plugin_check_results());
    assert_string_equal(plugin_result_decl(plugin_function(p, "f"),
                                           "loss_ce")->name, "loss_");
    assert_string_equal(plugin_result_decl(plugin_function(p, "f"),
                                           "los")->name, "l");
    assert_null(plugin_result_decl(plugin_function(p, "f"), "x"));
    if (run_mode(p, 0, &res) != 0)
        fail_msg("mode 0: %s", res.err);
    assert_int_equal(res.n, 3);
    call_result_free(&res);
    for (size_t i = 0; i < sizeof broken / sizeof *broken; i++) {
        assert_int_equal(run_mode(p, broken[i].mode, &res), -1);
        if (strcmp(res.err, broken[i].want) != 0)
            fail_msg("mode %d: got '%s', want '%s'", broken[i].mode,
                     res.err, broken[i].want);
        call_result_free(&res);
    }
    plugin_set_free(&set);
}

int main(void)
{
    setenv("NNTUTOR_CHECK_RESULTS", "1", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_older_structs_get_defaults),
        cmocka_unit_test(test_newer_minor_loads_and_tests_the_host),
        cmocka_unit_test(test_unchecked_newer_host_call_fails_the_call),
        cmocka_unit_test(test_refusals_name_both_versions),
        cmocka_unit_test(test_refuses_lies),
        cmocka_unit_test(test_results_checked_when_asked),
        cmocka_unit_test(test_every_call_is_checked),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
