/* SPDX-License-Identifier: MIT */
/* Light markup (paragraphs, bold, code, bullets) wrapped by display width. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "text.h"
#include "util.h"

/* One character with its style. */
struct tchar {
    wchar_t ch;
    wchar_t comb;               /* a combining mark on ch, or 0 */
    uint8_t fg, attr;
    int w;
};

/* One paragraph or bullet item, its markup still in it. */
struct block {
    const char *start;          /* the first line, after any "- " */
    int bullet;
    int gap;                    /* a blank line came before it */
};

/* Characters that never start a line. */
static const wchar_t closing[] =
    L",.!?;:)]}%\x201D\x2019\x2026\x3001\x3002\x3009\x300B\x300D\x300F"
    L"\x3011\x3015\xFF01\xFF09\xFF0C\xFF0E\xFF1A\xFF1B\xFF1F\xFF3D\xFF5D";
/* Characters that never end a line. */
static const wchar_t opening[] =
    L"([{\x201C\x2018\x3008\x300A\x300C\x300E\x3010\x3014\xFF08\xFF3B"
    L"\xFF5B";

/* Returns 1 if the line at s (up to a newline) is blank. */
static int line_blank(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r')
        s++;
    return *s == '\n' || *s == '\0';
}

/* Returns s past leading blanks. */
static const char *skip_blanks(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* Returns 1 if the line at s is a bullet ("- " after optional blanks). */
static int line_bullet(const char *s)
{
    s = skip_blanks(s);
    return s[0] == '-' && s[1] == ' ';
}

/* Returns the next line after s, or NULL at the end. */
static const char *next_line(const char *s)
{
    s = strchr(s, '\n');
    return s ? s + 1 : NULL;
}

/* Returns 1 if the block text from s (up to end) has marker m. */
static int has_marker(const char *s, const char *end, const char *m)
{
    size_t n = strlen(m);

    for (; s + n <= end; s++)
        if (memcmp(s, m, n) == 0)
            return 1;
    return 0;
}

/* Appends one character to the growing array; returns 0 or -1. */
static int push(struct tchar **t, size_t *n, size_t *cap, struct tchar c)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        struct tchar *p = realloc(*t, nc * sizeof *p);

        if (!p)
            return -1;
        *t = p;
        *cap = nc;
    }
    (*t)[(*n)++] = c;
    return 0;
}

/* Appends control character wc the way a person sees it (ESC as ^[, see
 * ctrl_visible), so a lesson's escape sequence prints as harmless text.
 * Returns 0, or -1 (t freed) if out of memory. */
static int show_control(struct tchar **t, size_t *n, size_t *cap,
                        wchar_t wc, int code, int bold)
{
    char vis[12];

    if (!ctrl_visible((unsigned)wc, vis))
        return 0;                       /* other zero-width: dropped */
    for (const char *v = vis; *v; v++) {
        struct tchar c = { .ch = (wchar_t)*v, .w = 1,
                           .fg = code ? COL_CODE : COL_DEFAULT,
                           .attr = bold ? ATTR_BOLD : 0 };
        if (push(t, n, cap, c) < 0) {
            free(*t);
            *n = 0;
            return -1;
        }
    }
    return 0;
}

/* Converts the block from s to end (lines joined by spaces, markers
 * applied) into styled characters; returns them (count in *n), or NULL
 * if out of memory or empty. */
static struct tchar *block_chars(const char *s, const char *end, size_t *n)
{
    struct tchar *t = NULL, c;
    size_t cap = 0, r;
    int bold = 0, code = 0, nl = 0;
    mbstate_t st;
    wchar_t wc;

    *n = 0;
    memset(&st, 0, sizeof st);
    while (s < end) {
        if (*s == '\n' || *s == '\r' || *s == '\t') {
            nl |= *s == '\n';
            s++;
            c.ch = L' ';
            c.comb = 0;
            c.w = 1;
        } else if (!code && s[0] == '*' && s + 1 < end && s[1] == '*'
                   && (bold || has_marker(s + 2, end, "**"))) {
            bold = !bold;
            s += 2;
            continue;
        } else if (*s == '`' && (code || has_marker(s + 1, end, "`"))) {
            code = !code;
            s++;
            continue;
        } else {
            r = mbrtowc(&wc, s, (size_t)(end - s), &st);
            if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
                memset(&st, 0, sizeof st);
                wc = (unsigned char)*s < 0x80 ? (wchar_t)*s : 0xFFFD;
                r = 1;
            }
            s += r;
            c.ch = wc;
            c.comb = 0;
            c.w = wcwidth(wc);
            if (c.w == 0 && *n && !iswcntrl((wint_t)wc) && wc) {
                t[*n - 1].comb = wc;    /* a combining mark: β̂ */
                continue;
            }
            if (c.w <= 0 && show_control(&t, n, &cap, wc, code, bold) < 0)
                return NULL;
            if (c.w <= 0)
                continue;               /* controls: shown as ^[ above */
        }
        if (c.ch == L' ' && nl) {       /* the line's leading blanks */
            if (*n && t[*n - 1].ch == L' ')
                continue;
        } else {
            nl = 0;
        }
        c.fg = code ? COL_CODE : COL_DEFAULT;
        c.attr = bold ? ATTR_BOLD : 0;
        if (push(&t, n, &cap, c) < 0) {
            free(t);
            *n = 0;
            return NULL;
        }
    }
    return t;
}

/* Returns 1 if a line may break between t[i - 1] and t[i] (CJK text
 * breaks anywhere except before closing or after opening punctuation). */
static int can_break_before(const struct tchar *t, size_t i)
{
    if (i == 0 || t[i].ch == L' ' || t[i - 1].ch == L' ')
        return 0;
    if (wcschr(closing, t[i].ch) || wcschr(opening, t[i - 1].ch))
        return 0;
    return t[i].w == 2 || t[i - 1].w == 2;
}

/* Lays out the characters t[0..n) in lines of width w - indent (first
 * line prefixed by first, if any); draws into cv when not NULL, from row
 * *row.  Advances *row past the lines. */
static void layout(const struct tchar *t, size_t n, int w, int indent,
                   wchar_t first, struct canvas *cv, int *row)
{
    int avail = w - indent > 0 ? w - indent : 1, width, x;
    size_t pos = 0, i, brk, end, k;

    if (cv && first)
        canvas_putc(cv, 0, *row, first, COL_DEFAULT, 0);
    if (n == 0)
        (*row)++;
    while (pos < n) {
        while (pos < n && t[pos].ch == L' ')
            pos++;
        if (pos >= n)
            break;
        width = 0;
        brk = 0;
        for (i = pos; i < n; i++) {
            if (t[i].ch == L' ' || (i > pos && can_break_before(t, i)))
                brk = i;
            if (width + t[i].w > avail)
                break;
            width += t[i].w;
        }
        if (i >= n)
            end = n;
        else if (brk > pos)
            end = brk;
        else
            end = i > pos ? i : pos + 1;    /* split an over-long word */
        if (cv)
            for (k = pos, x = indent; k < end; k++)
            {
                x += canvas_putc(cv, x, *row, t[k].ch, t[k].fg, t[k].attr);
                if (t[k].comb)
                    canvas_putc(cv, x, *row, t[k].comb, t[k].fg, t[k].attr);
            }
        (*row)++;
        pos = end;
    }
}

/* Splits markup into blocks; returns them (count in *nb), or NULL when
 * there are none (*nb 0) or out of memory (*nb -1). */
static struct block *split_blocks(const char *s, int *nb)
{
    struct block *b = NULL, *p;
    int n = 0, cap = 0, gap = 0, open = 0;

    *nb = 0;
    for (; s; s = next_line(s)) {
        if (line_blank(s)) {
            gap = n > 0;
            open = 0;
            continue;
        }
        if (open && !line_bullet(s))
            continue;                   /* joins the current block */
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            p = realloc(b, (size_t)cap * sizeof *p);
            if (!p) {
                free(b);
                *nb = -1;
                return NULL;
            }
            b = p;
        }
        b[n].bullet = line_bullet(s);
        b[n].start = b[n].bullet ? skip_blanks(s) + 2 : skip_blanks(s);
        b[n].gap = gap;
        gap = 0;
        open = 1;
        n++;
    }
    *nb = n;
    return b;
}

/* Returns the end of block k: the newline before the next blank or
 * bullet line, or the end of the text. */
static const char *block_end(const struct block *b, int k)
{
    const char *s = b[k].start, *nx;

    for (;;) {
        nx = next_line(s);
        if (!nx)
            return s + strlen(s);
        if (line_blank(nx) || line_bullet(nx))
            return nx - 1;
        s = nx;
    }
}

/* Lays out every block; draws into cv when not NULL.  Returns the rows
 * used, or -1 if out of memory. */
static int render_blocks(const struct block *b, int nb, int w,
                         const struct glyphs *g, struct canvas *cv)
{
    int k, row = 0, indent;
    struct tchar *t;
    size_t n;

    for (k = 0; k < nb; k++) {
        const char *end = block_end(b, k);

        t = block_chars(b[k].start, end, &n);
        if (!t && n)
            return -1;
        if (b[k].gap)
            row++;
        indent = b[k].bullet ? wcwidth(g->bullet) + 1 : 0;
        if (indent < 2)
            indent = 2 * b[k].bullet;
        layout(t, n, w, indent, b[k].bullet ? g->bullet : 0, cv, &row);
        free(t);
    }
    return row;
}

int text_render(const char *markup, int w, const struct glyphs *g,
                struct canvas *out)
{
    struct block *b = NULL;
    int nb = 0, rows;

    if (w < 1)
        w = 1;
    if (!g)
        g = glyphs_get(0);
    if (markup && *markup) {
        b = split_blocks(markup, &nb);
        if (nb < 0)
            return -1;
    }
    rows = render_blocks(b, nb, w, g, NULL);
    if (rows < 0 || canvas_init(out, w, rows > 0 ? rows : 1) < 0) {
        free(b);
        return -1;
    }
    if (render_blocks(b, nb, w, g, out) < 0) {
        canvas_free(out);
        free(b);
        return -1;
    }
    free(b);
    return 0;
}
