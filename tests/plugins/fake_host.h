/* SPDX-License-Identifier: MIT */
/* A host for plugin unit tests: seeded RNG streams, results kept by name,
 * and calls built from a function's declared defaults.  Header-only, for
 * tests/plugins/test_*.c. */
#ifndef FAKE_HOST_H
#define FAKE_HOST_H

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nntutor/plugin.h>

#define FH_MAX_RESULTS 128

struct fh_result {
    char name[48];
    double num;
    double *arr;                /* NULL for a number */
    size_t rows, cols;          /* cols 0: 1-D */
};

/* The opaque call of the ABI, as this test host sees it. */
struct nnt_call {
    struct fh_result res[FH_MAX_RESULTS];
    int n;
    uint64_t s[3][4];
    char err[256];
    int progress_calls, cancel_after;   /* cancel_after 0: never */
};

/* Returns the next splitmix64 output and advances *x. */
static uint64_t fh_splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ull);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Returns a fresh call whose streams are seeded from seed. */
static struct nnt_call *fh_new(uint64_t seed)
{
    struct nnt_call *c = calloc(1, sizeof *c);

    for (int k = 0; k < 3; k++) {
        uint64_t x = seed * 3 + (uint64_t)k;
        for (int i = 0; i < 4; i++)
            c->s[k][i] = fh_splitmix(&x);
    }
    return c;
}

/* Frees c and its results; returns nothing. */
static void fh_free(struct nnt_call *c)
{
    for (int i = 0; i < c->n; i++)
        free(c->res[i].arr);
    free(c);
}

/* Returns the slot for result name (replacing an earlier one). */
static struct fh_result *fh_slot(struct nnt_call *c, const char *name)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->res[i].name, name) == 0) {
            free(c->res[i].arr);
            c->res[i].arr = NULL;
            return &c->res[i];
        }
    if (c->n == FH_MAX_RESULTS)
        abort();
    snprintf(c->res[c->n].name, sizeof c->res[0].name, "%s", name);
    return &c->res[c->n++];
}

/* Host: stores number v as result name. */
static void fh_put_number(struct nnt_call *c, const char *name, double v)
{
    fh_slot(c, name)->num = v;
}

/* Host: records that a string result was put (its text is not kept). */
static void fh_put_string(struct nnt_call *c, const char *name,
                          const char *s)
{
    (void)s;
    fh_slot(c, name)->num = 0;
}

/* Host: returns zeroed storage for array result name. */
static double *fh_put_array(struct nnt_call *c, const char *name,
                            size_t rows, size_t cols)
{
    struct fh_result *r = fh_slot(c, name);

    r->rows = rows;
    r->cols = cols;
    r->arr = calloc(rows * (cols ? cols : 1) + 1, sizeof(double));
    return r->arr;
}

/* Host: counts calls; returns 1 once cancel_after calls were made. */
static int fh_progress(struct nnt_call *c, double f)
{
    (void)f;
    c->progress_calls++;
    return c->cancel_after && c->progress_calls >= c->cancel_after;
}

/* Host: keeps the failure message; returns -1. */
static int fh_fail(struct nnt_call *c, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(c->err, sizeof c->err, fmt, ap);
    va_end(ap);
    return -1;
}

/* xoshiro256** on stream s. */
static uint64_t fh_u64(struct nnt_call *c, enum nnt_stream s)
{
    uint64_t *q = c->s[s], r = q[1] * 5, t = q[1] << 17;

    r = ((r << 7) | (r >> 57)) * 9;
    q[2] ^= q[0];
    q[3] ^= q[1];
    q[1] ^= q[2];
    q[0] ^= q[3];
    q[2] ^= t;
    q[3] = (q[3] << 45) | (q[3] >> 19);
    return r;
}

/* Returns a uniform double in [0, 1) from stream s. */
static double fh_uniform(struct nnt_call *c, enum nnt_stream s)
{
    return (double)(fh_u64(c, s) >> 11) * 0x1.0p-53;
}

/* Returns a standard normal deviate from stream s (polar method). */
static double fh_normal(struct nnt_call *c, enum nnt_stream s)
{
    double u, v, q;

    do {
        u = 2 * fh_uniform(c, s) - 1;
        v = 2 * fh_uniform(c, s) - 1;
        q = u * u + v * v;
    } while (q >= 1 || q == 0);
    return u * sqrt(-2 * log(q) / q);
}

static const struct nnt_host fh_host = {
    .abi = NNT_ABI_VERSION, .size = sizeof(struct nnt_host),
    .put_number = fh_put_number, .put_string = fh_put_string,
    .put_array = fh_put_array, .progress = fh_progress, .fail = fh_fail,
    .rng_u64 = fh_u64, .rng_uniform = fh_uniform, .rng_normal = fh_normal,
};

/* Returns result name of c (NULL if absent). */
static const struct fh_result *fh_get(const struct nnt_call *c,
                                      const char *name)
{
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->res[i].name, name) == 0)
            return &c->res[i];
    return NULL;
}

/* Returns number result name of c (NaN if absent). */
static double fh_num(const struct nnt_call *c, const char *name)
{
    const struct fh_result *r = fh_get(c, name);

    return r ? r->num : NAN;
}

/* Returns array result name of c (NULL if absent). */
static const double *fh_arr(const struct nnt_call *c, const char *name)
{
    const struct fh_result *r = fh_get(c, name);

    return r ? r->arr : NULL;
}

/* Returns the function called name of plugin p (aborts if absent). */
static const struct nnt_function *fh_fn(const struct nnt_plugin *p,
                                        const char *name)
{
    for (int i = 0; i < p->nfunctions; i++)
        if (strcmp(p->functions[i].name, name) == 0)
            return &p->functions[i];
    abort();
}

/* One array argument for the next fh_run (name NULL: none). */
static struct {
    const char *name;
    const double *data;
    size_t len;
} fh_array;

/* A name and a value for fh_run's argument list. */
#define FH(name, v) (name), (double)(v)

/* Runs function name of p on c with its declared defaults, overridden by
 * the FH(name, value) pairs that follow, ending with NULL (choices and
 * bools by index), and the 1-D array in fh_array if one is set.  Returns
 * the run's return value. */
static int fh_run(const struct nnt_plugin *p, struct nnt_call *c,
                  const char *name, ...)
{
    const struct nnt_function *f = fh_fn(p, name);
    struct nnt_value v[32];
    const char *k;
    va_list ap;

    memset(v, 0, sizeof v);
    for (int i = 0; i < f->nparams; i++) {
        v[i].num = f->params[i].def;
        v[i].integer = (long long)f->params[i].def;
        v[i].choice = (int)f->params[i].def;
        v[i].boolean = f->params[i].def != 0;
        if (f->params[i].type == NNT_ARRAY && fh_array.name
            && strcmp(fh_array.name, f->params[i].name) == 0) {
            v[i].array = (struct nnt_arrayarg){
                .data = fh_array.data, .len = fh_array.len, .rows = 1,
                .cols = fh_array.len, .dims = 1 };
            v[i].given = 1;
        }
    }
    va_start(ap, name);
    while ((k = va_arg(ap, const char *)) != NULL) {
        double x = va_arg(ap, double);
        int i = 0;
        while (i < f->nparams && strcmp(f->params[i].name, k) != 0)
            i++;
        if (i == f->nparams)
            abort();                    /* a typo in a test */
        v[i].num = x;
        v[i].integer = (long long)x;
        v[i].choice = (int)x;
        v[i].boolean = x != 0;
        v[i].given = 1;
    }
    va_end(ap);
    return f->run(&fh_host, c, v);
}

#endif
