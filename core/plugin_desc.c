/* SPDX-License-Identifier: MIT */
/* Reads a plugin's descriptor of any ABI 2 minor into the core's layout. */
#define _GNU_SOURCE             /* dladdr */
#include <dlfcn.h>
#include <math.h>
#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "plugin.h"
#include "util.h"

#define INT_EXACT 9007199254740992.0 /* 2^53: doubles are exact below */

/* Where the plugin's own object is mapped, to keep every read inside it. */
struct object {
    void *base;                 /* dli_fbase of the descriptor */
};

/* Returns 1 if the len bytes at p lie in o's loaded segments. */
static int in_object(const struct object *o, const void *p, size_t len)
{
    Dl_info a, b;

    if (!p || len == 0)
        return p != NULL;
    if ((uintptr_t)p + len < (uintptr_t)p)
        return 0;
    if (!dladdr(p, &a) || !dladdr((const char *)p + len - 1, &b))
        return 0;
    return a.dli_fbase == o->base && b.dli_fbase == o->base;
}

/* Returns 0 if the table of count structs at t (what, each at least
 * min bytes and aligned to align) can be walked, with its element size in
 * *stride; else -1 with why.  Reads only inside the plugin's object. */
static int check_table(const struct object *o, const void *t, int count,
                       size_t min, size_t align, const char *what,
                       const char *owner, size_t *stride, char *why,
                       size_t n)
{
    const char *at = t;
    size_t size;

    *stride = 0;
    if (count < 0 || count > NNT_MAX_COUNT)
        return seterr(why, n, "%s declares %d %s (0 to %d allowed)", owner,
                      count, what, NNT_MAX_COUNT);
    if (count == 0)
        return 0;
    if (!t)
        return seterr(why, n, "%s declares %d %s but no table", owner,
                      count, what);
    if (!in_object(o, t, sizeof size))
        return seterr(why, n, "%s: its %s table is not in the plugin",
                      owner, what);
    memcpy(&size, at, sizeof size);
    if (size < min)
        return seterr(why, n, "%s: its %s are %zu bytes, smaller than the "
                      "%zu every ABI 2 plugin declares (is the size set? "
                      "use the NNT_ macros)", owner, what, size, min);
    if (size > NNT_MAX_STRUCT_SIZE || size % align != 0)
        return seterr(why, n, "%s: its %s declare an impossible size of "
                      "%zu bytes", owner, what, size);
    if ((size_t)count > SIZE_MAX / size
        || !in_object(o, t, size * (size_t)count))
        return seterr(why, n, "%s: a table of %d %s runs past the end of "
                      "the plugin (does the count lie?)", owner, count,
                      what);
    for (int i = 1; i < count; i++) {
        size_t s;
        memcpy(&s, at + (size_t)i * size, sizeof s);
        if (s != size)
            return seterr(why, n, "%s: %s %d declares %zu bytes, the first "
                          "declares %zu (does the count lie?)", owner, what,
                          i + 1, s, size);
    }
    *stride = size;
    return 0;
}

/* Copies the have bytes of a plugin struct at src into dst (want bytes in
 * the core's layout), giving fields it lacks their zero defaults. */
static void take(void *dst, size_t want, const void *src, size_t have)
{
    size_t k = have < want ? have : want;

    memcpy(dst, src, k);
    memset((char *)dst + k, 0, want - k);
}

/* Returns 1 if s is an identifier a Lua table key can spell bare. */
static int is_ident(const char *s)
{
    if (!s || !*s || (*s >= '0' && *s <= '9'))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')
              || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

/* Returns 1 if v is a whole number a double holds exactly (or infinite). */
static int is_whole(double v)
{
    return v == floor(v) && (isinf(v) || fabs(v) <= INT_EXACT);
}

/* Returns 0 if the slider hints of number or integer p make sense, else
 * -1 with why. */
static int check_hints(const struct nnt_param *p, char *why, size_t n)
{
    if (p->flags & NNT_LOG) {
        if (p->type != NNT_NUMBER || !(p->min > 0))
            return seterr(why, n, "parameter '%s': NNT_LOG needs a number "
                          "with min > 0", p->name);
        if (!(p->step == 0 || (p->step > 1 && isfinite(p->step))))
            return seterr(why, n, "parameter '%s': a log step is a factor "
                          "> 1, got %g", p->name, p->step);
        return 0;
    }
    if (!(p->step >= 0 && isfinite(p->step)))
        return seterr(why, n, "parameter '%s': step %g is not >= 0",
                      p->name, p->step);
    if (p->type == NNT_INTEGER && !is_whole(p->step))
        return seterr(why, n, "parameter '%s': step %g of an integer is "
                      "not whole", p->name, p->step);
    return 0;
}

/* Returns 0 if parameter p is well formed, else -1 with why. */
static int check_param(const struct nnt_param *p, char *why, size_t n)
{
    int k = 0;

    if (!is_ident(p->name))
        return seterr(why, n, "a parameter has %s name",
                      p->name ? "an invalid" : "no");
    if ((p->flags & NNT_MATRIX) && p->type != NNT_ARRAY)
        return seterr(why, n, "parameter '%s': NNT_MATRIX on a non-array",
                      p->name);
    if ((p->flags & NNT_LOG) && p->type != NNT_NUMBER)
        return seterr(why, n, "parameter '%s': NNT_LOG on a non-number",
                      p->name);
    switch (p->type) {
    case NNT_NUMBER:
    case NNT_INTEGER:
        if (isnan(p->min) || isnan(p->max) || p->min > p->max)
            return seterr(why, n, "parameter '%s': min %g is greater "
                          "than max %g", p->name, p->min, p->max);
        if (p->type == NNT_INTEGER && !(is_whole(p->min)
                                        && is_whole(p->max)))
            return seterr(why, n, "parameter '%s': integer bounds %g and "
                          "%g are not whole numbers", p->name, p->min,
                          p->max);
        if (check_hints(p, why, n) != 0)
            return -1;
        if (p->flags & NNT_REQUIRED)
            break;
        if (!(p->def >= p->min && p->def <= p->max))
            return seterr(why, n, "parameter '%s': default %g is outside "
                          "[%g, %g]", p->name, p->def, p->min, p->max);
        if (p->type == NNT_INTEGER && !is_whole(p->def))
            return seterr(why, n, "parameter '%s': default %g is not an "
                          "integer", p->name, p->def);
        break;
    case NNT_CHOICE:
        while (p->choices && p->choices[k] && k <= NNT_MAX_COUNT)
            k++;
        if (k == 0)
            return seterr(why, n, "parameter '%s': a choice with no "
                          "choices", p->name);
        if (!(p->flags & NNT_REQUIRED)
            && !(p->def >= 0 && p->def < k && p->def == floor(p->def)))
            return seterr(why, n, "parameter '%s': default choice %g is "
                          "outside [0, %d]", p->name, p->def, k - 1);
        break;
    case NNT_BOOL:
        if (!(p->flags & NNT_REQUIRED) && p->def != 0 && p->def != 1)
            return seterr(why, n, "parameter '%s': default %g is not 0 "
                          "(false) or 1 (true)", p->name, p->def);
        break;
    case NNT_ARRAY:
        if (!(p->min >= 0 && p->max >= 0) || p->min != floor(p->min)
            || p->max != floor(p->max))
            return seterr(why, n, "parameter '%s': element counts %g and "
                          "%g must be whole numbers >= 0", p->name, p->min,
                          p->max);
        if (p->max > 0 && p->min > p->max)
            return seterr(why, n, "parameter '%s': min %g is greater "
                          "than max %g", p->name, p->min, p->max);
        break;
    default:
        return seterr(why, n, "parameter '%s' has unknown type %d",
                      p->name, (int)p->type);
    }
    return 0;
}

/* Returns 0 if result r is well formed, else -1 with why. */
static int check_result(const struct nnt_result *r, char *why, size_t n)
{
    if (!is_ident(r->name))
        return seterr(why, n, "a result has %s name",
                      r->name ? "an invalid" : "no");
    if (r->kind != NNT_NUMBER && r->kind != NNT_STRING
        && r->kind != NNT_ARRAY)
        return seterr(why, n, "result '%s' has kind %d (number, string "
                      "or array)", r->name, (int)r->kind);
    if (r->rank < 0 || r->rank > 2 || (r->rank && r->kind != NNT_ARRAY))
        return seterr(why, n, "result '%s' has rank %d (arrays: 0, 1 or "
                      "2; others 0)", r->name, r->rank);
    if (r->flags & ~(unsigned)(NNT_OPTIONAL | NNT_PREFIX))
        return seterr(why, n, "result '%s' has unknown flags 0x%x",
                      r->name, r->flags);
    return 0;
}

/* Returns f's declared result that covers name (exactly, else by the
 * longest NNT_PREFIX declaration it starts with), or NULL. */
const struct nnt_result *plugin_result_decl(const struct nnt_function *f,
                                            const char *name)
{
    const struct nnt_result *best = NULL;

    for (int i = 0; i < f->nresults; i++) {
        const struct nnt_result *r = &f->results[i];
        if (strcmp(r->name, name) == 0)
            return r;
        if ((r->flags & NNT_PREFIX)
            && strncmp(r->name, name, strlen(r->name)) == 0
            && (!best || strlen(r->name) > strlen(best->name)))
            best = r;
    }
    return best;
}

/* Returns 0 if function f (in the core's layout) is well formed, else -1
 * with why. */
static int check_function(const struct nnt_function *f, char *why, size_t n)
{
    char sub[200];
    const struct nnt_result *x;

    if (!is_ident(f->name))
        return seterr(why, n, "a function has %s name",
                      f->name ? "an invalid" : "no");
    if (!f->run)
        return seterr(why, n, "function '%s' has no run callback (NULL)",
                      f->name);
    for (int i = 0; i < f->nparams; i++) {
        if (check_param(&f->params[i], sub, sizeof sub) != 0)
            return seterr(why, n, "function '%s', %s", f->name, sub);
        for (int j = 0; j < i; j++)
            if (strcmp(f->params[j].name, f->params[i].name) == 0)
                return seterr(why, n, "function '%s' declares parameter "
                              "'%s' twice", f->name, f->params[i].name);
    }
    for (int i = 0; i < f->nresults; i++) {
        if (check_result(&f->results[i], sub, sizeof sub) != 0)
            return seterr(why, n, "function '%s', %s", f->name, sub);
        for (int j = 0; j < i; j++)
            if (strcmp(f->results[j].name, f->results[i].name) == 0)
                return seterr(why, n, "function '%s' declares result "
                              "'%s' twice", f->name, f->results[i].name);
    }
    if (!f->results)
        return f->xaxis ? seterr(why, n, "function '%s' names x axis '%s' "
                                 "but declares no results", f->name,
                                 f->xaxis) : 0;
    if (f->view && !plugin_result_decl(f, f->view))
        return seterr(why, n, "function '%s': view '%s' is not a declared "
                      "result", f->name, f->view);
    if (f->xaxis && (!(x = plugin_result_decl(f, f->xaxis))
                     || x->kind != NNT_ARRAY || x->rank == 2))
        return seterr(why, n, "function '%s': x axis '%s' is not a declared "
                      "1-D array result", f->name, f->xaxis);
    return 0;
}

/* Returns 0 if version abi of a plugin may load here, else -1 with both
 * versions in why. */
static int check_version(unsigned abi, unsigned needs, char *why, size_t n)
{
    unsigned major = NNT_ABI_MAJOR_OF(abi), minor = NNT_ABI_MINOR_OF(abi);

    if (major == 0)             /* ABI 1 was one number */
        return seterr(why, n, "built for ABI %u, this nntutor has %u.%u "
                      "(rebuild against its <nntutor/plugin.h>)", abi,
                      NNT_ABI_MAJOR, NNT_ABI_MINOR);
    if (major != NNT_ABI_MAJOR)
        return seterr(why, n, "built for ABI %u.%u, this nntutor has %u.%u",
                      major, minor, NNT_ABI_MAJOR, NNT_ABI_MINOR);
    if (needs && (NNT_ABI_MAJOR_OF(needs) != major || needs > abi))
        return seterr(why, n, "built for ABI %u.%u but says it needs "
                      "%u.%u", major, minor, NNT_ABI_MAJOR_OF(needs),
                      NNT_ABI_MINOR_OF(needs));
    if (needs > NNT_ABI_VERSION)
        return seterr(why, n, "built for ABI %u.%u and needs %u.%u, this "
                      "nntutor has %u.%u", major, minor,
                      NNT_ABI_MAJOR_OF(needs), NNT_ABI_MINOR_OF(needs),
                      NNT_ABI_MAJOR, NNT_ABI_MINOR);
    return 0;
}

/* The plugin's tables and their walked sizes, checked before copying. */
struct geometry {
    size_t fstride;
    int nparams, nresults;      /* totals over every function */
};

/* Returns 0 after checking that every table of the functions of d can be
 * walked (filling g), else -1 with why. */
static int walk(const struct object *o, const struct nnt_plugin *d,
                struct geometry *g, char *why, size_t n)
{
    const char *base = (const char *)d->functions;
    char owner[120];
    size_t ps, rs;

    memset(g, 0, sizeof *g);
    if (check_table(o, base, d->nfunctions, NNT_FUNCTION_MIN_SIZE,
                    alignof(struct nnt_function), "functions", "descriptor",
                    &g->fstride, why, n) != 0)
        return -1;
    for (int i = 0; i < d->nfunctions; i++) {
        struct nnt_function f;
        take(&f, sizeof f, base + (size_t)i * g->fstride, g->fstride);
        snprintf(owner, sizeof owner, "function %d (%.64s)", i + 1,
                 f.name && in_object(o, f.name, 1) ? f.name : "?");
        if (check_table(o, f.params, f.nparams, NNT_PARAM_MIN_SIZE,
                        alignof(struct nnt_param), "parameters", owner,
                        &ps, why, n) != 0
            || check_table(o, f.results, f.nresults, NNT_RESULT_MIN_SIZE,
                           alignof(struct nnt_result), "results", owner,
                           &rs, why, n) != 0)
            return -1;
        g->nparams += f.nparams;
        g->nresults += f.nresults;
    }
    return 0;
}

/* Returns a copy of the plugin's descriptor d (in the core's layout, one
 * block to free), after checking its version, sizes, counts and
 * declarations; or NULL with the reason in why. */
struct nnt_plugin *plugin_desc_take(const struct nnt_plugin *d,
                                    char *why, size_t n)
{
    struct object o;
    struct geometry g;
    struct nnt_plugin *c;
    struct nnt_function *fns;
    struct nnt_param *ps;
    struct nnt_result *rs;
    size_t have, bytes;
    Dl_info info;
    unsigned needs = 0;

    if (!dladdr(d, &info)) {
        seterr(why, n, "descriptor is not in a loaded object");
        return NULL;
    }
    o.base = info.dli_fbase;
    if (!in_object(&o, d, offsetof(struct nnt_plugin, size)
                   + sizeof(size_t))) {
        seterr(why, n, "descriptor is cut short");
        return NULL;
    }
    have = d->size;
    if (have >= offsetof(struct nnt_plugin, needs) + sizeof needs
        && in_object(&o, d, offsetof(struct nnt_plugin, needs)
                     + sizeof needs))
        needs = d->needs;
    if (check_version(d->abi, needs, why, n) != 0)
        return NULL;
    if (have < NNT_PLUGIN_MIN_SIZE || have > NNT_MAX_STRUCT_SIZE
        || have % alignof(struct nnt_plugin) != 0 || !in_object(&o, d, have)) {
        seterr(why, n, "descriptor declares %zu bytes; an ABI %u "
               "descriptor has %zu to %d, inside the plugin (is .size set? "
               "use NNT_PLUGIN)", have, NNT_ABI_MAJOR,
               (size_t)NNT_PLUGIN_MIN_SIZE, NNT_MAX_STRUCT_SIZE);
        return NULL;
    }
    if (walk(&o, d, &g, why, n) != 0)
        return NULL;
    bytes = sizeof *c + (size_t)d->nfunctions * sizeof *fns
            + (size_t)g.nparams * sizeof *ps + (size_t)g.nresults * sizeof *rs;
    if (!(c = malloc(bytes))) {
        seterr(why, n, "out of memory");
        return NULL;
    }
    take(c, sizeof *c, d, have);
    fns = (struct nnt_function *)(c + 1);
    ps = (struct nnt_param *)(fns + d->nfunctions);
    rs = (struct nnt_result *)(ps + g.nparams);
    c->functions = fns;
    for (int i = 0; i < d->nfunctions; i++) {
        struct nnt_function *f = &fns[i];
        const char *praw, *rraw;
        size_t pst = 0, rst = 0;
        take(f, sizeof *f, (const char *)d->functions
             + (size_t)i * g.fstride, g.fstride);
        praw = (const char *)f->params;
        rraw = (const char *)f->results;
        if (f->nparams)
            memcpy(&pst, praw, sizeof pst);
        if (f->nresults)
            memcpy(&rst, rraw, sizeof rst);
        for (int k = 0; k < f->nparams; k++)
            take(&ps[k], sizeof *ps, praw + (size_t)k * pst, pst);
        for (int k = 0; k < f->nresults; k++)
            take(&rs[k], sizeof *rs, rraw + (size_t)k * rst, rst);
        f->params = f->nparams ? ps : NULL;
        f->results = f->results ? rs : NULL;
        ps += f->nparams;
        rs += f->nresults;
        if (check_function(f, why, n) != 0) {
            free(c);
            return NULL;
        }
        for (int j = 0; j < i; j++)
            if (strcmp(fns[j].name, f->name) == 0) {
                seterr(why, n, "function '%s' is declared twice", f->name);
                free(c);
                return NULL;
            }
    }
    return c;
}
