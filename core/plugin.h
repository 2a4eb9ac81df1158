/* SPDX-License-Identifier: MIT */
/* Plugin loader, argument checking and calls: the core side of the ABI. */
#ifndef NNT_PLUGIN_LOADER_H
#define NNT_PLUGIN_LOADER_H

#include <stdio.h>
#include <nntutor/plugin.h>

#include "array.h"
#include "rng.h"

/* A loaded plugin. */
struct plugin {
    const struct nnt_plugin *desc; /* the core's copy, in its own layout,
                                      whatever minor the plugin was built
                                      for (tables walked, tails defaulted) */
    unsigned abi;               /* the version the plugin was built for */
    void *handle;               /* from dlopen */
    char *path;                 /* the .so it came from */
    struct plugin *next;
};

/* The loaded plugins and the directories searched, in order. */
struct plugin_set {
    char **dirs;
    int ndirs;
    struct plugin *head;
};

/* Builds the search path: NNTUTOR_PLUGIN_PATH (':'-separated), then
 * $XDG_DATA_HOME/nntutor/plugins (default ~/.local/share/...), then
 * builtin_dir.  Returns 0, or -1 if out of memory. */
int plugin_set_init(struct plugin_set *set, const char *builtin_dir);
/* Unloads every plugin (dlclose) and frees the set. */
void plugin_set_free(struct plugin_set *set);
/* Returns the plugin called name, loading NAME.so from the first directory
 * that has it.  On failure returns NULL with a one-line reason in err
 * (no such plugin, ABI mismatch with both numbers, missing symbol, size
 * mismatch, name differs from file name, duplicate, dlopen error). */
const struct plugin *plugin_get(struct plugin_set *set, const char *name,
                                char *err, size_t n);
/* Loads one .so file.  Same refusals as plugin_get. */
const struct plugin *plugin_load_file(struct plugin_set *set,
                                      const char *path, char *err, size_t n);
/* Loads every *.so in the search path (first one of a name wins; later ones
 * are reported to warn as shadowed).  Returns the number loaded; each
 * refused file is reported to warn with its path and reason. */
int plugin_load_all(struct plugin_set *set, FILE *warn);
/* Returns a copy of plugin descriptor d in the core's layout (one block to
 * free), after checking its ABI version, every size and count (reading
 * nothing outside the plugin's object) and every declaration; or NULL
 * with the reason in why. */
struct nnt_plugin *plugin_desc_take(const struct nnt_plugin *d,
                                    char *why, size_t n);
/* Returns f's declared result that covers name (exactly, or through a
 * NNT_PREFIX declaration), or NULL. */
const struct nnt_result *plugin_result_decl(const struct nnt_function *f,
                                            const char *name);
/* Returns 1 if calls check their results against the declaration
 * (NNTUTOR_CHECK_RESULTS set and not "0"). */
int plugin_check_results(void);
/* Returns the function called name, or NULL. */
const struct nnt_function *plugin_function(const struct plugin *p,
                                           const char *name);
/* Prints a plugin's line for `nntutor plugins`: name, version, ABI and
 * doc (wrapped to width, under itself), then PLUGIN.FUNCTION lines. */
void plugin_summary(const struct plugin *p, FILE *out, int width);
/* Prints a plugin: name, version, ABI, doc, then each function with its
 * doc, its parameters (type, range or choices, default) and its results,
 * docs wrapped to fit width columns. */
void plugin_describe(const struct plugin *p, FILE *out, int width);

/* An argument as the caller passed it, before checking. */
enum raw_kind { RAW_NUMBER, RAW_STRING, RAW_BOOL, RAW_ARRAY, RAW_OTHER };
struct raw_arg {
    const char *name;
    enum raw_kind kind;
    double num;
    const char *str;
    int boolean;
    struct nnt_arrayarg array;
    const char *type_name;      /* the caller's type name, for messages */
};

/* Checks raw arguments against fn's parameters and fills out[nparams]
 * (defaults for absent ones).  Returns 0, or -1 with a reason naming the
 * parameter in err: unknown name, wrong type, not an integer, out of range,
 * unknown choice (listing the valid ones), missing, wrong array shape. */
int plugin_bind_args(const struct nnt_function *fn,
                     const struct raw_arg *raw, int nraw,
                     struct nnt_value *out, char *err, size_t n);

/* One named result of a call. */
enum result_kind { RESULT_NUMBER, RESULT_STRING, RESULT_ARRAY };
struct result {
    char *name;
    enum result_kind kind;
    double num;
    char *str;
    struct array *arr;          /* one reference owned by the result */
};

/* Progress callback: returns nonzero to cancel. */
typedef int (*progress_fn)(void *ud, double fraction);

/* The results and status of one call. */
struct call_result {
    struct result *items;
    int n, cap;
    char err[512];              /* set when the call failed */
    int cancelled;
};

/* Runs fn with checked args.  rng supplies the host RNG streams; progress
 * may be NULL.  Returns 0, or -1 with res->err set (plugin failure,
 * cancel, out of memory).  res must be released with call_result_free. */
int plugin_call(const struct nnt_function *fn, const struct nnt_value *args,
                struct rng *rng, progress_fn progress, void *ud,
                struct call_result *res);
/* Frees the results (dropping array references). */
void call_result_free(struct call_result *res);

#endif
