/* SPDX-License-Identifier: MIT */
/* The landscape column kernel, compiled once per instruction set: each
 * loss_kern_*.c sets LV_BYTES and LK_NAME and includes this file. */
#include "loss_net.h"
#include "loss_vec.h"

/*
 * For one column of the landscape (the first parameter fixed) and every
 * row i, sums over the samples n, in order:
 *   ℓ(z), and with hess  ℓ''·g1² + ℓ'·s11,  ℓ''·g1·g2 + ℓ'·s12,  ℓ''·g2²
 * where z = α_i·zu_n + zb_n and the g, s are the derivatives of z (see
 * struct lk_column).  Rows go LV_W at a time; the sums stay per row, so
 * every width adds the same numbers in the same order.
 *
 * Reusing exp: the rows are evenly spaced, so from row 8b to row 8b + m
 * z grows by m·dz with dz = Δα·zu.  Hence e^-z = e^-z(8b) · e^-m·dz: one
 * exp per block of eight rows (LK_BLOCK) and a table of eight per sample,
 * the rest are products (within 3 ulp of exp itself).  e^-|z| is the
 * product on the side of z's sign; the other side may overflow, unused.
 * The block is eight rows whatever LV_W is, so every width gives the
 * same bits.
 *
 * Reusing log: CE needs Σ log1p(e) = log ∏ (1 + e).  For e >= 2^-10 the
 * factors u = 1 + e are multiplied per row and logged once at the end
 * (or every 512 samples, before the product could overflow); each
 * rounding costs at most 1.2e-16 against a term of at least 9.7e-4.  For
 * e < 2^-10 the series e − e²/2 + e³/3 − e⁴/4 + e⁵/5 is exact to the last
 * bit and is summed.  Per sample and row that leaves one division (σ).
 */

/* Returns 1 / v lane by lane. */
LV_INLINE lv_d lk_recip(lv_d v)
{
    return lv_splat(1.0) / v;
}

/* Fills up[b] = e^-z and dn[b] = e^z at the first row of each block of
 * rows (z = a8[b]·zu + zb), and rho[m] = e^-m·dz, rhoi[m] = e^m·dz. */
LV_INLINE void lk_bases(const double *a8, int nblk, lv_d zu, lv_d zb,
                        double dz, double *up, double *dn, double *rho,
                        double *rhoi)
{
    for (int b = 0; b < nblk; b += LV_W) {
        lv_d z = lv_load(a8 + b) * zu + zb;
        lv_d t = nc_vx_exp(-lv_abs(z), NULL), ti = lk_recip(t);
        lv_i pos = z >= lv_splat(0.0);

        lv_store(up + b, lv_select(pos, t, ti));
        lv_store(dn + b, lv_select(pos, ti, t));
    }
    for (int m = 0; m < LK_BLOCK; m += LV_W) {
        lv_d mv = lv_load((const double[]){ 0, 1, 2, 3, 4, 5, 6, 7 } + m);
        lv_d t = nc_vx_exp(-(mv * lv_splat(dz)), NULL);

        lv_store(rho + m, t);
        lv_store(rhoi + m, lk_recip(t));
    }
}

/* Runs the kernel for a loss (ce) and Hessian choice known at compile
 * time, so each combination gets its own tight loop.  Samples go in
 * chunks of LK_CHUNK: the chunk's exps come first (lk_bases), then each
 * vector of rows runs through the whole chunk with its sums held in
 * registers, so they are loaded and stored once per chunk, not once per
 * sample.  Each row still adds its terms in sample order. */
LV_INLINE void lk_body(const struct lk_column *restrict k, const int ce,
                       const int hess)
{
    const lv_d one = lv_splat(1.0), two = lv_splat(2.0);
    const lv_d zero = lv_splat(0.0);
    double *restrict L = k->acc[0], *restrict A = k->acc[1];
    double *restrict B = k->acc[2], *restrict C = k->acc[3];
    double *restrict P = k->acc[4];
    const double *restrict alpha = k->alpha;
    int nblk = k->nvp / LK_BLOCK;
    double a8[LK_MAXROWS / LK_BLOCK + 8];
    double up[LK_CHUNK][LK_MAXROWS / LK_BLOCK + 8];
    double dn[LK_CHUNK][LK_MAXROWS / LK_BLOCK + 8];
    double rho[LK_CHUNK][LK_BLOCK], rhoi[LK_CHUNK][LK_BLOCK];
    lv_d vy[LK_CHUNK], vym[LK_CHUNK], vzu[LK_CHUNK], vzb[LK_CHUNK];
    lv_d vgp[LK_CHUNK], vgq[LK_CHUNK], vgr[LK_CHUNK], vss[LK_CHUNK];
    lv_d vst[LK_CHUNK];

    for (int b = 0; b < nblk + 8; b++)  /* first row of each block */
        a8[b] = alpha[(b < nblk ? b : nblk - 1) * LK_BLOCK];
    for (int i = 0; i < k->nvp; i++) {
        L[i] = A[i] = B[i] = C[i] = 0;
        P[i] = 1;
    }
    for (int n0 = 0; n0 < k->n; n0 += LK_CHUNK) {
        int cn = k->n - n0 < LK_CHUNK ? k->n - n0 : LK_CHUNK;

        for (int q = 0; q < cn; q++) {  /* per sample, once per chunk */
            int n = n0 + q;

            vy[q] = lv_splat(k->y[n]);
            vym[q] = lv_splat(1.0 - k->y[n]);
            vzu[q] = lv_splat(k->zu[n]);
            vzb[q] = lv_splat(k->zb[n]);
            if (hess) {
                vgp[q] = lv_splat(k->gp[n]);
                vgq[q] = lv_splat(k->gq[n]);
                vgr[q] = lv_splat(k->gr[n]);
                vss[q] = lv_splat(k->ss[n]);
                vst[q] = lv_splat(k->st[n]);
            }
            lk_bases(a8, nblk, vzu[q], vzb[q], k->dalpha * k->zu[n], up[q],
                     dn[q], rho[q], rhoi[q]);
        }
        for (int i = 0; i < k->nvp; i += LV_W) {
            int b = i / LK_BLOCK, m = i % LK_BLOCK;
            lv_d al = lv_load(alpha + i);
            lv_d sl = lv_load(L + i), sa = lv_load(A + i);
            lv_d sb = lv_load(B + i), sc2 = lv_load(C + i);
            lv_d sp = lv_load(P + i);

            for (int q = 0; q < cn; q++) {
                int n = n0 + q;
                const lv_d y = vy[q], ym = vym[q];
                lv_d z = al * vzu[q] + vzb[q];
                lv_i pos = z >= zero;
                lv_d e = lv_select(pos, lv_bcast(up[q][b])
                                        * lv_load(rho[q] + m),
                                   lv_bcast(dn[q][b]) * lv_load(rhoi[q] + m));
                lv_d u = one + e, r = one / u, er = e * r;  /* e^-|z| */
                lv_d s = lv_select(pos, r, er);         /* σ(z) */
                lv_d sc = lv_select(pos, er, r);        /* 1 − σ(z), exact */
                lv_d d = ym * s - y * sc;               /* σ(z) − y */
                lv_d l, l1 = zero, l2 = zero;

                if (ce) {           /* softplus(z) − y z, log1p(e) aside */
                    lv_i small = e < lv_splat(0x1p-10);
                    lv_d ser = e * (one - e * (lv_splat(0.5) - e * (lv_splat(
                        1.0 / 3) - e * (lv_splat(0.25) - e * lv_splat(0.2)))));

                    l = (ym * lv_select(pos, z, zero)
                         + y * lv_select(pos, zero, -z))
                        + lv_select(small, ser, zero);
                    sp = sp * lv_select(small, one, u);
                    l1 = d;
                    l2 = er * r;                        /* σ(1 − σ) */
                } else {                                /* (σ(z) − y)² */
                    l = d * d;
                    if (hess) {
                        lv_d s1 = er * r, t = (one - e) * r;
                        l1 = two * d * s1;
                        l2 = two * s1 * s1 + l1 * lv_select(pos, -t, t);
                    }
                }
                sl = sl + l;
                if (hess) {
                    const lv_d gr = vgr[q];
                    lv_d g1 = al * vgp[q] + vgq[q];

                    sa = sa + (l2 * g1 * g1 + l1 * (al * vss[q]));
                    sb = sb + (l2 * g1 * gr + l1 * vst[q]);
                    sc2 = sc2 + l2 * gr * gr;
                }
                if (ce && (n % 512 == 511 || n == k->n - 1)) {
                    sl = sl + lv_log_ge1(sp);           /* log ∏ u */
                    sp = one;
                }
            }
            lv_store(L + i, sl);
            lv_store(P + i, sp);
            if (hess) {
                lv_store(A + i, sa);
                lv_store(B + i, sb);
                lv_store(C + i, sc2);
            }
        }
    }
}

/* Fills k->acc for one landscape column (see struct lk_column). */
void LK_NAME(const struct lk_column *k)
{
    if (k->loss == LN_CE) {
        if (k->hess)
            lk_body(k, 1, 1);
        else
            lk_body(k, 1, 0);
    } else {
        if (k->hess)
            lk_body(k, 0, 1);
        else
            lk_body(k, 0, 0);
    }
}
