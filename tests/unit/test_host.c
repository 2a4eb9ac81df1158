/* SPDX-License-Identifier: MIT */
/* core/host.c: the sandbox, the budget, the memory cap, text and print. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <lauxlib.h>

#include "host.h"

static char printed[4096];

/* Collects print() output. */
static void on_print(void *ud, const char *text)
{
    strncat(printed, text, sizeof printed - strlen(printed) - 2);
    strcat(printed, "\n");
}

static const struct frontend fe = { .print = on_print };

/* Returns a host for tests (small budget and memory cap, given lang). */
static struct host *make_host(const char *lang)
{
    struct host_opts o = {
        .lang = lang, .seed = 1, .lua_dir = "lua",
        .mem_limit = 32u << 20, .budget = 20000000,
    };
    char err[512];
    struct host *h = host_new(&o, &fe, err, sizeof err);

    if (!h)
        fail_msg("host_new: %s", err);
    printed[0] = '\0';
    return h;
}

/* Runs code in h; returns 0 or -1 (message in h->last_error). */
static int run(struct host *h, const char *code)
{
    host_budget_reset(h);
    printed[0] = '\0';
    if (luaL_loadbufferx(h->L, code, strlen(code), "=test", "t") != LUA_OK)
        fail_msg("load: %s", lua_tostring(h->L, -1));
    return host_pcall(h, 0, 0);
}

/* Asserts that code fails with a message containing words. */
static void fails_with(struct host *h, const char *code, const char *words)
{
    if (run(h, code) == 0)
        fail_msg("no error from: %s", code);
    if (!strstr(h->last_error, words))
        fail_msg("'%s' not in: %s", words, h->last_error);
}

/* Nothing outside the whitelist is reachable. */
static void sandbox_globals(void **state)
{
    struct host *h = make_host("en");

    assert_int_equal(run(h,
        "local G = _G\n"
        "for _, k in ipairs { 'os', 'io', 'package', 'debug', 'require',\n"
        "                     'dofile', 'loadfile', 'collectgarbage' } do\n"
        "  assert(rawget(G, k) == nil)\n"
        "end\n"
        "assert(string.dump == nil)\n"
        "assert(getmetatable('') == false)\n"
        "assert(math and string and table and utf8 and coroutine and nnt)\n"
        "assert(not pcall(load('return os')))\n"), 0);
    /* reading a removed name says why, at the reader's line */
    fails_with(h, "local t = os.time()", "test:1: os is not available in "
               "lessons");
    host_free(h);
}

/* load takes text only, and a given env becomes the chunk's _ENV. */
static void load_text_only(void **state)
{
    struct host *h = make_host("en");

    assert_int_equal(run(h,
        "local f, msg = load('\\27Lua', 'b', 'b')\n"
        "assert(f == nil and msg:find('binary chunk'))\n"
        "local g = load('return x', 'c', 't', { x = 5 })\n"
        "assert(g() == 5)\n"
        "local parts, i = { 'return ', '1 + ', '2' }, 0\n"
        "assert(load(function() i = i + 1 return parts[i] end)() == 3)\n"),
        0);
    host_free(h);
}

/* The budget stops an endless loop, also one that hides in pcall. */
static void budget_stops_loops(void **state)
{
    struct host *h = make_host("en");

    fails_with(h, "while true do end", "instruction budget");
    fails_with(h, "while true do pcall(function() while true do end end) end",
               "instruction budget");
    fails_with(h, "local n = 0\nwhile true do n = n + 1 end", "test:2:");
    assert_int_equal(run(h, "local s = 0 for i = 1, 1000 do s = s + i end"),
                     0);                        /* a reset budget works */
    host_free(h);
}

/* The allocator's cap turns memory growth into an error with a place. */
static void memory_cap(void **state)
{
    struct host *h = make_host("en");

    fails_with(h, "local t = {}\nwhile true do t[#t + 1] = {} end",
               "memory limit");
    assert_non_null(strstr(h->last_error, "limit of 32 MiB"));
    assert_int_equal(run(h, "local t = {} for i = 1, 100 do t[i] = i end"),
                     0);                        /* usable afterwards */
    host_free(h);
}

/* string.rep refuses a result over its limit, also as a method. */
static void rep_limit(void **state)
{
    struct host *h = make_host("en");

    fails_with(h, "local s = ('x'):rep(1e9)", "string.rep: result of");
    fails_with(h, "local s = string.rep('ab', 1 << 40, ',')", "limit");
    assert_int_equal(run(h, "assert(('ab'):rep(3, '-') == 'ab-ab-ab')"), 0);
    host_free(h);
}

/* Errors carry file:line and a traceback. */
static void tracebacks(void **state)
{
    struct host *h = make_host("en");

    fails_with(h, "local x = nil\nx.y = 1", "test:2: attempt to index");
    assert_non_null(strstr(h->last_error, "stack traceback"));
    fails_with(h, "error({})", "error object is a table value");
    host_free(h);
}

/* print goes to the front-end, tab-separated. */
static void print_routed(void **state)
{
    struct host *h = make_host("en");

    assert_int_equal(run(h, "print('a', 1, true, nil)"), 0);
    assert_string_equal(printed, "a\t1\ttrue\tnil\n");
    host_free(h);
}

/* Bilingual text picks the language, then English, then Chinese. */
static void text_language(void **state)
{
    struct host *zh = make_host("zh"), *en = make_host("en");
    const char *both = "print(nnt.tr{ en = 'hi', zh = '你好' })\n"
                       "print(nnt.tr{ zh = '只有中文' }, nnt.tr('plain'))";

    assert_int_equal(run(zh, both), 0);
    assert_string_equal(printed, "你好\n只有中文\tplain\n");
    assert_int_equal(run(en, both), 0);
    assert_string_equal(printed, "hi\n只有中文\tplain\n");
    fails_with(en, "nnt.tr{ fr = 'salut' }", "en or zh");
    fails_with(en, "nnt.tr(true)", "must be text");
    host_free(zh);
    host_free(en);
}

/* nnt.seed makes nnt.random and math.random repeat. */
static void seeded_random(void **state)
{
    struct host *h = make_host("en");

    assert_int_equal(run(h,
        "nnt.seed(5) local a, b = nnt.random(), math.random(1, 6)\n"
        "nnt.seed(5) assert(nnt.random() == a and math.random(1, 6) == b)\n"
        "for i = 1, 100 do local k = math.random(3)\n"
        "  assert(k >= 1 and k <= 3 and math.type(k) == 'integer') end\n"
        "assert(pcall(math.random, 2, 1) == false)\n"
        "assert(pcall(math.randomseed) == false)\n"), 0);
    host_free(h);
}

/* nnt.array: indexing, views, length, conversion, errors. */
static void arrays(void **state)
{
    struct host *h = make_host("en");

    assert_int_equal(run(h,
        "local a = nnt.array{ 1, 2, 3 }\n"
        "assert(#a == 3 and a[2] == 2 and a[4] == nil)\n"
        "a[2] = 5 assert(a:sum() == 9 and a:max() == 5 and a:min() == 1)\n"
        "local m = nnt.array{ { 1, 2 }, { 3, 4 }, { 5, 6 } }\n"
        "local r, c = m:shape() assert(r == 3 and c == 2)\n"
        "assert(m[3][2] == 6 and #m[1] == 2)\n"
        "assert(m:get(3, 2) == 6 and a:get(2) == 5)\n"
        "assert(not pcall(m.get, m, 4, 1) and not pcall(m.get, m, 1, 3))\n"
        "assert(tostring(m) == 'nnt.array(3 x 2)')\n"
        "local t = m:totable() assert(t[2][1] == 3)\n"
        "local z = nnt.array(2, 3) assert(z[2][3] == 0)\n"
        "local s = 0 for _, v in ipairs(a) do s = s + v end assert(s == 9)\n"
        "assert(not pcall(nnt.array, { 1, 'x' }))\n"
        "assert(not pcall(nnt.array, { { 1 }, { 1, 2 } }))\n"
        "assert(not pcall(function() m[1] = 3 end))\n"), 0);
    host_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sandbox_globals),
        cmocka_unit_test(load_text_only),
        cmocka_unit_test(budget_stops_loops),
        cmocka_unit_test(memory_cap),
        cmocka_unit_test(rep_limit),
        cmocka_unit_test(tracebacks),
        cmocka_unit_test(print_routed),
        cmocka_unit_test(text_language),
        cmocka_unit_test(seeded_random),
        cmocka_unit_test(arrays),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
