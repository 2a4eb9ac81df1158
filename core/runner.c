/* SPDX-License-Identifier: MIT */
/* The lesson runner: lesson loading, step coroutines and their requests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "paths.h"
#include "proto.h"
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

/* Sets field k of the nnt module to the value on top (popped) without
 * running metamethods: a lesson may have replaced or trapped its global
 * nnt, never the module the host keeps. */
static void set_module_field(lua_State *L, const char *k)
{
    lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
    lua_getfield(L, -1, "nnt");                 /* v loaded nnt */
    if (lua_istable(L, -1)) {
        lua_pushstring(L, k);
        lua_pushvalue(L, -4);
        lua_rawset(L, -3);
    }
    lua_pop(L, 3);
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

/* check: runs lint.lua's checks of the lesson on top of the stack (its
 * id against the file's name, texts, copied helpers), giving it the
 * file's text; a failure is only a missed warning. */
static void lint_lesson(struct runner *r, const char *path)
{
    lua_State *L = r->h->L;
    FILE *f = fopen(path, "r");
    luaL_Buffer b;
    char buf[4096];
    size_t got;

    if (!f)
        return;
    push_host_table(L);
    if (lua_getfield(L, -1, "lint_lesson") != LUA_TFUNCTION) {
        lua_pop(L, 2);
        fclose(f);
        return;
    }
    lua_remove(L, -2);                          /* lesson fn */
    lua_pushstring(L, path);
    lua_pushstring(L, r->h->main_short[0] ? r->h->main_short : path);
    luaL_buffinit(L, &b);
    while ((got = fread(buf, 1, sizeof buf, f)) > 0)
        luaL_addlstring(&b, buf, got);
    luaL_pushresult(&b);
    fclose(f);
    lua_pushvalue(L, -5);                       /* lesson fn path short
                                                   src lesson */
    host_pcall(r->h, 4, 0);
}

/* check: tells lint.lua that a step begins or ends (calls H[name]). */
static void lint_step(struct runner *r, const char *name)
{
    lua_State *L = r->h->L;

    push_host_table(L);
    if (lua_getfield(L, -1, name) == LUA_TFUNCTION) {
        lua_remove(L, -2);
        host_pcall(r->h, 0, 0);
    } else {
        lua_pop(L, 2);
    }
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
    r->answer = text_field(L, t, "answer");
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
    lua_settop(L, t);
    if (lua_getfield(L, t, "exercises") == LUA_TTABLE)
        r->nexercises = (int)lua_rawlen(L, -1);
    r->ex_names = xcalloc((size_t)r->nexercises + 1, sizeof *r->ex_names);
    r->ex_titles = xcalloc((size_t)r->nexercises + 1, sizeof *r->ex_titles);
    for (int i = 0; i < r->nexercises; i++) {
        lua_rawgeti(L, t + 1, i + 1);
        lua_getfield(L, t + 2, "name");
        r->ex_names[i] = xstrdup(lua_tostring(L, -1));
        lua_settop(L, t + 2);
        r->ex_titles[i] = text_field(L, t + 2, "title");
        lua_settop(L, t + 1);
    }
    return 0;
}

/* Frees the texts read_lesson read. */
static void free_lesson_texts(struct runner *r)
{
    free(r->id);
    free(r->title);
    free(r->summary);
    free(r->answer);
    r->answer = NULL;
    for (int i = 0; r->titles && i < r->nsteps; i++)
        free(r->titles[i]);
    free(r->titles);
    for (int i = 0; r->ex_names && i < r->nexercises; i++) {
        free(r->ex_names[i]);
        free(r->ex_titles[i]);
    }
    free(r->ex_names);
    free(r->ex_titles);
    r->id = r->title = r->summary = NULL;
    r->titles = r->ex_names = r->ex_titles = NULL;
    r->nexercises = 0;
}

int runner_open(struct runner *r, const char *path,
                const struct host_opts *o, int seed_given,
                const struct frontend *fe, char *err, size_t n)
{
    lua_State *L;
    char src[4096];
    int status;

    memset(r, 0, sizeof *r);
    r->lesson_ref = r->co_ref = LUA_NOREF;
    r->path = xstrdup(path);
    r->h = host_new(o, fe, err, n);
    if (!r->h)
        return -1;
    L = r->h->L;
    snprintf(src, sizeof src, "@%s", path);
    host_track_main(r->h, src);                 /* for nnt.lesson's errors */
    status = host_load(r->h, path) < 0 || host_pcall(r->h, 0, 1) < 0;
    host_track_main(r->h, NULL);
    if (status) {
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
    if (o->lint)
        lint_lesson(r, path);
    lua_pushinteger(L, (lua_Integer)(r->seed & 0x7fffffffffffffffULL));
    set_module_field(L, "lesson_seed");
    r->lesson_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

int runner_set_lang(struct runner *r, const char *lang)
{
    lua_State *L = r->h->L;

    r->h->opt.lang = lang;
    lua_pushstring(L, lang);
    set_module_field(L, "lang");
    free_lesson_texts(r);
    lua_pushcfunction(L, read_lesson);
    lua_pushlightuserdata(L, r);
    lua_rawgeti(L, LUA_REGISTRYINDEX, r->lesson_ref);
    return host_pcall(r->h, 2, 0);
}

void runner_close(struct runner *r)
{
    request_clear(&r->req);
    host_free(r->h);
    free_lesson_texts(r);
    free(r->path);
    memset(r, 0, sizeof *r);
}

/* Pushes raw field k of the table at idx of co (no metamethods run);
 * returns its type. */
static int raw_field(lua_State *co, int idx, const char *k)
{
    idx = lua_absindex(co, idx);
    lua_pushstring(co, k);
    return lua_rawget(co, idx);
}

/* Returns a copy of string field k of the table on top of co (NULL when
 * absent); sets *bad when it is there but not a string. */
static char *dup_field(lua_State *co, const char *k, int *bad)
{
    char *s = NULL;
    int t = raw_field(co, -1, k);

    if (t == LUA_TSTRING)
        s = xstrdup(lua_tostring(co, -1));
    else if (t != LUA_TNIL)
        *bad = 1;
    lua_pop(co, 1);
    return s;
}

/* Returns the number field k of the table on top of co; sets *bad when it
 * is not a number. */
static double num_field(lua_State *co, const char *k, int *bad)
{
    double v = 0;

    if (raw_field(co, -1, k) == LUA_TNUMBER)
        v = lua_tonumber(co, -1);
    else
        *bad = 1;
    lua_pop(co, 1);
    return v;
}

/* Copies a quiz yielded by ui:quiz (the table on top of co).  Returns 0,
 * or -1 when it is not what ui:quiz yields (a forged request). */
static int read_quiz(lua_State *co, struct quiz *q)
{
    int bad = !lua_istable(co, -1);

    if (bad)
        return -1;
    q->question = dup_field(co, "question", &bad);
    q->explain = dup_field(co, "explain", &bad);
    q->answer = (int)num_field(co, "answer", &bad);
    if (raw_field(co, -1, "choices") != LUA_TTABLE) {
        lua_pop(co, 1);
        return -1;
    }
    q->nchoices = (int)lua_rawlen(co, -1);
    if (q->nchoices < 1 || q->nchoices > 9)
        bad = 1, q->nchoices = 0;
    q->choices = xcalloc((size_t)q->nchoices + 1, sizeof *q->choices);
    for (int i = 0; i < q->nchoices; i++) {
        if (lua_rawgeti(co, -1, i + 1) == LUA_TSTRING)
            q->choices[i] = xstrdup(lua_tostring(co, -1));
        else
            bad = 1, q->choices[i] = xstrdup("");
        lua_pop(co, 1);
    }
    lua_pop(co, 1);
    q->why = xcalloc((size_t)q->nchoices + 1, sizeof *q->why);
    if (raw_field(co, -1, "why") == LUA_TTABLE) {
        for (int i = 0; i < q->nchoices; i++) {
            int t = lua_rawgeti(co, -1, i + 1);
            if (t == LUA_TSTRING)
                q->why[i] = xstrdup(lua_tostring(co, -1));
            else if (t != LUA_TNIL)
                bad = 1;
            lua_pop(co, 1);
        }
    }
    lua_pop(co, 1);
    return bad || !q->question ? -1 : 0;
}

/* Copies an exercise yielded by ui:exercise (the table on top of co).
 * Returns 0, or -1 when it is not what ui:exercise yields. */
static int read_exercise(lua_State *co, struct exercise *e)
{
    static const char *const st[] = { "pass", "fail", "error" };
    int bad = !lua_istable(co, -1);
    char *status;

    if (bad)
        return -1;
    e->name = dup_field(co, "name", &bad);
    e->title = dup_field(co, "title", &bad);
    e->statement = dup_field(co, "statement", &bad);
    e->stub = dup_field(co, "stub", &bad);
    e->solution = dup_field(co, "solution", &bad);
    e->message = dup_field(co, "message", &bad);
    status = dup_field(co, "status", &bad);
    e->status = EX_NONE;
    for (int i = 0; status && i < 3; i++)
        if (strcmp(status, st[i]) == 0)
            e->status = (enum ex_status)(EX_PASS + i);
    bad |= status && e->status == EX_NONE;
    free(status);
    e->passed = (int)num_field(co, "passed", &bad);
    e->total = (int)num_field(co, "total", &bad);
    if (raw_field(co, -1, "hints") != LUA_TTABLE) {
        lua_pop(co, 1);
        return -1;
    }
    e->nhints = (int)lua_rawlen(co, -1);
    if (e->nhints > 64)
        bad = 1, e->nhints = 0;
    e->hints = xcalloc((size_t)e->nhints + 1, sizeof *e->hints);
    for (int i = 0; i < e->nhints; i++) {
        if (lua_rawgeti(co, -1, i + 1) == LUA_TSTRING)
            e->hints[i] = xstrdup(lua_tostring(co, -1));
        else
            bad = 1, e->hints[i] = xstrdup("");
        lua_pop(co, 1);
    }
    lua_pop(co, 1);
    return bad || !e->name || !e->title || !e->statement || !e->stub ||
           !e->solution ? -1 : 0;
}

/* Copies the choice names of the control on top of co (its "choices"
 * list of strings); returns 0, or -1 when they are missing or bad. */
static int read_choices(lua_State *co, struct slider *s)
{
    int bad = 0;

    if (raw_field(co, -1, "choices") != LUA_TTABLE) {
        lua_pop(co, 1);
        return -1;
    }
    s->nchoices = (int)lua_rawlen(co, -1);
    if (s->nchoices < 1 || s->nchoices > PROTO_MAX_CHOICES) {
        s->nchoices = 0;
        lua_pop(co, 1);
        return -1;
    }
    s->choices = xcalloc((size_t)s->nchoices + 1, sizeof *s->choices);
    for (int k = 0; k < s->nchoices; k++) {
        if (lua_rawgeti(co, -1, k + 1) == LUA_TSTRING)
            s->choices[k] = xstrdup(lua_tostring(co, -1));
        else
            bad = 1, s->choices[k] = xstrdup("");
        lua_pop(co, 1);
    }
    lua_pop(co, 1);
    return bad ? -1 : 0;
}

/* Copies the sliders yielded by ui:explore (the list on top of co).
 * Returns 0, or -1 when it is not what ui:explore yields. */
static int read_sliders(lua_State *co, struct request *q)
{
    static const char *const kinds[] = { "number", "choice", "bool" };
    int bad = !lua_istable(co, -1);

    if (bad)
        return -1;
    q->nsliders = (int)lua_rawlen(co, -1);
    if (q->nsliders > PROTO_MAX_CONTROLS)
        return -1;
    q->sliders = xcalloc((size_t)q->nsliders + 1, sizeof *q->sliders);
    for (int i = 0; i < q->nsliders && !bad; i++) {
        struct slider *s = &q->sliders[i];
        char *kind;
        if (lua_rawgeti(co, -1, i + 1) != LUA_TTABLE) {
            lua_pop(co, 1);
            return -1;
        }
        s->name = dup_field(co, "name", &bad);
        s->label = dup_field(co, "label", &bad);
        s->min = num_field(co, "min", &bad);
        s->max = num_field(co, "max", &bad);
        s->step = num_field(co, "step", &bad);
        s->value = num_field(co, "value", &bad);
        kind = dup_field(co, "kind", &bad);
        s->kind = SLIDER_NUMBER;
        for (int k = 0; kind && k < 3; k++)
            if (strcmp(kind, kinds[k]) == 0)
                s->kind = (enum slider_kind)k;
        bad |= kind && strcmp(kind, kinds[s->kind]) != 0;
        free(kind);
        if (!bad && s->kind == SLIDER_CHOICE)
            bad = read_choices(co, s) < 0;
        bad |= !s->name || !(s->min <= s->max);
        lua_pop(co, 1);
    }
    return bad ? -1 : 0;
}

/* Resumes the step's coroutine and turns what it did into a request. */
static const struct request *resume(struct runner *r, int nargs)
{
    struct request *q = &r->req;
    struct host *h = r->h;
    lua_State *L = h->L, *co = r->co;
    const char *kind;
    int nres = 0, status, draws = 0, bad = 0;

    request_clear(q);
    if (!co) {
        q->kind = REQ_DONE;
        return q;
    }
    for (;;) {
        status = host_resume(h, co, nargs, &nres);
        if (status == LUA_OK) {
            lua_settop(co, 0);
            if (h->opt.lint)
                lint_step(r, "lint_step_end");
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
        kind = nres >= 2 && lua_type(co, -nres + 1) == LUA_TSTRING
             ? lua_tostring(co, -nres + 1) : NULL;
        if (nres < 2 || lua_touserdata(co, -nres) != lua_touserdata(L, -1) ||
            !kind) {
            lua_pop(L, 2);
            snprintf(h->last_error, sizeof h->last_error, "%s: step %d "
                     "yielded outside the ui (use ui:wait() to pause)",
                     r->path, h->step);
            q->kind = REQ_ERROR;
            q->error = h->last_error;
            goto finished;
        }
        lua_pop(L, 2);
        if (strcmp(kind, "draw") != 0)
            break;
        if (++draws > 100) {            /* only a forged request does */
            bad = 1;
            break;
        }
        lua_settop(co, 0);              /* an explore redraw: */
        host_seed(h, step_seed(r->seed, h->step));  /* the same data */
        if (h->fe && h->fe->draw)
            h->fe->draw(h->fe->ud);
        nargs = 0;
    }
    if (!bad && !r->interactive && ++r->yields > MAX_PAUSES) {
        snprintf(h->last_error, sizeof h->last_error, "%s: step %d paused "
                 "over %d times with nobody to answer (a loop around "
                 "ui:wait or ui:quiz?)", r->path, h->step, MAX_PAUSES);
        q->kind = REQ_ERROR;
        q->error = h->last_error;
        goto finished;
    }
    if (bad) {
        /* fall through to the malformed-request error below */
    } else if (strcmp(kind, "quiz") == 0) {
        q->kind = REQ_QUIZ;
        bad = nres < 3 || read_quiz(co, &q->quiz) < 0;
    } else if (strcmp(kind, "explore") == 0) {
        q->kind = REQ_EXPLORE;
        bad = nres < 3 || read_sliders(co, q) < 0;
    } else if (strcmp(kind, "wait") == 0) {
        q->kind = REQ_WAIT;
    } else if (strcmp(kind, "exercise") == 0) {
        q->kind = REQ_EXERCISE;
        bad = nres < 3 || read_exercise(co, &q->ex) < 0;
    } else {
        bad = 1;
    }
    if (bad) {
        request_clear(q);
        snprintf(h->last_error, sizeof h->last_error, "%s: step %d made a "
                 "malformed ui request ('%.20s'): only ui:wait, ui:quiz, "
                 "ui:exercise and ui:explore may pause a step", r->path, h->step,
                 draws > 100 ? "draw" : kind);
        q->kind = REQ_ERROR;
        q->error = h->last_error;
        goto finished;
    }
    lua_settop(co, 0);
    return q;

finished:
    lua_settop(co, 0);
    luaL_unref(L, LUA_REGISTRYINDEX, r->co_ref);
    r->co_ref = LUA_NOREF;
    r->co = NULL;
    return q;
}

/* Starts a step coroutine running the function on top of L with a new
 * ui for the lesson (the function is popped); returns its first request. */
static const struct request *start(struct runner *r)
{
    lua_State *L = r->h->L;

    r->co = lua_newthread(L);                   /* run co */
    r->co_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    push_host_table(L);
    lua_getfield(L, -1, "newui");
    lua_rawgeti(L, LUA_REGISTRYINDEX, r->lesson_ref);
    lua_call(L, 1, 1);                          /* run H ui */
    lua_remove(L, -2);
    lua_xmove(L, r->co, 2);
    return resume(r, 1);
}

/* Gets step i (or the exercise step, i = 0) ready to run. */
static void prepare(struct runner *r, int i)
{
    struct host *h = r->h;

    luaL_unref(h->L, LUA_REGISTRYINDEX, r->co_ref);
    r->co_ref = LUA_NOREF;
    r->co = NULL;
    h->step = i;
    h->charts = 0;
    r->yields = 0;
    host_seed(h, step_seed(r->seed, i));
    host_budget_reset(h);
    if (h->opt.lint)
        lint_step(r, "lint_step_begin");
}

const struct request *runner_begin(struct runner *r, int i)
{
    struct host *h = r->h;
    lua_State *L = h->L;

    prepare(r, i);
    if (h->fe && h->fe->step)
        h->fe->step(h->fe->ud, i, r->nsteps, r->titles[i - 1]);
    lua_rawgeti(L, LUA_REGISTRYINDEX, r->lesson_ref);
    lua_pushliteral(L, "steps");                /* raw: no metamethods */
    if (lua_rawget(L, -2) != LUA_TTABLE || lua_rawgeti(L, -1, i) !=
        LUA_TTABLE || (lua_pushliteral(L, "run"), lua_rawget(L, -2)) !=
        LUA_TFUNCTION) {
        lua_settop(L, 0);
        request_clear(&r->req);
        snprintf(h->last_error, sizeof h->last_error, "%s: step %d: the "
                 "lesson's steps were changed after nnt.lesson (step %d has "
                 "no run function now)", r->path, i, i);
        r->req.kind = REQ_ERROR;
        r->req.error = h->last_error;
        return &r->req;
    }
    lua_replace(L, -4);                         /* run steps step */
    lua_pop(L, 2);
    return start(r);
}

const struct request *runner_exercise(struct runner *r, const char *name)
{
    lua_State *L = r->h->L;

    prepare(r, 0);
    push_host_table(L);
    lua_getfield(L, -1, "exercise_step");
    lua_pushstring(L, name);
    lua_call(L, 1, 1);                          /* H run */
    lua_remove(L, -2);
    return start(r);
}

const struct request *runner_check(struct runner *r, const char *source)
{
    if (r->interactive)
        host_budget_reset(r->h);
    if (!r->co)
        return resume(r, 0);
    lua_pushliteral(r->co, "check");
    lua_pushstring(r->co, source);
    return resume(r, 2);
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

void runner_preset(struct runner *r, const char *const *names,
                   const double *values, int n)
{
    lua_State *L = r->h->L;

    push_host_table(L);
    if (n > 0) {
        lua_createtable(L, 0, n);               /* H presets */
        for (int i = 0; i < n; i++) {
            lua_pushnumber(L, values[i]);
            lua_setfield(L, -2, names[i]);
        }
    } else {
        lua_pushnil(L);
    }
    lua_setfield(L, -2, "presets");
    lua_pop(L, 1);
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

