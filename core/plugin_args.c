/* SPDX-License-Identifier: MIT */
/* Checks a caller's arguments against a plugin function's declared ones. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plugin.h"
#include "util.h"

#define INT_EXACT 9007199254740992.0 /* 2^53: doubles are exact below */
#define SUGGEST_MAX 2                /* suggest names this few edits away */

/* Writes v into buf in the fewest digits that read back as v; returns buf. */
static const char *fmt_num(char *buf, size_t n, double v)
{
    if (isnan(v))
        snprintf(buf, n, "NaN");
    else {
        snprintf(buf, n, "%.15g", v);
        if (strtod(buf, NULL) != v)
            snprintf(buf, n, "%.17g", v);
    }
    return buf;
}

/* Makes name the best guess for s if it is closer than *bestd edits (and
 * within SUGGEST_MAX); the first of equally close names is kept. */
static void consider(const char *s, const char *name, const char **best,
                     int *bestd)
{
    int d = edit_distance(s, name);

    if (d <= SUGGEST_MAX && d < *bestd) {
        *bestd = d;
        *best = name;
    }
}

/* Returns the caller's name for the type of raw argument a. */
static const char *raw_type(const struct raw_arg *a)
{
    static const char *const names[] = {
        [RAW_NUMBER] = "number", [RAW_STRING] = "string",
        [RAW_BOOL] = "boolean", [RAW_ARRAY] = "array", [RAW_OTHER] = "other"
    };

    if (a->type_name)
        return a->type_name;
    return (unsigned)a->kind <= RAW_OTHER ? names[a->kind] : "other";
}

/* Returns -1 after writing "unknown parameter" for raw name s into err. */
static int unknown_param(const struct nnt_function *fn, const char *s,
                         char *err, size_t n)
{
    const char *guess = NULL;
    int bestd = SUGGEST_MAX + 1;
    size_t at = 0;

    if (fn->nparams == 0)
        return seterr(err, n, "unknown parameter '%.64s' (%s takes no "
                      "parameters)", s, fn->name);
    append(err, n, &at, "unknown parameter '%.64s' (expected one of: ", s);
    for (int i = 0; i < fn->nparams; i++) {
        append(err, n, &at, "%s%s", i ? ", " : "", fn->params[i].name);
        consider(s, fn->params[i].name, &guess, &bestd);
    }
    append(err, n, &at, ")");
    if (guess)
        append(err, n, &at, "; did you mean '%s'?", guess);
    return -1;
}

/* Returns -1 after writing what choice parameter p accepts into err,
 * followed by what the caller gave. */
static int bad_choice(const struct nnt_param *p, const struct raw_arg *a,
                      char *err, size_t n)
{
    const char *guess = NULL;
    int bestd = SUGGEST_MAX + 1, str = a->kind == RAW_STRING && a->str;
    size_t at = 0;

    append(err, n, &at, "parameter '%s' must be one of ", p->name);
    for (int k = 0; p->choices[k]; k++) {
        append(err, n, &at, "%s\"%s\"", k ? ", " : "", p->choices[k]);
        if (str)
            consider(a->str, p->choices[k], &guess, &bestd);
    }
    if (!str) {
        append(err, n, &at, ", got %s", raw_type(a));
        return -1;
    }
    append(err, n, &at, ", got \"%.64s\"", a->str);
    if (guess)
        append(err, n, &at, "; did you mean \"%s\"?", guess);
    return -1;
}

/* Returns 0 if number v lies in p's range, else -1 with a message. */
static int check_range(const struct nnt_param *p, double v, char *err,
                       size_t n)
{
    char lo[32], hi[32], got[32];

    if (v >= p->min && v <= p->max)
        return 0;
    return seterr(err, n, "parameter '%s' must be in [%s, %s], got %s",
                  p->name, fmt_num(lo, sizeof lo, p->min),
                  fmt_num(hi, sizeof hi, p->max), fmt_num(got, sizeof got, v));
}

/* Returns -1 after writing that p must have (how) bound elements. */
static int bad_length(const struct nnt_param *p, const char *how,
                      double bound, size_t len, char *err, size_t n)
{
    return seterr(err, n, "parameter '%s' must have %s %.15g element%s, "
                  "got %zu", p->name, how, bound, bound == 1 ? "" : "s", len);
}

/* Returns 0 after checking array argument a against p into v, else -1. */
static int bind_array(const struct nnt_param *p, const struct raw_arg *a,
                      struct nnt_value *v, char *err, size_t n)
{
    const char *want = p->flags & NNT_MATRIX ? "2-D" : "1-D";
    struct nnt_arrayarg arr = a->array;
    size_t len;

    if (a->kind != RAW_ARRAY)
        return seterr(err, n, "parameter '%s' must be a %s array, got %s",
                      p->name, want, raw_type(a));
    if (arr.dims == 0 && !(p->flags & NNT_MATRIX)) {
        arr.dims = 1;                       /* {} is an empty 1-D array */
        arr.len = 0;
    }
    if (arr.dims != (p->flags & NNT_MATRIX ? 2 : 1))
        return seterr(err, n, "parameter '%s' must be a %s array, got %s",
                      p->name, want, arr.dims == 2 ? "a 2-D array"
                      : arr.dims == 1 ? "a 1-D array" : "an empty array");
    if (arr.dims == 1) {
        arr.rows = 1;
        arr.cols = arr.len;
    } else {
        arr.len = arr.rows * arr.cols;
    }
    len = arr.len;
    if (p->min > 0 && p->min == p->max && (double)len != p->min)
        return bad_length(p, "exactly", p->min, len, err, n);
    if (p->min > 0 && (double)len < p->min)
        return bad_length(p, "at least", p->min, len, err, n);
    if (p->max > 0 && (double)len > p->max)
        return bad_length(p, "at most", p->max, len, err, n);
    for (size_t i = 0; i < len; i++)
        if (isnan(arr.data[i])) {
            if (arr.dims == 1)
                return seterr(err, n, "parameter '%s' must hold numbers, "
                              "got NaN at index %zu", p->name, i + 1);
            return seterr(err, n, "parameter '%s' must hold numbers, got "
                          "NaN at [%zu][%zu]", p->name, i / arr.cols + 1,
                          i % arr.cols + 1);
        }
    if (len == 0)
        arr.data = NULL;
    v->array = arr;
    return 0;
}

/* Returns 0 after checking raw argument a against p into v, else -1. */
static int bind_one(const struct nnt_param *p, const struct raw_arg *a,
                    struct nnt_value *v, char *err, size_t n)
{
    char got[32];
    int k;

    switch (p->type) {
    case NNT_NUMBER:
        if (a->kind != RAW_NUMBER || isnan(a->num))
            return seterr(err, n, "parameter '%s' must be a number, got %s",
                          p->name, a->kind == RAW_NUMBER ? "NaN"
                          : raw_type(a));
        if (check_range(p, a->num, err, n) != 0)
            return -1;
        v->num = a->num;
        return 0;
    case NNT_INTEGER:
        if (a->kind != RAW_NUMBER)
            return seterr(err, n, "parameter '%s' must be an integer, got %s",
                          p->name, raw_type(a));
        if (a->num != floor(a->num))    /* NaN fails too */
            return seterr(err, n, "parameter '%s' must be an integer, got %s",
                          p->name, fmt_num(got, sizeof got, a->num));
        if (check_range(p, a->num, err, n) != 0)
            return -1;
        if (fabs(a->num) > INT_EXACT)
            return seterr(err, n, "parameter '%s' must be an integer of at "
                          "most 2^53 in size, got %s", p->name,
                          fmt_num(got, sizeof got, a->num));
        v->integer = (long long)a->num;
        v->num = a->num;
        return 0;
    case NNT_CHOICE:
        if (a->kind != RAW_STRING || !a->str)
            return bad_choice(p, a, err, n);
        for (k = 0; p->choices[k]; k++)
            if (strcmp(p->choices[k], a->str) == 0) {
                v->choice = k;
                return 0;
            }
        return bad_choice(p, a, err, n);
    case NNT_BOOL:
        if (a->kind != RAW_BOOL)
            return seterr(err, n, "parameter '%s' must be a boolean, got %s",
                          p->name, raw_type(a));
        v->boolean = a->boolean != 0;
        v->num = v->boolean;
        return 0;
    case NNT_ARRAY:
        return bind_array(p, a, v, err, n);
    case NNT_STRING:
        break;                              /* results only: refused */
    }
    return seterr(err, n, "parameter '%s' has an unknown type", p->name);
}

/* Fills v with p's default, marked as not given. */
static void bind_default(const struct nnt_param *p, struct nnt_value *v)
{
    memset(v, 0, sizeof *v);
    switch (p->type) {
    case NNT_NUMBER:
        v->num = p->def;
        break;
    case NNT_INTEGER:
        v->num = p->def;
        v->integer = (long long)p->def;     /* checked integral at load */
        break;
    case NNT_CHOICE:
        v->choice = (int)p->def;
        break;
    case NNT_BOOL:
        v->boolean = p->def != 0;
        v->num = v->boolean;
        break;
    case NNT_ARRAY:
    case NNT_STRING:
        break;                              /* absent: dims 0, no data */
    }
}

/* Checks raw against fn's parameters into out (defaults for absent ones);
 * returns 0, or -1 with a reason naming the parameter. */
int plugin_bind_args(const struct nnt_function *fn,
                     const struct raw_arg *raw, int nraw,
                     struct nnt_value *out, char *err, size_t n)
{
    for (int i = 0; i < fn->nparams; i++)
        bind_default(&fn->params[i], &out[i]);
    for (int r = 0; r < nraw; r++) {
        const struct raw_arg *a = &raw[r];
        int k = -1;

        if (!a->name)
            return seterr(err, n, "arguments to %s must be named, as in "
                          "%s{%s = ...}", fn->name, fn->name,
                          fn->nparams ? fn->params[0].name : "");
        for (int i = 0; i < fn->nparams && k < 0; i++)
            if (strcmp(fn->params[i].name, a->name) == 0)
                k = i;
        if (k < 0)
            return unknown_param(fn, a->name, err, n);
        if (out[k].given)
            return seterr(err, n, "parameter '%s' given twice", a->name);
        if (bind_one(&fn->params[k], a, &out[k], err, n) != 0)
            return -1;
        out[k].given = 1;
    }
    for (int i = 0; i < fn->nparams; i++)
        if ((fn->params[i].flags & NNT_REQUIRED) && !out[i].given)
            return seterr(err, n, "missing required parameter '%s'",
                          fn->params[i].name);
    return 0;
}
