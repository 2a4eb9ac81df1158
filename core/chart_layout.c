/* SPDX-License-Identifier: MIT */
/* One chart layout: ranges, ticks, bins and levels that every painter shows. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_layout.h"

/* What one axis should cover, as the chart's data found it. */
struct axis_want {
    double lo, hi;              /* data extent in plot units (lo > hi: none) */
    int log;
    int has;                    /* explicit range [min, max], data units */
    double min, max;
    double margin;              /* fraction of the span added each side */
    int target;                 /* about this many ticks */
    int count;                  /* integer ticks */
};

double layout_unit(const struct layout_axis *a, double v)
{
    if (!isfinite(v))
        return NAN;
    if (a->log)
        return v > 0 ? log10(v) : NAN;
    return v;
}

/* Widens [*lo, *hi] to hold v. */
static void grow(double *lo, double *hi, double v)
{
    if (v < *lo)
        *lo = v;
    if (v > *hi)
        *hi = v;
}

/* Replaces ticks t by the integers 0 .. ceil(hi) when there are few
 * enough (counts never need fractions). */
static void integer_ticks(struct ticks *t, double hi)
{
    int i, top = (int)ceil(hi);

    if (top < 1)
        top = 1;
    if (top >= TICKS_MAX)
        return;
    for (i = 0; i <= top; i++)
        t->values[i] = i;
    t->n = top + 1;
    t->step = 1;
    t->log = 0;
    t->lo = 0;
    t->hi = top;
}

/* Fills the minor ticks of a log axis a: 2..9 times each power of ten
 * inside the range, when it spans 8 decades or less, minus the majors. */
static void minor_ticks(struct layout_axis *a)
{
    int e, m, i, major;

    a->nminor = 0;
    if (!a->log || !a->t.log || a->hi - a->lo > 8)
        return;
    for (e = (int)floor(a->lo); e <= (int)ceil(a->hi); e++)
        for (m = 2; m <= 9 && a->nminor < LAYOUT_MINOR_MAX; m++) {
            double v = m * pow(10, e), t = log10(v);

            for (i = 0, major = 0; i < a->t.n && !major; i++)
                major = fabs(a->t.values[i] / v - 1) < 1e-9;
            if (!major && t >= a->lo - 1e-12 && t <= a->hi + 1e-12)
                a->minor[a->nminor++] = v;
        }
}

/* Sets a up from what w asks for: the range and its ticks. */
static void axis_make(struct layout_axis *a, const struct axis_want *w)
{
    double lo = w->lo, hi = w->hi, tlo, thi, lim = w->log ? 300 : 1e308;

    memset(a, 0, sizeof *a);
    a->log = w->log;
    if (w->has && isfinite(layout_unit(a, w->min))
        && isfinite(layout_unit(a, w->max)) && w->min < w->max) {
        lo = layout_unit(a, w->min);
        hi = layout_unit(a, w->max);
    } else if (!(lo <= hi)) {           /* no data */
        lo = 0;
        hi = 1;
    } else if (hi - lo <= 1e-12 * fmax(fabs(lo), fabs(hi))) {
        double mid = lo / 2 + hi / 2, d = a->log ? 0.5 : fabs(mid) / 10;

        if (!(mid - d < mid + d))
            d = 0.5;                    /* zero or subnormal */
        lo = mid - d;
        hi = mid + d;
    } else if (w->margin > 0) {
        double m = (hi / 2 - lo / 2) * 2 * w->margin;

        if (isfinite(lo - m) && isfinite(hi + m)) {
            lo -= m;
            hi += m;
        }
    }
    a->lo = fmax(fmin(lo, lim), -lim);
    a->hi = fmax(fmin(hi, lim), -lim);
    if (!(a->hi > a->lo)) {             /* cannot happen; never divide by 0 */
        a->lo = 0;
        a->hi = 1;
    }
    if (a->log) {
        tlo = pow(10, a->lo);
        thi = pow(10, a->hi);
        if (ticks_log(tlo, thi, w->target, &a->t) < 0)
            a->t.n = 0;
        else
            ticks_clip(&a->t, tlo, thi);
        minor_ticks(a);
    } else {
        if (ticks_linear(a->lo, a->hi, w->target, &a->t) < 0)
            a->t.n = 0;
        else {
            if (w->count && a->t.step < 1)
                integer_ticks(&a->t, a->hi);
            ticks_clip(&a->t, a->lo, a->hi);
        }
    }
}

/* Returns Sturges' number of bins for n values. */
static int sturges(size_t n)
{
    return n < 2 ? 1 : (int)ceil(log2((double)n)) + 1;
}

/* Returns the number of points of a line or scatter series. */
static size_t series_points(const struct chart_series *s)
{
    size_t n = s->y ? array_len(s->y) : 0;

    if (s->x && array_len(s->x) < n)
        n = array_len(s->x);
    return n;
}

/* Sets *x, *y to point k of series s; returns 1 if the chart draws it
 * (both finite, and positive on a log axis), else 0. */
static int point_drawn(const struct chart *c, const struct chart_series *s,
                       size_t k, double *x, double *y)
{
    *x = s->x ? s->x->data[k] : (double)(k + 1);
    *y = s->y->data[k];
    return isfinite(*x) && isfinite(*y) && !(c->xlog && *x <= 0)
           && !(c->ylog && *y <= 0);
}

/* Line and scatter: the drawable points. */
static void want_points(const struct chart *c, struct chart_layout *L,
                        struct axis_want *x, struct axis_want *y)
{
    struct layout_axis ax = { .log = c->xlog }, ay = { .log = c->ylog };
    double px, py;

    for (int i = 0; i < c->nseries; i++)
        for (size_t k = 0; k < series_points(&c->series[i]); k++) {
            if (!point_drawn(c, &c->series[i], k, &px, &py))
                continue;
            grow(&x->lo, &x->hi, layout_unit(&ax, px));
            grow(&y->lo, &y->hi, layout_unit(&ay, py));
            L->npoints++;
        }
    x->margin = y->margin = LAYOUT_MARGIN;
}

int chart_data_extent(const struct chart *c, struct extent *e)
{
    int found = 0;
    double px, py;

    e->xmin = e->ymin = INFINITY;
    e->xmax = e->ymax = -INFINITY;
    if (c->kind == CHART_HISTOGRAM) {
        for (int i = 0; i < c->nseries; i++) {
            const struct array *v = c->series[i].values;
            for (size_t k = 0; v && k < array_len(v); k++)
                if (isfinite(v->data[k])) {
                    grow(&e->xmin, &e->xmax, v->data[k]);
                    found = EXTENT_X;
                }
        }
        return found;
    }
    if (c->kind != CHART_LINE && c->kind != CHART_SCATTER)
        return 0;
    for (int i = 0; i < c->nseries; i++)
        for (size_t k = 0; k < series_points(&c->series[i]); k++)
            if (point_drawn(c, &c->series[i], k, &px, &py)) {
                grow(&e->xmin, &e->xmax, px);
                grow(&e->ymin, &e->ymax, py);
                found = EXTENT_X | EXTENT_Y;
            }
    return found;
}

/* Returns the coordinate of grid index k (k + 1 without coordinates). */
static double grid_at(const struct array *v, size_t k)
{
    return v && k < array_len(v) ? v->data[k] : (double)(k + 1);
}

/* Widens [w->lo, w->hi] to the cell edges of n cells centred on the
 * coordinates of v: half way between centres, the outer ones mirrored. */
static void want_cells(const struct array *v, size_t n, struct axis_want *w)
{
    struct layout_axis a = { .log = w->log };
    double prev = NAN, cur, e;
    size_t k;

    for (k = 0; k < n; k++) {
        cur = layout_unit(&a, grid_at(v, k));
        if (n == 1 && isfinite(cur))
            grow(&w->lo, &w->hi, cur);
        if (k > 0) {
            e = prev / 2 + cur / 2;
            if (isfinite(e))
                grow(&w->lo, &w->hi, e);
            if (k == 1 && isfinite(2 * prev - e))
                grow(&w->lo, &w->hi, 2 * prev - e);
            if (k == n - 1 && isfinite(2 * cur - e))
                grow(&w->lo, &w->hi, 2 * cur - e);
        }
        prev = cur;
    }
}

/* Heatmap: the cells, the z range and the contour levels. */
static void want_heatmap(const struct chart *c, struct chart_layout *L,
                         struct axis_want *x, struct axis_want *y)
{
    size_t k, n = c->z ? array_len(c->z) : 0, rows = 0, cols = 0;
    int i, levels = c->contours;

    if (c->z && c->z->cols) {
        rows = c->z->rows;
        cols = c->z->cols;
    } else if (c->z) {
        rows = 1;
        cols = c->z->rows;
    }
    want_cells(c->hx, cols, x);
    want_cells(c->hy, rows, y);
    L->zmin = INFINITY;
    L->zmax = -INFINITY;
    for (k = 0; k < n; k++)
        if (isfinite(c->z->data[k])) {
            grow(&L->zmin, &L->zmax, c->z->data[k]);
            L->zfinite++;
        }
    if (!L->zfinite) {
        L->zmin = 0;
        L->zmax = 1;
        return;
    }
    if (levels > LAYOUT_MAX_LEVELS)
        levels = LAYOUT_MAX_LEVELS;
    for (i = 1; L->zmax > L->zmin && i <= levels; i++) {
        double t = (double)i / (levels + 1);

        L->levels[L->nlevels++] = L->zmin * (1 - t) + L->zmax * t;
    }
    if (ticks_linear(L->zmin, L->zmax, LAYOUT_ZTICKS, &L->zt) < 0)
        L->zt.n = 0;
    else
        ticks_clip(&L->zt, L->zmin, L->zmax);
}

/* Histogram: the bins and their counts.  Returns -1 if out of memory. */
static int want_histogram(const struct chart *c, struct chart_layout *L,
                          struct axis_want *x, struct axis_want *y)
{
    struct layout_axis ax;
    size_t k, most = 0;
    double lo, hi;
    int i, b;

    x->log = y->log = 0;
    for (i = 0; i < c->nseries; i++) {
        const struct array *v = c->series[i].values;
        size_t len = v ? array_len(v) : 0, finite = 0;

        for (k = 0; k < len; k++)
            if (isfinite(v->data[k])) {
                grow(&x->lo, &x->hi, v->data[k]);
                finite++;
            }
        if (finite > most)
            most = finite;
    }
    axis_make(&ax, x);                  /* the bins' range */
    x->has = 1;
    x->min = lo = ax.lo;
    x->max = hi = ax.hi;
    L->bins = c->bins > 0 ? c->bins : sturges(most);
    if (c->bins <= 0 && L->bins > LAYOUT_AUTO_BINS)
        L->bins = LAYOUT_AUTO_BINS;
    if (L->bins > LAYOUT_MAX_BINS)
        L->bins = LAYOUT_MAX_BINS;
    L->nseries = c->nseries;
    L->edges = malloc(((size_t)L->bins + 1) * sizeof *L->edges);
    L->counts = calloc((size_t)(c->nseries > 0 ? c->nseries : 1)
                       * (size_t)L->bins, sizeof *L->counts);
    if (!L->edges || !L->counts)
        return -1;
    for (b = 0; b <= L->bins; b++) {
        double t = (double)b / L->bins;

        L->edges[b] = b == 0 ? lo : b == L->bins ? hi
                    : lo * (1 - t) + hi * t;
    }
    for (i = 0; i < c->nseries; i++) {
        const struct array *v = c->series[i].values;
        size_t len = v ? array_len(v) : 0, *cnt;

        for (k = 0; k < len; k++) {
            double val = v->data[k], t;

            if (!isfinite(val) || val < lo || val > hi)
                continue;
            t = floor((val / 2 - lo / 2) / (hi / 2 - lo / 2) * L->bins);
            b = !(t >= 0) ? 0 : t >= L->bins ? L->bins - 1 : (int)t;
            cnt = &L->counts[(size_t)i * (size_t)L->bins + (size_t)b];
            if (++*cnt > L->maxcount)
                L->maxcount = *cnt;
            L->total++;
        }
    }
    y->lo = 0;
    y->hi = L->maxcount > 0 ? (double)L->maxcount * 1.05 : 1;
    y->count = 1;
    return 0;
}

/* Bar chart: the value axis from 0 to the values. */
static void want_bar(const struct chart *c, struct axis_want *x,
                     struct axis_want *y)
{
    size_t k, n = c->bar_values ? array_len(c->bar_values) : 0;

    x->log = y->log = 0;
    x->has = y->has = 0;
    for (k = 0; k < n; k++)
        if (isfinite(c->bar_values->data[k])) {
            grow(&x->lo, &x->hi, c->bar_values->data[k]);
            grow(&x->lo, &x->hi, 0);
        }
    y->lo = 0;
    y->hi = n > 0 ? (double)n : 1;
    y->target = 2;
}

void layout_range(enum chart_kind kind, int log, double a, double b,
                  double *lo, double *hi)
{
    struct axis_want w = { INFINITY, -INFINITY, log, 0, 0, 0, 0, 2, 0 };
    struct layout_axis ax = { .log = log };

    if (kind == CHART_LINE || kind == CHART_SCATTER)
        w.margin = LAYOUT_MARGIN;
    if (!isnan(layout_unit(&ax, a)) && !isnan(layout_unit(&ax, b))) {
        w.lo = layout_unit(&ax, a);
        w.hi = layout_unit(&ax, b);
    }
    axis_make(&ax, &w);
    *lo = log ? pow(10, ax.lo) : ax.lo;
    *hi = log ? pow(10, ax.hi) : ax.hi;
}

int chart_layout_make(const struct chart *c, struct chart_layout *L)
{
    struct axis_want x = { INFINITY, -INFINITY, c->xlog, c->has_xrange,
                           c->xmin, c->xmax, 0, LAYOUT_XTICKS, 0 };
    struct axis_want y = { INFINITY, -INFINITY, c->ylog, c->has_yrange,
                           c->ymin, c->ymax, 0, LAYOUT_YTICKS, 0 };

    memset(L, 0, sizeof *L);
    L->kind = c->kind;
    switch (c->kind) {
    case CHART_HEATMAP:
        want_heatmap(c, L, &x, &y);
        break;
    case CHART_HISTOGRAM:
        if (want_histogram(c, L, &x, &y) < 0) {
            chart_layout_free(L);
            return -1;
        }
        break;
    case CHART_BAR:
        want_bar(c, &x, &y);
        break;
    case CHART_LINE:
    case CHART_SCATTER:
    default:
        want_points(c, L, &x, &y);
        break;
    }
    axis_make(&L->x, &x);
    axis_make(&L->y, &y);
    if (isfinite(c->aspect) && c->aspect > 0 && (c->kind == CHART_LINE
        || c->kind == CHART_SCATTER || c->kind == CHART_HEATMAP))
        L->aspect = c->aspect;
    return 0;
}

void chart_layout_free(struct chart_layout *L)
{
    free(L->edges);
    free(L->counts);
    L->edges = NULL;
    L->counts = NULL;
}

int layout_band(const struct chart_layout *L, double z)
{
    int k = 0;

    if (!isfinite(z))
        return -1;
    while (k < L->nlevels && z >= L->levels[k])
        k++;
    return k;
}

int layout_fit_aspect(const struct chart_layout *L, double w, double h,
                      double unit_hw, double *pw, double *ph)
{
    double sx = L->x.hi / 2 - L->x.lo / 2, sy = L->y.hi / 2 - L->y.lo / 2;
    double want;                        /* height / width, device-free */

    *pw = w;
    *ph = h;
    if (!(L->aspect > 0) || !(sx > 0) || !(sy > 0) || !(w > 0)
        || !(h > 0) || !(unit_hw > 0))
        return 0;
    want = L->aspect * sy / sx;
    if (!isfinite(want) || !(want > 0))
        return 0;
    if (h * unit_hw > want * w)
        *ph = want * w / unit_hw;
    else
        *pw = h * unit_hw / want;
    return 1;
}

/* Writes " name=[v v ...]" for n values. */
static void put_list(FILE *f, const char *name, const double *v, int n)
{
    int i;

    fprintf(f, " %s=[", name);
    for (i = 0; i < n; i++)
        fprintf(f, "%s%.17g", i ? " " : "", v[i] == 0 ? 0.0 : v[i]);
    fputc(']', f);
}

void layout_trace(const char *painter, const struct layout_shown *s)
{
    static const char *const kinds[] = {
        "line", "scatter", "heatmap", "histogram", "bar"
    };
    const char *path = getenv("NNTUTOR_LAYOUT_TRACE");
    double r[2];
    FILE *f;
    int i, b;

    if (!path || !*path || !(f = fopen(path, "a")))
        return;
    fprintf(f, "%s %s", painter, (unsigned)s->kind < 5 ? kinds[s->kind]
                                                      : "?");
    r[0] = s->x0;
    r[1] = s->x1;
    put_list(f, "x", r, 2);
    put_list(f, "xt", s->xt ? s->xt->values : r, s->xt ? s->xt->n : 0);
    r[0] = s->y0;
    r[1] = s->y1;
    put_list(f, "y", r, 2);
    put_list(f, "yt", s->yt ? s->yt->values : r, s->yt ? s->yt->n : 0);
    if (s->kind == CHART_HISTOGRAM) {
        fprintf(f, " bins=%d edges=[", s->bins);
        for (b = 0; b <= s->bins; b++) {
            double t = (double)b / s->bins;

            fprintf(f, "%s%.17g", b ? " " : "", s->edges ? s->edges[b]
                    : b == 0 ? s->x0 : b == s->bins ? s->x1
                    : s->x0 * (1 - t) + s->x1 * t);
        }
        fputs("] counts=[", f);
        for (i = 0; s->counts && i < s->nseries * s->bins; i++)
            fprintf(f, "%s%zu", i ? " " : "", s->counts[i]);
        fputc(']', f);
    }
    if (s->kind == CHART_HEATMAP) {
        r[0] = s->z0;
        r[1] = s->z1;
        put_list(f, "z", r, 2);
        put_list(f, "levels", s->levels ? s->levels : r,
                 s->levels ? s->nlevels : 0);
    }
    fputc('\n', f);
    fclose(f);
}
