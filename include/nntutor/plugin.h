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
 *         NNT_PARAM(.name = "a", .doc = "first term", .type = NNT_NUMBER,
 *                   .min = -10, .max = 10, .def = 1),
 *         ...
 *     };
 *     static const struct nnt_result add_results[] = {
 *         NNT_RESULT(.name = "sum", .kind = NNT_NUMBER),
 *     };
 *     static const struct nnt_function functions[] = {
 *         NNT_FUNCTION(.name = "add", .doc = "Adds a and b.",
 *                      NNT_PARAMS(add_params), NNT_RESULTS(add_results),
 *                      .run = add_run),
 *     };
 *     NNT_EXPORT const struct nnt_plugin nnt_plugin = NNT_PLUGIN(
 *         .name = "template", .version = "1.0", .doc = "...",
 *         NNT_FUNCTIONS(functions));
 *
 * The plugins of nntutor write each parameter table as a list that also
 * gives the argument positions (<nntutor/params.h>), and take shared
 * numerics from the plugin library, libnntutor-plugin.a with
 * <nntutor/common.h> and its neighbours (pkg-config nntutor-plugin).
 *
 * Versions.  The ABI is major.minor (NNT_ABI_MAJOR, NNT_ABI_MINOR).  A
 * minor release only adds: fields at the end of a struct, functions at the
 * end of struct nnt_host, flags and enum values; it never changes or
 * removes one.  A new major may change anything.  The core loads a plugin
 * of its own major whatever its minor:
 *   - built for an older minor: the plugin's structs are shorter; the core
 *     reads the fields they hold and gives the rest their defaults;
 *   - built for a newer minor: its structs are longer; the core ignores the
 *     fields it does not know.  Such a plugin tests for host functions newer
 *     than its oldest supported core with NNT_HOST_HAS before calling them;
 *     one that cannot run without them sets .needs = NNT_ABI(2, n) and is
 *     refused by an older core with a message naming both versions.
 * A plugin of another major is refused ("built for ABI 3.0, this nntutor
 * has 2.0").
 *
 * Sizes.  Every struct the plugin hands over starts with its size
 * (struct nnt_plugin with its ABI version and then its size).  The
 * NNT_PLUGIN, NNT_FUNCTION, NNT_PARAM and NNT_RESULT macros fill them in;
 * do not write sizes by hand.  A table (functions, params, results) is
 * walked with the size of its first element, and every element must
 * declare the same size.
 *
 * What the core checks at load, refusing the plugin with the reason (and
 * never reading past what the descriptor declares):
 *   - the ABI major, and .needs against its own version;
 *   - every size: at least the NNT_*_MIN_SIZE of its struct, a multiple of
 *     the struct's alignment, at most NNT_MAX_STRUCT_SIZE, the same for
 *     every element of a table;
 *   - every count: 0 <= count <= NNT_MAX_COUNT, a table when the count is
 *     not 0, and the whole table inside the plugin's own object;
 *   - names: the plugin's a lower-case identifier equal to the file name,
 *     functions', parameters' and results' identifiers, none twice;
 *   - parameters: a known type, min <= max, the default in range; for an
 *     integer, whole-number bounds and default; a choice with choices; a
 *     positive min for NNT_LOG; a step >= 0 (whole for an integer);
 *   - results: a known kind, a rank of 0, 1 or 2 for arrays, and an .xaxis
 *     and .view that name declared results.
 *
 * Lifetimes.  The descriptor and everything it points to must stay valid
 * and unchanged while the plugin is loaded (declare it all `static const`).
 * Arguments (args, their arrays) are valid only during the run callback
 * that receives them: copy what must outlive it.  The core copies every
 * result name, string and array as it is put; the plugin keeps nothing the
 * core owns, except the storage put_array returns, which it may fill until
 * run returns.
 *
 * Threads.  The core calls run on one thread, the worker's Lua thread, one
 * call at a time: a plugin is never called concurrently or re-entrantly
 * (run is never called from inside a host function).  The host functions
 * may be called only from that thread, during run, with the call handle
 * run received.  A plugin that starts threads of its own joins them before
 * run returns and calls no host function from them.  Static mutable state
 * is discouraged: the same process may run many calls in turn.
 */

#include <stddef.h>
#include <stdint.h>

/* The ABI version: major.minor, and both in one number. */
#define NNT_ABI_MAJOR 2
#define NNT_ABI_MINOR 0
#define NNT_ABI(major, minor) (((unsigned)(major) << 16) | (unsigned)(minor))
#define NNT_ABI_VERSION NNT_ABI(NNT_ABI_MAJOR, NNT_ABI_MINOR)
#define NNT_ABI_MAJOR_OF(v) ((unsigned)(v) >> 16)
#define NNT_ABI_MINOR_OF(v) ((unsigned)(v) & 0xffffu)

#define NNT_PLUGIN_SYMBOL "nnt_plugin"

#if defined(__GNUC__)
#define NNT_EXPORT __attribute__((visibility("default")))
#else
#define NNT_EXPORT
#endif

/* Limits the core enforces at load (see "What the core checks"). */
#define NNT_MAX_COUNT 1024          /* functions, params or results */
#define NNT_MAX_STRUCT_SIZE 4096    /* bytes of any one declared struct */

/* Parameter types, and the kinds of results (NUMBER, STRING, ARRAY).
 * Every argument arrives already checked. */
enum nnt_type {
    NNT_NUMBER = 1, /* double in [min, max]; value.num */
    NNT_INTEGER,    /* integral double in [min, max]; value.integer */
    NNT_CHOICE,     /* one of choices[]; value.choice is its index */
    NNT_BOOL,       /* value.boolean is 0 or 1 */
    NNT_ARRAY,      /* doubles, 1-D or 2-D; value.array */
    NNT_STRING      /* results only: a string */
};

/* Parameter flags. */
#define NNT_REQUIRED 0x1 /* no default: the caller must pass it */
#define NNT_MATRIX   0x2 /* NNT_ARRAY: must be 2-D (rows x cols) */
#define NNT_LOG      0x4 /* NUMBER: a slider moves on a log scale (min > 0) */

/* One declared parameter.  Unused fields stay zero. */
struct nnt_param {
    size_t size;                /* sizeof(struct nnt_param): NNT_PARAM */
    const char *name;           /* Lua table key */
    const char *doc;            /* one line for `nntutor plugins` */
    enum nnt_type type;
    double min, max;            /* NUMBER/INTEGER range (inclusive);
                                   ARRAY: min/max element count, 0 = any */
    double def;                 /* default: number, integer, bool (0/1) or
                                   choice index; arrays default to empty */
    const char *const *choices; /* CHOICE: NULL-terminated names */
    unsigned flags;             /* NNT_REQUIRED, NNT_MATRIX, NNT_LOG */
    /* ABI 2.0, optional (a shorter struct gets the defaults): how an
     * explore screen shows the parameter. */
    double step;                /* slider step; 0: the core picks one
                                   (with NNT_LOG: a factor > 1, 0 picks) */
    const char *label;          /* display name; NULL: the name */
    const char *unit;           /* unit after the value; NULL: none */
};
/* The fields every ABI 2 parameter has: up to and including flags. */
#define NNT_PARAM_MIN_SIZE (offsetof(struct nnt_param, flags) \
                            + sizeof(unsigned))

/* Result flags. */
#define NNT_OPTIONAL 0x1 /* a call may leave this result out */
#define NNT_PREFIX   0x2 /* the name is a prefix: results named at run time
                            (name + anything) share this declaration; an
                            exact name wins, then the longest prefix; a
                            family is never reported missing */

/* One declared result: what a call puts, by name. */
struct nnt_result {
    size_t size;                /* sizeof(struct nnt_result): NNT_RESULT */
    const char *name;
    const char *doc;            /* one line for `nntutor plugins`, or NULL */
    enum nnt_type kind;         /* NNT_NUMBER, NNT_STRING or NNT_ARRAY */
    int rank;                   /* NNT_ARRAY: 1 or 2; 0 = either */
    unsigned flags;             /* NNT_OPTIONAL, NNT_PREFIX */
};
#define NNT_RESULT_MIN_SIZE (offsetof(struct nnt_result, flags) \
                             + sizeof(unsigned))

/* A read-only array argument.  For 1-D, rows = 1 and cols = len. */
struct nnt_arrayarg {
    const double *data;         /* row-major; NULL when absent (len 0) */
    size_t len, rows, cols;
    int dims;                   /* 0 absent, 1 or 2 */
};

/* A checked argument, in the order of the function's params[].  Its size
 * is fixed for all of ABI 2 (the core hands an array of them): fields a
 * minor adds come out of reserved, which reads as zero until then. */
struct nnt_value {
    double num;
    long long integer;
    int choice;
    int boolean;
    int given;                  /* 1 if the caller passed it explicitly */
    struct nnt_arrayarg array;
    double reserved[6];
};

/* RNG streams: experiments draw init, data and shuffles independently. */
enum nnt_stream { NNT_RNG_INIT = 0, NNT_RNG_DATA, NNT_RNG_SHUFFLE };

struct nnt_call; /* opaque: one running call */

/* What the core offers a running function.  A minor adds functions at the
 * end only; test for one newer than your oldest core with NNT_HOST_HAS. */
struct nnt_host {
    unsigned abi;               /* the core's NNT_ABI_VERSION */
    size_t size;                /* sizeof(struct nnt_host) in the core */
    /* Add a number result called name (copied). */
    void (*put_number)(struct nnt_call *c, const char *name, double v);
    /* Add a string result (name and s copied). */
    void (*put_string)(struct nnt_call *c, const char *name, const char *s);
    /* Add an array result; returns zeroed storage to fill, row-major, until
     * run returns.  cols == 0 makes a 1-D array of rows elements.  NULL if
     * out of memory, in which case the run should return -1. */
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

/* True if host table h (as a run callback receives it) has function fn:
 * the core's table is long enough to hold it and it is set.  A plugin built
 * for a newer minor calls a host function added after its oldest supported
 * core only when this holds.  (A core fills the slots past its table with a
 * stub that fails the call, naming both versions, but do not rely on it.) */
#define NNT_HOST_HAS(h, fn)                                               \
    ((h)->size >= offsetof(struct nnt_host, fn) + sizeof((h)->fn)         \
     && (h)->fn != NULL)

/* Runs one call.  Returns 0 on success, -1 after host->fail or cancel.
 * Called on the worker's one Lua thread, never concurrently, never
 * re-entrantly; args live until it returns. */
typedef int (*nnt_run_fn)(const struct nnt_host *host, struct nnt_call *c,
                          const struct nnt_value *args);

/* One function a plugin offers. */
struct nnt_function {
    size_t size;                /* sizeof(struct nnt_function): NNT_FUNCTION */
    const char *name;           /* Lua name: plugin.name{...} */
    const char *doc;            /* one sentence */
    const struct nnt_param *params;
    int nparams;
    nnt_run_fn run;
    const char *view;           /* optional: result to plot by default */
    /* ABI 2.0, optional (a shorter struct declares no results). */
    const struct nnt_result *results; /* what a call puts; NULL: undeclared */
    int nresults;
    const char *xaxis;          /* optional: the result that is the x axis
                                   of the view (a 1-D array) */
};
#define NNT_FUNCTION_MIN_SIZE (offsetof(struct nnt_function, view) \
                               + sizeof(const char *))

/* The descriptor: the one exported symbol. */
struct nnt_plugin {
    unsigned abi;               /* NNT_ABI_VERSION at build time */
    size_t size;                /* sizeof(struct nnt_plugin) */
    const char *name;           /* lower-case identifier, unique */
    const char *version;        /* the plugin's own version string */
    const char *doc;            /* one sentence */
    const struct nnt_function *functions;
    int nfunctions;
    /* ABI 2.0, optional. */
    unsigned needs;             /* oldest ABI it runs on, NNT_ABI(2, n);
                                   0: any of its major */
};
#define NNT_PLUGIN_MIN_SIZE (offsetof(struct nnt_plugin, nfunctions) \
                             + sizeof(int))

/* Designated-initialiser helpers: each fills in the size (and the
 * descriptor its ABI version) and takes the other fields as
 * ".field = value" arguments. */
#define NNT_PLUGIN(...) { .abi = NNT_ABI_VERSION,                         \
                          .size = sizeof(struct nnt_plugin), __VA_ARGS__ }
#define NNT_FUNCTION(...) { .size = sizeof(struct nnt_function), __VA_ARGS__ }
#define NNT_PARAM(...)  { .size = sizeof(struct nnt_param), __VA_ARGS__ }
#define NNT_RESULT(...) { .size = sizeof(struct nnt_result), __VA_ARGS__ }

#define NNT_COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))
/* A table and its count, as initialisers: NNT_PARAMS(add_params). */
#define NNT_FUNCTIONS(t) .functions = (t), .nfunctions = NNT_COUNT(t)
#define NNT_PARAMS(t)    .params = (t), .nparams = NNT_COUNT(t)
#define NNT_RESULTS(t)   .results = (t), .nresults = NNT_COUNT(t)

#endif
