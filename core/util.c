/* SPDX-License-Identifier: MIT */
/* Small helpers: checked allocation, formatted strings, name suggestions. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

void (*util_oom_hook)(void);

/* Restores the terminal through the hook, reports and exits. */
static void oom(void)
{
    if (util_oom_hook)
        util_oom_hook();
    fputs("nntutor: out of memory\n", stderr);
    exit(3);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        oom();
    return p;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    int n;
    char *s;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    s = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

int seterr(char *err, size_t n, const char *fmt, ...)
{
    va_list ap;

    if (n == 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(err, n, fmt, ap);
    va_end(ap);
    return -1;
}

void append(char *buf, size_t n, size_t *at, const char *fmt, ...)
{
    va_list ap;

    if (*at >= n)
        return;
    va_start(ap, fmt);
    vsnprintf(buf + *at, n - *at, fmt, ap);
    va_end(ap);
    *at += strlen(buf + *at);
}

int edit_distance(const char *a, const char *b)
{
    int la = (int)strlen(a), lb = (int)strlen(b);
    int row[101];

    if (la > 100 || lb > 100)
        return 100;
    for (int j = 0; j <= lb; j++)
        row[j] = j;
    for (int i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = i;
        for (int j = 1; j <= lb; j++) {
            int up = row[j];
            int best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *closest_name(const char *name, const char *const *cands,
                         int ncands)
{
    const char *best = NULL;
    int bestd = 3;

    for (int i = 0; i < ncands; i++) {
        int d = edit_distance(name, cands[i]);
        if (d < bestd) {
            bestd = d;
            best = cands[i];
        }
    }
    return best;
}

int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Returns the next code point of a UTF-8 string and advances *p; invalid
 * bytes give U+FFFD (one byte each). */
unsigned utf8_next(const unsigned char **p, int *valid)
{
    const unsigned char *s = *p;
    unsigned cp, min;
    int len, i;

    *valid = 1;
    if (s[0] < 0x80) {
        *p = s + 1;
        return s[0];
    }
    if ((s[0] & 0xe0) == 0xc0) {
        len = 2, cp = s[0] & 0x1f, min = 0x80;
    } else if ((s[0] & 0xf0) == 0xe0) {
        len = 3, cp = s[0] & 0x0f, min = 0x800;
    } else if ((s[0] & 0xf8) == 0xf0) {
        len = 4, cp = s[0] & 0x07, min = 0x10000;
    } else {
        len = 0, cp = 0, min = 1;
    }
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            len = 0;
            break;
        }
        cp = cp << 6 | (s[i] & 0x3f);
    }
    if (!len || cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)
        || cp == 0xfffe || cp == 0xffff) {
        *valid = 0;
        *p = s + 1;
        return 0xfffd;
    }
    *p = s + len;
    return cp;
}

int ctrl_visible(unsigned cp, char *out)
{
    if (cp < 0x20 || cp == 0x7f) {              /* ^[ for ESC, ^? for DEL */
        out[0] = '^';
        out[1] = (char)(cp ^ 0x40);
        out[2] = '\0';
        return 1;
    }
    if (cp >= 0x80 && cp < 0xa0) {             /* C1: <U+009B> */
        snprintf(out, 12, "<U+%04X>", cp);
        return 1;
    }
    return 0;
}
