/* SPDX-License-Identifier: MIT */
/* Tests for chart export: SVG structure and escaping, CSV tables, files. */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "export.h"

/* ---- helpers */

/* Returns a new 1-D array holding the n values. */
static struct array *arr(size_t n, const double *v)
{
    struct array *a = array_new(n, 0);

    assert_non_null(a);
    if (n)
        memcpy(a->data, v, n * sizeof *v);
    return a;
}

/* Returns a malloc'd copy of s (NULL stays NULL). */
static char *sdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* Returns a new chart with the given texts (any may be NULL). */
static struct chart *mk(enum chart_kind kind, const char *title,
                        const char *xlabel, const char *ylabel)
{
    struct chart *c = chart_new(kind);

    assert_non_null(c);
    c->title = sdup(title);
    c->xlabel = sdup(xlabel);
    c->ylabel = sdup(ylabel);
    return c;
}

/* Appends an empty series named name; returns it. */
static struct chart_series *add(struct chart *c, const char *name)
{
    struct chart_series *s;

    s = realloc(c->series, (size_t)(c->nseries + 1) * sizeof *s);
    assert_non_null(s);
    c->series = s;
    s = &c->series[c->nseries++];
    memset(s, 0, sizeof *s);
    s->name = sdup(name);
    return s;
}

/* Appends a line/scatter series; x may be NULL.  Returns it. */
static struct chart_series *add_xy(struct chart *c, const char *name,
                                   size_t n, const double *x,
                                   const double *y)
{
    struct chart_series *s = add(c, name);

    s->x = x ? arr(n, x) : NULL;
    s->y = arr(n, y);
    return s;
}

/* Sets a bar chart's labels and values. */
static void set_bars(struct chart *c, size_t n, const char *const *labels,
                     const double *v)
{
    size_t i;

    c->labels = calloc(n + 1, sizeof *c->labels);
    assert_non_null(c->labels);
    for (i = 0; i < n; i++)
        c->labels[i] = sdup(labels[i]);
    c->bar_values = arr(n, v);
}

/* Returns the output of fn for c as a malloc'd string. */
static char *render(int (*fn)(const struct chart *, FILE *),
                    const struct chart *c)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    assert_non_null(f);
    assert_int_equal(fn(c, f), 0);
    assert_int_equal(fclose(f), 0);
    return buf;
}

/* Returns the number of (non-overlapping) occurrences of needle. */
static int count(const char *hay, const char *needle)
{
    int n = 0;

    while ((hay = strstr(hay, needle)) != NULL) {
        n++;
        hay += strlen(needle);
    }
    return n;
}

/* Returns 1 if s contains needle ignoring ASCII case. */
static int has_nocase(const char *s, const char *needle)
{
    size_t n = strlen(needle);

    for (; *s; s++)
        if (strncasecmp(s, needle, n) == 0)
            return 1;
    return 0;
}

/* Returns 1 if python's strict XML parser (expat) accepts text. */
static int xml_ok(const char *text)
{
    char path[] = "/tmp/nnt-test-export-XXXXXX", cmd[256];
    int fd = mkstemp(path), rc;
    FILE *f;

    assert_true(fd >= 0);
    f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
    snprintf(cmd, sizeof cmd, "python3 -c 'import xml.dom.minidom,sys; "
             "xml.dom.minidom.parse(sys.argv[1])' %s", path);
    rc = system(cmd);
    unlink(path);
    return rc == 0;
}

/* Checks the invariants of every SVG: valid XML, the frame, no NaN. */
static void check_svg(const char *svg)
{
    assert_true(xml_ok(svg));
    assert_non_null(strstr(svg, "xmlns=\"http://www.w3.org/2000/svg\""));
    assert_non_null(strstr(svg, "viewBox=\"0 0 720 480\""));
    assert_non_null(strstr(svg, "font-family=\"sans-serif\""));
    assert_false(has_nocase(svg, "nan"));
    assert_false(has_nocase(svg, "inf"));
}

/* Returns the text of the file at path (malloc'd), or NULL. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* ---- SVG */

static void test_svg_line(void **state)
{
    static const double x[] = { 1, 2, 3, 4, 5 };
    static const double y1[] = { 5, 4, 3, 2, 1 };
    static const double y2[] = { 1, 2, NAN, 4, INFINITY };
    static const double y3[] = { 2, 2.5, 3, 3.5, 4 };
    struct chart *c = mk(CHART_LINE, "Loss <B=1 & B=32> \"q\" 'a' 损失",
                         "epoch & step", "loss <log>");
    char *svg;

    (void)state;
    add_xy(c, "B=1", 5, x, y1);
    add_xy(c, "B<32>", 5, x, y2);       /* broken at NaN, ends at Inf */
    add_xy(c, NULL, 5, NULL, y3);       /* unnamed: not in the legend */
    svg = render(export_svg, c);
    check_svg(svg);
    /* series 1 whole, series 2 as 1-2 and a lone 4, series 3 whole */
    assert_int_equal(count(svg, "<polyline"), 3);
    assert_int_equal(count(svg, "r=\"2.5\""), 1);   /* the lone point */
    /* several series: each line in its style, with its marker along it */
    assert_int_equal(count(svg, "<polygon"), 5);  /* ◆ of series 3 */
    assert_non_null(strstr(svg, "stroke-dasharray=\"7 4\""));
    assert_non_null(strstr(svg, "stroke-dasharray=\"1.5 3.5\""));
    assert_non_null(strstr(svg, "<title>Loss &lt;B=1 &amp; B=32&gt; "
                           "&quot;q&quot; &apos;a&apos; 损失</title>"));
    assert_non_null(strstr(svg, ">epoch &amp; step</text>"));
    assert_non_null(strstr(svg, ">loss &lt;log&gt;</text>"));
    assert_non_null(strstr(svg, "rotate(-90"));
    assert_non_null(strstr(svg, ">B=1</text>"));   /* legend */
    assert_non_null(strstr(svg, ">B&lt;32&gt;</text>"));
    assert_null(strstr(svg, ">series 3</text>"));
    assert_non_null(strstr(svg, "stroke=\"#0087ff\""));
    assert_non_null(strstr(svg, "stroke=\"#ff8700\""));
    assert_non_null(strstr(svg, "stroke=\"#00af5f\""));
    free(svg);
    chart_free(c);
}

static void test_svg_points(void **state)
{
    static const double x[] = { 0, 1, 2, 3, 4, 5 };
    static const double y[] = { 0, 1, NAN, 9, 16, -INFINITY };
    struct chart *c = mk(CHART_SCATTER, "scatter", NULL, NULL);
    char *svg;

    (void)state;
    add_xy(c, "data", 6, x, y);
    svg = render(export_svg, c);
    check_svg(svg);
    assert_int_equal(count(svg, "<circle"), 4 + 1);  /* points, legend */
    assert_int_equal(count(svg, "<polyline"), 0);
    free(svg);
    chart_free(c);

    /* a line chart mixing points and a line */
    c = mk(CHART_LINE, NULL, NULL, NULL);
    add_xy(c, "data", 6, x, y)->style = STYLE_POINTS;
    add_xy(c, "fit", 6, x, x);
    svg = render(export_svg, c);
    check_svg(svg);
    /* points, the fit's rings along it, a dot and a ring in the legend */
    assert_int_equal(count(svg, "<circle"), 4 + 6 + 2);
    assert_int_equal(count(svg, "fill=\"#ffffff\" stroke=\"#ff8700\""),
                     6 + 1);
    assert_int_equal(count(svg, "<polyline"), 1);
    assert_null(strstr(svg, "<title>"));
    free(svg);
    chart_free(c);
}

static void test_svg_log_axes(void **state)
{
    static const double x[] = { 1, 2, 3, 4, 5, 6, 7 };
    static const double y[] = { 1, 10, 0, 100, -5, 1000, 10000 };
    struct chart *c = mk(CHART_LINE, "log", "x", "y");
    char *svg;

    (void)state;
    c->ylog = 1;
    add_xy(c, NULL, 7, x, y);
    svg = render(export_svg, c);
    check_svg(svg);
    /* 0 and -5 are skipped: 1-10, lone 100, 1000-10000 */
    assert_int_equal(count(svg, "<polyline"), 2);
    assert_int_equal(count(svg, "<circle"), 1);
    assert_non_null(strstr(svg, ">10</text>"));     /* decade ticks */
    assert_non_null(strstr(svg, ">100</text>"));
    assert_non_null(strstr(svg, ">1000</text>"));
    free(svg);
    chart_free(c);

    /* a log axis with no positive value at all */
    c = mk(CHART_SCATTER, NULL, NULL, NULL);
    c->xlog = 1;
    add_xy(c, NULL, 3, (const double[]){ -1, 0, -3 }, y);
    svg = render(export_svg, c);
    check_svg(svg);
    assert_int_equal(count(svg, "<circle"), 0);
    assert_non_null(strstr(svg, ">no data</text>"));
    free(svg);
    chart_free(c);
}

static void test_svg_heatmap(void **state)
{
    static const double hx[] = { 0, 1, 2, 3 }, hy[] = { 10, 20, 30 };
    struct chart *c = mk(CHART_HEATMAP, "landscape", "w1", "w2");
    char *svg;
    size_t i;

    (void)state;
    c->hx = arr(4, hx);
    c->hy = arr(3, hy);
    c->z = array_new(3, 4);
    for (i = 0; i < 12; i++)
        c->z->data[i] = (double)i;
    c->z->data[5] = NAN;
    c->contours = 3;
    c->mark_x = 1;
    c->mark_y = 20;
    svg = render(export_svg, c);
    check_svg(svg);
    /* background, clip, 11 finite cells, frame, colour bar */
    assert_int_equal(count(svg, "<rect"), 1 + 1 + 11 + 1 + 1);
    assert_non_null(strstr(svg, "fill=\"#440154\""));   /* min colour */
    assert_non_null(strstr(svg, "fill=\"#fde725\""));   /* max colour */
    assert_non_null(strstr(svg, "url(#nnt-viridis)"));
    assert_non_null(strstr(svg, ">0</text>"));          /* bar min */
    assert_non_null(strstr(svg, ">11</text>"));         /* bar max */
    assert_true(count(svg, "<path d=\"") >= 1 + 2);     /* contours, mark */
    free(svg);
    chart_free(c);

    /* contours through a saddle and a 1-D z without coordinates */
    c = mk(CHART_HEATMAP, NULL, NULL, NULL);
    c->z = array_new(2, 2);
    c->z->data[0] = c->z->data[3] = 1;
    c->contours = 1;
    svg = render(export_svg, c);
    check_svg(svg);
    assert_int_equal(count(svg, "<rect"), 1 + 1 + 4 + 1 + 1);
    assert_int_equal(count(svg, " L"), 2);      /* two saddle segments */
    free(svg);
    chart_free(c);

    c = mk(CHART_HEATMAP, NULL, NULL, NULL);
    c->z = arr(3, (const double[]){ 1, 2, 3 });
    svg = render(export_svg, c);
    check_svg(svg);
    assert_int_equal(count(svg, "<rect"), 1 + 1 + 3 + 1 + 1);
    free(svg);
    chart_free(c);
}

static void test_svg_histogram(void **state)
{
    static const double v[] = { 0, 1, 1, 2, 2, 2, 3, NAN };
    static const double w[] = { 0.5, 0.5 };
    struct chart *c = mk(CHART_HISTOGRAM, "h", "value", NULL);
    char *svg, *csv;

    (void)state;
    add(c, NULL)->values = arr(8, v);
    c->bins = 3;
    svg = render(export_svg, c);
    check_svg(svg);
    assert_int_equal(count(svg, "<rect"), 1 + 1 + 3 + 1);
    assert_non_null(strstr(svg, ">count</text>"));     /* default label */
    csv = render(export_csv, c);
    assert_string_equal(csv, "series,bin_lo,bin_hi,count\r\n"
                        "series 1,0,1,1\r\n"
                        "series 1,1,2,2\r\n"
                        "series 1,2,3,4\r\n");
    free(svg);
    free(csv);

    /* two named series share the bins, side by side, hatched apart */
    add(c, "b")->values = arr(2, w);
    free(c->series[0].name);
    c->series[0].name = sdup("a");
    svg = render(export_svg, c);
    check_svg(svg);
    assert_int_equal(count(svg, "<rect"), 1 + 2 + 1 + 3 + 1 + 1 + 1 + 2);
    assert_int_equal(count(svg, "url(#nnt-fill-1)"), 2);   /* bars, key */
    assert_non_null(strstr(svg, "<pattern id=\"nnt-fill-1\""));
    csv = render(export_csv, c);
    assert_non_null(strstr(csv, "\r\nb,0,1,2\r\nb,1,2,0\r\nb,2,3,0\r\n"));
    free(svg);
    free(csv);
    chart_free(c);
}

static void test_svg_bar(void **state)
{
    static const char *const labels[] = { "w1", "w2 & <b>", "w3", "权重" };
    static const double v[] = { 0.3, -1.5, NAN, 2 };
    struct chart *c = mk(CHART_BAR, "weights", "value", NULL);
    char *svg;

    (void)state;
    set_bars(c, 4, labels, v);
    svg = render(export_svg, c);
    check_svg(svg);
    assert_int_equal(count(svg, "<rect"), 1 + 1 + 3 + 1);
    assert_non_null(strstr(svg, ">w2 &amp; &lt;b&gt;</text>"));
    assert_non_null(strstr(svg, ">权重</text>"));
    assert_non_null(strstr(svg, ">-1.5</text>"));      /* value labels */
    assert_non_null(strstr(svg, ">n/a</text>"));
    assert_non_null(strstr(svg, "fill=\"#ff8700\""));  /* negative bar */
    free(svg);
    chart_free(c);
}

/* A chart of each kind with hostile data never breaks the SVG. */
static void test_svg_hostile(void **state)
{
    static const double big[] = { -1e308, 1e308, 5e-324, -0.0, 1e300 };
    static const double same[] = { 7, 7, 7, 7, 7 };
    static const double bad[] = { NAN, INFINITY, -INFINITY, NAN, NAN };
    static const double down[] = { 5, 4, 3, 2, 1 };
    const double *sets[] = { big, same, bad, down };
    char title[300];
    int kind, i, j, k;

    (void)state;
    memset(title, 'W', sizeof title - 1);
    title[sizeof title - 1] = '\0';
    title[3] = '\x01';                  /* control and invalid UTF-8 */
    title[4] = '\xff';
    title[5] = '\xe6';
    for (kind = CHART_LINE; kind <= CHART_BAR; kind++)
        for (i = 0; i < 4; i++)
            for (j = 0; j < 4; j++)
                for (k = 0; k < 3; k++) {
                    static const char *const lb[5] = { "a", "b", "c" };
                    struct chart *c = mk((enum chart_kind)kind, title,
                                         "x", "y");
                    char *svg, *csv;

                    c->xlog = k & 1;
                    c->ylog = k >= 1;
                    c->has_xrange = k == 2;
                    c->xmin = 2;
                    c->xmax = 3;
                    c->contours = 5;
                    c->bins = k == 2 ? 100000 : 0;
                    add_xy(c, "s", 5, sets[i], sets[j]);
                    c->series[0].values = arr(5, sets[j]);
                    add_xy(c, NULL, 1, sets[j], sets[i]);
                    c->hx = arr(5, sets[i]);
                    c->hy = arr(5, sets[j]);
                    c->z = array_new(5, 5);
                    memcpy(c->z->data, sets[i], sizeof big);
                    memcpy(c->z->data + 20, sets[j], sizeof big);
                    set_bars(c, 3, lb, sets[j]);
                    svg = render(export_svg, c);
                    csv = render(export_csv, c);
                    assert_false(has_nocase(svg, "nan"));
                    assert_false(has_nocase(svg, "inf"));
                    assert_false(has_nocase(csv, "nan"));
                    if (i == 0 && j == 0)
                        check_svg(svg);
                    free(svg);
                    free(csv);
                    chart_free(c);
                }
}

/* Many series: the palette wraps and the legend stays bounded. */
static void test_svg_many_series(void **state)
{
    static const double y[] = { 1, 2 };
    struct chart *c = mk(CHART_LINE, NULL, NULL, NULL);
    char name[16], *svg;
    int i;

    (void)state;
    for (i = 0; i < 30; i++) {
        snprintf(name, sizeof name, "s%d", i);
        add_xy(c, name, 2, NULL, y);
    }
    svg = render(export_svg, c);
    check_svg(svg);
    assert_int_equal(count(svg, "<polyline"), 30);
    assert_non_null(strstr(svg, ">s11</text>"));
    assert_null(strstr(svg, ">s12</text>"));
    free(svg);
    chart_free(c);
}

static void test_svg_write_error(void **state)
{
    static const double y[] = { 1, 2 };
    struct chart *c = mk(CHART_LINE, NULL, NULL, NULL);
    FILE *f = fopen("/dev/full", "w");

    (void)state;
    if (!f)
        skip();
    add_xy(c, NULL, 2, NULL, y);
    errno = 0;
    assert_int_equal(export_svg(c, f), -1);
    assert_int_equal(errno, ENOSPC);
    assert_int_equal(export_csv(c, f), -1);
    fclose(f);
    chart_free(c);
}

/* ---- CSV */

static void test_csv_line(void **state)
{
    static const double x[] = { 1, 2.5, 3 };
    static const double y[] = { 0.1, NAN, -2.5e-10 };
    static const double y2[] = { 1.0 / 3, INFINITY };
    struct chart *c = mk(CHART_LINE, "t", "x", "y");
    char *csv;

    (void)state;
    add_xy(c, "a", 3, x, y);
    add_xy(c, NULL, 2, NULL, y2);
    csv = render(export_csv, c);
    assert_string_equal(csv, "series,segment,x,y\r\n"
                        "a,1,1,0.1\r\n"
                        "a,,2.5,\r\n"
                        "a,2,3,-2.5e-10\r\n"
                        "series 2,1,1,0.3333333333333333\r\n"
                        "series 2,,2,inf\r\n");
    /* the numbers read back exactly */
    assert_true(strtod("0.3333333333333333", NULL) == 1.0 / 3);
    free(csv);
    chart_free(c);
}

/* Series that share a name stay apart: "informative", "informative (2)"
 * in the CSV and in the SVG legend alike; an unnamed one is "series N". */
static void test_csv_same_names(void **state)
{
    static const double y[] = { 1, 2 };
    struct chart *c = mk(CHART_LINE, NULL, NULL, NULL);
    char *csv, *svg, big[400];

    (void)state;
    add_xy(c, "informative", 2, NULL, y);
    add_xy(c, "null", 1, NULL, y);
    add_xy(c, "informative", 1, NULL, y);
    add_xy(c, NULL, 1, NULL, y);
    add_xy(c, "informative", 1, NULL, y);
    csv = render(export_csv, c);
    assert_string_equal(csv, "series,segment,x,y\r\n"
                        "informative,1,1,1\r\n"
                        "informative,1,2,2\r\n"
                        "null,1,1,1\r\n"
                        "informative (2),1,1,1\r\n"
                        "series 4,1,1,1\r\n"
                        "informative (3),1,1,1\r\n");
    free(csv);
    svg = render(export_svg, c);
    assert_int_equal(count(svg, ">informative<"), 1);
    assert_int_equal(count(svg, ">informative (2)<"), 1);
    assert_int_equal(count(svg, ">informative (3)<"), 1);
    free(svg);
    chart_free(c);

    /* a long name keeps its number and whole characters */
    c = mk(CHART_HISTOGRAM, NULL, NULL, NULL);
    memset(big, 'a', sizeof big);
    memcpy(big + 250, "权重", 6);
    big[sizeof big - 1] = '\0';
    add(c, big)->values = arr(2, y);
    add(c, big)->values = arr(2, y);
    c->bins = 1;
    csv = render(export_csv, c);
    assert_non_null(strstr(csv, "aaa (2),"));
    assert_null(strstr(csv, "\xe6 (2)"));
    assert_int_equal(count(csv, "权重"), 1);
    free(csv);
    chart_free(c);
}

/* A series broken by gaps (NaN points, as a lesson draws several paths
 * in one series) numbers its segments; a gap has none. */
static void test_csv_segments(void **state)
{
    static const double x[] = { 1, 2, NAN, 1, 2, NAN, NAN, 1 };
    static const double y[] = { 5, 6, NAN, 7, 8, NAN, NAN, 9 };
    struct chart *c = mk(CHART_LINE, NULL, NULL, NULL);
    char *csv;

    (void)state;
    add_xy(c, "informative", 8, x, y);
    csv = render(export_csv, c);
    assert_string_equal(csv, "series,segment,x,y\r\n"
                        "informative,1,1,5\r\n"
                        "informative,1,2,6\r\n"
                        "informative,,,\r\n"
                        "informative,2,1,7\r\n"
                        "informative,2,2,8\r\n"
                        "informative,,,\r\n"
                        "informative,,,\r\n"
                        "informative,3,1,9\r\n");
    free(csv);
    chart_free(c);
}

static void test_csv_quoting(void **state)
{
    static const char *const labels[] = {
        "plain", "a,b", "say \"hi\"", "two\nlines", "权重"
    };
    static const double v[] = { 1, -2, 3, NAN, 0.5 };
    struct chart *c = mk(CHART_BAR, NULL, NULL, NULL);
    char *csv;

    (void)state;
    set_bars(c, 5, labels, v);
    csv = render(export_csv, c);
    assert_string_equal(csv, "label,value\r\n"
                        "plain,1\r\n"
                        "\"a,b\",-2\r\n"
                        "\"say \"\"hi\"\"\",3\r\n"
                        "\"two\nlines\",\r\n"
                        "权重,0.5\r\n");
    free(csv);

    /* a series name with a comma */
    chart_free(c);
    c = mk(CHART_SCATTER, NULL, NULL, NULL);
    add_xy(c, "B=1, lr=0.1", 1, (const double[]){ 1 }, v);
    csv = render(export_csv, c);
    assert_string_equal(csv, "series,segment,x,y\r\n"
                        "\"B=1, lr=0.1\",1,1,1\r\n");
    free(csv);
    chart_free(c);
}

static void test_csv_heatmap(void **state)
{
    struct chart *c = mk(CHART_HEATMAP, NULL, NULL, NULL);
    char *csv;

    (void)state;
    c->hx = arr(2, (const double[]){ -1, 1 });
    c->hy = arr(2, (const double[]){ 0, 0.5 });
    c->z = array_new(2, 2);
    c->z->data[0] = 1;
    c->z->data[1] = 2;
    c->z->data[2] = NAN;
    c->z->data[3] = 4;
    csv = render(export_csv, c);
    assert_string_equal(csv, "x,y,z\r\n"
                        "-1,0,1\r\n"
                        "1,0,2\r\n"
                        "-1,0.5,\r\n"
                        "1,0.5,4\r\n");
    free(csv);
    chart_free(c);
}

/* Numbers are written with '.' even under a comma-decimal LC_NUMERIC. */
static void test_numbers_locale(void **state)
{
    static const double x[] = { 0.5, 1.25 }, y[] = { 1e-3, 2.75 };
    static const char *const labels[] = { "a", "b" };
    char dir[] = "/tmp/nnt-test-locale-XXXXXX", cmd[256];
    char *svg_c[3], *csv_c[3], *out;
    struct chart *c[3];
    int i, tried = 0;

    (void)state;
    c[0] = mk(CHART_LINE, "t", "x", "y");
    add_xy(c[0], "a", 2, x, y);
    c[1] = mk(CHART_BAR, NULL, NULL, NULL);
    set_bars(c[1], 2, labels, x);
    c[2] = mk(CHART_HEATMAP, NULL, NULL, NULL);
    c[2]->z = array_new(2, 2);
    memcpy(c[2]->z->data, (const double[]){ 0.25, 0.5, 1.5, 2.5 },
           4 * sizeof(double));
    for (i = 0; i < 3; i++) {
        svg_c[i] = render(export_svg, c[i]);
        csv_c[i] = render(export_csv, c[i]);
    }
    assert_non_null(mkdtemp(dir));
    snprintf(cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 %s/de_DE.UTF-8 "
             ">/dev/null 2>&1", dir);
    if (system(cmd) == 0) {
        setenv("LOCPATH", dir, 1);
        out = setlocale(LC_NUMERIC, "de_DE.UTF-8");
        unsetenv("LOCPATH");    /* glibc's newlocale leaks its copy */
        if (out) {
            tried = 1;
            assert_string_equal(localeconv()->decimal_point, ",");
            for (i = 0; i < 3; i++) {
                out = render(export_svg, c[i]);
                assert_string_equal(out, svg_c[i]);
                free(out);
                out = render(export_csv, c[i]);
                assert_string_equal(out, csv_c[i]);
                free(out);
            }
            /* the writers leave the caller's locale as it was */
            assert_string_equal(localeconv()->decimal_point, ",");
            setlocale(LC_NUMERIC, "C");
        }
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
    assert_string_equal(csv_c[0], "series,segment,x,y\r\na,1,0.5,0.001\r\n"
                        "a,1,1.25,2.75\r\n");
    for (i = 0; i < 3; i++) {
        free(svg_c[i]);
        free(csv_c[i]);
        chart_free(c[i]);
    }
    if (!tried)
        skip();                 /* no localedef: only C was checked */
}

/* ---- files */

static void test_export_chart(void **state)
{
    static const double y[] = { 3, 1, 2 };
    char dir[] = "/tmp/nnt-test-export-XXXXXX", path[256], err[256];
    struct chart *c = mk(CHART_LINE, "files", NULL, NULL);
    char *svg, *csv, *want, cmd[512];
    struct stat st;
    mode_t mask;

    (void)state;
    add_xy(c, "a", 3, NULL, y);
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/figs/lesson a2_1//", dir);
    assert_int_equal(export_chart(c, path, "01-loss", err, sizeof err), 0);
    snprintf(path, sizeof path, "%s/figs/lesson a2_1/01-loss.svg", dir);
    svg = slurp(path);
    assert_non_null(svg);
    want = render(export_svg, c);
    assert_string_equal(svg, want);
    free(want);
    assert_int_equal(stat(path, &st), 0);
    mask = umask(022);
    umask(mask);
    assert_int_equal(st.st_mode & 0777, 0666 & ~mask);  /* not 0600 */
    snprintf(path, sizeof path, "%s/figs/lesson a2_1/01-loss.csv", dir);
    csv = slurp(path);
    assert_non_null(csv);
    assert_string_equal(csv, "series,segment,x,y\r\na,1,1,3\r\na,1,2,1\r\n"
                        "a,1,3,2\r\n");

    /* again: replaces the files, leaves no temporary files behind */
    snprintf(path, sizeof path, "%s/figs/lesson a2_1", dir);
    assert_int_equal(export_chart(c, path, "01-loss", err, sizeof err), 0);
    snprintf(cmd, sizeof cmd, "test \"$(ls -A '%s')\" = \"$(printf "
             "'01-loss.csv\\n01-loss.svg')\"", path);
    assert_int_equal(system(cmd), 0);

    /* a bad stem */
    assert_int_equal(export_chart(c, dir, "../x", err, sizeof err), -1);
    assert_non_null(strstr(err, "../x"));
    snprintf(path, sizeof path, "rm -rf %s", dir);
    assert_int_equal(system(path), 0);
    free(svg);
    free(csv);
    chart_free(c);
}

static void test_export_chart_unwritable(void **state)
{
    static const double y[] = { 1 };
    char dir[] = "/tmp/nnt-test-export-XXXXXX", path[256], err[256];
    struct chart *c = mk(CHART_LINE, NULL, NULL, NULL);
    FILE *f;

    (void)state;
    add_xy(c, NULL, 1, NULL, y);
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/file", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
    /* a directory under a regular file */
    snprintf(path, sizeof path, "%s/file/sub", dir);
    err[0] = '\0';
    assert_int_equal(export_chart(c, path, "x", err, sizeof err), -1);
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, "Not a directory"));
    /* the regular file itself as the directory */
    snprintf(path, sizeof path, "%s/file", dir);
    assert_int_equal(export_chart(c, path, "x", err, sizeof err), -1);
    assert_non_null(strstr(err, path));
    /* a directory we may not write (unless we are root) */
    snprintf(path, sizeof path, "%s/ro", dir);
    assert_int_equal(mkdir(path, 0555), 0);
    if (access(path, W_OK) != 0) {
        assert_int_equal(export_chart(c, path, "x", err, sizeof err), -1);
        assert_non_null(strstr(err, "/ro/x.svg"));
    }
    assert_int_equal(export_chart(c, path, "x", NULL, 0),
                     access(path, W_OK) ? -1 : 0);
    snprintf(path, sizeof path, "rm -rf %s", dir);
    assert_int_equal(system(path), 0);
    chart_free(c);
}

/* Stems are NN-MM-title: step, chart within the step (from 1), slug. */
static void test_export_stem(void **state)
{
    char buf[64], small[8];

    (void)state;
    assert_string_equal(export_stem(3, 0, "Loss vs. epoch", buf, sizeof buf),
                        "03-01-loss-vs-epoch");
    assert_string_equal(export_stem(3, 1, "Accuracy", buf, sizeof buf),
                        "03-02-accuracy");
    assert_string_equal(export_stem(3, 2, "  --Hello,  World!! ", buf,
                                    sizeof buf), "03-03-hello-world");
    assert_string_equal(export_stem(12, 0, "损失曲线", buf, sizeof buf),
                        "12-01-chart");
    assert_string_equal(export_stem(12, 0, "损失 Loss (L2)", buf, sizeof buf),
                        "12-01-loss-l2");
    assert_string_equal(export_stem(1, 0, NULL, buf, sizeof buf),
                        "01-01-chart");
    assert_string_equal(export_stem(1, 0, "", buf, sizeof buf), "01-01-chart");
    assert_string_equal(export_stem(2, 30, "x", buf, sizeof buf), "02-31-x");
    assert_string_equal(export_stem(2, 99, "x", buf, sizeof buf), "02-100-x");
    assert_string_equal(export_stem(-4, -1, "x/../y", buf, sizeof buf),
                        "00-01-x-y");
    assert_string_equal(export_stem(123, 0, "A", buf, sizeof buf),
                        "123-01-a");
    export_stem(1, 0, "a very long title that goes on and on and on and on",
                buf, sizeof buf);
    assert_string_equal(buf, "01-01-a-very-long-title-that-goes-on-and-on");
    assert_string_equal(export_stem(3, 0, "Loss", small, sizeof small),
                        "03-01-l");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_svg_line),
        cmocka_unit_test(test_svg_points),
        cmocka_unit_test(test_svg_log_axes),
        cmocka_unit_test(test_svg_heatmap),
        cmocka_unit_test(test_svg_histogram),
        cmocka_unit_test(test_svg_bar),
        cmocka_unit_test(test_svg_hostile),
        cmocka_unit_test(test_svg_many_series),
        cmocka_unit_test(test_svg_write_error),
        cmocka_unit_test(test_csv_line),
        cmocka_unit_test(test_csv_quoting),
        cmocka_unit_test(test_csv_same_names),
        cmocka_unit_test(test_csv_segments),
        cmocka_unit_test(test_csv_heatmap),
        cmocka_unit_test(test_numbers_locale),
        cmocka_unit_test(test_export_chart),
        cmocka_unit_test(test_export_chart_unwritable),
        cmocka_unit_test(test_export_stem),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
