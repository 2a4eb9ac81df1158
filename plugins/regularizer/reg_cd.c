/* SPDX-License-Identifier: MIT */
/* Lasso, elastic net and ridge on the Gram form: coordinate descent with
 * warm starts, active and strong sets, duality gaps, paths and closed
 * forms. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <nntutor/common.h>
#include "reg_math.h"

double reg_ls_loss(const struct reg_gram *g, const double *w,
                   const double *Hw)
{
    double qw = 0, wHw = 0, r2;

    for (int j = 0; j < g->p; j++) {
        qw += g->q[j] * w[j];
        wHw += w[j] * Hw[j];
    }
    r2 = g->yy - 2.0 * qw + wHw;
    return (r2 > 0 ? r2 : 0.0) / (2.0 * g->n);
}

void reg_ls_grad(const struct reg_gram *g, const double *Hw, double *grad)
{
    for (int j = 0; j < g->p; j++)
        grad[j] = (Hw[j] - g->q[j]) / (double)g->n;
}

double reg_enet_gap(const struct reg_gram *g, double l1, double l2,
                    const double *w, const double *Hw)
{
    double qw = 0, wHw = 0, wn2 = 0, asum = 0, dual = 0, r2, c, gap;

    for (int j = 0; j < g->p; j++) {
        double xta = g->q[j] - Hw[j] - l2 * w[j];

        if (fabs(xta) > dual)
            dual = fabs(xta);
        qw += w[j] * g->q[j];
        wHw += w[j] * Hw[j];
        wn2 += w[j] * w[j];
        asum += fabs(w[j]);
    }
    r2 = g->yy + wHw - 2.0 * qw;            /* |r|^2 through the Gram form */
    if (dual > l1) {                        /* scale r into the dual set */
        c = l1 / dual;
        gap = 0.5 * (r2 + r2 * c * c);
    } else {
        c = 1.0;
        gap = r2;
    }
    return gap + l1 * asum - c * (g->yy - qw) + 0.5 * l2 * (1 + c * c) * wn2;
}

/* Updates coordinate j exactly (w_j minimises the objective with the rest
 * fixed), keeping Hw = H w on the ns coordinates in S (all when S is
 * NULL); widens *dmax and *wmax. */
static void cd_update(const struct reg_gram *g, int j, double l1, double l2,
                      double *w, double *Hw, const int *S, int ns,
                      double *dmax, double *wmax)
{
    int p = g->p;
    double hjj = g->H[(size_t)j * p + j], old = w[j], tmp, nw;

    if (hjj == 0.0)                         /* a constant feature */
        return;
    tmp = g->q[j] - Hw[j] + hjj * old;      /* q_j - sum_{k != j} H_jk w_k */
    nw = reg_soft(tmp, l1) / (hjj + l2);
    if (nw != old) {                        /* only now is column j read */
        const double *Hj = reg_gram_col(g, j);
        double d = nw - old;

        if (S)                              /* the same sums, fewer of them */
            for (int k = 0; k < ns; k++)
                Hw[S[k]] += d * Hj[S[k]];
        else
            reg_axpy(p, d, Hj, Hw);
        w[j] = nw;
    }
    if (fabs(nw - old) > *dmax)
        *dmax = fabs(nw - old);
    if (fabs(nw) > *wmax)
        *wmax = fabs(nw);
}

/* Puts into S, in index order, the coordinates that are nonzero, marked
 * in keep, or whose correlation |q_j - H_j w| reaches thr (the strong
 * rule); marks them in keep and returns how many there are. */
static int strong_set(const struct reg_gram *g, const double *w,
                      const double *Hw, double thr, unsigned char *keep,
                      int *S)
{
    int ns = 0;

    for (int j = 0; j < g->p; j++) {
        keep[j] |= w[j] != 0.0 || fabs(g->q[j] - Hw[j]) >= thr;
        if (keep[j])
            S[ns++] = j;
    }
    return ns;
}

/* As reg_enet_cd; with prev_alpha > 0 (the path's previous alpha) it
 * sweeps only the strong set and grows it whenever the KKT conditions
 * fail outside it, so the solution is certified on every coordinate. */
static int enet_cd(const struct reg_gram *g, double alpha, double r,
                   double *w, double *Hw, double tol, int max_iter,
                   struct reg_cd_out *out, double prev_alpha)
{
    int p = g->p, full = 1, na = 0, ns = p, it;
    double l1 = alpha * r * g->n, l2 = alpha * (1.0 - r) * g->n;
    size_t sz = (size_t)(p > 0 ? p : 1);
    int *active = malloc(sz * sizeof *active), *S = NULL;
    unsigned char *keep = NULL;

    if (!active)
        return REG_ENOMEM;
    if (prev_alpha > 0) {
        S = malloc(sz * sizeof *S);
        keep = calloc(sz, 1);
        if (!S || !keep) {
            free(active);
            free(S);
            free(keep);
            return REG_ENOMEM;
        }
        ns = strong_set(g, w, Hw, 2.0 * l1 - prev_alpha * r * g->n, keep,
                        S);
    }
    out->tol_abs = tol * g->yy;
    out->gap = out->tol_abs + 1.0;
    out->converged = 0;
    for (it = 0; it < max_iter; it++) {
        double dmax = 0, wmax = 0;

        if (full) {                         /* every (strong) coordinate */
            na = 0;
            for (int s = 0; s < ns; s++) {
                int j = S ? S[s] : s;

                cd_update(g, j, l1, l2, w, Hw, S, ns, &dmax, &wmax);
                if (w[j] != 0.0)
                    active[na++] = j;
            }
        } else {                            /* only the nonzero ones */
            for (int k = 0; k < na; k++)
                cd_update(g, active[k], l1, l2, w, Hw, S, ns, &dmax, &wmax);
        }
        if (wmax == 0.0 || dmax / wmax < tol || it == max_iter - 1) {
            reg_gram_apply(g, w, Hw);       /* drop accumulated rounding */
            out->gap = reg_enet_gap(g, l1, l2, w, Hw);
            if (out->gap < out->tol_abs) {
                out->converged = 1;
                it++;
                break;
            }
            if (S)                          /* KKT outside: |q_j - H_j w| */
                ns = strong_set(g, w, Hw, nextafter(l1, INFINITY), keep,
                                S);
            full = 1;                       /* not certified: look at all */
        } else {
            full = 0;
        }
    }
    out->n_iter = it;
    free(active);
    free(S);
    free(keep);
    return REG_OK;
}

int reg_enet_cd(const struct reg_gram *g, double alpha, double r,
                double *w, double *Hw, double tol, int max_iter,
                struct reg_cd_out *out)
{
    return enet_cd(g, alpha, r, w, Hw, tol, max_iter, out, 0.0);
}

int reg_ridge_solve(const struct reg_gram *g, double d, double *w)
{
    int p = g->p;
    double *A = malloc((size_t)p * (size_t)p * sizeof *A);

    if (!A)
        return REG_ENOMEM;
    reg_gram_fill(g);
    memcpy(A, g->H, (size_t)p * (size_t)p * sizeof *A);
    for (int j = 0; j < p; j++) {
        A[(size_t)j * p + j] += d;
        w[j] = g->q[j];
    }
    if (nc_cholesky_solve(A, w, p) != 0) {
        free(A);
        return REG_ESINGULAR;
    }
    free(A);
    return REG_OK;
}

double reg_alpha_max(const struct reg_gram *g, double r)
{
    double m = 0;

    for (int j = 0; j < g->p; j++)
        if (fabs(g->q[j]) > m)
            m = fabs(g->q[j]);
    return m / ((double)g->n * r);
}

void reg_alpha_grid(double top, double bottom, int m, double *grid)
{
    double hi = log10(top), lo = log10(bottom);
    double step = m > 1 ? (hi - lo) / (double)(m - 1) : 0.0;

    for (int i = 0; i < m; i++)             /* numpy: start + i * step */
        grid[m - 1 - i] = pow(10.0, lo + (double)i * step);
    if (m > 1)
        grid[0] = pow(10.0, hi);            /* numpy ends exactly at stop */
}

int reg_enet_path(const struct reg_gram *g, const double *alphas, int m,
                  double r, double tol, int max_iter, double *coefs,
                  double *n_iter, double *gaps, int *converged,
                  reg_tick_fn tick, void *ud)
{
    int p = g->p, rc = REG_OK;
    double *w = calloc((size_t)(p > 0 ? p : 1), sizeof *w);
    double *Hw = calloc((size_t)(p > 0 ? p : 1), sizeof *Hw);

    if (converged)
        *converged = 1;
    if (!w || !Hw) {
        free(w);
        free(Hw);
        return REG_ENOMEM;
    }
    for (int i = 0; i < m && rc == REG_OK; i++) {
        struct reg_cd_out out = { 0 };

        if (r > 0 && alphas[i] > 0) {       /* warm start from the last */
            rc = enet_cd(g, alphas[i], r, w, Hw, tol, max_iter, &out,
                         i > 0 && g->have && !g->no_screen
                         ? alphas[i - 1] : 0.0);   /* screen when lazy */
            out.gap /= g->n;
        } else {                            /* ridge (or least squares) */
            rc = reg_ridge_solve(g, alphas[i] * g->n, w);
            reg_gram_apply(g, w, Hw);       /* keep the warm start whole */
            out.converged = 1;
        }
        if (rc != REG_OK)
            break;
        memcpy(coefs + (size_t)i * p, w, (size_t)p * sizeof *w);
        if (n_iter)
            n_iter[i] = out.n_iter;
        if (gaps)
            gaps[i] = out.gap;
        if (converged && !out.converged)
            *converged = 0;
        if (tick && tick(ud, (double)(i + 1) / (double)m))
            rc = REG_CANCEL;
    }
    free(w);
    free(Hw);
    return rc;
}

double reg_intercept(const struct reg_gram *g, const double *w)
{
    double b = g->ymean;

    for (int j = 0; j < g->p; j++)
        b -= g->xmean[j] * w[j];
    return b;
}

double reg_mse(const double *X, const double *y, int n, int p,
               const double *w, double b0)
{
    double s = 0;

    for (int i = 0; i < n; i++) {
        double e = y[i] - b0 - nc_dot(X + (size_t)i * p, w, p);
        s += e * e;
    }
    return n > 0 ? s / (double)n : 0.0;
}

double reg_enet_objective(const double *X, const double *y, int n, int p,
                          const double *w, double b0, double alpha,
                          double r)
{
    double asum = 0, wn2 = 0;

    for (int j = 0; j < p; j++) {
        asum += fabs(w[j]);
        wn2 += w[j] * w[j];
    }
    return 0.5 * reg_mse(X, y, n, p, w, b0) + alpha * r * asum
           + 0.5 * alpha * (1.0 - r) * wn2;
}

int reg_count_zeros(const double *w, int p)
{
    int z = 0;

    for (int j = 0; j < p; j++)
        z += w[j] == 0.0;
    return z;
}
