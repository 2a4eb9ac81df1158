/* SPDX-License-Identifier: MIT */
/* Front-end <-> worker messages: payload writers, checked readers,
 * charts, and frames on a descriptor. */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "proto.h"
#include "util.h"

/* Appends n bytes to b. */
static void put(struct pbuf *b, const void *p, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n)
            cap *= 2;
        b->data = xrealloc(b->data, cap);
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

void pbuf_u32(struct pbuf *b, uint32_t v) { put(b, &v, sizeof v); }
void pbuf_u64(struct pbuf *b, uint64_t v) { put(b, &v, sizeof v); }
void pbuf_f64(struct pbuf *b, double v) { put(b, &v, sizeof v); }

void pbuf_str(struct pbuf *b, const char *s)
{
    size_t n = s ? strlen(s) : 0;

    if (n > PROTO_MAX_TEXT) {           /* cut on a character boundary */
        n = PROTO_MAX_TEXT;
        while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
            n--;
    }
    pbuf_u32(b, (uint32_t)n);
    put(b, s ? s : "", n);
}

void pbuf_free(struct pbuf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

void preader_fail(struct preader *r, const char *why)
{
    if (!r->bad)
        snprintf(r->why, sizeof r->why, "%s", why);
    r->bad = 1;
    r->left = 0;
}

/* Copies n bytes out of r into p; zeroes p when r has fewer. */
static void get(struct preader *r, void *p, size_t n)
{
    if (r->bad || r->left < n) {
        preader_fail(r, "the message ends too soon");
        memset(p, 0, n);
        return;
    }
    memcpy(p, r->p, n);
    r->p += n;
    r->left -= n;
}

uint32_t preader_u32(struct preader *r)
{
    uint32_t v;
    get(r, &v, sizeof v);
    return v;
}

uint64_t preader_u64(struct preader *r)
{
    uint64_t v;
    get(r, &v, sizeof v);
    return v;
}

double preader_f64(struct preader *r)
{
    double v;
    get(r, &v, sizeof v);
    return v;
}

char *preader_str(struct preader *r)
{
    uint32_t n = preader_u32(r);
    char *s;

    if (r->bad)
        return NULL;
    if (n > PROTO_MAX_TEXT || n > r->left) {
        preader_fail(r, n > PROTO_MAX_TEXT ? "a text is too long"
                                           : "the message ends too soon");
        return NULL;
    }
    if (memchr(r->p, '\0', n)) {
        preader_fail(r, "a text holds a NUL byte");
        return NULL;
    }
    s = xmalloc((size_t)n + 1);
    get(r, s, n);
    s[n] = '\0';
    return s;
}

uint32_t preader_count(struct preader *r, uint32_t max, size_t item_size)
{
    uint32_t n = preader_u32(r);

    if (r->bad)
        return 0;
    if (n > max || (item_size && (size_t)n > r->left / item_size)) {
        preader_fail(r, "a count is out of range");
        return 0;
    }
    return n;
}

/* Writes a text that may be absent (NULL). */
static void put_opt_str(struct pbuf *b, const char *s)
{
    pbuf_u32(b, s != NULL);
    if (s)
        pbuf_str(b, s);
}

/* Reads a text that may be absent. */
static char *get_opt_str(struct preader *r)
{
    return preader_u32(r) ? preader_str(r) : NULL;
}

/* Writes an array that may be absent: rows, cols, then the values. */
static void put_array(struct pbuf *b, const struct array *a)
{
    pbuf_u32(b, a != NULL);
    if (!a)
        return;
    pbuf_u64(b, a->rows);
    pbuf_u64(b, a->cols);
    put(b, a->data, array_len(a) * sizeof *a->data);
}

/* Reads an array that may be absent (NULL then, with r not bad). */
static struct array *get_array(struct preader *r)
{
    uint64_t rows, cols, n;
    struct array *a;

    if (!preader_u32(r))
        return NULL;
    rows = preader_u64(r);
    cols = preader_u64(r);
    n = cols ? rows * cols : rows;
    if (r->bad || (cols && rows && n / cols != rows) ||
        n > r->left / sizeof(double)) {
        preader_fail(r, "an array's size does not match its data");
        return NULL;
    }
    a = array_new((size_t)rows, (size_t)cols);
    if (!a) {
        preader_fail(r, "out of memory for an array");
        return NULL;
    }
    get(r, a->data, (size_t)n * sizeof(double));
    return a;
}

void proto_put_chart(struct pbuf *b, const struct chart *c)
{
    pbuf_u32(b, (uint32_t)c->kind);
    put_opt_str(b, c->title);
    put_opt_str(b, c->xlabel);
    put_opt_str(b, c->ylabel);
    pbuf_u32(b, (uint32_t)c->xlog);
    pbuf_u32(b, (uint32_t)c->ylog);
    pbuf_u32(b, (uint32_t)c->has_xrange);
    pbuf_u32(b, (uint32_t)c->has_yrange);
    pbuf_f64(b, c->xmin);
    pbuf_f64(b, c->xmax);
    pbuf_f64(b, c->ymin);
    pbuf_f64(b, c->ymax);
    pbuf_u32(b, (uint32_t)c->nseries);
    for (int i = 0; i < c->nseries; i++) {
        const struct chart_series *s = &c->series[i];
        put_opt_str(b, s->name);
        pbuf_u32(b, (uint32_t)s->style);
        put_array(b, s->x);
        put_array(b, s->y);
        put_array(b, s->values);
    }
    put_array(b, c->hx);
    put_array(b, c->hy);
    put_array(b, c->z);
    pbuf_u32(b, (uint32_t)c->contours);
    pbuf_f64(b, c->mark_x);
    pbuf_f64(b, c->mark_y);
    pbuf_u32(b, (uint32_t)c->bins);
    pbuf_f64(b, c->aspect);
    pbuf_u32(b, (uint32_t)c->marks);
    pbuf_u32(b, c->labels != NULL);
    if (c->labels) {
        uint32_t n = 0;
        while (c->labels[n])
            n++;
        pbuf_u32(b, n);
        for (uint32_t i = 0; i < n; i++)
            pbuf_str(b, c->labels[i]);
    }
    put_array(b, c->bar_values);
}

/* Reads a u32 that must be below limit (a kind, a flag). */
static int get_enum(struct preader *r, uint32_t limit, const char *what)
{
    uint32_t v = preader_u32(r);

    if (v >= limit) {
        char why[64];
        snprintf(why, sizeof why, "%s is out of range", what);
        preader_fail(r, why);
        return 0;
    }
    return (int)v;
}

struct chart *proto_get_chart(struct preader *r)
{
    struct chart *c = chart_new((enum chart_kind)get_enum(r, CHART_BAR + 1,
                                                          "the chart kind"));
    uint32_t n;
    char err[256];

    if (!c) {
        preader_fail(r, "out of memory for a chart");
        return NULL;
    }
    c->title = get_opt_str(r);
    c->xlabel = get_opt_str(r);
    c->ylabel = get_opt_str(r);
    c->xlog = get_enum(r, 2, "xlog");
    c->ylog = get_enum(r, 2, "ylog");
    c->has_xrange = get_enum(r, 2, "has_xrange");
    c->has_yrange = get_enum(r, 2, "has_yrange");
    c->xmin = preader_f64(r);
    c->xmax = preader_f64(r);
    c->ymin = preader_f64(r);
    c->ymax = preader_f64(r);
    n = preader_count(r, PROTO_MAX_ITEMS, 4 * sizeof(uint32_t));
    for (uint32_t i = 0; i < n && !r->bad; i++) {
        struct chart_series *s = chart_add_series(c);
        if (!s) {
            preader_fail(r, "out of memory for a series");
            break;
        }
        s->name = get_opt_str(r);
        s->style = (enum series_style)get_enum(r, STYLE_POINTS + 1,
                                               "a series style");
        s->x = get_array(r);
        s->y = get_array(r);
        s->values = get_array(r);
    }
    c->hx = get_array(r);
    c->hy = get_array(r);
    c->z = get_array(r);
    c->contours = get_enum(r, 1000, "contours");
    c->mark_x = preader_f64(r);
    c->mark_y = preader_f64(r);
    c->bins = get_enum(r, 1u << 20, "bins");
    c->aspect = preader_f64(r);
    if (!r->bad && c->aspect != 0 && !(isfinite(c->aspect) && c->aspect > 0))
        preader_fail(r, "the aspect is not a positive number");
    c->marks = (enum chart_marks)get_enum(r, MARKS_DOTS + 1, "marks");
    if (preader_u32(r)) {
        n = preader_count(r, 1u << 20, sizeof(uint32_t));
        c->labels = xcalloc((size_t)n + 1, sizeof *c->labels);
        for (uint32_t i = 0; i < n && !r->bad; i++)
            c->labels[i] = preader_str(r);
    }
    c->bar_values = get_array(r);
    if (!r->bad && r->left)
        preader_fail(r, "the chart is followed by stray bytes");
    if (!r->bad && chart_validate(c, err, sizeof err) < 0) {
        char why[sizeof r->why];
        snprintf(why, sizeof why, "chart: %.110s", err);
        preader_fail(r, why);
    }
    if (r->bad) {
        chart_free(c);
        return NULL;
    }
    return c;
}

void proto_put_controls(struct pbuf *b, const struct slider *s, int n)
{
    pbuf_u32(b, (uint32_t)n);
    for (int i = 0; i < n; i++) {
        int nc = s[i].kind == SLIDER_CHOICE ? s[i].nchoices : 0;
        pbuf_str(b, s[i].name);
        put_opt_str(b, s[i].label);
        pbuf_u32(b, (uint32_t)s[i].kind);
        pbuf_f64(b, s[i].min);
        pbuf_f64(b, s[i].max);
        pbuf_f64(b, s[i].step);
        pbuf_f64(b, s[i].value);
        pbuf_u32(b, (uint32_t)nc);
        for (int k = 0; k < nc; k++)
            pbuf_str(b, s[i].choices[k]);
    }
}

void proto_free_controls(struct slider *s, int n)
{
    for (int i = 0; s && i < n; i++) {
        free((char *)s[i].name);
        free((char *)s[i].label);
        for (int k = 0; k < s[i].nchoices; k++)
            free((char *)s[i].choices[k]);
        free(s[i].choices);
    }
    free(s);
}

/* Checks one control read from the worker; returns 0, or -1 with the
 * reason in r. */
static int check_control(struct preader *r, const struct slider *s)
{
    double v = s->value;

    if (!(isfinite(s->min) && isfinite(s->max) && isfinite(s->step) &&
          isfinite(v) && s->min <= s->max && s->step >= 0 && s->name &&
          s->name[0])) {
        preader_fail(r, "a slider without a name or with bad numbers");
        return -1;
    }
    if (s->kind == SLIDER_CHOICE) {
        for (int k = 0; k < s->nchoices; k++)
            if (!s->choices[k] || !s->choices[k][0] ||
                strlen(s->choices[k]) > PROTO_MAX_CHOICE_TEXT) {
                preader_fail(r, "a choice with an empty or overlong name");
                return -1;
            }
        if (s->nchoices < 1 || s->min != 0 || s->step != 1 ||
            s->max != s->nchoices - 1 || v != floor(v) || v < 0 ||
            v > s->max) {
            preader_fail(r, "a choice whose value or range does not match "
                         "its names");
            return -1;
        }
    } else if (s->kind == SLIDER_BOOL) {
        if (s->min != 0 || s->max != 1 || s->step != 1 ||
            (v != 0 && v != 1)) {
            preader_fail(r, "a switch that is neither on nor off");
            return -1;
        }
    }
    return 0;
}

int proto_get_controls(struct preader *r, struct slider **out, int *n)
{
    uint32_t count = preader_count(r, PROTO_MAX_CONTROLS,
                                   4 * sizeof(uint32_t) + 4 * sizeof(double));
    struct slider *s = xcalloc((size_t)count + 1, sizeof *s);
    int got = 0;

    for (uint32_t i = 0; i < count && !r->bad; i++) {
        struct slider *c = &s[i];
        uint32_t nc;

        got = (int)i + 1;
        c->name = preader_str(r);
        c->label = get_opt_str(r);
        c->kind = (enum slider_kind)get_enum(r, SLIDER_BOOL + 1,
                                             "a control's kind");
        c->min = preader_f64(r);
        c->max = preader_f64(r);
        c->step = preader_f64(r);
        c->value = preader_f64(r);
        nc = preader_count(r, PROTO_MAX_CHOICES, sizeof(uint32_t));
        if (nc && c->kind != SLIDER_CHOICE)
            preader_fail(r, "a slider or switch with choices");
        c->choices = xcalloc((size_t)nc + 1, sizeof *c->choices);
        for (uint32_t k = 0; k < nc && !r->bad; k++) {
            c->choices[k] = preader_str(r);
            c->nchoices = (int)k + 1;
        }
        if (!r->bad)
            check_control(r, c);
    }
    if (r->bad) {
        proto_free_controls(s, got);
        *out = NULL;
        *n = 0;
        return -1;
    }
    *out = s;
    *n = (int)count;
    return 0;
}

int proto_send(int fd, uint32_t type, const struct pbuf *b, int nosignal)
{
    uint32_t head[2] = { b ? (uint32_t)b->len : 0, type };
    const unsigned char *parts[2] = { (const unsigned char *)head,
                                      b ? b->data : NULL };
    size_t lens[2] = { sizeof head, b ? b->len : 0 };

    for (int k = 0; k < 2; k++) {
        size_t off = 0;
        while (off < lens[k]) {
            ssize_t w = nosignal
                ? send(fd, parts[k] + off, lens[k] - off, MSG_NOSIGNAL)
                : write(fd, parts[k] + off, lens[k] - off);
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                /* a non-blocking socket is full: the peer reads what we
                 * send (a student's file can be bigger than the buffer) */
                struct pollfd p = { .fd = fd, .events = POLLOUT };
                int rc = poll(&p, 1, PROTO_SEND_WAIT_MS);
                if (rc > 0 || (rc < 0 && errno == EINTR))
                    continue;
                if (rc == 0)
                    errno = ETIMEDOUT;
                return -1;
            }
            if (w <= 0)
                return -1;
            off += (size_t)w;
        }
    }
    return 0;
}

int proto_read_some(int fd, struct pframe *f, char *why, size_t n)
{
    for (;;) {
        unsigned char *dst;
        size_t want;
        ssize_t got;

        if (f->got < sizeof f->head) {
            dst = f->head + f->got;
            want = sizeof f->head - f->got;
        } else {
            size_t off = f->got - sizeof f->head;
            if (off == f->len)
                return 1;
            dst = f->data + off;
            want = f->len - off;
        }
        got = read(fd, dst, want);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return 0;
        if (got <= 0)
            return -1;
        f->got += (size_t)got;
        if (f->got == sizeof f->head) {
            uint32_t len;
            memcpy(&len, f->head, sizeof len);
            memcpy(&f->type, f->head + 4, sizeof f->type);
            if (len > PROTO_MAX_FRAME) {
                seterr(why, n, "a message of %u bytes (at most %u)",
                       (unsigned)len, PROTO_MAX_FRAME);
                return -2;
            }
            f->len = len;
            f->data = xmalloc(len ? len : 1);
        }
        if (f->got == sizeof f->head + f->len)
            return 1;
        if ((size_t)got < want)
            return 0;               /* nothing more for now */
    }
}

void pframe_reset(struct pframe *f)
{
    free(f->data);
    memset(f, 0, sizeof *f);
}

void request_clear(struct request *q)
{
    free((char *)q->quiz.question);
    free((char *)q->quiz.explain);
    for (int i = 0; i < q->quiz.nchoices; i++) {
        free((char *)q->quiz.choices[i]);
        if (q->quiz.why)
            free((char *)q->quiz.why[i]);
    }
    free(q->quiz.choices);
    free(q->quiz.why);
    free((char *)q->ex.name);
    free((char *)q->ex.title);
    free((char *)q->ex.statement);
    free((char *)q->ex.stub);
    free((char *)q->ex.solution);
    free((char *)q->ex.message);
    for (int i = 0; i < q->ex.nhints; i++)
        free((char *)q->ex.hints[i]);
    free(q->ex.hints);
    proto_free_controls(q->sliders, q->nsliders);
    memset(q, 0, sizeof *q);
}
