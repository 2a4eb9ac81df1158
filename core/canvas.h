/* SPDX-License-Identifier: MIT */
/* A grid of character cells with colours: what every front-end prints. */
#ifndef NNT_CANVAS_H
#define NNT_CANVAS_H

#include <stdint.h>
#include <wchar.h>

/* Colour indices into the front-end's palette; COL_DEFAULT is no colour. */
enum colour {
    COL_DEFAULT = 0,
    COL_SERIES1, COL_SERIES2, COL_SERIES3, COL_SERIES4,
    COL_SERIES5, COL_SERIES6, COL_SERIES7, COL_SERIES8,
    COL_AXIS, COL_LABEL, COL_TITLE, COL_GOOD, COL_BAD, COL_CODE,
    COL_HEAT0,                  /* COL_HEAT0 .. COL_HEAT0 + HEAT_LEVELS - 1 */
    COL_COUNT = COL_HEAT0 + 8
};
#define HEAT_LEVELS 8

#define ATTR_BOLD 0x1
#define ATTR_DIM  0x2

/* One cell.  A double-width character occupies its cell and the next,
 * whose ch is 0 (a continuation). */
struct cell {
    wchar_t ch;
    wchar_t comb;               /* a combining mark on ch (β̂), or 0 */
    uint8_t fg, bg;             /* enum colour; bg COL_DEFAULT = none */
    uint8_t attr;
};

struct canvas {
    int w, h;
    struct cell *cells;         /* h rows of w cells */
};

/* Makes a w x h canvas of blanks; returns 0, or -1 if out of memory. */
int canvas_init(struct canvas *cv, int w, int h);
/* Frees the cells. */
void canvas_free(struct canvas *cv);
/* Returns the cell at (x, y), or NULL outside the canvas. */
struct cell *canvas_at(struct canvas *cv, int x, int y);
/* Puts one character; handles double width.  Returns its width (0 if
 * clipped). */
int canvas_putc(struct canvas *cv, int x, int y, wchar_t ch, int fg,
                int attr);
/* Puts UTF-8 text from (x, y), clipped at max_w columns (or the edge when
 * max_w < 0).  Returns the columns used. */
int canvas_puts(struct canvas *cv, int x, int y, const char *utf8, int fg,
                int attr, int max_w);
/* Puts UTF-8 text from (x, y) in at most max_w columns (or to the edge
 * when max_w < 0); text that does not fit is cut and ends with the
 * ellipsis glyph.  Returns the columns used. */
int canvas_puts_fit(struct canvas *cv, int x, int y, const char *utf8,
                    int fg, int attr, int max_w, wchar_t ellipsis);
/* Returns the display width of UTF-8 text (wcwidth; controls count 0). */
int text_width(const char *utf8);
/* Writes row y as UTF-8 (no colour), trailing blanks trimmed, into buf of
 * size n; returns the byte length. */
int canvas_row_utf8(const struct canvas *cv, int y, char *buf, int n);

#endif
