/* SPDX-License-Identifier: MIT */
/* The batching plugin's run callbacks defined outside batching.c, listed
 * in its descriptor, with their parameter lists. */
#ifndef BT_FNS_H
#define BT_FNS_H

#include <nntutor/params.h>
#include <nntutor/plugin.h>

#include "bt.h"

/* The parameter lists of the training functions (see <nntutor/params.h>):
 * batching.c makes the tables of them, the run callbacks read
 * args[TRAIN_BATCH] and the like. */
#define TRAIN_PARAMS(P)                                                      \
    BT_PARAMS(P, TRAIN, 0, 0, 2000, 20, 0.1)                                 \
    P(TRAIN_BATCH, .name = "batch", .doc = "batch size B (capped at N)",     \
      .type = NNT_INTEGER, .min = 1, .max = 20000, .def = 32)
enum { TRAIN_PARAMS(NNT_PARAM_ID) TRAIN_NPARAMS };

#define SWEEP_PARAMS(P)                                                      \
    BT_PARAMS(P, SWEEP, 0, 0, 2000, 20, 0.1)                                 \
    P(SWEEP_BATCHES, .name = "batches",                                      \
      .doc = "batch sizes (default 1, 8, 32, 128, N; values above N mean N)", \
      .type = NNT_ARRAY, .max = 16)                                          \
    P(SWEEP_SCALE_LR, .name = "scale_lr",                                    \
      .doc = "linear scaling rule: lr * B / base_batch", .type = NNT_BOOL,   \
      .def = 0)                                                              \
    P(SWEEP_BASE_BATCH, .name = "base_batch",                                \
      .doc = "the batch size that gets lr as is", .type = NNT_INTEGER,       \
      .min = 1, .max = 20000, .def = 32)
enum { SWEEP_PARAMS(NNT_PARAM_ID) SWEEP_NPARAMS };

#define NOISE_PARAMS(P)                                                      \
    BT_PARAMS(P, NOISE, 0, 0, 2000, 20, 0.1)                                 \
    P(NOISE_BATCHES, .name = "batches",                                      \
      .doc = "batch sizes (default 1, 2, 4, ..., 256)", .type = NNT_ARRAY,   \
      .max = 16)                                                             \
    P(NOISE_TRIALS, .name = "trials",                                        \
      .doc = "random batches drawn per batch size", .type = NNT_INTEGER,     \
      .min = 10, .max = 5000, .def = 300)
enum { NOISE_PARAMS(NNT_PARAM_ID) NOISE_NPARAMS };

#define SHARP_PARAMS(P)                                                      \
    BT_PARAMS(P, SHARP, 1, 1, 200, 100, 0.5)                                 \
    P(SHARP_SMALL, .name = "small", .doc = "the small batch size",           \
      .type = NNT_INTEGER, .min = 1, .max = 20000, .def = 8)                 \
    P(SHARP_LARGE, .name = "large", .doc = "the large batch size (0: N)",    \
      .type = NNT_INTEGER, .min = 0, .max = 20000, .def = 0)                 \
    P(SHARP_LARGE_EPOCHS, .name = "large_epochs",                            \
      .doc = "epochs for the large batch (0: as many as the small one)",     \
      .type = NNT_INTEGER, .min = 0, .max = 20000, .def = 1500)              \
    P(SHARP_EPS, .name = "eps",                                              \
      .doc = "largest perturbation, relative to |w| + 1",                    \
      .type = NNT_NUMBER, .flags = NNT_LOG, .min = 1e-4, .max = 1,           \
      .def = 0.05)                                                           \
    P(SHARP_PROBES, .name = "probes",                                        \
      .doc = "random perturbations per size", .type = NNT_INTEGER, .min = 1, \
      .max = 500, .def = 30)                                                 \
    P(SHARP_LARGE_LR, .name = "large_lr",                                    \
      .doc = "learning rate of the large batch (0: lr)", .type = NNT_NUMBER, \
      .min = 0, .max = 100, .def = 0)
enum { SHARP_PARAMS(NNT_PARAM_ID) SHARP_NPARAMS };

#define BGRAD_PARAMS(P)                                                      \
    BT_PARAMS(P, BGRAD, 0, 0, 2000, 20, 0.1)                                 \
    P(BGRAD_BATCH, .name = "batch", .doc = "batch size B",                   \
      .type = NNT_INTEGER, .min = 1, .max = 2000, .def = 16)                 \
    P(BGRAD_STEPS, .name = "steps", .doc = "SGD steps recorded",             \
      .type = NNT_INTEGER, .min = 1, .max = 100, .def = 5)
enum { BGRAD_PARAMS(NNT_PARAM_ID) BGRAD_NPARAMS };

/* Each returns 0, or -1 after host->fail or a cancel. */
int bt_train_run(const struct nnt_host *h, struct nnt_call *c,
                 const struct nnt_value *args);
int bt_sweep_run(const struct nnt_host *h, struct nnt_call *c,
                 const struct nnt_value *args);
int bt_grad_noise_run(const struct nnt_host *h, struct nnt_call *c,
                      const struct nnt_value *args);
int bt_sharpness_run(const struct nnt_host *h, struct nnt_call *c,
                     const struct nnt_value *args);
int bt_batch_grad_run(const struct nnt_host *h, struct nnt_call *c,
                      const struct nnt_value *args);

#endif
