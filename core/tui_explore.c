/* SPDX-License-Identifier: MIT */
/* The TUI's explore screen: keys that move its controls, its key hints,
 * and the values and axes it keeps across a language switch. */
#include <curses.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui_int.h"
#include "util.h"

/* Returns the selected control, or NULL when no explore screen is open. */
static const struct slider *selected(const struct tui *t)
{
    if (!t->req || t->req->kind != REQ_EXPLORE || !t->pg.nsliders)
        return NULL;
    return &t->pg.sliders[t->pg.slider_sel];
}

/* Moves the selected control by k steps (a choice cycles through its
 * names, a switch toggles) and has the lesson draw again. */
static void nudge(struct tui *t, int k)
{
    const struct slider *s = selected(t);
    double v, t0;
    char name[128];

    if (!s)
        return;
    if (s->kind == SLIDER_NUMBER) {
        v = s->value + k * s->step;
        v = v < s->min ? s->min : v > s->max ? s->max : v;
    } else {                            /* around the names, one a key */
        int n = (int)(s->max - s->min) + 1;
        v = s->min + ((int)(s->value - s->min) + (k > 0 ? 1 : n - 1)) % n;
    }
    if (v == s->value)
        return;
    snprintf(name, sizeof name, "%s", s->name);
    t0 = tui_now_ms();
    tui_take(t, session_slide(&t->r, name, v));
    t->redraw_ms = t->req->kind == REQ_EXPLORE ? tui_now_ms() - t0 : -1;
}

int tui_explore_key(struct tui *t, int code, wint_t ch)
{
    const struct slider *s = selected(t);
    int key = code == KEY_CODE_YES ? (int)ch : -1;

    if (!s)
        return 0;
    if (code != KEY_CODE_YES) {
        if (ch == 'f' || ch == 'F') {
            page_fit_axes(&t->pg);
            tui_status(t, 0, "%s", tui_tr(t, "axes fitted to the data "
                       "shown; they hold again from here",
                       "坐标轴已按当前数据重设；此后再次保持不动"));
            return 1;
        }
        if (ch == ' ' && s->kind == SLIDER_BOOL) {
            nudge(t, 1);
            return 1;
        }
        key = ch == 'j' ? KEY_DOWN : ch == 'k' ? KEY_UP : -1;
    }
    switch (key) {
    case KEY_RIGHT: nudge(t, 1); return 1;
    case KEY_LEFT: nudge(t, -1); return 1;
    case KEY_NPAGE: nudge(t, 10); return 1;
    case KEY_PPAGE: nudge(t, -10); return 1;
    case KEY_UP:                        /* a control, and past the */
        if (t->pg.slider_sel > 0)       /* first one the text scrolls */
            t->pg.slider_sel--;
        else
            t->scroll--, t->anchor = -1;
        return 1;
    case KEY_DOWN:                      /* past the last one likewise */
        if (t->pg.slider_sel + 1 < t->pg.nsliders)
            t->pg.slider_sel++;
        else
            t->scroll++, t->anchor = -1;
        return 1;
    default:
        return 0;
    }
}

const char *tui_explore_hints(const struct tui *t)
{
    const struct slider *s = selected(t);

    if (s && s->kind == SLIDER_BOOL)
        return tui_tr(t, "←→ space toggle  ↑↓ control  f fit axes  "
                      "Enter next  ? help  l 中文  q quit",
                      "←→ 空格 切换  ↑↓ 选控件  f 重设坐标轴  回车 下一步  "
                      "? 帮助  l English  q 退出");
    if (s && s->kind == SLIDER_CHOICE)
        return tui_tr(t, "←→ choose  ↑↓ control  f fit axes  space next  "
                      "? help  l 中文  q quit",
                      "←→ 选择  ↑↓ 选控件  f 重设坐标轴  空格 下一步  "
                      "? 帮助  l English  q 退出");
    return tui_tr(t, "←→ move  ↑↓ control  f fit axes  space next  "
                  "? help  l 中文  q quit",
                  "←→ 移动  ↑↓ 选控件  f 重设坐标轴  空格 下一步  "
                  "? 帮助  l English  q 退出");
}

int tui_explore_keep(struct tui *t, struct slider **keep)
{
    int n = selected(t) ? t->pg.nsliders : 0;

    *keep = NULL;
    if (!n)
        return 0;
    *keep = xcalloc((size_t)n, sizeof **keep);
    for (int i = 0; i < n; i++) {
        (*keep)[i].name = xstrdup(t->pg.sliders[i].name);
        (*keep)[i].value = t->pg.sliders[i].value;
    }
    page_carry_axes(&t->pg);
    return n;
}

void tui_explore_free_keep(struct slider *keep, int n)
{
    for (int i = 0; i < n; i++)
        free((char *)keep[i].name);
    free(keep);
}
