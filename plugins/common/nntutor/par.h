/* SPDX-License-Identifier: MIT */
/* Work split across threads, with results that do not depend on how. */
#ifndef NNT_PAR_H
#define NNT_PAR_H

/*
 * The threading rule of the plugins: work is cut into pieces whose
 * results are each computed by one thread, start to end, in the same
 * order as one thread would (a landscape column, one network of a
 * sweep); no sum is ever split between threads, so 1 and N threads give
 * the same bits.  Only the calling thread talks to the host (progress,
 * results); the others compute, and stop early when told to.
 *
 * NNTUTOR_THREADS sets the number of threads (1 = none started); unset,
 * it is the number of CPUs the process may run on.
 *
 * Pieces may call nc_parallel again (a sweep's networks, each on a thread,
 * multiply matrices that would use threads on their own): the inner call
 * starts no thread and runs its pieces one after another on the thread
 * that called it, so there are never more threads than NNTUTOR_THREADS.
 * Library routines that use threads (mm.h's products, the loss plugin's
 * landscape) keep the rule above: their results are the same bits for
 * any number of threads, nested or not.
 */

#include <stdatomic.h>

#define NC_MAX_THREADS 64

/* Returns how many threads to use: NNTUTOR_THREADS when it is a number
 * from 1 to NC_MAX_THREADS, else the CPUs this process may run on. */
int nc_threads(void);

/* A piece of work for thread t of nt (0 is the caller). */
typedef void nc_par_fn(void *ud, int t, int nt);

/* Runs fn(ud, t, nt) for t = 0 .. nt - 1, t = 0 on the calling thread
 * and the others on threads of their own, and waits for them all; a
 * thread that cannot start has its piece run by the caller afterwards.
 * Called from inside a piece (or with nt = 1), runs t = 0 .. nt - 1 in
 * order on the calling thread.  Returns nothing. */
void nc_parallel(int nt, nc_par_fn *fn, void *ud);

/* Items 0 .. n − 1 handed out to the pieces of one nc_parallel call as
 * they ask, each once, in increasing order: a thread held up (say, by
 * another program on its core) takes fewer, instead of the others
 * waiting for it.  By the rule above the results do not depend on which
 * thread takes which item. */
struct nc_items {
    atomic_int next;
    int n;
};

/* Sets q to hand out items 0 .. n − 1; returns nothing. */
static inline void nc_items_init(struct nc_items *q, int n)
{
    atomic_init(&q->next, 0);
    q->n = n;
}

/* Returns the next item of q, or -1 when every item is taken. */
static inline int nc_item(struct nc_items *q)
{
    int i = atomic_fetch_add(&q->next, 1);

    return i < q->n ? i : -1;
}

#endif
