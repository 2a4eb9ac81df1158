/* SPDX-License-Identifier: MIT */
/* Glyph tables chosen at run time: Unicode (braille, blocks) or ASCII. */
#ifndef NNT_GLYPHS_H
#define NNT_GLYPHS_H

#include <wchar.h>

struct glyphs {
    int unicode;                /* 1: braille, blocks, box drawing */
    wchar_t hline, vline, corner_bl, corner_tl, corner_tr, corner_br;
    wchar_t tick_x, tick_y;     /* tick marks on the x and y axes */
    wchar_t bullet, check, cross;
    wchar_t eighths[9];         /* 0..8 eighths of a horizontal bar */
    wchar_t vert_eighths[9];    /* 0..8 eighths of a vertical bar */
    wchar_t half_upper;         /* upper half block (heatmaps) */
    wchar_t point;              /* a point (series marks: chart_style.h) */
    wchar_t contour;            /* contour mark */
    /* the chart module may add fields below */
    wchar_t half_lower;         /* lower half block (heatmap NaN rows) */
    wchar_t right_eighths[9];   /* 0..8 eighths of a bar growing left */
    wchar_t marker;             /* heatmap marker */
    wchar_t shade[10];          /* heatmap levels without colour */
    wchar_t ellipsis;           /* marks truncated text */
    int mono;                   /* 1: no colours, charts use shapes only */
};

/* Returns the Unicode or the ASCII glyph table. */
const struct glyphs *glyphs_get(int unicode);
/* Returns the table for a front-end without colours (NO_COLOR, plain
 * output): heatmaps are drawn with shade characters instead. */
const struct glyphs *glyphs_get_mono(int unicode);
/* Returns 1 if the current locale's codeset is UTF-8. */
int glyphs_locale_utf8(void);

#endif
