/* SPDX-License-Identifier: MIT */
/* Text for the user's terminal or pipe: control characters made visible,
 * write errors reported once. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "out.h"
#include "util.h"

static int reported;            /* a failed write to stdout was reported */

char *out_visible(const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t cap = strlen((const char *)p) + 1, len = 0;
    char *out = xmalloc(cap);

    while (*p) {
        const unsigned char *start = p;
        char vis[12];
        const char *piece = vis;
        size_t n;
        int valid;
        unsigned cp = utf8_next(&p, &valid);

        if (!valid)
            snprintf(vis, sizeof vis, "\\x%02X", *start);
        else if (cp == '\n' || cp == '\t' || !ctrl_visible(cp, vis))
            piece = (const char *)start;
        n = piece == vis ? strlen(vis) : (size_t)(p - start);
        if (len + n + 1 > cap) {
            cap = 2 * cap + n;
            out = xrealloc(out, cap);
        }
        memcpy(out + len, piece, n);
        len += n;
    }
    out[len] = '\0';
    return out;
}

/* Exits 1 after saying, once, that stdout could not be written. */
static void fail_stdout(int e)
{
    if (!reported) {
        reported = 1;
        fprintf(stderr, "nntutor: cannot write to standard output: %s\n",
                strerror(e ? e : EIO));
    }
    exit(1);
}

void out_puts(FILE *f, const char *s)
{
    char *v = out_visible(s);

    fputs(v, f);
    free(v);
    if (f == stdout && ferror(f))
        fail_stdout(errno);
}

void out_printf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    char small[512], *s = small;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof small) {
        s = xmalloc((size_t)n + 1);
        va_start(ap, fmt);
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    out_puts(f, s);
    if (s != small)
        free(s);
}

void out_error(const char *fmt, ...)
{
    va_list ap;
    char msg[2048];

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    out_printf(stderr, "nntutor: %s\n", msg);
}

void out_flush(FILE *f)
{
    errno = 0;
    if ((fflush(f) != 0 || ferror(f)) && f == stdout)
        fail_stdout(errno);
}

void out_init(void)
{
    signal(SIGPIPE, SIG_DFL);
    for (int fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) < 0 && errno == EBADF) {
            int nfd = open("/dev/null", O_RDONLY);
            if (nfd >= 0 && nfd != fd) {        /* fd was below: not ours */
                dup2(nfd, fd);
                close(nfd);
            }
        }
}

int out_close(void)
{
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (!reported)
            fprintf(stderr, "nntutor: cannot write to standard output: "
                    "%s\n", strerror(errno ? errno : EIO));
        reported = 1;
    }
    return reported;
}
