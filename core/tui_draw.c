/* SPDX-License-Identifier: MIT */
/* Drawing the TUI: title bar, narrative, sliders, chart, status, help. */
#include <curses.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_style.h"
#include "tui_int.h"
#include "util.h"

const char *tui_tr(const struct tui *t, const char *en, const char *zh)
{
    return strcmp(t->lang, "zh") == 0 ? zh : en;
}

/* Maps our colours to the terminal's (256 colours when it has them); the
 * series colours come from the series looks. */
void tui_colours(struct tui *t)
{
    static const short c256[COL_COUNT] = {
        [COL_DEFAULT] = -1, [COL_AXIS] = 244, [COL_LABEL] = -1,
        [COL_TITLE] = -1, [COL_GOOD] = 34, [COL_BAD] = 160, [COL_CODE] = 37,
        [COL_HEAT0] = 53, 60, 24, 31, 37, 35, 113, 227
    };
    static const short c8[COL_COUNT] = {
        [COL_DEFAULT] = -1, [COL_AXIS] = -1, [COL_LABEL] = -1,
        [COL_TITLE] = -1, [COL_GOOD] = COLOR_GREEN, [COL_BAD] = COLOR_RED,
        [COL_CODE] = COLOR_CYAN,
        [COL_HEAT0] = COLOR_BLACK, COLOR_BLUE, COLOR_RED, COLOR_MAGENTA,
        COLOR_GREEN, COLOR_CYAN, COLOR_YELLOW, COLOR_WHITE
    };
    const char *nc = getenv("NO_COLOR");

    t->colour = has_colors() && !(nc && *nc);
    if (!t->colour)
        return;
    start_color();
    use_default_colors();
    for (int i = 0; i < COL_COUNT; i++)
        t->colours[i] = COLORS >= 256 ? c256[i] : c8[i];
    for (int i = 0; i < SERIES_LOOKS; i++) {
        const struct series_look *l = series_look(i);

        t->colours[l->fg] = COLORS >= 256 ? l->xterm256 : l->ansi8;
    }
}

/* Returns the colour pair for fg on bg, making it on first use. */
static short pair_for(struct tui *t, int fg, int bg)
{
    if (!t->colour || (fg == COL_DEFAULT && bg == COL_DEFAULT) ||
        fg >= COL_COUNT || bg >= COL_COUNT)
        return 0;
    if (!t->pairs[fg][bg]) {
        if (t->npairs + 1 >= COLOR_PAIRS)
            return 0;
        t->pairs[fg][bg] = (short)++t->npairs;
        init_pair(t->pairs[fg][bg], (short)t->colours[fg],
                  (short)t->colours[bg]);
    }
    return t->pairs[fg][bg];
}

/* Draws rows [from, from + n) of a canvas at (y, x), clipped to width w. */
static void blit(struct tui *t, const struct canvas *cv, int from, int n,
                 int y, int x, int w)
{
    for (int r = 0; r < n && from + r < cv->h; r++)
        for (int c = 0; c < cv->w && c < w; c++) {
            const struct cell *cl = &cv->cells[(from + r) * cv->w + c];
            wchar_t wc[3] = { cl->ch, cl->comb, 0 };
            attr_t a = 0;
            cchar_t cc;

            if (cl->ch == 0)
                continue;                       /* wide char's right half */
            if (cl->attr & ATTR_BOLD)
                a |= A_BOLD;
            if (cl->attr & ATTR_DIM)
                a |= A_DIM;
            setcchar(&cc, wc, a, pair_for(t, cl->fg, cl->bg), NULL);
            mvadd_wch(y + r, x + c, &cc);
        }
}

/* Puts UTF-8 text at (y, x) through a canvas row, cut to maxw columns
 * with an ellipsis; returns its width. */
static int put_text(struct tui *t, int y, int x, const char *s, int fg,
                    int attr, int maxw)
{
    struct canvas cv;
    int w;

    if (maxw <= 0 || canvas_init(&cv, maxw, 1) < 0)
        return 0;
    w = canvas_puts_fit(&cv, 0, 0, s, fg, attr, maxw, t->g->ellipsis);
    blit(t, &cv, 0, 1, y, x, maxw);
    canvas_free(&cv);
    return w;
}

void tui_status(struct tui *t, int bad, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(t->status, sizeof t->status, fmt, ap);
    va_end(ap);
    t->status_bad = bad;
    t->status_progress = 0;
}

/* Fills row y from column x for w columns with blanks in reverse video. */
static void bar(int y, int x, int w)
{
    attron(A_REVERSE);
    mvhline(y, x, ' ', w);
    attroff(A_REVERSE);
}

/* Returns the key hints that fit the moment. */
static const char *hints(const struct tui *t)
{
    if (t->summary && t->nrevisit > 0)
        return tui_tr(t, "1-9 revisit a step  Home start again  ← last step"
                      "  q leave",
                      "1-9 回看某一步  Home 从头开始  ← 最后一步  q 离开");
    if (t->summary)
        return tui_tr(t, "Home start again  ← last step  q leave",
                      "Home 从头开始  ← 最后一步  q 离开");
    switch (t->req ? t->req->kind : REQ_DONE) {
    case REQ_WAIT:
        return tui_tr(t, "space continue  ← back  q quit  ? help  l 中文  "
                      "e export",
                      "空格 继续  ← 上一步  q 退出  ? 帮助  l English  e 导出");
    case REQ_QUIZ:
        return tui_tr(t, "1-9 answer  a show answer  s skip  ↑↓ scroll  "
                      "← back  q quit  ? help",
                      "1-9 作答  a 显示答案  s 跳过  ↑↓ 滚动  ← 上一步  "
                      "q 退出  ? 帮助");
    case REQ_EXERCISE:
        return tui_tr(t, "o edit  r check  h hint  a solution  s skip  "
                      "space on (once passed)  q quit",
                      "o 编辑  r 检查  h 提示  a 答案  s 跳过  "
                      "空格 继续（通过后）  q 退出");
    case REQ_EXPLORE:
        return tui_explore_hints(t);
    case REQ_ERROR:
        return tui_tr(t, "the step failed: space again  ← back  q quit",
                      "这一步出错：空格 重试  ← 上一步  q 退出");
    default:
        return tui_tr(t, "space next  ← back  q quit  ? help  l 中文  "
                      "e export  c chart  z zoom",
                      "空格 下一步  ← 上一步  q 退出  ? 帮助  l English  "
                      "e 导出  c 换图  z 全屏");
    }
}

void tui_draw_status(struct tui *t)
{
    int y = LINES - 1;

    bar(y, 0, COLS);
    attron(A_REVERSE);
    if (t->status[0]) {
        put_text(t, y, 1, t->status, t->status_bad ? COL_BAD : COL_DEFAULT,
                 ATTR_BOLD, COLS - 2);
    } else {
        put_text(t, y, 1, hints(t), COL_DEFAULT, 0, COLS - 2);
    }
    attroff(A_REVERSE);
}

/* Draws the centred notice shown when the terminal is too small. */
static void draw_too_small(struct tui *t)
{
    char msg[160];

    erase();
    snprintf(msg, sizeof msg, tui_tr(t, "terminal too small: %dx%d",
                                     "终端太小：%dx%d"), COLS, LINES);
    put_text(t, LINES / 2 - 1, 1, msg, COL_BAD, ATTR_BOLD, COLS - 1);
    snprintf(msg, sizeof msg, tui_tr(t, "nntutor needs at least %dx%d",
                                     "nntutor 至少需要 %dx%d"), 60, 20);
    put_text(t, LINES / 2, 1, msg, COL_DEFAULT, 0, COLS - 1);
    put_text(t, LINES / 2 + 1, 1, tui_tr(t, "q quits", "q 退出"),
             COL_DEFAULT, 0, COLS - 1);
    refresh();
}

/* Draws the help box over the screen. */
static void draw_help(struct tui *t)
{
    static const char *const en[] = {
        "Keys",
        "Space Enter →  continue, or on to the next step",
        "← Backspace    previous step (it runs again)",
        "Home End       first, last step",
        "1-9            answer a quiz; a shows the answer, s skips",
        "o r h          exercise: edit in $EDITOR, check, next hint",
        "↑ ↓ PgUp PgDn  choose a control / scroll the text",
        "← → PgUp PgDn  move a slider 1 or 10 steps",
        "← → Space      toggle a switch; ← → cycle a choice",
        "f              fit the chart's axes to the data",
        "c Tab          the next chart of this step",
        "z              the chart full screen, and back",
        "e              export the chart as SVG and CSV",
        "l              English / 中文",
        "q              leave the lesson; Ctrl-C quits",
        "",
        "any key closes this help",
    };
    static const char *const zh[] = {
        "按键",
        "空格 回车 →    继续，或进入下一步",
        "← 退格         上一步（重新运行）",
        "Home End       第一步、最后一步",
        "1-9            回答测验；a 显示答案，s 跳过",
        "o r h          练习：用编辑器写、检查、下一条提示",
        "↑ ↓ PgUp PgDn  选择控件 / 滚动文字",
        "← → PgUp PgDn  滑块移动 1 步或 10 步",
        "← → 空格       切换开关；← → 轮换选项",
        "f              按当前数据重设图表的坐标轴",
        "c Tab          这一步的下一张图",
        "z              图表全屏 / 还原",
        "e              把图导出为 SVG 和 CSV",
        "l              English / 中文",
        "q              离开本课；Ctrl-C 退出",
        "",
        "按任意键关闭帮助",
    };
    const char *const *lines = strcmp(t->lang, "zh") == 0 ? zh : en;
    int n = (int)NNT_COUNT(en), w = COLS - 4 < 58 ? COLS - 4 : 58;
    int h = n + 2;
    int y0 = (LINES - h) / 2, x0 = (COLS - w) / 2;

    if (y0 < 0)
        y0 = 0;
    if (x0 < 0)
        x0 = 0;
    for (int y = 0; y < h; y++)
        mvhline(y0 + y, x0, ' ', w);
    attron(A_BOLD);
    mvhline(y0, x0, ACS_HLINE, w);
    mvhline(y0 + h - 1, x0, ACS_HLINE, w);
    mvvline(y0, x0, ACS_VLINE, h);
    mvvline(y0, x0 + w - 1, ACS_VLINE, h);
    mvaddch(y0, x0, ACS_ULCORNER);
    mvaddch(y0, x0 + w - 1, ACS_URCORNER);
    mvaddch(y0 + h - 1, x0, ACS_LLCORNER);
    mvaddch(y0 + h - 1, x0 + w - 1, ACS_LRCORNER);
    attroff(A_BOLD);
    for (int i = 0; i < n; i++)
        put_text(t, y0 + 1 + i, x0 + 2, lines[i],
                 i == 0 ? COL_TITLE : COL_DEFAULT, i == 0 ? ATTR_BOLD : 0,
                 w - 4);
}

/* Returns the rows of the explore controls in a narrative box w x h (0
 * when there are none): two per control only when 3 rows of text stay. */
static int panel_rows(const struct tui *t, int w, int h)
{
    return t->pg.nsliders ? page_sliders_rows(&t->pg, w, h - 4) : 0;
}

/* Draws the narrative (and sliders) in the box at (y, x), w x h, and the
 * scroll arrows in the column right of it, which must be blank; the text
 * is laid out at w - 1, so a blank column keeps the arrows apart from it.
 * text is the page laid out if the caller has it already, else NULL. */
static void draw_narrative(struct tui *t, int y, int x, int w, int h,
                           struct canvas *text)
{
    struct canvas cv;
    int all = panel_rows(t, w, h), rows = all, sh, th, top;

    if (rows > h - 4)               /* more controls than fit: a window */
        rows = h - 4 > 1 ? h - 4 : 1;   /* on them, 3 rows of text kept */
    sh = rows ? rows + 1 : 0;
    th = h - sh;
    if (th < 1) {                               /* no room: text only */
        th = h;
        sh = 0;
    }
    int *starts = xcalloc((size_t)t->pg.nblocks + 1, sizeof *starts);

    if (text) {
        cv = *text;                             /* taken over */
        canvas_free(&cv);                       /* laid out again with */
        text = NULL;                            /* the blocks' rows */
    }
    if (page_render(&t->pg, w - 1, t->g, &cv, starts) == 0) {
        int maxtop = cv.h > th ? cv.h - th : 0;
        /* what just arrived shows from its first line, with as much of
         * it as fits (a step opens at its top) */
        if (t->anchor >= 0 && t->anchor < t->pg.nblocks)
            t->scroll = starts[t->anchor] < maxtop ? starts[t->anchor]
                                                  : maxtop;
        else if (t->anchor == ANCHOR_END)
            t->scroll = maxtop;
        if (t->scroll > maxtop)
            t->scroll = maxtop;
        if (t->scroll < 0)
            t->scroll = 0;
        top = t->scroll;
        blit(t, &cv, top, th, y, x, w);
        /* the arrows go in the blank column right of the text (every
         * layout leaves one), so they never cover a letter or half of
         * a wide character */
        if (top > 0)
            put_text(t, y, x + w, t->g->unicode ? "↑" : "^", COL_AXIS,
                     ATTR_BOLD, 1);
        if (top < maxtop)
            put_text(t, y + th - 1, x + w, t->g->unicode ? "↓" : "v",
                     COL_AXIS, ATTR_BOLD, 1);
        canvas_free(&cv);
    }
    free(starts);
    if (sh && page_render_sliders(&t->pg, w, all, t->g, &cv) == 0) {
        /* the window keeps the selected control in view, centred when
         * it can; arrows say there are more above or below */
        int per = all / t->pg.nsliders, sel = t->pg.slider_sel * per;
        int off = sel - (rows - per) / 2;

        if (off > cv.h - rows)
            off = cv.h - rows;
        if (off < 0)
            off = 0;
        mvhline(y + th, x, ACS_HLINE, w);
        blit(t, &cv, off, rows, y + th + 1, x, w);
        if (off > 0)
            put_text(t, y + th + 1, x + w, t->g->unicode ? "↑" : "^",
                     COL_AXIS, ATTR_BOLD, 1);
        if (off + rows < cv.h)
            put_text(t, y + th + rows, x + w, t->g->unicode ? "↓" : "v",
                     COL_AXIS, ATTR_BOLD, 1);
        canvas_free(&cv);
    }
}

/* Draws the chart shown in the box at (y, x), w x h. */
static void draw_chart(struct tui *t, int y, int x, int w, int h)
{
    const struct chart *c = page_current_chart(&t->pg);
    struct canvas cv;
    char err[256], head[64];

    if (!c || w < 10 || h < 5)
        return;
    if (t->pg.ncharts > 1) {
        snprintf(head, sizeof head, tui_tr(t, "chart %d/%d  (c: next)",
                                           "图 %d/%d（c：下一张）"),
                 t->pg.chart_sel + 1, t->pg.ncharts);
        put_text(t, y, x + w - text_width(head), head, COL_AXIS, 0, w);
        y++;
        h--;
    }
    if (canvas_init(&cv, w, h) < 0)
        return;
    if (chart_render(c, &cv, t->g, err, sizeof err) < 0)
        put_text(t, y + h / 2, x, err, COL_BAD, 0, w);
    else
        blit(t, &cv, 0, cv.h, y, x, w);
    canvas_free(&cv);
}

void tui_draw_lesson(struct tui *t)
{
    int W = COLS, H = LINES, body = H - 2, has_chart = t->pg.ncharts > 0;
    char right[64];
    const char *title = t->open ? (t->r.title ? t->r.title : t->r.id)
                                : "nntutor";
    const char *st = t->open && t->pg.step >= 1 && t->r.titles
                     ? t->r.titles[t->pg.step - 1] : "";

    if (W < MIN_W || H < MIN_H) {
        draw_too_small(t);
        return;
    }
    erase();
    bar(0, 0, W);
    attron(A_REVERSE);
    if (t->pg.nsteps > 0 && t->redraw_ms >= 0 && t->req &&
        t->req->kind == REQ_EXPLORE)    /* the last redraw, in a corner */
        snprintf(right, sizeof right, tui_tr(t, " redrawn in %.0f ms · "
                 "%d/%d ", " 重绘 %.0f 毫秒 · %d/%d "), t->redraw_ms,
                 t->pg.step, t->pg.nsteps);
    else if (t->pg.nsteps > 0)
        snprintf(right, sizeof right, " %d/%d ", t->pg.step, t->pg.nsteps);
    else
        right[0] = '\0';
    {
        int used = put_text(t, 0, 1, title, COL_DEFAULT, ATTR_BOLD, W / 2);
        put_text(t, 0, used + 3, st, COL_DEFAULT, 0,
                 W - used - 4 - text_width(right));
    }
    put_text(t, 0, W - text_width(right), right, COL_DEFAULT, ATTR_BOLD,
             text_width(right));
    attroff(A_REVERSE);
    if (has_chart && t->zoom) {
        draw_chart(t, 1, 1, W - 2, body);
    } else if (has_chart && W >= SIDE_BY_SIDE_W) {
        int nw = W * 2 / 5;
        draw_narrative(t, 1, 1, nw - 2, body, NULL);
        mvvline(1, nw, ACS_VLINE, body);
        draw_chart(t, 1, nw + 2, W - nw - 3, body);
    } else if (has_chart) {
        /* the text takes what it needs, up to 45%; the chart the rest */
        struct canvas cv;
        int need = 3, ch, cap = body * (H < 30 ? 7 : 9) / 20;
        int rows = panel_rows(t, W - 2, cap);
        int laid = page_render(&t->pg, W - 3, t->g, &cv, NULL) == 0;
        if (laid)
            need = cv.h + (rows ? rows + 1 : 0);
        if (rows > t->pg.nsliders && need < rows + 4)
            need = rows + 4;            /* as panel_rows counted */
        if (need > cap)
            need = cap;                 /* charts need rows */
        ch = body - need - 1 > 10 ? body - need - 1 : 10;
        draw_narrative(t, 1, 1, W - 2, body - ch - 1, laid ? &cv : NULL);
        mvhline(body - ch + 1, 0, ACS_HLINE, W);
        draw_chart(t, body - ch + 2, 1, W - 2, ch - 1);
    } else {
        int w = W - 2 > 100 ? 100 : W - 2;
        draw_narrative(t, 1, (W - w) / 2, w, body, NULL);
    }
    tui_draw_status(t);
    if (t->help)
        draw_help(t);
    refresh();
}

void tui_draw_menu(struct tui *t, const struct menu_item *items, int n,
                   int sel)
{
    int W = COLS, H = LINES, idw = 4, top = 0, rows = H - 4;

    if (W < MIN_W || H < MIN_H) {
        draw_too_small(t);
        return;
    }
    erase();
    bar(0, 0, W);
    attron(A_REVERSE);
    put_text(t, 0, 1, tui_tr(t, "nntutor · lessons", "nntutor · 课程"),
             COL_DEFAULT, ATTR_BOLD, W - 2);
    attroff(A_REVERSE);
    for (int i = 0; i < n; i++)
        if (text_width(items[i].id) > idw)
            idw = text_width(items[i].id);
    if (idw > W / 4)
        idw = W / 4;                    /* a longer id ends with … */
    if (sel >= rows)
        top = sel - rows + 1;
    if (n == 0)
        put_text(t, 2, 2, tui_tr(t, "No lessons found (see nntutor list).",
                                 "没有找到课程（见 nntutor list）。"),
                 COL_BAD, 0, W - 4);
    for (int i = top; i < n && i - top < rows; i++) {
        int y = 2 + i - top, on = i == sel, x = 2;
        int lw = text_width(items[i].label);
        if (on)
            attron(A_REVERSE);
        if (on)
            mvhline(y, 1, ' ', W - 2);
        x += put_text(t, y, x, items[i].id, COL_TITLE, ATTR_BOLD, idw) ;
        x = 2 + idw + 2;
        put_text(t, y, x, items[i].title, COL_DEFAULT, 0, W - x - lw - 4);
        put_text(t, y, W - lw - 2, items[i].label,
                 items[i].done ? COL_GOOD : COL_AXIS,
                 0, lw);
        if (on)
            attroff(A_REVERSE);
    }
    t->req = NULL;
    if (!t->status[0])
        tui_status(t, 0, "%s", tui_tr(t, "↑↓ choose  Enter open  l 中文  "
                                      "q quit", "↑↓ 选择  回车 打开  "
                                      "l English  q 退出"));
    tui_draw_status(t);
    refresh();
}
