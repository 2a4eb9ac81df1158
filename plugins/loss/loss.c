/* SPDX-License-Identifier: MIT */
/* The loss plugin: losses, likelihoods and loss landscapes for lessons
 * a2_2 (non-convexity), a2_3 (MSE = Gaussian MLE), a2_4 (CE = MLE). */

/*
 * Files:
 *   loss.c           this descriptor, the one exported symbol
 *   loss_run.h       the parameter lists and run callbacks it lists
 *   loss_data.c      regression_data, class_data, compute
 *   loss_dist.c      divergence, categorical
 *   loss_land.c      landscape, point, slice, saturation
 *   loss_sweep.c     gauss_sweep, fit_lines, bernoulli_sweep
 *   loss_math.[ch]   losses with derivatives, distributions, line fits
 *   loss_net.[ch]    the 1-1-1 net and the sigmoid unit: exact gradient
 *                    and Hessian, eigenvalues, landscape, midpoint search
 *   loss_kern*.[ch], loss_vec.h   the landscape's vector kernel, built for
 *                    SSE2, AVX2 and AVX-512 and picked at run time
 */

#include <nntutor/plugin.h>

#include "loss_run.h"

/* Returns the entry of plugin function NAME with its one-line doc. */
#define ENTRY(NAME, DOC, VIEW)                                             \
    NNT_FUNCTION(.name = #NAME, .doc = DOC,                                \
                 .params = loss_##NAME##_params,                           \
                 .nparams = NNT_COUNT(loss_##NAME##_params),               \
                 .run = loss_##NAME##_run, .view = VIEW)

static const struct nnt_function functions[] = {
    ENTRY(regression_data,
          "Draws points on a line y = slope x + intercept with Gaussian or "
          "Laplace noise and outliers.", "y"),
    ENTRY(class_data,
          "Draws a classification set: Gaussian classes around means at "
          "distance sep.", "y"),
    ENTRY(compute,
          "Computes a loss (MSE, MAE, BCE, BCE on logits, Gaussian NLL, "
          "Bernoulli NLL, softmax CE, categorical NLL) with its gradient; "
          "without inputs, its curve over the prediction.", "each"),
    ENTRY(divergence,
          "Entropy, cross-entropy and KL divergence of two discrete "
          "distributions, with gradients.", "terms"),
    ENTRY(categorical,
          "Samples a categorical variable and compares the average NLL of "
          "a model with the cross-entropy, KL and entropy.", "nll_path"),
    ENTRY(landscape,
          "The exact loss landscape of the 1-1-1 network (or one sigmoid "
          "unit) over two parameters, with Hessian eigenvalues and a "
          "midpoint-convexity search.", "loss"),
    ENTRY(point,
          "Loss, gradient, Hessian and its eigenvalues of the 1-1-1 network "
          "(or one sigmoid unit) at one parameter point.", "hessian"),
    ENTRY(slice,
          "The loss along a line through two parameter points, with its "
          "chord and exact derivatives.", "loss"),
    ENTRY(saturation,
          "Gradient of MSE and of cross-entropy with respect to the logit "
          "of a sigmoid output.", "grad_mse"),
    ENTRY(gauss_sweep,
          "Sweeps the slope of a regression line: MSE, Gaussian NLL, MAE, "
          "Laplace NLL, their argmins, NLL = a MSE + b, and the MLE of "
          "sigma^2.", "nll"),
    ENTRY(fit_lines,
          "Fits a line by least squares (MSE) and by least absolute "
          "deviations (MAE).", "y"),
    ENTRY(bernoulli_sweep,
          "Sweeps the weight of a logistic model: likelihood, "
          "log-likelihood, its mean, and the BCE.", "mean_loglik"),
};

NNT_EXPORT const struct nnt_plugin nnt_plugin = NNT_PLUGIN(
    .name = "loss",
    .version = "0.1.0",
    .doc = "Losses as likelihoods, and the landscapes they make: MSE, "
           "cross-entropy, NLL, KL.",
    NNT_FUNCTIONS(functions)
);
