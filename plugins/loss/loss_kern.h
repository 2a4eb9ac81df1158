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
 * Reusing exp: the rows are evenly spaced, so from row 16b to row 16b +
 * m z grows by m·dz with dz = Δα·zu.  Hence e^-z = e^-z(16b) · e^-m·dz:
 * one exp per block of sixteen rows (LK_BLOCK) and a table of sixteen per
 * sample, the rest are products.  The table's e^-m·dz are exps for m < 8
 * and (e^-4dz)²·e^-(m-8)dz above, so a product is within 6 ulp of exp
 * itself.  e^-|z| is the product on the side of z's sign; the other side
 * may overflow, unused.  The block is sixteen rows whatever LV_W is, so
 * every width gives the same bits.
 *
 * Reusing log: CE needs Σ log1p(e) = log ∏ (1 + e).  For e >= 2^-10 the
 * factors u = 1 + e are multiplied per row and logged once at the end
 * (or every 512 samples, before the product could overflow); each
 * rounding costs at most 1.2e-16 against a term of at least 9.7e-4.  For
 * e < 2^-10 the series e − e²/2 + e³/3 − e⁴/4 + e⁵/5 (within 3 ulp of
 * log1p(e); lk_fast evaluates it in Estrin's order, two short chains
 * rather than one long one) is summed.  Per sample and row that leaves
 * one division (σ), and none for CE without the Hessian on the fast path
 * (which with the Hessian takes the same sums in terms of σ: lk_fast).
 */

/* Returns 1 / v lane by lane. */
LV_INLINE lv_d lk_recip(lv_d v)
{
    return lv_splat(1.0) / v;
}

/* Fills rho[m] = e^-m·dz for m < LK_BLOCK (16): exps for m < 8, then
 * rho[8 + m] = (rho[4]·rho[4])·rho[m]. */
LV_INLINE void lk_table(double dz, double *rho)
{
    static const double mv[8] = { 0, 1, 2, 3, 4, 5, 6, 7 };
    double r8;

    for (int m = 0; m < 8; m += LV_W)
        lv_store(rho + m, nc_vx_exp(-(lv_load(mv + m) * lv_splat(dz)), NULL));
    r8 = rho[4] * rho[4];
    for (int m = 0; m < 8; m += LV_W)
        lv_store(rho + 8 + m, lv_splat(r8) * lv_load(rho + m));
}

/* Fills up[b] = e^-z and dn[b] = e^z at the first row of each block of
 * rows (z = a8[b]·zu + zb), and rho[m] = e^-m·dz (lk_table), rhoi[m] =
 * 1 / rho[m]. */
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
    lk_table(dz, rho);
    for (int m = 0; m < LK_BLOCK; m += LV_W)
        lv_store(rhoi + m, lk_recip(lv_load(rho + m)));
}

/* Vectors in a block of rows. */
#define LK_NV (LK_BLOCK / LV_W)

/* lk_bits[h][m]: all ones when row m of a block has bit h set. */
static const int64_t lk_bits[4][LK_BLOCK] = {
    { 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1, 0, -1 },
    { 0, 0, -1, -1, 0, 0, -1, -1, 0, 0, -1, -1, 0, 0, -1, -1 },
    { 0, 0, 0, 0, -1, -1, -1, -1, 0, 0, 0, 0, -1, -1, -1, -1 },
    { 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1 },
};

/* Returns LV_W masks loaded from p. */
LV_INLINE lv_i lv_load_i(const int64_t *p)
{
    lv_i v;

    memcpy(&v, p, sizeof v);
    return v;
}

/* Blocks of rows per exp of their own on the fast path (lk_bases_fast). */
#define LK_ANCHOR 16

/* Returns the block that lk_bases_fast computes with an exp of its own
 * at or before block b: every step-th from phase (< step), and block 0
 * for the blocks before phase; every block when step is 1. */
LV_INLINE int lk_anchor(int b, int phase, int step)
{
    if (step == 1)
        return b;
    return b < phase ? 0 : b - (b - phase) % step;
}

/* Returns the product of f[h] over the bits h of lanes' indices in a
 * block, lowest bit first, for the LV_W lanes from index m0 (mask
 * lk_bits): 1 for index 0, f[0]·f[1] for 3, ((f[0]·f[1])·f[2])·f[3] for
 * 15.  A factor 1 for a clear bit is exact, so index m has the bits of
 * that product at any width. */
LV_INLINE lv_d lk_powers(const lv_d *f, int nbits, int m0)
{
    lv_d r = lv_select(lv_load_i(lk_bits[0] + m0), f[0], lv_splat(1.0));

    for (int h = 1; h < nbits; h++)
        r = r * lv_select(lv_load_i(lk_bits[h] + m0), f[h], lv_splat(1.0));
    return r;
}

/* Stores at t[j] + q, for 0 < j < LK_ANCHOR, the product of f1, f2, f4,
 * f8 over the bits of j, lowest first (lk_powers's order). */
LV_INLINE void lk_jtable(lv_d f1, lv_d f2, lv_d f4, lv_d f8,
                         double (*t)[LK_CHUNK + LV_W], int q)
{
    const lv_d f[4] = { f1, f2, f4, f8 };

#pragma GCC unroll 16
    for (int j = 1; j < LK_ANCHOR; j++) {
        lv_d r = lv_splat(1.0);         /* times 1 is exact */

#pragma GCC unroll 4
        for (int h = 0; h < 4; h++)
            if (j >> h & 1)
                r = r * f[h];
        lv_store(t[j] + q, r);
    }
}

/* Fills rho[m] for m < LK_BLOCK with lk_powers of sample q's factors
 * pw[0..2] (f, f², f⁴) at m, times pw[3][q] (f⁸) for m >= 8. */
LV_INLINE void lk_rho(double (*pw)[LK_CHUNK + LV_W], int q, double *rho)
{
    lv_d f[3];

    for (int h = 0; h < 3; h++)
        f[h] = lv_bcast(pw[h][q]);
#pragma GCC unroll 8
    for (int v = 0; v < LK_NV / 2; v++) {
        lv_d r = lk_powers(f, 3, v * LV_W);

        lv_store(rho + v * LV_W, r);
        lv_store(rho + 8 + v * LV_W, r * lv_bcast(pw[3][q]));
    }
}

/* One sample of a chunk on lk_fast's path: rho[m] = e^-m·dz and rhoi[m]
 * = e^m·dz for the rows of a block, the label y, 1 − y, zu, zb and
 * the Hessian's weights w; one record, so the hot loop reaches all of
 * them from one pointer.  Padded to a multiple of 64 bytes. */
struct lk_samp {
    double rho[LK_BLOCK], rhoi[LK_BLOCK];
    double y, ym, zu, zb, w[5], pad[7];
};

/* Fills ub[b][q] = e^-z at the first row of each block b (z = a8[b]·zu
 * + zb) and sm[q].rho[m] = e^-m·dz (dz = dalpha·zu) for m < LK_BLOCK, for
 * the cn samples of a chunk, with few exps:
 *   - per sample, LV_W samples at a time (samples past cn read the
 *     chunk's first ones; unused): p1 = e^-dz, p8 = e^-8dz, and when
 *     step > 1 j4 = e^-64dz, all exps; p2 = p1², p4 = p2², j1 = p8² =
 *     e^-16dz, j2 = j1², j8 = j4²;
 *   - rho[m] = lk_powers of (p1, p2, p4, p8) at m, made as rho[m] for
 *     m < 8 and rho[m]·p8 above;
 *   - block b is an exp of its own when lk_anchor(b) is b, else
 *     ub[a]·J[b − a] with a its anchor and J[j] the product of (j1, j2,
 *     j4, j8) over the bits of j, lowest first (e^-16j·dz).
 * A product stays within about 27 ulp of the exp it replaces (6e-15);
 * when step is LK_ANCHOR every factor is at least e^-700 (the caller
 * checks 240·dz < 700), so none underflows while e^-z is finite.  Every
 * width does the same operations per sample.
 * With db (CE without the Hessian) also db[b][q] = e^z at each block's
 * first row and sm[q].rhoi[m] = e^m·dz, made the same way from the
 * reciprocals 1 / p1, 1 / p8, 1 / j4 and 1 / ub[a] (a division each) and
 * their squares: a few divisions per sample instead of one per entry. */
LV_INLINE void lk_bases_fast(const double *a8, int nblk, int phase,
                             int step, const double *zu, const double *zb,
                             int cn, double dalpha,
                             double (*ub)[LK_CHUNK + 2],
                             double (*db)[LK_CHUNK + 2], struct lk_samp *sm)
{
    double tu[LK_CHUNK + LV_W], tb[LK_CHUNK + LV_W];
    double pw[4][LK_CHUNK + LV_W], jw[LK_ANCHOR][LK_CHUNK + LV_W];
    double pwi[4][LK_CHUNK + LV_W], jwi[LK_ANCHOR][LK_CHUNK + LV_W];

    for (int q = 0; q < LK_CHUNK + LV_W; q++) {
        tu[q] = zu[q < cn ? q : 0];
        tb[q] = zb[q < cn ? q : 0];
    }
    for (int q = 0; q < cn; q += LV_W) {
        lv_d dz = lv_splat(dalpha) * lv_load(tu + q);
        lv_d p1 = nc_vx_exp(-dz, NULL);
        lv_d p8 = nc_vx_exp(-(lv_splat(8.0) * dz), NULL), p2 = p1 * p1;

        lv_store(pw[0] + q, p1);
        lv_store(pw[1] + q, p2);
        lv_store(pw[2] + q, p2 * p2);
        lv_store(pw[3] + q, p8);
        if (db) {
            lv_d i1 = lk_recip(p1), i2 = i1 * i1, i8 = lk_recip(p8);

            lv_store(pwi[0] + q, i1);
            lv_store(pwi[1] + q, i2);
            lv_store(pwi[2] + q, i2 * i2);
            lv_store(pwi[3] + q, i8);
        }
        if (step > 1) {         /* jw[j] = e^-16j·dz, as lk_powers */
            lv_d j1 = p8 * p8, j2 = j1 * j1;
            lv_d j4 = nc_vx_exp(-(lv_splat(64.0) * dz), NULL), j8 = j4 * j4;

            lk_jtable(j1, j2, j4, j8, jw, q);
            if (db) {           /* jwi[j] = e^16j·dz */
                lv_d k1 = lv_load(pwi[3] + q), k4 = lk_recip(j4);

                k1 = k1 * k1;
                lk_jtable(k1, k1 * k1, k4, k4 * k4, jwi, q);
            }
        }
    }
    for (int q = 0; q < cn; q++) {
        lk_rho(pw, q, sm[q].rho);
        if (db)
            lk_rho(pwi, q, sm[q].rhoi);
    }
    for (int b = 0; b < nblk; b++) {
        int a = lk_anchor(b, phase, step);

        for (int q = 0; q < cn; q += LV_W) {
            if (a == b) {
                lv_d z = lv_splat(a8[b]) * lv_load(tu + q)
                         + lv_load(tb + q);
                lv_d e = nc_vx_exp(-z, NULL);

                lv_store(ub[b] + q, e);
                if (db)
                    lv_store(db[b] + q, lk_recip(e));
            } else {
                lv_store(ub[b] + q,
                         lv_load(ub[a] + q) * lv_load(jw[b - a] + q));
                if (db)
                    lv_store(db[b] + q,
                             lv_load(db[a] + q) * lv_load(jwi[b - a] + q));
            }
        }
    }
}

/* How the Hessian's terms are summed (see lk_fast's comment). */
enum { LK_GENERAL, LK_NET, LK_LOGISTIC };

/* A chunk of samples on lk_fast's path, as lk_rows reads it: the
 * column's rows and sums (struct lk_column's acc), e^-z and e^z at each
 * block's first row per sample (db for CE without hess only), the
 * samples' records, and whether CE's running products are logged after
 * this chunk. */
struct lk_chunk {
    const double *alpha;
    double *const *acc;
    const double (*ub)[LK_CHUNK + 2], (*db)[LK_CHUNK + 2];
    const struct lk_samp *sm;
    int nvp, cn, logs;
};

/* Sets *E, *r, *d for sample q of a chunk and the LV_W rows of vector v
 * of a block (bu, bd its first row's e^-z, e^z): E = e^-z (e^-|z| for CE
 * without hess); with hess r = σ = 1 / (1 + E), and for MSE with any y
 * d = σ − y = (1 − y − y·E)·r. */
LV_INLINE void lk_stage(const double *bu, const double *bd,
                        const struct lk_samp *sm, int q, int v, const int ce,
                        const int hess, const int cls, lv_d *E, lv_d *r,
                        lv_d *d)
{
    const lv_d one = lv_splat(1.0);

    *E = lv_bcast(bu[q]) * lv_load(sm[q].rho + v * LV_W);
    if (ce && !hess)
        *E = lv_min(*E, lv_bcast(bd[q]) * lv_load(sm[q].rhoi + v * LV_W));
    *r = *d = one;
    if (hess)
        *r = one / (one + *E);
    if (!ce && hess && cls == LK_YANY)
        *d = (lv_bcast(sm[q].ym) - lv_bcast(sm[q].y) * *E) * *r;
}

/* Adds a chunk's terms to every row's sums (see lk_fast), for a loss
 * (ce), Hessian, form and class of labels (cls) known at compile time.
 * Each block of LK_BLOCK rows goes through the samples as LK_NV vectors
 * side by side, each with its own sums, so their latencies overlap.  For
 * class LK_Y1 the records carry −zu, −zb (so z is −z) and −w[1], −w[3]
 * (so σ − y = −(1 − σ) is summed as 1 − σ): exact sign changes. */
LV_INLINE void lk_rows(const struct lk_chunk *restrict c, const int ce,
                       const int hess, const int form, const int cls)
{
    const lv_d one = lv_splat(1.0), zero = lv_splat(0.0);
    const lv_d small = lv_splat(0x1p-10);
    double *restrict L = c->acc[0];
    double *restrict S0 = c->acc[1], *restrict S2 = c->acc[2];
    double *restrict S4 = c->acc[3], *restrict P = c->acc[4];
    double *restrict S1 = c->acc[5], *restrict S3 = c->acc[6];
    const struct lk_samp *restrict sm = c->sm;
    const int cn = c->cn;

    for (int i0 = 0; i0 < c->nvp; i0 += LK_BLOCK) {    /* a block of rows */
        const double *bu = c->ub[i0 / LK_BLOCK], *bd = c->db[i0 / LK_BLOCK];
        lv_d sl[LK_NV], s0[LK_NV], s1[LK_NV], s2[LK_NV], s3[LK_NV];
        lv_d s4[LK_NV], sp[LK_NV], al[LK_NV];
        /* samples q + 1 and q + 2 (with hess, whose divisions take
         * longest) ahead of q: E, σ and (MSE, any y) σ − y */
        lv_d nE[2][LK_NV], nr[2][LK_NV], nd[2][LK_NV];

#pragma GCC unroll 8
        for (int v = 0; v < LK_NV; v++) {
            const int i = i0 + v * LV_W;

            sl[v] = lv_load(L + i);
            al[v] = lv_load(c->alpha + i);
            s0[v] = s1[v] = s2[v] = s3[v] = s4[v] = sp[v] = one;
            if (ce)
                sp[v] = lv_load(P + i);
            if (hess) {
                s0[v] = lv_load(S0 + i);
                s2[v] = lv_load(S2 + i);
                s4[v] = lv_load(S4 + i);
            }
            if (hess && form == LK_NET) {
                s1[v] = lv_load(S1 + i);
                s3[v] = lv_load(S3 + i);
            }
            /* the first samples' stages, as the loop below makes them
             * (one sample ahead without hess, two with it) */
            for (int h = 0; h < (hess ? 2 : 1); h++)
                lk_stage(bu, bd, sm, h, v, ce, hess, cls, &nE[h][v],
                         &nr[h][v], &nd[h][v]);
        }
        for (int q = 0; q < cn; q++) {
            const struct lk_samp *s = sm + q;
            const int ahead = hess ? 2 : 1;
            lv_d E[LK_NV], r[LK_NV], d[LK_NV];

            /* a later sample's products and division go first, so the
             * divider and the multipliers work side by side */
#pragma GCC unroll 8
            for (int v = 0; v < LK_NV; v++) {
                E[v] = nE[0][v], r[v] = nr[0][v], d[v] = nd[0][v];
                if (hess) {
                    nE[0][v] = nE[1][v], nr[0][v] = nr[1][v];
                    nd[0][v] = nd[1][v];
                }
                lk_stage(bu, bd, sm, q + ahead, v, ce, hess, cls,
                         &nE[ahead - 1][v], &nr[ahead - 1][v],
                         &nd[ahead - 1][v]);
            }
#pragma GCC unroll 8
            for (int v = 0; v < LK_NV; v++) {
                if (ce) {
                    /* t: e^-|z| without hess; 1 − σ(|z|) = min(σ, 1 − σ)
                     * with it, and log1p(e^-|z|) = −log(1 − t) */
                    const lv_d er = hess ? E[v] * r[v] : zero;
                    const lv_d t = hess ? lv_min(r[v], er) : E[v];
                    const lv_d t2 = t * t;
                    const lv_d a = hess ? lv_splat(0.5) : lv_splat(-0.5);
                    const lv_d b = hess ? lv_splat(0.25) : lv_splat(-0.25);
                    const lv_d ser = t * ((one + t * a)
                                          + t2 * ((lv_splat(1.0 / 3) + t * b)
                                                  + t2 * lv_splat(0.2)));
                    const lv_m big = lv_ge(t, small);
                    const lv_d z = al[v] * lv_bcast(s->zu) + lv_bcast(s->zb);
                    lv_d lin = lv_max(z, zero);

                    /* softplus(z) − y·z = max(z, 0) − y·z + log1p(e^-|z|);
                     * for y = 0 or 1 (z negated) max(z, 0) alone */
                    if (cls == LK_YANY)
                        lin = lin - lv_bcast(s->y) * z;
                    sl[v] = sl[v] + (lin + lv_pick(big, zero, ser));
                    /* log1p by the product: of 1 + e, or with hess of
                     * σ(|z|) = 1 / (1 + e) */
                    sp[v] = lv_mul_if(big, sp[v],
                                      hess ? lv_max(r[v], er) : one + E[v]);
                    if (hess) {
                        const lv_d l2 = er * r[v];      /* σ(1 − σ) */

                        s0[v] = s0[v] + l2 * lv_bcast(s->w[0]);
                        s2[v] = s2[v] + l2 * lv_bcast(s->w[2]);
                        s4[v] = s4[v] + l2 * lv_bcast(s->w[4]);
                    }
                    if (hess && form == LK_NET) {       /* σ − y */
                        const lv_d dy = cls == LK_Y0 ? r[v]
                                        : cls == LK_Y1 ? er
                                        : lv_bcast(s->ym) * r[v]
                                          - lv_bcast(s->y) * er;

                        s1[v] = s1[v] + dy * lv_bcast(s->w[1]);
                        s3[v] = s3[v] + dy * lv_bcast(s->w[3]);
                    }
                } else if (!hess) {
                    /* σ − y = (1 − y − y·E) / (1 + E) */
                    const lv_d nu = cls == LK_Y0 ? one
                                    : cls == LK_Y1 ? E[v]
                                    : lv_bcast(s->ym) - lv_bcast(s->y) * E[v];
                    const lv_d dy = nu / (one + E[v]);

                    sl[v] = sl[v] + dy * dy;
                } else {
                    /* a = ±(σ − y), b = the other of σ and 1 − σ */
                    const lv_d er = E[v] * r[v];        /* 1 − σ */
                    const lv_d g = r[v] * er;           /* σ(1 − σ) */
                    const lv_d a = cls == LK_Y0 ? r[v]
                                   : cls == LK_Y1 ? er : d[v];
                    const lv_d l1 = a * g;              /* ℓ' / 2 */
                    /* ℓ'' / 2 = g² + ℓ'/2·(1 − 2σ) */
                    const lv_d l2 = g * g + l1 * (cls == LK_Y0 ? er - r[v]
                                                  : cls == LK_Y1 ? r[v] - er
                                                  : er - r[v]);

                    sl[v] = sl[v] + a * a;
                    s0[v] = s0[v] + l2 * lv_bcast(s->w[0]);
                    s2[v] = s2[v] + l2 * lv_bcast(s->w[2]);
                    s4[v] = s4[v] + l2 * lv_bcast(s->w[4]);
                    if (form == LK_NET) {
                        s1[v] = s1[v] + l1 * lv_bcast(s->w[1]);
                        s3[v] = s3[v] + l1 * lv_bcast(s->w[3]);
                    }
                }
            }
        }
#pragma GCC unroll 8
        for (int v = 0; v < LK_NV; v++) {
            const int i = i0 + v * LV_W;

            if (ce && c->logs) {        /* the products' logs */
                sl[v] = sl[v] + lv_log_ge1(hess ? one / sp[v] : sp[v]);
                sp[v] = one;
            }
            lv_store(L + i, sl[v]);
            if (ce)
                lv_store(P + i, sp[v]);
            if (hess) {
                lv_store(S0 + i, s0[v]);
                lv_store(S2 + i, s2[v]);
                lv_store(S4 + i, s4[v]);
            }
            if (hess && form == LK_NET) {
                lv_store(S1 + i, s1[v]);
                lv_store(S3 + i, s3[v]);
            }
        }
    }
}

/* The kernel when e^-z cannot overflow on the column (z >= -700 on every
 * row for every sample), for MSE (ce 0) and CE: E = e^-z is a product
 * per row (lk_bases_fast).  Samples go in chunks of one class of label
 * (lk_class: runs of y = 0, of y = 1, of any other y; the landscape
 * sorts its samples so, ln_landscape), each class its own loop, so for
 * y = 0 or 1 σ − y is σ or −(1 − σ), no products.
 *   MSE: σ = r = 1 / (1 + E) and 1 − σ = E·r are both accurate without
 *   choosing a side, so a row costs one product for E, one division
 *   (σ − y = (1 − y − y·E) / (1 + E)) and a few products.  With hess r
 *   is the division and σ − y = (1 − y − y·E)·r, and ℓ', ℓ'' are kept
 *   halved with the weights doubled (exact).
 *   CE without hess: e^-|z| is the smaller of E and e^z, a product of
 *   the block's e^z (1 / E at its first row) and e^m·dz (1 / e^-m·dz),
 *   either of which may be +inf only where it is the larger; no
 *   division.  CE with hess: σ = r and 1 − σ = E·r as MSE, and t = 1 −
 *   σ(|z|) is the smaller of the two.  The loss is max(z, 0) − y·z plus
 *   log1p(e^-|z|) = −log(1 − t) (t = e^-|z| without hess): below 2^-10 its
 *   5-term series, in Estrin's order (within 3 ulp), else the log of a
 *   running product per row (of 1 + e, or of σ(|z|) = 1 − t), logged
 *   before 512 factors could overflow or underflow; each factor's
 *   rounding costs at most 2.3e-16 against a term of at least 9.7e-4.
 * With hess the second-derivative terms are summed apart, weighted per
 * sample, and combined per row at the end (form LK_NET: gq = 0;
 * LK_LOGISTIC: gp = ss = st = 0):
 *   H11 = α(α Σ l''gp² + Σ l'ss) + Σ l''gq²,  H12 = α Σ l''gp·gr
 *         + Σ l''gq·gr + Σ l'st,  H22 = Σ l''gr²
 * (only the sums the form needs).  Every row sums its samples in the same
 * order at every width. */
LV_INLINE void lk_fast(const struct lk_column *restrict k, const int ce,
                       const int hess, const int form)
{
    const lv_d one = lv_splat(1.0), zero = lv_splat(0.0);
    const double wk = ce ? 1 : 2;       /* MSE keeps ℓ', ℓ'' halved */
    int nblk = k->nvp / LK_BLOCK;
    double a8[LK_MAXROWS / LK_BLOCK];
    /* a chunk's samples, and copies of its last at [cn], [cn + 1] so
     * that the pipelined loops read samples q + 1, q + 2 without a test */
    double ub[LK_MAXROWS / LK_BLOCK][LK_CHUNK + 2];
    double db[LK_MAXROWS / LK_BLOCK][LK_CHUNK + 2];
    struct lk_samp sm[LK_CHUNK + 2];
    struct lk_chunk c = { .alpha = k->alpha, .acc = k->acc, .ub = ub,
                          .db = db, .sm = sm, .nvp = k->nvp };
    int phase = 0, step = LK_ANCHOR, nfac = 0;
    double zmax = 0;

    for (int b = nblk - 1; b >= 0; b--) {
        a8[b] = k->alpha[b * LK_BLOCK];
        if (a8[b] == 0)         /* the zero row is an exp of its own */
            phase = b % LK_ANCHOR;
    }
    for (int n = 0; n < k->n; n++)
        zmax = k->zu[n] > zmax ? k->zu[n] : zmax;
    if (!(240 * k->dalpha * zmax < 700))        /* a factor could underflow */
        step = 1;
    for (int i = 0; i < k->nvp; i += LV_W) {
        lv_store(k->acc[0] + i, zero);
        lv_store(k->acc[4] + i, one);
        for (int a = 1; hess && a < 7; a++)
            if (a != 4)
                lv_store(k->acc[a] + i, zero);
    }
    for (int n0 = 0; n0 < k->n; n0 += c.cn) {
        const int cls = lk_class(k->y[n0]);

        c.cn = 1;
        while (c.cn < LK_CHUNK && n0 + c.cn < k->n
               && lk_class(k->y[n0 + c.cn]) == cls)
            c.cn++;
        /* log the products before they could hold 512 factors */
        nfac += c.cn;
        c.logs = ce && (nfac > 512 - LK_CHUNK || n0 + c.cn == k->n);
        nfac = c.logs ? 0 : nfac;
        lk_bases_fast(a8, nblk, phase, step, k->zu + n0, k->zb + n0, c.cn,
                      k->dalpha, ub, ce && !hess ? db : NULL, sm);
        for (int q = 0; q < c.cn; q++) {
            const int n = n0 + q;
            const double sg = cls == LK_Y1 ? -1 : 1;    /* see lk_rows */
            struct lk_samp *s = sm + q;

            s->y = k->y[n];
            s->ym = 1.0 - k->y[n];
            s->zu = sg * k->zu[n];
            s->zb = sg * k->zb[n];
            if (hess && form == LK_NET) {
                s->w[0] = wk * (k->gp[n] * k->gp[n]);
                s->w[1] = sg * (wk * k->ss[n]);
                s->w[2] = wk * (k->gp[n] * k->gr[n]);
                s->w[3] = sg * (wk * k->st[n]);
                s->w[4] = wk * (k->gr[n] * k->gr[n]);
            } else if (hess) {
                s->w[0] = wk * (k->gq[n] * k->gq[n]);
                s->w[2] = wk * (k->gq[n] * k->gr[n]);
                s->w[4] = wk * (k->gr[n] * k->gr[n]);
            }
        }
        sm[c.cn] = sm[c.cn + 1] = sm[c.cn - 1];
        for (int b = 0; b < nblk; b++) {
            ub[b][c.cn] = ub[b][c.cn + 1] = ub[b][c.cn - 1];
            if (ce && !hess)
                db[b][c.cn] = db[b][c.cn + 1] = db[b][c.cn - 1];
        }
        if (cls == LK_Y0)
            lk_rows(&c, ce, hess, form, LK_Y0);
        else if (cls == LK_Y1)
            lk_rows(&c, ce, hess, form, LK_Y1);
        else
            lk_rows(&c, ce, hess, form, LK_YANY);
    }
    if (hess && form == LK_NET)                 /* H11 and H12 per row */
        for (int i = 0; i < k->nvp; i += LV_W) {
            double *S0 = k->acc[1], *S2 = k->acc[2];
            double *S1 = k->acc[5], *S3 = k->acc[6];
            lv_d al = lv_load(k->alpha + i);

            lv_store(S0 + i, al * (al * lv_load(S0 + i) + lv_load(S1 + i)));
            lv_store(S2 + i, al * lv_load(S2 + i) + lv_load(S3 + i));
        }
}

/* Runs the kernel for a loss (ce) and Hessian choice known at compile
 * time, so each combination gets its own tight loop.  Samples go in
 * chunks of LK_CHUNK: the chunk's exps come first (lk_bases), then each
 * vector of rows runs through the whole chunk with its sums held in
 * registers, so they are loaded and stored once per chunk, not once per
 * sample.  Each row still adds its terms in sample order.  The Hessian's
 * terms are summed by form as in lk_fast (LK_GENERAL: per sample,
 * whole). */
LV_INLINE void lk_body(const struct lk_column *restrict k, const int ce,
                       const int hess, const int form)
{
    const lv_d one = lv_splat(1.0), two = lv_splat(2.0);
    const lv_d zero = lv_splat(0.0);
    double *restrict L = k->acc[0], *restrict A = k->acc[1];
    double *restrict B = k->acc[2], *restrict C = k->acc[3];
    double *restrict P = k->acc[4], *restrict S1 = k->acc[5];
    double *restrict S3 = k->acc[6];
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
        S1[i] = S3[i] = 0;
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
            if (hess && form == LK_GENERAL) {
                vgp[q] = lv_splat(k->gp[n]);
                vgq[q] = lv_splat(k->gq[n]);
                vgr[q] = lv_splat(k->gr[n]);
                vss[q] = lv_splat(k->ss[n]);
                vst[q] = lv_splat(k->st[n]);
            } else if (hess && form == LK_NET) {
                vgp[q] = lv_splat(k->gp[n] * k->gp[n]);
                vss[q] = lv_splat(k->ss[n]);
                vgq[q] = lv_splat(k->gp[n] * k->gr[n]);
                vst[q] = lv_splat(k->st[n]);
                vgr[q] = lv_splat(k->gr[n] * k->gr[n]);
            } else if (hess) {
                vgp[q] = lv_splat(k->gq[n] * k->gq[n]);
                vgq[q] = lv_splat(k->gq[n] * k->gr[n]);
                vgr[q] = lv_splat(k->gr[n] * k->gr[n]);
            }
            lk_bases(a8, nblk, vzu[q], vzb[q], k->dalpha * k->zu[n], up[q],
                     dn[q], rho[q], rhoi[q]);
        }
        for (int i = 0; i < k->nvp; i += LV_W) {
            int b = i / LK_BLOCK, m = i % LK_BLOCK;
            lv_d al = lv_load(alpha + i);
            lv_d sl = lv_load(L + i), sa = lv_load(A + i);
            lv_d sb = lv_load(B + i), sc2 = lv_load(C + i);
            lv_d sp = lv_load(P + i), s1 = lv_load(S1 + i);
            lv_d s3 = lv_load(S3 + i);

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
                        lv_d g = er * r, t = (one - e) * r;
                        l1 = two * d * g;
                        l2 = two * g * g + l1 * lv_select(pos, -t, t);
                    }
                }
                sl = sl + l;
                if (hess && form == LK_GENERAL) {
                    const lv_d gr = vgr[q];
                    lv_d g1 = al * vgp[q] + vgq[q];

                    sa = sa + (l2 * g1 * g1 + l1 * (al * vss[q]));
                    sb = sb + (l2 * g1 * gr + l1 * vst[q]);
                    sc2 = sc2 + l2 * gr * gr;
                } else if (hess) {
                    sa = sa + l2 * vgp[q];
                    sb = sb + l2 * vgq[q];
                    sc2 = sc2 + l2 * vgr[q];
                    if (form == LK_NET) {
                        s1 = s1 + l1 * vss[q];
                        s3 = s3 + l1 * vst[q];
                    }
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
                lv_store(S1 + i, s1);
                lv_store(S3 + i, s3);
            }
        }
    }
    if (hess && form == LK_NET)                 /* H11 and H12 per row */
        for (int i = 0; i < k->nvp; i++) {
            double al = alpha[i];

            A[i] = al * (al * A[i] + S1[i]);
            B[i] = al * B[i] + S3[i];
        }
}

/* Returns the form of the column's Hessian terms: LK_NET when gq is 0
 * for every sample, LK_LOGISTIC when gp, ss and st are, else
 * LK_GENERAL. */
static int lk_form(const struct lk_column *k)
{
    int net = 1, logi = 1;

    for (int n = 0; n < k->n; n++) {
        net &= k->gq[n] == 0;
        logi &= k->gp[n] == 0 && k->ss[n] == 0 && k->st[n] == 0;
    }
    return net ? LK_NET : logi ? LK_LOGISTIC : LK_GENERAL;
}

/* Returns 1 when z >= -700 on every row for every sample (z is smallest
 * at the first row, as zu >= 0 and alpha ascends), so e^-z is finite. */
static int lk_no_overflow(const struct lk_column *k)
{
    for (int n = 0; n < k->n; n++)
        if (!(k->alpha[0] * k->zu[n] + k->zb[n] >= -700))
            return 0;
    return 1;
}

/* Divides the column's sums by n and, with hess, sets acc[1], acc[2] to
 * the eigenvalues of the mean Hessian: ln_eig2's formula a vector at a
 * time where no lane's entries need scaling (largest magnitude 0 or in
 * [2^-500, 2^500]), ln_eig2 itself for the lanes of any other vector, so
 * the bits are ln_eig2's. */
LV_INLINE void lk_finish(const struct lk_column *k)
{
    const lv_d vn = lv_splat((double)k->n), half = lv_splat(0.5);
    const lv_d zero = lv_splat(0.0);
    double *L = k->acc[0], *A = k->acc[1], *B = k->acc[2], *C = k->acc[3];

    for (int i = 0; i < k->nvp; i += LV_W) {
        lv_d a, b, c, top, m, h, r;

        lv_store(L + i, lv_load(L + i) / vn);
        if (!k->hess)
            continue;
        a = lv_load(A + i) / vn;
        b = lv_load(B + i) / vn;
        c = lv_load(C + i) / vn;
        top = lv_max(lv_max(lv_abs(a), lv_abs(b)), lv_abs(c));
        if (lv_all(lv_ge(lv_splat(0x1p500), top)
                   & (lv_ge(top, lv_splat(0x1p-500)) | lv_ge(zero, top)))) {
            m = a * half + c * half;
            h = a * half - c * half;
            r = lv_sqrt(h * h + b * b);
            lv_store(A + i, m - r);
            lv_store(B + i, m + r);
        } else {
            for (int j = 0; j < LV_W; j++)
                ln_eig2(a[j], b[j], c[j], A + i + j, B + i + j);
        }
    }
}

/* Fills k->acc with the column's sums (see struct lk_column). */
static void lk_sums(const struct lk_column *k)
{
    int form = k->hess ? lk_form(k) : LK_GENERAL;

    if (lk_no_overflow(k) && (!k->hess || form != LK_GENERAL)) {
        int ce = k->loss == LN_CE;

        if (!k->hess)
            ce ? lk_fast(k, 1, 0, LK_GENERAL) : lk_fast(k, 0, 0, LK_GENERAL);
        else if (form == LK_NET)
            ce ? lk_fast(k, 1, 1, LK_NET) : lk_fast(k, 0, 1, LK_NET);
        else
            ce ? lk_fast(k, 1, 1, LK_LOGISTIC)
               : lk_fast(k, 0, 1, LK_LOGISTIC);
        return;
    }
    if (!k->hess)
        lk_body(k, k->loss == LN_CE, 0, LK_GENERAL);
    else if (k->loss == LN_CE)
        form == LK_NET ? lk_body(k, 1, 1, LK_NET)
        : form == LK_LOGISTIC ? lk_body(k, 1, 1, LK_LOGISTIC)
                              : lk_body(k, 1, 1, LK_GENERAL);
    else
        form == LK_NET ? lk_body(k, 0, 1, LK_NET)
        : form == LK_LOGISTIC ? lk_body(k, 0, 1, LK_LOGISTIC)
                              : lk_body(k, 0, 1, LK_GENERAL);
}

/* Fills k->acc for one landscape column (see struct lk_column). */
void LK_NAME(const struct lk_column *k)
{
    lk_sums(k);
    if (k->finish)
        lk_finish(k);
}
