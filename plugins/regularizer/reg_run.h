/* SPDX-License-Identifier: MIT */
/* The regularizer plugin's run callbacks and the argument positions they
 * read: each enum lists one function's parameters in the order of its
 * table in regularizer.c (checked there at compile time). */
#ifndef REG_RUN_H
#define REG_RUN_H

#include <nntutor/plugin.h>

/* Sparse regression data, generated or given (first in many tables). */
enum { A_N, A_P, A_K, A_NOISE, A_RHO, A_NGEN };
enum { A_X = A_NGEN, A_Y, A_NDATA };

enum { SD_NTEST = A_NGEN, SD_NARGS };                       /* sparse_data */
enum { L_ALPHA = A_NDATA, L_INTERCEPT, L_TOL, L_MAX_ITER,   /* lasso, */
       L_NARGS, EN_RATIO = L_NARGS, EN_NARGS };             /* elastic_net */
enum { R_ALPHA = A_NDATA, R_INTERCEPT, R_NARGS };           /* ridge */
enum { I_ALPHA = A_NDATA, I_STEPS, I_SCALE, I_INTERCEPT,    /* ista */
       I_NARGS };
enum { PV_ALPHA = A_NDATA, PV_STEPS, PV_SCALE, PV_SCHEDULE, /* prox_vs_ */
       PV_INTERCEPT, PV_NARGS };                            /* subgradient */
enum { P_XTEST = A_NDATA, P_YTEST, P_NTEST, P_PENALTY,      /* path */
       P_RATIO, P_NLAMBDA, P_EPS, P_LAMBDAS, P_TOL, P_MAX_ITER,
       P_INTERCEPT, P_NARGS };
enum { O_N, O_P, O_K, O_NOISE, O_LAMBDA, O_NARGS };         /* orthonormal */
enum { C_ANGLE, C_STRETCH, C_C1, C_C2, C_T, C_N, C_SPAN,    /* constrained */
       C_NARGS };
enum { S_LAMBDA, S_RANGE, S_N, S_NARGS };                   /* shrinkage */
enum { CO_N, CO_RHO, CO_NOISE, CO_NLAMBDA, CO_EPS,          /* correlated */
       CO_NARGS };
enum { PF_N, PF_DEGREE, PF_NOISE, PF_LOG_LAMBDA, PF_NGRID,  /* poly_fit */
       PF_DATA_X, PF_DATA_Y, PF_TOL, PF_MAX_ITER, PF_NARGS };
enum { PO_Z, PO_NOISE_SD, PO_PRIOR_SD, PO_RANGE, PO_N,      /* posterior */
       PO_NARGS };

/* Penalties of `path`, in the order of its choice list. */
enum { PEN_LASSO, PEN_RIDGE, PEN_ENET };

/* reg_run_fit.c */
int reg_run_sparse_data(const struct nnt_host *h, struct nnt_call *c,
                        const struct nnt_value *a);
int reg_run_lasso(const struct nnt_host *h, struct nnt_call *c,
                  const struct nnt_value *a);
int reg_run_elastic_net(const struct nnt_host *h, struct nnt_call *c,
                        const struct nnt_value *a);
int reg_run_ridge(const struct nnt_host *h, struct nnt_call *c,
                  const struct nnt_value *a);
int reg_run_orthonormal(const struct nnt_host *h, struct nnt_call *c,
                        const struct nnt_value *a);
/* reg_run_iter.c */
int reg_run_path(const struct nnt_host *h, struct nnt_call *c,
                 const struct nnt_value *a);
int reg_run_ista(const struct nnt_host *h, struct nnt_call *c,
                 const struct nnt_value *a);
int reg_run_prox_vs_subgradient(const struct nnt_host *h,
                                struct nnt_call *c,
                                const struct nnt_value *a);
/* reg_run_views.c */
int reg_run_constrained(const struct nnt_host *h, struct nnt_call *c,
                        const struct nnt_value *a);
int reg_run_shrinkage(const struct nnt_host *h, struct nnt_call *c,
                      const struct nnt_value *a);
int reg_run_correlated(const struct nnt_host *h, struct nnt_call *c,
                       const struct nnt_value *a);
int reg_run_poly_fit(const struct nnt_host *h, struct nnt_call *c,
                     const struct nnt_value *a);
int reg_run_posterior(const struct nnt_host *h, struct nnt_call *c,
                      const struct nnt_value *a);

/* ---- reg_run_data.c: helpers the callbacks share ---------------------- */

/* A data set for a fit: given by the caller or generated. */
struct reg_data {
    int n, p, nt;               /* training rows, features, test rows */
    const double *X, *y;        /* n x p and n */
    const double *Xt, *yt;      /* nt x p and nt, or NULL */
    const double *beta;         /* true coefficients when generated */
    double *own;                /* what was allocated here */
};

/* Fills d from the arguments: X and y when the function takes them
 * (xy) and they are given (with Xt, yt from xt_arg, yt_arg when those are
 * >= 0 and given), else data drawn from n, p, k, noise, rho with nt test
 * rows, putting the result "beta".  Returns 0, or -1 after host->fail. */
int reg_data_get(const struct nnt_host *h, struct nnt_call *c,
                 const struct nnt_value *a, int xy, int nt, int xt_arg,
                 int yt_arg, struct reg_data *d);
/* Frees what reg_data_get allocated. */
void reg_data_free(struct reg_data *d);
/* Returns -1 after telling the host why rc (a REG_ code) failed; what
 * names the computation. */
int reg_fail(const struct nnt_host *h, struct nnt_call *c, int rc,
             const char *what);
/* Returns a copy of n doubles as a result called name, or NULL. */
double *reg_put_copy(const struct nnt_host *h, struct nnt_call *c,
                     const char *name, const double *v, size_t n);

/* The host's progress as a reg_tick_fn, for calls long enough to show:
 * below REG_TICK_WORK (about 10 ms of arithmetic) progress is not
 * reported, so a quick call leaves no "computing" status behind. */
#define REG_TICK_WORK 2e7
struct reg_tick {
    const struct nnt_host *h;
    struct nnt_call *c;
    int on;                     /* report at all */
};
/* Returns a reg_tick for a call doing about `work` multiply-adds. */
struct reg_tick reg_tick_for(const struct nnt_host *h, struct nnt_call *c,
                             double work);
/* Returns nonzero when the student cancelled (ud is a struct reg_tick). */
int reg_tick(void *ud, double fraction);

#endif
