/* SPDX-License-Identifier: MIT */
/* The Lua host: sandbox, memory cap, instruction budget and tracebacks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lauxlib.h>
#include <lualib.h>

#include "host.h"
#include "util.h"

#define HOOK_EVERY 10000        /* instructions between budget checks */


/* Lua's allocator with a cap: returns NULL once the lesson would pass it. */
static void *host_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    struct host *h = ud;
    size_t old = ptr ? osize : 0;
    void *p;

    if (nsize == 0) {
        free(ptr);
        h->mem_used -= old;
        return NULL;
    }
    if (nsize > old && h->mem_used - old + nsize > h->mem_limit)
        return NULL;
    p = realloc(ptr, nsize);
    if (!p)
        return NULL;
    h->mem_used = h->mem_used - old + nsize;
    return p;
}

struct host *host_of(lua_State *L)
{
    return *(struct host **)lua_getextraspace(L);
}

/* Line hook while a lesson's main chunk runs: keeps the line it reached,
 * the place to blame when `return nnt.lesson{...}` (a tail call, which
 * leaves no frame of the lesson) raises. */
static void host_line(lua_State *L, struct host *h, lua_Debug *ar)
{
    if (!lua_getinfo(L, "S", ar) || strcmp(ar->what, "main") != 0 ||
        !h->main_src || strcmp(ar->source, h->main_src) != 0)
        return;
    h->main_line = ar->currentline;
    snprintf(h->main_short, sizeof h->main_short, "%s", ar->short_src);
}

/* Count hook: charges the budget and, once it is spent, raises an error on
 * every instruction so that pcall cannot swallow the stop. */
static void host_hook(lua_State *L, lua_Debug *ar)
{
    struct host *h = host_of(L);

    if (ar->event == LUA_HOOKLINE) {
        host_line(L, h, ar);
        return;
    }
    h->instr += HOOK_EVERY;
    if (h->fe && h->fe->alive)
        h->fe->alive(h->fe->ud);
    if (h->instr > h->budget && !h->exceeded)
        h->exceeded = 1;
    if (!h->exceeded && h->instr % (16 * HOOK_EVERY) == 0 &&
        host_cpu_s() - h->cpu0 - h->call_cpu > HOST_CPU_LIMIT)
        h->exceeded = 2;                /* a loop around slow C calls */
    if (!h->exceeded)
        return;
    lua_sethook(L, host_hook, LUA_MASKCOUNT, 1);        /* re-arm */
    lua_getinfo(L, "Sl", ar);
    if (ar->currentline > 0)
        lua_pushfstring(L, "%s:%d: ", ar->short_src, ar->currentline);
    else
        lua_pushliteral(L, "");
    if (h->exceeded == 2)
        lua_pushfstring(L, "the step computed for more than %d s outside "
                        "plugin calls (an endless loop?)", HOST_CPU_LIMIT);
    else
        lua_pushfstring(L, "instruction budget of %d million exceeded "
                        "(an endless loop?)", (int)(h->budget / 1000000));
    lua_concat(L, 2);
    lua_error(L);
}

double host_cpu_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void host_budget_reset(struct host *h)
{
    h->instr = 0;
    h->exceeded = 0;
    h->cpu0 = host_cpu_s();
    h->call_cpu = 0;
    lua_sethook(h->L, host_hook, LUA_MASKCOUNT, HOOK_EVERY);
}

void host_track_main(struct host *h, const char *source)
{
    h->main_src = source;
    lua_sethook(h->L, host_hook, LUA_MASKCOUNT | (source ? LUA_MASKLINE : 0),
                HOOK_EVERY);
}

/* Returns 1 if source (a chunk's "@path" or short_src) names one of the
 * API's own Lua files (LUA_DIR/nnt/NAME.lua), else 0. */
static int host_is_api(const struct host *h, const char *source)
{
    const char *dir = h->opt.lua_dir, *p;
    size_t n;

    if (!dir || !source)
        return 0;
    if (*source == '@')
        source++;
    n = strlen(dir);
    if (strncmp(source, dir, n) == 0 && strncmp(source + n, "/nnt/", 5) == 0)
        return 1;
    /* a long path shortened to "...tail" */
    return strncmp(source, "...", 3) == 0 && (p = strstr(source, "/nnt/"))
           && strncmp(dir + (n > 4 ? n - 4 : 0), "/lua", 4) == 0 &&
           p >= source + 3 && strncmp(p - 4, "/lua", 4) == 0;
}

int host_author_where(struct host *h, lua_State *co, int level, char *buf,
                      size_t n)
{
    lua_Debug ar;

    for (int lv = level; lua_getstack(co, lv, &ar); lv++) {
        lua_getinfo(co, "Sl", &ar);
        if (ar.currentline > 0 && !host_is_api(h, ar.source)) {
            snprintf(buf, n, "%s:%d: ", ar.short_src, ar.currentline);
            return 1;
        }
    }
    if (h->main_line > 0) {
        snprintf(buf, n, "%s:%d: ", h->main_short, h->main_line);
        return 1;
    }
    *buf = '\0';
    return 0;
}

/* H.where([f]): returns "file:line: " of the lesson's code that called
 * the API (the first frame outside lua/nnt/), or of where the Lua
 * function f is defined; "" when there is none. */
static int host_lua_where(lua_State *L)
{
    struct host *h = host_of(L);
    char buf[512];

    if (lua_type(L, 1) == LUA_TFUNCTION && !lua_iscfunction(L, 1)) {
        lua_Debug ar;
        lua_pushvalue(L, 1);
        lua_getinfo(L, ">S", &ar);
        lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.linedefined);
        return 1;
    }
    host_author_where(h, L, 1, buf, sizeof buf);
    lua_pushstring(L, buf);
    return 1;
}

/* H.lint(text): sends a lint warning to the front-end; returns nothing. */
static int host_lua_lint(lua_State *L)
{
    struct host *h = host_of(L);
    const char *s = luaL_checkstring(L, 1);

    if (h->fe && h->fe->lint)
        h->fe->lint(h->fe->ud, s);
    return 0;
}

/* Returns the length of the "file:line: " that begins msg when file is
 * one of the API's own files, else 0. */
static size_t host_api_prefix(const struct host *h, const char *msg)
{
    const char *lua = strstr(msg, ".lua:"), *sp = strchr(msg, ' ');
    const char *p;
    char file[512];

    if (!lua || (sp && sp < lua) || (size_t)(lua - msg) + 4 >= sizeof file)
        return 0;
    p = lua + 5;
    if (*p < '0' || *p > '9')
        return 0;
    while (*p >= '0' && *p <= '9')
        p++;
    if (p[0] != ':' || p[1] != ' ')
        return 0;
    snprintf(file, sizeof file, "%.*s", (int)(lua - msg) + 4, msg);
    return host_is_api(h, file) ? (size_t)(p + 2 - msg) : 0;
}

/* Replaces the message on top of L by one that blames the lesson's line
 * instead of the API's own files, and whose traceback (made from co at
 * level) leaves out the API's frames. */
static void host_author_msg(lua_State *L, lua_State *co, int level)
{
    struct host *h = host_of(L);
    const char *msg = lua_tostring(L, -1), *tb, *line, *nl;
    size_t skip = msg ? host_api_prefix(h, msg) : 0;
    char where[512];
    luaL_Buffer b;

    if (!msg)
        return;
    if (skip && host_author_where(h, co, level, where, sizeof where)) {
        lua_pushfstring(L, "%s%s", where, msg + skip);
        lua_replace(L, -2);
        msg = lua_tostring(L, -1);
    }
    luaL_traceback(L, co, msg, level);
    tb = lua_tostring(L, -1);
    luaL_buffinit(L, &b);
    for (line = tb; *line; line = nl) {
        size_t len;
        char src[512];
        const char *colon;
        nl = strchr(line, '\n');
        nl = nl ? nl + 1 : line + strlen(line);
        len = (size_t)(nl - line);
        colon = line[0] == '\t' ? memchr(line, ':', len) : NULL;
        if (colon && (size_t)(colon - line - 1) < sizeof src) {
            snprintf(src, sizeof src, "%.*s", (int)(colon - line - 1),
                     line + 1);
            if (host_is_api(h, src) ||
                strncmp(line, "\t[C]: in function 'error'", 25) == 0)
                continue;
        }
        luaL_addlstring(&b, line, len);
    }
    luaL_pushresult(&b);                        /* msg tb tidy */
    lua_replace(L, -3);
    lua_pop(L, 1);
}

/* Returns the string on top of L, raising an error naming what when it
 * is longer than a person can read (HOST_TEXT_LIMIT). */
static const char *text_checked(lua_State *L, const char *what)
{
    size_t len;
    const char *s = lua_tolstring(L, -1, &len);

    if (len > HOST_TEXT_LIMIT)
        luaL_error(L, "%s is too long (%d KiB; at most %d KiB)", what,
                   (int)(len >> 10), (int)(HOST_TEXT_LIMIT >> 10));
    return s;
}

/* print(...): routed to the front-end, tab-separated like Lua's own. */
static int host_print(lua_State *L)
{
    struct host *h = host_of(L);
    int n = lua_gettop(L);
    luaL_Buffer b;

    luaL_buffinit(L, &b);
    for (int i = 1; i <= n; i++) {
        if (i > 1)
            luaL_addchar(&b, '\t');
        luaL_tolstring(L, i, NULL);
        luaL_addvalue(&b);
    }
    luaL_pushresult(&b);
    if (h->fe && h->fe->print)
        h->fe->print(h->fe->ud, text_checked(L, "print: the text"));
    return 0;
}

/* load(chunk [, name [, mode [, env]]]): text chunks only; returns the
 * function, or nil and a message. */
static int host_safe_load(lua_State *L)
{
    size_t len;
    const char *s;
    int status;

    if (lua_type(L, 1) == LUA_TFUNCTION) {
        luaL_Buffer b;
        luaL_buffinit(L, &b);
        for (;;) {
            lua_pushvalue(L, 1);
            lua_call(L, 0, 1);
            if (lua_isnil(L, -1)) {
                lua_pop(L, 1);
                break;
            }
            if (!lua_isstring(L, -1))
                return luaL_error(L, "reader function must return a string");
            if (lua_rawlen(L, -1) == 0) {
                lua_pop(L, 1);
                break;
            }
            luaL_addvalue(&b);
        }
        luaL_pushresult(&b);
        lua_replace(L, 1);
    }
    s = luaL_checklstring(L, 1, &len);
    status = luaL_loadbufferx(L, s, len, luaL_optstring(L, 2, s), "t");
    if (status != LUA_OK) {
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;                               /* nil msg */
    }
    if (!lua_isnone(L, 4)) {
        lua_pushvalue(L, 4);
        if (!lua_setupvalue(L, -2, 1))          /* env becomes _ENV */
            lua_pop(L, 1);
    }
    return 1;
}

/* string.rep with a cap on the result's size. */
static int host_safe_rep(lua_State *L)
{
    size_t l, lsep;
    luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &lsep);
    double total = n > 0 ? (double)l * n + (double)lsep * (n - 1) : 0;

    if (total > HOST_REP_LIMIT)
        return luaL_error(L, "string.rep: result of %f bytes is over the "
                          "limit of %d MiB", total, HOST_REP_LIMIT >> 20);
    lua_getfield(L, lua_upvalueindex(1), "rep");  /* the real rep */
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

/* Removes what a lesson must not reach and installs the safe versions. */
static void host_sandbox(lua_State *L)
{
    static const char *const drop_base[] = {
        "dofile", "loadfile", "collectgarbage", "require", NULL
    };

    lua_pushglobaltable(L);                             /* G */
    for (int i = 0; drop_base[i]; i++) {
        lua_pushnil(L);
        lua_setfield(L, -2, drop_base[i]);
    }
    lua_pushcfunction(L, host_safe_load);
    lua_setfield(L, -2, "load");
    lua_pushcfunction(L, host_print);
    lua_setfield(L, -2, "print");

    /* string: no dump, a capped rep; the same table behind "x":method() */
    lua_getfield(L, -1, "string");                      /* G string */
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    lua_newtable(L);                                    /* G string real */
    lua_getfield(L, -2, "rep");
    lua_setfield(L, -2, "rep");
    lua_pushcclosure(L, host_safe_rep, 1);              /* G string rep */
    lua_setfield(L, -2, "rep");
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);                            /* G string "" mt */
    lua_pushvalue(L, -3);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");     /* getmetatable("") is false */
    lua_pop(L, 4);                                      /* empty */
}

/* Message handler: returns the message with a traceback appended. */
static int host_msgh(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);

    if (!msg) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_isstring(L, -1))
            msg = lua_tostring(L, -1);
        else
            msg = lua_pushfstring(L, "(error object is a %s value)",
                                  luaL_typename(L, 1));
    }
    lua_pushstring(L, msg);
    host_author_msg(L, L, 1);
    return 1;
}

/* Pushes "file:line: " of the innermost Lua frame of co, or "". */
static void host_where(lua_State *L, lua_State *co)
{
    lua_Debug ar;

    for (int lv = 0; lua_getstack(co, lv, &ar); lv++) {
        lua_getinfo(co, "Sl", &ar);
        if (ar.currentline > 0) {
            lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline);
            return;
        }
    }
    lua_pushliteral(L, "");
}

/* Stores the message (made friendlier for memory errors) in last_error. */
static void host_set_error(struct host *h, int status, const char *msg,
                           size_t limit)
{
    if (status == LUA_ERRMEM)
        snprintf(h->last_error, sizeof h->last_error,
                 "%s (the memory limit of %zu MiB was reached)",
                 msg ? msg : "not enough memory", limit >> 20);
    else
        snprintf(h->last_error, sizeof h->last_error, "%s",
                 msg ? msg : "unknown error");
}

int host_load(struct host *h, const char *path)
{
    lua_State *L = h->L;
    int status = luaL_loadfilex(L, path, "t");      /* text only */

    if (status != LUA_OK) {
        host_set_error(h, status, lua_tostring(L, -1), h->mem_limit);
        lua_pop(L, 1);
        return -1;
    }
    return 0;
}

int host_pcall(struct host *h, int nargs, int nres)
{
    lua_State *L = h->L;
    int base = lua_gettop(L) - nargs, status;
    size_t limit = h->mem_limit;

    lua_pushcfunction(L, host_msgh);
    lua_insert(L, base);
    status = lua_pcall(L, nargs, nres, base);
    lua_remove(L, base);
    if (status == LUA_OK)
        return 0;
    h->mem_limit = limit + limit / 8;           /* room to report */
    if (status == LUA_ERRMEM) {
        host_where(L, L);
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    host_set_error(h, status, lua_tostring(L, -1), limit);
    lua_pop(L, 1);
    h->mem_limit = limit;
    return -1;
}

int host_resume(struct host *h, lua_State *co, int nargs, int *nres)
{
    lua_State *L = h->L;
    size_t limit = h->mem_limit;
    int status = lua_resume(co, L, nargs, nres);
    const char *msg;

    if (status == LUA_OK || status == LUA_YIELD)
        return status;
    h->mem_limit = limit + limit / 8;           /* room to report */
    msg = lua_tostring(co, -1);
    if (!msg)
        msg = lua_pushfstring(co, "(error object is a %s value)",
                              luaL_typename(co, -1));
    if (status == LUA_ERRMEM) {
        host_where(co, co);
        lua_pushstring(co, msg);
        lua_concat(co, 2);
        msg = lua_tostring(co, -1);
    }
    lua_pushstring(L, msg);
    host_author_msg(L, co, 0);
    host_set_error(h, status, lua_tostring(L, -1), limit);
    lua_pop(L, 1);
    lua_settop(co, 0);
    *nres = 0;
    h->mem_limit = limit;
    return status;
}

const char *host_text(lua_State *L, int idx, const char *what)
{
    struct host *h = host_of(L);
    const char *keys[3] = { h->opt.lang, "en", "zh" };

    idx = lua_absindex(L, idx);
    switch (lua_type(L, idx)) {
    case LUA_TSTRING:
    case LUA_TNUMBER:
        lua_pushvalue(L, idx);
        return text_checked(L, what);
    case LUA_TTABLE:
        for (int i = 0; i < 3; i++) {
            if (lua_getfield(L, idx, keys[i]) == LUA_TSTRING)
                return text_checked(L, what);
            lua_pop(L, 1);
        }
        luaL_error(L, "%s: a bilingual text needs a string field en or zh",
                   what);
        break;
    default:
        luaL_error(L, "%s must be text (a string or { en = ..., zh = ... }),"
                   " got %s", what, luaL_typename(L, idx));
    }
    return NULL;
}

void host_seed(struct host *h, uint64_t seed)
{
    rng_seed(&h->rng, seed);
}

/* Loads lua/nnt/NAME.lua from the Lua half of the API, passing it the nnt
 * module and the private host table.  Returns 0 or -1 (last_error). */
static int host_load_api(struct host *h, const char *name)
{
    char path[4096];

    snprintf(path, sizeof path, "%s/nnt/%s.lua", h->opt.lua_dir, name);
    if (host_load(h, path) < 0)
        return -1;
    lua_getglobal(h->L, "nnt");
    lua_getfield(h->L, LUA_REGISTRYINDEX, "nnt.host");
    return host_pcall(h, 2, 0);
}

struct host *host_new(const struct host_opts *o, const struct frontend *fe,
                      char *err, size_t n)
{
    static const luaL_Reg libs[] = {
        { LUA_GNAME, luaopen_base }, { LUA_COLIBNAME, luaopen_coroutine },
        { LUA_TABLIBNAME, luaopen_table }, { LUA_STRLIBNAME, luaopen_string },
        { LUA_MATHLIBNAME, luaopen_math }, { LUA_UTF8LIBNAME, luaopen_utf8 },
        { NULL, NULL }
    };
    struct host *h = xcalloc(1, sizeof *h);
    lua_State *L;

    h->opt = *o;
    h->fe = fe;
    h->mem_limit = o->mem_limit ? o->mem_limit : HOST_MEM_LIMIT;
    h->budget = o->budget ? o->budget : HOST_BUDGET;
    L = h->L = lua_newstate(host_alloc, h);
    if (!L) {
        snprintf(err, n, "cannot create a Lua state (out of memory)");
        free(h);
        return NULL;
    }
    *(struct host **)lua_getextraspace(L) = h;
    for (const luaL_Reg *lib = libs; lib->func; lib++) {
        luaL_requiref(L, lib->name, lib->func, 1);
        lua_pop(L, 1);
    }
    host_sandbox(L);
    luaL_requiref(L, "nnt", api_open, 1);
    lua_pop(L, 1);
    lua_getfield(L, LUA_REGISTRYINDEX, "nnt.host");
    lua_pushcfunction(L, host_lua_where);
    lua_setfield(L, -2, "where");
    lua_pushcfunction(L, host_lua_lint);
    lua_setfield(L, -2, "lint");
    lua_pushboolean(L, o->lint);
    lua_setfield(L, -2, "linting");
    lua_pop(L, 1);
    host_seed(h, o->seed);
    host_budget_reset(h);
    if (host_load_api(h, "util") < 0 || host_load_api(h, "exercise") < 0 ||
        host_load_api(h, "lesson") < 0 || host_load_api(h, "lint") < 0) {
        snprintf(err, n, "%s", h->last_error);
        host_free(h);
        return NULL;
    }
    return h;
}

void host_free(struct host *h)
{
    if (!h)
        return;
    if (h->L)
        lua_close(h->L);
    free(h);
}
