/* SPDX-License-Identifier: MIT */
/* Runs a plugin function: the host table it sees and the results it makes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plugin.h"

_Static_assert(NNT_RNG_INIT == 0 && NNT_RNG_SHUFFLE < RNG_LUA,
               "plugin RNG streams map onto the first rng streams");

/* One running call, as the plugin's run callback holds it. */
struct nnt_call {
    struct call_result *res;
    struct rng *rng;
    progress_fn progress;
    void *ud;
    int failed;                 /* the call already said why it failed */
    int oom;                    /* a result was lost: later puts do nothing */
};

/* Records the first failure message of call c. */
static void call_verror(struct nnt_call *c, const char *fmt, va_list ap)
{
    c->failed = 1;
    if (!c->res->err[0])
        vsnprintf(c->res->err, sizeof c->res->err, fmt, ap);
}

/* Records the first failure message of call c (printf-style). */
static void call_error(struct nnt_call *c, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    call_verror(c, fmt, ap);
    va_end(ap);
}

/* Drops the value held by result r, keeping its name. */
static void result_clear(struct result *r)
{
    free(r->str);
    array_unref(r->arr);
    r->str = NULL;
    r->arr = NULL;
    r->num = 0;
}

/* Returns the slot for result name (an earlier one of that name is cleared
 * to be replaced), or NULL after recording why. */
static struct result *result_slot(struct nnt_call *c, const char *name)
{
    struct call_result *res = c->res;
    struct result *items, *r;

    if (c->oom)
        return NULL;
    if (!name) {
        call_error(c, "plugin gave a result with no name");
        return NULL;
    }
    for (int i = 0; i < res->n; i++)
        if (strcmp(res->items[i].name, name) == 0) {
            result_clear(&res->items[i]);
            return &res->items[i];
        }
    if (res->n == res->cap) {
        int cap = res->cap ? 2 * res->cap : 8;
        items = realloc(res->items, (size_t)cap * sizeof *items);
        if (!items)
            goto oom;
        res->items = items;
        res->cap = cap;
    }
    r = &res->items[res->n];
    memset(r, 0, sizeof *r);
    if (!(r->name = strdup(name)))
        goto oom;
    res->n++;
    return r;
oom:
    call_error(c, "out of memory storing result '%.64s'", name);
    c->oom = 1;
    return NULL;
}

/* Host: stores a number result. */
static void host_put_number(struct nnt_call *c, const char *name, double v)
{
    struct result *r = result_slot(c, name);

    if (r) {
        r->kind = RESULT_NUMBER;
        r->num = v;
    }
}

/* Host: stores a copy of string s (NULL reads as ""). */
static void host_put_string(struct nnt_call *c, const char *name,
                            const char *s)
{
    char *copy = strdup(s ? s : "");
    struct result *r;

    if (!copy) {
        call_error(c, "out of memory storing result '%.64s'",
                   name ? name : "");
        c->oom = 1;
        return;
    }
    if (!(r = result_slot(c, name))) {
        free(copy);
        return;
    }
    r->kind = RESULT_STRING;
    r->str = copy;
}

/* Host: returns zeroed storage for an array result, or NULL. */
static double *host_put_array(struct nnt_call *c, const char *name,
                              size_t rows, size_t cols)
{
    struct array *a;
    struct result *r;

    if (c->oom)
        return NULL;
    if (!(a = array_new(rows, cols))) {
        call_error(c, "out of memory storing result '%.64s' (%zu x %zu)",
                   name ? name : "", rows, cols);
        c->oom = 1;
        return NULL;
    }
    if (!(r = result_slot(c, name))) {
        array_unref(a);
        return NULL;
    }
    r->kind = RESULT_ARRAY;
    r->arr = a;
    return a->data;
}

/* Host: passes progress on; returns nonzero once the student cancelled. */
static int host_progress(struct nnt_call *c, double fraction)
{
    if (c->res->cancelled)
        return 1;
    if (!(fraction >= 0))
        fraction = 0;
    else if (fraction > 1)
        fraction = 1;
    if (c->progress && c->progress(c->ud, fraction) != 0)
        c->res->cancelled = 1;
    return c->res->cancelled;
}

/* Host: records the plugin's failure message; returns -1. */
static int host_fail(struct nnt_call *c, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    call_verror(c, fmt, ap);
    va_end(ap);
    return -1;
}

/* Returns the rng stream for plugin stream s (unknown ones fail the call
 * and read from the data stream). */
static int stream_of(struct nnt_call *c, enum nnt_stream s)
{
    if ((unsigned)s <= NNT_RNG_SHUFFLE)
        return (int)s;
    call_error(c, "plugin asked for unknown RNG stream %d", (int)s);
    return NNT_RNG_DATA;
}

/* Host: returns 64 random bits from stream s. */
static uint64_t host_rng_u64(struct nnt_call *c, enum nnt_stream s)
{
    return rng_u64(c->rng, stream_of(c, s));
}

/* Host: returns a uniform double in [0, 1) from stream s. */
static double host_rng_uniform(struct nnt_call *c, enum nnt_stream s)
{
    return rng_uniform(c->rng, stream_of(c, s));
}

/* Host: returns a standard normal deviate from stream s. */
static double host_rng_normal(struct nnt_call *c, enum nnt_stream s)
{
    return rng_normal(c->rng, stream_of(c, s));
}

/* Stands in for the host functions of later minors, which a plugin built
 * for one must test with NNT_HOST_HAS: fails the call; returns nothing
 * (whatever the plugin expected reads as garbage, but the call fails). */
static void host_missing(struct nnt_call *c)
{
    call_error(c, "the plugin called a host function this nntutor (ABI "
               "%u.%u) does not have; a plugin built for a newer minor must "
               "test it with NNT_HOST_HAS", NNT_ABI_MAJOR, NNT_ABI_MINOR);
}

#define HOST_SPARE 32           /* stub slots after the host table */
#define MISSING4 host_missing, host_missing, host_missing, host_missing
#define MISSING16 MISSING4, MISSING4, MISSING4, MISSING4

/* The table every run callback receives (the core's side of the ABI),
 * followed by stubs where a newer minor's host functions would be. */
struct host_table {
    struct nnt_host host;
    void (*spare[HOST_SPARE])(struct nnt_call *c);
};
static const struct host_table table = {
    .host = {
        .abi = NNT_ABI_VERSION,
        .size = sizeof(struct nnt_host),
        .put_number = host_put_number,
        .put_string = host_put_string,
        .put_array = host_put_array,
        .progress = host_progress,
        .fail = host_fail,
        .rng_u64 = host_rng_u64,
        .rng_uniform = host_rng_uniform,
        .rng_normal = host_rng_normal,
    },
    .spare = { MISSING16, MISSING16 },
};

_Static_assert(offsetof(struct host_table, spare)
               == sizeof(struct nnt_host), "stubs follow the host table");

/* Returns 1 if calls check their results against the declaration. */
int plugin_check_results(void)
{
    static int on = -1;
    const char *env;

    if (on < 0) {
        env = getenv("NNTUTOR_CHECK_RESULTS");
        on = env && *env && strcmp(env, "0") != 0;
    }
    return on;
}

/* Returns the word for what result r holds ("number", "2-D array"). */
static const char *held(const struct result *r)
{
    if (r->kind == RESULT_NUMBER)
        return "number";
    if (r->kind == RESULT_STRING)
        return "string";
    return r->arr->cols ? "2-D array" : "1-D array";
}

/* Returns 0 if the results in res match fn's declaration, else -1 with a
 * reason naming the result in res->err. */
static int check_results(const struct nnt_function *fn,
                         struct call_result *res)
{
    static const char *const kinds[] = {
        [NNT_NUMBER] = "number", [NNT_STRING] = "string",
        [NNT_ARRAY] = "array"
    };

    for (int i = 0; i < res->n; i++) {
        const struct result *r = &res->items[i];
        const struct nnt_result *d = plugin_result_decl(fn, r->name);
        enum nnt_type kind = r->kind == RESULT_NUMBER ? NNT_NUMBER
                             : r->kind == RESULT_STRING ? NNT_STRING
                             : NNT_ARRAY;
        int rank = r->kind == RESULT_ARRAY ? (r->arr->cols ? 2 : 1) : 0;
        if (!d) {
            snprintf(res->err, sizeof res->err, "%s: result '%.64s' (a %s) "
                     "is not declared", fn->name, r->name, held(r));
            return -1;
        }
        if (d->kind != kind || (d->rank && d->rank != rank)) {
            snprintf(res->err, sizeof res->err, "%s: result '%.64s' is a "
                     "%s, declared %s%s", fn->name, r->name, held(r),
                     d->rank == 2 ? "2-D " : d->rank == 1 ? "1-D " : "",
                     kinds[d->kind]);
            return -1;
        }
    }
    for (int k = 0; k < fn->nresults; k++) {
        const struct nnt_result *d = &fn->results[k];
        int found = 0;
        if (d->flags & (NNT_OPTIONAL | NNT_PREFIX))
            continue;
        for (int i = 0; i < res->n && !found; i++)
            found = strcmp(res->items[i].name, d->name) == 0;
        if (!found) {
            snprintf(res->err, sizeof res->err, "%s: declared result "
                     "'%s' is missing", fn->name, d->name);
            return -1;
        }
    }
    return 0;
}

/* Runs fn with checked args through the host table; returns 0, or -1 with
 * res->err set.  res is initialised here. */
int plugin_call(const struct nnt_function *fn, const struct nnt_value *args,
                struct rng *rng, progress_fn progress, void *ud,
                struct call_result *res)
{
    struct rng fallback;
    struct nnt_call c = {
        .res = res, .rng = rng, .progress = progress, .ud = ud,
    };
    int rc;

    memset(res, 0, sizeof *res);
    if (!rng) {
        rng_seed(&fallback, 0);
        c.rng = &fallback;
    }
    rc = fn->run(&table.host, &c, args);
    if (res->cancelled) {
        snprintf(res->err, sizeof res->err, "cancelled");
        return -1;
    }
    if (c.failed)
        return -1;
    if (rc != 0) {
        snprintf(res->err, sizeof res->err,
                 "plugin function failed without a message");
        return -1;
    }
    if (fn->results && plugin_check_results())
        return check_results(fn, res);
    return 0;
}

/* Frees res's results, dropping array references; returns nothing. */
void call_result_free(struct call_result *res)
{
    for (int i = 0; i < res->n; i++) {
        result_clear(&res->items[i]);
        free(res->items[i].name);
    }
    free(res->items);
    memset(res, 0, sizeof *res);
}
