/* SPDX-License-Identifier: MIT */
/* The nnt module: RNG, text, plugins, and the C half of the ui object. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <lauxlib.h>

#include "host.h"
#include "student.h"
#include "util.h"

/* The key of the host's private table (say, chart, claim, token). */
#define HOST_KEY "nnt.host"
/* The key of the table of loaded plugin modules. */
#define PLUGINS_KEY "nnt.plugins"

/* Returns seconds on a monotonic clock. */
static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* nnt.seed(n): reseeds every stream; returns nothing. */
static int api_seed(lua_State *L)
{
    host_seed(host_of(L), (uint64_t)luaL_checkinteger(L, 1));
    return 0;
}

/* nnt.random([m [, n]]): returns a float in [0, 1), or an integer in
 * [1, m] or [m, n], as math.random does. */
static int api_random(lua_State *L)
{
    struct host *h = host_of(L);
    lua_Integer lo, hi;

    switch (lua_gettop(L)) {
    case 0:
        lua_pushnumber(L, rng_uniform(&h->rng, RNG_LUA));
        return 1;
    case 1:
        lo = 1;
        hi = luaL_checkinteger(L, 1);
        break;
    case 2:
        lo = luaL_checkinteger(L, 1);
        hi = luaL_checkinteger(L, 2);
        break;
    default:
        return luaL_error(L, "wrong number of arguments");
    }
    luaL_argcheck(L, lo <= hi, lua_gettop(L), "interval is empty");
    lua_pushinteger(L, (lua_Integer)rng_range(&h->rng, RNG_LUA, lo, hi));
    return 1;
}

/* nnt.normal([mu [, sigma]]): returns a normal deviate. */
static int api_normal(lua_State *L)
{
    struct host *h = host_of(L);
    double mu = luaL_optnumber(L, 1, 0), sigma = luaL_optnumber(L, 2, 1);

    lua_pushnumber(L, mu + sigma * rng_normal(&h->rng, RNG_LUA));
    return 1;
}

/* nnt.clock(): returns seconds on a monotonic clock (for benchmarks and
 * wall-time curves; it never feeds experiment results). */
static int api_clock(lua_State *L)
{
    lua_pushnumber(L, now_s());
    return 1;
}

/* nnt.tr(text): returns the text in the chosen language. */
static int api_tr(lua_State *L)
{
    host_text(L, 1, "nnt.tr: argument");
    return 1;
}

/* Progress callback for plugin calls: asks the front-end. */
static int api_progress(void *ud, double fraction)
{
    struct host *h = ud;

    if (!h->fe || !h->fe->progress || now_s() - h->call_start < 0.2)
        return 0;                               /* quick calls stay quiet */
    h->progress_shown = 1;
    return h->fe->progress(h->fe->ud, fraction);
}

/* Fills r from the Lua value at idx for parameter name; arrays are anchored
 * in the table at anchors so they live until the call ends. */
static void api_raw_arg(lua_State *L, int idx, int anchors, const char *who,
                        const char *name, struct raw_arg *r)
{
    struct array *a;
    char err[256];

    memset(r, 0, sizeof *r);
    r->name = name;
    r->type_name = luaL_typename(L, idx);
    switch (lua_type(L, idx)) {
    case LUA_TNUMBER:
        r->kind = RAW_NUMBER;
        r->num = lua_tonumber(L, idx);
        return;
    case LUA_TSTRING:
        r->kind = RAW_STRING;
        r->str = lua_tostring(L, idx);
        return;
    case LUA_TBOOLEAN:
        r->kind = RAW_BOOL;
        r->boolean = lua_toboolean(L, idx);
        return;
    case LUA_TTABLE:
    case LUA_TUSERDATA:
        if (lua_type(L, idx) == LUA_TUSERDATA && !api_testarray(L, idx))
            break;
        a = api_toarray(L, idx, err, sizeof err);
        if (!a)
            luaL_error(L, "%s: parameter '%s': %s", who, name, err);
        api_pusharray(L, a);                    /* the anchor owns it */
        array_unref(a);
        lua_rawseti(L, anchors, (lua_Integer)lua_rawlen(L, anchors) + 1);
        r->kind = RAW_ARRAY;
        r->type_name = "array";
        r->array.data = a->data;
        r->array.len = array_len(a);
        r->array.dims = a->cols ? 2 : 1;
        r->array.rows = a->cols ? a->rows : 1;
        r->array.cols = a->cols ? a->cols : a->rows;
        return;
    default:
        break;
    }
    r->kind = RAW_OTHER;
}

/* plugin.fn{...}: checks the arguments, runs the C function and returns
 * a table of its named results. */
static int api_plugin_call(lua_State *L)
{
    const struct plugin *p = lua_touserdata(L, lua_upvalueindex(1));
    const struct nnt_function *fn = lua_touserdata(L, lua_upvalueindex(2));
    struct host *h = host_of(L);
    struct raw_arg *raw;
    struct nnt_value *vals;
    struct call_result res;
    char who[128], err[512];
    int nraw = 0, anchors, status;
    double cpu;

    snprintf(who, sizeof who, "%s.%s", p->desc->name, fn->name);
    if (lua_isnoneornil(L, 1)) {
        lua_settop(L, 0);
        lua_newtable(L);
    }
    if (!lua_istable(L, 1) || lua_gettop(L) > 1)
        return luaL_error(L, "%s takes one table of named arguments, "
                          "e.g. %s{ ... }", who, who);
    lua_settop(L, 1);
    for (lua_pushnil(L); lua_next(L, 1); lua_pop(L, 1)) {
        if (lua_type(L, -2) != LUA_TSTRING)
            return luaL_error(L, "%s: arguments must be named "
                              "(got a value at key %s)", who,
                              luaL_tolstring(L, -2, NULL));
        nraw++;
    }
    raw = lua_newuserdatauv(L, sizeof *raw * (size_t)(nraw + 1), 0);
    vals = lua_newuserdatauv(L, sizeof *vals * (size_t)(fn->nparams + 1), 0);
    lua_newtable(L);
    anchors = lua_gettop(L);                    /* args raw vals anchors */
    nraw = 0;
    for (lua_pushnil(L); lua_next(L, 1); lua_pop(L, 1))
        api_raw_arg(L, -1, anchors, who, lua_tostring(L, -2), &raw[nraw++]);
    if (plugin_bind_args(fn, raw, nraw, vals, err, sizeof err) < 0)
        return luaL_error(L, "%s: %s", who, err);

    memset(&res, 0, sizeof res);
    h->call_start = now_s();
    h->progress_shown = 0;
    if (h->fe && h->fe->call) {                 /* who to blame for a crash */
        luaL_where(L, 1);
        h->fe->call(h->fe->ud, who, lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    cpu = host_cpu_s();
    status = plugin_call(fn, vals, &h->rng, api_progress, h, &res);
    h->call_cpu += host_cpu_s() - cpu;          /* not the lesson's loop */
    if (h->fe && h->fe->call)
        h->fe->call(h->fe->ud, NULL, NULL);
    if (h->progress_shown && h->fe && h->fe->progress)
        h->fe->progress(h->fe->ud, -1);         /* done: clear it */
    if (status < 0) {
        snprintf(err, sizeof err, "%s", res.err);
        call_result_free(&res);
        return luaL_error(L, "%s: %s", who, err);
    }
    lua_createtable(L, 0, res.n);
    for (int i = 0; i < res.n; i++) {
        struct result *r = &res.items[i];
        if (r->kind == RESULT_NUMBER)
            lua_pushnumber(L, r->num);
        else if (r->kind == RESULT_STRING)
            lua_pushstring(L, r->str);
        else
            api_pusharray(L, r->arr);
        lua_setfield(L, -2, r->name);
    }
    call_result_free(&res);
    return 1;
}

/* nnt.plugin(name): returns the plugin as a module of functions. */
static int api_plugin(lua_State *L)
{
    struct host *h = host_of(L);
    const char *name = luaL_checkstring(L, 1);
    const struct plugin *p;
    char err[512];

    lua_getfield(L, LUA_REGISTRYINDEX, PLUGINS_KEY);
    if (lua_getfield(L, -1, name) == LUA_TTABLE)
        return 1;                               /* cached */
    lua_pop(L, 1);
    if (!h->opt.plugins)
        return luaL_error(L, "nnt.plugin: no plugins in this context");
    p = plugin_get(h->opt.plugins, name, err, sizeof err);
    if (!p)
        return luaL_error(L, "nnt.plugin: %s", err);
    lua_createtable(L, 0, p->desc->nfunctions + 2);
    for (int i = 0; i < p->desc->nfunctions; i++) {
        lua_pushlightuserdata(L, (void *)p);
        lua_pushlightuserdata(L, (void *)&p->desc->functions[i]);
        lua_pushcclosure(L, api_plugin_call, 2);
        lua_setfield(L, -2, p->desc->functions[i].name);
    }
    lua_pushstring(L, p->desc->name);
    lua_setfield(L, -2, "_name");
    lua_pushstring(L, p->desc->version ? p->desc->version : "");
    lua_setfield(L, -2, "_version");
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, name);                  /* cache it */
    return 1;
}

/* nnt.describe(plugin, fn): returns a table describing a plugin
 * function: doc, view, xaxis and params (name, type, min, max, default,
 * choices, doc, required, log, step, label, unit), so Lua can build
 * screens from the declaration. */
static int api_describe(lua_State *L)
{
    static const char *const types[] = {
        "?", "number", "integer", "choice", "bool", "array"
    };
    struct host *h = host_of(L);
    const char *pname = luaL_checkstring(L, 1), *fname = luaL_checkstring(L, 2);
    const struct nnt_function *fn;
    const struct plugin *p;
    char err[512];

    if (!h->opt.plugins)
        return luaL_error(L, "nnt.describe: no plugins in this context");
    p = plugin_get(h->opt.plugins, pname, err, sizeof err);
    if (!p)
        return luaL_error(L, "nnt.describe: %s", err);
    fn = plugin_function(p, fname);
    if (!fn)
        return luaL_error(L, "nnt.describe: plugin %s has no function '%s'",
                          pname, fname);
    lua_createtable(L, 0, 4);
    lua_pushstring(L, fn->doc ? fn->doc : "");
    lua_setfield(L, -2, "doc");
    if (fn->view) {
        lua_pushstring(L, fn->view);
        lua_setfield(L, -2, "view");
    }
    if (fn->xaxis) {
        lua_pushstring(L, fn->xaxis);
        lua_setfield(L, -2, "xaxis");
    }
    lua_createtable(L, fn->nparams, 0);
    for (int i = 0; i < fn->nparams; i++) {
        const struct nnt_param *q = &fn->params[i];
        lua_createtable(L, 0, 8);
        lua_pushstring(L, q->name);
        lua_setfield(L, -2, "name");
        lua_pushstring(L, types[q->type <= NNT_ARRAY ? q->type : 0]);
        lua_setfield(L, -2, "type");
        lua_pushstring(L, q->doc ? q->doc : "");
        lua_setfield(L, -2, "doc");
        lua_pushnumber(L, q->min);
        lua_setfield(L, -2, "min");
        lua_pushnumber(L, q->max);
        lua_setfield(L, -2, "max");
        if (q->type == NNT_INTEGER || q->type == NNT_CHOICE)
            lua_pushinteger(L, (lua_Integer)q->def);
        else if (q->type == NNT_BOOL)
            lua_pushboolean(L, q->def != 0);
        else
            lua_pushnumber(L, q->def);
        lua_setfield(L, -2, "default");
        lua_pushboolean(L, (q->flags & NNT_REQUIRED) != 0);
        lua_setfield(L, -2, "required");
        lua_pushboolean(L, (q->flags & NNT_LOG) != 0);
        lua_setfield(L, -2, "log");
        lua_pushnumber(L, q->step);             /* 0: the screen picks */
        lua_setfield(L, -2, "step");
        lua_pushstring(L, q->label ? q->label : q->name);
        lua_setfield(L, -2, "label");
        if (q->unit) {
            lua_pushstring(L, q->unit);
            lua_setfield(L, -2, "unit");
        }
        if (q->type == NNT_CHOICE && q->choices) {
            lua_newtable(L);
            for (int k = 0; q->choices[k]; k++) {
                lua_pushstring(L, q->choices[k]);
                lua_rawseti(L, -2, k + 1);
            }
            lua_setfield(L, -2, "choices");
        }
        lua_rawseti(L, -2, i + 1);
    }
    lua_setfield(L, -2, "params");
    return 1;
}

/* ui:say(text): shows a paragraph; returns nothing. */
static int ui_say(lua_State *L)
{
    struct host *h = host_of(L);
    const char *s = host_text(L, 2, "ui:say: text");

    if (h->fe && h->fe->say)
        h->fe->say(h->fe->ud, s);
    return 0;
}

/* ui:claim(text, ok): records a verified claim; returns ok. */
static int ui_claim(lua_State *L)
{
    struct host *h = host_of(L);
    const char *s = host_text(L, 2, "ui:claim: text");
    int ok;

    if (!lua_isboolean(L, 3))
        return luaL_error(L, "ui:claim: the second argument must be the "
                          "experiment's verdict (a boolean), got %s",
                          luaL_typename(L, 3));
    ok = lua_toboolean(L, 3);
    if (ok)
        h->claims_ok++;
    else
        h->claims_failed++;
    if (h->fe && h->fe->claim)
        h->fe->claim(h->fe->ud, s, ok);
    lua_pushboolean(L, ok);
    return 1;
}

/* ui:chart(spec): draws a chart (the front-end exports it with
 * --export). */
static int ui_chart(lua_State *L)
{
    struct host *h = host_of(L);
    struct chart *c;
    char err[512];

    luaL_checktype(L, 2, LUA_TTABLE);
    c = chartspec_parse(L, 2);                  /* anchored on the stack */
    if (chart_validate(c, err, sizeof err) < 0)
        return luaL_error(L, "ui:chart: %s", err);
    h->charts++;
    if (h->fe && h->fe->chart)
        h->fe->chart(h->fe->ud, c);
    return 0;
}

/* math.randomseed(n): reseeds the app's generator. */
static int api_randomseed(lua_State *L)
{
    if (lua_isnoneornil(L, 1))
        return luaL_error(L, "math.randomseed needs a seed: lessons are "
                          "reproducible");
    return api_seed(L);
}

static const luaL_Reg api_funcs[] = {
    { "seed", api_seed },
    { "random", api_random },
    { "normal", api_normal },
    { "tr", api_tr },
    { "plugin", api_plugin },
    { "describe", api_describe },
    { "clock", api_clock },
    { NULL, NULL }
};

static const luaL_Reg ui_funcs[] = {
    { "say", ui_say },
    { "claim", ui_claim },
    { "chart", ui_chart },
    { NULL, NULL }
};

int api_open(lua_State *L)
{
    struct host *h = host_of(L);

    luaL_newlib(L, api_funcs);                          /* nnt */
    lua_pushstring(L, h->opt.lang ? h->opt.lang : "en");
    lua_setfield(L, -2, "lang");
    lua_pushliteral(L, NNT_VERSION);
    lua_setfield(L, -2, "version");
    api_array_open(L);                                  /* nnt array */
    lua_setfield(L, -2, "array");
    if (h->opt.explore) {
        lua_pushstring(L, h->opt.explore);
        lua_setfield(L, -2, "explore_target");
    }

    luaL_newlib(L, ui_funcs);                           /* nnt host */
    lua_pushlightuserdata(L, (void *)&api_funcs);       /* yield token */
    lua_setfield(L, -2, "token");
    student_open(L);
    lua_setfield(L, LUA_REGISTRYINDEX, HOST_KEY);       /* nnt */

    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, PLUGINS_KEY);

    lua_getglobal(L, "math");                           /* nnt math */
    lua_pushcfunction(L, api_random);
    lua_setfield(L, -2, "random");
    lua_pushcfunction(L, api_randomseed);
    lua_setfield(L, -2, "randomseed");
    lua_pop(L, 1);                                      /* nnt */
    return 1;
}
