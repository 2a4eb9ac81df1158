/* SPDX-License-Identifier: MIT */
/* The student's exercise files: WORK_DIR/LESSON/NAME.lua, created from
 * the stub once, never overwritten, opened in the student's editor. */
#ifndef NNT_WORKFILE_H
#define NNT_WORKFILE_H

#include <stddef.h>
#include <sys/types.h>

#define WORKFILE_MAX (256u << 10)       /* bytes of an exercise file read */

/* What tells a saved file from the one checked last. */
struct workfile_stamp {
    dev_t dev;
    ino_t ino;
    off_t size;
    long long mtime_ns, ctime_ns;
    int exists;
};

/* Returns the malloc'd path WORK_DIR/ID/NAME.lua, or NULL with a reason
 * in err when there is no work directory or id or name could leave it. */
char *workfile_path(const char *work_dir, const char *id, const char *name,
                    char *err, size_t n);
/* Creates path (and its directories, 0700) holding stub when it does not
 * exist.  Returns 1 if it made it, 0 if it was there, or -1 with a reason
 * naming the file in err. */
int workfile_ensure(const char *path, const char *stub, char *err,
                    size_t n);
/* Returns the malloc'd contents of the regular file path (at most
 * WORKFILE_MAX + 1 bytes, so the checker can say it is too long), or
 * NULL with a reason naming the file in err. */
char *workfile_read(const char *path, char *err, size_t n);
/* Fills st for path (exists = 0 when it is missing). */
void workfile_stamp(const char *path, struct workfile_stamp *st);
/* Returns 1 if the two stamps differ. */
int workfile_changed(const struct workfile_stamp *a,
                     const struct workfile_stamp *b);
/* Returns a malloc'd copy of path to show: ~/… when it is under $HOME. */
char *workfile_shown(const char *path);
/* Returns the editor command: $VISUAL, $EDITOR, else nano or vi (the
 * first found on PATH).  Never NULL. */
const char *workfile_editor(void);
/* Runs the editor on path in the foreground (through /bin/sh, so an
 * editor given with arguments works) and waits for it.  Returns its exit
 * status, or -1 with a reason in err when it could not run. */
int workfile_edit(const char *path, char *err, size_t n);

#endif
