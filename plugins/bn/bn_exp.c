/* SPDX-License-Identifier: MIT */
/* The bn plugin's training experiments: data, networks and the training
 * loop they share (see bn_exp.h). */
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "bn_exp.h"
#include <nntutor/common.h>
#include <nntutor/par.h>

const char *const bn_act_names[] = { "sigmoid", "tanh", "relu", NULL };

/* Rows of the training set whose activations are probed. */
#define BN_PROBE_ROWS 256

int bn_exp_new(struct bn_exp *e, const struct nnt_host *h,
               struct nnt_call *c, const struct nnt_value *args)
{
    int n = (int)args[NET_N].integer, nt = n / 4 > 1 ? n / 4 : 2;
    int d = (int)args[NET_INPUTS].integer;
    double *X, *y;

    memset(e, 0, sizeof *e);
    e->spec = (struct mlp_spec){
        .inputs = d, .classes = (int)args[NET_CLASSES].integer,
        .depth = (int)args[NET_DEPTH].integer,
        .width = (int)args[NET_WIDTH].integer,
        .act = (enum mlp_act)args[NET_ACT].choice,
    };
    e->scale = args[NET_SCALE].num;
    e->steps = (int)args[NET_STEPS].integer;
    e->batch = (int)args[NET_BATCH].integer;
    if (e->batch > n)
        e->batch = n;
    e->ntrain = n;
    e->ntest = nt;
    e->nprobe = n < BN_PROBE_ROWS ? n : BN_PROBE_ROWS;
    X = malloc(sizeof *X * (size_t)(n + nt) * d);
    y = malloc(sizeof *y * (size_t)(n + nt));
    e->X = X;
    e->y = y;
    if (!X || !y || mb_init(&e->batches, n, e->batch, 1, 1) < 0) {
        bn_exp_free(e);
        return h->fail(c, "out of memory for %d samples", n + nt);
    }
    nc_classes(h, c, n + nt, d, e->spec.classes, args[NET_SEP].num,
               args[NET_NOISE].num, X, y);
    e->Xt = X + (size_t)n * d;
    e->yt = y + n;
    return 0;
}

void bn_exp_free(struct bn_exp *e)
{
    free(e->X);
    free(e->y);
    mb_free(&e->batches);
    memset(e, 0, sizeof *e);
}

int bn_run_new(struct bn_run *r, const struct bn_exp *e, int bn,
               double lr, const struct bn_run *like,
               const struct nnt_host *h, struct nnt_call *c)
{
    struct mlp_spec s = e->spec;
    int bmax = e->batch > e->nprobe ? e->batch : e->nprobe;

    memset(r, 0, sizeof *r);
    s.bn = bn ? ~0u : 0;
    r->lr = lr;
    r->loss = malloc(sizeof *r->loss * (size_t)e->steps);
    if (!r->loss || mlp_new(&r->net, &s) < 0
        || mlp_work_new(&r->w, &r->net, bmax) < 0) {
        bn_run_free(r);
        return h->fail(c, "out of memory for a %d x %d network",
                       s.depth, s.width);
    }
    if (like)
        mlp_copy_weights(&r->net, &like->net);
    else
        mlp_init(&r->net, e->scale, h, c);
    return 0;
}

void bn_run_free(struct bn_run *r)
{
    mlp_free(&r->net);
    mlp_work_free(&r->w);
    free(r->loss);
    memset(r, 0, sizeof *r);
}

double bn_run_step(struct bn_run *r, const struct bn_exp *e,
                   const int *idx, int B, int step)
{
    double loss;

    if (r->diverged) {
        r->loss[step] = NAN;
        return NAN;
    }
    mlp_gather(&r->net, &r->w, e->X, e->y, idx, B);
    loss = mlp_forward(&r->net, &r->w, r->w.xb, r->w.yb, B, MLP_TRAIN);
    r->loss[step] = loss;
    if (!isfinite(loss)) {
        r->diverged = 1;
        return loss;
    }
    mlp_step(&r->net, &r->w, r->w.xb, r->w.yb, B, r->lr);
    return loss;
}

double bn_run_final(const struct bn_run *r, int steps)
{
    int k = steps / 10 > 0 ? steps / 10 : 1;
    double s = 0;

    if (r->diverged)
        return INFINITY;
    for (int i = steps - k; i < steps; i++)
        s += r->loss[i];
    return s / k;
}

/* Networks trained on threads: each thread takes the next network as it
 * finishes one (nc_item) and trains it whole, on the batches drawn
 * beforehand (par.h's rule). */
struct runs_par {
    struct bn_exp *e;
    struct bn_run *r;
    const int *all;             /* every step's batch */
    int k;
    const struct nnt_host *h;   /* progress: thread 0 only */
    struct nnt_call *c;
    double p0, p1;
    struct nc_items nets;       /* handed out as threads ask */
    atomic_long done;
    atomic_int stop;
};

/* Trains the networks thread t takes (nc_item), each whole; returns
 * nothing. */
static void runs_piece(void *arg, int t, int nt)
{
    struct runs_par *P = arg;
    struct bn_exp *e = P->e;
    long total = (long)P->k * e->steps;

    (void)nt;
    for (int j; (j = nc_item(&P->nets)) >= 0;)
        for (int s = 0; s < e->steps; s++) {
            long d;

            if (atomic_load(&P->stop))
                return;
            bn_run_step(&P->r[j], e, P->all + (size_t)s * e->batch,
                        e->batch, s);
            d = atomic_fetch_add(&P->done, 1) + 1;
            if (t == 0 && (s & 15) == 15
                && P->h->progress(P->c, P->p0 + (P->p1 - P->p0) * d / total))
                atomic_store(&P->stop, 1);
        }
}

int bn_train_runs(struct bn_exp *e, struct bn_run *r, int k,
                  const struct nnt_host *h, struct nnt_call *c, double p0,
                  double p1)
{
    /* The batches only depend on the shuffle stream, so they are drawn
     * first and each network then takes all its steps in a row, its
     * weights and buffers staying in cache; every network still sees the
     * same batches in the same order as in lockstep, on whichever
     * thread it trains. */
    size_t nb = (size_t)e->steps * e->batch;
    int *all = malloc(sizeof *all * (nb ? nb : 1)), nt = nc_threads();
    struct runs_par P = { .e = e, .r = r, .all = all, .k = k, .h = h,
                          .c = c, .p0 = p0, .p1 = p1 };

    if (!all)
        return h->fail(c, "out of memory for %d steps", e->steps);
    for (int t = 0; t < e->steps; t++) {
        const int *idx;
        int B = mb_cycle(&e->batches, h, c, &idx);

        memcpy(all + (size_t)t * e->batch, idx, sizeof *all * (size_t)B);
    }
    atomic_init(&P.done, 0);
    atomic_init(&P.stop, 0);
    nc_items_init(&P.nets, k);
    nc_parallel(nt < k ? nt : k, runs_piece, &P);
    free(all);
    return atomic_load(&P.stop) ? -1 : 0;
}
