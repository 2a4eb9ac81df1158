/* SPDX-License-Identifier: MIT */
/* The batching plugin's training runs: one batch size, a sweep over batch
 * sizes (optionally with the linear scaling rule), and the loss and
 * gradient on given batches for cross-checking. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bt.h"
#include "bt_fns.h"
#include <nntutor/minibatch.h>

/* Builds net and w for args' model (w holds max(batch, 256) rows): an
 * MLP's weights drawn on the init stream, logistic regression's at zero,
 * or copied from like when given; returns 0, or -1 through host->fail. */
static int make_net(struct mlp *net, struct mlp_work *w,
                    const struct nnt_value *args, int batch,
                    const struct mlp *like, const struct nnt_host *h,
                    struct nnt_call *c)
{
    struct mlp_spec s = bt_spec(args);

    memset(w, 0, sizeof *w);
    if (mlp_new(net, &s) < 0
        || mlp_work_new(w, net, batch > 256 ? batch : 256) < 0) {
        mlp_free(net);
        return h->fail(c, "out of memory for batches of %d", batch);
    }
    if (like)
        mlp_copy_weights(net, like);
    else
        bt_init(net, h, c);
    return 0;
}

/* Puts per epoch train_loss, test_loss, train_acc, test_acc, updates,
 * seconds and samples, iter_loss per iteration, and batch,
 * iterations_per_epoch, final_train, final_test, final_test_acc, gap and
 * memory; returns 0 or -1. */
int bt_train_run(const struct nnt_host *h, struct nnt_call *c,
                 const struct nnt_value *args)
{
    struct bt_data d;
    struct mlp net;
    struct mlp_work w;
    struct bt_record rec;
    struct mlp_spec s = bt_spec(args);
    int E = (int)args[TRAIN_EPOCHS].integer, B, per, rc = -1;
    double *samples;

    if (bt_data_new(&d, h, c, args) < 0)
        return -1;
    B = (int)args[TRAIN_BATCH].integer > d.n ? d.n
                                            : (int)args[TRAIN_BATCH].integer;
    per = mb_per_epoch(d.n, B, 0);
    rec = (struct bt_record){
        .train_loss = h->put_array(c, "train_loss", (size_t)E + 1, 0),
        .test_loss = h->put_array(c, "test_loss", (size_t)E + 1, 0),
        .train_acc = h->put_array(c, "train_acc", (size_t)E + 1, 0),
        .test_acc = h->put_array(c, "test_acc", (size_t)E + 1, 0),
        .updates = h->put_array(c, "updates", (size_t)E + 1, 0),
        .seconds = h->put_array(c, "seconds", (size_t)E + 1, 0),
        .iter_loss = h->put_array(c, "iter_loss", (size_t)per * E, 0),
    };
    samples = h->put_array(c, "samples", (size_t)E + 1, 0);
    if (!rec.train_loss || !rec.test_loss || !rec.train_acc || !rec.test_acc
        || !rec.updates || !rec.seconds || !rec.iter_loss || !samples) {
        bt_data_free(&d);
        return -1;
    }
    for (int e = 0; e <= E; e++)
        samples[e] = (double)e * d.n;
    if (make_net(&net, &w, args, B, NULL, h, c) == 0) {
        rc = bt_train(&net, &w, &d, B, E, args[TRAIN_LR].num, &rec, h, c, 0, 1);
        h->put_number(c, "batch", B);
        h->put_number(c, "iterations_per_epoch", per);
        h->put_number(c, "final_train", rec.train_loss[E]);
        h->put_number(c, "final_test", rec.test_loss[E]);
        h->put_number(c, "final_test_acc", rec.test_acc[E]);
        h->put_number(c, "gap", rec.test_loss[E] - rec.train_loss[E]);
        h->put_number(c, "memory", bt_memory(&s, B));
        mlp_work_free(&w);
        mlp_free(&net);
    }
    bt_data_free(&d);
    return rc;
}

/* Reads the batch sizes of args[k] into b (at most 16, each capped at n;
 * default 1, 8, 32, 128, n); returns how many. */
static int batch_list(const struct nnt_value *arg, int n, int *b)
{
    static const int def[] = { 1, 8, 32, 128, 0 };
    int k = 0;

    if (arg->array.len == 0)
        for (k = 0; k < 5; k++)
            b[k] = def[k] > 0 && def[k] < n ? def[k] : n;
    else
        for (size_t i = 0; i < arg->array.len && k < 16; i++) {
            double v = arg->array.data[i];
            b[k++] = v >= 1 && v < n ? (int)v : n;
        }
    return k;
}

/* The result rows of a sweep. */
struct sweep_out {
    double *bs, *lr, *per, *ftrain, *ftest, *facc, *mem;
    double *train, *test, *upd, *sec;
};

/* Puts per batch size batch, lr, iterations_per_epoch, final_train,
 * final_test, final_test_acc, memory and (batch sizes x epochs + 1)
 * train_loss, test_loss, updates and seconds, and samples; returns 0 or
 * -1. */
int bt_sweep_run(const struct nnt_host *h, struct nnt_call *c,
                 const struct nnt_value *args)
{
    struct bt_data d;
    struct mlp net0, net;
    struct mlp_work w0, w;
    struct mlp_spec s = bt_spec(args);
    struct sweep_out o;
    int b[16], k, E = (int)args[SWEEP_EPOCHS].integer, rc = 0;
    int scale = args[SWEEP_SCALE_LR].boolean;
    double base = (double)args[SWEEP_BASE_BATCH].integer, *samples;
    size_t cols = (size_t)E + 1;

    if (bt_data_new(&d, h, c, args) < 0)
        return -1;
    k = batch_list(&args[SWEEP_BATCHES], d.n, b);
    o = (struct sweep_out){
        .bs = h->put_array(c, "batch", (size_t)k, 0),
        .lr = h->put_array(c, "lr", (size_t)k, 0),
        .per = h->put_array(c, "iterations_per_epoch", (size_t)k, 0),
        .ftrain = h->put_array(c, "final_train", (size_t)k, 0),
        .ftest = h->put_array(c, "final_test", (size_t)k, 0),
        .facc = h->put_array(c, "final_test_acc", (size_t)k, 0),
        .mem = h->put_array(c, "memory", (size_t)k, 0),
        .train = h->put_array(c, "train_loss", (size_t)k, cols),
        .test = h->put_array(c, "test_loss", (size_t)k, cols),
        .upd = h->put_array(c, "updates", (size_t)k, cols),
        .sec = h->put_array(c, "seconds", (size_t)k, cols),
    };
    samples = h->put_array(c, "samples", cols, 0);
    if (!o.bs || !o.lr || !o.per || !o.ftrain || !o.ftest || !o.facc
        || !o.mem || !o.train || !o.test || !o.upd || !o.sec || !samples
        || make_net(&net0, &w0, args, 1, NULL, h, c) < 0) {
        bt_data_free(&d);
        return -1;
    }
    for (size_t e = 0; e < cols; e++)
        samples[e] = (double)e * d.n;
    for (int i = 0; i < k && rc == 0; i++) {
        struct bt_record rec = {
            .train_loss = o.train + i * cols, .test_loss = o.test + i * cols,
            .updates = o.upd + i * cols, .seconds = o.sec + i * cols,
        };
        double acc;
        o.bs[i] = b[i];
        o.lr[i] = args[SWEEP_LR].num * (scale ? b[i] / base : 1.0);
        o.per[i] = mb_per_epoch(d.n, b[i], 0);
        o.mem[i] = bt_memory(&s, b[i]);
        if (make_net(&net, &w, args, b[i], &net0, h, c) < 0) {
            rc = -1;
            break;
        }
        rc = bt_train(&net, &w, &d, b[i], E, o.lr[i], &rec, h, c,
                      (double)i / k, (i + 1.0) / k);
        o.ftrain[i] = rec.train_loss[E];
        o.ftest[i] = mlp_dataset_loss(&net, &w, d.Xt, d.yt, d.ntest,
                                      MLP_EVAL, &acc);
        o.facc[i] = acc;
        mlp_work_free(&w);
        mlp_free(&net);
    }
    mlp_work_free(&w0);
    mlp_free(&net0);
    bt_data_free(&d);
    return rc;
}

/* Puts X, y, param_init, the batches, the loss and gradient of each
 * (steps x nparam) and param after the SGD steps; returns 0 or -1. */
int bt_batch_grad_run(const struct nnt_host *h, struct nnt_call *c,
                      const struct nnt_value *args)
{
    struct bt_data d;
    struct mlp net;
    struct mlp_work w;
    struct mb_iter it;
    int B = (int)args[BGRAD_BATCH].integer;
    int K = (int)args[BGRAD_STEPS].integer;
    int rc = -1, bsz;
    const int *idx;
    double *X, *y, *bt, *loss, *gr, *p0;

    if (bt_data_new(&d, h, c, args) < 0)
        return -1;
    B = B > d.n ? d.n : B;
    X = h->put_array(c, "X", (size_t)d.n, 2);
    y = h->put_array(c, "y", (size_t)d.n, 0);
    bt = h->put_array(c, "batches", (size_t)K, (size_t)B);
    loss = h->put_array(c, "loss", (size_t)K, 0);
    if (!X || !y || !bt || !loss || make_net(&net, &w, args, B, NULL, h,
                                              c) < 0) {
        bt_data_free(&d);
        return -1;
    }
    memcpy(X, d.X, sizeof *X * 2 * (size_t)d.n);
    memcpy(y, d.y, sizeof *y * (size_t)d.n);
    gr = h->put_array(c, "grad", (size_t)K, net.nparam);
    p0 = h->put_array(c, "param_init", net.nparam, 0);
    if (!gr || !p0 || mb_init(&it, d.n, B, 1, 1) < 0)
        goto out;
    memcpy(p0, net.param, sizeof *p0 * net.nparam);
    for (int t = 0; t < K; t++) {
        bsz = mb_cycle(&it, h, c, &idx);
        for (int i = 0; i < bsz; i++)
            bt[(size_t)t * B + i] = idx[i];
        mlp_gather(&net, &w, d.X, d.y, idx, bsz);
        loss[t] = mlp_forward(&net, &w, w.xb, w.yb, bsz, MLP_TRAIN);
        mlp_step(&net, &w, w.xb, w.yb, bsz, args[BGRAD_LR].num);
        memcpy(gr + (size_t)t * net.nparam, net.grad,   /* still there */
               sizeof *gr * net.nparam);
    }
    if ((p0 = h->put_array(c, "param", net.nparam, 0))) {
        memcpy(p0, net.param, sizeof *p0 * net.nparam);
        rc = 0;
    }
    mb_free(&it);
out:
    mlp_work_free(&w);
    mlp_free(&net);
    bt_data_free(&d);
    return rc;
}
