/* SPDX-License-Identifier: MIT */
/* Losses with their derivatives, discrete distributions and line fits:
 * plain C functions the plugin and its tests share. */
#ifndef LOSS_MATH_H
#define LOSS_MATH_H

/* The losses, one prediction (or one row of scores) against a target.
 * Elementwise ones take a prediction p and a target y:
 *   LM_MSE            (p − y)²
 *   LM_MAE            |p − y|
 *   LM_BCE            −y log p − (1 − y) log(1 − p), p a probability, logs
 *                     floored at −100 as torch.nn.BCELoss does
 *   LM_BCE_LOGITS     the same with p = σ(z), on the logit z, stably:
 *                     (1 − y)·max(z, 0) + y·max(−z, 0) + log1p(e^−|z|)
 *   LM_GAUSS_NLL      −log N(y; p, σ²) = ½ log(2πσ²) + (p − y)²/(2σ²)
 *   LM_BERNOULLI_NLL  −log P(y | p) = −log p (y = 1) or −log(1 − p) (y = 0)
 * Row ones take k scores and a class c in 0 .. k−1:
 *   LM_SOFTMAX_CE     −log softmax(z)_c = logsumexp(z) − z_c
 *   LM_CATEGORICAL_NLL −log p_c, p a probability vector */
enum lm_loss {
    LM_MSE, LM_MAE, LM_BCE, LM_BCE_LOGITS, LM_GAUSS_NLL, LM_BERNOULLI_NLL,
    LM_SOFTMAX_CE, LM_CATEGORICAL_NLL
};

/* Returns 1 if loss k takes rows of scores (softmax CE, categorical). */
int lm_is_row(enum lm_loss k);

/* Returns the elementwise loss ℓ(p, y) (sigma for LM_GAUSS_NLL) and puts
 * dℓ/dp and d²ℓ/dp² in *d1, *d2 (either may be NULL). */
double lm_point(enum lm_loss k, double p, double y, double sigma,
                double *d1, double *d2);

/* Returns the row loss of scores s (k of them) for class c; fills grad
 * (k, may be NULL) with dℓ/ds and puts d²ℓ/ds_c² in *d2 (may be NULL). */
double lm_row(enum lm_loss kind, const double *s, int k, int c,
              double *grad, double *d2);

/* Returns H(p) = −Σ p log p (0 log 0 = 0) of a distribution of k. */
double lm_entropy(const double *p, int k);
/* Returns the cross-entropy −Σ p log q (terms with p = 0 are 0). */
double lm_cross_entropy(const double *p, const double *q, int k);
/* Returns KL(p ‖ q) = Σ p (log p − log q) (terms with p = 0 are 0). */
double lm_kl(const double *p, const double *q, int k);

/* Mirrors a two-class set (y in [0, 1]) so that the class y = 1 lies on
 * the positive side: negates every x if their y-weighted mean is below
 * the mean of x. */
void lm_orient(double *x, const double *y, int n);

/* Sets *slope, *icept to a least-absolute-deviations line through (x, y)
 * and returns its mean absolute error; work holds n doubles. */
double lm_fit_lad(const double *x, const double *y, int n, double *slope,
                  double *icept, double *work);
/* Returns the median of v (n >= 1), sorting v. */
double lm_median(double *v, int n);
/* Returns the x in [a, b] that minimises the unimodal f by golden
 * sections until the bracket is below tol; *fmin gets f there. */
double lm_golden(double (*f)(double x, void *ud), void *ud, double a,
                 double b, double tol, double *fmin);

#endif
