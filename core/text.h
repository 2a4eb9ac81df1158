/* SPDX-License-Identifier: MIT */
/* Light markup laid out by display width into a canvas. */
#ifndef NNT_TEXT_H
#define NNT_TEXT_H

#include "canvas.h"
#include "glyphs.h"

/*
 * Markup: blank lines separate paragraphs; `**bold**`; `` `code` ``; a line
 * starting with "- " is a bullet (hanging indent); a single newline inside
 * a paragraph is a space, except before a bullet.  Lines are wrapped at w
 * display columns: Latin text at spaces (over-long words are split), CJK
 * text between any two characters, never before closing punctuation.
 */

/* Makes out a w-column canvas holding the laid-out text (height as needed,
 * at least 1).  Returns 0, or -1 if out of memory. */
int text_render(const char *markup, int w, const struct glyphs *g,
                struct canvas *out);

#endif
