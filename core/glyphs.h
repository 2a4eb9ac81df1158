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
    wchar_t point;              /* ASCII point mark */
    wchar_t contour;            /* contour mark */
    /* the chart module may add fields below */
};

/* Returns the Unicode or the ASCII glyph table. */
const struct glyphs *glyphs_get(int unicode);
/* Returns 1 if the current locale's codeset is UTF-8. */
int glyphs_locale_utf8(void);

#endif
