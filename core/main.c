/* SPDX-License-Identifier: MIT */
/* nntutor's command line: lessons, checks, scripts and plugins. */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <lauxlib.h>

#include "canvas.h"
#include "new.h"
#include "out.h"
#include "paths.h"
#include "plain.h"
#include "progress.h"
#include "report.h"
#include "session.h"
#include "tui.h"
#include "util.h"
#include "watch.h"

/* Options shared by every command. */
struct opts {
    int plain, ascii, seed_given, restart, once;
    int strict, watch;          /* check --strict, --watch */
    const char *dir;            /* new --dir DIR */
    const char *lang;
    unsigned long long seed;
    const char *export_dir;
    const char *report_dir;     /* --report DIR */
    int seeds;                  /* check --seeds N (0: once) */
    char **args;                /* positional arguments */
    int nargs;
};

/* Everything a command needs. */
struct app {
    struct opts o;
    struct paths paths;
    struct plugin_set plugins;
    int ascii;                  /* --ascii or a non-UTF-8 locale */
};

static const char usage_text[] =
    "usage: nntutor [COMMAND] [OPTIONS]\n"
    "\n"
    "Learn how neural networks are trained by running the experiments.\n"
    "\n"
    "commands:\n"
    "  (none)                  the menu of lessons\n"
    "  lesson ID|FILE.lua      run a lesson (resumes where you left off)\n"
    "  list                    lessons with id, title, steps and progress\n"
    "  exercise ID [NAME]      check an exercise file on every save (watch\n"
    "                          mode; --once checks once: exit 0 if it passes)\n"
    "  reset [ID]              forget the progress of a lesson (or all)\n"
    "  explore PLUGIN.FUNCTION sliders for any plugin function\n"
    "  plugins [NAME]          plugins, their functions and parameters\n"
    "  run FILE.lua [ARG...]   run a script with the nnt API, print to "
    "stdout\n"
    "  check [ID|FILE.lua...]  run lessons headless (all if none given);\n"
    "                          exit 1 if a step errs or a claim is false;\n"
    "                          lint warnings name file:line and the fix\n"
    "  new lesson ID           write a lesson skeleton ID.lua here\n"
    "  new plugin NAME         write a plugin skeleton NAME/ here\n"
    "\n"
    "options:\n"
    "  --plain                 print the lesson to stdout, auto-advancing\n"
    "  --lang en|zh            language (default from LANG/LC_ALL)\n"
    "  --seed N                seed for reproducible experiments\n"
    "  --ascii                 ASCII glyphs only\n"
    "  --export DIR            write every chart as SVG and CSV into DIR\n"
    "  --restart               start the lesson from its first step\n"
    "  --once                  exercise: check once and exit\n"
    "  --report DIR            lesson: write it as DIR/ID.md with its figures\n"
    "                          as SVG (text, claims, quiz answers, solutions,\n"
    "                          the written answer)\n"
    "  --seeds N               check: run every lesson with seeds 1..N\n"
    "  --strict                check: lint warnings are errors\n"
    "  --watch                 check: again on every save of the file\n"
    "                          (Ctrl-C ends it)\n"
    "  --dir DIR               new: write into DIR, not here\n"
    "  -h, --help              this help\n"
    "  -V, --version           the version\n"
    "\n"
    "environment: NNTUTOR_PATH (lesson dirs), NNTUTOR_PLUGIN_PATH (plugin\n"
    "dirs), NO_COLOR, LANG, XDG_DATA_HOME, XDG_STATE_HOME.\n"
    "exit status: 0 ok, 1 a lesson or claim failed, 2 usage error.\n";

/* Prints a one-line usage error and returns exit status 2. */
static int usage_error(const char *fmt, const char *arg)
{
    char msg[1024];

    snprintf(msg, sizeof msg, fmt, arg);
    out_error("%s (see nntutor --help)", msg);
    return 2;
}

/* Returns "zh" when the locale variables say Chinese, else "en". */
static const char *default_lang(void)
{
    static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

    for (int i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return strncmp(v, "zh", 2) == 0 ? "zh" : "en";
    }
    return "en";
}

/* Parses argv into o; returns 0, 2 on a usage error, or -1 when help or
 * the version was printed. */
static int parse_args(int argc, char **argv, struct opts *o)
{
    int script = 0;             /* after `run FILE`, the rest is the
                                   script's */

    o->args = calloc((size_t)argc + 1, sizeof *o->args);
    for (int i = 1; i < argc; i++) {
        char *a = argv[i], *val = NULL;
        const char *name;

        if (script || a[0] != '-' || strcmp(a, "-") == 0) {
            o->args[o->nargs++] = a;
            if (o->nargs == 2 && strcmp(o->args[0], "run") == 0)
                script = 1;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            while (++i < argc)
                o->args[o->nargs++] = argv[i];
            break;
        }
        name = a;
        if (strncmp(a, "--", 2) == 0 && (val = strchr(a, '='))) {
            *val++ = '\0';
        }
        if (!strcmp(name, "-h") || !strcmp(name, "--help")) {
            out_puts(stdout, usage_text);
            return -1;
        } else if (!strcmp(name, "-V") || !strcmp(name, "--version")) {
            out_printf(stdout, "nntutor %s (plugin ABI %d.%d, %s)\n",
                       NNT_VERSION, NNT_ABI_MAJOR, NNT_ABI_MINOR,
                       LUA_RELEASE);
            return -1;
        } else if (!strcmp(name, "--plain")) {
            o->plain = 1;
        } else if (!strcmp(name, "--ascii")) {
            o->ascii = 1;
        } else if (!strcmp(name, "--restart")) {
            o->restart = 1;
        } else if (!strcmp(name, "--once")) {
            o->once = 1;
        } else if (!strcmp(name, "--strict")) {
            o->strict = 1;
        } else if (!strcmp(name, "--watch")) {
            o->watch = 1;
        } else if (!strcmp(name, "--dir")) {
            if (!val && i + 1 < argc)
                val = argv[++i];
            if (!val || !*val)
                return usage_error("--dir needs a directory%s", "");
            o->dir = val;
        } else if (!strcmp(name, "--lang") || !strcmp(name, "--seed") ||
                   !strcmp(name, "--export") || !strcmp(name, "--report") ||
                   !strcmp(name, "--seeds")) {
            if (!val && i + 1 < argc)
                val = argv[++i];
            if (!val)
                return usage_error("option %s needs a value", name);
            if (!strcmp(name, "--lang")) {
                if (strcmp(val, "en") && strcmp(val, "zh"))
                    return usage_error("unknown language '%s' (en or zh)",
                                       val);
                o->lang = val;
            } else if (!strcmp(name, "--seed")) {
                char *end;
                errno = 0;
                o->seed = strtoull(val, &end, 10);
                if (errno || end == val || *end || val[0] == '-')
                    return usage_error("--seed needs a non-negative "
                                       "integer, got '%s'", val);
                o->seed_given = 1;
            } else if (!strcmp(name, "--seeds")) {
                char *end;
                long k;
                errno = 0;
                k = strtol(val, &end, 10);
                if (errno || end == val || *end || k < 1 || k > 1000)
                    return usage_error("--seeds needs a number of seeds from "
                                       "1 to 1000, got '%s'", val);
                o->seeds = (int)k;
            } else if (!strcmp(name, "--report")) {
                if (!*val)
                    return usage_error("--report needs a directory%s", "");
                o->report_dir = val;
            } else {
                if (!*val)
                    return usage_error("--export needs a directory%s", "");
                o->export_dir = val;
            }
        } else {
            return usage_error("unknown option '%s'", a);
        }
    }
    if (!o->lang)
        o->lang = default_lang();
    return 0;
}

/* Returns the width for plain output: the terminal's, $COLUMNS, or 80. */
static int out_width(void)
{
    struct winsize ws;
    const char *c = getenv("COLUMNS");

    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0
        && ws.ws_col > 0)
        return ws.ws_col;
    if (c && atoi(c) > 0)
        return atoi(c);
    return 80;
}

/* Fills host options from the app's. */
static struct host_opts host_opts(struct app *app)
{
    struct host_opts h = {
        .lang = app->o.lang,
        .seed = app->o.seed,
        .ascii = app->ascii,
        .export_dir = app->o.export_dir,
        .lua_dir = app->paths.lua_dir,
        .plugins = &app->plugins,
    };
    return h;
}

/* Fills TUI options from the app's. */
static struct tui_opts tui_opts(struct app *app)
{
    struct tui_opts t = {
        .ho = host_opts(app),
        .seed_given = app->o.seed_given,
        .ascii = app->ascii,
        .restart = app->o.restart,
        .state_dir = app->paths.state_dir,
        .work_dir = app->paths.work_dir,
        .paths = &app->paths,
    };
    return t;
}

/* Returns the path of a lesson argument (id or file), or NULL after
 * saying why. */
static char *lesson_path(struct app *app, const char *arg)
{
    char *path;

    if (paths_is_file_arg(arg)) {
        if (!is_file(arg)) {
            usage_error("no lesson file '%s'", arg);
            return NULL;
        }
        path = xstrdup(arg);
    } else if (!(path = paths_find_lesson(&app->paths, arg))) {
        usage_error("no lesson '%s' (nntutor list shows them)", arg);
        return NULL;
    }
    return path;
}

/* Returns 0 if the lesson at path may keep progress under the id it
 * declares (see paths_check_id), or -1 with the reason (naming both
 * files) in err. */
static int id_check(struct app *app, const char *path, const char *id,
                    char *err, size_t n)
{
    return paths_check_id(&app->paths, path, id, err, n);
}

/* Prints a failed step of a plain run to stderr. */
static void report_error(void *ud, int step, const char *msg)
{
    out_error("step %d: %s", step, msg);
}

/* Opens a session on the lesson at path and checks its id.  Returns 0,
 * or the exit status (1: it could not be opened, 2: another lesson's id)
 * after saying why; s is closed then. */
static int open_lesson(struct app *app, const char *path,
                       const struct host_opts *ho, int interactive,
                       const struct frontend *fe, struct session *s)
{
    char err[1024];

    if (session_open(s, path, ho, app->o.seed_given, interactive, fe, err,
                     sizeof err) < 0) {
        out_error("%s", err);
        session_close(s);
        return 1;
    }
    if (id_check(app, path, s->id, err, sizeof err) < 0) {
        out_error("%s", err);                   /* another lesson's id */
        session_close(s);
        return 2;
    }
    return 0;
}

/* nntutor lesson ID --report DIR: writes the lesson as DIR/ID.md with
 * its figures.  Returns the exit status. */
static int lesson_report(struct app *app, const char *path)
{
    struct host_opts ho = host_opts(app);
    struct report r;
    struct frontend fe;
    struct session s;
    char err[1024];
    int failed, status;

    ho.export_dir = NULL;               /* the report exports its own */
    memset(&r, 0, sizeof r);
    fe = report_frontend(&r);
    if ((status = open_lesson(app, path, &ho, 0, &fe, &s)) != 0)
        return status;
    if (report_open(&r, app->o.report_dir, app->o.lang, &s, err,
                    sizeof err) < 0) {
        out_error("%s", err);
        session_close(&s);
        return 1;
    }
    fe = report_frontend(&r);           /* r was reset by report_open */
    failed = session_run_all(&s, 0, 1, report_error, NULL);
    status = report_close(&r, &s, err, sizeof err) < 0 ? 1 : 0;
    if (status)
        out_error("%s", err);
    else
        out_printf(stdout, "wrote %s/%s.md and %d figure%s\n",
                   app->o.report_dir, s.id, r.figures,
                   r.figures == 1 ? "" : "s");
    if (r.failed_claims)
        out_error("%d claim%s did not hold", r.failed_claims,
                  r.failed_claims == 1 ? "" : "s");
    if (failed || r.failed_claims || r.failed)
        status = 1;
    session_close(&s);
    return status;
}

/* nntutor lesson ID: runs a lesson (plain until the TUI lands). */
static int cmd_lesson(struct app *app)
{
    struct host_opts ho = host_opts(app);
    struct plain p;
    struct frontend fe;
    struct session s;
    char *path;
    int failed, status;

    if (app->o.nargs != 2)
        return usage_error("lesson needs one lesson id or file%s", "");
    path = lesson_path(app, app->o.args[1]);
    if (!path)
        return 2;
    if (app->o.report_dir) {
        status = lesson_report(app, path);
        free(path);
        return status;
    }
    if (!app->o.plain && tui_usable()) {
        struct tui_opts to = tui_opts(app);
        status = tui_lesson(&to, path);
        free(path);
        if (status >= 0)
            return status;
        out_error("cannot start the terminal interface; "
                  "printing the lesson instead");
        path = lesson_path(app, app->o.args[1]);
    }
    plain_init(&p, stdout, out_width(), app->ascii, app->o.lang);
    fe = plain_frontend(&p);
    if ((status = open_lesson(app, path, &ho, 0, &fe, &s)) != 0) {
        free(path);
        return status;
    }
    out_printf(stdout, "%s\n", s.title ? s.title : s.id);
    failed = session_run_all(&s, 0, 1, report_error, NULL);
    if (!failed)
        plain_answer(&p, s.answer);
    status = failed || p.failed_claims || s.export_failed ? 1 : 0;
    if (p.failed_claims)
        out_error("%d claim%s did not hold",
                  p.failed_claims, p.failed_claims == 1 ? "" : "s");
    session_close(&s);
    free(path);
    return status;
}

/* nntutor exercise ID [NAME]: watch mode for the lesson's exercises. */
static int cmd_exercise(struct app *app)
{
    struct host_opts ho = host_opts(app);
    struct plain p;
    struct frontend fe;
    struct session s;
    struct watch_opts wo;
    char *path;
    int status;

    if (app->o.nargs < 2 || app->o.nargs > 3)
        return usage_error("exercise needs a lesson id or file, and "
                           "optionally an exercise name%s", "");
    path = lesson_path(app, app->o.args[1]);
    if (!path)
        return 2;
    plain_init(&p, stdout, out_width(), app->ascii, app->o.lang);
    fe = plain_frontend(&p);
    if ((status = open_lesson(app, path, &ho, 1, &fe, &s)) != 0) {
        free(path);
        return status;
    }
    wo = (struct watch_opts){
        .s = &s, .pl = &p, .name = app->o.nargs == 3 ? app->o.args[2] : NULL,
        .work_dir = app->paths.work_dir, .state_dir = app->paths.state_dir,
        .lang = app->o.lang, .once = app->o.once,
    };
    status = watch_run(&wo);
    session_close(&s);
    free(path);
    return status;
}

/* What check collects about one lesson. */
struct check_report {
    char **lines;
    int n;
    char **notes;               /* worth a look, not failures */
    int nnotes;
    char **shown;               /* exercises a step presented */
    int nshown;
    char **lint;                /* lint warnings (file:line: ...) */
    int nlint;
    int seed;                   /* check --seeds: the seed running, for
                                   the reports (0: not said) */
};

/* Adds a line to a growing list. */
static void add_line(char ***list, int *n, char *line)
{
    *list = xrealloc(*list, sizeof **list * (size_t)(*n + 1));
    (*list)[(*n)++] = line;
}

/* Notes a quiz whose wrong choices do not all say why they are wrong. */
static void check_quiz(void *ud, int step, const struct quiz *q)
{
    struct check_report *cr = ud;

    for (int i = 0; i < q->nchoices; i++)
        if (i + 1 != q->answer && (!q->why || !q->why[i]))
            add_line(&cr->notes, &cr->nnotes,
                     xasprintf("step %d: quiz choice %d has no 'why' (the "
                               "student who picks it learns nothing)",
                               step, i + 1));
}

/* Records which exercises the steps present. */
static void check_exercise(void *ud, int step, const struct exercise *e)
{
    struct check_report *cr = ud;

    (void)step;
    add_line(&cr->shown, &cr->nshown, xstrdup(e->name));
}

/* Records a lint warning once (a step runs for each seed). */
static void check_lint(void *ud, const char *text)
{
    struct check_report *cr = ((struct plain *)ud)->ud;

    for (int i = 0; i < cr->nlint; i++)
        if (strcmp(cr->lint[i], text) == 0)
            return;
    add_line(&cr->lint, &cr->nlint, xstrdup(text));
}

/* Records a failing step for the report. */
static void check_error(void *ud, int step, const char *msg)
{
    struct check_report *cr = ud;

    char seed[32] = "";

    if (cr->seed)
        snprintf(seed, sizeof seed, "seed %d: ", cr->seed);
    add_line(&cr->lines, &cr->n, step ? xasprintf("%sstep %d: %s", seed,
                                                  step, msg)
                                      : xasprintf("%s%s", seed, msg));
}

/* Records a false claim for the report. */
static void check_claim(void *ud, int step, const char *text)
{
    struct check_report *cr = ud;

    char seed[32] = "";

    if (cr->seed)
        snprintf(seed, sizeof seed, "seed %d: ", cr->seed);
    add_line(&cr->lines, &cr->n,
             xasprintf("%sstep %d: claim failed: %s", seed, step, text));
}

/* Checks one lesson file; prints its verdict and returns 0 or 1. */
static int check_one(struct app *app, const char *path)
{
    struct host_opts ho = host_opts(app);
    struct check_report cr = { 0 };
    struct plain p;
    struct frontend fe;
    struct session s;
    char err[1024];
    int bad = 0, nseeds = app->o.seeds ? app->o.seeds : 1, claims = 0;

    plain_init(&p, NULL, 80, app->ascii, app->o.lang);
    p.on_false_claim = check_claim;
    p.on_quiz = check_quiz;
    p.on_exercise = check_exercise;
    p.ud = &cr;
    fe = plain_frontend(&p);
    fe.lint = check_lint;
    ho.lint = 1;
    for (int k = 1; k <= nseeds; k++) {
        /* --seeds N: the same checks with seeds 1..N; notes, and the
         * test of the exercises, once */
        if (app->o.seeds)
            ho.seed = (uint64_t)k, cr.seed = k;
        if (session_open(&s, path, &ho, app->o.seeds || app->o.seed_given,
                         0, &fe, err, sizeof err) < 0
            || id_check(app, path, s.id, err, sizeof err) < 0) {
            out_printf(stdout, "FAIL  %s\n  %s\n", path, err);
            out_flush(stdout);
            session_close(&s);
            return 1;
        }
        p.on_quiz = k == 1 ? check_quiz : NULL;
        session_run_all(&s, 1, 0, check_error, &cr);
        claims = s.claims_ok + s.claims_failed;
        if (k < nseeds) {
            bad |= s.export_failed;
            session_close(&s);
        }
    }
    for (int i = 0; i < s.nexercises; i++) {
        int seen = 0;
        for (int j = 0; j < cr.nshown && !seen; j++)
            seen = strcmp(cr.shown[j], s.ex_names[i]) == 0;
        if (!seen)
            add_line(&cr.notes, &cr.nnotes,
                     xasprintf("exercise '%s' is declared but no step "
                               "presents it (ui:exercise \"%s\")",
                               s.ex_names[i], s.ex_names[i]));
    }
    cr.seed = 0;
    session_test_exercises(&s, check_error, &cr);
    bad |= cr.n > 0 || s.export_failed || (app->o.strict && cr.nlint > 0);
    out_printf(stdout, "%-4s  %-10s %d steps, %d claims%s", bad ? "FAIL" : "ok",
               s.id, s.nsteps, claims, bad ? "" : " hold");
    if (app->o.seeds)
        out_printf(stdout, " for seeds 1-%d", nseeds);
    if (s.nexercises)
        out_printf(stdout, ", %d exercise%s%s", s.nexercises,
                   s.nexercises == 1 ? "" : "s",
                   bad ? "" : " (solutions pass, stubs fail)");
    out_printf(stdout, "\n");
    for (int i = 0; i < cr.n; i++) {
        out_printf(stdout, "  %s\n", cr.lines[i]);
        free(cr.lines[i]);
    }
    for (int i = 0; i < cr.nnotes; i++) {
        out_printf(stdout, "  note: %s\n", cr.notes[i]);
        free(cr.notes[i]);
    }
    for (int i = 0; i < cr.nlint; i++) {
        out_printf(stdout, "  %s: %s\n", app->o.strict ? "error" : "warning",
                   cr.lint[i]);
        free(cr.lint[i]);
    }
    free(cr.lint);
    for (int i = 0; i < cr.nshown; i++)
        free(cr.shown[i]);
    free(cr.lines);
    free(cr.notes);
    free(cr.shown);
    out_flush(stdout);
    session_close(&s);
    return bad;
}

/* What check --watch checks on every save. */
struct check_watch {
    struct app *app;
    const char *path;
};

/* Checks the watched lesson once; returns 0 (go on watching). */
static int check_again(void *ud)
{
    struct check_watch *cw = ud;

    out_printf(stdout, "-- %s\n", cw->path);
    out_flush(stdout);
    check_one(cw->app, cw->path);
    out_printf(stdout, "-- watching %s for changes (Ctrl-C ends)\n",
               cw->path);
    out_flush(stdout);
    return 0;
}

/* nntutor check [ID|FILE...]: every step headless. */
static int cmd_check(struct app *app)
{
    char **list = NULL;
    int n, bad = 0;

    if (app->o.watch) {
        struct check_watch cw = { .app = app };
        char *path;
        if (app->o.nargs != 2)
            return usage_error("check --watch needs one lesson file%s", "");
        if (!(path = lesson_path(app, app->o.args[1])))
            return 2;
        cw.path = path;
        signal(SIGINT, SIG_DFL);        /* Ctrl-C ends it, even when a
                                           shell started it ignored */
        bad = watch_file(path, check_again, &cw);
        free(path);
        return bad;
    }

    if (app->o.nargs == 1) {
        n = paths_list_lessons(&app->paths, &list);
        if (n == 0) {
            out_error("no lessons found");
            return 1;
        }
    } else {
        n = app->o.nargs - 1;
        list = xcalloc((size_t)n, sizeof *list);
        for (int i = 0; i < n; i++) {
            list[i] = lesson_path(app, app->o.args[i + 1]);
            if (!list[i]) {
                for (int j = 0; j < i; j++)
                    free(list[j]);
                free(list);
                return 2;
            }
        }
    }
    for (int i = 0; i < n; i++) {
        bad += check_one(app, list[i]);
        free(list[i]);
    }
    free(list);
    return bad ? 1 : 0;
}

/* What cmd_list needs for each lesson's line. */
struct list_ctx {
    struct app *app;
    char **list;                /* the lesson files */
    int status;
};

/* Prints one lesson's line of `nntutor list` (or why it cannot be read). */
static void list_one(void *ud, int i, const struct session *r,
                     const char *err)
{
    struct list_ctx *lc = ud;
    struct progress pr = { 0 };
    char warn[1024], label[PROGRESS_LABEL_SIZE], *note, *dot;
    int pad;

    if (r && paths_check_id(&lc->app->paths, lc->list[i], r->id, warn,
                            sizeof warn) < 0)
        r = NULL, err = warn;           /* an id that is not its own */
    if (!r) {
        out_error("%s", err);
        lc->status = 1;
        return;
    }
    note = paths_shadow_note(&lc->app->paths, lc->list[i]);
    if (note)
        out_error("note: %s", note);
    free(note);
    if (lc->app->paths.state_dir &&
        progress_load(lc->app->paths.state_dir, r->id, &pr, warn,
                      sizeof warn) == 1)
        out_error("warning: %s", warn);
    progress_label(&pr, r->nexercises, lc->app->o.lang, label, sizeof label);
    while (lc->app->ascii && (dot = strstr(label, "\xc2\xb7"))) {
        *dot = '-';                     /* "·" is not ASCII */
        memmove(dot + 1, dot + 2, strlen(dot + 2) + 1);
    }
    /* pad the title to 50 columns, not bytes: a Chinese character takes
     * two columns and three bytes */
    pad = 50 - text_width(r->title ? r->title : "");
    out_printf(stdout, strcmp(lc->app->o.lang, "zh") == 0
               ? "%-10s  %s%*s  %2d 步    %s\n" : "%-10s  %s%*s  %2d steps  %s\n",
               r->id, r->title ? r->title : "", pad > 0 ? pad : 0, "",
               r->nsteps, label);
    out_flush(stdout);
    progress_free(&pr);
}

/* nntutor list: id, title and number of steps of every lesson. */
static int cmd_list(struct app *app)
{
    struct host_opts ho = host_opts(app);
    struct list_ctx lc = { .app = app };
    char **list;
    int n = paths_list_lessons(&app->paths, &list);

    lc.list = list;
    session_peek_all(list, n, &ho, list_one, &lc);
    for (int i = 0; i < n; i++)
        free(list[i]);
    free(list);
    if (n == 0)
        out_printf(stdout, "no lessons found in:\n");
    if (n == 0)
        for (int i = 0; i < app->paths.nlesson_dirs; i++)
            out_printf(stdout, "  %s\n", app->paths.lesson_dirs[i]);
    return lc.status;
}

/* nntutor plugins [NAME]: lists plugins or describes one. */
static int cmd_plugins(struct app *app)
{
    char err[1024];

    if (app->o.nargs > 2)
        return usage_error("plugins takes at most one name%s", "");
    if (app->o.nargs == 2) {
        const struct plugin *p = plugin_get(&app->plugins, app->o.args[1],
                                            err, sizeof err);
        if (!p) {
            out_error("%s", err);
            return 2;
        }
        plugin_describe(p, stdout, out_width());
        return 0;
    }
    plugin_load_all(&app->plugins, stderr);
    for (const struct plugin *p = app->plugins.head; p; p = p->next)
        plugin_summary(p, stdout, out_width());
    if (!app->plugins.head)
        out_printf(stdout, "no plugins found\n");
    return 0;
}

/* nntutor run FILE [ARG...]: a script with the nnt API. */
static int cmd_run(struct app *app)
{
    struct host_opts ho = host_opts(app);
    struct plain p;
    struct frontend fe;
    struct session s;
    char err[1024];
    int status;

    if (app->o.nargs < 2)
        return usage_error("run needs a script file%s", "");
    if (!is_file(app->o.args[1]))
        return usage_error("no script file '%s'", app->o.args[1]);
    plain_init(&p, stdout, out_width(), app->ascii, app->o.lang);
    fe = plain_frontend(&p);
    status = session_run_script(&s, app->o.args[1], app->o.args + 1,
                                app->o.nargs - 1, &ho, &fe, err,
                                sizeof err);
    if (status)
        out_error("%s", err);
    else if (s.claims_failed)
        status = 1;
    session_close(&s);
    return status;
}

/* nntutor explore PLUGIN.FUNCTION: sliders for a plugin function. */
static int cmd_explore(struct app *app)
{
    const char *target, *dot;
    char name[128], err[1024], *path;
    const struct plugin *p;
    struct host_opts ho;
    int status;

    if (app->o.nargs != 2 || !(dot = strchr(app->o.args[1], '.')))
        return usage_error("explore needs PLUGIN.FUNCTION, e.g. "
                           "template.noisy_line%s", "");
    target = app->o.args[1];
    snprintf(name, sizeof name, "%.*s", (int)(dot - target), target);
    p = plugin_get(&app->plugins, name, err, sizeof err);
    if (!p) {
        out_error("%s", err);
        return 2;
    }
    if (!plugin_function(p, dot + 1)) {
        out_error("plugin %s has no function '%s' (nntutor "
                  "plugins %s lists them)", name, dot + 1, name);
        return 2;
    }
    for (int i = 0; i < plugin_function(p, dot + 1)->nparams; i++) {
        const struct nnt_param *q = &plugin_function(p, dot + 1)->params[i];
        if (q->type == NNT_ARRAY && (q->flags & NNT_REQUIRED))
            return usage_error("cannot explore %s: it needs an array "
                               "argument, which a slider cannot give",
                               target);
    }
    path = xasprintf("%s/nnt/explore.lua", app->paths.lua_dir);
    ho = host_opts(app);
    ho.explore = target;
    if (app->o.report_dir) {
        status = lesson_report(app, path);
        free(path);
        return status;
    }
    if (!app->o.plain && tui_usable()) {
        struct tui_opts to = tui_opts(app);
        to.ho = ho;
        to.state_dir = NULL;                    /* no progress to keep */
        to.paths = NULL;                        /* nor an id to check */
        status = tui_lesson(&to, path);
        if (status >= 0) {
            free(path);
            return status;
        }
    }
    {
        struct plain pl;
        struct frontend fe;
        struct session r;
        plain_init(&pl, stdout, out_width(), app->ascii, app->o.lang);
        fe = plain_frontend(&pl);
        if (session_open(&r, path, &ho, app->o.seed_given, 0, &fe, err,
                         sizeof err) < 0) {
            out_error("%s", err);
            status = 1;
        } else {
            status = session_run_all(&r, 0, 1, report_error, NULL) ||
                     r.export_failed ? 1 : 0;
        }
        session_close(&r);
    }
    free(path);
    return status;
}

/* nntutor reset [ID]: forgets progress. */
static int cmd_reset(struct app *app)
{
    char err[1024];
    int n;

    if (app->o.nargs > 2)
        return usage_error("reset takes at most one lesson id%s", "");
    if (!app->paths.state_dir) {
        out_error("no state directory (set HOME or XDG_STATE_HOME)");
        return 1;
    }
    n = progress_reset(app->paths.state_dir,
                       app->o.nargs == 2 ? app->o.args[1] : NULL, err,
                       sizeof err);
    if (n < 0) {
        out_error("%s", err);
        return 1;
    }
    out_printf(stdout, "forgot the progress of %d lesson%s\n", n,
               n == 1 ? "" : "s");
    return 0;
}

/* nntutor alone: the menu on a terminal; otherwise the list. */
static int cmd_menu(struct app *app)
{
    int status;

    if (!app->o.plain && tui_usable()) {
        struct tui_opts to = tui_opts(app);
        char **list;
        int n = paths_list_lessons(&app->paths, &list);
        status = tui_menu(&to, list, n);
        for (int i = 0; i < n; i++)
            free(list[i]);
        free(list);
        if (status >= 0)
            return status;
    }
    status = cmd_list(app);

    out_printf(stdout, "\nstart one with: nntutor lesson ID\n");
    return status;
}

/* nntutor new lesson ID | plugin NAME: writes a skeleton (core/new.c). */
static int cmd_new(struct app *app)
{
    char *root = xasprintf("%s/..", app->paths.lua_dir);
    int status = new_run(app->o.nargs - 1, app->o.args + 1, app->o.dir, root);

    free(root);
    return status;
}

/* Runs the command argv names; returns its exit status. */
static int run_command(int argc, char **argv, struct app *app)
{
    static const struct {
        const char *name;
        int (*run)(struct app *);
    } cmds[] = {
        { "lesson", cmd_lesson }, { "list", cmd_list },
        { "plugins", cmd_plugins }, { "run", cmd_run },
        { "check", cmd_check }, { "reset", cmd_reset },
        { "explore", cmd_explore }, { "exercise", cmd_exercise },
        { "new", cmd_new },
    };
    char err[1024];
    int status, i;

    status = parse_args(argc, argv, &app->o);
    if (status)
        return status < 0 ? 0 : status;
    app->ascii |= app->o.ascii;
    for (i = 0; app->o.nargs && i < NNT_COUNT(cmds); i++)
        if (strcmp(app->o.args[0], cmds[i].name) == 0)
            break;
    if (app->o.nargs && i == NNT_COUNT(cmds))
        return usage_error("unknown command '%s'", app->o.args[0]);
    if (paths_init(&app->paths, err, sizeof err) < 0 ||
        plugin_set_init(&app->plugins, app->paths.plugin_dir) < 0) {
        out_error("%s", err);
        return 1;
    }
    status = app->o.nargs ? cmds[i].run(app) : cmd_menu(app);
    plugin_set_free(&app->plugins);
    return status;
}

int main(int argc, char **argv)
{
    struct app app;
    int status;

    out_init();
    memset(&app, 0, sizeof app);
    setlocale(LC_CTYPE, "");
    app.ascii = !glyphs_locale_utf8();
    if (app.ascii && !setlocale(LC_CTYPE, "C.UTF-8"))
        setlocale(LC_CTYPE, "en_US.UTF-8");     /* lesson text is UTF-8 */
    status = run_command(argc, argv, &app);
    paths_free(&app.paths);
    free(app.o.args);
    if (out_close() && status == 0)
        status = 1;                     /* the output was lost */
    return status;
}
