/* SPDX-License-Identifier: MIT */
/* The series looks shared by the terminal painters, legends and SVG. */
#include "canvas.h"
#include "chart_style.h"

/* Series i has look i % SERIES_LOOKS.  Colours are readable on dark and
 * light terminals and on paper; on 8-colour terminals series 7 and 8 fall
 * back to the default colour and blue, and their markers and strokes
 * still tell them apart. */
static const struct series_look looks[SERIES_LOOKS] = {
    { COL_SERIES1, 33, 4, "#0087ff", 0x2022, L'*', SHAPE_DOT,
      DASH_SOLID, 0x2588, L'#' },               /* • blue, solid */
    { COL_SERIES2, 208, 1, "#ff8700", 0x25CB, L'o', SHAPE_RING,
      DASH_DASHED, 0x2593, L'o' },              /* ○ orange, dashed */
    { COL_SERIES3, 35, 2, "#00af5f", 0x25C6, L'+', SHAPE_DIAMOND,
      DASH_DOTTED, 0x2592, L'+' },              /* ◆ green, dotted */
    { COL_SERIES4, 161, 5, "#d7005f", 0x25B2, L'x', SHAPE_TRIANGLE,
      DASH_DASHDOT, 0x2591, L'x' },             /* ▲ crimson, dash-dot */
    { COL_SERIES5, 98, 6, "#875fd7", 0x00D7, L'%', SHAPE_CROSS,
      DASH_SOLID, 0x259A, L'%' },               /* × purple, solid */
    { COL_SERIES6, 136, 3, "#af8700", L'+', L'&', SHAPE_PLUS,
      DASH_DASHED, 0x259E, L'&' },              /* + ochre, dashed */
    { COL_SERIES7, 30, -1, "#008787", 0x25A0, L'@', SHAPE_SQUARE,
      DASH_DOTTED, 0x2599, L'@' },              /* ■ teal, dotted */
    { COL_SERIES8, 130, 4, "#af5f00", 0x25C7, L'=', SHAPE_OPEN_DIAMOND,
      DASH_DASHDOT, 0x259F, L'=' },             /* ◇ brown, dash-dot */
};

const struct series_look *series_look(int i)
{
    return &looks[(i < 0 ? -i : i) % SERIES_LOOKS];
}

int look_dash_on(enum line_dash dash, unsigned long step)
{
    switch (dash) {
    case DASH_DASHED:           /* 6 dots on, 4 off: 3 cells, 2 cells */
        return step % 10 < 6;
    case DASH_DOTTED:           /* every other dot */
        return step % 2 == 0;
    case DASH_DASHDOT:          /* 6 on, 3 off, 1 on, 3 off */
        step %= 13;
        return step < 6 || step == 9;
    case DASH_SOLID:
    default:
        return 1;
    }
}

const char *look_dasharray(enum line_dash dash)
{
    switch (dash) {
    case DASH_DASHED:
        return "7 4";
    case DASH_DOTTED:
        return "1.5 3.5";
    case DASH_DASHDOT:
        return "7 3.5 1.5 3.5";
    case DASH_SOLID:
    default:
        return NULL;
    }
}

wchar_t look_line_glyph(enum line_dash dash, const struct glyphs *g)
{
    static const wchar_t uni[] = { 0x2500, 0x254C, 0x2508, 0x2504 };
    static const wchar_t ascii[] = { L'-', L'-', L'.', L'~' };

    return (g->unicode ? uni : ascii)[dash % 4];
}

int look_legend(int i, enum look_use use, const struct glyphs *g,
                wchar_t out[LEGEND_GLYPHS + 1])
{
    const struct series_look *l = series_look(i);
    wchar_t mark = g->unicode ? l->mark : l->ascii_mark;
    wchar_t line = look_line_glyph(l->dash, g);
    int n = 0;

    switch (use) {
    case USE_POINTS:
        out[n++] = mark;
        break;
    case USE_BARS:
        out[n++] = g->unicode ? l->fill : l->ascii_fill;
        break;
    case USE_LINE:
        if (!g->unicode) {      /* ASCII lines are drawn in their mark */
            out[n++] = mark;
            out[n++] = mark;
            out[n++] = mark;
            break;
        }
        out[n++] = line;
        out[n++] = line;
        out[n++] = line;
        break;
    case USE_LINE_MARKED:
    default:
        out[n++] = g->unicode ? line : mark;
        out[n++] = mark;
        out[n++] = g->unicode ? line : mark;
        break;
    }
    out[n] = 0;
    return n;
}
