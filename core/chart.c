/* SPDX-License-Identifier: MIT */
/* The chart model: making, freeing, checking and rendering a chart. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_int.h"
#include "util.h"

struct chart *chart_new(enum chart_kind kind)
{
    struct chart *c = calloc(1, sizeof *c);

    if (!c)
        return NULL;
    c->kind = kind;
    c->mark_x = NAN;
    c->mark_y = NAN;
    return c;
}

void chart_free(struct chart *c)
{
    int i;

    if (!c)
        return;
    free(c->title);
    free(c->xlabel);
    free(c->ylabel);
    for (i = 0; i < c->nseries; i++) {
        free(c->series[i].name);
        array_unref(c->series[i].x);
        array_unref(c->series[i].y);
        array_unref(c->series[i].values);
    }
    free(c->series);
    array_unref(c->hx);
    array_unref(c->hy);
    array_unref(c->z);
    if (c->labels) {
        for (i = 0; c->labels[i]; i++)
            free(c->labels[i]);
        free(c->labels);
    }
    array_unref(c->bar_values);
    free(c);
}

/* Returns a strdup of s, or NULL for NULL. */
static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

/* Returns a, with one more reference, or NULL for NULL. */
static struct array *ref_or_null(struct array *a)
{
    return a ? array_ref(a) : NULL;
}

struct chart *chart_clone(const struct chart *c)
{
    struct chart *d = xmalloc(sizeof *d);
    int i, n = 0;

    *d = *c;
    d->title = dup_or_null(c->title);
    d->xlabel = dup_or_null(c->xlabel);
    d->ylabel = dup_or_null(c->ylabel);
    d->series = c->nseries ? xcalloc((size_t)c->nseries, sizeof *d->series)
                           : NULL;
    for (i = 0; i < c->nseries; i++) {
        d->series[i] = c->series[i];
        d->series[i].name = dup_or_null(c->series[i].name);
        d->series[i].x = ref_or_null(c->series[i].x);
        d->series[i].y = ref_or_null(c->series[i].y);
        d->series[i].values = ref_or_null(c->series[i].values);
    }
    d->hx = ref_or_null(c->hx);
    d->hy = ref_or_null(c->hy);
    d->z = ref_or_null(c->z);
    d->bar_values = ref_or_null(c->bar_values);
    if (c->labels) {
        while (c->labels[n])
            n++;
        d->labels = xcalloc((size_t)n + 1, sizeof *d->labels);
        for (i = 0; i < n; i++)
            d->labels[i] = xstrdup(c->labels[i]);
    }
    return d;
}

struct chart_series *chart_add_series(struct chart *c)
{
    struct chart_series *s;

    s = realloc(c->series, (size_t)(c->nseries + 1) * sizeof *s);
    if (!s)
        return NULL;
    c->series = s;
    s = &c->series[c->nseries++];
    memset(s, 0, sizeof *s);
    s->style = STYLE_LINE;
    return s;
}

int chart_fail(char *err, size_t n, const char *fmt, ...)
{
    va_list ap;

    if (err && n) {
        va_start(ap, fmt);
        vsnprintf(err, n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* Writes how to name series i in a message ("series 2 (\"fit\")"). */
static void series_what(const struct chart *c, int i, char *buf, size_t n)
{
    const char *name = c->series[i].name;

    if (name && *name)
        snprintf(buf, n, "series %d (\"%s\")", i + 1, name);
    else
        snprintf(buf, n, "series %d", i + 1);
}

/* Returns the length of a, or 0 for NULL. */
static size_t len_of(const struct array *a)
{
    return a ? array_len(a) : 0;
}

/* Returns 1 if a has a finite value (and a positive one when pos). */
static int has_finite(const struct array *a, int pos)
{
    size_t i, n = len_of(a);

    for (i = 0; i < n; i++)
        if (isfinite(a->data[i]) && (!pos || a->data[i] > 0))
            return 1;
    return 0;
}

/* Checks an explicit axis range; returns 0 or -1 with a reason. */
static int check_range(const char *axis, int has, double lo, double hi,
                       int log, char *err, size_t n)
{
    if (!has)
        return 0;
    if (!isfinite(lo) || !isfinite(hi) || !(lo < hi))
        return chart_fail(err, n, "%s range [%g, %g] is empty or not finite",
                          axis, lo, hi);
    if (log && lo <= 0)
        return chart_fail(err, n, "%s range must be positive for a log axis",
                          axis);
    return 0;
}

/* Checks a line or scatter chart; returns 0 or -1 with a reason. */
static int validate_xy(const struct chart *c, char *err, size_t n)
{
    char what[160];
    int i, any = 0, xpos = 0, ypos = 0;
    size_t k, ny;

    if (c->nseries <= 0 || !c->series)
        return chart_fail(err, n, "no data: the chart has no series");
    for (i = 0; i < c->nseries; i++) {
        const struct chart_series *s = &c->series[i];

        series_what(c, i, what, sizeof what);
        if (!s->y)
            return chart_fail(err, n, "%s: no y values", what);
        ny = array_len(s->y);
        if (ny == 0)
            return chart_fail(err, n, "%s: y is empty", what);
        if (s->x && array_len(s->x) != ny)
            return chart_fail(err, n, "%s: x has %zu values but y has %zu",
                              what, array_len(s->x), ny);
        for (k = 0; k < ny; k++) {
            double x = s->x ? s->x->data[k] : (double)(k + 1);
            double y = s->y->data[k];

            if (!isfinite(x) || !isfinite(y))
                continue;
            any = 1;
            xpos |= x > 0;
            ypos |= y > 0;
        }
    }
    if (!any)
        return chart_fail(err, n, "no data: every point is NaN or infinite");
    if (c->xlog && !xpos)
        return chart_fail(err, n, "x has no positive values for a log axis");
    if (c->ylog && !ypos)
        return chart_fail(err, n, "y has no positive values for a log axis");
    return 0;
}

/* Checks a heatmap; returns 0 or -1 with a reason. */
static int validate_heatmap(const struct chart *c, char *err, size_t n)
{
    if (!c->z)
        return chart_fail(err, n, "heatmap: no z values");
    if (c->z->cols == 0)
        return chart_fail(err, n, "heatmap: z must be 2-D "
                          "(rows = #y, columns = #x)");
    if (c->z->rows == 0)
        return chart_fail(err, n, "heatmap: z is empty");
    if (c->hy && array_len(c->hy) != c->z->rows)
        return chart_fail(err, n, "heatmap: z has %zu rows but y has %zu "
                          "values", c->z->rows, array_len(c->hy));
    if (c->hx && array_len(c->hx) != c->z->cols)
        return chart_fail(err, n, "heatmap: z has %zu columns but x has %zu "
                          "values", c->z->cols, array_len(c->hx));
    if (!has_finite(c->z, 0))
        return chart_fail(err, n, "heatmap: z has no finite values");
    if (c->hx && !has_finite(c->hx, c->xlog))
        return chart_fail(err, n, c->xlog ? "x has no positive values for "
                          "a log axis" : "heatmap: x has no finite values");
    if (c->hy && !has_finite(c->hy, c->ylog))
        return chart_fail(err, n, c->ylog ? "y has no positive values for "
                          "a log axis" : "heatmap: y has no finite values");
    return 0;
}

/* Checks a histogram; returns 0 or -1 with a reason. */
static int validate_histogram(const struct chart *c, char *err, size_t n)
{
    int i, any = 0, finite = 0;

    for (i = 0; i < c->nseries && c->series; i++) {
        if (len_of(c->series[i].values) > 0)
            any = 1;
        if (has_finite(c->series[i].values, 0))
            finite = 1;
    }
    if (!any)
        return chart_fail(err, n, "histogram: no values");
    if (!finite)
        return chart_fail(err, n, "histogram: every value is NaN or "
                          "infinite");
    return 0;
}

/* Checks a bar chart; returns 0 or -1 with a reason. */
static int validate_bar(const struct chart *c, char *err, size_t n)
{
    size_t nv, nl = 0;

    if (!c->bar_values || array_len(c->bar_values) == 0)
        return chart_fail(err, n, "bar: no values");
    nv = array_len(c->bar_values);
    if (c->labels) {
        while (c->labels[nl])
            nl++;
        if (nl != nv)
            return chart_fail(err, n, "bar: %zu labels but %zu values",
                              nl, nv);
    }
    if (!has_finite(c->bar_values, 0))
        return chart_fail(err, n, "bar: every value is NaN or infinite");
    return 0;
}

int chart_validate(const struct chart *c, char *err, size_t n)
{
    if (err && n)
        err[0] = '\0';
    if (!c)
        return chart_fail(err, n, "no chart");
    if (check_range("x", c->has_xrange, c->xmin, c->xmax, c->xlog, err, n)
        || check_range("y", c->has_yrange, c->ymin, c->ymax, c->ylog,
                       err, n))
        return -1;
    if (c->aspect != 0 && !(isfinite(c->aspect) && c->aspect > 0))
        return chart_fail(err, n, "aspect must be a positive number");
    if (c->aspect != 0 && (c->kind == CHART_HISTOGRAM
                           || c->kind == CHART_BAR))
        return chart_fail(err, n, "aspect applies to line, scatter and "
                          "heatmap charts only");
    switch (c->kind) {
    case CHART_LINE:
    case CHART_SCATTER:
        return validate_xy(c, err, n);
    case CHART_HEATMAP:
        return validate_heatmap(c, err, n);
    case CHART_HISTOGRAM:
        return validate_histogram(c, err, n);
    case CHART_BAR:
        return validate_bar(c, err, n);
    }
    return chart_fail(err, n, "unknown chart kind %d", (int)c->kind);
}

int chart_render(const struct chart *c, struct canvas *cv,
                 const struct glyphs *g, char *err, size_t n)
{
    struct chart_layout L;
    int x, y, rc;

    if (!cv || !cv->cells || cv->w < 1 || cv->h < 1)
        return chart_fail(err, n, "chart area too small");
    for (y = 0; y < cv->h; y++)
        for (x = 0; x < cv->w; x++) {
            struct cell *cl = canvas_at(cv, x, y);

            cl->ch = L' ';
            cl->fg = cl->bg = COL_DEFAULT;
            cl->attr = 0;
        }
    if (!g)
        g = glyphs_get(0);
    if (chart_validate(c, err, n) < 0)
        return -1;
    if (chart_layout_make(c, &L) < 0)
        return chart_fail(err, n, "out of memory");
    switch (c->kind) {
    case CHART_LINE:
    case CHART_SCATTER:
        rc = chart_draw_xy(c, &L, cv, g, err, n);
        break;
    case CHART_HEATMAP:
        rc = chart_draw_heatmap(c, &L, cv, g, err, n);
        break;
    case CHART_HISTOGRAM:
        rc = chart_draw_histogram(c, &L, cv, g, err, n);
        break;
    case CHART_BAR:
        rc = chart_draw_bar(c, &L, cv, g, err, n);
        break;
    default:
        rc = chart_fail(err, n, "unknown chart kind %d", (int)c->kind);
    }
    chart_layout_free(&L);
    return rc;
}

const char *chart_series_name(const struct chart *c, int index, char *buf,
                              size_t n)
{
    const char *name = c->series[index].name;
    char suffix[24];
    size_t keep, sl;
    int k = 1;

    if (!name || !name[0]) {
        snprintf(buf, n, "series %d", index + 1);
        return buf;
    }
    for (int i = 0; i < index; i++)
        if (c->series[i].name && strcmp(c->series[i].name, name) == 0)
            k++;
    sl = (size_t)snprintf(suffix, sizeof suffix, " (%d)", k);
    if (k == 1 || n <= sl + 1)
        return name;
    keep = strlen(name);
    if (keep > n - 1 - sl) {                    /* the number must show */
        keep = n - 1 - sl;
        while (keep > 0 && ((unsigned char)name[keep] & 0xC0) == 0x80)
            keep--;                             /* not inside a character */
    }
    snprintf(buf, n, "%.*s%s", (int)keep, name, suffix);
    return buf;
}
