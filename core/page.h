/* SPDX-License-Identifier: MIT */
/* What one step has shown so far, kept so an interactive front-end can lay
 * it out again at any size.  No curses here: it renders into canvases. */
#ifndef NNT_PAGE_H
#define NNT_PAGE_H

#include "canvas.h"
#include "chart.h"
#include "frontend.h"
#include "glyphs.h"

enum block_kind { BLOCK_SAY, BLOCK_CLAIM, BLOCK_PRINT, BLOCK_QUIZ,
                  BLOCK_NOTE, BLOCK_ERROR };

/* One piece of the narrative. */
struct block {
    enum block_kind kind;
    char *text;                 /* say, claim, print, note, error */
    int ok;                     /* claim verdict */
    /* quiz */
    char **choices;
    int nchoices, answer, chosen; /* chosen 0 = not yet */
    char *explain;
};

struct page {
    const char *lang;           /* "en" or "zh", for the page's own words */
    int step, nsteps;
    struct block *blocks;
    int nblocks;
    struct chart **charts;      /* clones, owned */
    int ncharts;
    int chart_sel;              /* the chart shown (index) */
    int quizzes;                /* quizzes asked in this step */
    /* explore: what the first drawing started from, and the sliders */
    int exploring;
    int base_blocks, base_charts;
    int keep_sel;               /* chart shown, relative to base_charts */
    struct slider *sliders;
    int nsliders, slider_sel;
};

/* Empties the page for a new step. */
void page_reset(struct page *pg, int step, int nsteps);
/* Frees everything the page holds. */
void page_free(struct page *pg);
/* Appends a narrative block (text is copied). */
void page_add(struct page *pg, enum block_kind kind, const char *text,
              int ok);
/* Appends a quiz awaiting an answer. */
void page_quiz(struct page *pg, const struct quiz *q);
/* Records the answer to the pending quiz; returns 1 if it was right. */
int page_answer(struct page *pg, int choice);
/* Returns the quiz block awaiting an answer, or NULL. */
struct block *page_pending_quiz(struct page *pg);
/* Keeps a copy of a chart and shows it. */
void page_chart(struct page *pg, const struct chart *c);
/* An explore screen draws (again): drops what its last drawing added. */
void page_draw(struct page *pg);
/* The explore screen's sliders (copied); n = 0 closes it. */
void page_sliders(struct page *pg, const struct slider *s, int n);
/* Returns the chart shown, or NULL. */
const struct chart *page_current_chart(const struct page *pg);
/* Lays out the narrative at width w into out (as tall as needed).
 * Returns 0, or -1 if out of memory. */
int page_render(const struct page *pg, int w, const struct glyphs *g,
                struct canvas *out);
/* Draws the slider panel (one row per slider) into out at width w.
 * Returns 0, or -1 if out of memory. */
int page_render_sliders(const struct page *pg, int w, const struct glyphs *g,
                        struct canvas *out);

#endif
