/* SPDX-License-Identifier: MIT */
/* Chart specs: a lesson's Lua table turned into a chart model. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>

#include "host.h"
#include "util.h"

#define ANCHOR_MT "nnt.chart"

static const char *const spec_fields[] = {
    "kind", "title", "xlabel", "ylabel", "xlog", "ylog", "xrange", "yrange",
    "x", "y", "name", "style", "series", "z", "contours", "mark", "values",
    "bins", "labels", "aspect", "marks"
};
static const char *const series_fields[] = {
    "name", "x", "y", "style", "values"
};
static const char *const kinds[] = {
    "line", "scatter", "heatmap", "histogram", "bar"
};

/* Frees the anchored chart when the anchor is collected. */
static int anchor_gc(lua_State *L)
{
    struct chart **p = luaL_checkudata(L, 1, ANCHOR_MT);

    chart_free(*p);
    *p = NULL;
    return 0;
}

/* Raises an error about unknown keys in the table at idx. */
static void check_fields(lua_State *L, int idx, const char *where,
                         const char *const *ok, int nok)
{
    for (lua_pushnil(L); lua_next(L, idx); lua_pop(L, 1)) {
        const char *k, *near;
        int found = 0;

        if (lua_type(L, -2) != LUA_TSTRING) {
            if (lua_isinteger(L, -2))
                continue;               /* series lists are checked later */
            luaL_error(L, "ui:chart: %skeys must be field names", where);
        }
        k = lua_tostring(L, -2);
        for (int i = 0; i < nok && !found; i++)
            found = strcmp(k, ok[i]) == 0;
        if (found)
            continue;
        near = closest_name(k, ok, nok);
        if (near)
            luaL_error(L, "ui:chart: %sunknown field '%s' (did you mean "
                       "'%s'?)", where, k, near);
        luaL_error(L, "ui:chart: %sunknown field '%s'", where, k);
    }
}

/* Returns a copy of the text in field k of the table at idx, or NULL. */
static char *get_text(lua_State *L, int idx, const char *k)
{
    char what[64];
    char *s;

    if (lua_getfield(L, idx, k) == LUA_TNIL) {
        lua_pop(L, 1);
        return NULL;
    }
    snprintf(what, sizeof what, "ui:chart: field '%s'", k);
    s = xstrdup(host_text(L, -1, what));
    lua_pop(L, 2);
    return s;
}

/* Returns field k of the table at idx as a boolean (absent = 0). */
static int get_bool(lua_State *L, int idx, const char *k)
{
    int t = lua_getfield(L, idx, k), v = lua_toboolean(L, -1);

    if (t != LUA_TNIL && t != LUA_TBOOLEAN)
        luaL_error(L, "ui:chart: field '%s' must be a boolean, got %s", k,
                   luaL_typename(L, -1));
    lua_pop(L, 1);
    return v;
}

/* Returns field k as an array (one reference), or NULL when absent and
 * not required; dims 1 or 2 asks for that shape, 0 for either. */
static struct array *get_array(lua_State *L, int idx, const char *where,
                               const char *k, int required, int dims)
{
    struct array *a;
    char err[256];

    if (lua_getfield(L, idx, k) == LUA_TNIL) {
        lua_pop(L, 1);
        if (required)
            luaL_error(L, "ui:chart: %smissing field '%s'", where, k);
        return NULL;
    }
    a = api_toarray(L, -1, err, sizeof err);
    lua_pop(L, 1);
    if (!a)
        luaL_error(L, "ui:chart: %sfield '%s': %s", where, k, err);
    if (dims && (a->cols ? 2 : 1) != dims) {
        array_unref(a);
        luaL_error(L, "ui:chart: %sfield '%s' must be a %d-D array", where,
                   k, dims);
    }
    return a;
}

/* Reads an optional {lo, hi} range; returns 1 if given. */
static int get_range(lua_State *L, int idx, const char *k, double *lo,
                     double *hi)
{
    int ok = 1;

    if (lua_getfield(L, idx, k) == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    if (!lua_istable(L, -1))
        ok = 0;
    else {
        lua_rawgeti(L, -1, 1);
        lua_rawgeti(L, -2, 2);
        ok = lua_isnumber(L, -2) && lua_isnumber(L, -1);
        *lo = lua_tonumber(L, -2);
        *hi = lua_tonumber(L, -1);
        lua_pop(L, 2);
        ok = ok && isfinite(*lo) && isfinite(*hi) && *lo < *hi;
    }
    if (!ok)
        luaL_error(L, "ui:chart: field '%s' must be { lo, hi } with lo < hi",
                   k);
    lua_pop(L, 1);
    return 1;
}

/* Returns the optional field 'marks': "auto" (default), "cells" or
 * "dots". */
static enum chart_marks get_marks(lua_State *L, int idx)
{
    static const char *const names[] = { "auto", "cells", "dots" };
    const char *m;
    int k = 0;

    if (lua_getfield(L, idx, "marks") != LUA_TNIL) {
        m = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        for (k = 0; m && k < NNT_COUNT(names); k++)
            if (strcmp(m, names[k]) == 0)
                break;
        if (!m || k == NNT_COUNT(names))
            luaL_error(L, "ui:chart: field 'marks' must be \"auto\", "
                       "\"cells\" or \"dots\"");
    }
    lua_pop(L, 1);
    return (enum chart_marks)k;
}

/* Parses one series from the table at idx into s. */
static void parse_series(lua_State *L, int idx, const char *where,
                         enum chart_kind kind, struct chart_series *s)
{
    const char *style;

    s->name = get_text(L, idx, "name");
    s->style = kind == CHART_SCATTER ? STYLE_POINTS : STYLE_LINE;
    if (lua_getfield(L, idx, "style") != LUA_TNIL) {
        style = lua_tostring(L, -1);
        if (style && strcmp(style, "points") == 0)
            s->style = STYLE_POINTS;
        else if (style && strcmp(style, "line") == 0)
            s->style = STYLE_LINE;
        else
            luaL_error(L, "ui:chart: %sfield 'style' must be \"line\" or "
                       "\"points\"", where);
    }
    lua_pop(L, 1);
    if (kind == CHART_HISTOGRAM) {
        s->values = get_array(L, idx, where, "values", 1, 0);
    } else {
        s->x = get_array(L, idx, where, "x", 0, 0);
        s->y = get_array(L, idx, where, "y", 1, 0);
    }
}

/* Parses the series list or the single top-level series. */
static void parse_all_series(lua_State *L, int idx, struct chart *c)
{
    char where[48];
    int n;

    if (lua_getfield(L, idx, "series") == LUA_TNIL) {
        lua_pop(L, 1);
        c->series = xcalloc(1, sizeof *c->series);
        c->nseries = 1;
        parse_series(L, idx, "", c->kind, &c->series[0]);
        return;
    }
    if (!lua_istable(L, -1) || (n = (int)lua_rawlen(L, -1)) == 0)
        luaL_error(L, "ui:chart: field 'series' must be a non-empty list of "
                   "tables");
    c->series = xcalloc((size_t)n, sizeof *c->series);
    for (int i = 0; i < n; i++) {
        snprintf(where, sizeof where, "series[%d]: ", i + 1);
        if (lua_rawgeti(L, -1, i + 1) != LUA_TTABLE)
            luaL_error(L, "ui:chart: %sis %s, not a table", where,
                       luaL_typename(L, -1));
        check_fields(L, lua_gettop(L), where, series_fields,
                     NNT_COUNT(series_fields));
        c->nseries = i + 1;             /* freed by chart_free on error */
        parse_series(L, lua_gettop(L), where, c->kind, &c->series[i]);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* Parses a bar chart's labels and values. */
static void parse_bar(lua_State *L, int idx, struct chart *c)
{
    int n;

    c->bar_values = get_array(L, idx, "", "values", 1, 1);
    if (lua_getfield(L, idx, "labels") != LUA_TTABLE)
        luaL_error(L, "ui:chart: a bar chart needs 'labels' (a list of "
                   "texts)");
    n = (int)lua_rawlen(L, -1);
    if ((size_t)n != c->bar_values->rows)
        luaL_error(L, "ui:chart: 'labels' has %d entries but 'values' has "
                   "%d", n, (int)c->bar_values->rows);
    c->labels = xcalloc((size_t)n + 1, sizeof *c->labels);
    for (int i = 0; i < n; i++) {
        char what[48];
        lua_rawgeti(L, -1, i + 1);
        snprintf(what, sizeof what, "ui:chart: labels[%d]", i + 1);
        c->labels[i] = xstrdup(host_text(L, -1, what));
        lua_pop(L, 2);
    }
    lua_pop(L, 1);
}

/* Parses a heatmap's grid, contours and marker. */
static void parse_heatmap(lua_State *L, int idx, struct chart *c)
{
    c->hx = get_array(L, idx, "", "x", 1, 1);
    c->hy = get_array(L, idx, "", "y", 1, 1);
    c->z = get_array(L, idx, "", "z", 1, 2);
    if (lua_getfield(L, idx, "contours") != LUA_TNIL) {
        int isint;
        lua_Integer k = lua_tointegerx(L, -1, &isint);
        if (!isint || k < 0 || k > 50)
            luaL_error(L, "ui:chart: field 'contours' must be an integer in "
                       "[0, 50]");
        c->contours = (int)k;
    }
    lua_pop(L, 1);
    if (lua_getfield(L, idx, "mark") != LUA_TNIL) {
        if (!lua_istable(L, -1))
            luaL_error(L, "ui:chart: field 'mark' must be { x, y }");
        lua_rawgeti(L, -1, 1);
        lua_rawgeti(L, -2, 2);
        if (!lua_isnumber(L, -2) || !lua_isnumber(L, -1))
            luaL_error(L, "ui:chart: field 'mark' must be { x, y }");
        c->mark_x = lua_tonumber(L, -2);
        c->mark_y = lua_tonumber(L, -1);
        lua_pop(L, 2);
    }
    lua_pop(L, 1);
}

struct chart *chartspec_parse(lua_State *L, int idx)
{
    struct chart **anchor;
    struct chart *c;
    const char *kind;
    int k;

    idx = lua_absindex(L, idx);
    check_fields(L, idx, "", spec_fields, NNT_COUNT(spec_fields));
    lua_getfield(L, idx, "kind");
    kind = lua_tostring(L, -1);
    for (k = 0; kind && k < NNT_COUNT(kinds); k++)
        if (strcmp(kind, kinds[k]) == 0)
            break;
    if (!kind || k == NNT_COUNT(kinds))
        luaL_error(L, "ui:chart: field 'kind' must be one of \"line\", "
                   "\"scatter\", \"heatmap\", \"histogram\", \"bar\"");
    lua_pop(L, 1);

    anchor = lua_newuserdatauv(L, sizeof *anchor, 0);
    *anchor = NULL;
    if (luaL_newmetatable(L, ANCHOR_MT)) {
        lua_pushcfunction(L, anchor_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    c = *anchor = chart_new((enum chart_kind)k);
    if (!c)
        luaL_error(L, "ui:chart: not enough memory");

    c->title = get_text(L, idx, "title");
    c->xlabel = get_text(L, idx, "xlabel");
    c->ylabel = get_text(L, idx, "ylabel");
    c->xlog = get_bool(L, idx, "xlog");
    c->ylog = get_bool(L, idx, "ylog");
    c->has_xrange = get_range(L, idx, "xrange", &c->xmin, &c->xmax);
    c->has_yrange = get_range(L, idx, "yrange", &c->ymin, &c->ymax);
    if (lua_getfield(L, idx, "aspect") != LUA_TNIL) {
        if (!lua_isnumber(L, -1) || !isfinite(lua_tonumber(L, -1))
            || !(lua_tonumber(L, -1) > 0))
            luaL_error(L, "ui:chart: field 'aspect' must be a positive "
                       "number (1: equal units on both axes)");
        if (c->kind == CHART_HISTOGRAM || c->kind == CHART_BAR)
            luaL_error(L, "ui:chart: field 'aspect' applies to line, "
                       "scatter and heatmap charts only");
        c->aspect = lua_tonumber(L, -1);
    }
    lua_pop(L, 1);
    c->marks = get_marks(L, idx);
    if (c->kind == CHART_HEATMAP)
        parse_heatmap(L, idx, c);
    else if (c->kind == CHART_BAR)
        parse_bar(L, idx, c);
    else
        parse_all_series(L, idx, c);
    if (c->kind == CHART_HISTOGRAM &&
        lua_getfield(L, idx, "bins") != LUA_TNIL) {
        int isint;
        lua_Integer b = lua_tointegerx(L, -1, &isint);
        if (!isint || b < 1 || b > 1000)
            luaL_error(L, "ui:chart: field 'bins' must be an integer in "
                       "[1, 1000]");
        c->bins = (int)b;
        lua_pop(L, 1);
    } else if (c->kind == CHART_HISTOGRAM) {
        lua_pop(L, 1);
    }
    return c;                                   /* anchor left on stack */
}
