/* SPDX-License-Identifier: MIT */
/* Axis ticks: Heckbert's nice numbers (Graphics Gems, 1990) and labels. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ticks.h"

/* Returns 10^e, exact for the integer powers a double can hold. */
static double pow10i(int e)
{
    return e >= 0 ? pow(10.0, e) : 1.0 / pow(10.0, -e);
}

/* Returns m * 10^e rounded once (so 3 * 10^-1 is 0.3, not 0.30000004). */
static double scaled(double m, int e)
{
    return e >= 0 ? m * pow(10.0, e) : m / pow(10.0, -e);
}

/* A nice number m * 10^e with m in {1, 2, 5, 10}. */
struct nice {
    double m;
    int e;
};

/* Returns a nice number near x > 0: the nearest when round, else the
 * smallest nice number >= x (Heckbert's nicenum). */
static struct nice nicenum(double x, int round)
{
    struct nice r;
    double f;

    if (!(x > 0) || !isfinite(x)) {     /* callers never pass these */
        r.m = 1;
        r.e = 0;
        return r;
    }
    r.e = (int)floor(log10(x));
    f = r.e >= 0 ? x / pow(10.0, r.e) : x * pow(10.0, -r.e);
    if (round)
        r.m = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
    else
        r.m = f <= 1 + 1e-9 ? 1 : f <= 2 + 1e-9 ? 2 : f <= 5 + 1e-9 ? 5 : 10;
    if (r.m == 10) {
        r.m = 1;
        r.e++;
    }
    return r;
}

/* Returns the next larger nice number after d. */
static struct nice nice_next(struct nice d)
{
    if (d.m == 1)
        d.m = 2;
    else if (d.m == 2)
        d.m = 5;
    else {
        d.m = 1;
        d.e++;
    }
    return d;
}

/* Fills out with the ticks of [lo / 10, hi / 10] times ten, for ranges
 * wider than a double holds; returns 0 or -1. */
static int ticks_scaled(double lo, double hi, int target, struct ticks *out)
{
    int i;

    if (ticks_linear(lo / 10, hi / 10, target, out) < 0)
        return -1;
    for (i = 0; i < out->n; i++)
        out->values[i] *= 10;
    out->lo *= 10;
    out->hi *= 10;
    out->step *= 10;
    if (!isfinite(out->lo) || !isfinite(out->hi)) {
        memset(out, 0, sizeof *out);
        return -1;
    }
    return 0;
}

int ticks_linear(double lo, double hi, int target, struct ticks *out)
{
    struct nice d;
    double kmin, kmax, t, mag;
    int i;

    memset(out, 0, sizeof *out);
    if (!isfinite(lo) || !isfinite(hi))
        return -1;
    if (lo > hi) {
        t = lo;
        lo = hi;
        hi = t;
    }
    if (target < 2)
        target = 2;
    if (target > 20)
        target = 20;
    mag = fmax(fabs(lo), fabs(hi));
    if (hi - lo <= mag * 1e-12 || hi - lo < 1e-300) {
        double mid = lo / 2 + hi / 2;   /* degenerate: widen around mid */
        double w = fabs(mid) < 1e-300 ? 1 : fabs(mid) * 0.1;

        lo = mid - w;
        hi = mid + w;
    }
    if (!isfinite(hi - lo) || hi - lo > 1e306)  /* nicenum would overflow */
        return ticks_scaled(lo, hi, target, out);
    d = nicenum(hi - lo, 0);
    d = nicenum(scaled(d.m, d.e) / (target - 1), 1);
    for (i = 0;; i++) {
        double step = scaled(d.m, d.e);

        kmin = floor(lo / step + 1e-9);
        kmax = ceil(hi / step - 1e-9);
        if (kmax - kmin + 1 <= TICKS_MAX)
            break;
        if (i > 64) {                   /* cannot happen; never hang */
            memset(out, 0, sizeof *out);
            return -1;
        }
        d = nice_next(d);
    }
    out->n = (int)(kmax - kmin) + 1;
    for (i = 0; i < out->n; i++) {
        double v = scaled((kmin + i) * d.m, d.e);

        out->values[i] = v == 0 ? 0.0 : v;  /* no -0 */
    }
    out->step = scaled(d.m, d.e);
    out->lo = out->values[0];
    out->hi = out->values[out->n - 1];
    if (!isfinite(out->lo) || !isfinite(out->hi) || !(out->step > 0)) {
        memset(out, 0, sizeof *out);
        return -1;
    }
    return 0;
}

/* Returns 1 if ticks of 1, 2 and 5 in each decade are wanted for a range
 * [lo, hi] spanning two decades or less (0.9 to 45 included, which
 * touches four decades but spans under two). */
static int log_subdivide(double lo, double hi)
{
    return log10(hi) - log10(lo) <= 2 + 1e-9;
}

/* Returns 1 if fewer than three of 1, 2, 5 times a power of ten fall in
 * [lo, hi]. */
static int few_inside(double lo, double hi)
{
    int e, n = 0;

    for (e = (int)floor(log10(lo)); e <= (int)ceil(log10(hi)); e++) {
        double m = pow10i(e);

        n += (m >= lo && m <= hi) + (2 * m >= lo && 2 * m <= hi)
           + (5 * m >= lo && 5 * m <= hi);
    }
    return n < 3;
}

int ticks_log(double lo, double hi, int target, struct ticks *out)
{
    static const double mant[3] = { 1, 2, 5 };
    int elo, ehi, s, e, i, k;
    double t;

    memset(out, 0, sizeof *out);
    if (!isfinite(lo) || !isfinite(hi) || !(lo > 0) || !(hi > 0))
        return -1;
    if (lo > hi) {
        t = lo;
        lo = hi;
        hi = t;
    }
    if (target < 2)
        target = 2;
    if (hi <= lo * (1 + 1e-9)) {        /* degenerate: half a decade each way */
        lo /= sqrt(10.0);
        hi *= sqrt(10.0);
    }
    elo = (int)floor(log10(lo) + 1e-9);
    ehi = (int)ceil(log10(hi) - 1e-9);
    if (elo < -307)
        elo = -307;
    if (ehi > 308)
        ehi = 308;
    if (ehi <= elo)
        ehi = elo + 1;
    if (log_subdivide(lo, hi) && few_inside(lo, hi)
        && ticks_linear(lo, hi, target, out) == 0 && out->values[0] > 0)
        return 0;                       /* under a decade: linear ticks */
    memset(out, 0, sizeof *out);
    out->log = 1;
    if (log_subdivide(lo, hi)) {
        double first = 0, last = 0;

        for (e = elo; e <= ehi; e++)    /* largest 1-2-5 value <= lo */
            for (i = 0; i < 3; i++) {
                double v = scaled(mant[i], e);

                if (v <= lo * (1 + 1e-9) && v > 0)
                    first = v;
                if (!last && v >= hi * (1 - 1e-9) && v > first)
                    last = v;
            }
        if (!first)
            first = pow10i(elo);
        if (!last)
            last = pow10i(ehi);
        k = 0;
        for (e = elo; e <= ehi && k < TICKS_MAX; e++)
            for (i = 0; i < 3 && k < TICKS_MAX; i++) {
                double v = scaled(mant[i], e);

                if (v >= first * (1 - 1e-9) && v <= last * (1 + 1e-9))
                    out->values[k++] = v;
            }
        out->n = k;
        out->step = 1;
    } else {
        s = (ehi - elo + target - 1) / target;
        if (s < 1)
            s = 1;
        elo = (int)floor((double)elo / s) * s;
        ehi = (int)ceil((double)ehi / s) * s;
        while (elo < -307)
            elo += s;
        while (ehi > 308)
            ehi -= s;
        k = 0;
        for (e = elo; e <= ehi && k < TICKS_MAX; e += s)
            out->values[k++] = pow10i(e);
        out->n = k;
        out->step = s;
    }
    if (out->n < 2) {
        memset(out, 0, sizeof *out);
        return -1;
    }
    out->lo = out->values[0];
    out->hi = out->values[out->n - 1];
    return 0;
}

void ticks_clip(struct ticks *t, double lo, double hi)
{
    double tol = t->log ? 1e-9 * fmax(fabs(lo), fabs(hi))
                        : 1e-9 * (hi - lo);
    int i, k = 0;

    for (i = 0; i < t->n; i++)
        if (t->values[i] >= lo - tol && t->values[i] <= hi + tol)
            t->values[k++] = t->values[i];
    t->n = k;
    t->lo = lo;
    t->hi = hi;
}

/* Returns the number of decimals needed to show multiples of step. */
static int decimals_for(double step)
{
    int d = (int)-floor(log10(step) + 1e-9);

    if (d < 0)
        d = 0;
    while (d < 15) {
        double s = step * pow(10.0, d);

        if (fabs(s - nearbyint(s)) <= 1e-6 * s)
            break;
        d++;
    }
    return d;
}

/* Drops trailing zeros (and a trailing point) after a decimal point. */
static void strip_zeros(char *buf)
{
    char *p;

    if (!strchr(buf, '.'))
        return;
    p = buf + strlen(buf) - 1;
    while (*p == '0')
        *p-- = '\0';
    if (*p == '.')
        *p = '\0';
}

/* Writes v with sig significant digits as "1.5e6" / "2e-4" into buf. */
static void format_exp(double v, int sig, char *buf, size_t n)
{
    char tmp[64], *e;
    int ex;

    if (sig < 1)
        sig = 1;
    if (sig > 15)
        sig = 15;
    snprintf(tmp, sizeof tmp, "%.*e", sig - 1, v);
    e = strchr(tmp, 'e');
    if (!e) {
        snprintf(buf, n, "%s", tmp);
        return;
    }
    ex = atoi(e + 1);
    *e = '\0';
    strip_zeros(tmp);
    snprintf(buf, n, "%se%d", tmp, ex);
}

/* Writes v with at most dec decimals into buf ("0.5", "1", never "-0");
 * returns its width without the sign, even when buf cut it short. */
static int format_fixed(double v, int dec, char *buf, size_t n)
{
    char tmp[720];                      /* %f of 1e308 with 340 decimals */

    if (dec > 340)
        dec = 340;
    if (fabs(v) < 0.5 * pow10i(-dec))
        v = 0.0;
    snprintf(tmp, sizeof tmp, "%.*f", dec, v);
    strip_zeros(tmp);
    if (strcmp(tmp, "-0") == 0)
        snprintf(tmp, sizeof tmp, "0");
    snprintf(buf, n, "%s", tmp);
    return (int)strlen(tmp) - (tmp[0] == '-');
}

/* Writes v with the digits that multiples of step need, in exponent
 * style ("1.5e6"); returns its width without the sign. */
static int format_exp_step(double v, double step, char *buf, size_t n)
{
    int ex, ls;

    if (v == 0 || !(step > 0)) {
        snprintf(buf, n, "0");
        return 1;
    }
    ex = (int)floor(log10(fabs(v)) + 1e-9);
    ls = (int)floor(log10(step) + 1e-9);
    format_exp(v, ex - ls + 1, buf, n);
    return (int)strlen(buf) - (buf[0] == '-');
}

/* Writes a non-finite v ("nan", "inf", "-inf"); returns 1 if it did. */
static int format_nonfinite(double v, char *buf, size_t n)
{
    if (isfinite(v))
        return 0;
    snprintf(buf, n, "%s", isnan(v) ? "nan" : v > 0 ? "inf" : "-inf");
    return 1;
}

/* Returns 1 if exponent style is much narrower for a label that is
 * fixed_w columns in fixed style and exp_w in exponent style. */
static int prefer_exp(int fixed_w, int exp_w)
{
    return fixed_w > 6 && exp_w < fixed_w - 1;
}

/* Returns a usable resolution for v: step, or |v| (1 for 0). */
static double sane_step(double v, double step)
{
    if (step > 0 && isfinite(step))
        return step;
    return v != 0 ? fabs(v) : 1;
}

void tick_label(double v, double step, char *buf, size_t n)
{
    char e[64];
    int fw, ew;

    if (format_nonfinite(v, buf, n))
        return;
    step = sane_step(v, step);
    if (fabs(v) < step * 1e-6) {
        snprintf(buf, n, "0");
        return;
    }
    fw = format_fixed(v, decimals_for(step), buf, n);
    ew = format_exp_step(v, step, e, sizeof e);
    if (prefer_exp(fw, ew))
        snprintf(buf, n, "%s", e);
}

/* Returns 1 if the labels of linear ticks t read better with exponents:
 * decided once for the whole axis, so that its labels look alike. */
static int axis_exp(const struct ticks *t)
{
    char buf[64];
    int i, fw = 0, ew = 0, dec = decimals_for(sane_step(0, t->step));

    for (i = 0; i < t->n; i++) {
        double v = t->values[i];
        int f, e;

        if (fabs(v) < t->step * 1e-6)
            continue;
        f = format_fixed(v, dec, buf, sizeof buf);
        e = format_exp_step(v, sane_step(v, t->step), buf, sizeof buf);
        fw = f > fw ? f : fw;
        ew = e > ew ? e : ew;
    }
    return prefer_exp(fw, ew);
}

void ticks_label(const struct ticks *t, double v, char *buf, size_t n)
{
    double step;

    if (format_nonfinite(v, buf, n))
        return;
    if (t->log) {                       /* each decade its own resolution */
        tick_label(v, v > 0 ? pow10i((int)floor(log10(v) + 1e-9)) : 1,
                   buf, n);
        return;
    }
    step = sane_step(v, t->step);
    if (fabs(v) < step * 1e-6)
        snprintf(buf, n, "0");
    else if (axis_exp(t))
        format_exp_step(v, step, buf, n);
    else
        format_fixed(v, decimals_for(step), buf, n);
}

void value_label(double v, int sig, char *buf, size_t n)
{
    double a = fabs(v);
    int ex, dec;

    if (format_nonfinite(v, buf, n))
        return;
    if (sig < 1)
        sig = 1;
    if (a == 0) {
        snprintf(buf, n, "0");
        return;
    }
    ex = (int)floor(log10(a) + 1e-12);
    if (ex < -3 || ex >= sig + 2) {
        format_exp(v, sig, buf, n);
        return;
    }
    dec = sig - 1 - ex;
    if (dec < 0)
        dec = 0;
    snprintf(buf, n, "%.*f", dec, v);
    strip_zeros(buf);
    if (strcmp(buf, "-0") == 0)
        snprintf(buf, n, "0");
}
