/* SPDX-License-Identifier: MIT */
/* nnt.array: 1-D and 2-D arrays of doubles shared without copying. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>

#include "host.h"

#define ARRAY_MT "nnt.array"

/* Returns the array of the nnt.array at idx, raising an error otherwise. */
static struct array *check_array(lua_State *L, int idx)
{
    return *(struct array **)luaL_checkudata(L, idx, ARRAY_MT);
}

struct array *api_testarray(lua_State *L, int idx)
{
    struct array **p = luaL_testudata(L, idx, ARRAY_MT);
    return p ? *p : NULL;
}

/* Tells the collector that an array's data (outside Lua, so unseen by
 * it) was just tied to a Lua value, as if that much had been allocated:
 * garbage arrays are then freed at the pace they are made instead of
 * piling up to the memory cap.  Returns nothing. */
static void gc_debt(lua_State *L, const struct array *a)
{
    size_t kb = array_len(a) * sizeof(double) / 1024;

    if (kb > 0)
        lua_gc(L, LUA_GCSTEP, kb > INT_MAX ? INT_MAX : (int)kb);
}

void api_pusharray(lua_State *L, struct array *a)
{
    struct array **p = lua_newuserdatauv(L, sizeof *p, 0);

    *p = array_ref(a);
    luaL_setmetatable(L, ARRAY_MT);
    gc_debt(L, a);
}

/* Pushes a new nnt.array that owns a fresh array; raises on no memory. */
static struct array *push_new(lua_State *L, size_t rows, size_t cols)
{
    struct array **p = lua_newuserdatauv(L, sizeof *p, 0);

    *p = NULL;                  /* allocate the userdata first */
    luaL_setmetatable(L, ARRAY_MT);
    *p = array_new(rows, cols);
    if (!*p)
        luaL_error(L, "nnt.array: not enough memory for %I values",
                   (lua_Integer)(cols ? rows * cols : rows));
    gc_debt(L, *p);
    return *p;
}

/* Reads the number at t[i] (t at idx) into *v; returns 0 or -1. */
static int get_number(lua_State *L, int idx, lua_Integer i, double *v)
{
    int isnum;

    lua_rawgeti(L, idx, i);
    *v = lua_tonumberx(L, -1, &isnum);
    lua_pop(L, 1);
    return isnum ? 0 : -1;
}

struct array *api_toarray(lua_State *L, int idx, char *err, size_t n)
{
    struct array *a = api_testarray(L, idx);
    size_t rows, cols;

    if (a)
        return array_ref(a);
    if (!lua_istable(L, idx)) {
        snprintf(err, n, "expected an array (a table of numbers or an "
                 "nnt.array), got %s", luaL_typename(L, idx));
        return NULL;
    }
    idx = lua_absindex(L, idx);
    rows = lua_rawlen(L, idx);
    lua_rawgeti(L, idx, 1);
    if (lua_istable(L, -1)) {                   /* 2-D: rows of numbers */
        cols = lua_rawlen(L, -1);
        lua_pop(L, 1);
        if (cols == 0) {
            snprintf(err, n, "row 1 is empty");
            return NULL;
        }
        a = array_new(rows, cols);
        if (!a) {
            snprintf(err, n, "not enough memory");
            return NULL;
        }
        for (size_t i = 0; i < rows; i++) {
            if (lua_rawgeti(L, idx, (lua_Integer)i + 1) != LUA_TTABLE) {
                snprintf(err, n, "row %zu is %s, not a table", i + 1,
                         luaL_typename(L, -1));
                goto fail;
            }
            if (lua_rawlen(L, -1) != cols) {
                snprintf(err, n, "row %zu has %zu values but row 1 has %zu",
                         i + 1, (size_t)lua_rawlen(L, -1), cols);
                goto fail;
            }
            for (size_t j = 0; j < cols; j++)
                if (get_number(L, -1, (lua_Integer)j + 1,
                               &a->data[i * cols + j]) < 0) {
                    snprintf(err, n, "element [%zu][%zu] is not a number",
                             i + 1, j + 1);
                    goto fail;
                }
            lua_pop(L, 1);
        }
        return a;
fail:
        lua_pop(L, 1);
        array_unref(a);
        return NULL;
    }
    lua_pop(L, 1);
    a = array_new(rows, 0);
    if (!a) {
        snprintf(err, n, "not enough memory");
        return NULL;
    }
    for (size_t i = 0; i < rows; i++)
        if (get_number(L, idx, (lua_Integer)i + 1, &a->data[i]) < 0) {
            lua_rawgeti(L, idx, (lua_Integer)i + 1);
            snprintf(err, n, "element [%zu] is %s, not a number", i + 1,
                     luaL_typename(L, -1));
            lua_pop(L, 1);
            array_unref(a);
            return NULL;
        }
    return a;
}

/* nnt.array(t) | nnt.array(n) | nnt.array(rows, cols): returns a new
 * array copied from a table, or zeros. */
static int array_create(lua_State *L)
{
    char err[256];
    struct array *a;

    lua_remove(L, 1);                           /* the nnt.array table */
    if (lua_type(L, 1) == LUA_TNUMBER) {
        lua_Integer r = luaL_checkinteger(L, 1);
        lua_Integer c = luaL_optinteger(L, 2, 0);
        luaL_argcheck(L, r >= 0 && r <= (1 << 28), 1, "size out of range");
        luaL_argcheck(L, c >= 0 && c <= (1 << 28) && r * c <= (1 << 28), 2,
                      "size out of range");
        push_new(L, (size_t)r, (size_t)c);
        return 1;
    }
    a = api_toarray(L, 1, err, sizeof err);
    if (!a)
        return luaL_error(L, "nnt.array: %s", err);
    if (api_testarray(L, 1)) {                  /* copy an array */
        struct array *b = push_new(L, a->rows, a->cols);
        memcpy(b->data, a->data, array_len(a) * sizeof(double));
        array_unref(a);
        return 1;
    }
    api_pusharray(L, a);
    array_unref(a);
    return 1;
}

/* a[i]: returns a number (1-D), a row view (2-D), a method, or nil. */
static int array_index(lua_State *L)
{
    struct array *a = check_array(L, 1);
    int isint;
    lua_Integer i = lua_tointegerx(L, 2, &isint);

    if (!isint) {
        luaL_getmetafield(L, 1, "methods");
        lua_pushvalue(L, 2);
        lua_rawget(L, -2);
        return 1;
    }
    if (i < 1 || (size_t)i > a->rows) {
        lua_pushnil(L);
        return 1;
    }
    if (!a->cols) {
        lua_pushnumber(L, a->data[i - 1]);
        return 1;
    }
    {
        struct array **p = lua_newuserdatauv(L, sizeof *p, 0);
        *p = NULL;
        luaL_setmetatable(L, ARRAY_MT);
        *p = array_row(a, (size_t)i - 1);
        if (!*p)
            return luaL_error(L, "nnt.array: not enough memory");
    }
    return 1;
}

/* a[i] = v: sets an element of a 1-D array. */
static int array_newindex(lua_State *L)
{
    struct array *a = check_array(L, 1);
    lua_Integer i = luaL_checkinteger(L, 2);
    double v = luaL_checknumber(L, 3);

    if (a->cols)
        return luaL_error(L, "nnt.array: assign to a[i][j] in a 2-D array");
    if (i < 1 || (size_t)i > a->rows)
        return luaL_error(L, "nnt.array: index %I out of range 1..%I", i,
                          (lua_Integer)a->rows);
    a->data[i - 1] = v;
    return 0;
}

/* #a: returns the length (1-D) or the number of rows (2-D). */
static int array_len_lua(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)check_array(L, 1)->rows);
    return 1;
}

/* tostring(a): returns "nnt.array(n)" or "nnt.array(rows x cols)". */
static int array_tostring(lua_State *L)
{
    struct array *a = check_array(L, 1);

    if (a->cols)
        lua_pushfstring(L, "nnt.array(%I x %I)", (lua_Integer)a->rows,
                        (lua_Integer)a->cols);
    else
        lua_pushfstring(L, "nnt.array(%I)", (lua_Integer)a->rows);
    return 1;
}

/* Drops the userdata's reference. */
static int array_gc(lua_State *L)
{
    struct array **p = luaL_checkudata(L, 1, ARRAY_MT);

    array_unref(*p);
    *p = NULL;
    return 0;
}

/* a:totable(): returns a plain Lua table (nested for 2-D). */
static int array_totable(lua_State *L)
{
    struct array *a = check_array(L, 1);
    size_t cols = a->cols;

    lua_createtable(L, (int)a->rows, 0);
    for (size_t i = 0; i < a->rows; i++) {
        if (cols) {
            lua_createtable(L, (int)cols, 0);
            for (size_t j = 0; j < cols; j++) {
                lua_pushnumber(L, a->data[i * cols + j]);
                lua_rawseti(L, -2, (lua_Integer)j + 1);
            }
        } else {
            lua_pushnumber(L, a->data[i]);
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* a:get(i [, j]): returns element i (1-D) or [i][j] (2-D) without making
 * a row view; raises on an index out of range. */
static int array_get(lua_State *L)
{
    struct array *a = check_array(L, 1);
    lua_Integer i = luaL_checkinteger(L, 2), j = 1;
    size_t cols = a->cols ? a->cols : 1;

    if (a->cols)
        j = luaL_checkinteger(L, 3);
    luaL_argcheck(L, i >= 1 && (size_t)i <= a->rows, 2, "row out of range");
    luaL_argcheck(L, j >= 1 && (size_t)j <= cols, 3, "column out of range");
    lua_pushnumber(L, a->data[(size_t)(i - 1) * cols + (size_t)(j - 1)]);
    return 1;
}

/* a:shape(): returns rows, cols (cols is nil for 1-D). */
static int array_shape(lua_State *L)
{
    struct array *a = check_array(L, 1);

    lua_pushinteger(L, (lua_Integer)a->rows);
    if (!a->cols)
        return 1;
    lua_pushinteger(L, (lua_Integer)a->cols);
    return 2;
}

/* Reduces over all finite elements: returns sum, min, max, count. */
static void reduce(const struct array *a, double *sum, double *mn,
                   double *mx, size_t *count)
{
    size_t n = array_len(a);

    *sum = 0;
    *mn = INFINITY;
    *mx = -INFINITY;
    *count = 0;
    for (size_t i = 0; i < n; i++) {
        double v = a->data[i];
        if (!isfinite(v))
            continue;
        *sum += v;
        if (v < *mn)
            *mn = v;
        if (v > *mx)
            *mx = v;
        ++*count;
    }
}

/* a:sum(), a:min(), a:max(), a:mean(): over finite elements (min/max/mean
 * are nil when there are none). */
static int array_stat(lua_State *L)
{
    struct array *a = check_array(L, 1);
    const char *what = lua_tostring(L, lua_upvalueindex(1));
    double sum, mn, mx;
    size_t count;

    reduce(a, &sum, &mn, &mx, &count);
    if (what[0] == 's')
        lua_pushnumber(L, sum);
    else if (count == 0)
        lua_pushnil(L);
    else if (what[1] == 'i')
        lua_pushnumber(L, mn);
    else if (what[1] == 'a')
        lua_pushnumber(L, mx);
    else
        lua_pushnumber(L, sum / (double)count);
    return 1;
}

int api_array_open(lua_State *L)
{
    static const luaL_Reg meta[] = {
        { "__index", array_index }, { "__newindex", array_newindex },
        { "__len", array_len_lua }, { "__tostring", array_tostring },
        { "__gc", array_gc }, { NULL, NULL }
    };
    static const char *const stats[] = { "sum", "min", "max", "mean" };

    luaL_newmetatable(L, ARRAY_MT);                     /* mt */
    luaL_setfuncs(L, meta, 0);
    lua_newtable(L);                                    /* mt methods */
    lua_pushcfunction(L, array_totable);
    lua_setfield(L, -2, "totable");
    lua_pushcfunction(L, array_shape);
    lua_setfield(L, -2, "shape");
    lua_pushcfunction(L, array_get);
    lua_setfield(L, -2, "get");
    for (int i = 0; i < 4; i++) {
        lua_pushstring(L, stats[i]);
        lua_pushcclosure(L, array_stat, 1);
        lua_setfield(L, -2, stats[i]);
    }
    lua_setfield(L, -2, "methods");
    lua_pushliteral(L, "nnt.array");
    lua_setfield(L, -2, "__name");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");                 /* locked */
    lua_pop(L, 1);

    lua_newtable(L);                    /* nnt.array: callable table */
    lua_newtable(L);
    lua_pushcfunction(L, array_create);
    lua_setfield(L, -2, "__call");
    lua_setmetatable(L, -2);
    return 1;
}
