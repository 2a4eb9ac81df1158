/* SPDX-License-Identifier: MIT */
/* Glyph tables: Unicode (braille, blocks, box drawing) and pure ASCII. */
#include <langinfo.h>
#include <string.h>
#include <strings.h>

#include "glyphs.h"

#define UNICODE_TABLE(is_mono)                                             \
    {                                                                      \
        .unicode = 1,                                                      \
        .hline = 0x2500, .vline = 0x2502,                                  \
        .corner_bl = 0x2514, .corner_tl = 0x250C,                          \
        .corner_tr = 0x2510, .corner_br = 0x2518,                          \
        .tick_x = 0x252C, .tick_y = 0x2524,                                \
        .bullet = 0x2022, .check = 0x2713, .cross = 0x2717,                \
        .eighths = { L' ', 0x258F, 0x258E, 0x258D, 0x258C,                 \
                     0x258B, 0x258A, 0x2589, 0x2588 },                     \
        .vert_eighths = { L' ', 0x2581, 0x2582, 0x2583, 0x2584,            \
                          0x2585, 0x2586, 0x2587, 0x2588 },                \
        .half_upper = 0x2580,                                              \
        .point = 0x2022,                                                   \
        .contour = 0x00B7,                                                 \
        .half_lower = 0x2584,                                              \
        .right_eighths = { L' ', 0x2595, 0x2595, 0x2590, 0x2590,           \
                           0x2590, 0x2588, 0x2588, 0x2588 },               \
        .marker = 0x00D7,                                                  \
        .shade = { L' ', L'.', L':', L'-', L'=', L'+', L'*', L'#', L'%',   \
                   L'@' },                                                 \
        .ellipsis = 0x2026,                                                \
        .mono = (is_mono),                                                 \
    }

#define ASCII_TABLE(is_mono)                                               \
    {                                                                      \
        .unicode = 0,                                                      \
        .hline = L'-', .vline = L'|',                                      \
        .corner_bl = L'+', .corner_tl = L'+',                              \
        .corner_tr = L'+', .corner_br = L'+',                              \
        .tick_x = L'+', .tick_y = L'+',                                    \
        .bullet = L'*', .check = L'v', .cross = L'x',                      \
        .eighths = { L' ', L' ', L' ', L' ', L'#', L'#', L'#', L'#',       \
                     L'#' },                                               \
        .vert_eighths = { L' ', L' ', L' ', L' ', L'#', L'#', L'#', L'#',  \
                          L'#' },                                          \
        .half_upper = L'#',                                                \
        .point = L'*',                                                     \
        .contour = L'~',                                                   \
        .half_lower = L'#',                                                \
        .right_eighths = { L' ', L' ', L' ', L' ', L'#', L'#', L'#', L'#', \
                           L'#' },                                         \
        .marker = L'X',                                                    \
        .shade = { L' ', L'.', L':', L'-', L'=', L'+', L'*', L'#', L'%',   \
                   L'@' },                                                 \
        .ellipsis = L'~',                                                  \
        .mono = (is_mono),                                                 \
    }

static const struct glyphs unicode_glyphs = UNICODE_TABLE(0);
static const struct glyphs unicode_mono_glyphs = UNICODE_TABLE(1);
static const struct glyphs ascii_glyphs = ASCII_TABLE(0);
static const struct glyphs ascii_mono_glyphs = ASCII_TABLE(1);

const struct glyphs *glyphs_get(int unicode)
{
    return unicode ? &unicode_glyphs : &ascii_glyphs;
}

const struct glyphs *glyphs_get_mono(int unicode)
{
    return unicode ? &unicode_mono_glyphs : &ascii_mono_glyphs;
}

int glyphs_locale_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);

    return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}
