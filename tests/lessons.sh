# SPDX-License-Identifier: MIT
# Every lesson passes `nntutor check`, and its plain output matches the
# golden copy (fixed seeds, 80 columns) in English, Chinese and ASCII.
# After an intended change: make golden, then read the diff.
for f in lessons/*.lua; do
    id=$(basename "$f" .lua)
    expect "lessons: check --strict $id" 0 "ok" -- "$NNTUTOR" check --strict "$f"
    # issue 12: every lesson makes the student practise: an exercise with
    # at least two hints (check proves its solution passes and its stub
    # fails), and a reason for every wrong quiz choice
    out=$("$NNTUTOR" check "$f" 2>&1)
    if grep -q "note:" <<<"$out"; then
        bad "lessons: $id has no check notes" "$out"
    elif ! grep -Eq "[0-9]+ exercises? \(solutions pass, stubs fail\)" <<<"$out"; then
        bad "lessons: $id has a checked exercise" "$out"
    else
        ok "lessons: $id has checked exercises and no notes"
    fi
    plain=$("$NNTUTOR" lesson "$f" --plain --lang en 2>&1)
    nex=$(grep -c '^\[exercise ' <<<"$plain")
    nh2=$(grep -c '^  hint 2: ' <<<"$plain")
    if [ "$nex" -ge 1 ] && [ "$nh2" -ge "$nex" ]; then
        ok "lessons: $id exercises have two hints or more ($nex shown)"
    else
        bad "lessons: $id exercises have two hints or more" \
            "$nex exercises shown, $nh2 with a second hint"
    fi
    for variant in en zh en.ascii; do
        lang=${variant%%.*}
        gold=tests/lessons/golden/$id.$variant.txt
        args=(lesson "$f" --plain --lang "$lang")
        [ "$variant" = en.ascii ] && args+=(--ascii)
        if [ ! -f "$gold" ]; then
            bad "lessons: golden $id.$variant" "missing $gold (make golden)"
            continue
        fi
        if diff -u "$gold" <(COLUMNS=80 "$NNTUTOR" "${args[@]}" 2>&1) \
            > "$TEST_HOME/golden.diff"; then
            ok "lessons: golden $id.$variant"
        else
            bad "lessons: golden $id.$variant" "$(cat "$TEST_HOME/golden.diff")"
        fi
    done
done

# One layout, two painters (issue 14): every chart of every lesson, drawn
# as text (--plain) and written as SVG (--export), shows the same ranges,
# ticks, histogram bins and contour levels.  Each painter appends one line
# per chart to NNTUTOR_LAYOUT_TRACE; the two lists must match line by line.
layout_agree() {
    local f=$1 id trace dir out canvas svg
    id=$(basename "$f" .lua)
    trace=$TEST_HOME/layout.$id.trace
    dir=$TEST_HOME/layout.$id
    rm -f "$trace"
    if ! out=$(NNTUTOR_LAYOUT_TRACE=$trace COLUMNS=80 "$NNTUTOR" lesson "$f" \
               --plain --export "$dir" 2>&1); then
        bad "lessons: layout $id (screen = SVG)" "$out"
        return
    fi
    canvas=$(grep '^canvas ' "$trace" 2>/dev/null | cut -d' ' -f2-)
    svg=$(grep '^svg ' "$trace" 2>/dev/null | cut -d' ' -f2-)
    if [ -z "$canvas" ]; then
        bad "lessons: layout $id (screen = SVG)" "no chart traced"
    elif [ "$canvas" != "$svg" ]; then
        bad "lessons: layout $id (screen = SVG)" \
            "$(diff <(printf '%s\n' "$canvas") <(printf '%s\n' "$svg") |
               head -n 8 | cut -c1-400)"
    else
        ok "lessons: layout $id (screen = SVG, $(printf '%s\n' "$canvas" |
            wc -l) charts)"
    fi
}
for f in lessons/*.lua tests/lessons/design_api.lua; do
    layout_agree "$f"
done

# A lesson written only from DESIGN.md's API runs in every mode.
D=tests/lessons/design_api.lua
expect "lessons: design_api check" 0 "ok" "2 claims hold" -- "$NNTUTOR" check "$D"
expect "lessons: design_api en" 0 "Every chart kind" "printed	11" \
    "log-log" "1) 1" -- "$NNTUTOR" lesson "$D" --plain --lang en
expect "lessons: design_api zh" 0 "每一种" "双对数" "拟合" \
    -- "$NNTUTOR" lesson "$D" --plain --lang zh
expect "lessons: design_api ascii" 0 "* a bullet" "+--" \
    -- "$NNTUTOR" lesson "$D" --plain --ascii

# Every claim holds for any seed (issue 13): seeds 1..20 (2 under ASan,
# where it is slow), and --seeds catches a claim that holds for some only.
nseeds=20
[ "${NNT_ASAN:-0}" = 1 ] && nseeds=2
expect "lessons: every claim holds for seeds 1-$nseeds" 0 \
    "claims hold for seeds 1-$nseeds" -- "$NNTUTOR" check --seeds "$nseeds"
expect "lessons: check --seeds reports a claim that fails for some seeds" 1 \
    "FAIL  coin" "seed " "claim failed: heads" \
    -- "$NNTUTOR" check --seeds 8 tests/lessons/coin.lua
expect "lessons: --seeds needs a number" 2 "--seeds needs a number" \
    -- "$NNTUTOR" check --seeds 0

# --report writes every lesson as Markdown with its figures beside it
for f in lessons/*.lua; do
    id=$(basename "$f" .lua)
    rdir=$TEST_HOME/report/$id
    if out=$("$NNTUTOR" lesson "$f" --report "$rdir" 2>&1) &&
       [ -s "$rdir/$id.md" ]; then
        missing=$(grep -o '](\([^)]*\.svg\))' "$rdir/$id.md" |
                  sed 's/^](//; s/)$//' | while read -r svg; do
                      [ -s "$rdir/$svg" ] || echo "$svg"; done)
        nfig=$(grep -c '^!\[' "$rdir/$id.md")
        if [ -n "$missing" ] || [ "$nfig" -lt 1 ]; then
            bad "lessons: --report $id" "figures: $nfig, missing: $missing"
        elif ! grep -q '^## ' "$rdir/$id.md"; then
            bad "lessons: --report $id" "no step headings"
        else
            ok "lessons: --report $id ($nfig figures)"
        fi
    else
        bad "lessons: --report $id" "$out"
    fi
done
