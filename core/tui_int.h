/* SPDX-License-Identifier: MIT */
/* What the TUI's files share: its state and the drawing functions. */
#ifndef NNT_TUI_INT_H
#define NNT_TUI_INT_H

#include <wchar.h>

#include "glyphs.h"
#include "page.h"
#include "progress.h"
#include "session.h"
#include "tui.h"

#define MIN_W 60
#define MIN_H 20
#define SIDE_BY_SIDE_W 110
#define ANCHOR_END 0x7fffffff   /* tui.anchor: keep the end in view */      /* wider than this: text left, chart right */

/* A lesson in the menu. */
struct menu_item {
    char *path, *id, *title, *label;    /* label: progress */
    int nsteps;
    int done;                   /* the lesson was finished */
};

/* A claim a step showed in this run (for the summary). */
struct seen_claim {
    int step;
    char *text;
    int ok;
};

/* Everything the TUI keeps while it runs. */
struct tui {
    const struct tui_opts *o;
    const struct glyphs *g;
    int colour;
    int colours[COL_COUNT];
    short pairs[COL_COUNT][COL_COUNT];
    int npairs;
    const char *lang;
    /* the lesson on screen */
    struct session r;           /* the lesson's worker */
    int open;
    struct page pg;
    const struct request *req;
    int scroll;
    int anchor;                 /* a block to show from its first line
                                   (what just arrived), ANCHOR_END: the
                                   end, or -1: the student scrolls */
    int summary;                /* the end-of-lesson summary is shown */
    int revisit[9], nrevisit;   /* its steps to revisit (keys 1-9) */
    struct seen_claim *claims;  /* claims shown in this run */
    int nclaims;
    unsigned char *ran;         /* ran[i]: step i ran in this run */
    int nran;
    int help;
    int zoom;                   /* the chart fills the screen */
    double redraw_ms;           /* the last explore redraw took, or -1 */
    char status[512];
    int status_bad;
    int status_progress;        /* the status shows a call's progress */
    struct progress prog;
    int failed;                 /* errors and false claims seen */
    int quit;                   /* 1: leave the lesson, 2: leave all */
    /* keys typed while a step computed, handled after it (typeahead) */
    struct { int code; wint_t ch; } ahead[16];
    int nahead;
};

/* Returns milliseconds on a monotonic clock (tui.c). */
double tui_now_ms(void);
/* Takes in the step's next request (tui.c). */
void tui_take(struct tui *t, const struct request *q);
/* Handles a key on an explore screen (tui_explore.c): moves, cycles or
 * toggles the selected control, selects another, fits the axes.  Returns
 * 1 if the key was the screen's, else 0. */
int tui_explore_key(struct tui *t, int code, wint_t ch);
/* Returns the explore screen's key hints for the selected control. */
const char *tui_explore_hints(const struct tui *t);
/* Copies the open explore screen's control values into *keep (names and
 * values) and keeps its axes for the step run again; returns how many
 * (0 and NULL when no screen is open). */
int tui_explore_keep(struct tui *t, struct slider **keep);
/* Frees what tui_explore_keep copied. */
void tui_explore_free_keep(struct slider *keep, int n);
/* Returns en or zh in the TUI's language. */
const char *tui_tr(const struct tui *t, const char *en, const char *zh);
/* Sets the status line message (printf-style). */
void tui_status(struct tui *t, int bad, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Chooses colours for the terminal (none with NO_COLOR). */
void tui_colours(struct tui *t);
/* Draws the status line. */
void tui_draw_status(struct tui *t);
/* Draws the whole lesson view (or the too-small notice). */
void tui_draw_lesson(struct tui *t);
/* Saves progress (merged with what other runs saved), telling the
 * student if it could not or if it set a bad file aside. */
void tui_save_progress(struct tui *t);
/* Shows the end of the lesson (tui_summary.c): the score, the
 * exercises, what the steps showed (the claims seen in this run) and the
 * steps to revisit (a quiz missed, an exercise not passed, a step not
 * seen), which the keys 1-9 open. */
void tui_show_summary(struct tui *t);
/* Says in the status line what the summary's keys do: the number keys
 * only when steps are listed to go back to. */
void tui_summary_status(struct tui *t);
/* Draws the menu of lessons. */
void tui_draw_menu(struct tui *t, const struct menu_item *items, int n,
                   int sel);

#endif
