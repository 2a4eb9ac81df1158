/* SPDX-License-Identifier: MIT */
/* A student's progress per lesson, kept under $XDG_STATE_HOME/nntutor. */
#ifndef NNT_PROGRESS_H
#define NNT_PROGRESS_H

#include <stddef.h>

#define PROGRESS_MAX_NAME 64            /* bytes of an exercise's name */
#define PROGRESS_LABEL_SIZE 96          /* room for any progress_label */

/* Steps from..to (1-based, inclusive) that were shown. */
struct step_range {
    int from, to;
};

/* How one quiz ended, worst first (the merge keeps the better). */
enum quiz_outcome {
    QUIZ_SKIPPED,               /* no choice and not revealed */
    QUIZ_WRONG,                 /* a wrong final choice, not revealed */
    QUIZ_REVEALED,              /* the answer was shown */
    QUIZ_EVENTUALLY,            /* right, after wrong tries */
    QUIZ_FIRST_TIME             /* right at the first try */
};

/* The outcome of one quiz. */
struct quiz_answer {
    int step;                   /* 1-based step */
    int index;                  /* 1-based quiz number within the step */
    int choice;                 /* the final 1-based choice, 0 = none */
    int right;                  /* 1 if the student picked the right one
                                   themselves (never when revealed) */
    int wrong;                  /* wrong tries before the final choice */
    int revealed;               /* 1 if the answer was shown, on request
                                   or after two wrong tries */
};

/* What a student did in one exercise. */
struct exercise_record {
    char name[PROGRESS_MAX_NAME + 1];   /* [A-Za-z_][A-Za-z0-9_]* */
    int step;                   /* the step it was presented in, 0 =
                                   unknown (say, done in watch mode) */
    int passed;                 /* 1 if a check ever passed */
    int revealed;               /* 1 if the solution was ever shown */
    int hints;                  /* hints shown (the most in any run) */
    int checks;                 /* checks run (the most any run counted) */
};

/* What a student did in one lesson. */
struct progress {
    char *id;                   /* lesson id */
    int step;                   /* step to resume at (1-based), 0 = new */
    int furthest;               /* furthest step shown */
    int nsteps;                 /* the lesson's steps when last saved */
    int complete;               /* the last step was shown */
    struct step_range *seen;    /* the steps shown: sorted, disjoint and
                                   never adjacent, within 1..furthest */
    int nseen;
    struct quiz_answer *answers;
    int nanswers;
    struct exercise_record *exercises;
    int nexercises;
};

/* A lesson's score, for lists and summaries. */
struct progress_score {
    int nsteps, seen;           /* the lesson's steps, and those shown */
    int quizzes;                /* quiz records (answered, revealed or
                                   skipped) */
    int first_time, eventually, revealed, skipped;  /* by outcome */
    int exercises;              /* exercises the lesson declares */
    int ex_passed;              /* passed without revealing the solution */
    int ex_revealed;            /* solution shown (passed or not) */
    int wrong;                  /* quizzes left wrong, not revealed */
};

/*
 * The file, DIR/ID.progress, is text, one record a line, fields split by
 * single spaces, numbers decimal from 0 to 999999999:
 *
 *     nntutor-progress 2
 *     lesson ID
 *     step STEP                 where to resume, 0 = new
 *     furthest STEP
 *     steps NSTEPS
 *     complete 0|1
 *     seen RANGES               optional: steps shown, as 1-3,5,7-9 (from
 *                               low to high, none twice; within 1..furthest)
 *     quiz STEP INDEX CHOICE RIGHT WRONG REVEALED     one per quiz
 *     exercise NAME STEP PASSED REVEALED HINTS CHECKS one per exercise
 *
 * The first six lines come once each, in any order after the header; a
 * quiz (step, index) or an exercise name comes at most once.  A quiz that
 * is RIGHT has a CHOICE and is not REVEALED.  Saves write the lines in
 * the order above, quizzes by step and index, exercises by name.
 *
 * Version 1 files ("nntutor-progress 1") still load: they have no seen or
 * exercise lines, and their quiz lines are "quiz STEP INDEX CHOICE RIGHT"
 * (CHOICE at least 1), read as outcomes with no wrong tries, not
 * revealed; no steps count as seen.  The next save writes version 2.
 */

/* Loads the progress of lesson id from dir into p (an empty record when
 * there is none).  Returns 0; or 1 when the file was corrupt or
 * unreadable: it is renamed aside to FILE.bad-TIME (never deleted), p is
 * empty, and warn says what happened and where the backup is.  Warnings
 * name the line and field at fault, never the file's bytes. */
int progress_load(const char *dir, const char *id, struct progress *p,
                  char *warn, size_t n);
/* Saves p so that progress only grows, even with several runs of the
 * lesson at once.  Under an exclusive flock on DIR/.ID.lock (held for
 * load, merge, write and rename) it removes temporary files that killed
 * saves left (every .ID.progress.XXXXXX of this id, and those of other
 * ids older than an hour), reads the record on disk, merges it into p
 * with progress_merge, and writes the result atomically (temp file,
 * fsync, rename, fsync of dir, which it creates 0700 if missing).  p is
 * left holding the merged record (quizzes and exercises sorted), so
 * later saves stay monotone.
 * Returns 0; 1 when it saved but found a corrupt or unreadable record
 * and kept it as FILE.bad-TIME (err says so); or -1 with a reason naming
 * the file in err (a bad record that cannot be moved aside is left in
 * place, and nothing is saved). */
int progress_save(const char *dir, struct progress *p, char *err,
                  size_t n);
/* Merges old (the record on disk) into p (the saver's):
 * - furthest: the larger of the two, capped at the saver's steps (the
 *   lesson may have got shorter);
 * - complete: either one (once done, always done);
 * - step (where to resume) and steps: the saver's, latest wins; a saver
 *   with no position yet (step 0) takes old's;
 * - seen steps: the union, less those past furthest;
 * - quizzes: the union, keyed by (step, index); for a key in both, the
 *   better outcome (enum quiz_outcome: right first time, right
 *   eventually, revealed, wrong, skipped) is kept, and on a tie the
 *   saver's (the latest).  The result is sorted by step, then index;
 * - exercises: the union, keyed by name; for a name in both, passed and
 *   revealed are or'ed, hints and checks the larger, and step the
 *   saver's unless it is 0.  The result is sorted by name. */
void progress_merge(struct progress *p, const struct progress *old);
/* Records that step (1-based) of nsteps was shown: it resumes there, and
 * the step counts as seen. */
void progress_visit(struct progress *p, int step, int nsteps);
/* Returns 1 if step was shown, else 0. */
int progress_seen(const struct progress *p, int step);
/* Records how quiz index of step ended, replacing what this run recorded
 * for it (the merge at save time keeps the better of this and the file):
 * the final choice (0 = none), right if the student picked the right one
 * themselves, the wrong tries before, and revealed if the answer was
 * shown.  A revealed answer is never right: revealed clears right.  A
 * quiz with choice 0, not revealed, is skipped. */
void progress_quiz(struct progress *p, int step, int index, int choice,
                   int right, int wrong, int revealed);
/* Returns how quiz a ended. */
enum quiz_outcome progress_outcome(const struct quiz_answer *a);
/* Records what was done in exercise name, raising what is there: passed
 * and revealed are or'ed, hints and checks kept at the larger, and step
 * set unless it is 0.  Returns 0, or -1 (nothing recorded) when name is
 * not 1 to PROGRESS_MAX_NAME bytes of [A-Za-z_][A-Za-z0-9_]*. */
int progress_exercise(struct progress *p, const char *name, int step,
                      int passed, int revealed, int hints, int checks);
/* Returns the record of exercise name, or NULL. */
const struct exercise_record *progress_find_exercise(const struct progress *p,
                                                     const char *name);
/* Fills s with p's score; nexercises is how many exercises the lesson
 * declares (its header says).  An exercise counts in ex_passed when it
 * passed and its solution was never shown, and in ex_revealed when the
 * solution was shown, passed afterwards or not (so passing after
 * revealing counts as revealed, not passed).  Records of exercises the
 * lesson no longer declares count too: ex_passed + ex_revealed may pass
 * exercises. */
void progress_score(const struct progress *p, int nexercises,
                    struct progress_score *s);
/* Returns a label for lists in lang ("zh", else English), written to buf
 * of n bytes (PROGRESS_LABEL_SIZE is always enough):
 *   en: "new", "step 3/7 · quiz 2/3 · ex 0/1", "done · quiz 3/4 · ex 1/1"
 *   zh: "未开始", "第 3/7 步 · 测验 2/3 · 练习 0/1",
 *       "已完成 · 测验 3/4 · 练习 1/1"
 * The position is "new" until a step is shown, then "step FURTHEST/STEPS",
 * then "done"; a record with nothing in it is just "new".  Quiz x/y is
 * right first time / quiz records, left out when there are none; ex x/y
 * is passed without revealing / nexercises (x never above y), left out
 * when nexercises is 0. */
const char *progress_label(const struct progress *p, int nexercises,
                           const char *lang, char *buf, size_t n);
/* Stores in steps (up to max of them) the distinct steps, lowest first,
 * that hold a quiz not right the first time, or an exercise whose
 * solution was shown or that has not passed (exercises of step 0 are
 * left out); returns how many it stored. */
int progress_revisit(const struct progress *p, int *steps, int max);
/* Removes the progress of id, or of every lesson when id is NULL.
 * Returns the number of records removed, or -1 with a reason in err. */
int progress_reset(const char *dir, const char *id, char *err, size_t n);
/* Frees what p holds and empties it. */
void progress_free(struct progress *p);

#endif
