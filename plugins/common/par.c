/* SPDX-License-Identifier: MIT */
/* Work split across threads (see par.h). */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

#include <nntutor/par.h>

int nc_threads(void)
{
    const char *s = getenv("NNTUTOR_THREADS");
    cpu_set_t set;

    if (s && *s) {
        char *end;
        long v = strtol(s, &end, 10);
        if (*end == 0 && v >= 1 && v <= NC_MAX_THREADS)
            return (int)v;
    }
    /* sched_getaffinity, not sysconf: the lesson process may not open
     * /sys to count CPUs. */
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        int n = CPU_COUNT(&set);
        return n < 1 ? 1 : n > NC_MAX_THREADS ? NC_MAX_THREADS : n;
    }
    return 1;
}

/* One started thread's piece. */
struct par_job {
    nc_par_fn *fn;
    void *ud;
    int t, nt;
};

/* Nonzero on a thread while it runs a piece of nc_parallel. */
static _Thread_local int par_inside;

/* Runs one piece on a started thread; returns NULL. */
static void *par_start(void *arg)
{
    struct par_job *j = arg;

    par_inside = 1;
    j->fn(j->ud, j->t, j->nt);
    return NULL;
}

void nc_parallel(int nt, nc_par_fn *fn, void *ud)
{
    pthread_t th[NC_MAX_THREADS];
    struct par_job job[NC_MAX_THREADS];
    int started[NC_MAX_THREADS] = { 0 };
    pthread_attr_t attr;
    int attr_ok;

    if (nt < 1)
        nt = 1;
    if (nt > NC_MAX_THREADS)
        nt = NC_MAX_THREADS;
    if (par_inside || nt == 1) {        /* nested, or alone: in order here */
        int was = par_inside;

        par_inside = 1;
        for (int t = 0; t < nt; t++)
            fn(ud, t, nt);
        par_inside = was;
        return;
    }
    par_inside = 1;
    attr_ok = pthread_attr_init(&attr) == 0;
    if (attr_ok)
        pthread_attr_setstacksize(&attr, 4u << 20);
    for (int t = 1; t < nt; t++) {
        job[t] = (struct par_job){ fn, ud, t, nt };
        started[t] = pthread_create(&th[t], attr_ok ? &attr : NULL,
                                    par_start, &job[t]) == 0;
    }
    fn(ud, 0, nt);
    for (int t = 1; t < nt; t++) {
        if (started[t])
            pthread_join(th[t], NULL);
        else
            fn(ud, t, nt);
    }
    if (attr_ok)
        pthread_attr_destroy(&attr);
    par_inside = 0;
}
