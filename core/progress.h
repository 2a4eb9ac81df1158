/* SPDX-License-Identifier: MIT */
/* A student's progress per lesson, kept under $XDG_STATE_HOME/nntutor. */
#ifndef NNT_PROGRESS_H
#define NNT_PROGRESS_H

#include <stddef.h>

/* One recorded quiz answer. */
struct quiz_answer {
    int step;                   /* 1-based step */
    int index;                  /* 1-based quiz number within the step */
    int choice;                 /* the 1-based choice picked */
    int right;                  /* 1 if it was the right one */
};

/* What a student did in one lesson. */
struct progress {
    char *id;                   /* lesson id */
    int step;                   /* step to resume at (1-based), 0 = new */
    int furthest;               /* furthest step shown */
    int nsteps;                 /* the lesson's steps when last saved */
    int complete;               /* the last step was shown */
    struct quiz_answer *answers;
    int nanswers;
};

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
 * left holding the merged record, so later saves stay monotone.
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
 * - quiz answers: the union, keyed by (step, index); for a key in both,
 *   a right answer is kept over a wrong one, otherwise the saver's
 *   (the latest) wins.  The result is sorted by step, then index. */
void progress_merge(struct progress *p, const struct progress *old);
/* Records that step (1-based) of nsteps was shown. */
void progress_visit(struct progress *p, int step, int nsteps);
/* Records a quiz answer, replacing one for the same step and index. */
void progress_answer(struct progress *p, int step, int index, int choice,
                     int right);
/* Removes the progress of id, or of every lesson when id is NULL.
 * Returns the number of records removed, or -1 with a reason in err. */
int progress_reset(const char *dir, const char *id, char *err, size_t n);
/* Returns a short label for lists: "new", "3/7", or "done". */
const char *progress_label(const struct progress *p, char *buf, size_t n);
/* Frees what p holds and empties it. */
void progress_free(struct progress *p);

#endif
