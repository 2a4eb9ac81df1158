/* SPDX-License-Identifier: MIT */
/* A small multilayer perceptron for the plugins: dense layers, sigmoid,
 * tanh or ReLU, optional batch normalisation per hidden layer, softmax
 * cross-entropy output, trained by minibatch SGD. */
#ifndef NNT_MLP_H
#define NNT_MLP_H

#include <stddef.h>

#include <nntutor/plugin.h>

/*
 * Layer l (0-based) maps size[l] inputs to size[l+1] outputs:
 *     z = a_prev W + b          W is size[l] x size[l+1], row-major
 *     z = BN(z)                 hidden layers with bn (then b is absent:
 *                               the batch mean would cancel it)
 *     a = act(z)                hidden layers; the last layer's z are the
 *                               logits of a softmax over the classes
 * Loss: mean over the batch of -log softmax(z)[label].  Logistic
 * regression is the MLP with no hidden layer (depth 0) and two classes.
 *
 * Parameters (W, b, gamma, beta of every layer) live in one block `param`
 * and their gradients at the same offsets in `grad`, so an SGD step or a
 * perturbation is one loop over nparam numbers.  Running statistics are
 * kept apart (they are not trained).
 */

#define MLP_MAX_LAYERS 9        /* dense layers: up to 8 hidden + output */

enum mlp_act { MLP_SIGMOID, MLP_TANH, MLP_RELU };

/* How a forward pass normalises: train (batch statistics, running
 * averages updated), probe (batch statistics, nothing updated) or eval
 * (running statistics). */
enum mlp_mode { MLP_TRAIN, MLP_PROBE, MLP_EVAL };

/* The shape of a network. */
struct mlp_spec {
    int inputs, classes;        /* sizes of the input and the output */
    int depth, width;           /* hidden layers and their units */
    enum mlp_act act;
    unsigned bn;                /* bit l: batch norm in hidden layer l */
    double eps, momentum;       /* batch norm: 1e-5 and 0.1 if 0 */
};

struct mlp_layer {
    int nin, nout, bn;
    double *W, *b, *gamma, *beta;       /* in param; b or gamma/beta NULL */
    double *dW, *db, *dgamma, *dbeta;   /* the same places in grad */
    double *rmean, *rvar;               /* running statistics (bn) */
};

struct mlp {
    int nlayers;                /* dense layers, the output one included */
    enum mlp_act act;
    double eps, momentum;
    struct mlp_layer layer[MLP_MAX_LAYERS];
    double *param, *grad, *stats;
    size_t nparam, nstats;
    int maxw;                   /* widest layer, inputs included */
};

/* Buffers for forward and backward passes of up to bmax rows, owned by
 * the caller (made once, reused every step). */
struct mlp_work {
    int bmax;
    double *z[MLP_MAX_LAYERS];  /* input of the nonlinearity (after bn) */
    double *a[MLP_MAX_LAYERS];  /* hidden activations; logits for the last
                                   layer are in z */
    double *xhat[MLP_MAX_LAYERS], *mu[MLP_MAX_LAYERS];
    double *var[MLP_MAX_LAYERS], *istd[MLP_MAX_LAYERS];
    double *d0, *d1, *wt;       /* backward: deltas and a transpose */
    double *xb, *yb;            /* a gathered batch */
    double *block;
};

/* Builds net for spec with W = 0, b = 0, gamma = 1, beta = 0, running
 * mean 0 and variance 1; returns 0, or -1 if out of memory or the spec is
 * out of bounds. */
int mlp_new(struct mlp *net, const struct mlp_spec *spec);
/* Releases net; returns nothing. */
void mlp_free(struct mlp *net);
/* Draws every W from N(0, scale^2 / fan_in) on the init stream, layer by
 * layer, row by row (the draws do not depend on where bn is); returns
 * nothing. */
void mlp_init(struct mlp *net, double scale, const struct nnt_host *h,
              struct nnt_call *c);
/* Copies the weights W of src into dst (same sizes), leaving dst's b,
 * gamma, beta and statistics alone; returns nothing. */
void mlp_copy_weights(struct mlp *dst, const struct mlp *src);

/* Makes buffers for batches of up to bmax rows; returns 0 or -1. */
int mlp_work_new(struct mlp_work *w, const struct mlp *net, int bmax);
/* Releases w; returns nothing. */
void mlp_work_free(struct mlp_work *w);
/* Copies rows idx[0..B-1] of X (n x inputs) and y into w->xb, w->yb;
 * returns nothing. */
void mlp_gather(const struct mlp *net, struct mlp_work *w, const double *X,
                const double *y, const int *idx, int B);

/* Runs X (B x inputs, B <= bmax) forward in mode and returns the mean
 * cross-entropy against labels y (or 0 when y is NULL); w keeps what the
 * backward pass needs. */
double mlp_forward(struct mlp *net, struct mlp_work *w, const double *X,
                   const double *y, int B, enum mlp_mode mode);
/* Fills net->grad with the gradient of the mean loss of the last forward
 * pass (train or probe mode, same X, y and B); returns nothing. */
void mlp_backward(struct mlp *net, struct mlp_work *w, const double *X,
                  const double *y, int B);
/* mlp_backward then mlp_sgd(net, lr), each weight matrix stepped as soon
 * as its gradient is made, while it is in cache: the same bits, and
 * net->grad holds the gradient; returns nothing. */
void mlp_step(struct mlp *net, struct mlp_work *w, const double *X,
              const double *y, int B, double lr);
/* Returns the number of rows in w's last forward whose largest logit is
 * at their label. */
int mlp_correct(const struct mlp *net, const struct mlp_work *w,
                const double *y, int B);
/* Takes one SGD step, param -= lr * grad; returns nothing. */
void mlp_sgd(struct mlp *net, double lr);
/* Returns the mean loss over all n rows of X, y in mode (chunks of
 * w->bmax; the probe mode uses each chunk's statistics) and puts the
 * accuracy in *acc unless NULL. */
double mlp_dataset_loss(struct mlp *net, struct mlp_work *w,
                        const double *X, const double *y, int n,
                        enum mlp_mode mode, double *acc);

#endif
