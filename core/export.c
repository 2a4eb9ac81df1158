/* SPDX-License-Identifier: MIT */
/* Chart export to files: atomic writes, file-name stems, shared helpers. */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export.h"
#include "export_impl.h"
#include "util.h"

#define SLUG_MAX 40

void export_locale_c(struct export_locale *l)
{
    locale_t base = duplocale(uselocale((locale_t)0));

    l->c = base ? newlocale(LC_NUMERIC_MASK, "C", base) : (locale_t)0;
    if (!l->c && base)
        freelocale(base);
    l->old = l->c ? uselocale(l->c) : (locale_t)0;
}

void export_locale_restore(struct export_locale *l)
{
    if (!l->c)
        return;
    uselocale(l->old);
    freelocale(l->c);
    l->c = (locale_t)0;
}

char *export_dot_decimal(char *buf)
{
    const char *dp = localeconv()->decimal_point;
    size_t dl;
    char *p;

    if (!dp || !dp[0] || strcmp(dp, ".") == 0)
        return buf;
    p = strstr(buf, dp);
    if (p) {
        dl = strlen(dp);
        *p = '.';
        memmove(p + 1, p + dl, strlen(p + dl) + 1);
    }
    return buf;
}

char *export_fmt(char *buf, size_t n, double v, int prec)
{
    if (!n)
        return buf;
    buf[0] = '\0';
    if (!isfinite(v))
        return buf;
    snprintf(buf, n, "%.*g", prec, v);
    return export_dot_decimal(buf);
}

char *export_fmt_exact(char *buf, size_t n, double v)
{
    int prec;

    if (!n)
        return buf;
    if (isnan(v)) {
        buf[0] = '\0';
        return buf;
    }
    if (isinf(v)) {
        snprintf(buf, n, "%s", v < 0 ? "-inf" : "inf");
        return buf;
    }
    /* snprintf and strtod agree on the locale, so test before fixing */
    for (prec = 15; prec < 17; prec++) {
        snprintf(buf, n, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    if (prec == 17)
        snprintf(buf, n, "%.17g", v);
    return export_dot_decimal(buf);
}

size_t export_series_len(const struct chart_series *s)
{
    size_t len;

    if (!s->y)
        return 0;
    len = array_len(s->y);
    if (s->x && array_len(s->x) < len)
        len = array_len(s->x);
    return len;
}

double export_series_x(const struct chart_series *s, size_t i)
{
    return s->x ? s->x->data[i] : (double)(i + 1);
}

size_t export_heat_dims(const struct chart *c, size_t *rows, size_t *cols)
{
    *rows = *cols = 0;
    if (c->z && c->z->cols) {
        *rows = c->z->rows;
        *cols = c->z->cols;
    } else if (c->z && c->z->rows) {
        *rows = 1;
        *cols = c->z->rows;
    }
    return *rows * *cols;
}

double export_heat_x(const struct chart *c, size_t j)
{
    return c->hx && j < array_len(c->hx) ? c->hx->data[j] : (double)(j + 1);
}

double export_heat_y(const struct chart *c, size_t i)
{
    return c->hy && i < array_len(c->hy) ? c->hy->data[i] : (double)(i + 1);
}

const char *export_bar_label(const struct chart *c, size_t k)
{
    size_t i;

    for (i = 0; c->labels && i <= k; i++)   /* the list ends at NULL */
        if (!c->labels[i])
            return "";
    return c->labels ? c->labels[k] : "";
}

int export_finish(FILE *f)
{
    int e;

    errno = 0;
    if (fflush(f) == 0 && !ferror(f))
        return 0;
    e = errno ? errno : EIO;
    errno = e;
    return -1;
}

/* Writes UTF-8 text escaped for XML: entities for & < > " ', a space for
 * C0 and C1 control characters, U+FFFD for invalid bytes. */
void svg_put_xml(FILE *f, const char *text)
{
    const unsigned char *p = (const unsigned char *)(text ? text : "");

    while (*p) {
        const unsigned char *start = p;
        int valid;
        unsigned cp = utf8_next(&p, &valid);

        switch (cp) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&apos;", f); break;
        default:
            if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
                fputc(' ', f);
            else if (!valid)
                fputs("\xef\xbf\xbd", f);
            else
                fwrite(start, 1, (size_t)(p - start), f);
        }
    }
}

/* Returns the estimated width in px of text at font size size (CJK and
 * other wide characters count as one em, the rest as 0.6 em). */
double svg_text_w(const char *text, double size)
{
    const unsigned char *p = (const unsigned char *)(text ? text : "");
    double em = 0;
    int valid;

    while (*p) {
        unsigned cp = utf8_next(&p, &valid);

        em += (cp >= 0x1100 && cp < 0x1160) || (cp >= 0x2e80 && cp < 0xa4d0)
              || (cp >= 0xac00 && cp < 0xd7a4) || (cp >= 0xf900 && cp < 0xfb00)
              || (cp >= 0xfe30 && cp < 0xfe50) || (cp >= 0xff00 && cp < 0xff61)
              || cp >= 0x20000 ? 1.0 : 0.6;
    }
    return em * size;
}

/* Writes a message to err (if any).  Returns -1. */
static int fail(char *err, size_t n, const char *what, const char *path,
                int e)
{
    if (err && n)
        snprintf(err, n, "%s '%s': %s", what, path, strerror(e));
    return -1;
}

/* Creates dir and its missing parents.  Returns 0, or -1 with a reason
 * naming dir. */
static int mkdir_p(const char *dir, char *err, size_t n)
{
    struct stat st;
    char *p, *s;
    int rc = 0;

    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    p = strdup(dir);
    if (!p)
        return fail(err, n, "cannot create directory", dir, ENOMEM);
    for (s = p + 1;; s++) {
        char ch = *s;

        if (ch != '/' && ch != '\0')
            continue;
        if (s[-1] != '/') {
            *s = '\0';
            if (mkdir(p, 0777) != 0) {
                int e = errno;

                if (e == EEXIST && stat(p, &st) == 0 && !S_ISDIR(st.st_mode))
                    e = ENOTDIR;
                if (e != EEXIST) {
                    rc = fail(err, n, "cannot create directory", dir, e);
                    break;
                }
            }
            *s = ch;
        }
        if (!ch)
            break;
    }
    free(p);
    return rc;
}

/* Returns a new string "a" "b" "c" "d", or NULL if out of memory. */
static char *join4(const char *a, const char *b, const char *c,
                   const char *d)
{
    size_t n = strlen(a) + strlen(b) + strlen(c) + strlen(d) + 1;
    char *s = malloc(n);

    if (s)
        snprintf(s, n, "%s%s%s%s", a, b, c, d);
    return s;
}

/* Writes dir/stem.ext with fn through a temporary file renamed into place.
 * Returns 0, or -1 with a reason naming the file. */
static int write_atomic(const struct chart *c, const char *dir,
                        const char *stem, const char *ext,
                        int (*fn)(const struct chart *, FILE *),
                        char *err, size_t n)
{
    char *path = join4(dir, "/", stem, ext);
    char *tmp = join4(dir, "/.", stem, ext);
    char *tmpx = tmp ? join4(tmp, ".XXXXXX", "", "") : NULL;
    const char *why = "cannot write";
    FILE *f = NULL;
    mode_t mask;
    int fd, e = 0;

    free(tmp);
    if (!path || !tmpx) {
        fail(err, n, why, path ? path : stem, ENOMEM);
        free(path);
        free(tmpx);
        return -1;
    }
    fd = mkstemp(tmpx);
    if (fd < 0) {
        e = errno;
        goto out;
    }
    mask = umask(0);            /* read the umask: mkstemp made it 0600 */
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    f = fdopen(fd, "w");
    if (!f) {
        e = errno;
        close(fd);
        unlink(tmpx);
        goto out;
    }
    if (fn(c, f) != 0 || fsync(fileno(f)) != 0)
        e = errno ? errno : EIO;
    if (fclose(f) != 0 && !e)
        e = errno ? errno : EIO;
    if (!e && rename(tmpx, path) != 0)
        e = errno;
    if (e)
        unlink(tmpx);
out:
    if (e)
        fail(err, n, why, path, e);
    free(path);
    free(tmpx);
    return e ? -1 : 0;
}

int export_chart(const struct chart *c, const char *dir, const char *stem,
                 char *err, size_t n)
{
    if (err && n)
        err[0] = '\0';
    if (!dir || !dir[0])
        dir = ".";
    if (!stem || !stem[0] || strchr(stem, '/') || strcmp(stem, ".") == 0
        || strcmp(stem, "..") == 0) {
        if (err && n)
            snprintf(err, n, "invalid file name stem '%s'",
                     stem ? stem : "");
        return -1;
    }
    if (mkdir_p(dir, err, n) != 0)
        return -1;
    if (write_atomic(c, dir, stem, ".svg", export_svg, err, n) != 0)
        return -1;
    return write_atomic(c, dir, stem, ".csv", export_csv, err, n);
}

/* Writes the ASCII slug of title (at most SLUG_MAX characters) to out,
 * which holds SLUG_MAX + 1.  Returns its length (0 if none). */
static size_t slugify(const char *title, char *out)
{
    size_t len = 0;
    int dash = 0;
    const unsigned char *p;

    for (p = (const unsigned char *)(title ? title : ""); *p; p++) {
        int ch = *p;

        if (ch >= 'A' && ch <= 'Z')
            ch += 'a' - 'A';
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) {
            dash = len > 0;         /* runs of anything else: one dash */
            continue;
        }
        if (len + dash + 1 > SLUG_MAX) {    /* cut at a word's end */
            char *cut;

            out[len] = '\0';
            cut = dash ? NULL : strrchr(out, '-');
            if (cut && cut - out > SLUG_MAX / 2)
                len = (size_t)(cut - out);
            break;
        }
        if (dash)
            out[len++] = '-';
        out[len++] = (char)ch;
        dash = 0;
    }
    out[len] = '\0';
    return len;
}

char *export_stem(int step, int index, const char *title, char *buf,
                  size_t n)
{
    char slug[SLUG_MAX + 1];

    if (!n)
        return buf;
    if (step < 0)
        step = 0;
    if (index < 0)
        index = 0;
    if (!slugify(title, slug))
        strcpy(slug, "chart");
    snprintf(buf, n, "%02d-%02d-%s", step, index + 1, slug);
    return buf;
}
