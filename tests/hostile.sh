# SPDX-License-Identifier: MIT
# Hostile lessons: each must end within its time limit with the exit status
# and the messages its header promises, and nothing may escape.
#   -- expect-exit: N       status of `lesson FILE --plain` and `check FILE`
#   -- expect: TEXT         in the output of `lesson FILE --plain`
#   -- expect-check: TEXT   in the output of `check FILE`
#   -- expect-within: S     wall-clock limit in seconds for each run
#                           (default 60; five times as long under NNT_ASAN=1)
# tests/hostile/*.lua use the built-in plugins; tests/hostile/plugins/*.lua
# run with NNTUTOR_PLUGIN_PATH=$BUILD/fixtures (the fault plugin).  Each run
# has a session of its own: it is killed at its limit, or once its processes
# hold more than $hostile_rss MiB, and must leave no process behind.

hostile_scale=1
hostile_rss=${NNT_HOSTILE_RSS_MIB:-1024}
if [ "${NNT_ASAN:-0}" = 1 ]; then
    hostile_scale=5
    hostile_rss=$((hostile_rss * 4))
fi
hostile_tmp=$TEST_HOME/hostile
mkdir -p "$hostile_tmp"
hostile_escapes="/tmp/nntutor-escaped /tmp/nntutor-escaped-open
                 /tmp/nntutor-escaped-exec"
# shellcheck disable=SC2086
rm -f $hostile_escapes

# hostile_pids PID: PID and every process in the session PID leads, as a
# comma-separated list (only PID once the session is empty).
# hostile_alive SID: the processes of session SID that still run (not
# zombies: a killed worker whose parent died waits for init to reap it);
# fails when there are none.
hostile_alive() {
    ps -o pid=,stat= -s "$1" 2>/dev/null | awk '$2 !~ /^Z/ { print $1 }' |
        grep .
}

hostile_pids() {
    local more
    more=$(pgrep -d, -s "$1" 2>/dev/null)
    printf '%s%s' "$1" "${more:+,$more}"
}

# hostile_kill PID: SIGKILL to PID and to its session.
hostile_kill() {
    local p
    for p in $(hostile_pids "$1" | tr , ' '); do
        kill -KILL "$p" 2>/dev/null
    done
}

# hostile_load_factor: how many times slower than an idle machine this
# one runs a CPU-bound process now: the 1-minute load per core, rounded
# up, from 1 to 4.  Time limits are CPU work in wall-clock seconds, so on
# a machine busy with other work they stretch by this much (they exist to
# catch what never stops, not a slow machine).
hostile_load_factor() {
    local load cores
    load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null)
    cores=$(nproc 2>/dev/null || echo 1)
    awk -v l="${load:-0}" -v c="$cores" 'BEGIN {
        f = int(l / c + 0.999); if (f < 1) f = 1; if (f > 4) f = 4; print f }'
}

# hostile_run LIMIT OUT CMD...: runs CMD in a new session, stdout and stderr
# into OUT.  Sets run_status, run_ms (wall-clock) and run_why: why it was
# stopped (over LIMIT seconds, over $hostile_rss MiB) or what it left
# running, "" if nothing.
hostile_run() {
    local limit_ms=$(($1 * 1000)) out=$2 pid t0 kb left
    shift 2
    run_why=""
    t0=$(date +%s%N)
    setsid "$@" > "$out" 2>&1 < /dev/null &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        if [ $(( ($(date +%s%N) - t0) / 1000000 )) -ge "$limit_ms" ]; then
            run_why="still running after $((limit_ms / 1000)) s: killed"
            break
        fi
        kb=$(ps -o rss= -p "$(hostile_pids "$pid")" 2>/dev/null |
             awk '{ s += $1 } END { print s + 0 }')
        if [ "$kb" -gt $((hostile_rss * 1024)) ]; then
            run_why="held $((kb / 1024)) MiB, over $hostile_rss MiB: killed"
            break
        fi
        sleep 0.1
    done
    [ -n "$run_why" ] && hostile_kill "$pid"
    wait "$pid"
    run_status=$?
    run_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    for _ in 1 2 3 4 5 6 7 8 9 10; do         # a worker gets 1 s to go
        left=$(hostile_alive "$pid") || break
        sleep 0.1
    done
    if [ -n "$left" ]; then
        run_why="${run_why:+$run_why; }left running: $(ps -o pid=,args= \
-p "$(printf '%s' "$left" | tr '\n' ,)" 2>/dev/null | cut -c1-100)"
        hostile_kill "$pid"
    fi
}

# hostile_expect NAME WANT WITHIN TEXT... -- CMD...: runs CMD (hostile_run,
# killed after WITHIN s) and checks it ended in time with status WANT and
# every TEXT in its output.
hostile_expect() {
    local name=$1 want=$2 within=$3 base=$3 out=$hostile_tmp/out t why="" load
    shift 3
    local texts=()
    while [ "$1" != "--" ]; do texts+=("$1"); shift; done
    shift
    load=$(hostile_load_factor)
    within=$((within * load))
    hostile_run "$within" "$out" "$@"
    if [ -n "$run_why" ]; then
        why=$run_why
    elif [ "$run_ms" -gt $((within * 1000)) ]; then
        why="took $((run_ms / 1000)).$((run_ms % 1000 / 100)) s, limit \
$base s × $load (the machine's load)"
    elif [ "$run_status" != "$want" ]; then
        why="exit status $run_status, wanted $want"
    else
        for t in "${texts[@]}"; do
            [ -z "$t" ] && continue
            if ! grep -qaF -- "$t" "$out"; then
                why="output lacks '$t'"
                break
            fi
        done
    fi
    if [ -n "$why" ]; then
        bad "$name" "$why (exit $run_status after \
$((run_ms / 1000)).$((run_ms % 1000 / 100)) s); output ($(wc -c < "$out") \
bytes) ends:
$(tail -n 30 "$out" | cut -c1-160)"
    else
        ok "$name"
    fi
}

# hostile_lesson FILE NAME [ENV...]: runs FILE with `lesson --plain` and
# `check` against the expectations in its header.
hostile_lesson() {
    local f=$1 name=$2 want within texts ctexts
    shift 2
    want=$(sed -n 's/^-- expect-exit: //p' "$f")
    within=$(sed -n 's/^-- expect-within: //p' "$f")
    within=$(( ${within:-60} * hostile_scale ))
    mapfile -t texts < <(sed -n 's/^-- expect: //p' "$f")
    mapfile -t ctexts < <(sed -n 's/^-- expect-check: //p' "$f")
    hostile_expect "$name" "$want" "$within" "${texts[@]}" -- \
        env "$@" "$NNTUTOR" lesson "$f" --plain
    hostile_expect "$name (check)" "$want" "$within" "${ctexts[@]}" -- \
        env "$@" "$NNTUTOR" check "$f"
}

# hostile_signal NAME SIG WANT FILE: `lesson FILE --plain` (with the default
# action for SIGINT and SIGTERM, as from a shell) gets SIG after 1 s and
# must end with status WANT within 1 s of it, leaving nothing running.
hostile_signal() {
    local name=$1 sig=$2 want=$3 f=$4 out=$hostile_tmp/signal.out pid t0
    local ms status left limit_ms=$((1000 * hostile_scale))
    NNTUTOR_PLUGIN_PATH=$BUILD/fixtures setsid \
        env --default-signal=INT,TERM "$NNTUTOR" lesson "$f" --plain \
        > "$out" 2>&1 < /dev/null &
    pid=$!
    sleep 1
    if ! kill -0 "$pid" 2>/dev/null; then
        wait "$pid"
        bad "$name" "it ended (exit $?) before the signal; output:
$(tail -n 20 "$out")"
        hostile_kill "$pid"
        return
    fi
    kill -"$sig" "$pid"
    t0=$(date +%s%N)
    while kill -0 "$pid" 2>/dev/null &&
          [ $(( ($(date +%s%N) - t0) / 1000000 )) -lt "$limit_ms" ]; do
        sleep 0.05
    done
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    if kill -0 "$pid" 2>/dev/null; then
        hostile_kill "$pid"
        wait "$pid"
        bad "$name" "still running $((limit_ms / 1000)) s after SIG$sig: \
killed; output:
$(tail -n 20 "$out")"
        return
    fi
    wait "$pid"
    status=$?
    sleep 0.2
    left=$(hostile_alive "$pid")
    if [ -n "$left" ]; then
        hostile_kill "$pid"
        bad "$name" "left running after SIG$sig: $left"
    elif [ "$status" != "$want" ]; then
        bad "$name" "exit status $status after SIG$sig, wanted $want \
(${ms} ms); output:
$(tail -n 20 "$out")"
    else
        ok "$name"
    fi
}

for f in tests/hostile/*.lua; do
    hostile_lesson "$f" "hostile/$(basename "$f" .lua)"
done

# Plugin faults: the fault fixture, found by name as fault.so.  Under ASan
# a SIGSEGV must stay a signal, not become ASan's report and exit 1.
if [ -f "$BUILD/fixtures/fault.so" ]; then
    for f in tests/hostile/plugins/*.lua; do
        hostile_lesson "$f" "hostile/plugins/$(basename "$f" .lua)" \
            NNTUTOR_PLUGIN_PATH="$BUILD/fixtures" \
            ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0"
    done
else
    bad "hostile/plugins: $BUILD/fixtures/fault.so is not built"
fi

# Swallowed interrupts: pcall around a slow plugin call, in a loop.
hostile_signal "hostile/signals: SIGINT ends pcall around slow calls (130)" \
    INT 130 tests/hostile/signals/pcall_slow.lua
hostile_signal "hostile/signals: SIGTERM ends pcall around slow calls (143)" \
    TERM 143 tests/hostile/signals/pcall_slow.lua
hostile_signal "hostile/signals: SIGINT ends an endless plugin call (130)" \
    INT 130 tests/hostile/plugins/loop.lua

# Bad files in the lesson path (a syntax error, a crash and a freeze while
# loading) and files that meddle with nnt: `list` names each bad one and
# still lists the others, within 15 s.
mkdir -p "$hostile_tmp/path"
cp tests/hostile/syntax_error.lua tests/hostile/nnt_nil.lua \
   tests/hostile/nnt_trap.lua tests/hostile/gc_loop_top.lua \
   tests/hostile/plugins/segv_top.lua "$hostile_tmp/path/"
hostile_expect "hostile: list reports and skips bad lesson files" 1 \
    $((15 * hostile_scale)) "Template: how a lesson is made" \
    syntax_error.lua gc_loop_top.lua "segv_top.lua:8: the lesson process \
crashed (SIGSEGV) in plugin call fault.segv" "nnt_nil     nnt = nil" \
    "nnt_trap    trapped nnt" -- \
    env NNTUTOR_PATH="$hostile_tmp/path" \
    NNTUTOR_PLUGIN_PATH="$BUILD/fixtures" "$NNTUTOR" list

for f in $hostile_escapes; do
    if [ -e "$f" ]; then
        bad "hostile: nothing escapes the sandbox ($(basename "$f"))" \
            "$f exists"
    else
        ok "hostile: nothing escapes the sandbox ($(basename "$f"))"
    fi
done
unset -f hostile_pids hostile_kill hostile_run hostile_expect \
    hostile_lesson hostile_signal hostile_load_factor
