# SPDX-License-Identifier: MIT
# End to end: the real TUI in a private tmux server, driven by keys.

# One function, so that `return` ends the group and its names stay local.
e2e_main() {
    # a private server on a socket in TEST_HOME: with -L, tmux 3.3 leaves
    # the dead socket behind in /tmp/tmux-UID
    local e2e_sock="$TEST_HOME/e2e/tmux-$$" e2e_dir="$TEST_HOME/e2e" e2e_tmo=10
    local N cur="" D="" last="" old_trap
    [ "${NNT_ASAN:-0}" = 1 ] && e2e_tmo=60
    if ! command -v tmux >/dev/null 2>&1; then
        bad "e2e: tmux is not installed (apt-get install tmux)"
        return
    fi
    N=$(cd "$(dirname "$NNTUTOR")" && pwd)/$(basename "$NNTUTOR")
    mkdir -p "$e2e_dir"

    # the server also goes away if the run is interrupted
    old_trap=$(trap -p EXIT)
    if [ -n "$old_trap" ]; then
        eval "$(printf '%s' "$old_trap" | sed "s|^trap -- '|trap -- \
'tmux -S $e2e_sock kill-server >/dev/null 2>\&1; |")"
    else
        trap "tmux -S $e2e_sock kill-server >/dev/null 2>&1" EXIT
    fi

    e2e_tmux() { tmux -S "$e2e_sock" -f /dev/null "$@"; }

    # e2e_start DIR W H CMD: a fresh W x H session (the previous one is
    # killed) whose shell, in DIR, saves the tty state, runs CMD ($N is
    # nntutor; stderr goes to DIR/nntutor.err), prints EXIT=status and
    # saves the tty state again. Progress goes to DIR/state, so a scenario
    # can reuse a DIR to resume.
    e2e_start() {
        local old=$cur
        D=$1
        mkdir -p "$D/state"
        rm -f "$D"/stty.*
        cat > "$D/run.sh" <<EOF
N='$N'
cd '$D' || exit 9
exec 2>>nntutor.err
unset NO_COLOR NNTUTOR_PATH NNTUTOR_PLUGIN_PATH LANGUAGE COLUMNS LINES
trap : INT QUIT
stty -g > stty.before; stty -a > stty.before.a
$4
echo "EXIT=\$?"
stty -g > stty.after; stty -a > stty.after.a
exec sleep 600
EOF
        cur=e$((${cur#e} + 1))
        e2e_tmux new-session -d -s "$cur" -x "$2" -y "$3" \
            -e HOME="$TEST_HOME" -e XDG_DATA_HOME="$TEST_HOME/data" \
            -e XDG_STATE_HOME="$D/state" -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 \
            -e TERM=screen-256color "sh '$D/run.sh'"
        # no `set -g window-size manual`: tmux 3.3a then segfaults on the
        # next new-session -d; resize-window works without it
        [ -n "$old" ] && e2e_tmux kill-session -t "$old" 2>/dev/null
        last=""
    }
    send() { e2e_tmux send-keys -t "$cur" "$@"; }
    screen() { e2e_tmux capture-pane -p -t "$cur" "$@"; }

    # wait_for TEXT [TIMEOUT]: polls the screen until TEXT is on it; gives
    # up at once when there is no session or nntutor has ended.
    wait_for() {
        local end=$(( $(date +%s%N) + ${2:-$e2e_tmo} * 1000000000 )) over
        while :; do
            over=0
            [ -e "$D/stty.after" ] && over=1
            last=$(screen 2>&1) || return 1
            printf '%s' "$last" | grep -qF -- "$1" && return 0
            [ "$over" = 1 ] && return 1
            [ "$(date +%s%N)" -ge "$end" ] && return 1
            sleep 0.1
        done
    }
    # wait_gone TEXT [TIMEOUT]: polls the screen until TEXT is not on it.
    wait_gone() {
        local end=$(( $(date +%s%N) + ${2:-$e2e_tmo} * 1000000000 ))
        while :; do
            last=$(screen 2>&1) || return 1
            printf '%s' "$last" | grep -qF -- "$1" || return 0
            [ "$(date +%s%N)" -ge "$end" ] && return 1
            sleep 0.1
        done
    }
    # e2e_check NAME TEXT...: every TEXT appears; if not, `bad` and 1.
    e2e_check() {
        local name=$1 x
        shift
        for x in "$@"; do
            if ! wait_for "$x"; then
                bad "$name" "screen lacks '$x'; screen:
$(e2e_shown)"
                return 1
            fi
        done
    }
    # assert_screen NAME TEXT...: every TEXT appears; ok or bad.
    assert_screen() { e2e_check "$@" && ok "$1"; }
    # refute_screen NAME TEXT: TEXT is (or soon becomes) absent; ok or bad.
    refute_screen() {
        if wait_gone "$2"; then
            ok "$1"
        else
            bad "$1" "screen still shows '$2'; screen:
$(e2e_shown)"
        fi
    }
    # e2e_shown: the last screen, runs of blank lines squeezed.
    e2e_shown() { printf '%s\n' "$last" | cat -s; }
    # e2e_step K: waits for the title bar to show K/7.
    e2e_step() { wait_for " $1/7"; }
    # e2e_exited NAME STATUS [TEXT]: the shell printed EXIT=STATUS (* for
    # any), the tty is as before (icanon, echo, same stty -g), and TEXT
    # (default: the lesson title) is gone: the alternate screen was left.
    e2e_exited() {
        local name=$1 want=$2 gone=${3:-Template: how a lesson is made}
        local why="" a st
        if ! wait_for "EXIT="; then
            bad "$name" "no EXIT= (wanted $want); screen:
$(e2e_shown)"
            return
        fi
        st=$(printf '%s\n' "$last" | sed -n 's/.*EXIT=\([0-9]*\).*/\1/p' |
             tail -n 1)
        [ "$want" = "*" ] || [ "$st" = "$want" ] || why=" exit status $st"
        for _ in $(seq 1 $((e2e_tmo * 10))); do      # written after EXIT=
            [ -s "$D/stty.after.a" ] && break
            sleep 0.1
        done
        a=$(cat "$D/stty.after.a" 2>/dev/null)
        printf '%s' "$a" | grep -qw -- "-icanon" && why="$why -icanon"
        printf '%s' "$a" | grep -qw -- "-echo" && why="$why -echo"
        printf '%s' "$a" | grep -qw -- "icanon" || why="$why no-icanon"
        printf '%s' "$a" | grep -qw -- "echo" || why="$why no-echo"
        cmp -s "$D/stty.before" "$D/stty.after" ||
            why="$why; stty -g was $(cat "$D/stty.before" 2>/dev/null), \
is $(cat "$D/stty.after" 2>/dev/null)"
        printf '%s' "$last" | grep -qF -- "$gone" &&
            why="$why; '$gone' is still on the screen"
        if [ -n "$why" ]; then
            bad "$name" "wanted EXIT=$want and the tty restored:$why
screen:
$(e2e_shown)"
        else
            ok "$name"
        fi
    }

    # 1. open a lesson
    e2e_start "$e2e_dir/open" 120 40 '"$N" lesson template'
    assert_screen "e2e: lesson template opens at 1/7" \
        "Template: how a lesson is made" " 1/7" "This lesson is a template"

    # 2. space goes on (the pause at the end of step 1 is skipped)
    send Space
    assert_screen "e2e: space goes to step 2 with chart and claim" \
        " 2/7" "Least squares fit" "✓ The fitted slope"

    # 3. back, last, first
    e2e_start "$e2e_dir/nav" 120 40 '"$N" lesson template'
    e2e_check "e2e: ← End Home move between steps" " 1/7" &&
        send Space &&
        e2e_check "e2e: ← End Home move between steps" " 2/7" &&
        send Left &&
        e2e_check "e2e: ← End Home move between steps" " 1/7" &&
        send End &&
        e2e_check "e2e: ← End Home move between steps" " 7/7" \
            "Fitted minus true" &&
        send Home &&
        assert_screen "e2e: ← End Home move between steps" " 1/7" \
            "This lesson is a template"

    # 4. quiz: a right and a wrong answer, saved in the progress file
    # (← on the explore step 6 moves a slider; Backspace goes back)
    e2e_start "$e2e_dir/quiz" 120 40 '"$N" lesson template'
    e2e_step 1 && send End && e2e_step 7 && send Left && e2e_step 6 &&
        send BSpace
    if e2e_check "e2e: quiz at step 5" " 5/7" "With more noise on y"; then
        send 2
        assert_screen "e2e: quiz: 2 is right, says Right. with ✓" \
            "Right." "✓" "Which call states a result"
        send 1
        assert_screen "e2e: quiz: 1 is wrong, says Not quite." "Not quite." \
            "ui:say only shows text"
        send 3
        assert_screen "e2e: quiz: a second wrong try shows the answer" \
            "The answer is 2." "ui:wait only pauses"
        local pf="$D/state/nntutor/template.progress" got=""
        for _ in $(seq 1 $((e2e_tmo * 10))); do
            got=$(cat "$pf" 2>/dev/null)
            printf '%s\n' "$got" | grep -qx "quiz 5 2 2 0 2 1" && break
            sleep 0.1
        done
        if printf '%s\n' "$got" | grep -qx "quiz 5 1 2 1 0 0" &&
           printf '%s\n' "$got" | grep -qx "quiz 5 2 2 0 2 1"; then
            ok "e2e: quiz answers are saved in the progress file"
        else
            bad "e2e: quiz answers are saved in the progress file" "$pf:
$got"
        fi
    fi

    # 5. explore: sliders move and the chart is redrawn
    e2e_start "$e2e_dir/explore" 120 40 '"$N" lesson template'
    e2e_step 1 && send End && e2e_step 7 && send Left
    if e2e_check "e2e: explore at step 6" " 6/7" "n = 60,"; then
        send Right
        assert_screen "e2e: → moves the n slider to 65" "n = 65," \
            "redrawn in"
        send Down PPage
        assert_screen "e2e: ↓ PgUp moves the noise slider to 0" \
            "n = 65, σ = 0:" "redrawn in"
    fi

    # 5b. a short pane: ↓ past the last control scrolls the text, ↑ past
    # the first scrolls it back
    e2e_start "$e2e_dir/exscroll" 60 20 '"$N" lesson template'
    e2e_step 1 && send End && e2e_step 7 && send Left
    if e2e_check "e2e: ↑↓ past the controls scroll an explore's text" \
            " 6/7" "Move the sliders"; then
        send Down Down Down Down
        if e2e_check "e2e: ↑↓ past the controls scroll an explore's text" \
                "less certain" "▸ fitted line"; then
            send Up Up Up Up
            assert_screen "e2e: ↑↓ past the controls scroll an explore's text" \
                "Move the sliders" "▸ points"
        fi
    fi

    # 5c. more controls than the pane holds: a window on them follows the
    # selected one (they used to vanish, leaving blank rows)
    local wt="e2e: a window on many controls follows the selection"
    e2e_start "$e2e_dir/many" 100 34 '"$N" explore bn.lr_sweep'
    if e2e_check "$wt" "▸ depth" "final_plain"; then
        send Down Down Down Down Down Down Down Down Down Down Down Down Down
        assert_screen "$wt" "▸ rates" "α max (log10)"
    fi

    # 6. language
    e2e_start "$e2e_dir/lang" 120 40 '"$N" lesson template'
    e2e_step 1 && send End && e2e_step 7 && send Left
    if e2e_check "e2e: l switches to Chinese" " 6/7" "Explore"; then
        send l
        assert_screen "e2e: l switches to Chinese" "动手探索" \
            "模板：一节课是怎样写成的"
        send l
        assert_screen "e2e: l again switches back to English" "Explore" \
            "Template: how a lesson is made"
    fi

    # 6b. a steady explore screen: the y axis holds while a slider moves,
    # f fits it; a choice cycles through its names; l keeps every value;
    # the key hints stay in the status line
    # the y tick labels with their rows (labels alone may repeat when a
    # fitted axis labels every other tick)
    e2e_yticks() { printf '%s\n' "$last" | awk '
        match($0, /│ *-?[0-9.]+┤/) {
            s = substr($0, RSTART, RLENGTH); gsub(/[│┤ ]/, "", s)
            printf "%s@%d ", s, NR }'; }
    e2e_start "$e2e_dir/steady" 120 40 '"$N" lesson template'
    e2e_step 1 && send End && e2e_step 7 && send Left
    if e2e_check "e2e: steady explore at step 6" " 6/7" "σ = 0.3:"; then
        local ticks0 ticks k sigma moved=1
        ticks0=$(e2e_yticks)
        send Down
        for sigma in 0.25 0.2 0.15 0.1 0.05 0; do
            send Left
            if ! e2e_check "e2e: the noise slider moves" "σ = $sigma:"; then
                moved=0
                break
            fi
            ticks=$(e2e_yticks)
            if [ "$ticks" != "$ticks0" ]; then
                bad "e2e: the y axis holds while a slider moves" \
                    "σ = $sigma: ticks '$ticks', were '$ticks0'; screen:
$(e2e_shown)"
                moved=0
                break
            fi
        done
        if [ "$moved" = 1 ] && [ -n "$ticks0" ]; then
            ok "e2e: the y axis holds while a slider moves ($ticks0)"
            assert_screen "e2e: the key hints stay after moves" \
                "←→ move  ↑↓ control  f fit axes  space next" "redrawn in"
            send f
            wait_for "axes fitted"
            if [ "$(e2e_yticks)" != "$ticks0" ]; then
                ok "e2e: f fits the axes to the data ($(e2e_yticks))"
            else
                bad "e2e: f fits the axes to the data" "ticks still \
'$ticks0'; screen:
$(e2e_shown)"
            fi
        fi
        send Down Right
        assert_screen "e2e: → cycles a choice, showing its names" \
            "flat   rising  [steep]" "(true 5)"
        send Right
        assert_screen "e2e: → at the last name cycles to the first" \
            "[flat]  rising   steep" "(true 0)"
        send Down Space
        assert_screen "e2e: Space toggles a switch" "[off]  on" \
            "←→ space toggle"
        send l
        assert_screen "e2e: l keeps every value" "动手探索" "σ = 0：" \
            "（真实值 0）" "[水平]" "[关]  开" "f 重设坐标轴"
        ticks=$(e2e_yticks)
        send l
        if e2e_check "e2e: l again keeps the values and the axes" \
                "σ = 0:" "[flat]" "[off]  on" &&
           [ "$(e2e_yticks)" = "$ticks" ]; then
            ok "e2e: l again keeps the values and the axes"
        elif [ "$(e2e_yticks)" != "$ticks" ]; then
            bad "e2e: l again keeps the values and the axes" "ticks \
'$(e2e_yticks)', were '$ticks'"
        fi
        e2e_tmux resize-window -t "$cur" -x 80 -y 24
        assert_screen "e2e: at 80x24 the controls and the key hints show" \
            "▸ fitted line" "[flat]" "[off]  on" "f fit axes  Enter next"
    fi

    # a plugin's choice and bool parameters are choices and switches
    e2e_start "$e2e_dir/pexplore" 120 40 '"$N" explore template.grid'
    if e2e_check "e2e: explore PLUGIN.FUNCTION offers a choice" \
            "[bowl]  saddle"; then
        send Down Right
        assert_screen "e2e: explore PLUGIN.FUNCTION cycles its choice" \
            "bowl  [saddle]"
    fi

    # 7. export the chart on screen into ./nntutor-figures
    e2e_start "$e2e_dir/export" 120 40 '"$N" lesson template'
    e2e_step 1 && send Space
    if e2e_check "e2e: e exports the chart" " 2/7" "Least squares fit" &&
       { send e; e2e_check "e2e: e exports the chart" "saved"; }; then
        local svg csv
        svg=$(ls "$D"/nntutor-figures/*.svg 2>/dev/null | head -n 1)
        csv=$(ls "$D"/nntutor-figures/*.csv 2>/dev/null | head -n 1)
        if [ -z "$svg" ] || [ -z "$csv" ] || [ ! -s "$csv" ]; then
            bad "e2e: e exports the chart" "no svg/csv in $D/nntutor-figures:
$(ls -la "$D" "$D/nntutor-figures" 2>&1)
screen:
$(e2e_shown)"
        elif command -v python3 >/dev/null &&
             ! python3 -c 'import xml.dom.minidom, sys
xml.dom.minidom.parse(sys.argv[1])' "$svg" 2>"$D/svg.err"; then
            bad "e2e: e exports the chart" "$svg is not XML:
$(cat "$D/svg.err")"
        elif [ "$(basename "$svg")" != 02-01-least-squares-fit.svg ]; then
            bad "e2e: e exports the chart" "named $(basename "$svg"), \
wanted 02-01-least-squares-fit.svg (NN-MM-title)"
        else
            ok "e2e: e exports the chart ($(basename "$svg"), valid XML)"
        fi
    fi

    # 7b. without colour the series still differ: each legend entry shows
    # its own marker and line style, and the points are cell markers
    e2e_start "$e2e_dir/looks" 120 40 'NO_COLOR=1 "$N" lesson template'
    e2e_step 1 && send Space
    if e2e_check "e2e: NO_COLOR: distinct series looks" " 2/7" \
            "Least squares fit" "• data  ╌○╌ fit  ┈◆┈ true"; then
        local marks
        marks=$(printf '%s\n' "$last" | grep -o '[•○◆]' | sort | uniq -c |
                awk '$1 >= 2' | wc -l)
        if [ "$marks" = 3 ] &&
           [ "$(e2e_tmux capture-pane -e -p -t "$cur" | grep -c '38;5')" = 0 ]
        then
            ok "e2e: NO_COLOR: distinct series looks (• ○ ◆ on the plot)"
        else
            bad "e2e: NO_COLOR: distinct series looks" \
                "wanted •, ○ and ◆ on the plot and no colour; screen:
$(e2e_shown)"
        fi
    fi

    # 8. help
    e2e_start "$e2e_dir/help" 120 40 '"$N" lesson template'
    e2e_step 1 && send '?'
    if e2e_check "e2e: ? shows help, any key closes it" "Keys" \
            "any key closes this help"; then
        send x
        refute_screen "e2e: ? shows help, any key closes it" \
            "any key closes this help"
    fi

    # 9. resize below the minimum and back
    e2e_start "$e2e_dir/resize" 120 40 '"$N" lesson template'
    e2e_step 1 && e2e_tmux resize-window -t "$cur" -x 40 -y 12
    if assert_screen "e2e: at 40x12 it says terminal too small" \
            "terminal too small" "needs at least 60x20"; then
        e2e_tmux resize-window -t "$cur" -x 120 -y 40
        e2e_check "e2e: back at 120x40 the lesson returns" " 1/7" \
            "This lesson is a template" &&
            refute_screen "e2e: back at 120x40 the lesson returns" \
                "terminal too small"
    fi

    # 10. q quits and restores the terminal
    e2e_start "$e2e_dir/quit" 120 40 '"$N" lesson template'
    e2e_step 1 && send q
    e2e_exited "e2e: q exits 0 and restores the tty" 0

    # 11. Ctrl-C and SIGTERM
    e2e_start "$e2e_dir/int" 120 40 '"$N" lesson template'
    e2e_step 1 && send C-c
    e2e_exited "e2e: Ctrl-C exits 130 and restores the tty" 130
    e2e_start "$e2e_dir/term" 120 40 '"$N" lesson template'
    local sh_pid app_pid=""
    if e2e_step 1; then
        sh_pid=$(e2e_tmux display -p -t "$cur" '#{pane_pid}')
        app_pid=$(pgrep -P "$sh_pid" | head -n 1)
    fi
    if [ -n "$app_pid" ]; then
        kill -TERM "$app_pid"
        e2e_exited "e2e: SIGTERM exits 143 and restores the tty" 143
    else
        bad "e2e: SIGTERM exits 143 and restores the tty" "no nntutor pid;
screen:
$(e2e_shown)"
    fi

    # 12. resume where the student left off, or --restart
    e2e_start "$e2e_dir/resume" 120 40 '"$N" lesson template'
    if e2e_step 1 && send Space && e2e_step 2 && send s &&
       e2e_step 3 && send q && wait_for "EXIT="; then
        e2e_start "$D" 120 40 '"$N" lesson template'
        assert_screen "e2e: a lesson resumes at the step it was left" \
            " 3/7" "Residuals"
        send q
        wait_for "EXIT="
        e2e_start "$D" 120 40 '"$N" lesson template --restart'
        assert_screen "e2e: --restart opens at step 1" " 1/7" \
            "This lesson is a template"
    else
        bad "e2e: a lesson resumes at the step it was left" \
            "could not go to step 3 and quit; screen:
$(e2e_shown)"
    fi

    # 13. a step that fails shows file:line and the error; q exits 1
    mkdir -p "$e2e_dir/error"
    cat > "$e2e_dir/error/broken.lua" <<'LUA'
return nnt.lesson {
  id = "broken", title = "Broken on purpose",
  steps = {
    { title = "Fine", run = function(ui) ui:say "All is well so far." end },
    { title = "Fails", run = function(ui)
        ui:say "This step calls a function that does not exist."
        no_such_function(42)
      end },
  },
}
LUA
    e2e_start "$e2e_dir/error" 120 40 '"$N" lesson broken.lua'
    if e2e_check "e2e: a failing step shows file:line and the error" \
            "All is well so far." " 1/2"; then
        send Space
        assert_screen "e2e: a failing step shows file:line and the error" \
            " 2/2" "broken.lua:7:" "no_such_function"
        send q
        e2e_exited "e2e: q after a failed step exits 1, tty restored" 1 \
            "Broken on purpose"
    fi

    # 14. the menu (other lessons may be listed: go down to template)
    e2e_start "$e2e_dir/menu" 120 40 '"$N"'
    local row
    if e2e_check "e2e: the menu lists template as new" \
            "nntutor · lessons" "Template: how a lesson is made"; then
        row=$(printf '%s\n' "$last" | grep -n "^  template  " | cut -d: -f1)
        if printf '%s\n' "$last" | grep -q "^  template  .* new$"; then
            ok "e2e: the menu lists template as new"
        else
            bad "e2e: the menu lists template as new" "$(e2e_shown)"
        fi
        # items start on the third row
        for _ in $(seq 4 "${row:-3}"); do send Down; done
        send Enter
        if e2e_check "e2e: Enter opens the lesson, q goes back to the menu" \
                " 1/7" "This lesson is a template"; then
            send q
            assert_screen "e2e: Enter opens the lesson, q goes back to the menu" \
                "nntutor · lessons" "1/7"
        fi
        wait_for "nntutor · lessons" || send q
        send q
        e2e_exited "e2e: q in the menu exits 0, tty restored" 0
    fi

    # 15. a dumb terminal gets the plain lesson, not the TUI
    e2e_start "$e2e_dir/dumb" 120 40 'TERM=dumb "$N" lesson template'
    wait_for "EXIT="
    last=$(screen -S - 2>&1)                    # with the scrollback
    if printf '%s\n' "$last" | grep -qx "EXIT=0" &&
       printf '%s' "$last" | grep -qF "── 1/7  Welcome" &&
       printf '%s' "$last" | grep -qF "── 7/7  Summary"; then
        ok "e2e: TERM=dumb prints the plain lesson and exits 0"
    else
        bad "e2e: TERM=dumb prints the plain lesson and exits 0" "stderr:
$(cat "$D/nntutor.err" 2>/dev/null)
last lines of the scrollback:
$(printf '%s\n' "$last" | cat -s | tail -n 30)"
    fi

    # 16. an 80x24 terminal: chart below the text, no notice
    e2e_start "$e2e_dir/small" 80 24 '"$N" lesson template'
    e2e_step 1 && send Space
    if e2e_check "e2e: 80x24 shows step 2 text and chart" " 2/7" \
            "Least squares fit" "The plugin drew 60 points"; then
        refute_screen "e2e: 80x24 shows step 2 text and chart" "too small"
    fi

    # 17. a lesson that cannot be loaded: the error, a key, exit 1
    mkdir -p "$e2e_dir/syntax"
    printf 'return nnt.lesson {\n  id = "syn", title = "x",\n' \
        > "$e2e_dir/syntax/syn.lua"
    e2e_start "$e2e_dir/syntax" 120 40 '"$N" lesson syn.lua'
    if e2e_check "e2e: a lesson with a syntax error: error, key, exit 1" \
            "syn.lua:3:" "could not be opened"; then
        send x
        e2e_exited "e2e: a lesson with a syntax error: error, key, exit 1" \
            1 "could not be opened"
    fi

    # 18. a crash (SIGSEGV) still restores the tty (ASan has its own
    # handler, so only in the plain build)
    if [ "${NNT_ASAN:-0}" != 1 ]; then
        e2e_start "$e2e_dir/segv" 120 40 '"$N" lesson template'
        app_pid=""
        if e2e_step 1; then
            sh_pid=$(e2e_tmux display -p -t "$cur" '#{pane_pid}')
            app_pid=$(pgrep -P "$sh_pid" | head -n 1)
        fi
        if [ -n "$app_pid" ]; then
            kill -SEGV "$app_pid"
            e2e_exited "e2e: SIGSEGV exits 139 and restores the tty" 139
        else
            bad "e2e: SIGSEGV exits 139 and restores the tty" \
                "no nntutor pid; screen:
$(e2e_shown)"
        fi
    fi

    # 19. Ctrl-\ (SIGQUIT, the tty's other signal key) leaves a usable tty
    e2e_start "$e2e_dir/quit-key" 120 40 '"$N" lesson template'
    if e2e_step 1; then
        send 'C-\'
        wait_for "EXIT=" 2 || send q            # ignored is fine too
        e2e_exited "e2e: Ctrl-\\ leaves the tty restored" "*"
    fi

    # 20. a lesson full of terminal commands (window title, clipboard,
    # clear screen): shown as text, none acts on the terminal
    e2e_tmux set -s set-clipboard on
    e2e_start "$e2e_dir/escapes" 120 40 \
        "\"\$N\" lesson '$PWD/tests/hostile/escapes.lua'"
    if e2e_check "e2e: a lesson's escape sequences show as text" \
            "say ^[]52;c;cHduZWQ=^G ^[]0;pwned^G ^[[2J"; then
        send 1
        send Space
        send Space
        e2e_check "e2e: a lesson's escape sequences show as text" \
            "boom ^[]0;error-title^G" &&
            assert_screen "e2e: a lesson's escape sequences show as text" \
                " 2/2"
        local title bufs
        title=$(e2e_tmux display -p -t "$cur" '#{pane_title}')
        bufs=$(e2e_tmux list-buffers 2>/dev/null)
        if printf '%s' "$title" | grep -q "pwned\|error-title" ||
           [ -n "$bufs" ]; then
            bad "e2e: nothing sets the window title or the clipboard" \
                "pane title: $title; buffers: $bufs"
        else
            ok "e2e: nothing sets the window title or the clipboard"
        fi
        send q
        e2e_exited "e2e: q leaves the escapes lesson, tty restored" 1 \
            "boom"
    fi

    # 21. the menu will not run a lesson on the path under another's id:
    # other.lua declaring "template" must not touch template's progress
    mkdir -p "$e2e_dir/taken/lessons" "$e2e_dir/taken/state/nntutor"
    cp lessons/template.lua "$e2e_dir/taken/lessons/other.lua"
    local rec='nntutor-progress 1\nlesson template\nstep 7\nfurthest 7\n'
    rec=$rec'steps 7\ncomplete 1\n'
    printf "$rec" > "$e2e_dir/taken/state/nntutor/template.progress"
    e2e_start "$e2e_dir/taken" 160 40 'NNTUTOR_PATH="$PWD/lessons" "$N"'
    if e2e_check "e2e: the menu refuses a lesson with another's id" \
            "nntutor · lessons" "declares the id 'template'"; then
        row=$(printf '%s\n' "$last" | grep -n "^  other" | cut -d: -f1)
        for _ in $(seq 4 "${row:-3}"); do send Down; done
        send Enter
        if e2e_check "e2e: the menu refuses a lesson with another's id" \
                "could not be opened" "lessons/other.lua declares"; then
            send x
            wait_for "nntutor · lessons" && send q
            e2e_exited "e2e: the menu refuses a lesson with another's id" 1 \
                "could not be opened"
        fi
    fi
    if [ "$(cat "$D/state/nntutor/template.progress")" != "$(printf "$rec")" ]
    then
        bad "e2e: the template record is untouched" \
            "$(cat "$D/state/nntutor/template.progress")"
    else
        ok "e2e: the template record is untouched"
    fi

    # 22. a run left open while another finished the lesson does not
    # take the lesson back when it saves: the saves merge
    e2e_start "$e2e_dir/merge" 120 40 '"$N" lesson template'
    if e2e_step 1; then
        local pf="$D/state/nntutor/template.progress" got=""
        { printf 'nntutor-progress 1\nlesson template\nstep 7\n'
          printf 'furthest 7\nsteps 7\ncomplete 1\nquiz 4 1 2 1\n'
        } > "$pf"                               # what the other run saved
        send Space
        e2e_step 2 && send q && wait_for "EXIT="
        got=$(tr '\n' ' ' < "$pf")
        case $got in
        *"step 2 furthest 7 steps 7 complete 1 seen 1-2 quiz 4 1 2 1 0 0 "*)
            ok "e2e: two runs of a lesson merge their progress" ;;
        *)
            bad "e2e: two runs of a lesson merge their progress" "$got" ;;
        esac
    fi

    # 23. hostile lessons in the TUI (tests/hostile.sh runs them plain): a
    # crash, a freeze, an outgrow and a forged request each become an error
    # on the screen within the time limit, keys still answer (? shows help,
    # any key closes it), q exits 1 and the tty is restored.  A guard kills
    # the lesson's processes (not the pane's shell) if they hold more than
    # e2e_rss MiB, so a lesson that outgrows cannot take the machine down.
    local fx hsc=1 e2e_rss=1024 guard_pid="" hname hfile htext hwithin
    fx=$(cd "$BUILD/fixtures" 2>/dev/null && pwd)
    [ "${NNT_ASAN:-0}" = 1 ] && hsc=5 && e2e_rss=4096
    # e2e_pane_pid: the pid of the pane's shell (its session's leader).
    e2e_pane_pid() { e2e_tmux display -p -t "$cur" '#{pane_pid}' 2>/dev/null; }
    # e2e_others SID: the processes of session SID but its leader, a,b,c.
    e2e_others() { pgrep -s "$1" 2>/dev/null | grep -vx "$1" | paste -sd, -; }
    # e2e_guard: starts the memory guard for the current session.
    e2e_guard() {
        local sid pids kb
        sid=$(e2e_pane_pid)
        [ -n "$sid" ] || return
        (
            while kill -0 "$sid" 2>/dev/null; do
                pids=$(e2e_others "$sid")
                if [ -n "$pids" ]; then
                    kb=$(ps -o rss= -p "$pids" 2>/dev/null |
                         awk '{ s += $1 } END { print s + 0 }')
                    if [ "$kb" -gt $((e2e_rss * 1024)) ]; then
                        echo "held $((kb / 1024)) MiB: killed" > "$D/guard"
                        kill -KILL $(printf '%s' "$pids" | tr , ' ') \
                            2>/dev/null
                    fi
                fi
                sleep 0.2
            done
        ) &
        guard_pid=$!
    }
    # e2e_reap: stops the guard and SIGKILLs whatever the case left running
    # in the pane's session (a frozen nntutor, a stray worker).
    e2e_reap() {
        local sid p
        [ -n "$guard_pid" ] && kill "$guard_pid" 2>/dev/null
        guard_pid=""
        sid=$(e2e_pane_pid)
        [ -n "$sid" ] || return
        for p in $(e2e_others "$sid" | tr , ' '); do
            [ "$(ps -o comm= -p "$p" 2>/dev/null)" = sleep ] && continue
            kill -KILL "$p" 2>/dev/null
        done
    }
    # e2e_hostile NAME FILE TEXT WITHIN: FILE (under tests/hostile) shows
    # TEXT within WITHIN seconds, then ? and q as above.
    e2e_hostile() {
        local name="e2e: hostile $1" file=$PWD/tests/hostile/$2 text=$3
        local within=$(($4 * hsc)) title
        title=$(sed -n 's/.*title = "\([^"]*\)".*/\1/p' "$file" | head -n 1)
        e2e_start "$e2e_dir/hostile-$1" 120 40 "ASAN_OPTIONS=\
\"\${ASAN_OPTIONS:+\$ASAN_OPTIONS:}handle_segv=0\" \
NNTUTOR_PLUGIN_PATH='$fx' \"\$N\" lesson '$file'"
        e2e_guard
        if wait_for "$text" "$within" && [ ! -e "$D/stty.after" ]; then
            ok "$name: the error within $4 s"
        else
            bad "$name: the error within $4 s" "no '$text' on the screen \
of a running nntutor after $within s $(cat "$D/guard" 2>/dev/null); screen:
$(e2e_shown)"
        fi
        if [ ! -e "$D/stty.after" ]; then
            send '?'
            if e2e_check "$name: ? shows help, any key closes it" \
                    "any key closes this help"; then
                send x
                refute_screen "$name: ? shows help, any key closes it" \
                    "any key closes this help"
            fi
            send q
        fi
        e2e_exited "$name: q exits 1, tty restored" 1 "$title"
        e2e_reap
    }
    if [ -z "$fx" ] || [ ! -f "$fx/fault.so" ]; then
        bad "e2e: hostile lessons" "$BUILD/fixtures/fault.so is not built"
    else
        e2e_hostile crash plugins/segv.lua \
            "the lesson process crashed (SIGSEGV)" 15
        e2e_hostile freeze gc_loop.lua "did not answer" 15
        e2e_hostile outgrow eight_arrays.lua "nnt.array: not enough memory" 15
        e2e_hostile forged forged_quiz.lua "malformed" 15

        # Esc during a plugin call that never reports progress: cancelled
        # within 1 s, then ← goes back and q quits (any status; tty restored)
        e2e_start "$e2e_dir/hostile-esc" 120 40 "ASAN_OPTIONS=\
\"\${ASAN_OPTIONS:+\$ASAN_OPTIONS:}handle_segv=0\" \
NNTUTOR_PLUGIN_PATH='$fx' \"\$N\" lesson '$PWD/tests/hostile/plugins/loop.lua'"
        e2e_guard
        if e2e_check "e2e: hostile Esc cancels an endless plugin call" \
                "Step 2 calls fault.loop" " 1/2"; then
            send Space
            sleep 0.5                           # the call is under way
            send Escape
            if wait_for "cancelled" "$hsc"; then
                ok "e2e: hostile Esc cancels an endless plugin call within 1 s"
                send Left
                assert_screen "e2e: hostile ← after the cancel goes to step 1" \
                    " 1/2" "Step 2 calls fault.loop"
            else
                bad "e2e: hostile Esc cancels an endless plugin call within 1 s" \
                    "no 'cancelled' 1 s after Esc; screen:
$(e2e_shown)"
            fi
            send q
            e2e_exited "e2e: hostile q after the cancel, tty restored" "*" \
                "plugin endless loop"
        fi
        e2e_reap

        # Ctrl-C while a step swallows errors of slow plugin calls in pcall
        e2e_start "$e2e_dir/hostile-int" 120 40 "NNTUTOR_PLUGIN_PATH='$fx' \
\"\$N\" lesson '$PWD/tests/hostile/signals/pcall_slow.lua'"
        e2e_guard
        sleep 1.5
        send C-c
        if wait_for "EXIT=" "$hsc"; then
            e2e_exited "e2e: hostile Ctrl-C ends pcall around slow calls \
within 1 s (130), tty restored" 130 "pcall around a slow call"
        else
            bad "e2e: hostile Ctrl-C ends pcall around slow calls within 1 s \
(130), tty restored" "no EXIT= 1 s after Ctrl-C; screen:
$(e2e_shown)"
        fi
        e2e_reap

        # the lesson turns its titles into functions, then the student
        # switches language: a clear error or the lesson goes on; keys
        # still answer; q exits (any status) with the tty restored
        e2e_start "$e2e_dir/hostile-title" 120 40 \
            "\"\$N\" lesson '$PWD/tests/hostile/title_function.lua'"
        e2e_guard
        if e2e_check "e2e: hostile l after the titles changed" \
                "titles changed"; then
            send l
            sleep 0.5
            send '?'                            # help in either language
            if e2e_check "e2e: hostile l after the titles changed: ? answers" \
                    "PgUp PgDn"; then
                send x
                refute_screen "e2e: hostile l after the titles changed: \
? answers" "PgUp PgDn"
            fi
            send q
            e2e_exited "e2e: hostile l after the titles changed: q exits, \
tty restored" "*" "titles changed"
        fi
        e2e_reap

        # the menu with bad files in the lesson path (as in hostile.sh):
        # it opens within 15 s with the good lessons; q exits, tty restored
        mkdir -p "$e2e_dir/hostile-menu/path"
        cp tests/hostile/syntax_error.lua tests/hostile/nnt_nil.lua \
           tests/hostile/nnt_trap.lua tests/hostile/gc_loop_top.lua \
           "$e2e_dir/hostile-menu/path/"
        e2e_start "$e2e_dir/hostile-menu" 120 40 \
            "NNTUTOR_PATH='$e2e_dir/hostile-menu/path' \"\$N\""
        e2e_guard
        if wait_for "Template: how a lesson is made" $((15 * hsc)) &&
           [ ! -e "$D/stty.after" ]; then
            ok "e2e: hostile the menu skips bad lesson files"
            send q
        else
            bad "e2e: hostile the menu skips bad lesson files" "no menu with \
template after $((15 * hsc)) s; screen:
$(e2e_shown)"
        fi
        e2e_exited "e2e: hostile menu with bad lesson files: q exits, tty \
restored" "*" "nntutor · lessons"
        e2e_reap
    fi

    # 24. students practise (issue 12): an exercise written in the editor
    # (a wrong file first: the failing input is shown; then a right one
    # passes), a quiz tried again after a wrong choice (its reason shows),
    # a quiz skipped with s (Space does not skip it), the summary at the
    # end with the score, and a finished lesson reopening at its summary
    local pd="$e2e_dir/practise" work
    work="$TEST_HOME/data/nntutor/work/template/ls_slope.lua"
    rm -f "$work"
    mkdir -p "$pd"
    cat > "$pd/wrong-editor.sh" <<'EOF2'
#!/bin/sh
printf 'function ls_slope(xs, ys)\n  return (ys[#ys] - ys[1]) / (xs[#xs] - xs[1])\nend\n' > "$1"
EOF2
    chmod +x "$pd/wrong-editor.sh"
    e2e_start "$pd" 120 40 "EDITOR='$pd/wrong-editor.sh' \"\$N\" lesson template"
    if e2e_step 1; then
        send Space
        if e2e_check "e2e: practise: step 2 presents the exercise" \
                "Exercise: The least-squares slope" "Your file:" \
                "o edit  r check"; then
            ok "e2e: practise: step 2 presents the exercise"
            send Space
            assert_screen "e2e: practise: Space does not skip an exercise" \
                "Write your code first"
            send a
            assert_screen "e2e: practise: the solution opens only after a try" \
                "Try first"
            send o
            assert_screen "e2e: practise: the editor's wrong code shows the failing input" \
                "tests passed; the first that" "ls_slope({" "expected"
            send h
            assert_screen "e2e: practise: h shows the first hint" "Hint 1/2:"
            printf 'function ls_slope(xs, ys)\n  local n, mx, my = #xs, 0, 0\n  for i = 1, n do mx, my = mx + xs[i] / n, my + ys[i] / n end\n  local a, b = 0, 0\n  for i = 1, n do a, b = a + (xs[i] - mx) * (ys[i] - my), b + (xs[i] - mx) ^ 2 end\n  return a / b\nend\n' > "$work"
            send r
            assert_screen "e2e: practise: a right file passes every test" \
                "all 104 tests passed" "Space goes on"
            send Space
            assert_screen "e2e: practise: Space goes on after passing" " 3/7"
        fi
        send End
        e2e_step 7 && send BSpace       # ← on the explore step moves a slider
        e2e_step 6 && send BSpace
        if e2e_step 5 && e2e_check "e2e: practise: a quiz waits" \
                "press 1-3 to answer"; then
            send Space
            assert_screen "e2e: practise: Space does not skip a quiz" \
                "Answer with a number key"
            send 1
            assert_screen "e2e: practise: a wrong choice shows why and asks again" \
                "Only noise-free points" "Try again"
            send 2
            assert_screen "e2e: practise: the second try is right" \
                "Right, on a second try." "unbiased"
            send s
            assert_screen "e2e: practise: s skips the second quiz" \
                "Skipped. The answer is 2."
            send Space
            e2e_step 6 && send Space
            e2e_step 7 && send Space
            assert_screen "e2e: practise: the end shows the summary" \
                "The end of" "quizzes: 0 right first time, 1 on a second try" \
                "exercises: 1 of 1 passed on your own" "ls_slope" \
                "Worth another look" "[1] step 4" "[2] step 5" \
                "1-2 revisit"
            send 2
            assert_screen "e2e: practise: 2 on the summary revisits a step" " 5/7"
        else
            bad "e2e: practise: a quiz waits" "not at step 5; screen:
$(e2e_shown)"
        fi
        send q
        e2e_exited "e2e: practise: q leaves, tty restored" 0
        e2e_start "$pd" 120 40 '"$N" lesson template'
        assert_screen "e2e: practise: a finished lesson opens at its summary" \
            "The end of" "1-2 revisit"
        send Home
        assert_screen "e2e: practise: Home starts again from the summary" " 1/7"
        send q
        e2e_exited "e2e: practise: q leaves the reopened lesson" 0
        e2e_start "$pd" 120 40 '"$N" list'
        assert_screen "e2e: practise: list shows the score" \
            "done · quiz 0/2 · ex 1/1"
    fi

    # 25. resume says where it resumed, in Chinese too, and the menu shows
    # the score in the student's language
    e2e_start "$e2e_dir/resume-zh" 80 24 '"$N" lesson template --lang zh'
    if e2e_check "e2e: resume: a new lesson starts at step 1" " 1/7"; then
        send Space
        e2e_step 2 && send s
        e2e_step 3 && send q
        e2e_exited "e2e: resume: q leaves" 0 "模板"
        e2e_start "$e2e_dir/resume-zh" 80 24 '"$N" lesson template --lang zh'
        assert_screen "e2e: resume: says where it resumed" "从上次离开的第 3 / 7 步继续"
        send q
        e2e_exited "e2e: resume: q leaves again" 0 "模板"
        e2e_start "$e2e_dir/resume-zh" 120 40 '"$N" --lang zh'
        assert_screen "e2e: resume: the menu shows progress in Chinese" \
            "第 3/7 步 · 练习 0/1"
        send q
    fi

    # 26. watch mode: every save of the exercise file is checked
    rm -f "$work"
    e2e_start "$e2e_dir/watch" 100 30 '"$N" exercise template'
    if e2e_check "e2e: watch: shows the exercise and checks the stub" \
            "Exercise ls_slope" "the first that failed"; then
        ok "e2e: watch: shows the exercise and checks the stub"
        sleep 1.1                       # a new mtime, whatever the clock
        printf 'function ls_slope(xs, ys)\n  return 1\nend\n' > "$work.tmp" &&
            mv "$work.tmp" "$work"      # as editors save: a rename
        assert_screen "e2e: watch: a save is checked at once" "returned 1,"
        send h Enter
        assert_screen "e2e: watch: h shows a hint" "hint 1/2:"
        printf 'function ls_slope(xs, ys)\n  local n, mx, my = #xs, 0, 0\n  for i = 1, n do mx, my = mx + xs[i] / n, my + ys[i] / n end\n  local a, b = 0, 0\n  for i = 1, n do a, b = a + (xs[i] - mx) * (ys[i] - my), b + (xs[i] - mx) ^ 2 end\n  return a / b\nend\n' > "$work"
        assert_screen "e2e: watch: the right code passes" "all 104 tests passed"
        send q Enter
        e2e_exited "e2e: watch: q leaves" 0 "no such text on screen"
    fi

    # 27. titles too long for an 80-column screen end with … in the title
    # bar (lesson and step), in the menu and above the chart
    mkdir -p "$e2e_dir/long/path"
    cat > "$e2e_dir/long/path/longtitle.lua" <<'LUA'
return nnt.lesson {
  id = "longtitle",
  title = { en = "A lesson whose title is far too long for half of the "
                 .. "bar or the menu",
            zh = "一节标题长得放不进八十列终端一半宽度的课程标题" },
  steps = {
    { title = "A step whose title is longer than what is left of the bar",
      run = function(ui)
        ui:say "Some text."
        ui:chart { kind = "line", x = { 1, 2, 3 }, y = { 1, 4, 9 },
                   title = "A chart title much longer than the chart pane "
                           .. "is wide at eighty columns, and then some" }
        ui:wait()
    end },
  },
}
LUA
    e2e_start "$e2e_dir/long" 80 24 \
        "NNTUTOR_PATH='$e2e_dir/long/path' \"\$N\" lesson longtitle"
    if assert_screen "e2e: long titles end with … at 80x24" \
            "A lesson whose title is far too long fo…  A step whose title is" \
            "is longer t…  1/1" "pane is wide at eighty columns, and …"; then
        send l
        assert_screen "e2e: a long Chinese title ends with … at 80x24" \
            "一节标题长得放不进八十列终端一半宽度的…"
        send q
        e2e_exited "e2e: q leaves the long-title lesson" 0 "1/1"
    fi
    e2e_start "$e2e_dir/long-menu" 80 24 \
        "NNTUTOR_PATH='$e2e_dir/long/path' \"\$N\""
    assert_screen "e2e: a long title in the menu ends with …" \
        "  longtitle  A lesson whose title is far too long for half of the \
bar or…  new"
    send q
    mkdir -p "$e2e_dir/long-id/path"
    sed 's/id = "longtitle"/id = "a_lesson_with_a_long_identifier"/' \
        "$e2e_dir/long/path/longtitle.lua" \
        > "$e2e_dir/long-id/path/a_lesson_with_a_long_identifier.lua"
    e2e_start "$e2e_dir/long-id" 80 24 \
        "NNTUTOR_PATH='$e2e_dir/long-id/path' \"\$N\""
    assert_screen "e2e: a long lesson id in the menu ends with …" \
        "  a_lesson_with_a_lon…  A lesson whose title is far too long for "
    send q

    # 28. the scroll arrows of a long Chinese text at 80x24 stand in the
    # last column, apart from the text (never on a letter or half of a
    # wide character), at most one of each, never left behind
    e2e_start "$e2e_dir/arrows" 80 24 '"$N" lesson a2_5 --lang zh'
    # e2e_arrows: the arrows on the screen stand alone in column 80.
    e2e_arrows() {
        local l why="" n
        n=$(printf '%s\n' "$last" | head -n 23 | grep -o '[↑↓]' | sort |
            uniq -d)
        [ -n "$n" ] && why="$why; more than one $n"
        while IFS= read -r l; do
            case $l in
            *" ↑" | *" ↓") ;;
            *) why="$why; not apart from the text: '$l'" ;;
            esac
            [ "$(printf '%s' "$l" | LC_ALL=C.UTF-8 wc -L)" = 80 ] ||
                why="$why; not in column 80: '$l'"
            [ "$(printf '%s' "$l" | grep -o '[↑↓]' | wc -l)" = 1 ] ||
                why="$why; two on a line: '$l'"
        done <<EOF3
$(printf '%s\n' "$last" | head -n 23 | grep '[↑↓]')
EOF3
        [ -z "$why" ] && return 0
        bad "$1" "${why#; }
screen:
$(e2e_shown)"
        return 1
    }
    if e2e_check "e2e: scroll arrows stand alone in Chinese text" " 1/11" \
            "↓"; then
        local k good=1
        for k in 1 2 3 4 5 6 7 8; do
            send Down
            wait_for "↑" || good=0
            sleep 0.2
            last=$(screen)
            e2e_arrows "e2e: scroll arrows stand alone in Chinese text \
(after $k ↓)" || { good=0; break; }
        done
        send PPage
        if [ "$good" = 1 ] && ! wait_gone "↑"; then
            bad "e2e: scroll arrows: PgUp back at the top leaves no ↑" \
                "$(e2e_shown)"
            good=0
        fi
        [ "$good" = 1 ] && ok "e2e: scroll arrows stand alone in Chinese text"
        send q
    fi

    # 29. with --export, an explore chart keeps its number as the sliders
    # redraw it (06-01-…, as e names it), never 06-02, 06-03, …, and is
    # written once, as the student leaves it: no file per slider move
    local xt="e2e: --export writes an explore chart once, as it was left"
    e2e_start "$e2e_dir/xexport" 120 40 '"$N" lesson template --export figs'
    e2e_step 1 && send End && e2e_step 7 && send BSpace
    if e2e_check "$xt" " 6/7" "n = 60,"; then
        send Right
        e2e_check "$xt" "n = 65,"
        send Right
        e2e_check "$xt" "n = 70,"
        send Enter
        if e2e_check "$xt" " 7/7"; then
            local six
            six=$(cd "$D/figs" && ls 06-* | grep -v '^06-01-n-70-')
            if [ -z "$six" ] && ls "$D"/figs/06-01-n-70-*.svg >/dev/null 2>&1
            then
                ok "$xt"
            else
                bad "$xt" "$(ls "$D/figs")"
            fi
        fi
        send q
    fi

    # no sanitizer reports (ASan build) from the runs that ended
    local reports
    reports=$(grep -l -E "Sanitizer|runtime error:" "$e2e_dir"/*/nntutor.err \
              2>/dev/null)
    if [ -z "$reports" ]; then
        ok "e2e: no sanitizer reports on stderr"
    else
        bad "e2e: no sanitizer reports on stderr" "$(for f in $reports; do
            echo "$f:"; head -n 15 "$f"; done)"
    fi

    e2e_tmux kill-server >/dev/null 2>&1
    if [ -n "$old_trap" ]; then eval "$old_trap"; else trap - EXIT; fi
    unset -f e2e_tmux e2e_start send screen wait_for wait_gone e2e_check \
        e2e_yticks \
        assert_screen refute_screen e2e_step e2e_exited e2e_shown \
        e2e_pane_pid e2e_others e2e_guard e2e_reap e2e_hostile e2e_arrows
}
e2e_main
unset -f e2e_main
