/* SPDX-License-Identifier: MIT */
/* The loss plugin's functions as loss.c lists them: parameter tables,
 * their lengths and run callbacks (defined where the comments say). */
#ifndef LOSS_RUN_H
#define LOSS_RUN_H

#include <nntutor/plugin.h>

/* Declares the parameter table, its length and the run callback of one
 * plugin function; the defining file checks the length. */
#define LOSS_FUNCTION(fn, nparams)                                         \
    enum { LOSS_##fn##_NPARAMS = nparams };                                \
    extern const struct nnt_param loss_##fn##_params[nparams];             \
    int loss_##fn##_run(const struct nnt_host *h, struct nnt_call *c,      \
                        const struct nnt_value *args)

LOSS_FUNCTION(regression_data, 8);      /* loss_data.c */
LOSS_FUNCTION(class_data, 5);
LOSS_FUNCTION(compute, 10);
LOSS_FUNCTION(divergence, 4);          /* loss_dist.c */
LOSS_FUNCTION(categorical, 5);
LOSS_FUNCTION(landscape, 17);           /* loss_land.c */
LOSS_FUNCTION(point, 11);
LOSS_FUNCTION(slice, 16);
LOSS_FUNCTION(saturation, 4);
LOSS_FUNCTION(gauss_sweep, 14);         /* loss_sweep.c */
LOSS_FUNCTION(fit_lines, 10);
LOSS_FUNCTION(bernoulli_sweep, 7);

#endif
