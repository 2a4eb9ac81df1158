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

/* Merges the layout's bins into cols columns, each showing the largest
 * count of the bins it covers (when there are more bins than columns);
 * fills out (nseries x cols). */
static void merge_bins(const struct chart_layout *L, int cols, size_t *out)
{
    int i, b, x;

    memset(out, 0, (size_t)L->nseries * (size_t)cols * sizeof *out);
    for (i = 0; i < L->nseries; i++)
        for (b = 0; b < L->bins; b++) {
            size_t v = L->counts[(size_t)i * (size_t)L->bins + (size_t)b];

            x = (int)((long long)b * cols / L->bins);
            if (v > out[(size_t)i * (size_t)cols + (size_t)x])
                out[(size_t)i * (size_t)cols + (size_t)x] = v;
        }
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

int chart_draw_histogram(const struct chart *c,
                         const struct chart_layout *L, struct canvas *cv,
                         const struct glyphs *g, char *err, size_t n)
{
    struct legend_item items[MAX_LEGEND];
    char names[MAX_LEGEND][CHART_NAME_MAX];
    struct frame_spec fs = { 0 };
    struct layout_shown shown = { .kind = CHART_HISTOGRAM };
    struct frame f;
    size_t *merged = NULL;
    const size_t *counts = L->counts;
    int i, bins = L->bins;

    for (i = 0; i < c->nseries; i++)
        if (c->series[i].name && *c->series[i].name && fs.nitems < MAX_LEGEND) {
            items[fs.nitems].name = chart_series_name(c, i, names[fs.nitems],
                                                      sizeof names[fs.nitems]);
            look_legend(i, USE_BARS, g, items[fs.nitems].glyph);
            if (c->nseries == 1)
                items[fs.nitems].glyph[0] = fill_glyph(g, i, 0);
            items[fs.nitems].fg = SERIES_COLOUR(i);
            fs.nitems++;
        }
    if (!L->total)
        return chart_fail(err, n, "histogram: every value is NaN or "
                          "infinite");
    fs.title = c->title;
    fs.xlabel = c->xlabel;
    fs.ylabel = c->ylabel;
    fs.items = items;
    fs.layout = L;
    fs.x.la = &L->x;
    fs.x.edge = 1;
    fs.y.la = &L->y;
    if (frame_layout(&fs, cv, &f, err, n) < 0)
        return -1;
    if (bins > f.pw) {                  /* more bins than columns */
        merged = malloc((size_t)(L->nseries ? L->nseries : 1)
                        * (size_t)f.pw * sizeof *merged);
        if (!merged)
            return chart_fail(err, n, "out of memory");
        merge_bins(L, f.pw, merged);
        counts = merged;
        bins = f.pw;
    }
    f.pw = f.pw / bins * bins;          /* every bin as wide */
    frame_draw(&fs, &f, cv, g);
    draw_bins(c, cv, g, &f, counts, bins);
    shown.bins = L->bins;
    shown.nseries = L->nseries;
    shown.counts = L->counts;
    frame_trace(&f, &shown);
    free(merged);
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

int chart_draw_bar(const struct chart *c, const struct chart_layout *Lo,
                   struct canvas *cv, const struct glyphs *g, char *err,
                   size_t n)
{
    struct layout_shown sh = { .kind = CHART_BAR };
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
        if (isfinite(x) && x < 0)
            L.vneg = w > L.vneg ? w : L.vneg;
        else
            L.vpos = w > L.vpos ? w : L.vpos;
        if (c->labels)
            w = text_width(c->labels[i]);
        else
            w = snprintf(buf, sizeof buf, "%zu", i + 1);
        L.lw = w > L.lw ? w : L.lw;
    }
    maxpos = fmax(0, Lo->x.hi);         /* the layout's value range */
    maxneg = fmax(0, -Lo->x.lo);
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
    sh.x0 = maxneg > 0 ? -maxneg : 0;   /* ticks: none on the canvas */
    sh.x1 = maxpos;
    sh.y0 = Lo->y.lo;
    sh.y1 = Lo->y.hi;
    layout_trace("canvas", &sh);
    return 0;
}
