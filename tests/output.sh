# SPDX-License-Identifier: MIT
# Output that cannot be written is an error: reported once on stderr with
# what and why, exit status 1; a closed pipe ends nntutor quietly at once.

out_main() {
    local d="$TEST_HOME/output" N=$NNTUTOR err st
    mkdir -p "$d"

    # out_fails NAME TEXT -- CMD...: CMD exits 1 and says TEXT exactly once.
    out_fails() {
        local name=$1 text=$2 n
        shift 3
        err=$("$@" 2>&1 >/dev/null)
        st=$?
        n=$(printf '%s\n' "$err" | grep -cF -- "$text")
        if [ "$st" = 1 ] && [ "$n" = 1 ]; then
            ok "$name"
        else
            bad "$name" "exit $st, '$text' said $n times; stderr:
$err"
        fi
    }

    err=$("$N" list 2>&1 >&-)
    st=$?
    if [ "$st" = 1 ] && printf '%s' "$err" | grep -qF \
            "cannot write to standard output: Bad file descriptor"; then
        ok "output: list with stdout closed exits 1 and says why"
    else
        bad "output: list with stdout closed exits 1 and says why" \
            "exit $st; stderr: $err"
    fi
    out_fails "output: lesson --plain > /dev/full exits 1, says it once" \
        "cannot write to standard output: No space left on device" -- \
        sh -c '"$0" lesson template --plain > /dev/full' "$N"
    out_fails "output: check > /dev/full exits 1" \
        "cannot write to standard output: No space left on device" -- \
        sh -c '"$0" check template > /dev/full' "$N"
    out_fails "output: --help > /dev/full exits 1" \
        "No space left on device" -- sh -c '"$0" --help > /dev/full' "$N"

    : > "$d/afile"
    out_fails "output: --export onto a file exits 1, names it, once" \
        "cannot export the charts: cannot create directory '$d/afile': \
Not a directory" -- "$N" lesson template --plain --export "$d/afile"
    out_fails "output: --export where no directory can be made exits 1" \
        "cannot create directory '/proc/self/figs'" -- \
        "$N" check template --export /proc/self/figs
    if [ "$(id -u)" != 0 ]; then        # root writes into mode 555 dirs
        mkdir -p "$d/ro" && chmod 555 "$d/ro"
        out_fails "output: --export into a read-only directory exits 1" \
            "cannot write '$d/ro/" -- \
            "$N" lesson template --plain --export "$d/ro"
        chmod 755 "$d/ro"
    fi

    # | head -1: killed by SIGPIPE at the next write, nothing on stderr,
    # and the last step (an endless loop, an error if reached) never runs
    {
        echo 'local steps = {}'
        echo 'for i = 1, 200 do steps[i] = { title = "s" .. i, run ='
        echo '  function(ui) ui:say(string.rep("word ", 400)) end } end'
        echo 'steps[201] = { title = "never", run = function(ui)'
        echo '  while true do end end }'
        echo 'return nnt.lesson { id = "pipe", title = "pipe", steps = steps }'
    } > "$d/pipe.lua"
    local sts
    sts=$( ("$N" lesson "$d/pipe.lua" --plain 2>"$d/pipe.err";
            echo $? > "$d/pipe.st") | head -n 1 > /dev/null; cat "$d/pipe.st")
    if [ "$sts" = 141 ] && [ ! -s "$d/pipe.err" ]; then
        ok "output: | head -1 ends nntutor quietly at the next write"
    else
        bad "output: | head -1 ends nntutor quietly at the next write" \
            "exit $sts; stderr: $(head -c 400 "$d/pipe.err")"
    fi
    unset -f out_fails
}
out_main
unset -f out_main
