/* SPDX-License-Identifier: MIT */
/* Tests the plugin loader, its refusals, listing and calls into plugins. */
#include <dirent.h>
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

#include "plugin.h"

static const char *build = "build";
static char err[512];

/* Returns path in a static buffer: $BUILD/sub/name.so. */
static const char *so(const char *sub, const char *name)
{
    static char buf[4][512];
    static int next;
    char *p = buf[next++ % 4];

    snprintf(p, sizeof buf[0], "%s/%s/%s.so", build, sub, name);
    return p;
}

/* Loads fixture name and asserts it is refused with a message containing
 * the file and every one of the NULL-terminated words. */
static void refused(const char *name, ...)
{
    struct plugin_set set;
    const char *path = so("fixtures", name), *word;
    va_list ap;

    assert_int_equal(plugin_set_init(&set, NULL), 0);
    err[0] = '\0';
    assert_null(plugin_load_file(&set, path, err, sizeof err));
    assert_null(set.head);
    if (strncmp(err, path, strlen(path)) != 0)
        fail_msg("message does not start with the file: %s", err);
    assert_null(strchr(err, '\n'));
    va_start(ap, name);
    while ((word = va_arg(ap, const char *)))
        if (!strstr(err, word))
            fail_msg("'%s' not in: %s", word, err);
    va_end(ap);
    plugin_set_free(&set);
}

/* Makes a fresh directory under $BUILD (not /tmp, which may be mounted
 * noexec and refuse dlopen); returns its path (static). */
static const char *temp_dir(void)
{
    static char buf[4][512];
    static int next;
    char *p = buf[next++ % 4];

    snprintf(p, sizeof buf[0], "%s/test_plugin_XXXXXX", build);
    assert_non_null(mkdtemp(p));
    return p;
}

/* Copies file from into dir as name. */
static void copy_into(const char *from, const char *dir, const char *name)
{
    char to[512], buf[4096];
    FILE *in = fopen(from, "rb"), *out;
    size_t got;

    if (!in)
        fail_msg("cannot read %s (run make check-build first)", from);
    snprintf(to, sizeof to, "%s/%s", dir, name);
    assert_non_null(out = fopen(to, "wb"));
    while ((got = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, got, out), got);
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

/* Removes dir and the files in it. */
static void remove_dir(const char *dir)
{
    char path[512];
    struct dirent *e;
    DIR *d = opendir(dir);

    while (d && (e = readdir(d)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
    if (d)
        closedir(d);
    rmdir(dir);
}

/* Returns the result called name, or fails the test. */
static const struct result *result(const struct call_result *res,
                                   const char *name)
{
    for (int i = 0; i < res->n; i++)
        if (strcmp(res->items[i].name, name) == 0)
            return &res->items[i];
    fail_msg("no result '%s'", name);
    return NULL;
}

/* ---- search path ------------------------------------------------------ */

static void test_search_order(void **state)
{
    struct plugin_set set;
    const char *home = getenv("HOME");
    char *saved = home ? strdup(home) : NULL;

    (void)state;
    setenv("NNTUTOR_PLUGIN_PATH", "/p1::/p2:/p1", 1);
    setenv("XDG_DATA_HOME", "/xdg", 1);
    assert_int_equal(plugin_set_init(&set, "/builtin"), 0);
    assert_int_equal(set.ndirs, 4);
    assert_string_equal(set.dirs[0], "/p1");
    assert_string_equal(set.dirs[1], "/p2");
    assert_string_equal(set.dirs[2], "/xdg/nntutor/plugins");
    assert_string_equal(set.dirs[3], "/builtin");
    plugin_set_free(&set);

    unsetenv("NNTUTOR_PLUGIN_PATH");
    setenv("XDG_DATA_HOME", "relative/ignored", 1);
    setenv("HOME", "/home/u", 1);
    assert_int_equal(plugin_set_init(&set, NULL), 0);
    assert_int_equal(set.ndirs, 1);
    assert_string_equal(set.dirs[0], "/home/u/.local/share/nntutor/plugins");
    plugin_set_free(&set);
    setenv("XDG_DATA_HOME", "/nonexistent/nntutor-test", 1);
    if (saved)
        setenv("HOME", saved, 1);
    free(saved);
}

/* ---- refusals --------------------------------------------------------- */

static void test_refuses_missing_symbol(void **state)
{
    (void)state;
    refused("no_symbol", "no nnt_plugin symbol; is it an nntutor plugin?",
            NULL);
}

static void test_refuses_other_abi_naming_both(void **state)
{
    char speaks[64];

    (void)state;
    snprintf(speaks, sizeof speaks, "this nntutor has %d.%d",
             NNT_ABI_MAJOR, NNT_ABI_MINOR);
    refused("bad_abi", "built for ABI 3.0", speaks, NULL);
}

static void test_refuses_too_small_size_naming_both(void **state)
{
    char ours[64];

    (void)state;
    snprintf(ours, sizeof ours, "has %zu to", NNT_PLUGIN_MIN_SIZE);
    refused("bad_size", "descriptor declares 16 bytes", ours, NULL);
}

static void test_refuses_name_unlike_file(void **state)
{
    (void)state;
    refused("wrong_name", "named 'right_name'", "'wrong_name.so'", NULL);
}

static void test_refuses_null_name(void **state)
{
    (void)state;
    refused("no_name", "descriptor has no name", NULL);
}

static void test_refuses_malformed_tables(void **state)
{
    (void)state;
    refused("null_run", "function 'f' has no run callback", NULL);
    refused("bad_params", "function 'f', parameter 'rate': default 2 is "
            "outside [0, 1]", NULL);
    refused("min_max", "parameter 'n': min 10 is greater than max 1", NULL);
    refused("bad_choice", "parameter 'kind': default choice 2 is outside "
            "[0, 1]", NULL);
    refused("dup_param", "function 'f' declares parameter 'x' twice", NULL);
}

static void test_refuses_unloadable_file(void **state)
{
    (void)state;
    refused("does_not_exist", "No such file", NULL);
}

static void test_same_file_twice_is_one_plugin(void **state)
{
    struct plugin_set set;
    const struct plugin *a, *b;

    (void)state;
    assert_int_equal(plugin_set_init(&set, NULL), 0);
    assert_non_null(a = plugin_load_file(&set, so("fixtures", "good"), err,
                                         sizeof err));
    assert_non_null(b = plugin_load_file(&set, so("fixtures", "good"), err,
                                         sizeof err));
    assert_ptr_equal(a, b);
    assert_null(a->next);
    plugin_set_free(&set);
}

static void test_refuses_duplicate_name(void **state)
{
    struct plugin_set set;
    const char *d = temp_dir();
    char copy[512];

    (void)state;
    copy_into(so("fixtures", "good"), d, "good.so");
    snprintf(copy, sizeof copy, "%s/good.so", d);
    assert_int_equal(plugin_set_init(&set, NULL), 0);
    assert_non_null(plugin_load_file(&set, so("fixtures", "good"), err,
                                     sizeof err));
    assert_null(plugin_load_file(&set, copy, err, sizeof err));
    assert_non_null(strstr(err, copy));
    assert_non_null(strstr(err, "a plugin called 'good' is already loaded "
                            "from"));
    assert_non_null(strstr(err, so("fixtures", "good")));
    assert_null(set.head->next);
    plugin_set_free(&set);
    remove_dir(d);
}

/* ---- finding plugins -------------------------------------------------- */

static void test_get_finds_template_on_plugin_path(void **state)
{
    struct plugin_set set;
    const struct plugin *p;
    char dir[512];

    (void)state;
    snprintf(dir, sizeof dir, "/nonexistent/nntutor:%s/plugins", build);
    setenv("NNTUTOR_PLUGIN_PATH", dir, 1);
    assert_int_equal(plugin_set_init(&set, NULL), 0);
    unsetenv("NNTUTOR_PLUGIN_PATH");
    p = plugin_get(&set, "template", err, sizeof err);
    if (!p)
        fail_msg("%s", err);
    assert_string_equal(p->desc->name, "template");
    assert_string_equal(p->path, so("plugins", "template"));
    assert_ptr_equal(plugin_get(&set, "template", err, sizeof err), p);
    assert_non_null(plugin_function(p, "noisy_line"));
    assert_null(plugin_function(p, "nope"));
    plugin_set_free(&set);
}

static void test_get_finds_builtin_dir(void **state)
{
    struct plugin_set set;
    char dir[512];

    (void)state;
    snprintf(dir, sizeof dir, "%s/plugins", build);
    assert_int_equal(plugin_set_init(&set, dir), 0);
    assert_non_null(plugin_get(&set, "template", err, sizeof err));
    plugin_set_free(&set);
}

static void test_get_names_what_was_searched(void **state)
{
    struct plugin_set set;

    (void)state;
    assert_int_equal(plugin_set_init(&set, "/nowhere/plugins"), 0);
    assert_null(plugin_get(&set, "nope", err, sizeof err));
    assert_non_null(strstr(err, "no plugin called 'nope' (looked in "));
    assert_non_null(strstr(err, "/nowhere/plugins)"));
    assert_null(plugin_get(&set, "../fixtures/good", err, sizeof err));
    assert_non_null(strstr(err, "lower-case identifiers"));
    plugin_set_free(&set);
}

static void test_get_first_directory_decides(void **state)
{
    struct plugin_set set;
    const char *a = temp_dir(), *b = temp_dir();
    char path[512];
    const struct plugin *p;

    (void)state;
    copy_into(so("fixtures", "good"), a, "good.so");
    copy_into(so("fixtures", "good"), b, "good.so");
    copy_into(so("fixtures", "bad_abi"), a, "bad_abi.so");
    copy_into(so("fixtures", "good"), b, "bad_abi.so");
    snprintf(path, sizeof path, "%s:%s", a, b);
    setenv("NNTUTOR_PLUGIN_PATH", path, 1);
    assert_int_equal(plugin_set_init(&set, NULL), 0);
    unsetenv("NNTUTOR_PLUGIN_PATH");
    assert_non_null(p = plugin_get(&set, "good", err, sizeof err));
    assert_non_null(strstr(p->path, a));
    assert_null(plugin_get(&set, "bad_abi", err, sizeof err));
    assert_non_null(strstr(err, a));
    assert_non_null(strstr(err, "ABI"));
    plugin_set_free(&set);
    remove_dir(a);
    remove_dir(b);
}

static void test_load_all_reports_shadowed_and_refused(void **state)
{
    struct plugin_set set;
    const char *a = temp_dir(), *b = temp_dir();
    char path[512], *out = NULL;
    size_t len = 0;
    FILE *warn = open_memstream(&out, &len);

    (void)state;
    copy_into(so("fixtures", "good"), a, "good.so");
    copy_into(so("fixtures", "bad_abi"), a, "bad_abi.so");
    copy_into(so("fixtures", "good"), a, "notes.txt");
    copy_into(so("fixtures", "good"), b, "good.so");
    copy_into(so("plugins", "template"), b, "template.so");
    snprintf(path, sizeof path, "%s:/nonexistent/nntutor:%s", a, b);
    setenv("NNTUTOR_PLUGIN_PATH", path, 1);
    assert_int_equal(plugin_set_init(&set, NULL), 0);
    unsetenv("NNTUTOR_PLUGIN_PATH");
    assert_int_equal(plugin_load_all(&set, warn), 2);   /* good, template */
    fclose(warn);
    snprintf(path, sizeof path, "nntutor: warning: %s/good.so: shadowed "
             "by %s/good.so\n", b, a);
    if (!strstr(out, path))
        fail_msg("no '%s' in:\n%s", path, out);
    snprintf(path, sizeof path, "nntutor: warning: %s/bad_abi.so: built "
             "for ABI 3.0, this nntutor has %d.%d", a, NNT_ABI_MAJOR,
             NNT_ABI_MINOR);
    if (!strstr(out, path))
        fail_msg("no '%s' in:\n%s", path, out);
    assert_null(strstr(out, "nonexistent"));
    assert_null(strstr(out, "notes"));
    assert_non_null(strstr(plugin_get(&set, "good", err, sizeof err)->path,
                           a));
    assert_int_equal(plugin_load_all(&set, NULL), 0);   /* nothing new */
    free(out);
    plugin_set_free(&set);
    remove_dir(a);
    remove_dir(b);
}

/* ---- listing ---------------------------------------------------------- */

static void test_describe_lists_parameters(void **state)
{
    struct plugin_set set;
    const struct plugin *p;
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    static const char *const want[] = {
        "template 0.1.0 (ABI 2.0) — Template plugin: a worked example to "
        "copy.\n",
        "  add{a, b} — Adds two numbers",
        "    a  number  in [-10, 10], default 1  first term\n",
        "    b  number  in [-10, 10], default 2  second term\n",
        "noisy_line{n, slope, intercept, noise, stream}",
        "    n          integer  in [2, 100000], default 50",
        "    stream     choice   one of \"data\", \"init\", \"shuffle\", "
        "default \"data\"  RNG stream",
        "    kind  choice   one of \"bowl\", \"saddle\", default \"bowl\"",
        "(view: z)",
        "    values  array  1-D, at least 1 element, required  the numbers",
    };

    (void)state;
    assert_int_equal(plugin_set_init(&set, NULL), 0);
    assert_non_null(p = plugin_load_file(&set, so("plugins", "template"),
                                         err, sizeof err));
    plugin_describe(p, f, 200);
    fclose(f);
    assert_non_null(strstr(out, so("plugins", "template")));
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strstr(out, want[i]))
            fail_msg("no '%s' in:\n%s", want[i], out);
    free(out);
    plugin_set_free(&set);
}

/* ---- calling the template --------------------------------------------- */

static struct plugin_set tset;
static const struct plugin *tpl;

/* Loads the template plugin for the call tests; returns 0. */
static int load_template(void **state)
{
    (void)state;
    assert_int_equal(plugin_set_init(&tset, NULL), 0);
    tpl = plugin_load_file(&tset, so("plugins", "template"), err, sizeof err);
    if (!tpl)
        fail_msg("%s", err);
    return 0;
}

/* Unloads the template plugin; returns 0. */
static int unload_template(void **state)
{
    (void)state;
    plugin_set_free(&tset);
    return 0;
}

/* Binds raw to template function name and runs it with seed; returns what
 * plugin_call returned. */
static int call(const char *name, const struct raw_arg *raw, int nraw,
                uint64_t seed, progress_fn progress, void *ud,
                struct call_result *res)
{
    const struct nnt_function *fn = plugin_function(tpl, name);
    struct nnt_value args[8];
    struct rng rng;

    assert_non_null(fn);
    if (plugin_bind_args(fn, raw, nraw, args, err, sizeof err) != 0)
        fail_msg("%s: %s", name, err);
    rng_seed(&rng, seed);
    return plugin_call(fn, args, &rng, progress, ud, res);
}

static void test_call_add(void **state)
{
    struct raw_arg raw[] = { { .name = "a", .kind = RAW_NUMBER, .num = 3 } };
    struct call_result res;

    (void)state;
    assert_int_equal(call("add", raw, 1, 1, NULL, NULL, &res), 0);
    assert_int_equal(res.n, 1);
    assert_int_equal(result(&res, "sum")->kind, RESULT_NUMBER);
    assert_true(result(&res, "sum")->num == 5);     /* b defaults to 2 */
    call_result_free(&res);
}

static void test_noisy_line_fit_recovers_slope(void **state)
{
    struct raw_arg raw[] = {
        { .name = "n", .kind = RAW_NUMBER, .num = 200 },
        { .name = "slope", .kind = RAW_NUMBER, .num = -3 },
        { .name = "intercept", .kind = RAW_NUMBER, .num = 1 },
        { .name = "noise", .kind = RAW_NUMBER, .num = 0.1 },
    };
    struct call_result res;
    const struct array *x, *y;

    (void)state;
    assert_int_equal(call("noisy_line", raw, 4, 42, NULL, NULL, &res), 0);
    x = result(&res, "x")->arr;
    y = result(&res, "y")->arr;
    assert_int_equal(x->rows, 200);
    assert_int_equal(x->cols, 0);
    assert_int_equal(array_len(y), 200);
    assert_true(x->data[0] == 0 && x->data[199] == 1);
    assert_true(fabs(result(&res, "fit_slope")->num + 3) < 0.1);
    assert_true(fabs(result(&res, "fit_intercept")->num - 1) < 0.05);
    call_result_free(&res);
}

static void test_same_seed_same_numbers(void **state)
{
    struct raw_arg raw[] = { { .name = "n", .kind = RAW_NUMBER, .num = 64 } };
    struct raw_arg init[] = {
        { .name = "stream", .kind = RAW_STRING, .str = "init" },
    };
    struct call_result a, b, c, d;

    (void)state;
    assert_int_equal(call("noisy_line", raw, 1, 7, NULL, NULL, &a), 0);
    assert_int_equal(call("noisy_line", raw, 1, 7, NULL, NULL, &b), 0);
    assert_int_equal(call("noisy_line", raw, 1, 8, NULL, NULL, &c), 0);
    assert_int_equal(call("noisy_line", init, 1, 7, NULL, NULL, &d), 0);
    assert_memory_equal(result(&a, "y")->arr->data,
                        result(&b, "y")->arr->data, 64 * sizeof(double));
    assert_true(result(&a, "fit_slope")->num
                == result(&b, "fit_slope")->num);
    assert_memory_not_equal(result(&a, "y")->arr->data,
                            result(&c, "y")->arr->data, 64 * sizeof(double));
    assert_true(result(&a, "fit_slope")->num
                != result(&d, "fit_slope")->num);   /* another stream */
    call_result_free(&a);
    call_result_free(&b);
    call_result_free(&c);
    call_result_free(&d);
}

static void test_grid_surfaces(void **state)
{
    struct raw_arg raw[] = {
        { .name = "n", .kind = RAW_NUMBER, .num = 5 },
        { .name = "kind", .kind = RAW_STRING, .str = "saddle" },
    };
    struct call_result res;
    const struct array *x, *y, *z;

    (void)state;
    assert_int_equal(call("grid", raw, 2, 1, NULL, NULL, &res), 0);
    x = result(&res, "x")->arr;
    y = result(&res, "y")->arr;
    z = result(&res, "z")->arr;
    assert_int_equal(z->rows, 5);
    assert_int_equal(z->cols, 5);
    assert_true(x->data[0] == -2 && x->data[2] == 0 && x->data[4] == 2);
    for (size_t i = 0; i < 5; i++)
        for (size_t j = 0; j < 5; j++)
            assert_true(z->data[i * 5 + j]
                        == x->data[j] * x->data[j] - y->data[i] * y->data[i]);
    assert_true(z->data[0 * 5 + 4] == 0);      /* (x=2, y=-2) */
    assert_true(z->data[2 * 5 + 4] == 4);      /* (x=2, y=0) */
    call_result_free(&res);
    assert_int_equal(call("grid", raw, 1, 1, NULL, NULL, &res), 0);
    assert_true(result(&res, "z")->arr->data[0] == 8);  /* bowl corner */
    call_result_free(&res);
}

static void test_stats(void **state)
{
    static const double v[] = { 4, 1, 3, 2 };
    static const double bad[] = { 1, INFINITY };
    struct raw_arg raw[] = {
        { .name = "values", .kind = RAW_ARRAY,
          .array = { .data = v, .len = 4, .rows = 1, .cols = 4, .dims = 1 } },
    };
    struct call_result res;

    (void)state;
    assert_int_equal(call("stats", raw, 1, 1, NULL, NULL, &res), 0);
    assert_true(result(&res, "mean")->num == 2.5);
    assert_true(result(&res, "var")->num == 1.25);
    assert_true(result(&res, "min")->num == 1);
    assert_true(result(&res, "max")->num == 4);
    call_result_free(&res);

    raw[0].array = (struct nnt_arrayarg){ .data = bad, .len = 2, .rows = 1,
                                          .cols = 2, .dims = 1 };
    assert_int_equal(call("stats", raw, 1, 1, NULL, NULL, &res), -1);
    assert_string_equal(res.err, "values[2] is inf; stats needs finite "
                        "numbers");
    call_result_free(&res);
}

/* Progress callback: counts calls, checks fractions rise to 1, and cancels
 * after *ud calls when *ud > 0. */
static int count_progress(void *ud, double fraction)
{
    int *calls = ud;            /* calls[0] limit, calls[1] count */
    static double last;

    if (calls[1]++ == 0)
        last = 0;
    assert_true(fraction > last && fraction <= 1);
    last = fraction;
    return calls[0] > 0 && calls[1] >= calls[0];
}

static void test_slow_reports_progress(void **state)
{
    struct raw_arg raw[] = {
        { .name = "steps", .kind = RAW_NUMBER, .num = 20 },
    };
    struct call_result res;
    int calls[2] = { 0, 0 };

    (void)state;
    assert_int_equal(call("slow", raw, 1, 1, count_progress, calls, &res), 0);
    assert_int_equal(calls[1], 20);
    assert_int_equal(res.cancelled, 0);
    assert_true(result(&res, "steps_done")->num == 20);
    call_result_free(&res);
}

static void test_slow_stops_when_cancelled(void **state)
{
    struct raw_arg raw[] = {
        { .name = "steps", .kind = RAW_NUMBER, .num = 1000 },
    };
    struct call_result res;
    int calls[2] = { 5, 0 };

    (void)state;
    assert_int_equal(call("slow", raw, 1, 1, count_progress, calls, &res),
                     -1);
    assert_int_equal(calls[1], 5);
    assert_int_equal(res.cancelled, 1);
    assert_string_equal(res.err, "cancelled");
    assert_true(result(&res, "steps_done")->num == 5);
    call_result_free(&res);
}

/* ---- plugin_call against hand-made functions --------------------------- */

/* Run: returns -1 without saying why. */
static int silent_failure(const struct nnt_host *host, struct nnt_call *c,
                          const struct nnt_value *args)
{
    (void)host;
    (void)c;
    (void)args;
    return -1;
}

/* Run: puts results that exercise replacement and shapes; returns 0. */
static int many_results(const struct nnt_host *host, struct nnt_call *c,
                        const struct nnt_value *args)
{
    double *v;

    (void)args;
    assert_int_equal(host->abi, NNT_ABI_VERSION);
    assert_int_equal(host->size, sizeof *host);
    host->put_number(c, "a", 1);
    host->put_string(c, "s", "first");
    host->put_number(c, "a", 2);                /* replaces */
    host->put_string(c, "a", "now a string");   /* replaces again */
    if (!(v = host->put_array(c, "v", 3, 0)))
        return -1;
    v[2] = 7;
    if (!(v = host->put_array(c, "m", 2, 3)))
        return -1;
    v[5] = 9;
    return 0;
}

/* Run: fails with a formatted message, then tries to fail again. */
static int loud_failure(const struct nnt_host *host, struct nnt_call *c,
                        const struct nnt_value *args)
{
    (void)args;
    /* parenthesised: cmocka defines a fail() macro */
    (host->fail)(c, "diverged at step %d (loss %g)", 12, 1e300);
    return (host->fail)(c, "second message is dropped");
}

/* Run: asks for an array too big to allocate, then keeps putting. */
static int too_big(const struct nnt_host *host, struct nnt_call *c,
                   const struct nnt_value *args)
{
    (void)args;
    if (host->put_array(c, "big", SIZE_MAX / sizeof(double), 2))
        return 0;
    host->put_number(c, "after", 1);            /* ignored: no-op */
    host->put_string(c, "later", "also ignored");
    assert_null(host->put_array(c, "small", 1, 0));
    return -1;
}

/* Run: asks for a stream that does not exist. */
static int bad_stream(const struct nnt_host *host, struct nnt_call *c,
                      const struct nnt_value *args)
{
    (void)args;
    host->rng_u64(c, (enum nnt_stream)7);
    return 0;
}

/* Run: draws from each stream into results u0..u2; returns 0. */
static int draw_streams(const struct nnt_host *host, struct nnt_call *c,
                        const struct nnt_value *args)
{
    (void)args;
    host->put_number(c, "u0", (double)host->rng_u64(c, NNT_RNG_INIT));
    host->put_number(c, "u1", host->rng_uniform(c, NNT_RNG_DATA));
    host->put_number(c, "u2", host->rng_normal(c, NNT_RNG_SHUFFLE));
    return 0;
}

static void test_call_without_message_gets_one(void **state)
{
    struct nnt_function fn = { .name = "f", .run = silent_failure };
    struct call_result res;

    (void)state;
    assert_int_equal(plugin_call(&fn, NULL, NULL, NULL, NULL, &res), -1);
    assert_string_equal(res.err, "plugin function failed without a message");
    call_result_free(&res);
}

static void test_call_keeps_first_failure_message(void **state)
{
    struct nnt_function fn = { .name = "f", .run = loud_failure };
    struct call_result res;

    (void)state;
    assert_int_equal(plugin_call(&fn, NULL, NULL, NULL, NULL, &res), -1);
    assert_string_equal(res.err, "diverged at step 12 (loss 1e+300)");
    call_result_free(&res);
}

static void test_call_results_replace_and_shape(void **state)
{
    struct nnt_function fn = { .name = "f", .run = many_results };
    struct call_result res;
    const struct result *r;

    (void)state;
    assert_int_equal(plugin_call(&fn, NULL, NULL, NULL, NULL, &res), 0);
    assert_int_equal(res.n, 4);                 /* a, s, v, m */
    r = result(&res, "a");
    assert_int_equal(r->kind, RESULT_STRING);
    assert_string_equal(r->str, "now a string");
    assert_string_equal(result(&res, "s")->str, "first");
    r = result(&res, "v");
    assert_int_equal(r->arr->rows, 3);
    assert_int_equal(r->arr->cols, 0);
    assert_true(r->arr->data[0] == 0 && r->arr->data[2] == 7);
    r = result(&res, "m");
    assert_int_equal(r->arr->rows, 2);
    assert_int_equal(r->arr->cols, 3);
    assert_true(r->arr->data[5] == 9);
    call_result_free(&res);
    assert_int_equal(res.n, 0);
}

static void test_call_out_of_memory_stops_results(void **state)
{
    struct nnt_function fn = { .name = "f", .run = too_big };
    struct call_result res;

    (void)state;
    assert_int_equal(plugin_call(&fn, NULL, NULL, NULL, NULL, &res), -1);
    assert_int_equal(res.n, 0);
    assert_non_null(strstr(res.err, "out of memory storing result 'big'"));
    call_result_free(&res);
}

static void test_call_unknown_stream_fails(void **state)
{
    struct nnt_function fn = { .name = "f", .run = bad_stream };
    struct call_result res;

    (void)state;
    assert_int_equal(plugin_call(&fn, NULL, NULL, NULL, NULL, &res), -1);
    assert_string_equal(res.err, "plugin asked for unknown RNG stream 7");
    call_result_free(&res);
}

static void test_call_streams_match_core_rng(void **state)
{
    struct nnt_function fn = { .name = "f", .run = draw_streams };
    struct call_result res;
    struct rng host, mine;

    (void)state;
    rng_seed(&host, 99);
    rng_seed(&mine, 99);
    assert_int_equal(plugin_call(&fn, NULL, &host, NULL, NULL, &res), 0);
    assert_true(result(&res, "u0")->num == (double)rng_u64(&mine, 0));
    assert_true(result(&res, "u1")->num == rng_uniform(&mine, 1));
    assert_true(result(&res, "u2")->num == rng_normal(&mine, 2));
    call_result_free(&res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_search_order),
        cmocka_unit_test(test_refuses_missing_symbol),
        cmocka_unit_test(test_refuses_other_abi_naming_both),
        cmocka_unit_test(test_refuses_too_small_size_naming_both),
        cmocka_unit_test(test_refuses_name_unlike_file),
        cmocka_unit_test(test_refuses_null_name),
        cmocka_unit_test(test_refuses_malformed_tables),
        cmocka_unit_test(test_refuses_unloadable_file),
        cmocka_unit_test(test_same_file_twice_is_one_plugin),
        cmocka_unit_test(test_refuses_duplicate_name),
        cmocka_unit_test(test_get_finds_template_on_plugin_path),
        cmocka_unit_test(test_get_finds_builtin_dir),
        cmocka_unit_test(test_get_names_what_was_searched),
        cmocka_unit_test(test_get_first_directory_decides),
        cmocka_unit_test(test_load_all_reports_shadowed_and_refused),
        cmocka_unit_test(test_describe_lists_parameters),
        cmocka_unit_test(test_call_without_message_gets_one),
        cmocka_unit_test(test_call_keeps_first_failure_message),
        cmocka_unit_test(test_call_results_replace_and_shape),
        cmocka_unit_test(test_call_out_of_memory_stops_results),
        cmocka_unit_test(test_call_unknown_stream_fails),
        cmocka_unit_test(test_call_streams_match_core_rng),
    };
    const struct CMUnitTest calls[] = {
        cmocka_unit_test(test_call_add),
        cmocka_unit_test(test_noisy_line_fit_recovers_slope),
        cmocka_unit_test(test_same_seed_same_numbers),
        cmocka_unit_test(test_grid_surfaces),
        cmocka_unit_test(test_stats),
        cmocka_unit_test(test_slow_reports_progress),
        cmocka_unit_test(test_slow_stops_when_cancelled),
    };
    const char *b = getenv("BUILD");
    int failed;

    if (b && *b)
        build = b;
    /* keep the user's own plugins out of the tests */
    unsetenv("NNTUTOR_PLUGIN_PATH");
    setenv("XDG_DATA_HOME", "/nonexistent/nntutor-test", 1);
    failed = cmocka_run_group_tests_name("loader", tests, NULL, NULL);
    failed += cmocka_run_group_tests_name("template calls", calls,
                                          load_template, unload_template);
    return failed != 0;
}
