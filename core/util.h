/* SPDX-License-Identifier: MIT */
/* Small helpers every core module uses: allocation, strings, names. */
#ifndef NNT_UTIL_H
#define NNT_UTIL_H

#include <stddef.h>

/* Called before exiting on out of memory (e.g. to restore the terminal). */
extern void (*util_oom_hook)(void);

/* Return allocated memory; on out of memory they restore the terminal,
 * say so and exit(3). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* Returns a malloc'd printf-formatted string. */
char *xasprintf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* Writes a message into err (if n > 0); returns -1, for
 * `return seterr(...)`. */
int seterr(char *err, size_t n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Appends printf output to buf at *at, never past n (truncating). */
void append(char *buf, size_t n, size_t *at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* Returns the Levenshtein distance of a and b (capped at 100). */
int edit_distance(const char *a, const char *b);
/* Returns the candidate closest to name within distance 2, or NULL. */
const char *closest_name(const char *name, const char *const *cands,
                         int ncands);
/* Returns 1 if path names an existing directory. */
int is_dir(const char *path);
/* Returns 1 if path names an existing regular file. */
int is_file(const char *path);

/* Returns the next code point of UTF-8 string *p (not at its end) and
 * advances *p; an invalid byte gives U+FFFD, *valid = 0, one byte used. */
unsigned utf8_next(const unsigned char **p, int *valid);
/* If code point cp is a C0 or C1 control character (or DEL), writes the
 * way it is shown to a person into out (12 bytes: "^[" for ESC, "^?" for
 * DEL, "<U+009B>" for C1) and returns 1; else returns 0. */
int ctrl_visible(unsigned cp, char *out);

#endif
