/* SPDX-License-Identifier: MIT */
/* A student's code, run apart from the lesson: its own thread, its own
 * instruction and CPU budget, and errors that come back as values. */
#include <string.h>

#include <lauxlib.h>

#include "host.h"
#include "student.h"

#define STUDENT_EVERY 1000              /* instructions between checks */

/* Count hook of the student's threads: charges the student's budget and,
 * once it is spent, raises an error on every instruction so that their
 * own pcall cannot swallow the stop. */
static void student_hook(lua_State *L, lua_Debug *ar)
{
    struct host *h = host_of(L);

    h->student_used += STUDENT_EVERY;
    if (h->fe && h->fe->alive)
        h->fe->alive(h->fe->ud);
    if (!h->student_stop && h->student_used > h->student_budget)
        h->student_stop = 1;
    if (!h->student_stop && h->student_used % (64 * STUDENT_EVERY) == 0 &&
        host_cpu_s() - h->student_cpu0 > STUDENT_CPU_LIMIT)
        h->student_stop = 2;
    if (!h->student_stop)
        return;
    lua_sethook(L, student_hook, LUA_MASKCOUNT, 1);
    lua_getinfo(L, "Sl", ar);
    if (ar->currentline > 0)
        lua_pushfstring(L, "%s:%d: ", ar->short_src, ar->currentline);
    else
        lua_pushliteral(L, "");
    if (h->student_stop == 2)
        lua_pushfstring(L, "your code computed for more than %d s and was "
                        "stopped (an endless loop?)", STUDENT_CPU_LIMIT);
    else
        lua_pushfstring(L, "your code ran for more than %d million "
                        "instructions and was stopped (an endless loop?)",
                        (int)(h->student_budget / 1000000));
    lua_concat(L, 2);
    lua_error(L);
}

/* H.student_reset(n): a fresh budget of n instructions for what follows. */
static int student_reset(lua_State *L)
{
    struct host *h = host_of(L);
    lua_Integer n = luaL_checkinteger(L, 1);

    h->student_budget = n > 0 ? (long long)n : 1;
    h->student_used = 0;
    h->student_stop = 0;
    h->student_cpu0 = host_cpu_s();
    return 0;
}

/* Pushes "src:line: " of the innermost Lua frame of co that has a line,
 * or nothing; returns 1 if it pushed. */
static int where_in(lua_State *L, lua_State *co)
{
    lua_Debug ar;

    for (int lv = 0; lua_getstack(co, lv, &ar); lv++) {
        lua_getinfo(co, "Sl", &ar);
        if (ar.currentline > 0) {
            lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline);
            return 1;
        }
    }
    return 0;
}

/* H.student(f, ...): runs f(...) in a new thread under the student's
 * budget.  Returns true and f's results, or false and a message that
 * names the line in the student's file where it has one.  Error objects
 * are never converted by their metamethods. */
static int student_run(lua_State *L)
{
    struct host *h = host_of(L);
    int n = lua_gettop(L), nres = 0, status;
    size_t limit = h->mem_limit;
    lua_State *co;
    const char *msg;

    luaL_checktype(L, 1, LUA_TFUNCTION);
    co = lua_newthread(L);                      /* anchored on L's stack */
    lua_sethook(co, student_hook, LUA_MASKCOUNT, STUDENT_EVERY);
    lua_rotate(L, 1, 1);                        /* co f args... */
    lua_xmove(L, co, n);
    status = lua_resume(co, L, n - 1, &nres);
    if (status == LUA_OK) {
        if (!lua_checkstack(L, nres + 1))
            return luaL_error(L, "your code returned too many values");
        lua_pushboolean(L, 1);
        lua_xmove(co, L, nres);
        return nres + 1;
    }
    h->mem_limit = limit + limit / 8;           /* room to report */
    lua_pushboolean(L, 0);
    if (status == LUA_YIELD) {
        lua_pushliteral(L, "your code called coroutine.yield outside a "
                        "coroutine of its own");
    } else if (status == LUA_ERRMEM) {
        if (!where_in(L, co))
            lua_pushliteral(L, "");
        lua_pushfstring(L, "your code used more memory than a lesson may "
                        "(%d MiB)", (int)(limit >> 20));
        lua_concat(L, 2);
    } else {
        msg = lua_type(co, -1) == LUA_TSTRING ? lua_tostring(co, -1) : NULL;
        if (!msg) {
            if (!where_in(L, co))
                lua_pushliteral(L, "");
            lua_pushfstring(L, "your code raised an error (a %s value)",
                            luaL_typename(co, -1));
            lua_concat(L, 2);
        } else {
            /* a message without its place (raised in a C function such
             * as math.floor) gets the student's line in front */
            lua_Debug ar;
            int placed = 0;
            for (int lv = 0; lua_getstack(co, lv, &ar); lv++) {
                lua_getinfo(co, "Sl", &ar);
                if (ar.currentline > 0) {
                    size_t k = strlen(ar.short_src);
                    placed = strncmp(msg, ar.short_src, k) == 0 &&
                             msg[k] == ':';
                    break;
                }
            }
            if (placed || !where_in(L, co))
                lua_pushliteral(L, "");
            lua_pushstring(L, msg);
            lua_concat(L, 2);
        }
    }
    h->mem_limit = limit;
    lua_settop(co, 0);
    return 2;
}

void student_open(lua_State *L)
{
    lua_pushcfunction(L, student_run);
    lua_setfield(L, -2, "student");
    lua_pushcfunction(L, student_reset);
    lua_setfield(L, -2, "student_reset");
}
