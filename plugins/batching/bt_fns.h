/* SPDX-License-Identifier: MIT */
/* The batching plugin's run callbacks defined outside batching.c, listed
 * in its descriptor. */
#ifndef BT_FNS_H
#define BT_FNS_H

#include <nntutor/plugin.h>

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
