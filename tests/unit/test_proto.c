/* SPDX-License-Identifier: MIT */
/* Tests for the worker's messages: charts round-trip, and every truncated,
 * oversized or lying payload is refused with a reason, never read past. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>

#include "proto.h"

/* Returns a line chart with two series, labels and a marker. */
static struct chart *sample_chart(void)
{
    struct chart *c = chart_new(CHART_LINE);
    struct chart_series *s;

    c->title = strdup("loss \xe6\x8d\x9f\xe5\xa4\xb1");
    c->xlabel = strdup("epoch");
    c->ylog = 1;
    c->aspect = 0.5;
    for (int k = 0; k < 2; k++) {
        s = chart_add_series(c);
        s->name = k ? strdup("B=8") : NULL;
        s->style = k ? STYLE_POINTS : STYLE_LINE;
        s->x = array_new(5, 0);
        s->y = array_new(5, 0);
        for (int i = 0; i < 5; i++) {
            s->x->data[i] = i;
            s->y->data[i] = exp(-i) + k;
        }
    }
    return c;
}

static void test_chart_round_trip(void **state)
{
    struct chart *c = sample_chart(), *d;
    struct pbuf b = { 0 };
    struct preader r;

    (void)state;
    proto_put_chart(&b, c);
    r = (struct preader){ .p = b.data, .left = b.len };
    d = proto_get_chart(&r);
    assert_non_null(d);
    assert_false(r.bad);
    assert_string_equal(d->title, c->title);
    assert_string_equal(d->xlabel, "epoch");
    assert_null(d->ylabel);
    assert_int_equal(d->ylog, 1);
    assert_true(d->aspect == 0.5);
    assert_int_equal(d->nseries, 2);
    assert_null(d->series[0].name);
    assert_string_equal(d->series[1].name, "B=8");
    assert_int_equal(d->series[1].style, STYLE_POINTS);
    assert_memory_equal(d->series[1].y->data, c->series[1].y->data,
                        5 * sizeof(double));
    chart_free(c);
    chart_free(d);
    pbuf_free(&b);
}

/* Every prefix of a valid chart is refused without reading past it. */
static void test_chart_truncated(void **state)
{
    struct chart *c = sample_chart();
    struct pbuf b = { 0 };

    (void)state;
    proto_put_chart(&b, c);
    for (size_t n = 0; n < b.len; n++) {
        unsigned char *copy = malloc(n ? n : 1);   /* ASan sees past it */
        struct preader r = { .p = copy, .left = n };
        memcpy(copy, b.data, n);
        assert_null(proto_get_chart(&r));
        assert_true(r.bad);
        assert_true(strlen(r.why) > 0);
        free(copy);
    }
    chart_free(c);
    pbuf_free(&b);
}

/* A chart whose data break chart_validate is refused with its reason. */
static void test_chart_invalid(void **state)
{
    struct chart *c = sample_chart();
    struct pbuf b = { 0 };
    struct preader r;

    (void)state;
    c->series[1].y->rows = 4;           /* x has 5 values, y now 4 */
    proto_put_chart(&b, c);
    r = (struct preader){ .p = b.data, .left = b.len };
    assert_null(proto_get_chart(&r));
    assert_non_null(strstr(r.why, "chart:"));
    chart_free(c);
    pbuf_free(&b);
}

/* An aspect that is not a positive number is refused on arrival. */
static void test_chart_bad_aspect(void **state)
{
    static const double bad[] = { -1, NAN, INFINITY };
    struct pbuf b = { 0 };
    struct preader r;

    (void)state;
    for (int k = 0; k < 3; k++) {
        struct chart *c = sample_chart();

        c->aspect = bad[k];
        proto_put_chart(&b, c);
        r = (struct preader){ .p = b.data, .left = b.len };
        assert_null(proto_get_chart(&r));
        assert_non_null(strstr(r.why, "aspect"));
        chart_free(c);
        pbuf_free(&b);
        memset(&b, 0, sizeof b);
    }
}

/* Lying counts, kinds, texts and sizes are all refused. */
static void test_lies(void **state)
{
    struct pbuf b = { 0 };
    struct preader r;
    char *s;

    (void)state;
    pbuf_u32(&b, 99);                   /* a chart kind that is none */
    r = (struct preader){ .p = b.data, .left = b.len };
    assert_null(proto_get_chart(&r));
    assert_non_null(strstr(r.why, "kind"));
    b.len = 0;
    pbuf_u32(&b, 0xffffffffu);          /* a text of 4 GiB */
    r = (struct preader){ .p = b.data, .left = b.len };
    assert_null(preader_str(&r));
    assert_true(r.bad);
    b.len = 0;
    pbuf_u32(&b, 3);                    /* a NUL inside a text */
    pbuf_u32(&b, 0x00410041);
    r = (struct preader){ .p = b.data, .left = b.len };
    assert_null(preader_str(&r));
    assert_non_null(strstr(r.why, "NUL"));
    b.len = 0;
    pbuf_u32(&b, 1000000);              /* items the payload cannot hold */
    r = (struct preader){ .p = b.data, .left = b.len };
    assert_int_equal(preader_count(&r, 2000000, 8), 0);
    assert_true(r.bad);
    b.len = 0;
    pbuf_str(&b, "ok");                 /* and a good text still reads */
    r = (struct preader){ .p = b.data, .left = b.len };
    s = preader_str(&r);
    assert_string_equal(s, "ok");
    free(s);
    pbuf_free(&b);
}

/* Frames: one arrives whole across small writes; an oversized header is
 * refused before anything is allocated. */
static void test_frames(void **state)
{
    int sv[2];
    struct pbuf b = { 0 };
    struct pframe f = { 0 };
    uint32_t head[2] = { PROTO_MAX_FRAME + 1, W_SAY };
    char why[128];

    (void)state;
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    pbuf_str(&b, "hello");
    assert_int_equal(proto_send(sv[0], W_SAY, &b, 1), 0);
    assert_int_equal(proto_read_some(sv[1], &f, why, sizeof why), 1);
    assert_int_equal(f.type, W_SAY);
    assert_int_equal(f.len, 4 + 5);
    pframe_reset(&f);
    assert_int_equal(write(sv[0], head, sizeof head), (ssize_t)sizeof head);
    assert_int_equal(proto_read_some(sv[1], &f, why, sizeof why), -2);
    assert_non_null(strstr(why, "bytes"));
    pframe_reset(&f);
    close(sv[0]);
    assert_int_equal(proto_read_some(sv[1], &f, why, sizeof why), -1);
    close(sv[1]);
    pframe_reset(&f);
    pbuf_free(&b);
}

/* A text longer than PROTO_MAX_TEXT is cut on a character boundary. */
static void test_long_text_cut(void **state)
{
    size_t n = PROTO_MAX_TEXT + 10;
    char *s = malloc(n + 1), *got;
    struct pbuf b = { 0 };
    struct preader r;

    (void)state;
    for (size_t i = 0; i < n; i += 3)
        memcpy(s + i, "\xe4\xb8\xad", 3);   /* 中 */
    s[n - n % 3] = '\0';
    pbuf_str(&b, s);
    r = (struct preader){ .p = b.data, .left = b.len };
    got = preader_str(&r);
    assert_non_null(got);
    assert_true(strlen(got) <= PROTO_MAX_TEXT);
    assert_int_equal(strlen(got) % 3, 0);
    free(got);
    free(s);
    pbuf_free(&b);
}

/* Returns three controls: a slider, a choice and a switch. */
static struct slider *sample_controls(void)
{
    static const char *names[] = { "none", "bn", "\xe5\xb1\x82" };
    static struct slider s[3];

    s[0] = (struct slider){ .name = "lr", .label = "log lr", .min = -3,
                            .max = 0, .step = 0.25, .value = -1 };
    s[1] = (struct slider){ .name = "norm", .min = 0, .max = 2, .step = 1,
                            .value = 1, .kind = SLIDER_CHOICE,
                            .choices = names, .nchoices = 3 };
    s[2] = (struct slider){ .name = "fit", .min = 0, .max = 1, .step = 1,
                            .value = 1, .kind = SLIDER_BOOL };
    return s;
}

/* Returns what proto_get_controls makes of b (0 or -1), freeing what it
 * read; why gets the reason. */
static int read_controls(const struct pbuf *b, char *why, size_t n)
{
    struct preader r = { .p = b->data, .left = b->len };
    struct slider *s;
    int count, rc = proto_get_controls(&r, &s, &count);

    snprintf(why, n, "%s", r.why);
    if (rc == 0)
        proto_free_controls(s, count);
    return rc;
}

static void test_controls_round_trip(void **state)
{
    struct pbuf b = { 0 };
    struct preader r;
    struct slider *s;
    int n;

    (void)state;
    proto_put_controls(&b, sample_controls(), 3);
    r = (struct preader){ .p = b.data, .left = b.len };
    assert_int_equal(proto_get_controls(&r, &s, &n), 0);
    assert_int_equal(n, 3);
    assert_int_equal(r.left, 0);
    assert_string_equal(s[0].label, "log lr");
    assert_int_equal(s[0].kind, SLIDER_NUMBER);
    assert_int_equal(s[0].nchoices, 0);
    assert_true(s[0].step == 0.25);
    assert_int_equal(s[1].kind, SLIDER_CHOICE);
    assert_null(s[1].label);
    assert_int_equal(s[1].nchoices, 3);
    assert_string_equal(s[1].choices[2], "\xe5\xb1\x82");
    assert_true(s[1].value == 1);
    assert_int_equal(s[2].kind, SLIDER_BOOL);
    proto_free_controls(s, n);
    pbuf_free(&b);
}

/* Every prefix of valid controls is refused without reading past it. */
static void test_controls_truncated(void **state)
{
    struct pbuf b = { 0 };

    (void)state;
    proto_put_controls(&b, sample_controls(), 3);
    for (size_t n = 0; n < b.len; n++) {
        unsigned char *copy = malloc(n ? n : 1);
        struct preader r = { .p = copy, .left = n };
        struct slider *s = (struct slider *)1;
        int count = 7;
        memcpy(copy, b.data, n);
        /* a prefix that ends between controls holds a valid count of
         * fewer: the reader must refuse it by the count */
        assert_int_equal(proto_get_controls(&r, &s, &count), -1);
        assert_null(s);
        assert_int_equal(count, 0);
        assert_true(strlen(r.why) > 0);
        free(copy);
    }
    pbuf_free(&b);
}

/* A forged choice or switch is refused, with a reason: an index out of
 * range or not whole, a range that does not match its names, an empty
 * or overlong name, too many names, names on a slider, a switch that is
 * neither on nor off, an unknown kind. */
static void test_controls_forged(void **state)
{
    struct slider *good = sample_controls(), s[3];
    static const char *empty[] = { "a", "" };
    char long_name[PROTO_MAX_CHOICE_TEXT + 2], why[128];
    const char *longs[] = { "a", long_name };
    const char *many[PROTO_MAX_CHOICES + 1];
    struct pbuf b = { 0 };

    (void)state;
    memset(long_name, 'x', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = '\0';
    for (int i = 0; i <= PROTO_MAX_CHOICES; i++)
        many[i] = "c";
    for (int k = 0; k < 11; k++) {
        memcpy(s, good, sizeof s);
        switch (k) {
        case 0: s[1].value = 3; break;                 /* past its names */
        case 1: s[1].value = -1; break;
        case 2: s[1].value = 0.5; break;               /* not whole */
        case 3: s[1].max = 5; break;                   /* range != names */
        case 4: s[1].choices = empty, s[1].nchoices = 2,
                s[1].max = 1; break;
        case 5: s[1].choices = longs, s[1].nchoices = 2,
                s[1].max = 1; break;
        case 6: s[1].choices = many, s[1].nchoices = PROTO_MAX_CHOICES + 1,
                s[1].max = PROTO_MAX_CHOICES; break;
        case 7: s[1].nchoices = 0, s[1].max = -1, s[1].value = 0; break;
        case 8: s[2].value = 2; break;                 /* neither on nor off */
        case 9: s[2].max = 3; break;
        case 10: s[0].kind = SLIDER_CHOICE; break;     /* a choice, no names */
        }
        b.len = 0;
        proto_put_controls(&b, s, 3);
        assert_int_equal(read_controls(&b, why, sizeof why), -1);
        assert_true(strlen(why) > 0);
    }
    /* names on a slider, and a kind that is none: written by hand */
    memcpy(s, good, sizeof s);
    s[0].kind = SLIDER_CHOICE;                  /* the names go out ... */
    s[0].choices = empty, s[0].nchoices = 1;
    b.len = 0;
    proto_put_controls(&b, s, 1);
    memset(b.data + 4 + 4 + 2 + 4 + 4 + 6, 0, 4);   /* ... kind: number */
    assert_int_equal(read_controls(&b, why, sizeof why), -1);
    assert_non_null(strstr(why, "with choices"));
    memset(b.data + 4 + 4 + 2 + 4 + 4 + 6, 9, 1);   /* kind 9 */
    assert_int_equal(read_controls(&b, why, sizeof why), -1);
    assert_non_null(strstr(why, "kind"));
    b.len = 0;
    proto_put_controls(&b, good, 3);            /* and the good ones read */
    assert_int_equal(read_controls(&b, why, sizeof why), 0);
    pbuf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chart_round_trip),
        cmocka_unit_test(test_chart_truncated),
        cmocka_unit_test(test_chart_invalid),
        cmocka_unit_test(test_chart_bad_aspect),
        cmocka_unit_test(test_lies),
        cmocka_unit_test(test_frames),
        cmocka_unit_test(test_long_text_cut),
        cmocka_unit_test(test_controls_round_trip),
        cmocka_unit_test(test_controls_truncated),
        cmocka_unit_test(test_controls_forged),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
