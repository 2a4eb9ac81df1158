/* SPDX-License-Identifier: MIT */
/* The messages between the front-end and a lesson's worker process. */
#ifndef NNT_PROTO_H
#define NNT_PROTO_H

#include <stddef.h>
#include <stdint.h>

#include "chart.h"
#include "frontend.h"

/*
 * A message is a frame: a 4-byte payload length, a 4-byte type, then the
 * payload, integers in the machine's byte order (both ends are the same
 * binary).  The worker's first message is W_HELLO with PROTO_VERSION; the
 * front-end refuses any other version.  A new message type or a new field
 * at the end of a payload raises the version.
 *
 * Everything the worker sends is untrusted: the reader checks every
 * length against what is left and against the limits below, every count
 * against the bytes that would hold it, and every number it uses as a
 * size or index, before a field is read.  A frame that fails is a
 * "malformed message" error, never a crash.
 */
#define PROTO_VERSION   5
#define PROTO_MAX_FRAME (64u << 20)     /* bytes in one message */
#define PROTO_MAX_TEXT  (1u << 20)      /* bytes in one text */
#define PROTO_MAX_ITEMS 4096            /* choices, sliders, series, ... */
#define PROTO_SEND_WAIT_MS 10000        /* a full socket that long: give up */
#define PROTO_MAX_CONTROLS 64           /* controls on one explore screen */
#define PROTO_MAX_CHOICES 64            /* names in one choice control */
#define PROTO_MAX_CHOICE_TEXT 256       /* bytes in one choice's name */

enum proto_type {
    /* worker -> front-end */
    W_HELLO = 1,        /* u32 version */
    W_HEADER,           /* str id, title, summary; u32 nsteps; u64 seed;
                           nsteps x str step title; u32 nex; nex x (str
                           name, str title) of the lesson's exercises; str
                           the written answer ("" when none) */
    W_FAILED,           /* str message: the lesson could not be opened */
    W_STEP,             /* u32 index, nsteps; str title */
    W_SAY,              /* str text */
    W_CHART,            /* chart (proto_put_chart) */
    W_CLAIM,            /* str text; u32 ok */
    W_PRINT,            /* str text */
    W_DRAW,             /* an explore screen draws again */
    W_WARN,             /* str text */
    W_PROGRESS,         /* f64 fraction in [0, 1], or -1: the call ended */
    W_CALL,             /* str "plugin.function" ("" when it returned);
                           str where ("file:line: " or "") */
    W_BUSY,             /* still working (no request yet) */
    W_REQUEST,          /* u32 kind; then by kind: quiz (str question,
                           u32 has explain, str explain, u32 answer, u32 n,
                           n x (str choice, u32 has why, str why)), explore
                           (proto_put_controls), error (str
                           message), exercise (str name, title, statement,
                           stub, solution; u32 n; n x str hint; u32 status,
                           passed, total; str message) */
    W_DONE,             /* a script ended: u32 failed; str message */
    W_LINT,             /* str text: a lint warning (check only) */
    /* front-end -> worker */
    C_BEGIN = 100,      /* u32 step; u32 n; n x (str name, f64 value):
                           values for the controls of the step's first
                           explore screen (a language switch keeps them) */
    C_CONTINUE,
    C_ANSWER,           /* u32 choice (0: none) */
    C_SLIDE,            /* str name; f64 value */
    C_LANG,             /* str "en" or "zh" */
    C_QUIT,
    C_CHECK,            /* str source: check it against the exercise */
    C_EXERCISE          /* str name: present that exercise alone */
};

/* A growing payload being written. */
struct pbuf {
    unsigned char *data;
    size_t len, cap;
};

/* A payload being read: every get checks what is left; after the first
 * failure bad is set, why says what, and every later get returns zero. */
struct preader {
    const unsigned char *p;
    size_t left;
    int bad;
    char why[128];
};

void pbuf_u32(struct pbuf *b, uint32_t v);
void pbuf_u64(struct pbuf *b, uint64_t v);
void pbuf_f64(struct pbuf *b, double v);
/* Writes a text (NULL as the empty text); longer ones are cut at
 * PROTO_MAX_TEXT on a character boundary. */
void pbuf_str(struct pbuf *b, const char *s);
void pbuf_free(struct pbuf *b);

uint32_t preader_u32(struct preader *r);
uint64_t preader_u64(struct preader *r);
double preader_f64(struct preader *r);
/* Returns a malloc'd copy of a text (at most PROTO_MAX_TEXT bytes, no NUL
 * inside), or NULL on failure. */
char *preader_str(struct preader *r);
/* Returns a count for items of at least item_size bytes each: at most max
 * and at most what the rest of the payload can hold. */
uint32_t preader_count(struct preader *r, uint32_t max, size_t item_size);
/* Marks the reader failed with a reason (the first one is kept). */
void preader_fail(struct preader *r, const char *why);

/* Writes a chart: its kind, texts, options and arrays. */
void proto_put_chart(struct pbuf *b, const struct chart *c);
/* Reads a chart and validates it as ui:chart does; returns it, or NULL
 * with the reason in r. */
struct chart *proto_get_chart(struct preader *r);

/* Writes an explore screen's controls: u32 n; n x (str name, u32 has
 * label, str label, u32 kind, 4 x f64 min, max, step, value, u32
 * nchoices, nchoices x str choice). */
void proto_put_controls(struct pbuf *b, const struct slider *s, int n);
/* Reads controls into *out (n of them, malloc'd, freed by request_clear
 * when put in a request) and checks each: a name, finite numbers with
 * min <= max; a choice has 1..PROTO_MAX_CHOICES non-empty names of at
 * most PROTO_MAX_CHOICE_TEXT bytes and an index in range; a switch is 0
 * or 1.  Returns 0, or -1 with the reason in r. */
int proto_get_controls(struct preader *r, struct slider **out, int *n);
/* Frees n controls and their texts. */
void proto_free_controls(struct slider *s, int n);

/* Writes frame (type, payload b) to fd, all of it (waiting up to
 * PROTO_SEND_WAIT_MS for room when fd is non-blocking).  Returns 0, or -1
 * (errno set).  With nosignal, a closed peer is EPIPE, not SIGPIPE. */
int proto_send(int fd, uint32_t type, const struct pbuf *b, int nosignal);

/* A frame read in pieces from a descriptor. */
struct pframe {
    uint32_t type;
    unsigned char *data;        /* the payload (malloc'd) */
    size_t len;                 /* its length */
    size_t got;                 /* bytes of header + payload read so far */
    unsigned char head[8];
};

/* Reads what fd has for frame f (which starts zeroed).  Returns 1 when f
 * is complete, 0 when more is needed, -1 at end of file or on an error,
 * -2 when the header is malformed (with the reason in why). */
int proto_read_some(int fd, struct pframe *f, char *why, size_t n);
/* Frees the payload and zeroes f for the next frame. */
void pframe_reset(struct pframe *f);

#endif
