/* SPDX-License-Identifier: MIT */
/* The terminal front-end: menu, lesson view, quizzes, sliders (ncurses). */
#ifndef NNT_TUI_H
#define NNT_TUI_H

#include "host.h"

/* How the TUI runs lessons. */
struct paths;

struct tui_opts {
    struct host_opts ho;        /* lang, seed, export_dir, ... */
    int seed_given;
    int ascii;
    int restart;                /* --restart: ignore saved progress */
    const char *state_dir;      /* progress lives here (may be NULL) */
    const char *work_dir;       /* the student's exercise files */
    const struct paths *paths;  /* check the lesson's id (may be NULL) */
};

/* Returns 1 when stdin and stdout are terminals that can address the
 * cursor (TERM set, not dumb, has cup). */
int tui_usable(void);
/* Runs one lesson interactively; returns the exit status (0, 1 on a
 * lesson error or a false claim, 130 after Ctrl-C). */
int tui_lesson(const struct tui_opts *o, const char *path);
/* Shows the menu of the lessons at paths; Enter opens one.  Returns the
 * exit status. */
int tui_menu(const struct tui_opts *o, char **paths, int n);

#endif
