# SPDX-License-Identifier: MIT
# Shared helpers for the test groups: counters and assertions.
# Sourced by tests/run; every group adds to $pass and $fail.

pass=${pass:-0}
fail=${fail:-0}

# ok NAME: counts a pass.
ok() {
    pass=$((pass + 1))
    printf 'ok    %s\n' "$1"
}

# bad NAME [DETAIL]: counts a failure and shows the detail indented.
bad() {
    fail=$((fail + 1))
    printf 'FAIL  %s\n' "$1"
    if [ -n "${2:-}" ]; then
        printf '%s\n' "$2" | head -n 40 | sed 's/^/      /'
    fi
}

# expect NAME WANT_STATUS WANT_TEXT... -- CMD...: runs CMD (stdout and
# stderr together), checks its exit status and that each text appears.
expect() {
    local name=$1 want=$2 out status t
    shift 2
    local texts=()
    while [ "$1" != "--" ]; do texts+=("$1"); shift; done
    shift
    out=$("$@" 2>&1)
    status=$?
    if [ "$status" != "$want" ]; then
        bad "$name" "exit status $status, wanted $want; output:
$out"
        return
    fi
    for t in "${texts[@]}"; do
        [ -z "$t" ] && continue
        if ! printf '%s' "$out" | grep -qF -- "$t"; then
            bad "$name" "output lacks '$t'; output:
$out"
            return
        fi
    done
    ok "$name"
}
