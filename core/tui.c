/* SPDX-License-Identifier: MIT */
/* The terminal front-end on ncursesw: the only place curses is used. */
#include <curses.h>
#include <term.h>

#include <errno.h>
#include <stdarg.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "export.h"
#include "page.h"
#include "paths.h"
#include "progress.h"
#include "session.h"
#include "tui.h"
#include "tui_int.h"
#include "util.h"
#include "workfile.h"


/* Terminal state for the exit paths, including signal handlers. */
static volatile sig_atomic_t got_signal;
static int active;
static SCREEN *screen;
static struct termios saved_tio;
static int saved_tio_ok;
static char exit_seq[256];      /* rmcup, cnorm, sgr0: for crash exits */

/* Puts the terminal back as it was; safe to call twice. */
static void tui_restore(void)
{
    if (!active)
        return;
    active = 0;
    endwin();
    if (screen) {
        delscreen(screen);
        screen = NULL;
    }
    fflush(stdout);
}

/* In a forked worker the terminal is not its to restore. */
static void tui_forget(void)
{
    active = 0;
}

/* SIGINT, SIGTERM: note it; the loop leaves cleanly. */
static void on_quit_signal(int sig)
{
    got_signal = sig;
}

/* A crash: restore the tty with async-signal-safe calls, then re-raise. */
static void on_crash_signal(int sig)
{
    if (active) {
        if (saved_tio_ok)
            tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
        if (write(STDOUT_FILENO, exit_seq, strlen(exit_seq)) < 0)
            exit_seq[0] = '\0';
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Appends a terminfo capability to exit_seq. */
static void add_exit_cap(const char *cap)
{
    char *s = tigetstr((char *)cap);

    if (s && s != (char *)-1 &&
        strlen(exit_seq) + strlen(s) < sizeof exit_seq)
        strcat(exit_seq, s);
}

int tui_usable(void)
{
    const char *term = getenv("TERM");
    int err = 0, ok;
    char *cup;

    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
        return 0;
    if (!term || !*term || strcmp(term, "dumb") == 0)
        return 0;
    if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
        return 0;
    cup = tigetstr("cup");
    ok = cup && cup != (char *)-1;
    del_curterm(cur_term);
    return ok;
}

/* Starts curses: locale already set by main; returns 0 or -1. */
static int tui_start(struct tui *t)
{
    struct sigaction sa;
    static const int crash[] = {
        SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGQUIT, SIGHUP
    };

    saved_tio_ok = tcgetattr(STDIN_FILENO, &saved_tio) == 0;
    screen = newterm(NULL, stdout, stdin);
    if (!screen)
        return -1;
    active = 1;
    atexit(tui_restore);
    {
        static int forked_once;         /* register the child hook once */
        if (!forked_once++)
            pthread_atfork(NULL, NULL, tui_forget);
    }
    util_oom_hook = tui_restore;
    exit_seq[0] = '\0';
    add_exit_cap("rmcup");
    add_exit_cap("cnorm");
    add_exit_cap("sgr0");
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_quit_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sa.sa_handler = on_crash_signal;
    sa.sa_flags = SA_RESETHAND;
    for (size_t i = 0; i < sizeof crash / sizeof crash[0]; i++)
        sigaction(crash[i], &sa, NULL);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    curs_set(0);
    set_escdelay(25);
    timeout(250);
    tui_colours(t);
    t->g = t->colour ? glyphs_get(!t->o->ascii)
                     : glyphs_get_mono(!t->o->ascii);
    return 0;
}

double tui_now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}


/* Front-end callbacks: what a running step shows goes onto the page. */
static void fe_step(void *ud, int index, int nsteps, const char *title)
{
    struct tui *t = ud;
    int k = 0;

    page_reset(&t->pg, index, nsteps);
    t->scroll = 0;
    t->anchor = 0;                      /* a step opens at its top */
    t->summary = 0;
    for (int i = 0; i < t->nclaims; i++)        /* it runs again */
        if (t->claims[i].step == index)
            free(t->claims[i].text);
        else
            t->claims[k++] = t->claims[i];
    t->nclaims = k;
    if (index >= t->nran) {
        t->ran = xrealloc(t->ran, (size_t)index + 1);
        memset(t->ran + t->nran, 0, (size_t)(index + 1 - t->nran));
        t->nran = index + 1;
    }
    t->ran[index] = 1;
}

static void fe_say(void *ud, const char *text)
{
    page_add(&((struct tui *)ud)->pg, BLOCK_SAY, text, 0);
}

static void fe_chart(void *ud, const struct chart *c)
{
    page_chart(&((struct tui *)ud)->pg, c);
}

static void fe_claim(void *ud, const char *text, int ok)
{
    struct tui *t = ud;

    page_add(&t->pg, BLOCK_CLAIM, text, ok);
    if (!ok)
        t->failed++;
    t->claims = xrealloc(t->claims, sizeof *t->claims *
                         (size_t)(t->nclaims + 1));
    t->claims[t->nclaims++] = (struct seen_claim){ t->pg.step, xstrdup(text),
                                                   ok };
}

static void fe_print(void *ud, const char *text)
{
    page_add(&((struct tui *)ud)->pg, BLOCK_PRINT, text, 0);
}

static void fe_draw(void *ud)
{
    page_draw(&((struct tui *)ud)->pg);
}

static void fe_warn(void *ud, const char *text)
{
    tui_status(ud, 1, "%s", text);
}

/* Shows progress of a long plugin call (Esc is read by tui_idle). */
static int fe_progress(void *ud, double f)
{
    struct tui *t = ud;
    static double last;
    double now = tui_now_ms();

    if (f < 0) {                                /* the call ended */
        if (t->status_progress)         /* nothing said since: clear it */
            t->status[0] = '\0';
        t->status_progress = 0;
        last = 0;
        return 0;
    }
    if (now - last < 50)
        return 0;
    last = now;
    tui_status(t, 0, tui_tr(t, "computing… %d%%  (Esc cancels)",
                        "计算中… %d%%（Esc 取消）"), (int)(f * 100));
    t->status_progress = 1;
    return 0;
}

/* While the worker computes (about every 50 ms): shows what the step
 * has shown so far, and reads keys: Esc cancels the step, q cancels and
 * leaves, Ctrl-C or SIGTERM quits. */
static int tui_idle(void *ud)
{
    struct tui *t = ud;
    wint_t ch = 0;
    int code;

    if (got_signal)
        return IDLE_QUIT;
    if (!t->status[0]) {
        tui_status(t, 0, "%s", tui_tr(t, "computing…  (Esc cancels)",
                                      "计算中…（Esc 取消）"));
        t->status_progress = 1;
    }
    tui_draw_lesson(t);
    timeout(0);
    while ((code = get_wch(&ch)) != ERR) {
        if (code == OK && (ch == 27 || ch == 'q' || ch == 'Q')) {
            if (ch != 27)
                t->quit = 1;
            t->nahead = 0;              /* what was typed ahead is moot */
            tui_status(t, 1, "%s", tui_tr(t, "cancelled", "已取消"));
            t->status_progress = 0;
            timeout(250);
            return IDLE_CANCEL;
        }
        if (!(code == KEY_CODE_YES && ch == KEY_RESIZE) &&
            t->nahead < (int)NNT_COUNT(t->ahead)) {
            t->ahead[t->nahead].code = code;    /* for after the step */
            t->ahead[t->nahead++].ch = ch;
        }
    }
    timeout(250);
    return got_signal ? IDLE_QUIT : IDLE_GO_ON;
}

/* Returns the next key: one typed ahead while a step computed, or one
 * read now (ERR after the timeout). */
static int next_key(struct tui *t, wint_t *ch)
{
    int code;

    if (t->nahead == 0)
        return get_wch(ch);
    code = t->ahead[0].code;
    *ch = t->ahead[0].ch;
    memmove(t->ahead, t->ahead + 1, sizeof t->ahead[0] * (size_t)--t->nahead);
    return code;
}

void tui_save_progress(struct tui *t)
{
    char err[1024];

    if (!t->o->state_dir || !t->prog.id)
        return;
    if (progress_save(t->o->state_dir, &t->prog, err, sizeof err) != 0)
        tui_status(t, 1, "%s", err);
}

/* Records the exercise block's state in the progress store. */
static void record_exercise(struct tui *t, const struct block *b)
{
    progress_exercise(&t->prog, b->name, t->pg.step, b->status == EX_PASS,
                      b->revealed, b->shown, b->checks);
    tui_save_progress(t);
}

/* An exercise (or the result of a check): shown on the page, the
 * student's file made from the stub when it is new. */
static void take_exercise(struct tui *t, const struct exercise *e)
{
    char err[1024], *path;
    struct block *b;
    int fresh;

    path = workfile_path(t->o->work_dir, t->r.id, e->name, err, sizeof err);
    if (path && workfile_ensure(path, e->stub, err, sizeof err) < 0) {
        free(path);
        path = NULL;
    }
    if (!path)
        tui_status(t, 1, "%s", err);
    fresh = !page_last_exercise(&t->pg) ||
            strcmp(page_last_exercise(&t->pg)->name, e->name) != 0;
    b = page_exercise(&t->pg, e, path ? path : err);
    free(path);
    if (fresh) {
        const struct exercise_record *r =
            progress_find_exercise(&t->prog, e->name);
        b->shown = r ? (r->hints < b->nhints ? r->hints : b->nhints) : 0;
        b->revealed = r && r->revealed;
        b->checks = r ? r->checks : 0;
    } else {
        t->anchor = ANCHOR_END;         /* the verdict, at the end, in view */
        record_exercise(t, b);
        if (e->status == EX_PASS)
            tui_status(t, 0, "%s", tui_tr(t, "Passed. Space goes on.",
                                          "通过了。按空格继续。"));
    }
}

/* Takes in the step's next request (a quiz, an exercise, controls, an
 * error) onto the page. */
void tui_take(struct tui *t, const struct request *q)
{
    t->req = q;
    if (t->status_progress) {           /* "computing…" is over */
        t->status[0] = '\0';
        t->status_progress = 0;
    }
    switch (q->kind) {
    case REQ_QUIZ:
        page_quiz(&t->pg, &q->quiz);
        break;
    case REQ_EXERCISE:
        take_exercise(t, &q->ex);
        break;
    case REQ_EXPLORE:
        page_sliders(&t->pg, q->sliders, q->nsliders);
        break;
    case REQ_ERROR:
        page_sliders(&t->pg, NULL, 0);
        page_add(&t->pg, BLOCK_ERROR, q->error, 0);
        if (!t->r.cancelled)            /* the student's choice is no */
            t->failed++;                /* failure of the lesson */
        break;
    case REQ_DONE:
    case REQ_WAIT:
        page_sliders(&t->pg, NULL, 0);
        break;
    }
}

/* Runs step i from its start, its first explore screen opening with the
 * values of the n controls keep. */
static void go_keep(struct tui *t, int i, const struct slider *keep, int n)
{
    if (i < 1 || i > t->r.nsteps)
        return;
    t->status[0] = '\0';
    t->summary = 0;
    t->redraw_ms = -1;
    tui_take(t, session_begin_with(&t->r, i, keep, n));
    if (!t->pg.exploring)               /* carried axes, unused, go */
        page_adopt_axes(&t->pg);
    progress_visit(&t->prog, i, t->r.nsteps);
    tui_save_progress(t);
}

/* Runs step i from its start. */
static void go(struct tui *t, int i)
{
    go_keep(t, i, NULL, 0);
}

/* Leaves the exercise: the step goes on, and when it ends with nothing
 * more to show, so does the lesson (the next step, or the summary). */
static void leave_exercise(struct tui *t)
{
    int nb = t->pg.nblocks, nc = t->pg.ncharts;

    tui_take(t, session_continue(&t->r));
    if (t->req->kind == REQ_DONE && nb == t->pg.nblocks &&
        nc == t->pg.ncharts)
        t->pg.step < t->r.nsteps ? go(t, t->pg.step + 1) : tui_show_summary(t);
}

/* Space, Enter, →: continue the step, or go on to the next one. */
static void next(struct tui *t)
{
    int nb = t->pg.nblocks, nc = t->pg.ncharts;
    const struct block *b;

    if (t->summary) {
        tui_summary_status(t);
        return;
    }
    t->anchor = nb;                     /* what comes next shows from its
                                           first line */
    switch (t->req->kind) {
    case REQ_WAIT:
        tui_take(t, session_continue(&t->r));
        /* a pause at the very end of a step: on to the next one */
        if (t->req->kind == REQ_DONE && nb == t->pg.nblocks &&
            nc == t->pg.ncharts)
            t->pg.step < t->r.nsteps ? go(t, t->pg.step + 1)
                                     : tui_show_summary(t);
        break;
    case REQ_EXPLORE:
        page_sliders(&t->pg, NULL, 0);
        tui_take(t, session_continue(&t->r));
        if (t->req->kind == REQ_DONE)
            t->pg.step < t->r.nsteps ? go(t, t->pg.step + 1)
                                     : tui_show_summary(t);
        break;
    case REQ_QUIZ:
        tui_status(t, 0, "%s", tui_tr(t, "Answer with a number key (a shows "
                   "the answer, s skips the question).", "请按数字键作答"
                   "（a 显示答案，s 跳过本题）。"));
        break;
    case REQ_EXERCISE:
        b = page_last_exercise(&t->pg);
        if (b && (b->status == EX_PASS || b->revealed)) {
            leave_exercise(t);
        } else {
            tui_status(t, 0, "%s", tui_tr(t, "Write your code first: o "
                       "opens your file, r checks it (s skips the "
                       "exercise).", "先写代码：o 打开你的文件，r 检查"
                       "（s 跳过本练习）。"));
        }
        break;
    case REQ_DONE:
        if (t->pg.step < t->r.nsteps)
            go(t, t->pg.step + 1);
        else
            tui_show_summary(t);
        break;
    case REQ_ERROR:                     /* run the step again */
        go(t, t->pg.step);
        break;
    }
}

/* Sends the pending quiz's outcome on and records it. */
static void quiz_done(struct tui *t, const struct block *b)
{
    int right = b->chosen == b->answer && !b->revealed;

    progress_quiz(&t->prog, t->pg.step, t->pg.quizzes,
                  b->chosen > 0 ? b->chosen : 0, right, b->tries,
                  b->revealed);
    tui_save_progress(t);
    t->anchor = (int)(b - t->pg.blocks);        /* the question in view */
    tui_take(t, session_answer(&t->r, right ? b->chosen : 0));
}

/* A number key: a try at the pending quiz, or on the summary a step to
 * revisit. */
static void answer(struct tui *t, int k)
{
    struct block *b = page_pending_quiz(&t->pg);

    if (t->summary) {
        if (k >= 1 && k <= t->nrevisit)
            go(t, t->revisit[k - 1]);
        return;
    }
    if (t->req->kind != REQ_QUIZ || !b || k < 1 || k > b->nchoices)
        return;
    t->anchor = (int)(b - t->pg.blocks);
    if (page_try(&t->pg, k) == TRY_AGAIN)
        return;                         /* its reason shows; try again */
    quiz_done(t, b);
}

/* a: shows the pending quiz's answer, or the exercise's solution (once
 * the student has tried). */
static void reveal(struct tui *t)
{
    struct block *b;

    if (t->req->kind == REQ_QUIZ && (b = page_pending_quiz(&t->pg))) {
        page_reveal(&t->pg);
        quiz_done(t, b);
    } else if (t->req->kind == REQ_EXERCISE &&
               (b = page_last_exercise(&t->pg))) {
        if (!b->checks && !b->revealed) {
            tui_status(t, 0, "%s", tui_tr(t, "Try first: o opens your file, "
                       "r checks it; the solution opens after a try.",
                       "先试一试：o 打开你的文件，r 检查；尝试之后才能看参考答案。"));
            return;
        }
        b->revealed = 1;
        t->anchor = ANCHOR_END;
        record_exercise(t, b);
        tui_status(t, 0, "%s", tui_tr(t, "The solution is below (recorded as "
                   "shown). Space goes on.", "参考答案在下方（已记录为看过）。"
                   "按空格继续。"));
    }
}

/* s: skips the pending quiz or exercise, explicitly. */
static void skip(struct tui *t)
{
    struct block *b;

    if (t->req->kind == REQ_QUIZ && (b = page_pending_quiz(&t->pg))) {
        page_skip(&t->pg);
        quiz_done(t, b);
    } else if (t->req->kind == REQ_EXERCISE) {
        t->anchor = t->pg.nblocks;
        leave_exercise(t);
    }
}

/* r: checks the student's file against the exercise now. */
static void check_file(struct tui *t)
{
    struct block *b = page_last_exercise(&t->pg);
    char err[1024], *src;

    if (t->req->kind != REQ_EXERCISE || !b)
        return;
    src = workfile_read(b->path, err, sizeof err);
    if (!src) {
        tui_status(t, 1, "%s", err);
        return;
    }
    b->checks++;
    tui_status(t, 0, "%s", tui_tr(t, "checking…", "检查中…"));
    tui_draw_lesson(t);
    t->status[0] = '\0';
    tui_take(t, session_check(&t->r, src));
    free(src);
    if (t->req->kind == REQ_ERROR)
        tui_status(t, 1, "%s", tui_tr(t, "Your code stopped the checker; "
                   "Space runs the step again (your file is kept).",
                   "你的代码使检查器停止了；按空格重新运行这一步（文件保留）。"));
}

/* o: opens the student's file in their editor, then checks it. */
static void edit_file(struct tui *t)
{
    struct block *b = page_last_exercise(&t->pg);
    char err[1024];
    int rc;

    if (t->req->kind != REQ_EXERCISE || !b)
        return;
    def_prog_mode();
    endwin();
    rc = workfile_edit(b->path, err, sizeof err);
    reset_prog_mode();
    clearok(curscr, TRUE);
    refresh();
    if (rc < 0) {
        tui_status(t, 1, "%s", err);
        return;
    }
    check_file(t);
}

/* h: shows the exercise's next hint. */
static void hint(struct tui *t)
{
    struct block *b = page_last_exercise(&t->pg);

    if (t->req->kind != REQ_EXERCISE || !b)
        return;
    if (b->shown >= b->nhints) {
        tui_status(t, 0, "%s", tui_tr(t, "No more hints.", "没有更多提示了。"));
        return;
    }
    b->shown++;
    t->anchor = ANCHOR_END;
    record_exercise(t, b);
}

/* Writes the chart on screen as SVG and CSV; says where. */
static void export_current(struct tui *t)
{
    const struct chart *c = page_current_chart(&t->pg);
    const char *dir = t->o->ho.export_dir ? t->o->ho.export_dir
                                          : "nntutor-figures";
    char stem[128], err[512];

    if (!c) {
        tui_status(t, 1, "%s", tui_tr(t, "no chart to export",
                                  "没有可导出的图表"));
        return;
    }
    export_stem(t->pg.step, t->pg.chart_sel, c->title, stem, sizeof stem);
    if (export_chart(c, dir, stem, err, sizeof err) < 0)
        tui_status(t, 1, "%s", err);
    else
        tui_status(t, 0, tui_tr(t, "saved %s/%s.svg and .csv",
                            "已保存 %s/%s.svg 和 .csv"), dir, stem);
}

/* Switches between English and Chinese and re-runs the step; an
 * explore screen keeps its values, the control selected and its axes. */
static void toggle_lang(struct tui *t)
{
    struct slider *keep = NULL;
    int n = 0, sel = t->pg.slider_sel;

    t->lang = strcmp(t->lang, "zh") == 0 ? "en" : "zh";
    t->pg.lang = t->lang;
    if (t->open && session_set_lang(&t->r, t->lang) == 0) {
        n = tui_explore_keep(t, &keep);
        go_keep(t, t->pg.step, keep, n);
        if (n && sel < t->pg.nsliders)
            t->pg.slider_sel = sel;
        tui_explore_free_keep(keep, n);
    }
}

/* ←, Backspace: the previous step (from the summary, the last one). */
static void back(struct tui *t)
{
    go(t, t->summary ? t->r.nsteps : t->pg.step - 1);
}

/* Handles one key in the lesson view. */
static void lesson_key(struct tui *t, int code, wint_t ch)
{
    int key = code == KEY_CODE_YES ? (int)ch : -1;

    if (t->help) {
        t->help = 0;
        return;
    }
    t->status[0] = '\0';               /* a message lasts until a key */
    if (tui_explore_key(t, code, ch))
        return;
    if (code != KEY_CODE_YES) {
        switch (ch) {
        case ' ': case '\r': case '\n': next(t); return;
        case 'q': case 'Q': t->quit = 1; return;
        case '?': t->help = 1; return;
        case 'l': case 'L': toggle_lang(t); return;
        case 'e': case 'E': export_current(t); return;
        case 'z': case 'Z': t->zoom = !t->zoom; return;
        case 'c': case '\t':
            if (t->pg.ncharts)
                t->pg.chart_sel = (t->pg.chart_sel + 1) % t->pg.ncharts;
            return;
        case 127: case 8: back(t); return;
        case 'n': next(t); return;
        case 'p': back(t); return;
        case 'a': case 'A': reveal(t); return;
        case 's': case 'S': skip(t); return;
        case 'o': case 'O': edit_file(t); return;
        case 'r': case 'R': check_file(t); return;
        case 'h': case 'H': hint(t); return;
        case 'j': key = KEY_DOWN; break;
        case 'k': key = KEY_UP; break;
        default:
            if (ch >= '1' && ch <= '9')
                answer(t, (int)(ch - '0'));
            return;
        }
    }
    switch (key) {
    case KEY_RIGHT: next(t); break;
    case KEY_LEFT: go(t, t->pg.step - 1); break;
    case KEY_NPAGE: t->scroll += 10, t->anchor = -1; break;
    case KEY_PPAGE: t->scroll -= 10, t->anchor = -1; break;
    case KEY_UP: t->scroll--, t->anchor = -1; break;
    case KEY_DOWN: t->scroll++, t->anchor = -1; break;
    case KEY_BACKSPACE: back(t); break;
    case KEY_HOME: go(t, 1); break;
    case KEY_END: go(t, t->r.nsteps); break;
    case KEY_ENTER: next(t); break;
    default: break;
    }
}

static const struct frontend tui_fe_template = {
    .step = fe_step, .say = fe_say, .chart = fe_chart, .claim = fe_claim,
    .print = fe_print, .draw = fe_draw, .warn = fe_warn,
    .progress = fe_progress,
};

/* Runs the lesson at path on the started screen; returns 0, or 1 when it
 * could not be opened.  on_path: path came from the lesson path, so it
 * must be named after its id (progress is kept by id). */
static int lesson_loop(struct tui *t, const char *path, int on_path)
{
    struct frontend fe = tui_fe_template;
    struct host_opts ho = t->o->ho;
    char err[1024];
    int start = 1;

    fe.ud = t;
    ho.lang = t->lang;
    t->quit = 0;
    t->help = 0;
    t->failed = 0;
    t->nahead = 0;
    t->pg.lang = t->lang;
    if (session_open(&t->r, path, &ho, t->o->seed_given, 1, &fe, err,
                     sizeof err) < 0
        || (on_path
            && paths_check_name(path, t->r.id, err, sizeof err) < 0)
        || (!on_path && t->o->paths
            && paths_check_id(t->o->paths, path, t->r.id, err,
                              sizeof err) < 0)) {
        session_close(&t->r);
        page_reset(&t->pg, 0, 0);
        page_add(&t->pg, BLOCK_ERROR, err, 0);
        t->failed++;
        tui_status(t, 1, "%s", tui_tr(t, "the lesson could not be opened; "
                                  "press a key", "无法打开本课；按任意键"));
        tui_draw_lesson(t);
        timeout(-1);
        getch();
        timeout(250);
        return 1;
    }
    t->r.idle = tui_idle;
    t->r.idle_ud = t;
    t->open = 1;
    if (t->o->state_dir) {
        char warn[1024];
        if (progress_load(t->o->state_dir, t->r.id, &t->prog, warn,
                          sizeof warn) == 1)
            tui_status(t, 1, "%s", warn);
        if (!t->prog.id)
            t->prog.id = xstrdup(t->r.id);
        if (!t->o->restart && t->prog.step >= 1 &&
            t->prog.step <= t->r.nsteps)
            start = t->prog.step;
    }
    {
        char keep[512];
        int finished = !t->o->restart && t->prog.complete;
        snprintf(keep, sizeof keep, "%s", t->status);
        if (finished) {
            tui_show_summary(t);            /* a finished lesson: its score */
        } else {
            go(t, start);
            if (start > 1 && t->req->kind != REQ_ERROR)
                tui_status(t, 0, tui_tr(t, "Resumed at step %d of %d, where "
                           "you left off (Home: the first step).",
                           "从上次离开的第 %d / %d 步继续（Home：第一步）。"),
                           start, t->r.nsteps);
        }
        if (keep[0])
            tui_status(t, 1, "%s", keep);
    }
    while (!t->quit && !got_signal) {
        wint_t ch;
        int code;

        if (!t->nahead)
            tui_draw_lesson(t);
        code = next_key(t, &ch);
        if (code == ERR)
            continue;
        if (code == KEY_CODE_YES && ch == KEY_RESIZE)
            continue;
        lesson_key(t, code, ch);
    }
    if (got_signal)
        t->quit = 2;
    tui_save_progress(t);
    progress_free(&t->prog);
    page_reset(&t->pg, 0, 0);
    session_close(&t->r);
    for (int i = 0; i < t->nclaims; i++)
        free(t->claims[i].text);
    free(t->claims);
    t->claims = NULL;
    t->nclaims = 0;
    free(t->ran);
    t->ran = NULL;
    t->nran = 0;
    t->summary = 0;
    t->open = 0;
    return 0;
}

/* Returns the exit status for how the TUI ended. */
static int exit_status(const struct tui *t)
{
    if (got_signal == SIGINT)
        return 130;
    if (got_signal == SIGTERM)
        return 143;
    return t->failed ? 1 : 0;
}

int tui_lesson(const struct tui_opts *o, const char *path)
{
    struct tui t;
    int status;

    memset(&t, 0, sizeof t);
    t.o = o;
    t.lang = o->ho.lang;
    if (tui_start(&t) < 0)
        return -1;
    lesson_loop(&t, path, 0);
    status = exit_status(&t);
    page_free(&t.pg);
    tui_restore();
    return status;
}


/* Frees the menu's items. */
static void menu_free(struct menu_item *items, int n)
{
    for (int i = 0; i < n; i++) {
        free(items[i].path);
        free(items[i].id);
        free(items[i].title);
        free(items[i].label);
    }
    free(items);
}

/* What menu_item_read fills. */
struct menu_ctx {
    struct tui *t;
    struct menu_item *items;
};

/* Fills menu item i from a lesson's header (or why it cannot be read). */
static void menu_item_read(void *ud, int i, const struct session *r,
                           const char *err)
{
    struct menu_ctx *mc = ud;
    struct menu_item *it = &mc->items[i];
    struct progress p = { 0 };
    char warn[1024], label[PROGRESS_LABEL_SIZE];

    if (r && paths_check_name(it->path, r->id, warn, sizeof warn) < 0)
        r = NULL, err = warn;           /* an id that is not its name */
    if (!r) {
        const char *base = strrchr(it->path, '/');
        it->id = xstrdup(base ? base + 1 : it->path);
        it->title = xstrdup(err);
        it->label = xstrdup("error");
        return;
    }
    it->id = xstrdup(r->id);
    it->title = xstrdup(r->title ? r->title : r->id);
    it->nsteps = r->nsteps;
    if (mc->t->o->state_dir &&
        progress_load(mc->t->o->state_dir, r->id, &p, warn,
                      sizeof warn) == 1)
        tui_status(mc->t, 1, "%s", warn);       /* a file set aside */
    it->label = xstrdup(progress_label(&p, r->nexercises, mc->t->lang, label,
                                       sizeof label));
    it->done = p.complete;
    progress_free(&p);
}

/* Reads id, title (in the TUI's language) and progress of each lesson. */
static struct menu_item *menu_load(struct tui *t, char **paths, int n)
{
    struct menu_ctx mc = { t, xcalloc((size_t)n + 1, sizeof *mc.items) };
    struct host_opts ho = t->o->ho;

    ho.lang = t->lang;
    for (int i = 0; i < n; i++)
        mc.items[i].path = xstrdup(paths[i]);
    session_peek_all(paths, n, &ho, menu_item_read, &mc);
    return mc.items;
}

int tui_menu(const struct tui_opts *o, char **paths, int n)
{
    struct tui t;
    struct menu_item *items;
    int sel = 0, status;

    memset(&t, 0, sizeof t);
    t.o = o;
    t.lang = o->ho.lang;
    if (tui_start(&t) < 0)
        return -1;
    items = menu_load(&t, paths, n);
    while (!got_signal && t.quit < 2) {
        wint_t ch;
        int code, key, open = 0;

        tui_draw_menu(&t, items, n, sel);
        code = get_wch(&ch);
        if (code == ERR || (code == KEY_CODE_YES && ch == KEY_RESIZE))
            continue;
        t.status[0] = '\0';
        key = code == KEY_CODE_YES ? (int)ch
            : ch == 'k' ? KEY_UP : ch == 'j' ? KEY_DOWN
            : ch == '\r' || ch == '\n' || ch == ' ' ? KEY_ENTER : (int)ch;
        if (key == 'q' || key == 'Q')
            break;
        if (key == KEY_UP && sel > 0)
            sel--;
        else if (key == KEY_DOWN && sel + 1 < n)
            sel++;
        else if (key == KEY_ENTER || key == KEY_RIGHT)
            open = n > 0;
        else if (key == 'l' || key == 'L')
            t.lang = strcmp(t.lang, "zh") == 0 ? "en" : "zh";
        else
            continue;
        if (open) {
            lesson_loop(&t, items[sel].path, 1);
            t.status[0] = '\0';
        }
        if (open || key == 'l' || key == 'L') {
            menu_free(items, n);
            items = menu_load(&t, paths, n);
        }
    }
    menu_free(items, n);
    status = exit_status(&t);
    page_free(&t.pg);
    tui_restore();
    return status;
}
