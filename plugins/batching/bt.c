/* SPDX-License-Identifier: MIT */
/* The batching plugin's shared parts: data, model and one training run
 * (see bt.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bt.h"
#include <nntutor/common.h>

const char *const bt_model_names[] = { "logistic", "mlp", NULL };
const char *const bt_data_names[] = { "blobs", "mixed", NULL };

int bt_data_new(struct bt_data *d, const struct nnt_host *h,
                struct nnt_call *c, const struct nnt_value *args)
{
    int n = (int)args[BT_N].integer, nt = (int)args[BT_TEST].integer;
    int mixed = args[BT_DATA].choice == 1;

    memset(d, 0, sizeof *d);
    d->X = malloc(sizeof *d->X * 2 * (size_t)(n + nt));
    d->y = malloc(sizeof *d->y * (size_t)(n + nt));
    if (!d->X || !d->y) {
        bt_data_free(d);
        return h->fail(c, "out of memory for %d samples", n + nt);
    }
    nc_classes(h, c, n + nt, 2, mixed ? 4 : 2, args[BT_SEP].num,
               args[BT_NOISE].num, d->X, d->y);
    if (mixed)                          /* four blobs, two per class */
        for (int i = 0; i < n + nt; i++)
            d->y[i] = (int)d->y[i] % 2;
    d->n = n;
    d->ntest = nt;
    d->Xt = d->X + 2 * (size_t)n;
    d->yt = d->y + n;
    return 0;
}

void bt_data_free(struct bt_data *d)
{
    free(d->X);
    free(d->y);
    memset(d, 0, sizeof *d);
}

struct mlp_spec bt_spec(const struct nnt_value *args)
{
    int mlp = args[BT_MODEL].choice == 1;

    return (struct mlp_spec){
        .inputs = 2, .classes = 2, .depth = mlp ? 1 : 0,
        .width = (int)args[BT_HIDDEN].integer, .act = MLP_TANH,
    };
}

void bt_init(struct mlp *net, const struct nnt_host *h, struct nnt_call *c)
{
    if (net->nlayers > 1)
        mlp_init(net, 1.0, h, c);
}

double bt_memory(const struct mlp_spec *s, int b)
{
    double units = s->inputs + s->classes + (s->depth ? s->width : 0);

    return 2.0 * b * units;             /* values and their gradients */
}

/* Returns seconds on a monotonic clock (wall time, never results). */
static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Records the losses and accuracies of net after epoch e into rec;
 * returns nothing. */
static void record_epoch(struct mlp *net, struct mlp_work *w,
                         const struct bt_data *d, struct bt_record *rec,
                         int e)
{
    double acc;

    if (rec->train_loss || rec->train_acc) {
        double l = mlp_dataset_loss(net, w, d->X, d->y, d->n, MLP_EVAL,
                                    &acc);
        if (rec->train_loss)
            rec->train_loss[e] = l;
        if (rec->train_acc)
            rec->train_acc[e] = acc;
    }
    if (rec->test_loss || rec->test_acc) {
        double l = mlp_dataset_loss(net, w, d->Xt, d->yt, d->ntest,
                                    MLP_EVAL, &acc);
        if (rec->test_loss)
            rec->test_loss[e] = l;
        if (rec->test_acc)
            rec->test_acc[e] = acc;
    }
}

int bt_train(struct mlp *net, struct mlp_work *w, const struct bt_data *d,
             int batch, int epochs, double lr, struct bt_record *rec,
             const struct nnt_host *h, struct nnt_call *c, double p0,
             double p1)
{
    struct mb_iter it;
    double spent = 0;
    int b, rc = 0;
    const int *idx;

    if (mb_init(&it, d->n, batch, 1, 0) < 0)
        return h->fail(c, "out of memory");
    record_epoch(net, w, d, rec, 0);
    if (rec->updates)
        rec->updates[0] = 0;
    if (rec->seconds)
        rec->seconds[0] = 0;
    for (int e = 1; e <= epochs && rc == 0; e++) {
        double t0 = now();
        mb_epoch(&it, h, c);
        while ((b = mb_next(&it, &idx)) > 0) {
            double loss;
            mlp_gather(net, w, d->X, d->y, idx, b);
            loss = mlp_forward(net, w, w->xb, w->yb, b, MLP_TRAIN);
            if (rec->iter_loss)
                rec->iter_loss[it.iter - 1] = loss;
            mlp_step(net, w, w->xb, w->yb, b, lr);
            /* Long epochs (N up to a million) report within the epoch,
             * so the bar moves and Esc is heard. */
            if (it.iter % 4096 == 0
                && h->progress(c, p0 + (p1 - p0) * (e - 1
                               + (double)it.pos / d->n) / epochs)) {
                rc = -1;
                break;
            }
        }
        if (rc != 0)
            break;
        spent += now() - t0;
        if (rec->seconds)
            rec->seconds[e] = spent;
        if (rec->updates)
            rec->updates[e] = (double)it.iter;
        record_epoch(net, w, d, rec, e);
        if (h->progress(c, p0 + (p1 - p0) * e / epochs))
            rc = -1;
    }
    mb_free(&it);
    return rc;
}
