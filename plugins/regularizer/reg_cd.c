/* SPDX-License-Identifier: MIT */
/* Lasso, elastic net and ridge on the Gram form: coordinate descent with
 * warm starts, strong sets (screening), duality gaps, paths and closed
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

/* Work space of a path, kept between its alphas. */
struct cd_work {
    int *S;                     /* the coordinates swept (index order) */
    unsigned char *in;          /* in[j]: j is in S */
    double *diag;               /* H_jj */
    double *Hs;                 /* compact: H restricted to S x S */
    double *ws, *Hws, *qs, *ds; /* compact: w, H w, q, H_jj on S */
    double *ws0, *Hws0;         /* ws and Hws when H w was last whole */
    double *sqd;                /* sqrt(H_jj) */
    size_t cap;                 /* entries Hs has room for */
    double upd;                 /* changed coordinates at the last alpha */
    double checks;              /* convergence checks at the last alpha */
};

/* Frees what cd_work_init allocated; returns nothing. */
static void cd_work_free(struct cd_work *k)
{
    free(k->S);
    free(k->in);
    free(k->diag);
    free(k->Hs);
    free(k->ws);
    free(k->Hws);
    free(k->qs);
    free(k->ds);
    free(k->ws0);
    free(k->Hws0);
    free(k->sqd);
    memset(k, 0, sizeof *k);
}

/* Allocates the work space for g; returns REG_OK or REG_ENOMEM. */
static int cd_work_init(struct cd_work *k, const struct reg_gram *g)
{
    size_t sz = (size_t)(g->p > 0 ? g->p : 1);

    memset(k, 0, sizeof *k);
    k->S = malloc(sz * sizeof *k->S);
    k->in = calloc(sz, 1);
    k->diag = malloc(sz * sizeof *k->diag);
    k->ws = malloc(sz * sizeof *k->ws);
    k->Hws = malloc(sz * sizeof *k->Hws);
    k->qs = malloc(sz * sizeof *k->qs);
    k->ds = malloc(sz * sizeof *k->ds);
    k->ws0 = malloc(sz * sizeof *k->ws0);
    k->Hws0 = malloc(sz * sizeof *k->Hws0);
    k->sqd = malloc(sz * sizeof *k->sqd);
    if (!k->S || !k->in || !k->diag || !k->ws || !k->Hws
        || !k->qs || !k->ds || !k->ws0 || !k->Hws0 || !k->sqd) {
        cd_work_free(k);
        return REG_ENOMEM;
    }
    for (int j = 0; j < g->p; j++) {
        k->diag[j] = g->H[(size_t)j * g->p + j];
        k->sqd[j] = sqrt(k->diag[j]);
    }
    k->upd = -1;
    return REG_OK;
}

/* One pass of cyclic coordinate descent over the ns coordinates of the
 * list L (all 0..ns-1 when L is NULL) of a problem with m coordinates:
 * each w_a is set to its exact minimiser with the rest fixed, and Hw
 * (= H w on the m coordinates, H's row a at H + a ld, or from the lazy
 * Gram through col when set) kept up to date.  Widens *dmax and *wmax and
 * counts the changed coordinates in *upd; returns nothing. */
static void cd_sweep(const struct reg_gram *col, reg_axpy_fn *axpy,
                     const double *H, size_t ld, const double *q,
                     const double *d, int m, const int *L, int ns, double l1,
                     double l2, double *restrict w, double *restrict Hw,
                     double *dmax, double *wmax, double *upd)
{
    for (int s = 0; s < ns; s++) {
        int j = L ? L[s] : s;
        double hjj = d[j], old = w[j], tmp, nw;

        if (hjj == 0.0)                     /* a constant feature */
            continue;
        tmp = q[j] - Hw[j] + hjj * old;     /* q_j - sum_{k != j} H_jk w_k */
        nw = (tmp > l1 ? tmp - l1 : tmp < -l1 ? tmp + l1 : 0.0)
             / (hjj + l2);                  /* reg_soft(tmp, l1), inline */
        if (nw != old) {                    /* only now is row j read */
            axpy(m, nw - old, col ? reg_gram_col(col, j) : H + (size_t)j * ld,
                 Hw);
            w[j] = nw;
            *upd += 1;
        }
        if (fabs(nw - old) > *dmax)
            *dmax = fabs(nw - old);
        if (fabs(nw) > *wmax)
            *wmax = fabs(nw);
    }
}

/* Adds to S the coordinates that are nonzero or whose correlation
 * |q_j - H_j w| reaches thr (Hw = H w everywhere), keeping S in index
 * order; returns how many it added. */
static int grow_set(const struct reg_gram *g, const double *w,
                    const double *Hw, double thr, struct cd_work *k, int *ns)
{
    int added = 0, m = 0;

    for (int j = 0; j < g->p; j++)
        if (!k->in[j] && (w[j] != 0.0 || fabs(g->q[j] - Hw[j]) >= thr)) {
            k->in[j] = 1;
            added++;
        }
    if (added)
        for (int j = 0; j < g->p; j++)
            if (k->in[j])
                k->S[m++] = j;
    if (added)
        *ns = m;
    return added;
}

/* Fills the compact problem of S (ns coordinates): H_SS, q_S, diag and
 * w_S, Hw_S; returns REG_OK or REG_ENOMEM. */
static int compact(const struct reg_gram *g, struct cd_work *k, int ns,
                   const double *w, const double *Hw)
{
    size_t need = (size_t)ns * (size_t)ns;

    if (need > k->cap) {                    /* room for the largest, once:
                                               pages never touched cost
                                               nothing */
        size_t cap = (size_t)g->p * g->p;

        free(k->Hs);
        k->Hs = reg_alloc_big(cap * sizeof *k->Hs);
        k->cap = k->Hs ? cap : 0;
        if (!k->Hs)
            return REG_ENOMEM;
    }
    for (int a = 0; a < ns; a++) {
        const double *Hj = reg_gram_col(g, k->S[a]);
        double *row = k->Hs + (size_t)a * ns;

        for (int b = 0; b < ns; b++)
            row[b] = Hj[k->S[b]];
        k->qs[a] = g->q[k->S[a]];
        k->ds[a] = k->diag[k->S[a]];
        k->ws[a] = k->ws0[a] = w[k->S[a]];
        k->Hws[a] = k->Hws0[a] = Hw[k->S[a]];
    }
    return REG_OK;
}

/* On the compact problem (ns coordinates; Hw = H w everywhere when ws0
 * and Hws0 were taken), bounds |q_j - H_j w| outside S without H w:
 * by Cauchy-Schwarz it moved by at most sqrt(H_jj) |X (w - w0)| since,
 * and |X (w - w0)|^2 = (w - w0)_S . (H w - H w0)_S.  When the bound shows
 * that no coordinate outside S breaks the KKT conditions nor sets the
 * dual scaling, puts the duality gap (reg_enet_gap's, from S alone) in
 * *gap and returns 1; else returns 0 (H w must be made anew). */
static int compact_gap(const struct reg_gram *g, const struct cd_work *k,
                       int ns, double l1, double l2, const double *Hw,
                       double *gap)
{
    double d2 = 0, qw = 0, wHw = 0, wn2 = 0, asum = 0, dual = 0, out = 0;
    double xn, r2, c;

    for (int a = 0; a < ns; a++) {
        double wa = k->ws[a], xta = k->qs[a] - k->Hws[a] - l2 * wa;

        d2 += (wa - k->ws0[a]) * (k->Hws[a] - k->Hws0[a]);
        if (fabs(xta) > dual)
            dual = fabs(xta);
        qw += wa * k->qs[a];
        wHw += wa * k->Hws[a];
        wn2 += wa * wa;
        asum += fabs(wa);
    }
    xn = sqrt(d2 > 0 ? d2 : 0.0);
    for (int j = 0; j < g->p; j++)
        if (!k->in[j]) {
            double b = fabs(g->q[j] - Hw[j]) + k->sqd[j] * xn;

            if (b > out)
                out = b;
        }
    /* a margin for the rounding of the bound itself */
    if (out * (1.0 + 1e-9) > (dual > l1 ? dual : l1))
        return 0;
    r2 = g->yy + wHw - 2.0 * qw;
    if (dual > l1) {
        c = l1 / dual;
        *gap = 0.5 * (r2 + r2 * c * c);
    } else {
        c = 1.0;
        *gap = r2;
    }
    *gap += l1 * asum - c * (g->yy - qw) + 0.5 * l2 * (1 + c * c) * wn2;
    return 1;
}

/* Puts Hw = H w from the columns of the nonzero w_j (filling lazy ones);
 * returns nothing. */
static void apply(const struct reg_gram *g, reg_axpy_fn *axpy,
                  const double *w, double *Hw)
{
    for (int j = 0; j < g->p; j++)
        Hw[j] = 0.0;
    for (int k = 0; k < g->p; k++)
        if (w[k] != 0.0)
            axpy(g->p, w[k], reg_gram_col(g, k), Hw);
}

/* Returns 1 if some coordinate outside S (all of them when S is every
 * coordinate) is zero with |q_j - H_j w| > l1: a full sweep would move
 * it. */
static int kkt_fails(const struct reg_gram *g, const struct cd_work *k,
                     const double *w, const double *Hw, double l1)
{
    for (int j = 0; j < g->p; j++)
        if (!k->in[j] && w[j] == 0.0 && k->diag[j] != 0.0
            && fabs(g->q[j] - Hw[j]) > l1)
            return 1;
    return 0;
}

/* Solves the elastic net at alpha from w (Hw = H w on every coordinate on
 * entry and on return).  With a path (k set up by the caller; prev is
 * the previous alpha, or alpha itself for the first) a cost model picks
 * between two forms: sweeping only the strong set S (sequential strong
 * rule) on a compact copy of H_SS, with S grown whenever the KKT
 * conditions fail outside it and H w made anew only when a bound cannot
 * certify them; or sweeping every coordinate on H itself (a zero one
 * costs O(1)) with H w kept incrementally, as sklearn does.  A lazy Gram
 * always takes the first.  Without (k NULL) it sweeps every coordinate
 * on H and recomputes H w at each check, as reg_enet_cd always did.
 * Returns REG_OK or REG_ENOMEM. */
static int enet_cd(const struct reg_gram *g, double alpha, double r,
                   double *w, double *Hw, double tol, int max_iter,
                   struct reg_cd_out *out, double prev_alpha,
                   struct cd_work *k)
{
    int p = g->p, ns = p, it, rc = REG_OK, cmp = 0;
    double l1 = alpha * r * g->n, l2 = alpha * (1.0 - r) * g->n, upd = 0;
    double checks = 0;
    reg_axpy_fn *axpy = reg_axpy_for(p);
    struct cd_work own;

    if (!k) {
        if ((rc = cd_work_init(&own, g)) != REG_OK)
            return rc;
        memset(own.in, 1, (size_t)p);
        for (int j = 0; j < p; j++)
            own.S[j] = j;
    } else {                                /* the strong rule */
        memset(k->in, 0, (size_t)p);
        ns = 0;
        grow_set(g, w, Hw, 2.0 * l1 - prev_alpha * r * g->n, k, &ns);
        /* cost model, in entries touched: sweeping H itself costs p per
         * changed coordinate; the compact copy costs ns^2 to make, ns per
         * change and p per nonzero weight at each check (H w anew) */
        if (g->have || ns < p) {
            double u = k->upd >= 0 ? k->upd : 4.0 * ns, nz = 0;

            for (int j = 0; j < p; j++)
                nz += w[j] != 0.0;
            cmp = g->have
                  || (double)ns * ns + u * ns + (k->checks + 1) * nz * p
                     < u * p;
        }
    }
    if (!k)
        k = &own;
    if (cmp && (rc = compact(g, k, ns, w, Hw)) != REG_OK)
        return rc;
    out->tol_abs = tol * g->yy;
    out->gap = out->tol_abs + 1.0;
    out->converged = 0;
    for (it = 0; it < max_iter; it++) {
        double dmax = 0, wmax = 0;

        /* every (strong) coordinate in index order at every sweep, as
         * sklearn sweeps: the same iterates, so where the tolerance stops
         * both short of the optimum the same coefficients are still
         * exactly zero (sweeps over the nonzero ones only, between full
         * ones, stop elsewhere); a zero coordinate costs O(1) */
        if (cmp)                            /* on H_SS */
            cd_sweep(NULL, axpy, k->Hs, (size_t)ns, k->qs, k->ds, ns, NULL,
                     ns, l1, l2, k->ws, k->Hws, &dmax, &wmax, &upd);
        else                                /* on H: all p, as a zero
                                               coordinate costs O(1) */
            cd_sweep(g->have ? g : NULL, axpy, g->H, (size_t)p, g->q,
                     k->diag, p, NULL, p, l1, l2, w, Hw, &dmax, &wmax, &upd);
        if (wmax == 0.0 || dmax / wmax < tol || it == max_iter - 1) {
            int grew = 0;

            checks++;
            if (cmp && compact_gap(g, k, ns, l1, l2, Hw, &out->gap)
                && !(out->gap < out->tol_abs))
                continue;                   /* no need of H w yet */
            if (cmp) {                      /* back to every coordinate */
                for (int a = 0; a < ns; a++)
                    w[k->S[a]] = k->ws[a];
                apply(g, axpy, w, Hw);
            } else if (k == &own) {
                apply(g, axpy, w, Hw);      /* drop accumulated rounding */
            }
            out->gap = reg_enet_gap(g, l1, l2, w, Hw);
            if (k != &own && cmp) {         /* KKT outside S: grow it */
                grew = kkt_fails(g, k, w, Hw, l1)
                       && grow_set(g, w, Hw, nextafter(l1, INFINITY), k,
                                   &ns);
                if (cmp && grew) {
                    if ((rc = compact(g, k, ns, w, Hw)) != REG_OK)
                        break;
                } else if (cmp) {           /* the fresh H w on S */
                    for (int a = 0; a < ns; a++) {
                        k->Hws[a] = k->Hws0[a] = Hw[k->S[a]];
                        k->ws0[a] = k->ws[a];
                    }
                }
            }
            if (out->gap < out->tol_abs && !grew) {
                out->converged = 1;
                it++;
                break;
            }
        }
    }
    if (cmp && !out->converged && rc == REG_OK) {   /* max_iter: w back */
        for (int a = 0; a < ns; a++)
            w[k->S[a]] = k->ws[a];
        apply(g, axpy, w, Hw);
    }
    out->n_iter = it;
    k->upd = upd;
    k->checks = checks;
    if (k == &own)
        cd_work_free(&own);
    return rc;
}

int reg_enet_cd(const struct reg_gram *g, double alpha, double r,
                double *w, double *Hw, double tol, int max_iter,
                struct reg_cd_out *out)
{
    return enet_cd(g, alpha, r, w, Hw, tol, max_iter, out, 0.0, NULL);
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
    return reg_enet_path_ls(g, alphas, m, r, tol, max_iter, coefs, n_iter,
                            gaps, converged, NULL, tick, ud);
}

int reg_enet_path_ls(const struct reg_gram *g, const double *alphas, int m,
                     double r, double tol, int max_iter, double *coefs,
                     double *n_iter, double *gaps, int *converged, double *ls,
                     reg_tick_fn tick, void *ud)
{
    int p = g->p, rc = REG_OK;
    double *w = calloc((size_t)(p > 0 ? p : 1), sizeof *w);
    double *Hw = calloc((size_t)(p > 0 ? p : 1), sizeof *Hw);
    struct cd_work k;

    if (converged)
        *converged = 1;
    if (!w || !Hw || cd_work_init(&k, g) != REG_OK) {
        free(w);
        free(Hw);
        return REG_ENOMEM;
    }
    for (int i = 0; i < m && rc == REG_OK; i++) {
        struct reg_cd_out out = { 0 };

        if (r > 0 && alphas[i] > 0) {       /* warm start from the last */
            rc = enet_cd(g, alphas[i], r, w, Hw, tol, max_iter, &out,
                         i > 0 ? alphas[i - 1] : alphas[i],
                         g->no_screen ? NULL : &k);
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
        if (ls)                             /* from the H w at hand */
            ls[i] = reg_ls_loss(g, w, Hw);
        if (converged && !out.converged)
            *converged = 0;
        if (tick && tick(ud, (double)(i + 1) / (double)m))
            rc = REG_CANCEL;
    }
    cd_work_free(&k);
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
