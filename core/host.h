/* SPDX-License-Identifier: MIT */
/* The Lua host: one sandboxed Lua state per lesson or script. */
#ifndef NNT_HOST_H
#define NNT_HOST_H

#include <stddef.h>
#include <signal.h>
#include <stdint.h>

#include <lua.h>

#include "frontend.h"
#include "plugin.h"
#include "rng.h"

#define HOST_MEM_LIMIT   (256u << 20)   /* bytes of Lua heap */
#define HOST_BUDGET      300000000LL    /* VM instructions per run slice */
#define HOST_CPU_LIMIT   20             /* CPU seconds per run slice, outside
                                           plugin calls (C library work that
                                           few instructions start) */
#define HOST_REP_LIMIT   (16u << 20)    /* longest string.rep result */
#define HOST_TEXT_LIMIT  (1u << 20)     /* longest text shown (ui:say ...) */

/* How a host is set up. */
struct host_opts {
    const char *lang;           /* "en" or "zh" */
    uint64_t seed;              /* base seed of the RNG */
    int ascii;                  /* ASCII glyphs */
    const char *export_dir;     /* write every chart here, or NULL */
    const char *explore;        /* "plugin.function" for lua/nnt/explore.lua */
    const char *lua_dir;        /* where lua/nnt/NAME.lua live */
    struct plugin_set *plugins; /* shared, owned by the caller */
    size_t mem_limit;           /* 0 = HOST_MEM_LIMIT */
    int lint;                   /* check: send lint warnings (lint.lua) */
    long long budget;           /* 0 = HOST_BUDGET */
};

/* A host.  Fields are read by the API modules. */
struct host {
    lua_State *L;
    struct host_opts opt;
    const struct frontend *fe;
    struct rng rng;
    size_t mem_used, mem_limit;
    long long instr, budget;
    int exceeded;               /* 1: instruction budget spent, 2: CPU */
    double cpu0;                /* CPU seconds when the slice began */
    double call_cpu;            /* of them, spent in plugin calls */
    int step;                   /* current step (1-based), 0 outside */
    int charts;                 /* charts drawn in the current step */
    int claims_ok, claims_failed;
    double call_start;          /* when the running plugin call began */
    int progress_shown;         /* it has reported progress */
    /* a student's code being checked (student.c) */
    long long student_used, student_budget;
    int student_stop;           /* 1: budget spent, 2: CPU */
    double student_cpu0;
    char last_error[1024];
    /* the lesson's main chunk ("@path") while it runs, and the last line
     * it reached: errors from a tail-called nnt.lesson point there */
    const char *main_src;
    int main_line;
    char main_short[256];
};

/* Makes a host with the sandbox, the nnt API and the Lua half of the API
 * loaded.  Returns NULL with a reason in err. */
struct host *host_new(const struct host_opts *o, const struct frontend *fe,
                      char *err, size_t n);
/* Closes the Lua state and frees the host. */
void host_free(struct host *h);
/* Returns the host owning L. */
struct host *host_of(lua_State *L);
/* Returns the CPU seconds this process has used. */
double host_cpu_s(void);
/* Gives the running code a fresh instruction and CPU budget. */
void host_budget_reset(struct host *h);
/* Follows the lines that the main chunk whose source is source ("@path")
 * runs (NULL: stop following). */
void host_track_main(struct host *h, const char *source);
/* Writes "file:line: " of the first frame of co from level up that is
 * not one of the API's own Lua files (else the main chunk's last line)
 * into buf.  Returns 1, or 0 with buf empty when there is none. */
int host_author_where(struct host *h, lua_State *co, int level, char *buf,
                      size_t n);
/* Loads a text chunk from path (no bytecode) and pushes it as a function.
 * Returns 0, or -1 with the message (file and line) in h->last_error. */
int host_load(struct host *h, const char *path);
/* Calls the function under nargs args on L's stack with a traceback
 * handler; leaves nres results.  Returns 0, or -1 with "file:line: msg"
 * and a traceback in h->last_error. */
int host_pcall(struct host *h, int nargs, int nres);
/* Resumes coroutine co with nargs args.  Returns the lua_resume status;
 * on an error sets h->last_error ("file:line: msg" + traceback) and pops
 * the error. *nres gets the number of values yielded or returned. */
int host_resume(struct host *h, lua_State *co, int nargs, int *nres);
/* Reseeds every RNG stream (and math.random) from seed. */
void host_seed(struct host *h, uint64_t seed);
/* Pushes the text at idx in the chosen language: a string as is, or the
 * field lang (then en, then any) of a table.  Raises a Lua error naming
 * what for the caller if idx is neither. */
const char *host_text(lua_State *L, int idx, const char *what);

/* Opens the nnt module (core/api.c); returns 1 (the module). */
int api_open(lua_State *L);
/* Registers the nnt.array type and pushes its constructor (api_array.c). */
int api_array_open(lua_State *L);
/* Converts the value at idx (nnt.array, or a table of numbers, or a table
 * of equal-length rows) to an array with one new reference; NULL with a
 * message in err (naming the offending element) otherwise. */
struct array *api_toarray(lua_State *L, int idx, char *err, size_t n);
/* Pushes an nnt.array userdata holding a new reference to a, and charges
 * its data to the collector (see api_array.c). */
void api_pusharray(lua_State *L, struct array *a);
/* Returns the array of an nnt.array userdata at idx, or NULL. */
struct array *api_testarray(lua_State *L, int idx);
/* Converts a chart spec table at idx to a chart; raises a Lua error naming
 * the field on bad input (chartspec.c). */
struct chart *chartspec_parse(lua_State *L, int idx);

#endif
