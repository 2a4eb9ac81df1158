/* SPDX-License-Identifier: MIT */
/* The constrained picture in 2-D: a quadratic loss, the L1 diamond and
 * the L2 disc, and where each constrained minimum lands. */
#include <math.h>

#include <nntutor/common.h>
#include "reg_math.h"


void reg_quad2_make(double angle, double stretch, double c1, double c2,
                    struct reg_quad2 *q)
{
    double th = angle * NC_PI / 180.0, cs = cos(th), sn = sin(th);

    q->l1 = 1.0;
    q->l2 = stretch;
    q->v1x = cs;
    q->v1y = sn;
    q->a11 = q->l1 * cs * cs + q->l2 * sn * sn;    /* A = V diag(l) V^T */
    q->a12 = (q->l1 - q->l2) * cs * sn;
    q->a22 = q->l1 * sn * sn + q->l2 * cs * cs;
    q->c1 = c1;
    q->c2 = c2;
}

double reg_quad2_value(const struct reg_quad2 *q, double w1, double w2)
{
    double d1 = w1 - q->c1, d2 = w2 - q->c2;

    return 0.5 * (q->a11 * d1 * d1 + 2.0 * q->a12 * d1 * d2
                  + q->a22 * d2 * d2);
}

void reg_quad2_grad(const struct reg_quad2 *q, double w1, double w2,
                    double *grad)
{
    double d1 = w1 - q->c1, d2 = w2 - q->c2;

    grad[0] = q->a11 * d1 + q->a12 * d2;
    grad[1] = q->a12 * d1 + q->a22 * d2;
}

void reg_quad2_l1_min(const struct reg_quad2 *q, double t, double *w)
{
    static const double vx[5] = { 1, 0, -1, 0, 1 };
    static const double vy[5] = { 0, 1, 0, -1, 0 };
    double best = INFINITY;

    if (fabs(q->c1) + fabs(q->c2) <= t) {   /* the constraint is idle */
        w[0] = q->c1;
        w[1] = q->c2;
        return;
    }
    for (int e = 0; e < 4; e++) {           /* the minimum of each edge */
        double ax = t * vx[e], ay = t * vy[e];
        double ex = t * vx[e + 1] - ax, ey = t * vy[e + 1] - ay;
        double dx = ax - q->c1, dy = ay - q->c2;
        double eAd = ex * (q->a11 * dx + q->a12 * dy)
                     + ey * (q->a12 * dx + q->a22 * dy);
        double eAe = ex * (q->a11 * ex + q->a12 * ey)
                     + ey * (q->a12 * ex + q->a22 * ey);
        double s = -eAd / eAe, x, y, f;

        if (s <= 0) {                       /* a corner: exact zeros */
            x = ax;
            y = ay;
        } else if (s >= 1) {
            x = t * vx[e + 1];
            y = t * vy[e + 1];
        } else {
            x = ax + s * ex;
            y = ay + s * ey;
        }
        f = reg_quad2_value(q, x, y);
        if (f < best) {
            best = f;
            w[0] = x;
            w[1] = y;
        }
    }
}

/* Returns |(A + mu I)^-1 A c|^2 from the eigen-coordinates u of c. */
static double l2_norm2(const struct reg_quad2 *q, const double *u, double mu)
{
    double a = q->l1 * u[0] / (q->l1 + mu), b = q->l2 * u[1] / (q->l2 + mu);

    return a * a + b * b;
}

void reg_quad2_l2_min(const struct reg_quad2 *q, double t, double *w)
{
    double u[2], lo = 0, hi, a, b;

    if (hypot(q->c1, q->c2) <= t) {
        w[0] = q->c1;
        w[1] = q->c2;
        return;
    }
    u[0] = q->v1x * q->c1 + q->v1y * q->c2;     /* c in the eigenbasis */
    u[1] = -q->v1y * q->c1 + q->v1x * q->c2;
    hi = hypot(q->l1 * u[0], q->l2 * u[1]) / t; /* |w(hi)| <= t */
    for (int it = 0; it < 200; it++) {          /* |w(mu)| falls with mu */
        double mid = 0.5 * (lo + hi);

        if (mid <= lo || mid >= hi)
            break;
        if (l2_norm2(q, u, mid) > t * t)
            lo = mid;
        else
            hi = mid;
    }
    a = q->l1 * u[0] / (q->l1 + hi);
    b = q->l2 * u[1] / (q->l2 + hi);
    w[0] = q->v1x * a - q->v1y * b;
    w[1] = q->v1y * a + q->v1x * b;
}

void reg_quad2_level(const struct reg_quad2 *q, double level, int m,
                     double *x, double *y)
{
    double r1 = sqrt(2.0 * level / q->l1), r2 = sqrt(2.0 * level / q->l2);

    for (int i = 0; i < m; i++) {
        double phi = m > 1 ? 2.0 * NC_PI * i / (m - 1) : 0.0;
        double a = r1 * cos(phi), b = r2 * sin(phi);

        x[i] = q->c1 + q->v1x * a - q->v1y * b;
        y[i] = q->c2 + q->v1y * a + q->v1x * b;
    }
    if (m > 1) {                            /* close the curve exactly */
        x[m - 1] = x[0];
        y[m - 1] = y[0];
    }
}
