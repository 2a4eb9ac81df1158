/* SPDX-License-Identifier: MIT */
/* Text for the user's terminal or pipe: nothing a lesson or a plugin wrote
 * can drive the terminal, and a write that fails is an error. */
#ifndef NNT_OUT_H
#define NNT_OUT_H

#include <stdio.h>

/*
 * Every text that reaches stdout or stderr outside the TUI passes through
 * these functions.  Control characters other than newline and tab are
 * made visible the way `cat -v` and `less` show them (ESC as ^[, CR as
 * ^M, DEL as ^?, a C1 control as <U+009B>) and invalid UTF-8 bytes as
 * \xNN, so an escape sequence in a lesson prints as harmless text.
 */

/* Returns a malloc'd copy of s with control characters and invalid bytes
 * made visible. */
char *out_visible(const char *s);
/* Writes s to f, made visible. */
void out_puts(FILE *f, const char *s);
/* Writes the printf-formatted text to f, made visible. */
void out_printf(FILE *f, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Writes "nntutor: MESSAGE\n" to stderr, the message made visible. */
void out_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* Flushes f.  When stdout cannot be written (a full disk, a closed
 * descriptor) says so once on stderr, naming it and the reason, and
 * exits 1: output nobody can read is not worth computing.  A closed pipe
 * ends the program through SIGPIPE, quietly, as it does `cat`. */
void out_flush(FILE *f);
/* Called once at start: SIGPIPE ends the program, and standard
 * descriptors that are closed are held open on /dev/null so that no file
 * the program opens later takes their place (a closed stdout stays
 * unwritable, so its writes still fail). */
void out_init(void);
/* Called at the end: flushes stdout; returns 1 after saying why if any
 * write to it failed, else 0. */
int out_close(void);

#endif
