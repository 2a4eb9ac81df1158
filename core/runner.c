/* SPDX-License-Identifier: MIT */
/* The lesson runner: lesson loading, step coroutines and their requests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "paths.h"
#include "runner.h"
#include "util.h"

#define MAX_PAUSES 10000        /* pauses per step without a person */

uint64_t runner_id_seed(const char *id)
{
    uint64_t h = 0xcbf29ce484222325ULL;

    for (; *id; id++)
        h = (h ^ (unsigned char)*id) * 0x100000001b3ULL;
    return h;
}

/* Returns the seed of step i: the same every time the step runs. */
static uint64_t step_seed(uint64_t base, int i)
{
    uint64_t s = base ^ (0x9e3779b97f4a7c15ULL * (uint64_t)i);
    return rng_splitmix64(&s);
}

/* Pushes the private host table. */
static void push_host_table(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, "nnt.host");
}

/* Returns a copy of the text in field k of the table at idx (or NULL when
 * absent), using the host's language choice. */
static char *text_field(lua_State *L, int idx, const char *k)
{
    char *s = NULL;

    if (lua_getfield(L, idx, k) != LUA_TNIL)
        s = xstrdup(host_text(L, -1, k));
    lua_settop(L, idx);
    return s;
}

/* Reads the lesson table on top of the stack (a protected call). */
static int read_lesson(lua_State *L)
{
    struct runner *r = lua_touserdata(L, 1);
    int t = 2;

    r->id = xstrdup(lua_getfield(L, t, "id") == LUA_TSTRING
                    ? lua_tostring(L, -1) : "?");
    lua_settop(L, t);
    r->title = text_field(L, t, "title");
    r->summary = text_field(L, t, "summary");
    if (lua_getfield(L, t, "seed") == LUA_TNUMBER && !r->seed_given)
        r->seed = (uint64_t)lua_tointeger(L, -1);
    lua_settop(L, t);
    lua_getfield(L, t, "steps");
    r->nsteps = (int)lua_rawlen(L, -1);
    r->titles = xcalloc((size_t)r->nsteps + 1, sizeof *r->titles);
    for (int i = 0; i < r->nsteps; i++) {
        lua_rawgeti(L, t + 1, i + 1);
        r->titles[i] = text_field(L, t + 2, "title");
        lua_settop(L, t + 1);
    }
    return 0;
}

int runner_open(struct runner *r, const char *path,
                const struct host_opts *o, int seed_given,
                const struct frontend *fe, char *err, size_t n)
{
    lua_State *L;

    memset(r, 0, sizeof *r);
    r->lesson_ref = r->co_ref = LUA_NOREF;
    r->path = xstrdup(path);
    r->h = host_new(o, fe, err, n);
    if (!r->h)
        return -1;
    L = r->h->L;
    if (host_load(r->h, path) < 0 || host_pcall(r->h, 0, 1) < 0) {
        const char *e = r->h->last_error, *nl = strchr(e, '\n');
        int located = strstr(e, ".lua:") &&
                      (!nl || strstr(e, ".lua:") < nl);
        /* `return nnt.lesson{...}` is a tail call: its errors lose the
         * line, so at least name the file */
        snprintf(err, n, "%s%s%s", located ? "" : path, located ? "" : ": ",
                 e);
        return -1;
    }
    push_host_table(L);
    lua_getfield(L, -1, "islesson");
    lua_pushvalue(L, -3);
    lua_call(L, 1, 1);
    if (!lua_toboolean(L, -1)) {
        snprintf(err, n, "%s: the file must return nnt.lesson{ ... } "
                 "(it returned %s)", path, luaL_typename(L, -3));
        lua_settop(L, 0);
        return -1;
    }
    lua_pop(L, 2);
    r->seed_given = seed_given;
    r->seed = seed_given ? o->seed : 0;
    lua_pushcfunction(L, read_lesson);
    lua_pushlightuserdata(L, r);
    lua_pushvalue(L, -3);
    if (host_pcall(r->h, 2, 0) < 0) {
        snprintf(err, n, "%s", r->h->last_error);
        lua_settop(L, 0);
        return -1;
    }
    if (!r->seed_given && !r->seed)
        r->seed = runner_id_seed(r->id);
    lua_getglobal(L, "nnt");                    /* nnt.lesson_seed */
    lua_pushinteger(L, (lua_Integer)(r->seed & 0x7fffffffffffffffULL));
    lua_setfield(L, -2, "lesson_seed");
    lua_pop(L, 1);
    r->lesson_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

int runner_check_id(const char *path, const struct host_opts *o,
                    const struct paths *p, char *err, size_t n)
{
    struct runner r;
    int bad = runner_open(&r, path, o, 0, NULL, err, n) == 0
              && paths_check_id(p, path, r.id, err, n) < 0;

    runner_close(&r);
    return bad ? -1 : 0;
}

int runner_set_lang(struct runner *r, const char *lang)
{
    lua_State *L = r->h->L;

    r->h->opt.lang = lang;
    lua_getglobal(L, "nnt");
    lua_pushstring(L, lang);
    lua_setfield(L, -2, "lang");
    lua_pop(L, 1);
    free(r->id);
    free(r->title);
    free(r->summary);
    for (int i = 0; r->titles && i < r->nsteps; i++)
        free(r->titles[i]);
    free(r->titles);
    r->id = r->title = r->summary = NULL;
    r->titles = NULL;
    lua_pushcfunction(L, read_lesson);
    lua_pushlightuserdata(L, r);
    lua_rawgeti(L, LUA_REGISTRYINDEX, r->lesson_ref);
    return host_pcall(r->h, 2, 0);
}

/* Frees the copies kept for the pending request. */
static void req_clear(struct request *q)
{
    free((char *)q->quiz.question);
    free((char *)q->quiz.explain);
    for (int i = 0; i < q->quiz.nchoices; i++)
        free((char *)q->quiz.choices[i]);
    free(q->quiz.choices);
    for (int i = 0; i < q->nsliders; i++) {
        free((char *)q->sliders[i].name);
        free((char *)q->sliders[i].label);
    }
    free(q->sliders);
    memset(q, 0, sizeof *q);
}

void runner_close(struct runner *r)
{
    req_clear(&r->req);
    host_free(r->h);
    for (int i = 0; r->titles && i < r->nsteps; i++)
        free(r->titles[i]);
    free(r->titles);
    free(r->path);
    free(r->id);
    free(r->title);
    free(r->summary);
    memset(r, 0, sizeof *r);
}

/* Returns a copy of string field k of the table on top of co. */
static char *dup_field(lua_State *co, const char *k)
{
    char *s = NULL;

    if (lua_getfield(co, -1, k) == LUA_TSTRING)
        s = xstrdup(lua_tostring(co, -1));
    lua_pop(co, 1);
    return s;
}

/* Returns the number field k of the table on top of co. */
static double num_field(lua_State *co, const char *k)
{
    double v;

    lua_getfield(co, -1, k);
    v = lua_tonumber(co, -1);
    lua_pop(co, 1);
    return v;
}

/* Copies a quiz yielded by ui:quiz (the table on top of co). */
static void read_quiz(lua_State *co, struct quiz *q)
{
    q->question = dup_field(co, "question");
    q->explain = dup_field(co, "explain");
    q->answer = (int)num_field(co, "answer");
    lua_getfield(co, -1, "choices");
    q->nchoices = (int)lua_rawlen(co, -1);
    q->choices = xcalloc((size_t)q->nchoices + 1, sizeof *q->choices);
    for (int i = 0; i < q->nchoices; i++) {
        lua_rawgeti(co, -1, i + 1);
        q->choices[i] = xstrdup(lua_tostring(co, -1));
        lua_pop(co, 1);
    }
    lua_pop(co, 1);
}

/* Copies the sliders yielded by ui:explore (the list on top of co). */
static void read_sliders(lua_State *co, struct request *q)
{
    q->nsliders = (int)lua_rawlen(co, -1);
    q->sliders = xcalloc((size_t)q->nsliders + 1, sizeof *q->sliders);
    for (int i = 0; i < q->nsliders; i++) {
        struct slider *s = &q->sliders[i];
        lua_rawgeti(co, -1, i + 1);
        s->name = dup_field(co, "name");
        s->label = dup_field(co, "label");
        s->min = num_field(co, "min");
        s->max = num_field(co, "max");
        s->step = num_field(co, "step");
        s->value = num_field(co, "value");
        lua_pop(co, 1);
    }
}

/* Resumes the step's coroutine and turns what it did into a request. */
static const struct request *resume(struct runner *r, int nargs)
{
    struct request *q = &r->req;
    struct host *h = r->h;
    lua_State *L = h->L, *co = r->co;
    const char *kind;
    int nres = 0, status;

    req_clear(q);
    if (!co) {
        q->kind = REQ_DONE;
        return q;
    }
    status = host_resume(h, co, nargs, &nres);
    if (status == LUA_OK) {
        lua_settop(co, 0);
        q->kind = REQ_DONE;
        goto finished;
    }
    if (status != LUA_YIELD) {
        q->kind = REQ_ERROR;
        q->error = h->last_error;
        goto finished;
    }
    push_host_table(L);
    lua_getfield(L, -1, "token");
    kind = nres >= 2 ? lua_tostring(co, -nres + 1) : NULL;
    if (nres < 2 || lua_touserdata(co, -nres) != lua_touserdata(L, -1) ||
        !kind) {
        lua_pop(L, 2);
        snprintf(h->last_error, sizeof h->last_error, "%s: step %d yielded "
                 "outside the ui (use ui:wait() to pause)", r->path, h->step);
        q->kind = REQ_ERROR;
        q->error = h->last_error;
        goto finished;
    }
    lua_pop(L, 2);
    if (!r->interactive && ++r->yields > MAX_PAUSES) {
        snprintf(h->last_error, sizeof h->last_error, "%s: step %d paused "
                 "over %d times with nobody to answer (a loop around "
                 "ui:wait or ui:quiz?)", r->path, h->step, MAX_PAUSES);
        q->kind = REQ_ERROR;
        q->error = h->last_error;
        goto finished;
    }
    if (strcmp(kind, "draw") == 0) {            /* an explore redraw */
        lua_settop(co, 0);
        host_seed(h, step_seed(r->seed, h->step));  /* the same data */
        if (h->fe && h->fe->draw)
            h->fe->draw(h->fe->ud);
        r->yields--;
        return resume(r, 0);
    }
    if (strcmp(kind, "quiz") == 0 && nres >= 3) {
        q->kind = REQ_QUIZ;
        read_quiz(co, &q->quiz);
    } else if (strcmp(kind, "explore") == 0 && nres >= 3) {
        q->kind = REQ_EXPLORE;
        read_sliders(co, q);
    } else {
        q->kind = REQ_WAIT;
    }
    lua_settop(co, 0);
    return q;

finished:
    luaL_unref(L, LUA_REGISTRYINDEX, r->co_ref);
    r->co_ref = LUA_NOREF;
    r->co = NULL;
    return q;
}

const struct request *runner_begin(struct runner *r, int i)
{
    struct host *h = r->h;
    lua_State *L = h->L;

    luaL_unref(L, LUA_REGISTRYINDEX, r->co_ref);
    h->step = i;
    h->charts = 0;
    r->yields = 0;
    host_seed(h, step_seed(r->seed, i));
    host_budget_reset(h);
    if (h->fe && h->fe->step)
        h->fe->step(h->fe->ud, i, r->nsteps, r->titles[i - 1]);
    r->co = lua_newthread(L);
    r->co_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_rawgeti(L, LUA_REGISTRYINDEX, r->lesson_ref);
    lua_getfield(L, -1, "steps");
    lua_rawgeti(L, -1, i);
    lua_getfield(L, -1, "run");                 /* lesson steps step run */
    push_host_table(L);
    lua_getfield(L, -1, "newui");
    lua_call(L, 0, 1);                          /* ... run H ui */
    lua_remove(L, -2);
    lua_xmove(L, r->co, 2);
    lua_pop(L, 3);
    return resume(r, 1);
}

const struct request *runner_continue(struct runner *r)
{
    if (r->interactive)
        host_budget_reset(r->h);
    return resume(r, 0);
}

const struct request *runner_answer(struct runner *r, int choice)
{
    if (r->interactive)
        host_budget_reset(r->h);
    if (!r->co)
        return resume(r, 0);
    if (choice > 0)
        lua_pushinteger(r->co, choice);
    else
        lua_pushnil(r->co);
    return resume(r, 1);
}

const struct request *runner_slide(struct runner *r, const char *name,
                                   double value)
{
    if (r->interactive)
        host_budget_reset(r->h);
    if (!r->co)
        return resume(r, 0);
    lua_pushstring(r->co, name);
    lua_pushnumber(r->co, value);
    return resume(r, 2);
}

/* Drives an explore screen without a person; returns the next request. */
static const struct request *exercise_explore(struct runner *r,
                                              const struct request *q,
                                              int exercise)
{
    int n = q->nsliders;
    struct slider *s;

    if (!exercise || n == 0)
        return runner_continue(r);
    s = xcalloc((size_t)n, sizeof *s);          /* q changes on resume */
    memcpy(s, q->sliders, (size_t)n * sizeof *s);
    for (int i = 0; i < n; i++) {
        s[i].name = xstrdup(s[i].name);
        s[i].label = NULL;
    }
    for (int i = 0; i < n && q->kind == REQ_EXPLORE; i++) {
        q = runner_slide(r, s[i].name, s[i].min);
        if (q->kind == REQ_EXPLORE)
            q = runner_slide(r, s[i].name, s[i].max);
        if (q->kind == REQ_EXPLORE)
            q = runner_slide(r, s[i].name, s[i].value);
    }
    for (int i = 0; i < n; i++)
        free((char *)s[i].name);
    free(s);
    return q->kind == REQ_EXPLORE ? runner_continue(r) : q;
}

int runner_run_all(struct runner *r, int exercise, int stop_on_error,
                   void (*on_error)(void *ud, int step, const char *msg),
                   void *ud)
{
    const struct frontend *fe = r->h->fe;
    int failed = 0;

    for (int i = 1; i <= r->nsteps; i++) {
        const struct request *q = runner_begin(r, i);

        while (q->kind != REQ_DONE && q->kind != REQ_ERROR) {
            if (q->kind == REQ_WAIT) {
                if (fe && fe->wait)
                    fe->wait(fe->ud);
                q = runner_continue(r);
            } else if (q->kind == REQ_QUIZ) {
                int c = fe && fe->quiz ? fe->quiz(fe->ud, &q->quiz) : 0;
                q = runner_answer(r, c);
            } else {
                if (fe && fe->explore)
                    fe->explore(fe->ud, q->sliders, q->nsliders);
                q = exercise_explore(r, q, exercise);
            }
        }
        if (q->kind == REQ_ERROR) {
            failed++;
            if (on_error)
                on_error(ud, i, q->error);
            if (stop_on_error)
                break;
        }
    }
    return failed;
}
