/* SPDX-License-Identifier: MIT */
/* Weight decay (nndl §7.7.2) under SGD and under Adam: the L2 penalty
 * added to the gradient against the decay applied apart (AdamW). */
#include <math.h>
#include <stdlib.h>

#include "reg_run.h"

/* Adam's constants, as in Kingma & Ba 2015 and PyTorch's defaults. */
#define BETA1 0.9
#define BETA2 0.999
#define ADAM_EPS 1e-8

/* One coordinate's Adam state. */
struct adam {
    double m, v;
};

/* Returns Adam's step for gradient g at step t (1-based) and updates a:
 * the bias-corrected m / (sqrt(v) + eps). */
static double adam_step(struct adam *a, double g, int t)
{
    a->m = BETA1 * a->m + (1 - BETA1) * g;
    a->v = BETA2 * a->v + (1 - BETA2) * g * g;
    return a->m / (1 - pow(BETA1, t))
           / (sqrt(a->v / (1 - pow(BETA2, t))) + ADAM_EPS);
}

/* Two weights from w = 1: w1's data gradient is noise sigma * xi_t (the
 * data pull it both ways, as a minibatch gradient does), w2 has none.
 * Puts each weight's path under SGD with the L2 term in the gradient,
 * SGD with the decay applied apart, Adam with the L2 term (Adam + L2)
 * and Adam with the decay apart (AdamW), w1 under Adam with no penalty,
 * and how far the two SGD paths ever are apart; returns 0 or -1. */
int reg_run_decay(const struct nnt_host *h, struct nnt_call *c,
                  const struct nnt_value *a)
{
    static const char *const names[9] = {
        "sgd_l2_w1", "sgd_l2_w2", "sgd_decay_w1", "sgd_decay_w2",
        "adam_l2_w1", "adam_l2_w2", "adamw_w1", "adamw_w2", "adam_w1",
    };
    int T = (int)a[DE_STEPS].integer;
    double lr = a[DE_LR].num, lam = a[DE_LAMBDA].num, sig = a[DE_SIGMA].num;
    double *w[9], *step = h->put_array(c, "step", (size_t)T + 1, 0);
    double cur[9], gap = 0;
    struct adam st[5] = { { 0, 0 } };

    if (!step)
        return -1;
    for (int k = 0; k < 9; k++) {
        if (!(w[k] = h->put_array(c, names[k], (size_t)T + 1, 0)))
            return -1;
        w[k][0] = cur[k] = 1;
    }
    for (int t = 1; t <= T; t++) {
        double g[2] = { sig * h->rng_normal(c, NNT_RNG_DATA), 0 };

        step[t] = t;
        for (int j = 0; j < 2; j++) {
            double *l2 = &cur[j], *dec = &cur[2 + j];
            double *al2 = &cur[4 + j], *aw = &cur[6 + j];

            *l2 -= lr * (g[j] + lam * *l2);
            *dec = (1 - lr * lam) * *dec - lr * g[j];
            *al2 -= lr * adam_step(&st[j], g[j] + lam * *al2, t);
            *aw = (1 - lr * lam) * *aw - lr * adam_step(&st[2 + j], g[j], t);
            if (fabs(*l2 - *dec) > gap)
                gap = fabs(*l2 - *dec);
        }
        cur[8] -= lr * adam_step(&st[4], g[0], t);      /* no penalty */
        for (int k = 0; k < 9; k++)
            w[k][t] = cur[k];
        if ((t & 4095) == 0 && h->progress(c, (double)t / T))
            return -1;
    }
    h->put_number(c, "sgd_gap", gap);
    h->put_number(c, "decay_only", pow(1 - lr * lam, T));
    return 0;
}
