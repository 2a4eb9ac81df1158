/* SPDX-License-Identifier: MIT */
/* The worker process: one lesson's Lua state and plugin calls, limited by
 * the kernel, speaking the messages of proto.h on one socket. */
#ifndef NNT_WORKER_H
#define NNT_WORKER_H

#include "host.h"

#define WORKER_MEM_CAP  (1024u << 20)   /* bytes of data beyond start-up */
#define WORKER_EXIT_OOM 3               /* exit status: out of memory */

/* What a worker is started to do. */
enum worker_kind {
    WORKER_LESSON,              /* open a lesson and answer commands */
    WORKER_HEADERS,             /* open lessons paths[first..npaths-1] in
                                   turn, send each header (or why it could
                                   not be opened), end */
    WORKER_SCRIPT               /* run a script (nntutor run), end */
};

struct worker_job {
    enum worker_kind kind;
    const char *path;
    struct host_opts ho;
    int seed_given;
    int interactive;            /* a person paces the steps */
    int errfd;                  /* the worker's stderr: a pipe the
                                   front-end reads */
    char **args;                /* WORKER_SCRIPT: arg[0..nargs-1] */
    int nargs;
    char **paths;               /* WORKER_HEADERS */
    int npaths, first;
};

/* Runs job in this freshly forked process, talking on fd; never
 * returns. */
void worker_main(int fd, const struct worker_job *job)
#if defined(__GNUC__)
    __attribute__((noreturn))
#endif
    ;

#endif
