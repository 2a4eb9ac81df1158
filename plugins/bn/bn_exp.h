/* SPDX-License-Identifier: MIT */
/* The bn plugin's training experiments: one setup (data, network shape,
 * schedule) shared by every function that trains networks. */
#ifndef BN_EXP_H
#define BN_EXP_H

#include <nntutor/plugin.h>

#include <nntutor/minibatch.h>
#include <nntutor/params.h>
#include <nntutor/mlp.h>

/*
 * Every training function starts with the same parameters,
 * BN_NET_PARAMS(P, F, default activation), a parameter list (see
 * <nntutor/params.h>) whose IDs take the function's prefix F; code that
 * serves them all reads them as NET_DEPTH .. NET_NOISE.
 */
extern const char *const bn_act_names[];

#define BN_NET_PARAMS(P, F, ACT)                                             \
    P(F##_DEPTH, .name = "depth", .doc = "hidden layers",                    \
      .type = NNT_INTEGER, .min = 1, .max = 6, .def = 3)                     \
    P(F##_WIDTH, .name = "width", .doc = "units per hidden layer",           \
      .type = NNT_INTEGER, .min = 2, .max = 512, .def = 16)                  \
    P(F##_ACT, .name = "act", .doc = "hidden activation",                    \
      .type = NNT_CHOICE, .choices = bn_act_names, .def = (ACT))             \
    P(F##_SCALE, .name = "init_scale",                                       \
      .doc = "weights start as init_scale * N(0, 1/fan_in)",                 \
      .type = NNT_NUMBER, .flags = NNT_LOG, .min = 0.01, .max = 100,         \
      .def = 1)                                                              \
    P(F##_STEPS, .name = "steps", .doc = "SGD steps", .type = NNT_INTEGER,   \
      .min = 1, .max = 20000, .def = 150)                                    \
    P(F##_BATCH, .name = "batch", .doc = "minibatch size",                   \
      .type = NNT_INTEGER, .min = 1, .max = 1000, .def = 16)                 \
    P(F##_INPUTS, .name = "inputs", .doc = "input features",                 \
      .type = NNT_INTEGER, .min = 2, .max = 64, .def = 16)                   \
    P(F##_CLASSES, .name = "classes", .doc = "classes", .type = NNT_INTEGER, \
      .min = 2, .max = 16, .def = 4)                                         \
    P(F##_N, .name = "n",                                                    \
      .doc = "training samples (a quarter as many more are held out)",       \
      .type = NNT_INTEGER, .min = 20, .max = 20000, .def = 800)              \
    P(F##_SEP, .name = "sep",                                                \
      .doc = "distance of class means from the origin", .type = NNT_NUMBER,  \
      .min = 0, .max = 10, .def = 2)                                         \
    P(F##_NOISE, .name = "noise", .doc = "spread of each class",             \
      .type = NNT_NUMBER, .min = 0.1, .max = 5, .def = 1)
enum { BN_NET_PARAMS(NNT_PARAM_ID, NET, 0) NET_NPARAMS };

/* An experiment: data drawn once, networks trained on it in lockstep. */
struct bn_exp {
    struct mlp_spec spec;       /* bn bits are set per network */
    double scale;
    int steps, batch, ntrain, ntest;
    double *X, *y, *Xt, *yt;    /* training and held-out data */
    struct mb_iter batches;     /* shuffled each epoch, ragged end dropped */
    int nprobe;                 /* rows of X used to probe activations */
};

/* One network being trained and what it recorded. */
struct bn_run {
    struct mlp net;
    struct mlp_work w;
    double lr;
    double *loss;               /* per step (NaN after divergence) */
    int diverged;
};

/* Draws the data of args into e (n training samples, n/4 held out) on the
 * data stream; returns 0, or -1 through host->fail. */
int bn_exp_new(struct bn_exp *e, const struct nnt_host *h,
               struct nnt_call *c, const struct nnt_value *args);
/* Releases e; returns nothing. */
void bn_exp_free(struct bn_exp *e);
/* Builds run r (with or without bn in every hidden layer) for e, with
 * weights drawn on the init stream, or copied from `like` when not NULL;
 * returns 0, or -1 through host->fail. */
int bn_run_new(struct bn_run *r, const struct bn_exp *e, int bn,
               double lr, const struct bn_run *like,
               const struct nnt_host *h, struct nnt_call *c);
/* Releases r; returns nothing. */
void bn_run_free(struct bn_run *r);
/* Takes SGD step `step` of run r on rows idx (B of them): records the
 * minibatch loss, stops for good once the loss is not finite; returns the
 * loss. */
double bn_run_step(struct bn_run *r, const struct bn_exp *e,
                   const int *idx, int B, int step);
/* Returns the mean of the last tenth of r's recorded losses (+inf if it
 * diverged). */
double bn_run_final(const struct bn_run *r, int steps);
/* Trains runs r[0..k-1] for e->steps each, every run on the same
 * minibatches in the same order, reporting progress from p0 to p1;
 * returns 0, or -1 when the student cancels or through host->fail. */
int bn_train_runs(struct bn_exp *e, struct bn_run *r, int k,
                  const struct nnt_host *h, struct nnt_call *c, double p0,
                  double p1);

#endif
