/* SPDX-License-Identifier: MIT */
/* Histograms (vertical bars) and bar charts (signed horizontal bars). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_int.h"

#define MAX_LEGEND 64

/* Returns the character that fills a whole cell of series i's bar: a
 * full block (ASCII '#') alone, the series' own fill beside others. */
static wchar_t fill_glyph(const struct glyphs *g, int i, int several)
{
    const struct series_look *l = series_look(i);

    if (!several)
        return g->unicode ? g->vert_eighths[8] : L'#';
    return g->unicode ? l->fill : l->ascii_fill;
}

/* Returns Sturges' number of bins for n values. */
static int sturges(size_t n)
{
    return n < 2 ? 1 : (int)ceil(log2((double)n)) + 1;
}

/* Counts the values of every series into bins over [lo, hi]; fills
 * counts (nseries x bins) and returns the largest count. */
static size_t count_bins(const struct chart *c, double lo, double hi,
                         int bins, size_t *counts)
{
    size_t k, n, max = 0;
    int i, b;

    memset(counts, 0, (size_t)c->nseries * (size_t)bins * sizeof *counts);
    for (i = 0; i < c->nseries; i++) {
        const struct array *v = c->series[i].values;

        n = v ? array_len(v) : 0;
        for (k = 0; k < n; k++) {
            double x = v->data[k], t;

            if (!isfinite(x) || x < lo || x > hi)
                continue;
            t = floor((x / 2 - lo / 2) / (hi / 2 - lo / 2) * bins);
            b = !(t >= 0) ? 0 : t >= bins ? bins - 1 : (int)t; /* NaN: 0 */
            if (++counts[(size_t)i * (size_t)bins + (size_t)b] > max)
                max = counts[(size_t)i * (size_t)bins + (size_t)b];
        }
    }
    return max;
}

/* Draws a vertical bar of e eighths at column x for series i (whole
 * cells only when several series share the chart or without colour). */
static void vbar(struct canvas *cv, const struct glyphs *g,
                 const struct frame *f, int x, long e, int i, int several)
{
    int fg = SERIES_COLOUR(i), y = f->y0 + f->ph - 1;
    long full = e / 8, part = e % 8, k;
    struct cell *cl;

    if (!(g->unicode && !g->mono) || several) {
        full = (e + 4) / 8;
        part = 0;
    }
    for (k = 0; k < full && k < f->ph; k++, y--) {
        canvas_putc(cv, x, y, fill_glyph(g, i, several), fg, 0);
        if ((cl = canvas_at(cv, x, y)))
            cl->bg = COL_DEFAULT;
    }
    if (part && k < f->ph && (cl = canvas_at(cv, x, y))) {
        int behind = cl->ch == g->vert_eighths[8] ? cl->fg : COL_DEFAULT;

        canvas_putc(cv, x, y, g->vert_eighths[part], fg, 0);
        cl->bg = (uint8_t)behind;       /* a taller bar shows above */
    }
}

/* Draws the bars of every series.  Several series stand side by side in
 * each bin, in order, each in its own fill, when the bins are at least
 * as many columns wide as there are series; narrower bins overlay them,
 * tallest first, so every top stays visible. */
static void draw_bins(const struct chart *c, struct canvas *cv,
                      const struct glyphs *g, const struct frame *f,
                      const size_t *counts, int bins)
{
    int b, i, j, x, x0, x1, order[MAX_LEGEND], bw = f->pw / bins;
    int ns = c->nseries < MAX_LEGEND ? c->nseries : MAX_LEGEND;
    int several = ns > 1, beside = several && bw >= ns, sw = 1;
    double scale = f->ph * 8.0 / (f->ay.hi - f->ay.lo);

    if (beside)                         /* columns per series */
        sw = (bw >= ns + 1 && bw >= 3 ? bw - 1 : bw) / ns;
    for (b = 0; b < bins; b++) {
        x0 = f->x0 + b * bw;
        x1 = x0 + (bw >= 3 ? bw - 1 : bw); /* a gap between wide bars */
        for (i = 0; i < ns; i++)        /* insertion sort, count desc */
            order[i] = i;
        for (i = 1; i < ns && !beside; i++)
            for (j = i; j > 0 && counts[(size_t)order[j] * bins + b]
                        > counts[(size_t)order[j - 1] * bins + b]; j--) {
                int t = order[j];

                order[j] = order[j - 1];
                order[j - 1] = t;
            }
        for (i = 0; i < ns; i++) {
            size_t cnt = counts[(size_t)order[i] * bins + b];
            long e = lround((double)cnt * scale);

            if (cnt == 0)
                continue;
            if (e < 1)
                e = 1;                  /* a non-empty bin shows */
            if (beside)
                for (x = x0 + i * sw; x < x0 + (i + 1) * sw; x++)
                    vbar(cv, g, f, x, e, i, 1);
            else
                for (x = x0; x < x1; x++)
                    vbar(cv, g, f, x, e, order[i], several);
        }
    }
}

int chart_draw_histogram(const struct chart *c, struct canvas *cv,
                         const struct glyphs *g, char *err, size_t n)
{
    struct legend_item items[MAX_LEGEND];
    struct frame_spec fs = { 0 };
    struct frame f;
    double lo = INFINITY, hi = -INFINITY;
    size_t k, len, most = 0, *counts = NULL, max;
    int i, bins, pass;

    for (i = 0; i < c->nseries; i++) {
        const struct array *v = c->series[i].values;
        size_t finite = 0;

        len = v ? array_len(v) : 0;
        for (k = 0; k < len; k++)
            if (isfinite(v->data[k])) {
                finite++;
                lo = fmin(lo, v->data[k]);
                hi = fmax(hi, v->data[k]);
            }
        if (finite > most)
            most = finite;
        if (c->series[i].name && *c->series[i].name && fs.nitems < MAX_LEGEND) {
            items[fs.nitems].name = c->series[i].name;
            look_legend(i, USE_BARS, g, items[fs.nitems].glyph);
            if (c->nseries == 1)
                items[fs.nitems].glyph[0] = fill_glyph(g, i, 0);
            items[fs.nitems].fg = SERIES_COLOUR(i);
            fs.nitems++;
        }
    }
    if (!most)
        return chart_fail(err, n, "histogram: every value is NaN or "
                          "infinite");
    if (c->has_xrange) {
        lo = c->xmin;
        hi = c->xmax;
    }
    if (!(hi > lo)) {                   /* one value: a bin around it */
        double w = fabs(lo) * 0.1;

        if (!(lo - w < lo + w))
            w = 0.5;                    /* zero or subnormal */
        lo -= w;
        hi += w;
    }
    fs.title = c->title;
    fs.xlabel = c->xlabel;
    fs.ylabel = c->ylabel;
    fs.items = items;
    fs.x.lo = lo;
    fs.x.hi = hi;
    fs.x.edge = 1;
    fs.y.lo = 0;
    fs.y.count = 1;
    bins = c->bins > 0 ? c->bins : sturges(most);
    if (bins > 100000)
        bins = 100000;
    for (pass = 0; pass < 3; pass++) {
        free(counts);
        counts = malloc((size_t)(c->nseries ? c->nseries : 1)
                        * (size_t)bins * sizeof *counts);
        if (!counts)
            return chart_fail(err, n, "out of memory");
        max = count_bins(c, lo, hi, bins, counts);
        fs.y.hi = max > 0 ? max * 1.05 : 1;  /* headroom over the top */
        if (frame_layout(&fs, cv, &f, err, n) < 0) {
            free(counts);
            return -1;
        }
        if (bins <= f.pw)
            break;
        bins = f.pw;                    /* at least a column a bin */
    }
    if (bins > f.pw) {                  /* the frame moved: recount */
        bins = f.pw;
        count_bins(c, lo, hi, bins, counts);
    }
    f.pw = f.pw / bins * bins;          /* every bin as wide */
    frame_draw(&fs, &f, cv, g);
    draw_bins(c, cv, g, &f, counts, bins);
    free(counts);
    return 0;
}

/* The layout of a bar chart, in columns. */
struct bar_layout {
    int lw;                     /* label column width */
    int vpos, vneg;             /* value label widths right and left */
    int zc;                     /* the zero line's column */
    double scale;               /* cells per unit */
};

/* Returns 0 if the bars fit in width w (setting zc and scale), else -1. */
static int bar_fit(struct bar_layout *L, int w, double maxpos, double maxneg)
{
    int left = L->lw ? L->lw + 1 : 0, negoff, a;

    negoff = maxneg > 0 && L->vneg ? L->vneg + 1 : 0;
    a = w - left - negoff - 1 - (maxpos > 0 && L->vpos ? L->vpos + 1 : 0);
    a -= (maxpos > 0) + (maxneg > 0);   /* a partial cell may round up */
    if (a < 2)
        return -1;
    L->scale = maxpos + maxneg > 0 ? a / (maxpos + maxneg) : 0;
    /* as many cells as draw_bar uses for the longest negative bar */
    L->zc = left + negoff + (int)((lround(maxneg * L->scale * 8) + 7) / 8);
    return 0;
}

/* Draws bar v (value text txt) on row y. */
static void draw_bar(struct canvas *cv, const struct glyphs *g,
                     const struct bar_layout *L, int y, double v,
                     const char *txt)
{
    long e, k, full, part;
    int fg = v < 0 ? COL_SERIES2 : COL_SERIES1, x;

    if (!isfinite(v)) {
        canvas_puts(cv, L->zc + 1, y, txt, COL_LABEL, ATTR_DIM, -1);
        return;
    }
    e = lround(fabs(v) * L->scale * 8);
    if (v != 0 && e < (g->unicode ? 1 : 4))
        e = g->unicode ? 1 : 4;
    full = e / 8;
    part = e % 8;
    if (v >= 0) {
        for (k = 0, x = L->zc + 1; k < full; k++, x++)
            canvas_putc(cv, x, y, g->eighths[8], fg, 0);
        if (part && g->eighths[part] != L' ')
            canvas_putc(cv, x++, y, g->eighths[part], fg, 0);
        if (L->vpos)
            canvas_puts(cv, x + 1, y, txt, COL_LABEL, 0, -1);
    } else {
        for (k = 0, x = L->zc - 1; k < full; k++, x--)
            canvas_putc(cv, x, y, g->eighths[8], fg, 0);
        if (part && g->right_eighths[part] != L' ')
            canvas_putc(cv, x--, y, g->right_eighths[part], fg, 0);
        if (L->vneg)
            canvas_puts(cv, x - text_width(txt), y, txt, COL_LABEL, 0, -1);
    }
}

int chart_draw_bar(const struct chart *c, struct canvas *cv,
                   const struct glyphs *g, char *err, size_t n)
{
    const struct array *v = c->bar_values;
    size_t nv = array_len(v), i, shown;
    int title = c->title && *c->title, xlabel = c->xlabel && *c->xlabel;
    int ylabel = c->ylabel && *c->ylabel, avail, gap, row, w;
    double maxpos = 0, maxneg = 0;
    struct bar_layout L = { 0 };
    char buf[64];

    for (i = 0; i < nv; i++) {
        double x = v->data[i];

        value_label(x, 3, buf, sizeof buf);
        w = text_width(buf);
        if (isfinite(x) && x < 0) {
            maxneg = fmax(maxneg, -x);
            L.vneg = w > L.vneg ? w : L.vneg;
        } else {
            maxpos = isfinite(x) ? fmax(maxpos, x) : maxpos;
            L.vpos = w > L.vpos ? w : L.vpos;
        }
        if (c->labels)
            w = text_width(c->labels[i]);
        else
            w = snprintf(buf, sizeof buf, "%zu", i + 1);
        L.lw = w > L.lw ? w : L.lw;
    }
    if (L.lw > cv->w / 3)
        L.lw = cv->w / 3;
    while ((avail = cv->h - title - xlabel - ylabel) < 1
           && (title || xlabel || ylabel)) {
        if (xlabel)
            xlabel = 0;
        else if (ylabel)
            ylabel = 0;
        else
            title = 0;
    }
    if (bar_fit(&L, cv->w, maxpos, maxneg) < 0) {
        L.vpos = L.vneg = 0;            /* no room for the values */
        if (bar_fit(&L, cv->w, maxpos, maxneg) < 0) {
            L.lw = 0;
            if (avail < 1 || bar_fit(&L, cv->w, maxpos, maxneg) < 0)
                return chart_fail(err, n, "chart area too small");
        }
    }
    if (avail < 1)
        return chart_fail(err, n, "chart area too small");
    gap = nv > 1 && 2 * nv - 1 <= (size_t)avail;
    shown = nv <= (size_t)avail ? nv : (size_t)(avail > 1 ? avail - 1 : 1);
    row = 0;
    if (title)
        frame_centre(cv, 0, cv->w, row++, c->title, COL_TITLE, ATTR_BOLD,
                     g);
    if (ylabel)
        frame_put_clipped(cv, 0, row++, c->ylabel, cv->w, COL_LABEL, 0, g);
    for (i = 0; i < shown; i++) {
        int y = row + (int)i * (gap ? 2 : 1);

        if (L.lw) {
            const char *lab = c->labels ? c->labels[i] : buf;

            if (!c->labels)
                snprintf(buf, sizeof buf, "%zu", i + 1);
            w = text_width(lab);
            frame_put_clipped(cv, w < L.lw ? L.lw - w : 0, y, lab, L.lw,
                              COL_LABEL, 0, g);
        }
        canvas_putc(cv, L.zc, y, g->vline, COL_AXIS, 0);
        if (gap && i + 1 < shown)
            canvas_putc(cv, L.zc, y + 1, g->vline, COL_AXIS, 0);
        value_label(v->data[i], 3, buf, sizeof buf);
        draw_bar(cv, g, &L, y, v->data[i], buf);
    }
    if (shown < nv) {
        snprintf(buf, sizeof buf, "(%zu more)", nv - shown);
        canvas_puts(cv, 0, row + (int)shown, buf, COL_LABEL, ATTR_DIM, -1);
    }
    if (xlabel)
        frame_centre(cv, L.lw ? L.lw + 1 : 0, cv->w - (L.lw ? L.lw + 1 : 0),
                     row + (int)(shown < nv ? shown + 1
                                 : gap ? 2 * shown - 1 : shown),
                     c->xlabel, COL_LABEL, 0, g);
    return 0;
}
