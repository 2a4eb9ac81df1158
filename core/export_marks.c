/* SPDX-License-Identifier: MIT */
/* SVG series looks: the marker shapes and the hatched histogram fills. */
#include <stdio.h>

#include "chart_style.h"
#include "export_impl.h"

/* Writes the marker of look l centred on (x, y), r px in radius: the
 * same shape as the terminal's cell marker (•, ○, ◆, ▲, ×, +, ■, ◇). */
void svg_put_marker(FILE *f, const struct series_look *l, double x,
                    double y, double r)
{
    const char *col = l->svg;
    double d = r * 1.35;

    switch (l->shape) {
    case SHAPE_RING:
    case SHAPE_DOT:
        fputs("<circle", f);
        svg_put_attr(f, "cx", x);
        svg_put_attr(f, "cy", y);
        svg_put_attr(f, "r", l->shape == SHAPE_RING ? r * 0.9 : r);
        break;
    case SHAPE_SQUARE:
        svg_open_rect(f, x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
        break;
    case SHAPE_CROSS:
    case SHAPE_PLUS:
        fputs("<path d=\"M", f);
        if (l->shape == SHAPE_CROSS) {
            d = r * 0.95;
            svg_put_px(f, x - d); fputc(' ', f); svg_put_px(f, y - d);
            fputc('L', f);
            svg_put_px(f, x + d); fputc(' ', f); svg_put_px(f, y + d);
            fputc('M', f);
            svg_put_px(f, x - d); fputc(' ', f); svg_put_px(f, y + d);
            fputc('L', f);
            svg_put_px(f, x + d); fputc(' ', f); svg_put_px(f, y - d);
        } else {
            svg_put_px(f, x - d); fputc(' ', f); svg_put_px(f, y);
            fputc('L', f);
            svg_put_px(f, x + d); fputc(' ', f); svg_put_px(f, y);
            fputc('M', f);
            svg_put_px(f, x); fputc(' ', f); svg_put_px(f, y - d);
            fputc('L', f);
            svg_put_px(f, x); fputc(' ', f); svg_put_px(f, y + d);
        }
        fprintf(f, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\" "
                "stroke-dasharray=\"none\"/>\n", col);
        return;
    case SHAPE_TRIANGLE:
    case SHAPE_DIAMOND:
    case SHAPE_OPEN_DIAMOND:
    default:
        fputs("<polygon points=\"", f);
        if (l->shape == SHAPE_TRIANGLE) {
            svg_put_px(f, x); fputc(',', f); svg_put_px(f, y - d);
            fputc(' ', f);
            svg_put_px(f, x + d); fputc(',', f); svg_put_px(f, y + d * 0.75);
            fputc(' ', f);
            svg_put_px(f, x - d); fputc(',', f); svg_put_px(f, y + d * 0.75);
        } else {
            svg_put_px(f, x); fputc(',', f); svg_put_px(f, y - d);
            fputc(' ', f);
            svg_put_px(f, x + d); fputc(',', f); svg_put_px(f, y);
            fputc(' ', f);
            svg_put_px(f, x); fputc(',', f); svg_put_px(f, y + d);
            fputc(' ', f);
            svg_put_px(f, x - d); fputc(',', f); svg_put_px(f, y);
        }
        fputc('"', f);
        break;
    }
    if (l->shape == SHAPE_RING || l->shape == SHAPE_OPEN_DIAMOND)
        fprintf(f, " fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"1.5\" "
                "stroke-dasharray=\"none\"/>\n", col);
    else
        fprintf(f, " fill=\"%s\" stroke=\"none\"/>\n", col);
}

/* Writes the bar fills of several histogram series: series i is filled
 * with pattern nnt-fill-i, its colour crossed by white hatching that
 * differs by series (none, /, \\, x; then again), so the bars stay
 * apart on a grey printout too. */
void svg_put_fills(FILE *f, int n)
{
    static const char *const hatch[] = {
        "", "M0 6L6 0", "M0 0L6 6", "M0 6L6 0M0 0L6 6"
    };
    int i;

    fputs("<defs>\n", f);
    for (i = 0; i < n; i++) {
        fprintf(f, "<pattern id=\"nnt-fill-%d\" width=\"6\" height=\"6\" "
                "patternUnits=\"userSpaceOnUse\"><rect width=\"6\" "
                "height=\"6\" fill=\"%s\"/>", i, series_look(i)->svg);
        if (hatch[i % 4][0])
            fprintf(f, "<path d=\"%s\" stroke=\"#ffffff\" "
                    "stroke-width=\"1.3\"/>", hatch[i % 4]);
        fputs("</pattern>\n", f);
    }
    fputs("</defs>\n", f);
}
