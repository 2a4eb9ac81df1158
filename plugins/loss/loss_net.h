/* SPDX-License-Identifier: MIT */
/* The 1-1-1 network and the single sigmoid unit: loss, gradient, exact
 * Hessian, landscapes over a parameter plane, convexity probes. */
#ifndef LOSS_NET_H
#define LOSS_NET_H

/*
 * Models (x is one input, y a target in [0, 1]):
 *   LN_NET       h = σ(w1·x + b1), ŷ = σ(w2·h + b2); θ = (w1, b1, w2, b2)
 *   LN_LOGISTIC  ŷ = σ(w·x + b);                     θ = (w, b)
 * Losses, averaged over the N samples, as functions of the logit z of ŷ:
 *   LN_MSE  (σ(z) − y)²
 *   LN_CE   −y log σ(z) − (1 − y) log(1 − σ(z)) = softplus(z) − y·z
 * A landscape varies two parameters on a grid (the "plane"): (w1, w2) for
 * the net with b1, b2 held, (w, b) for the unit.  Grid columns follow the
 * first parameter (u), rows the second (v): out[i*nu + j] is at
 * (u[j], v[i]).
 */

enum ln_model { LN_NET, LN_LOGISTIC };
enum ln_loss { LN_MSE, LN_CE };

/* A model, a loss and its data. */
struct ln_problem {
    enum ln_model model;
    enum ln_loss loss;
    const double *x, *y;        /* n samples */
    int n;
    double b1, b2;              /* the net's biases on the plane */
};

/* What a landscape computes; arrays are nv x nu, NULL to skip. */
struct ln_landscape {
    double *loss;
    double *eig_lo, *eig_hi;    /* Hessian eigenvalues (smallest, largest) */
    int full;                   /* net: Hessian over all four parameters,
                                   not only the two of the plane */
};

/* Progress callback: returns nonzero to stop. */
typedef int (*ln_progress_fn)(void *ud, double fraction);

/* Returns the number of parameters of the model (4 or 2). */
int ln_nparams(enum ln_model m);

/* Fills theta with the parameters at plane point (u, v). */
void ln_theta(const struct ln_problem *p, double u, double v,
              double *theta);

/* Returns the loss at theta; fills grad (nparams) and hess (nparams²,
 * row-major) when they are not NULL.  Uses libm, sample by sample. */
double ln_eval(const struct ln_problem *p, const double *theta,
               double *grad, double *hess);

/* Returns the model's output ŷ at input x with parameters theta (the
 * same forward pass ln_eval differentiates). */
double ln_predict(enum ln_model m, const double *theta, double x);

/* Returns the loss's first and second derivative in the logit z of one
 * sample in *d1, *d2, and the loss itself. */
double ln_loss_z(enum ln_loss loss, double z, double y, double *d1,
                 double *d2);

/* Sets *lo <= *hi to the eigenvalues of the symmetric [[a, b], [b, c]].
 * Entries whose largest magnitude is below 2^-500 or above 2^500 are
 * first scaled by a power of two (exactly), so squares cannot underflow
 * or overflow; the eigenvalues are scaled back. */
void ln_eig2(double a, double b, double c, double *lo, double *hi);

/* Fills eig (ascending) with the eigenvalues of the symmetric n x n
 * matrix A (destroyed) by cyclic Jacobi rotations; n <= 8.  Scales tiny
 * or huge matrices as ln_eig2 does (A is left scaled). */
void ln_eig_sym(double *A, int n, double *eig);

/* Computes the landscape over u (nu values) x v (nv values, ascending and
 * evenly spaced, 2 <= nv <= LK_MAXROWS) into out; returns 0, -1 when out
 * of memory or nv is out of range, or 1 when progress asked to stop. */
int ln_landscape(const struct ln_problem *p, const double *u, int nu,
                 const double *v, int nv, const struct ln_landscape *out,
                 ln_progress_fn progress, void *ud);

/* The best midpoint-convexity violation found on a grid. */
struct ln_pair {
    int ia, ja, ib, jb;         /* a = (u[ja], v[ia]), b = (u[jb], v[ib]) */
    double gap;                 /* L(mid) − (L(a) + L(b))/2 on the grid */
};

/* Searches pairs of grid points whose midpoint is a grid point for the
 * largest L((a+b)/2) − (L(a)+L(b))/2; returns the number of pairs tried.
 * radius bounds the half-distance in grid steps. */
long ln_midpoint_search(const double *loss, int nv, int nu, int radius,
                        struct ln_pair *best);

/* The column kernel: one landscape column (fixed first parameter) over
 * every row, for each sample z = alpha[i]·zu[n] + zb[n], where alpha is
 * evenly spaced (step dalpha) and zu[n] >= 0.  Derivatives of z: first
 * parameter alpha[i]·gp[n] + gq[n], second gr[n]; second derivatives:
 * alpha[i]·ss[n] (first twice), st[n] (mixed), 0.  Sums per row, in
 * sample order, go to acc[0..3][i] (loss, H11, H12, H22); acc[4..6] are
 * scratch.  With finish set the kernel then divides the sums by n and,
 * with hess, puts the mean Hessian's eigenvalues (ln_eig2's bits) in
 * acc[1] (low) and acc[2] (high).  The kernel picks its path from the
 * column alone (the loss, whether e^-z can overflow, which of gp, gq,
 * ss, st are all zero), so a column's bits do not depend on which thread
 * computes it. */
#define LK_BLOCK 16             /* rows sharing one exp (see loss_kern.h) */
#define LK_MAXROWS 816          /* rows a column may have (a multiple
                                   of LK_BLOCK) */
#define LK_CHUNK 64             /* samples per pass over the rows */
struct lk_column {
    const double *alpha;        /* nvp row values, padded with copies */
    double dalpha;              /* alpha[i + 1] − alpha[i] */
    int nvp;                    /* rows rounded up to a multiple of
                                   LK_BLOCK */
    int n;
    const double *y, *zu, *zb, *gp, *gq, *gr, *ss, *st;
    enum ln_loss loss;
    int hess;                   /* also sum the Hessian entries */
    int finish;                 /* then means and eigenvalues */
    double *acc[7];             /* nvp each, overwritten */
};

/* The labels' classes, each with a loop of its own in the kernel's fast
 * path: y = 0, y = 1, any other y. */
enum { LK_Y0, LK_Y1, LK_YANY };

/* Returns the class of label y. */
static inline int lk_class(double y)
{
    return y == 0 ? LK_Y0 : y == 1 ? LK_Y1 : LK_YANY;
}

/* The kernel built for each instruction set (loss_kern_*.c). */
void lk_column_base(const struct lk_column *k);
void lk_column_avx2(const struct lk_column *k);
void lk_column_avx512(const struct lk_column *k);

/* Returns the fastest kernel this CPU runs, and its name in *name. */
void (*lk_pick(const char **name))(const struct lk_column *k);

#endif
