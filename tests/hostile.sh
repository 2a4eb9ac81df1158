# SPDX-License-Identifier: MIT
# Hostile lessons: each must end quickly with the exit status and the
# messages its header promises ("-- expect-exit: N", "-- expect: TEXT"
# for `lesson --plain`, "-- expect-check: TEXT" for `check`), and nothing
# may escape.
rm -f /tmp/nntutor-escaped
for f in tests/hostile/*.lua; do
    name=hostile/$(basename "$f" .lua)
    want=$(sed -n 's/^-- expect-exit: //p' "$f")
    mapfile -t texts < <(sed -n 's/^-- expect: //p' "$f")
    expect "$name" "$want" "${texts[@]}" -- \
        timeout 60 "$NNTUTOR" lesson "$f" --plain
    mapfile -t ctexts < <(sed -n 's/^-- expect-check: //p' "$f")
    expect "$name (check)" "$want" "${ctexts[@]}" -- \
        timeout 60 "$NNTUTOR" check "$f"
done
if [ -e /tmp/nntutor-escaped ]; then
    bad "hostile: nothing escapes the sandbox" "/tmp/nntutor-escaped exists"
else
    ok "hostile: nothing escapes the sandbox"
fi
