/* SPDX-License-Identifier: MIT */
/* A progress record in memory: the rules a record keeps (checked on
 * every load and save), its seen ranges, quiz and exercise slots, merging
 * with what another run saved, and what it says (score, label, the steps
 * worth another look).  The file format lives in progress.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "progress.h"
#include "progress_int.h"
#include "util.h"

/* Returns 1 if the len bytes at s are an exercise name: 1 to
 * PROGRESS_MAX_NAME of [A-Za-z_][A-Za-z0-9_]*. */
int progress_valid_name(const char *s, size_t len)
{
    return len > 0 && len <= PROGRESS_MAX_NAME && !(s[0] >= '0' && s[0] <= '9')
           && strspn(s, NAME_CHARS) == len;
}

/* Adds steps from..to (1 <= from <= to) to p's seen steps, keeping them
 * sorted, disjoint and never adjacent. */
void progress_add_seen(struct progress *p, int from, int to)
{
    int i = 0, j = p->nseen;

    while (i < j) {                     /* skip the ranges wholly below */
        int mid = i + (j - i) / 2;
        if (p->seen[mid].to < from - 1)
            i = mid + 1;
        else
            j = mid;
    }
    for (j = i; j < p->nseen && p->seen[j].from - 1 <= to; j++) {
        from = p->seen[j].from < from ? p->seen[j].from : from;
        to = p->seen[j].to > to ? p->seen[j].to : to;
    }
    if (j == i) {                       /* touches none: insert */
        p->seen = xrealloc(p->seen, ((size_t)p->nseen + 1) * sizeof *p->seen);
        memmove(p->seen + i + 1, p->seen + i,
                (size_t)(p->nseen - i) * sizeof *p->seen);
        p->nseen++;
    } else {                            /* replaces ranges i..j-1 */
        memmove(p->seen + i + 1, p->seen + j,
                (size_t)(p->nseen - j) * sizeof *p->seen);
        p->nseen -= j - i - 1;
    }
    p->seen[i].from = from;
    p->seen[i].to = to;
}

/* Drops the seen steps past max. */
static void cap_seen(struct progress *p, int max)
{
    while (p->nseen > 0 && p->seen[p->nseen - 1].from > max)
        p->nseen--;
    if (p->nseen > 0 && p->seen[p->nseen - 1].to > max)
        p->seen[p->nseen - 1].to = max;
}

/* Returns 0 if the seen steps are sorted, disjoint and within
 * 1..furthest, else -1 with the reason (after at) in why. */
static int check_seen(const struct progress *p, const char *at, char *why,
                      size_t n)
{
    for (int i = 0; i < p->nseen; i++) {
        const struct step_range *r = &p->seen[i];
        if (r->from < 1 || r->to < r->from
            || (i > 0 && r->from <= p->seen[i - 1].to))
            return seterr(why, n, "%sseen steps are out of order", at);
        if (r->to > p->furthest)
            return seterr(why, n, "%sseen step %d is past furthest %d", at,
                          r->to, p->furthest);
    }
    return p->nseen < 0 ? seterr(why, n, "negative nseen") : 0;
}

/* Returns 0 if every quiz outcome is in range, else -1 with the reason. */
static int check_quizzes(const struct progress *p, char *why, size_t n)
{
    for (int i = 0; i < p->nanswers; i++) {
        const struct quiz_answer *a = &p->answers[i];
        if (a->step < 1 || a->index < 1 || a->choice < 0 || a->wrong < 0
            || a->step > MAX_NUM || a->index > MAX_NUM
            || a->choice > MAX_NUM || a->wrong > MAX_NUM
            || (a->right & ~1) || (a->revealed & ~1)
            || (a->right && (a->choice == 0 || a->revealed)))
            return seterr(why, n, "quiz answer %d is out of range", i + 1);
    }
    return p->nanswers < 0 ? seterr(why, n, "negative nanswers") : 0;
}

/* Returns 0 if every exercise record is in range and named once, else
 * -1 with the reason. */
static int check_exercises(const struct progress *p, char *why, size_t n)
{
    for (int i = 0; i < p->nexercises; i++) {
        const struct exercise_record *e = &p->exercises[i];
        if (!memchr(e->name, '\0', sizeof e->name)
            || !progress_valid_name(e->name, strlen(e->name)) || e->step < 0
            || e->step > MAX_NUM || (e->passed & ~1) || (e->revealed & ~1)
            || e->hints < 0 || e->hints > MAX_NUM || e->checks < 0
            || e->checks > MAX_NUM)
            return seterr(why, n, "exercise record %d is out of range",
                          i + 1);
        for (int j = 0; j < i; j++)
            if (!strcmp(p->exercises[j].name, e->name))
                return seterr(why, n, "exercise records %d and %d have "
                              "one name", j + 1, i + 1);
    }
    return p->nexercises < 0 ? seterr(why, n, "negative nexercises") : 0;
}

/* Returns 0 if the record's values are in range, else -1 with the reason
 * in why, prefixed by the line it came from when line is given (the lines
 * of step, furthest, complete and seen). */
int progress_check(const struct progress *p, const int *line, char *why,
                   size_t n)
{
    char at[24] = "";
    int bad = p->step < 0 || p->step > p->nsteps ? 0
              : p->furthest < p->step || p->furthest > p->nsteps ? 1
              : p->nsteps > MAX_NUM || (p->complete & ~1) ? 2 : -1;

    if (bad >= 0 && line)
        snprintf(at, sizeof at, "line %d: ", line[bad]);
    if (bad == 0)
        return seterr(why, n, "%sstep %d is outside 0..steps %d", at,
                      p->step, p->nsteps);
    if (bad == 1)
        return seterr(why, n, "%sfurthest %d is outside step %d..steps %d",
                      at, p->furthest, p->step, p->nsteps);
    if (bad == 2)
        return seterr(why, n, "%scomplete %d or steps %d out of range", at,
                      p->complete, p->nsteps);
    if (line)
        snprintf(at, sizeof at, "line %d: ", line[3]);
    if (check_seen(p, at, why, n) < 0)
        return -1;
    return check_quizzes(p, why, n) < 0 ? -1 : check_exercises(p, why, n);
}

/* qsort comparator: answers by step, then index. */
static int by_key(const void *a, const void *b)
{
    const struct quiz_answer *x = a, *y = b;

    if (x->step != y->step)
        return x->step < y->step ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* qsort comparator: exercise records by name. */
static int by_name(const void *a, const void *b)
{
    const struct exercise_record *x = a, *y = b;

    return strcmp(x->name, y->name);
}

/* Sorts p's quizzes by step and index, and its exercises by name. */
void progress_sort(struct progress *p)
{
    if (p->nanswers > 1)
        qsort(p->answers, (size_t)p->nanswers, sizeof *p->answers, by_key);
    if (p->nexercises > 1)
        qsort(p->exercises, (size_t)p->nexercises, sizeof *p->exercises,
              by_name);
}

/* Returns p's answer to quiz (step, index), a new one (all 0) if none. */
static struct quiz_answer *quiz_slot(struct progress *p, int step, int index)
{
    struct quiz_answer *a;

    for (int i = 0; i < p->nanswers; i++)
        if (p->answers[i].step == step && p->answers[i].index == index)
            return &p->answers[i];
    p->answers = xrealloc(p->answers, ((size_t)p->nanswers + 1) * sizeof *a);
    a = &p->answers[p->nanswers++];
    memset(a, 0, sizeof *a);
    a->step = step;
    a->index = index;
    return a;
}

/* Returns p's record of exercise name (a valid name), a new one (all 0)
 * if none. */
static struct exercise_record *exercise_slot(struct progress *p,
                                             const char *name)
{
    struct exercise_record *e;

    for (int i = 0; i < p->nexercises; i++)
        if (!strcmp(p->exercises[i].name, name))
            return &p->exercises[i];
    p->exercises = xrealloc(p->exercises,
                            ((size_t)p->nexercises + 1) * sizeof *e);
    e = &p->exercises[p->nexercises++];
    memset(e, 0, sizeof *e);
    snprintf(e->name, sizeof e->name, "%s", name);
    return e;
}

/* Merges old's quizzes into p's: the better outcome, or p's on a tie. */
static void merge_quizzes(struct progress *p, const struct progress *old)
{
    for (int i = 0; i < old->nanswers; i++) {
        const struct quiz_answer *a = &old->answers[i];
        int had = p->nanswers;
        struct quiz_answer *q = quiz_slot(p, a->step, a->index);

        if (p->nanswers > had || progress_outcome(a) > progress_outcome(q))
            *q = *a;
    }
}

/* Merges old's exercises into p's: passed and revealed or'ed, hints and
 * checks the larger, step p's unless it is 0. */
static void merge_exercises(struct progress *p, const struct progress *old)
{
    for (int i = 0; i < old->nexercises; i++) {
        const struct exercise_record *o = &old->exercises[i];
        int had = p->nexercises;
        struct exercise_record *e = exercise_slot(p, o->name);

        if (p->nexercises > had) {
            *e = *o;
            continue;
        }
        e->step = e->step ? e->step : o->step;
        e->passed |= o->passed;
        e->revealed |= o->revealed;
        e->hints = e->hints > o->hints ? e->hints : o->hints;
        e->checks = e->checks > o->checks ? e->checks : o->checks;
    }
}

void progress_merge(struct progress *p, const struct progress *old)
{
    if (p->step == 0 && (old->step > 0 || p->nsteps == 0)) {
        p->step = old->step;            /* no position of our own yet */
        p->nsteps = old->nsteps;
    }
    if (p->furthest < old->furthest)
        p->furthest = old->furthest;
    if (p->furthest > p->nsteps)
        p->furthest = p->nsteps;        /* the lesson got shorter */
    if (p->furthest < p->step)
        p->furthest = p->step;
    p->complete |= old->complete;
    for (int i = 0; i < old->nseen; i++)
        progress_add_seen(p, old->seen[i].from, old->seen[i].to);
    cap_seen(p, p->furthest);
    merge_quizzes(p, old);
    merge_exercises(p, old);
    progress_sort(p);
}

void progress_visit(struct progress *p, int step, int nsteps)
{
    nsteps = nsteps < 0 ? 0 : nsteps;
    step = step < 0 ? 0 : step > nsteps ? nsteps : step;
    p->step = step;
    p->nsteps = nsteps;
    if (p->furthest < step)
        p->furthest = step;
    if (p->furthest > nsteps)
        p->furthest = nsteps;           /* the lesson got shorter */
    if (step > 0)
        progress_add_seen(p, step, step);
    cap_seen(p, p->furthest);
    if (nsteps > 0 && step == nsteps)
        p->complete = 1;
}

int progress_seen(const struct progress *p, int step)
{
    for (int i = 0; i < p->nseen && p->seen[i].from <= step; i++)
        if (step <= p->seen[i].to)
            return 1;
    return 0;
}

void progress_quiz(struct progress *p, int step, int index, int choice,
                   int right, int wrong, int revealed)
{
    struct quiz_answer *a = quiz_slot(p, step, index);

    a->choice = choice;
    a->revealed = revealed != 0;
    a->right = right != 0 && !a->revealed;
    a->wrong = wrong;
}

int progress_exercise(struct progress *p, const char *name, int step,
                      int passed, int revealed, int hints, int checks)
{
    struct exercise_record *e;

    if (!name || !progress_valid_name(name, strlen(name)))
        return -1;
    e = exercise_slot(p, name);
    if (step != 0)
        e->step = step;
    e->passed |= passed != 0;
    e->revealed |= revealed != 0;
    if (e->hints < hints)
        e->hints = hints;
    if (e->checks < checks)
        e->checks = checks;
    return 0;
}

const struct exercise_record *progress_find_exercise(const struct progress *p,
                                                     const char *name)
{
    for (int i = 0; name && i < p->nexercises; i++)
        if (!strcmp(p->exercises[i].name, name))
            return &p->exercises[i];
    return NULL;
}

void progress_score(const struct progress *p, int nexercises,
                    struct progress_score *s)
{
    memset(s, 0, sizeof *s);
    s->nsteps = p->nsteps;
    for (int i = 0; i < p->nseen && p->seen[i].from <= p->nsteps; i++)
        s->seen += (p->seen[i].to < p->nsteps ? p->seen[i].to : p->nsteps)
                   - p->seen[i].from + 1;
    s->quizzes = p->nanswers;
    for (int i = 0; i < p->nanswers; i++)
        switch (progress_outcome(&p->answers[i])) {
        case QUIZ_FIRST_TIME: s->first_time++; break;
        case QUIZ_EVENTUALLY: s->eventually++; break;
        case QUIZ_REVEALED: s->revealed++; break;
        case QUIZ_WRONG: s->wrong++; break;
        case QUIZ_SKIPPED: s->skipped++; break;
        }
    s->exercises = nexercises > 0 ? nexercises : 0;
    for (int i = 0; i < p->nexercises; i++)
        if (p->exercises[i].revealed)
            s->ex_revealed++;
        else if (p->exercises[i].passed)
            s->ex_passed++;
}

const char *progress_label(const struct progress *p, int nexercises,
                           const char *lang, char *buf, size_t n)
{
    int zh = lang && !strcmp(lang, "zh");
    struct progress_score s;
    size_t at = 0;

    if (n == 0)
        return buf;
    buf[0] = '\0';
    progress_score(p, nexercises, &s);
    if (p->complete)
        append(buf, n, &at, "%s", zh ? "已完成" : "done");
    else if (p->furthest > 0)
        append(buf, n, &at, zh ? "第 %d/%d 步" : "step %d/%d", p->furthest,
               p->nsteps);
    else {
        append(buf, n, &at, "%s", zh ? "未开始" : "new");
        if (p->nanswers == 0 && p->nexercises == 0)
            return buf;                 /* nothing done at all */
    }
    if (s.quizzes > 0)
        append(buf, n, &at, " · %s %d/%d", zh ? "测验" : "quiz",
               s.first_time, s.quizzes);
    if (s.exercises > 0)
        append(buf, n, &at, " · %s %d/%d", zh ? "练习" : "ex",
               s.ex_passed < s.exercises ? s.ex_passed : s.exercises,
               s.exercises);
    return buf;
}

/* qsort comparator: ints, rising. */
static int by_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;

    return x < y ? -1 : x > y;
}

int progress_revisit(const struct progress *p, int *steps, int max)
{
    int *all = xmalloc(((size_t)p->nanswers + (size_t)p->nexercises + 1)
                       * sizeof *all);
    int k = 0, out = 0;

    for (int i = 0; i < p->nanswers; i++)
        if (progress_outcome(&p->answers[i]) != QUIZ_FIRST_TIME)
            all[k++] = p->answers[i].step;
    for (int i = 0; i < p->nexercises; i++) {
        const struct exercise_record *e = &p->exercises[i];
        if (e->step > 0 && (e->revealed || !e->passed))
            all[k++] = e->step;
    }
    qsort(all, (size_t)k, sizeof *all, by_int);
    for (int i = 0; i < k && out < max; i++)
        if (i == 0 || all[i] != all[i - 1])
            steps[out++] = all[i];
    free(all);
    return out;
}
