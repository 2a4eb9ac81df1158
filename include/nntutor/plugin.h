/* SPDX-License-Identifier: MIT */
/* nntutor plugin ABI: the whole contract between the core and a plugin. */
#ifndef NNTUTOR_PLUGIN_H
#define NNTUTOR_PLUGIN_H

/*
 * A plugin is one shared object that exports exactly one symbol,
 * NNT_PLUGIN_SYMBOL, a `const struct nnt_plugin` describing what it offers.
 * Plugins see no Lua and no curses: the core validates every argument against
 * the declared parameters before a run callback is called, and results leave
 * through the host table.  Build with -fvisibility=hidden and mark only the
 * descriptor with NNT_EXPORT.
 *
 *     static const struct nnt_param add_params[] = {
 *         { .name = "a", .doc = "first term", .type = NNT_NUMBER,
 *           .min = -10, .max = 10, .def = 1 },
 *         ...
 *     };
 *     NNT_EXPORT const struct nnt_plugin nnt_plugin = {
 *         .abi = NNT_ABI_VERSION, .size = sizeof(struct nnt_plugin),
 *         .name = "template", ...
 *     };
 *
 * The plugins of nntutor write each parameter table as a list that also
 * gives the argument positions (<nntutor/params.h>), and take shared
 * numerics from the plugin library, libnntutor-plugin.a with
 * <nntutor/common.h> and its neighbours (pkg-config nntutor-plugin).
 */

#include <stddef.h>
#include <stdint.h>

#define NNT_ABI_VERSION 1
#define NNT_PLUGIN_SYMBOL "nnt_plugin"

#if defined(__GNUC__)
#define NNT_EXPORT __attribute__((visibility("default")))
#else
#define NNT_EXPORT
#endif

/* Parameter types.  Every argument arrives already checked. */
enum nnt_type {
    NNT_NUMBER = 1, /* double in [min, max]; value.num */
    NNT_INTEGER,    /* integral double in [min, max]; value.integer */
    NNT_CHOICE,     /* one of choices[]; value.choice is its index */
    NNT_BOOL,       /* value.boolean is 0 or 1 */
    NNT_ARRAY       /* doubles, 1-D or 2-D; value.array */
};

/* Parameter flags. */
#define NNT_REQUIRED 0x1 /* no default: the caller must pass it */
#define NNT_MATRIX   0x2 /* NNT_ARRAY: must be 2-D (rows x cols) */

/* One declared parameter.  Unused fields stay zero. */
struct nnt_param {
    const char *name;           /* Lua table key */
    const char *doc;            /* one line for `nntutor plugins` */
    enum nnt_type type;
    double min, max;            /* NUMBER/INTEGER range (inclusive);
                                   ARRAY: min/max element count, 0 = any */
    double def;                 /* default: number, integer, bool (0/1) or
                                   choice index; arrays default to empty */
    const char *const *choices; /* CHOICE: NULL-terminated names */
    unsigned flags;             /* NNT_REQUIRED, NNT_MATRIX */
};

/* A read-only array argument.  For 1-D, rows = 1 and cols = len. */
struct nnt_arrayarg {
    const double *data;         /* row-major; NULL when absent (len 0) */
    size_t len, rows, cols;
    int dims;                   /* 0 absent, 1 or 2 */
};

/* A checked argument, in the order of the function's params[]. */
struct nnt_value {
    double num;
    long long integer;
    int choice;
    int boolean;
    int given;                  /* 1 if the caller passed it explicitly */
    struct nnt_arrayarg array;
};

/* RNG streams: experiments draw init, data and shuffles independently. */
enum nnt_stream { NNT_RNG_INIT = 0, NNT_RNG_DATA, NNT_RNG_SHUFFLE };

struct nnt_call; /* opaque: one running call */

/* What the core offers a running function.  Grows only at the end. */
struct nnt_host {
    unsigned abi;
    size_t size;
    /* Add a number result called name. */
    void (*put_number)(struct nnt_call *c, const char *name, double v);
    /* Add a string result (copied). */
    void (*put_string)(struct nnt_call *c, const char *name, const char *s);
    /* Add an array result; returns zeroed storage to fill, row-major.
     * cols == 0 makes a 1-D array of rows elements.  NULL if out of memory,
     * in which case the run should return -1. */
    double *(*put_array)(struct nnt_call *c, const char *name,
                         size_t rows, size_t cols);
    /* Report progress in [0, 1]; returns nonzero if the student cancelled,
     * in which case the run should stop and return -1. */
    int (*progress)(struct nnt_call *c, double fraction);
    /* Record a failure message (printf-style); returns -1 to return. */
    int (*fail)(struct nnt_call *c, const char *fmt, ...)
#if defined(__GNUC__)
        __attribute__((format(printf, 2, 3)))
#endif
        ;
    /* Seeded generator (xoshiro256**): 64 random bits from a stream. */
    uint64_t (*rng_u64)(struct nnt_call *c, enum nnt_stream s);
    /* Uniform double in [0, 1). */
    double (*rng_uniform)(struct nnt_call *c, enum nnt_stream s);
    /* Standard normal deviate. */
    double (*rng_normal)(struct nnt_call *c, enum nnt_stream s);
};

/* Runs one call.  Returns 0 on success, -1 after host->fail or cancel. */
typedef int (*nnt_run_fn)(const struct nnt_host *host, struct nnt_call *c,
                          const struct nnt_value *args);

/* One function a plugin offers. */
struct nnt_function {
    const char *name;           /* Lua name: plugin.name{...} */
    const char *doc;            /* one sentence */
    const struct nnt_param *params;
    int nparams;
    nnt_run_fn run;
    const char *view;           /* optional: result to plot by default */
};

/* The descriptor: the one exported symbol. */
struct nnt_plugin {
    unsigned abi;               /* NNT_ABI_VERSION at build time */
    size_t size;                /* sizeof(struct nnt_plugin) */
    const char *name;           /* lower-case identifier, unique */
    const char *version;        /* the plugin's own version string */
    const char *doc;            /* one sentence */
    const struct nnt_function *functions;
    int nfunctions;
};

#define NNT_COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

#endif
