/* SPDX-License-Identifier: MIT */
/* The bn plugin's run callbacks, defined across its files and listed in
 * the descriptor in bn.c. */
#ifndef BN_FNS_H
#define BN_FNS_H

#include <nntutor/plugin.h>

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
