/* SPDX-License-Identifier: MIT */
/* A grid of character cells with colours, and UTF-8 text measured by width. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "canvas.h"
#include "util.h"

/* Returns a blank cell. */
static struct cell blank_cell(void)
{
    struct cell c = { L' ', 0, COL_DEFAULT, COL_DEFAULT, 0 };

    return c;
}

int canvas_init(struct canvas *cv, int w, int h)
{
    size_t n, i;

    if (w < 0)
        w = 0;
    if (h < 0)
        h = 0;
    if (w && (size_t)h > SIZE_MAX / sizeof(struct cell) / (size_t)w) {
        cv->w = cv->h = 0;
        cv->cells = NULL;
        return -1;
    }
    n = (size_t)w * (size_t)h;
    cv->cells = malloc((n ? n : 1) * sizeof *cv->cells);
    if (!cv->cells) {
        cv->w = cv->h = 0;
        return -1;
    }
    for (i = 0; i < n; i++)
        cv->cells[i] = blank_cell();
    cv->w = w;
    cv->h = h;
    return 0;
}

void canvas_free(struct canvas *cv)
{
    if (!cv)
        return;
    free(cv->cells);
    cv->cells = NULL;
    cv->w = cv->h = 0;
}

struct cell *canvas_at(struct canvas *cv, int x, int y)
{
    if (!cv || !cv->cells || x < 0 || y < 0 || x >= cv->w || y >= cv->h)
        return NULL;
    return &cv->cells[(size_t)y * (size_t)cv->w + (size_t)x];
}

/* Returns the display width of ch: 0 for controls and combining marks. */
static int char_width(wchar_t ch)
{
    int w = wcwidth(ch);

    return w < 0 ? 0 : w;
}

/* Blanks what is left of a double-width character that cell x of row y
 * is about to lose (its first or second half). */
static void unsplit(struct canvas *cv, int x, int y)
{
    struct cell *c = canvas_at(cv, x, y), *o;

    if (!c)
        return;
    if (c->ch == 0) {                   /* continuation: blank the head */
        o = canvas_at(cv, x - 1, y);
        if (o)
            o->ch = L' ';
    } else if (char_width(c->ch) == 2) { /* head: blank the continuation */
        o = canvas_at(cv, x + 1, y);
        if (o && o->ch == 0)
            o->ch = L' ';
    }
}

int canvas_putc(struct canvas *cv, int x, int y, wchar_t ch, int fg,
                int attr)
{
    int w = char_width(ch);
    struct cell *c, *c2 = NULL;

    if (w == 0) {               /* a combining mark joins the cell before */
        c = canvas_at(cv, x - 1, y);
        if (c && c->ch == 0)
            c = canvas_at(cv, x - 2, y);
        if (c && c->ch && !iswcntrl((wint_t)ch) && ch != L'\0')
            c->comb = ch;
        return 0;
    }
    c = canvas_at(cv, x, y);
    if (!c)
        return 0;
    if (w == 2) {
        c2 = canvas_at(cv, x + 1, y);
        if (!c2)
            return 0;                   /* never split a wide char */
    }
    unsplit(cv, x, y);
    if (c2)
        unsplit(cv, x + 1, y);
    c->ch = ch;
    c->comb = 0;
    c->fg = (uint8_t)fg;
    c->attr = (uint8_t)attr;
    if (c2) {
        c2->ch = 0;
        c2->fg = (uint8_t)fg;
        c2->bg = c->bg;
        c2->attr = (uint8_t)attr;
    }
    return w;
}

/* Decodes one character from s (at most n bytes) into *wc; returns the
 * bytes used (1 and U+FFFD for an invalid byte), or 0 at the end. */
static size_t next_char(const char *s, size_t n, wchar_t *wc,
                        mbstate_t *st)
{
    size_t r;

    if (n == 0 || *s == '\0')
        return 0;
    r = mbrtowc(wc, s, n, st);
    if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
        memset(st, 0, sizeof *st);
        *wc = (unsigned char)*s < 0x80 ? (wchar_t)*s : (wchar_t)0xFFFD;
        return 1;
    }
    return r;
}

int canvas_puts(struct canvas *cv, int x, int y, const char *utf8, int fg,
                int attr, int max_w)
{
    mbstate_t st;
    size_t len, r, off = 0;
    wchar_t wc;
    int used = 0, w;
    char vis[12];

    if (!utf8)
        return 0;
    if (max_w < 0)
        max_w = cv->w - x;
    if (max_w <= 0)
        return 0;
    memset(&st, 0, sizeof st);
    len = strlen(utf8);
    while ((r = next_char(utf8 + off, len - off, &wc, &st)) > 0) {
        off += r;
        w = char_width(wc);
        if (w == 0 && wc != L'\t' && wc != L'\n'
            && ctrl_visible((unsigned)wc, vis)) {
            int k = (int)strlen(vis);           /* ESC as ^[: see util.h */
            if (used + k > max_w)
                break;
            for (int i = 0; i < k; i++)
                canvas_putc(cv, x + used + i, y, (wchar_t)vis[i], fg, attr);
            used += k;
            continue;
        }
        if (w == 0) {
            if (used > 0)               /* a combining mark on the last */
                canvas_putc(cv, x + used, y, wc, fg, attr);
            continue;
        }
        if (used + w > max_w)
            break;
        canvas_putc(cv, x + used, y, wc, fg, attr);
        used += w;
    }
    return used;
}

int canvas_puts_fit(struct canvas *cv, int x, int y, const char *utf8,
                    int fg, int attr, int max_w, wchar_t ellipsis)
{
    int ew = char_width(ellipsis), used;

    if (!utf8 || !cv)
        return 0;
    if (max_w < 0)
        max_w = cv->w - x;
    if (max_w <= 0)
        return 0;
    if (text_width(utf8) <= max_w)
        return canvas_puts(cv, x, y, utf8, fg, attr, max_w);
    if (ew < 1 || ew > max_w)               /* no room for the mark */
        return canvas_puts(cv, x, y, utf8, fg, attr, max_w);
    used = canvas_puts(cv, x, y, utf8, fg, attr, max_w - ew);
    return used + canvas_putc(cv, x + used, y, ellipsis, fg, attr);
}

int text_width(const char *utf8)
{
    mbstate_t st;
    size_t len, r, off = 0;
    wchar_t wc;
    int w = 0;

    if (!utf8)
        return 0;
    memset(&st, 0, sizeof st);
    len = strlen(utf8);
    while ((r = next_char(utf8 + off, len - off, &wc, &st)) > 0) {
        char vis[12];
        off += r;
        w += wc != L'\t' && wc != L'\n' && ctrl_visible((unsigned)wc, vis)
                 ? (int)strlen(vis) : char_width(wc);
    }
    return w;
}

int canvas_row_utf8(const struct canvas *cv, int y, char *buf, int n)
{
    char mb[MB_LEN_MAX];
    mbstate_t st;
    int len = 0, keep = 0, x;
    size_t r;

    if (!buf || n <= 0)
        return 0;
    buf[0] = '\0';
    if (!cv || !cv->cells || y < 0 || y >= cv->h)
        return 0;
    memset(&st, 0, sizeof st);
    for (x = 0; x < cv->w; x++) {
        wchar_t ch = cv->cells[(size_t)y * (size_t)cv->w + (size_t)x].ch;

        if (ch == 0)
            continue;                   /* second half of a wide char */
        r = wcrtomb(mb, ch, &st);
        if (r == (size_t)-1) {
            memset(&st, 0, sizeof st);
            mb[0] = '?';
            r = 1;
        }
        if (len + (int)r >= n)
            break;
        memcpy(buf + len, mb, r);
        len += (int)r;
        {
            wchar_t m = cv->cells[(size_t)y * (size_t)cv->w + (size_t)x].comb;
            size_t rm = m ? wcrtomb(mb, m, &st) : 0;
            if (m && rm != (size_t)-1 && len + (int)rm < n) {
                memcpy(buf + len, mb, rm);
                len += (int)rm;
            }
        }
        if (ch != L' ')
            keep = len;
    }
    buf[keep] = '\0';
    return keep;
}
