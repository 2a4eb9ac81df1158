# SPDX-License-Identifier: MIT
# Terminal commands in a lesson's or a plugin's text (tests/hostile/
# escapes.lua, tests/fixtures/escape_doc.c) reach no terminal raw: every
# path that prints shows them as text (^[ ...).  The TUI is checked in
# tests/e2e.sh.

# esc_clean FILE: no C0 control but newline and tab, no C1 control, no
# invalid UTF-8 (a stray 0x9b byte is a C1 CSI to some terminals).
esc_clean() {
    ! LC_ALL=C grep -qaP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' "$1" &&
        iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1
}

# esc_expect NAME FILE TEXT...: FILE is clean and shows every TEXT.
esc_expect() {
    local name=$1 file=$2 t
    shift 2
    if ! esc_clean "$file"; then
        bad "$name" "raw control characters in:
$(cat -v "$file" | head -n 20)"
        return
    fi
    for t in "$@"; do
        if ! grep -qF -- "$t" "$file"; then
            bad "$name" "lacks '$t':
$(head -n 20 "$file")"
            return
        fi
    done
    ok "$name"
}

esc_main() {
    local d="$TEST_HOME/escapes" L=tests/hostile/escapes.lua
    local shown='^[]52;c;cHduZWQ=^G ^[]0;pwned^G ^[[2J'
    mkdir -p "$d/lessons" "$d/plugins" "$d/figs"

    "$NNTUTOR" lesson "$L" --plain > "$d/plain.out" 2> "$d/plain.err"
    esc_expect "escapes: lesson --plain stdout (title, say, claim, quiz, \
explore, print)" "$d/plain.out" "escapes $shown" "step $shown" \
        "say $shown" "claim $shown" "quiz $shown" "explain $shown" \
        "label $shown" "print $shown" '<U+009B>31m \x9B ^M^G'
    esc_expect "escapes: lesson --plain stderr (error message)" \
        "$d/plain.err" 'boom ^[]0;error-title^G'

    "$NNTUTOR" check "$L" > "$d/check.out" 2>&1
    esc_expect "escapes: check" "$d/check.out" 'boom ^[]0;error-title^G'

    cp "$L" "$d/lessons/escapes.lua"
    NNTUTOR_PATH="$d/lessons" "$NNTUTOR" list > "$d/list.out" 2>&1
    esc_expect "escapes: list (title)" "$d/list.out" "escapes $shown"

    printf 'local E = "\\27]52;c;cHduZWQ=\\7 \\27]0;pwned\\7 \\27[2J"\n%s\n%s\n' \
        'print("print " .. E)' 'error("boom \27]0;error-title\7")' \
        > "$d/script.lua"
    "$NNTUTOR" run "$d/script.lua" > "$d/run.out" 2> "$d/run.err"
    esc_expect "escapes: run stdout (print)" "$d/run.out" "print $shown"
    esc_expect "escapes: run stderr (error)" "$d/run.err" \
        'boom ^[]0;error-title^G'

    "$NNTUTOR" lesson "$L" --plain --export "$d/figs" > /dev/null 2>&1
    local csv svg
    csv=$(ls "$d"/figs/*.csv 2>/dev/null | head -n 1)
    svg=$(ls "$d"/figs/*.svg 2>/dev/null | head -n 1)
    if [ -n "$csv" ] && [ -n "$svg" ]; then
        sed 's/\r$//' "$csv" > "$d/csv.txt"     # RFC 4180 ends lines CRLF
        esc_expect "escapes: exported CSV (series name)" "$d/csv.txt" \
            "series $shown"
        esc_expect "escapes: exported SVG (title)" "$svg" "chart "
    else
        bad "escapes: exported CSV and SVG" "no files in $d/figs"
    fi

    cp "$BUILD/fixtures/escape_doc.so" "$d/plugins/"
    NNTUTOR_PLUGIN_PATH="$d/plugins" "$NNTUTOR" plugins > "$d/plugins.out" \
        2>&1
    esc_expect "escapes: plugins (a plugin's version and doc)" \
        "$d/plugins.out" "A fixture ^[]0;pwned^G^[[2J"
    NNTUTOR_PLUGIN_PATH="$d/plugins" "$NNTUTOR" plugins escape_doc \
        > "$d/plugin.out" 2>&1
    esc_expect "escapes: plugins NAME (docs and choices)" "$d/plugin.out" \
        "Returns text ^[]0;pwned^G^[[2J" '"m^[]0;pwned^G^[[2J"'
    printf 'print(nnt.plugin("escape_doc").say{}.text)\n' > "$d/say.lua"
    NNTUTOR_PLUGIN_PATH="$d/plugins" "$NNTUTOR" run "$d/say.lua" \
        > "$d/say.out" 2>&1
    esc_expect "escapes: run prints a plugin's string result" "$d/say.out" \
        "result ^[]0;pwned^G^[[2J"
}
esc_main
unset -f esc_main
