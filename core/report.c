/* SPDX-License-Identifier: MIT */
/* A lesson written out as Markdown with its figures as SVG. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "export.h"
#include "out.h"
#include "report.h"
#include "util.h"

/* Returns en or zh in the report's language. */
static const char *tr(const struct report *r, const char *en, const char *zh)
{
    return strcmp(r->lang, "zh") == 0 ? zh : en;
}

/* Writes text with control characters made visible. */
static void put(struct report *r, const char *text)
{
    char *vis = out_visible(text ? text : "");

    fputs(vis, r->f);
    free(vis);
}

/* Writes text on one line (newlines become spaces): for alt texts and
 * list items. */
static void put_line(struct report *r, const char *text)
{
    char *vis = out_visible(text ? text : "");

    for (char *c = vis; *c; c++)
        if (*c == '\n')
            *c = ' ';
    fputs(vis, r->f);
    free(vis);
}

/* Writes code as a fenced block. */
static void put_code(struct report *r, const char *lang, const char *code)
{
    size_t n = code ? strlen(code) : 0;

    fprintf(r->f, "```%s\n", lang);
    put(r, code);
    fputs(n && code[n - 1] == '\n' ? "```\n\n" : "\n```\n\n", r->f);
}

static void rp_step(void *ud, int index, int nsteps, const char *title)
{
    struct report *r = ud;

    r->step = index;
    r->chart = 0;
    fprintf(r->f, "## %d. ", index);
    put_line(r, title);
    fputs("\n\n", r->f);
}

static void rp_say(void *ud, const char *text)
{
    struct report *r = ud;

    put(r, text);
    fputs("\n\n", r->f);
}

/* Exports the chart beside the report and links it. */
static void rp_chart(void *ud, const struct chart *c)
{
    struct report *r = ud;
    char stem[128], err[512];

    export_stem(r->step, r->chart++, c->title, stem, sizeof stem);
    if (export_chart(c, r->dir, stem, err, sizeof err) < 0) {
        if (!r->failed++)
            out_error("%s", err);
        return;
    }
    r->figures++;
    fputs("![", r->f);
    put_line(r, c->title ? c->title : stem);
    fprintf(r->f, "](%s.svg)\n\n", stem);
}

static void rp_claim(void *ud, const char *text, int ok)
{
    struct report *r = ud;

    fputs(ok ? "- ✓ " : "- ✗ ", r->f);
    put_line(r, text);
    fputs("\n\n", r->f);
    if (!ok)
        r->failed_claims++;
}

static void rp_print(void *ud, const char *text)
{
    put_code(ud, "", text);
}

/* A quiz with its answer, the explanation and why the others are wrong. */
static int rp_quiz(void *ud, const struct quiz *q)
{
    struct report *r = ud;

    fprintf(r->f, "**%s** ", tr(r, "Quiz.", "测验。"));
    put_line(r, q->question);
    fputs("\n\n", r->f);
    for (int i = 0; i < q->nchoices; i++) {
        fprintf(r->f, "%d. ", i + 1);
        put_line(r, q->choices[i]);
        if (i + 1 == q->answer)
            fputs(" ✓", r->f);
        else if (q->why && q->why[i]) {
            fputs(" — ", r->f);
            put_line(r, q->why[i]);
        }
        fputs("\n", r->f);
    }
    fputs("\n", r->f);
    if (q->explain) {
        fprintf(r->f, "%s ", tr(r, "*Why:*", "*原因：*"));
        put(r, q->explain);
        fputs("\n\n", r->f);
    }
    return 0;
}

/* An exercise: the statement and the reference solution. */
static void rp_exercise(void *ud, const struct exercise *e)
{
    struct report *r = ud;

    fprintf(r->f, "**%s `%s`: ", tr(r, "Exercise", "练习"), e->name);
    put_line(r, e->title);
    fputs("** ", r->f);
    put(r, e->statement);
    fputs("\n\n", r->f);
    put_code(r, "lua", e->solution);
}

static void rp_explore(void *ud, const struct slider *s, int n)
{
    struct report *r = ud;

    fprintf(r->f, "*%s ", tr(r, "Explore (drawn at the defaults):",
                             "动手探索（按默认值绘制）："));
    for (int i = 0; i < n; i++) {
        int v = (int)s[i].value;
        put_line(r, s[i].label ? s[i].label : s[i].name);
        if (s[i].kind == SLIDER_NUMBER) {
            fprintf(r->f, " = %g ∈ [%g, %g]", s[i].value, s[i].min,
                    s[i].max);
        } else if (s[i].kind == SLIDER_BOOL) {
            fprintf(r->f, " = %s", v ? tr(r, "on", "开")
                                     : tr(r, "off", "关"));
        } else {
            fputs(" = ", r->f);
            put_line(r, s[i].choices[v]);
            fputs(" ∈ {", r->f);
            for (int k = 0; k < s[i].nchoices; k++) {
                fputs(k ? ", " : "", r->f);
                put_line(r, s[i].choices[k]);
            }
            fputs("}", r->f);
        }
        fputs(i + 1 < n ? ", " : "", r->f);
    }
    fputs("*\n\n", r->f);
}

static void rp_warn(void *ud, const char *text)
{
    out_error("%s", text);
}

struct frontend report_frontend(struct report *r)
{
    struct frontend fe = {
        .ud = r, .step = rp_step, .say = rp_say, .chart = rp_chart,
        .claim = rp_claim, .print = rp_print, .quiz = rp_quiz,
        .exercise = rp_exercise, .explore = rp_explore, .warn = rp_warn,
    };
    return fe;
}

/* Makes dir and its parents (0755); returns 0 or -1 (errno). */
static int make_dir(const char *dir)
{
    char *p = xstrdup(dir);
    int rc = 0;

    for (char *s = strchr(p + 1, '/'); s && rc == 0; s = strchr(s + 1, '/')) {
        *s = '\0';
        if (mkdir(p, 0755) < 0 && errno != EEXIST)
            rc = -1;
        *s = '/';
    }
    if (rc == 0 && mkdir(p, 0755) < 0 && errno != EEXIST)
        rc = -1;
    free(p);
    return rc;
}

int report_open(struct report *r, const char *dir, const char *lang,
                const struct session *s, char *err, size_t n)
{
    char *path;

    memset(r, 0, sizeof *r);
    r->dir = dir;
    r->lang = lang && strcmp(lang, "zh") == 0 ? "zh" : "en";
    if (make_dir(dir) < 0)
        return seterr(err, n, "cannot make directory %s: %s", dir,
                      strerror(errno));
    path = xasprintf("%s/%s.md", dir, s->id);
    r->f = fopen(path, "w");
    if (!r->f) {
        seterr(err, n, "cannot write %s: %s", path, strerror(errno));
        free(path);
        return -1;
    }
    free(path);
    fputs("# ", r->f);
    put_line(r, s->title ? s->title : s->id);
    fprintf(r->f, "\n\n*nntutor lesson %s · %s %llu*\n\n", s->id,
            tr(r, "seed", "种子"), (unsigned long long)s->seed);
    if (s->summary) {
        put(r, s->summary);
        fputs("\n\n", r->f);
    }
    return 0;
}

int report_close(struct report *r, const struct session *s, char *err,
                 size_t n)
{
    int bad;

    if (!r->f)
        return 0;
    if (s->answer) {
        fprintf(r->f, "## %s\n\n", tr(r, "Written answer", "习题解答"));
        put(r, s->answer);
        fputs("\n", r->f);
    }
    bad = ferror(r->f);
    if (fclose(r->f) != 0)
        bad = 1;
    r->f = NULL;
    if (bad)
        return seterr(err, n, "cannot write %s/%s.md: %s", r->dir, s->id,
                      strerror(errno ? errno : EIO));
    return 0;
}
