# SPDX-License-Identifier: MIT
# Every lesson passes `nntutor check`, and its plain output matches the
# golden copy (fixed seeds, 80 columns) in English, Chinese and ASCII.
# After an intended change: make golden, then read the diff.
for f in lessons/*.lua; do
    id=$(basename "$f" .lua)
    expect "lessons: check $id" 0 "ok" -- "$NNTUTOR" check "$f"
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
