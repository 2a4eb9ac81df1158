/* SPDX-License-Identifier: MIT */
/* Minibatch iteration: epochs, iterations and batches over N samples. */
#ifndef NNT_MINIBATCH_H
#define NNT_MINIBATCH_H

#include <nntutor/plugin.h>

/*
 *     struct mb_iter it;
 *     mb_init(&it, n, batch, shuffle, drop_last);
 *     for (int e = 0; e < epochs; e++) {
 *         mb_epoch(&it, host, c);              reshuffles when asked
 *         while ((b = mb_next(&it, &idx)) > 0)
 *             ... one iteration on samples idx[0..b-1] ...
 *     }
 *     mb_free(&it);
 *
 * An epoch is one pass over the samples: ceil(N/B) iterations, the last one
 * smaller when B does not divide N, or floor(N/B) with drop_last (the last
 * N mod B samples of the order are then skipped that epoch; with B > N
 * nothing is left).  Callers that want "B > N means the whole set" cap B
 * themselves.
 */
struct mb_iter {
    int n, batch, shuffle, drop_last;
    int *order;                 /* the sample order of this epoch */
    int pos;                    /* next position in order */
    long long epoch;            /* epochs started */
    long long iter;             /* iterations taken, over all epochs */
    long long iter_in_epoch;    /* iterations taken in this epoch */
    long long seen;             /* samples processed, over all epochs */
};

/* Returns the iterations per epoch: ceil(n/b), or floor(n/b) with
 * drop_last (so 0 when b > n, as PyTorch's DataLoader has it). */
int mb_per_epoch(int n, int b, int drop_last);
/* Prepares it for n samples in batches of b; returns 0, or -1 if out of
 * memory. */
int mb_init(struct mb_iter *it, int n, int b, int shuffle, int drop_last);
/* Starts an epoch: the order is 0..n-1, shuffled on the host's shuffle
 * stream when it->shuffle; returns nothing. */
void mb_epoch(struct mb_iter *it, const struct nnt_host *h,
              struct nnt_call *c);
/* Returns the size of the next batch of this epoch (its indices at *idx),
 * or 0 when the epoch is over; advances the counters. */
int mb_next(struct mb_iter *it, const int **idx);
/* Returns the size of the next batch (its indices at *idx), starting a
 * new epoch (mb_epoch) when this one is over, so batches never run out
 * (a new iterator starts with an epoch); 0 only when an epoch has no
 * batch at all (drop_last with b > n). */
int mb_cycle(struct mb_iter *it, const struct nnt_host *h,
             struct nnt_call *c, const int **idx);
/* Releases it; returns nothing. */
void mb_free(struct mb_iter *it);

#endif
