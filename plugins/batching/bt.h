/* SPDX-License-Identifier: MIT */
/* The batching plugin's shared parts: the data and model parameters every
 * training function declares first, and one training run by minibatch
 * SGD. */
#ifndef BT_H
#define BT_H

#include <nntutor/minibatch.h>
#include <nntutor/mlp.h>
#include <nntutor/params.h>
#include <nntutor/plugin.h>

extern const char *const bt_model_names[];
extern const char *const bt_data_names[];

/* The parameters every training function declares first, with defaults:
 * MODEL and DATA (choice indices), N training samples, EPOCHS and
 * learning rate LR.  A parameter list (see <nntutor/params.h>) whose IDs
 * take the function's prefix F; code that serves every training function
 * reads them as BT_MODEL .. BT_LR. */
#define BT_PARAMS(P, F, MODEL, DATA, N, EPOCHS, LR)                          \
    P(F##_MODEL, .name = "model",                                            \
      .doc = "logistic regression, or an MLP with one hidden tanh layer",    \
      .type = NNT_CHOICE, .choices = bt_model_names, .def = (MODEL))         \
    P(F##_HIDDEN, .name = "hidden", .doc = "hidden units of the MLP",        \
      .type = NNT_INTEGER, .min = 2, .max = 256, .def = 32)                  \
    P(F##_DATA, .name = "data",                                              \
      .doc = "blobs: two Gaussian classes; mixed: four blobs, two per class", \
      .type = NNT_CHOICE, .choices = bt_data_names, .def = (DATA))           \
    P(F##_N, .name = "n", .doc = "training samples N", .type = NNT_INTEGER,  \
      .min = 2, .max = 1000000, .def = (N))                                  \
    P(F##_TEST, .name = "test", .doc = "held-out samples",                   \
      .type = NNT_INTEGER, .min = 1, .max = 20000, .def = 1000)              \
    P(F##_SEP, .name = "sep",                                                \
      .doc = "distance of each class mean from the origin",                  \
      .type = NNT_NUMBER, .min = 0, .max = 10, .def = 1)                     \
    P(F##_NOISE, .name = "noise", .doc = "spread of each blob",              \
      .type = NNT_NUMBER, .min = 0.05, .max = 5, .def = 1)                   \
    P(F##_EPOCHS, .name = "epochs", .doc = "passes over the training set",   \
      .type = NNT_INTEGER, .min = 1, .max = 500, .def = (EPOCHS))            \
    P(F##_LR, NNT_LR_PARAM(1e-4, 100, (LR)))
enum { BT_PARAMS(NNT_PARAM_ID, BT, 0, 0, 0, 0, 0) BT_NPARAMS };

/* Data drawn once: 2-D points in two classes, training and held out. */
struct bt_data {
    int n, ntest;
    double *X, *y, *Xt, *yt;
};

/* What a training run records, per epoch (epochs + 1 values: before
 * training, then after each epoch) and per iteration. */
struct bt_record {
    double *train_loss, *test_loss, *train_acc, *test_acc;
    double *updates, *seconds;  /* iterations done, wall time so far */
    double *iter_loss;          /* minibatch loss of every iteration */
};

/* Draws the data of args (on the data stream) into d; returns 0, or -1
 * through host->fail. */
int bt_data_new(struct bt_data *d, const struct nnt_host *h,
                struct nnt_call *c, const struct nnt_value *args);
/* Releases d; returns nothing. */
void bt_data_free(struct bt_data *d);
/* Returns the spec of args' model for 2-D inputs and two classes. */
struct mlp_spec bt_spec(const struct nnt_value *args);
/* Starts net's weights: an MLP's drawn on the init stream
 * (N(0, 1/fan_in)), logistic regression's at zero (a loss of ln 2);
 * returns nothing. */
void bt_init(struct mlp *net, const struct nnt_host *h, struct nnt_call *c);
/* Returns the number of activations a batch of b rows keeps in memory
 * for spec (inputs, hidden units, logits, gradients of each). */
double bt_memory(const struct mlp_spec *s, int b);
/* Trains net (already initialised; w holds at least `batch` rows) on d for
 * `epochs` epochs of minibatch SGD with batches of `batch` (shuffled,
 * last one smaller), filling rec's arrays that are not NULL, reporting
 * progress from p0 to p1; returns 0, or -1 when the student cancels. */
int bt_train(struct mlp *net, struct mlp_work *w, const struct bt_data *d,
             int batch, int epochs, double lr, struct bt_record *rec,
             const struct nnt_host *h, struct nnt_call *c, double p0,
             double p1);

#endif
