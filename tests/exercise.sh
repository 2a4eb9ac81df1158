# SPDX-License-Identifier: MIT
# Students' code is untrusted input: whatever an exercise file holds, the
# check answers with an ordinary "your code ..." result naming the line in
# the student's file, within a time limit, and nntutor is unharmed.
# `nntutor exercise LESSON [NAME] --once` checks the file once: exit 0 when
# it passes, 1 when not, 2 for a name the lesson does not have.
ex_work="$XDG_DATA_HOME/nntutor/work/template/ls_slope.lua"
ex_dir=$TEST_HOME/exercise
mkdir -p "$ex_dir"

# ex_try NAME WANT_STATUS MAX_SECONDS SOURCE TEXT...: writes SOURCE as the
# student's file, checks it once, and wants the status, the texts, and an
# answer within MAX_SECONDS.
ex_try() {
    local name=$1 want=$2 max=$3 src=$4 t0 t1
    shift 4
    mkdir -p "$(dirname "$ex_work")"
    printf '%s\n' "$src" > "$ex_work"
    t0=$(date +%s%N)
    expect "exercise: $name" "$want" "$@" -- \
        env NNTUTOR_WATCHDOG_MS="${ex_watchdog:-10000}" \
        "$NNTUTOR" exercise template --once
    t1=$(date +%s%N)
    if [ $(( (t1 - t0) / 1000000 )) -gt $((max * 1000 * ${NNT_SLOW:-1})) ]; then
        bad "exercise: $name within $max s" "took $(( (t1 - t0) / 1000000 )) ms"
    fi
}
[ "${NNT_ASAN:-0}" = 1 ] && NNT_SLOW=5

rm -f "$ex_work"
expect "exercise: a new file is made from the stub and fails" 1 \
    "Exercise ls_slope" "(new, from the stub)" \
    "0 of 104 tests passed; the first that failed:" \
    "ls_slope({0, 1}, {0, 1}) returned 0, expected 1" \
    -- "$NNTUTOR" exercise template --once
if grep -q "return 0" "$ex_work" 2>/dev/null; then
    ok "exercise: the stub is the student's file"
else
    bad "exercise: the stub is the student's file" "$(cat "$ex_work" 2>&1)"
fi
echo "-- mine" >> "$ex_work"
"$NNTUTOR" exercise template --once >/dev/null 2>&1
if grep -q -- "-- mine" "$ex_work"; then
    ok "exercise: the student's file is never overwritten"
else
    bad "exercise: the student's file is never overwritten" "$(cat "$ex_work")"
fi

ex_try "a right solution passes" 0 10 'function ls_slope(xs, ys)
  local n, mx, my = #xs, 0, 0
  for i = 1, n do mx, my = mx + xs[i] / n, my + ys[i] / n end
  local a, b = 0, 0
  for i = 1, n do a, b = a + (xs[i] - mx) * (ys[i] - my), b + (xs[i] - mx) ^ 2 end
  return a / b
end' "all 104 tests passed" "Well done"
ex_try "a syntax error names the line" 1 10 'function ls_slope(xs, ys)
  return xs +
end' "no test could run yet:" "ls_slope.lua:3:"
ex_try "a runtime error names the line" 1 10 'function ls_slope(xs, ys)
  local s = nil
  return s + 1
end' "ls_slope.lua:3:" "attempt to perform arithmetic" "while running ls_slope("
ex_try "an error in a C function gets the student's line" 1 10 \
    'function ls_slope(xs, ys)
  return math.floor("x")
end' "ls_slope.lua:2: bad argument #1 to 'floor'"
ex_try "an endless loop is stopped" 1 10 'function ls_slope(xs, ys)
  while true do end
end' "your code ran for more than 100 million instructions" "ls_slope.lua:2:"
ex_try "an endless loop inside pcall is stopped" 1 10 'function ls_slope(xs, ys)
  while true do pcall(function() while true do end end) end
end' "your code ran for more than 100 million instructions"
ex_try "endless recursion is an error" 1 10 'function ls_slope(xs, ys)
  return ls_slope(xs, ys) + 1
end' "stack overflow"
ex_try "eating memory is stopped" 1 30 'local keep = {}
function ls_slope(xs, ys)
  while true do keep[#keep + 1] = ("x"):rep(1000000) .. #keep end
end' "your code used more memory than a lesson may"
ex_watchdog=3000 ex_try "a pathological string.find is stopped by the watchdog" 1 15 \
    'function ls_slope(xs, ys)
  return string.find(string.rep("a", 40), string.rep("a-", 40) .. "b")
end' "while your code was checked" "did not answer for 3 s"
ex_try "yield outside a coroutine is an error" 1 10 'function ls_slope(xs, ys)
  return coroutine.yield(1)
end' "your code called coroutine.yield outside a coroutine"
ex_try "no os, io, load or nnt" 1 10 'function ls_slope(xs, ys)
  return os or io or load or nnt or require or dofile or 0
end' "returned 0, expected 1"
ex_try "an error object that is a table" 1 10 \
    'error(setmetatable({}, { __tostring = function() while true do end end }))' \
    "your code raised an error (a table value)"
ex_try "metamethods on returned tables never run" 1 10 \
    'function ls_slope(xs, ys)
  return setmetatable({}, { __len = function() while true do end end,
                            __index = function() while true do end end })
end' "returned {}, expected 1"
ex_try "a file that defines the wrong name" 1 10 'function slope(xs, ys) return 1 end' \
    "does not define the function ls_slope"
ex_try "escape sequences in messages are shown, not sent" 1 10 \
    'error("\27]0;pwned\7")' '^[]0;pwned^G'
head -c 300000 /dev/zero | tr '\0' ' ' > "$ex_work"
expect "exercise: a file over 256 KiB is refused" 1 "at most 256 KiB" \
    -- "$NNTUTOR" exercise template --once
printf 'a\0b' > "$ex_work"
expect "exercise: a file with a NUL byte is refused" 1 "NUL byte" \
    -- "$NNTUTOR" exercise template --once
rm -f "$ex_work"
mkfifo "$ex_work"
expect "exercise: a FIFO in place of the file is refused, not waited on" 1 \
    "not a regular file" -- timeout 10 "$NNTUTOR" exercise template --once
rm -f "$ex_work"

expect "exercise: an unknown exercise exits 2 and lists them" 2 \
    "lesson template has no exercise 'nope' (it has: ls_slope)" \
    -- "$NNTUTOR" exercise template nope --once
expect "exercise: a lesson without exercises exits 2" 2 "has no exercises" \
    -- "$NNTUTOR" exercise tests/lessons/design_api.lua --once
expect "exercise: needs a lesson" 2 "exercise needs a lesson" \
    -- "$NNTUTOR" exercise
expect "exercise: Chinese" 1 "练习 ls_slope" "你的文件：" \
    -- "$NNTUTOR" exercise template --once --lang zh
if grep -q "^exercise ls_slope 0 1 " "$XDG_STATE_HOME/nntutor/template.progress"
then
    ok "exercise: watch mode records the pass in the progress"
else
    bad "exercise: watch mode records the pass in the progress" \
        "$(cat "$XDG_STATE_HOME/nntutor/template.progress" 2>&1)"
fi

# check proves an exercise can fail: a solution that does not pass and a
# stub that passes are both reported
sed 's/return sxy \/ sxx/return 0/' lessons/template.lua > "$ex_dir/badsol.lua"
sed 's/id = "template"/id = "badsol"/' -i "$ex_dir/badsol.lua"
expect "exercise: check fails a solution that does not pass" 1 \
    "exercise 'ls_slope': its solution does not pass" \
    -- "$NNTUTOR" check "$ex_dir/badsol.lua"
sed -e 's/id = "template"/id = "badstub"/' \
    -e 's/function ls_slope(xs, ys)\\n  return 0\\nend\\n"/function ls_slope(xs, ys)\\n  local n, mx, my = #xs, 0, 0\\n  for i = 1, n do mx, my = mx + xs[i] \/ n, my + ys[i] \/ n end\\n  local a, b = 0, 0\\n  for i = 1, n do a, b = a + (xs[i] - mx) * (ys[i] - my), b + (xs[i] - mx) ^ 2 end\\n  return a \/ b\\nend\\n"/' \
    lessons/template.lua > "$ex_dir/badstub.lua"
expect "exercise: check fails a stub that passes (a check that cannot fail)" 1 \
    "its stub passes the check (a check that cannot fail)" \
    -- "$NNTUTOR" check "$ex_dir/badstub.lua"
