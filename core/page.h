/* SPDX-License-Identifier: MIT */
/* What one step has shown so far, kept so an interactive front-end can lay
 * it out again at any size.  No curses here: it renders into canvases. */
#ifndef NNT_PAGE_H
#define NNT_PAGE_H

#include "canvas.h"
#include "chart.h"
#include "chart_layout.h"
#include "frontend.h"
#include "glyphs.h"

enum block_kind { BLOCK_SAY, BLOCK_CLAIM, BLOCK_PRINT, BLOCK_QUIZ,
                  BLOCK_NOTE, BLOCK_ERROR, BLOCK_EXERCISE, BLOCK_CODE };

/* One piece of the narrative. */
struct block {
    enum block_kind kind;
    char *text;                 /* say, claim, print, note, error, code;
                                   a quiz's question; an exercise's
                                   statement */
    int ok;                     /* claim verdict */
    /* quiz */
    char **choices;
    char **why;                 /* why each wrong choice is wrong, or NULL */
    int nchoices, answer;
    int chosen;                 /* 0 = not yet, -1 = skipped, else the
                                   choice it ended on */
    int wrong;                  /* bit i-1: choice i was tried, wrong */
    int tries;                  /* wrong tries */
    int revealed;               /* the answer was shown, not found */
    char *explain;
    /* exercise */
    char *name, *title, *path, *solution, *message;
    char **hints;
    int nhints, shown;          /* hints, and how many are shown */
    int status, passed, total;  /* the last check (enum ex_status) */
    int checks;                 /* checks run while on the page */
};

/* What a try at the pending quiz came to. */
enum { TRY_AGAIN = 0, TRY_RIGHT = 1, TRY_REVEALED = 2 };
#define TRY_MAX_WRONG 2        /* wrong tries before the answer shows */

/* The axes an explore screen holds for the chart at one position, so
 * that they stay put while its controls move. */
struct held_axes {
    int kind;                   /* the chart's kind + 1; 0: nothing held */
    int xlog, ylog;
    int axes;                   /* EXTENT_X | EXTENT_Y: the axes held (not
                                   the spec's own xrange, yrange) */
    struct extent e;            /* the data they have had to show */
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
    struct held_axes *held;     /* by chart position on the screen */
    int nheld;
    struct held_axes *carry;    /* for the next explore screen to open */
    int ncarry;                 /* (kept by page_reset) */
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
/* A try at the pending quiz: TRY_RIGHT, TRY_AGAIN after a wrong choice
 * (its reason shows), or TRY_REVEALED after TRY_MAX_WRONG wrong ones
 * (the answer shows).  A choice already tried counts once. */
int page_try(struct page *pg, int choice);
/* Shows the pending quiz's answer (asked for). */
void page_reveal(struct page *pg);
/* Leaves the pending quiz unanswered (an explicit skip). */
void page_skip(struct page *pg);
/* Returns the quiz block awaiting an answer, or NULL. */
struct block *page_pending_quiz(struct page *pg);
/* Shows an exercise, or updates the last block of the same exercise
 * with e's result.  path is the student's file. */
struct block *page_exercise(struct page *pg, const struct exercise *e,
                            const char *path);
/* Returns the last exercise block, or NULL. */
struct block *page_last_exercise(struct page *pg);
/* Writes the heading of a failed check (status EX_FAIL or EX_ERROR):
 * "1 of 104 tests passed; the first that failed:" and the like, in lang
 * ("zh", else English). */
void exercise_verdict(int status, int passed, int total, const char *lang,
                      char *buf, size_t n);
/* Appends a block of code, shown as it is. */
void page_code(struct page *pg, const char *code);
/* Keeps a copy of a chart and shows it. */
void page_chart(struct page *pg, const struct chart *c);
/* An explore screen draws (again): drops what its last drawing added. */
void page_draw(struct page *pg);
/* The explore screen's controls (copied); n = 0 closes it. */
void page_sliders(struct page *pg, const struct slider *s, int n);
/* Holds the axes of chart c, at position k among the explore screen's
 * charts: the ranges it showed before, grown to take in c's data, are
 * set on c (a line or scatter chart's x and y, a histogram's x; never an
 * axis the lesson gave a range). */
void page_hold_axes(struct page *pg, int k, struct chart *c);
/* Fits the held axes to the charts' data now shown (the f key). */
void page_fit_axes(struct page *pg);
/* Keeps the held axes for the next explore screen that opens (a step
 * run again after a language switch). */
void page_carry_axes(struct page *pg);
/* A new explore screen: takes the carried axes, or holds none. */
void page_adopt_axes(struct page *pg);
/* Returns the chart shown, or NULL. */
const struct chart *page_current_chart(const struct page *pg);
/* Lays out the narrative at width w into out (as tall as needed); with
 * starts (pg->nblocks entries), also the row where each block begins.
 * Returns 0, or -1 if out of memory. */
int page_render(const struct page *pg, int w, const struct glyphs *g,
                struct canvas *out, int *starts);
/* Returns the rows the control panel takes at width w with up to avail
 * rows: one per control, or two (name and value above a slider as wide
 * as the panel) when a slider would be narrower than SLIDER_MIN_W cells
 * and the rows are there. */
int page_sliders_rows(const struct page *pg, int w, int avail);
#define SLIDER_MIN_W 24
/* Draws the control panel into out at width w in rows rows (from
 * page_sliders_rows): sliders with their value and range, choices with
 * the chosen name among the others, switches on or off.  Returns 0, or
 * -1 if out of memory. */
int page_render_sliders(const struct page *pg, int w, int rows,
                        const struct glyphs *g, struct canvas *out);

#endif
