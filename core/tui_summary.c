/* SPDX-License-Identifier: MIT */
/* The TUI's end of a lesson: the score, the exercises, what the
 * experiments showed and the steps worth another look. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "tui_int.h"
#include "util.h"

/* Appends "- text" lines for the summary as one markup paragraph. */
static void summary_line(struct tui *t, char **buf, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void summary_line(struct tui *t, char **buf, const char *fmt, ...)
{
    va_list ap;
    char line[1024], *old = *buf;

    (void)t;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    *buf = xasprintf("%s%s%s", old ? old : "", old ? "\n" : "", line);
    free(old);
}

/* Orders step numbers, smallest first. */
static int by_step(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;

    return (x > y) - (x < y);
}

void tui_summary_status(struct tui *t)
{
    if (t->nrevisit == 1)
        tui_status(t, 0, "%s", tui_tr(t, "The end. 1 revisits the step "
                   "listed, Home starts again, q leaves.", "学完了。1 回看"
                   "列出的那一步，Home 从头开始，q 离开。"));
    else if (t->nrevisit > 0)
        tui_status(t, 0, tui_tr(t, "The end. 1-%d revisit a step, Home "
                   "starts again, q leaves.", "学完了。1-%d 回看某一步，"
                   "Home 从头开始，q 离开。"), t->nrevisit);
    else
        tui_status(t, 0, "%s", tui_tr(t, "The end. Home starts again, q "
                   "leaves.", "学完了。Home 从头开始，q 离开。"));
}

void tui_show_summary(struct tui *t)
{
    struct progress_score sc;
    char *text = NULL;
    int steps[64], n, any_ran = 0;

    tui_save_progress(t);
    progress_score(&t->prog, t->r.nexercises, &sc);
    page_reset(&t->pg, 0, 0);
    t->summary = 1;
    t->req = &t->r.req;
    t->scroll = 0;
    t->anchor = 0;
    summary_line(t, &text, tui_tr(t, "**The end of “%s”**", "**《%s》学完了**"),
                 t->r.title ? t->r.title : t->r.id);
    page_add(&t->pg, BLOCK_SAY, text, 0);
    free(text);
    text = NULL;
    summary_line(t, &text, tui_tr(t, "- steps seen: %d of %d",
                                  "- 看过的步骤：%d / %d"), sc.seen, sc.nsteps);
    if (sc.quizzes)
        summary_line(t, &text, tui_tr(t, "- quizzes: %d right first time, "
                     "%d on a second try, %d shown, %d skipped (of %d)",
                     "- 测验：第一次答对 %d，第二次答对 %d，看了答案 %d，"
                     "跳过 %d（共 %d）"), sc.first_time, sc.eventually,
                     sc.revealed + sc.wrong, sc.skipped, sc.quizzes);
    if (sc.exercises)
        summary_line(t, &text, tui_tr(t, "- exercises: %d of %d passed on "
                     "your own, %d with the solution shown",
                     "- 练习：独立通过 %d / %d，看了参考答案 %d"),
                     sc.ex_passed, sc.exercises, sc.ex_revealed);
    for (int i = 0; i < t->r.nexercises; i++) {
        const struct exercise_record *r =
            progress_find_exercise(&t->prog, t->r.ex_names[i]);
        summary_line(t, &text, tui_tr(t, "- %s `%s`: %s (%s)", "- %s `%s`：%s（%s）"),
                     !r ? "·" : r->revealed
                     ? "○" : r->passed ? "✓" : "✗", t->r.ex_names[i],
                     t->r.ex_titles[i] ? t->r.ex_titles[i] : "",
                     !r ? tui_tr(t, "not tried", "还没做")
                     : r->revealed ? tui_tr(t, "solution shown", "看了答案")
                     : r->passed ? tui_tr(t, "passed", "通过")
                     : tui_tr(t, "not passed yet", "还没通过"));
    }
    page_add(&t->pg, BLOCK_SAY, text, 0);
    free(text);
    n = progress_revisit(&t->prog, steps, (int)NNT_COUNT(steps));
    for (int i = 1; i <= t->r.nsteps && n < (int)NNT_COUNT(steps); i++) {
        int listed = 0;                 /* and the steps not seen yet */

        for (int k = 0; k < n && !listed; k++)
            listed = steps[k] == i;
        if (!listed && !progress_seen(&t->prog, i) &&
            !(i < t->nran && t->ran[i]))
            steps[n++] = i;
    }
    qsort(steps, (size_t)n, sizeof *steps, by_step);
    t->nrevisit = 0;
    if (n > 0) {
        text = NULL;
        summary_line(t, &text, "%s", tui_tr(t, "**Worth another look** "
                     "(press the number to go there):",
                     "**值得再看一遍**（按数字键前往）："));
        for (int i = 0; i < n && t->nrevisit < 9; i++) {
            if (steps[i] < 1 || steps[i] > t->r.nsteps)
                continue;
            t->revisit[t->nrevisit++] = steps[i];
            summary_line(t, &text, tui_tr(t, "- [%d] step %d · %s",
                         "- [%d] 第 %d 步 · %s"), t->nrevisit, steps[i],
                         t->r.titles[steps[i] - 1]);
        }
        page_add(&t->pg, BLOCK_SAY, text, 0);
        free(text);
    }
    text = NULL;
    for (int i = 1; i < t->nran; i++)
        any_ran |= t->ran[i];
    summary_line(t, &text, "%s", any_ran
                 ? tui_tr(t, "**What the experiments showed** (in this run):",
                          "**实验证明了什么**（本次运行）：")
                 : tui_tr(t, "**The steps** (a step's verified claims show "
                          "here once it has run in this session):",
                          "**各步**（某一步在本次运行过后，它验证的结论会列在这里）："));
    for (int i = 1; i <= t->r.nsteps; i++) {
        summary_line(t, &text, tui_tr(t, "\n%d · %s%s", "\n第 %d 步 · %s%s"),
                     i, t->r.titles[i - 1], progress_seen(&t->prog, i) ||
                     (i < t->nran && t->ran[i]) ? ""
                     : tui_tr(t, " (not seen yet)", "（还没看过）"));
        for (int k = 0; k < t->nclaims; k++)
            if (t->claims[k].step == i)
                summary_line(t, &text, "- %s %s", t->claims[k].ok ? "✓" : "✗",
                             t->claims[k].text);
    }
    page_add(&t->pg, BLOCK_SAY, text, 0);
    free(text);
    if (t->r.answer) {                  /* the exercise, answered */
        page_add(&t->pg, BLOCK_SAY, tui_tr(t, "**Written answer**",
                                           "**习题解答**"), 0);
        page_add(&t->pg, BLOCK_SAY, t->r.answer, 0);
    }
    tui_summary_status(t);
}
