/* SPDX-License-Identifier: MIT */
/* The bn plugin's run callbacks, defined across its files and listed in
 * the descriptor in bn.c, with their parameter lists. */
#ifndef BN_FNS_H
#define BN_FNS_H

#include <nntutor/params.h>
#include <nntutor/plugin.h>

#include "bn_exp.h"

/* The parameter lists of the functions whose run callbacks are outside
 * bn.c (see <nntutor/params.h>): bn.c makes the tables of them, the run
 * callbacks read args[TRAIN_LR] and the like. */
#define GC_PARAMS(P)                                                         \
    P(GC_BATCH, .name = "batch", .doc = "rows in the batch",                 \
      .type = NNT_INTEGER, .min = 2, .max = 64, .def = 8)                    \
    P(GC_FEATURES, .name = "features", .doc = "features",                    \
      .type = NNT_INTEGER, .min = 1, .max = 16, .def = 3)                    \
    P(GC_EPS, .name = "eps", .doc = "added to the variance",                 \
      .type = NNT_NUMBER, .flags = NNT_LOG, .min = 1e-8, .max = 1,           \
      .def = 1e-5)                                                           \
    P(GC_H, .name = "h", .doc = "finite-difference step",                    \
      .type = NNT_NUMBER, .flags = NNT_LOG, .min = 1e-8, .max = 1e-2,        \
      .def = 1e-5)                                                           \
    P(GC_ACT, .name = "act",                                                 \
      .doc = "activation of the MLP checked as a whole", .type = NNT_CHOICE, \
      .choices = bn_act_names, .def = 0)
enum { GC_PARAMS(NNT_PARAM_ID) GC_NPARAMS };

#define TRAIN_PARAMS(P)                                                      \
    BN_NET_PARAMS(P, TRAIN, MLP_SIGMOID)                                     \
    P(TRAIN_BN, .name = "bn", .doc = "batch norm in every hidden layer",     \
      .type = NNT_BOOL, .def = 1)                                            \
    P(TRAIN_LR, NNT_LR_PARAM(0.001, 100, 1))                                 \
    P(TRAIN_RECORD, .name = "record",                                        \
      .doc = "snapshots of the activation percentiles", .type = NNT_INTEGER, \
      .min = 2, .max = 200, .def = 16)
enum { TRAIN_PARAMS(NNT_PARAM_ID) TRAIN_NPARAMS };

#define LRS_PARAMS(P)                                                        \
    BN_NET_PARAMS(P, LRS, MLP_SIGMOID)                                       \
    P(LRS_LR_MIN, .name = "lr_min", .doc = "smallest learning rate",         \
      .label = "η min", .type = NNT_NUMBER, .flags = NNT_LOG, .min = 1e-4,   \
      .max = 100, .def = 0.01)                                               \
    P(LRS_LR_MAX, .name = "lr_max", .doc = "largest learning rate",          \
      .label = "η max", .type = NNT_NUMBER, .flags = NNT_LOG, .min = 1e-3,   \
      .max = 1000, .def = 30)                                                \
    P(LRS_RATES, .name = "rates", .doc = "learning rates, log-spaced",       \
      .type = NNT_INTEGER, .min = 2, .max = 16, .def = 8)
enum { LRS_PARAMS(NNT_PARAM_ID) LRS_NPARAMS };

#define INIT_PARAMS(P)                                                       \
    BN_NET_PARAMS(P, INIT, MLP_SIGMOID)                                      \
    P(INIT_LR, NNT_LR_PARAM(0.001, 100, 1))
enum { INIT_PARAMS(NNT_PARAM_ID) INIT_NPARAMS };

#define SMOOTH_PARAMS(P)                                                     \
    BN_NET_PARAMS(P, SMOOTH, MLP_RELU)                                       \
    P(SMOOTH_LR, NNT_LR_PARAM(0.001, 100, 1))                                \
    P(SMOOTH_PROBES, .name = "probes",                                       \
      .doc = "points along the training path", .type = NNT_INTEGER,          \
      .min = 1, .max = 100, .def = 12)                                       \
    P(SMOOTH_POINTS, .name = "points",                                       \
      .doc = "step sizes tried at each point", .type = NNT_INTEGER,          \
      .min = 1, .max = 20, .def = 4)                                         \
    P(SMOOTH_REACH, .name = "reach",                                         \
      .doc = "largest step tried, in learning rates", .type = NNT_NUMBER,    \
      .min = 0.1, .max = 20, .def = 4)
enum { SMOOTH_PARAMS(NNT_PARAM_ID) SMOOTH_NPARAMS };

#define TRACE_PARAMS(P)                                                      \
    BN_NET_PARAMS(P, TRACE, MLP_SIGMOID)                                     \
    P(TRACE_BN, .name = "bn", .doc = "batch norm in every hidden layer",     \
      .type = NNT_BOOL, .def = 1)                                            \
    P(TRACE_LR, NNT_LR_PARAM(0.001, 100, 1))
enum { TRACE_PARAMS(NNT_PARAM_ID) TRACE_NPARAMS };

/* Each returns 0, or -1 after host->fail or a cancel. */
int bn_train_run(const struct nnt_host *h, struct nnt_call *c,
                 const struct nnt_value *args);
int bn_lr_sweep_run(const struct nnt_host *h, struct nnt_call *c,
                    const struct nnt_value *args);
int bn_init_sweep_run(const struct nnt_host *h, struct nnt_call *c,
                      const struct nnt_value *args);
int bn_smoothness_run(const struct nnt_host *h, struct nnt_call *c,
                      const struct nnt_value *args);
int bn_gradcheck_run(const struct nnt_host *h, struct nnt_call *c,
                     const struct nnt_value *args);
int bn_trace_run(const struct nnt_host *h, struct nnt_call *c,
                 const struct nnt_value *args);

#endif
