# SPDX-License-Identifier: MIT
# The command line of DESIGN.md: commands, options, exit codes, paths.
N=$NNTUTOR

expect "cli: --help lists every command" 0 "lesson ID|FILE.lua" "list" \
    "plugins [NAME]" "run FILE.lua" "check" "--export DIR" -- "$N" --help
expect "cli: --version" 0 "nntutor 0." "plugin ABI 2.0" -- "$N" --version
expect "cli: unknown command exits 2" 2 "unknown command 'frobnicate'" \
    -- "$N" frobnicate
expect "cli: unknown option exits 2" 2 "unknown option '--bogus'" \
    -- "$N" list --bogus
expect "cli: bad --lang exits 2" 2 "unknown language 'fr'" \
    -- "$N" list --lang fr
expect "cli: bad --seed exits 2" 2 "--seed needs a non-negative integer" \
    -- "$N" list --seed x1
expect "cli: --seed without value exits 2" 2 "option --seed needs a value" \
    -- "$N" list --seed
expect "cli: unknown lesson exits 2" 2 "no lesson 'nope'" \
    -- "$N" lesson nope --plain
expect "cli: missing lesson file exits 2" 2 "no lesson file 'x/none.lua'" \
    -- "$N" lesson x/none.lua --plain
expect "cli: unknown plugin exits 2" 2 "no_such" \
    -- "$N" plugins no_such
expect "cli: usage errors are one line" 2 "" -- \
    sh -c "\"$N\" frobnicate 2>&1 >/dev/null | wc -l | grep -qx 1 || exit 9; \
           \"$N\" frobnicate"

expect "cli: list shows the template lesson" 0 "template" "steps" \
    -- "$N" list
expect "cli: plugins lists the template plugin" 0 "template" "ABI 2.0" \
    "template.add" -- "$N" plugins
expect "cli: plugins NAME prints parameters" 0 "add{" "default" \
    -- "$N" plugins template
widest=0
for p in loss regularizer bn batching template; do
    w=$(COLUMNS=80 "$N" plugins "$p" | wc -L)
    [ "$w" -gt "$widest" ] && widest=$w
done
w=$(COLUMNS=80 "$N" plugins | wc -L)
[ "$w" -gt "$widest" ] && widest=$w
if [ "$widest" -le 80 ] && COLUMNS=80 "$N" plugins bn \
        | grep -q "^             values in the batch (1 shows x-hat = 0)$" \
   && COLUMNS=200 "$N" plugins bn | grep -q \
        "^    batch    integer  in \[1, 1000\], default 16 *  values in the batch"
then
    ok "cli: plugins and plugins NAME wrap to the width (80: widest $widest)"
else
    bad "cli: plugins and plugins NAME wrap to the width" "widest line $widest"
fi

# lessons from NNTUTOR_PATH and from the XDG data dir
mkdir -p "$TEST_HOME/extra" "$XDG_DATA_HOME/nntutor/lessons"
sed 's/id = "template"/id = "mine"/' lessons/template.lua \
    > "$TEST_HOME/extra/mine.lua"
sed 's/id = "template"/id = "xdg_one"/' lessons/template.lua \
    > "$XDG_DATA_HOME/nntutor/lessons/xdg_one.lua"
expect "cli: NNTUTOR_PATH adds lesson dirs" 0 "mine" "xdg_one" \
    -- env NNTUTOR_PATH="$TEST_HOME/extra" "$N" list
expect "cli: lesson by id from NNTUTOR_PATH" 0 "1/" \
    -- env NNTUTOR_PATH="$TEST_HOME/extra" "$N" lesson mine --plain
rm -rf "$TEST_HOME/extra" "$XDG_DATA_HOME/nntutor/lessons"

# plugins from NNTUTOR_PLUGIN_PATH, refusals explained
mkdir -p "$TEST_HOME/plugins"
cp "$BUILD/fixtures/bad_abi.so" "$TEST_HOME/plugins/bad_abi.so"
expect "cli: a plugin with the wrong ABI is refused with both numbers" 0 \
    "bad_abi.so" "built for ABI 3.0" "this nntutor has 2.0" \
    -- env NNTUTOR_PLUGIN_PATH="$TEST_HOME/plugins" "$N" plugins
expect "cli: plugins NAME on a refused plugin exits 2" 2 "ABI" \
    -- env NNTUTOR_PLUGIN_PATH="$TEST_HOME/plugins" "$N" plugins bad_abi
rm -rf "$TEST_HOME/plugins"

# languages and glyphs
expect "cli: --lang zh" 0 "模板" -- "$N" lesson template --plain --lang zh
expect "cli: LANG=zh_CN.UTF-8 picks Chinese" 0 "模板" \
    -- env LC_ALL= LANG=zh_CN.UTF-8 "$N" lesson template --plain
expect "cli: --lang en" 0 "Template" -- "$N" lesson template --plain --lang en
out=$("$N" lesson template --plain --ascii 2>&1)
if printf '%s' "$out" | grep -qP '[\x{2022}\x{2500}-\x{25FF}\x{2800}-\x{28FF}\x{2713}\x{2717}]'; then
    bad "cli: --ascii prints no Unicode glyphs" "$out"
else
    ok "cli: --ascii prints no Unicode glyphs"
fi
# each series its own ASCII look, in the legend and on the plot
legend=$(printf '%s\n' "$out" | grep -F '* data  ooo fit  +++ true')
plot=$(printf '%s\n' "$out" | awk '/Least squares fit/ { p = 1 } p && /\|/' |
       head -n 20)
if [ -n "$legend" ] && printf '%s' "$plot" | grep -q '\*' &&
   printf '%s' "$plot" | grep -q 'o' && printf '%s' "$plot" | grep -q '+.*+'
then
    ok "cli: --plain --ascii: distinct legend and plot marks per series"
else
    bad "cli: --plain --ascii: distinct legend and plot marks per series" \
        "$(printf '%s\n' "$out" | awk '/Least squares fit/,/✓|v The/')"
fi
out=$(NO_COLOR=1 "$N" lesson template --plain 2>&1)
if printf '%s\n' "$out" | grep -qF '• data  ╌○╌ fit  ┈◆┈ true'; then
    ok "cli: --plain: legend samples show marker and line style"
else
    bad "cli: --plain: legend samples show marker and line style" "$out"
fi
out=$(LC_ALL=C LANG=C "$N" lesson template --plain --lang en 2>&1)
if printf '%s' "$out" | grep -qP '[\x{2500}-\x{259F}\x{2800}-\x{28FF}\x{2713}\x{2717}]'; then
    bad "cli: a non-UTF-8 locale falls back to ASCII" "$out"
else
    ok "cli: a non-UTF-8 locale falls back to ASCII"
fi

# seeds: the same seed gives the same output, another seed another
a=$("$N" lesson template --plain --seed 7 2>&1)
b=$("$N" lesson template --plain --seed 7 2>&1)
c=$("$N" lesson template --plain --seed 8 2>&1)
if [ "$a" = "$b" ] && [ "$a" != "$c" ]; then
    ok "cli: --seed makes runs reproducible"
else
    bad "cli: --seed makes runs reproducible" "same seed equal: \
$([ "$a" = "$b" ] && echo yes || echo no); other seed differs: \
$([ "$a" != "$c" ] && echo yes || echo no)"
fi

# export
rm -rf "$TEST_HOME/figs"
expect "cli: --export writes SVG and CSV" 0 "" \
    -- "$N" lesson template --plain --export "$TEST_HOME/figs"
nsvg=$(ls "$TEST_HOME/figs"/*.svg 2>/dev/null | wc -l)
ncsv=$(ls "$TEST_HOME/figs"/*.csv 2>/dev/null | wc -l)
if [ "$nsvg" -ge 2 ] && [ "$nsvg" = "$ncsv" ]; then
    ok "cli: --export wrote $nsvg charts"
else
    bad "cli: --export wrote every chart" "svg $nsvg, csv $ncsv"
fi

# figures are named NN-MM-title (step, chart within the step, title), the
# same with --export and in the links of --report
mkdir -p "$TEST_HOME/names"
cat > "$TEST_HOME/names/names.lua" <<'LUA'
return nnt.lesson {
  id = "names", title = "Names",
  steps = {
    { title = "Text", run = function(ui) ui:say "No chart here." end },
    { title = "Two charts", run = function(ui)
        ui:chart { kind = "line", x = { 1, 2 }, y = { 1, 2 }, title = "Loss" }
        ui:chart { kind = "bar", labels = { "a" }, values = { 1 },
                   title = "Weights, at λ = 0.1" }
        ui:chart { kind = "line", x = { 1, 2 }, y = { 2, 1 } }
    end },
  },
}
LUA
rm -rf "$TEST_HOME/names/figs" "$TEST_HOME/names/hw"
"$N" lesson "$TEST_HOME/names/names.lua" --plain \
    --export "$TEST_HOME/names/figs" > /dev/null 2>&1
"$N" lesson "$TEST_HOME/names/names.lua" --report "$TEST_HOME/names/hw" \
    > /dev/null 2>&1
got=$(cd "$TEST_HOME/names/figs" 2>/dev/null && ls | tr '\n' ' ')
want="02-01-loss.csv 02-01-loss.svg 02-02-weights-at-0-1.csv \
02-02-weights-at-0-1.svg 02-03-chart.csv 02-03-chart.svg "
links=$(grep -o '](.*\.svg)' "$TEST_HOME/names/hw/names.md" 2>/dev/null |
        tr -d '()]' | tr '\n' ' ')
if [ "$got" = "$want" ] &&
   [ "$links" = "02-01-loss.svg 02-02-weights-at-0-1.svg 02-03-chart.svg " ] &&
   [ -f "$TEST_HOME/names/hw/02-02-weights-at-0-1.csv" ]; then
    ok "cli: figures are named NN-MM-title in --export and --report"
else
    bad "cli: figures are named NN-MM-title in --export and --report" \
        "--export wrote: $got
wanted:          $want
--report links:  $links"
fi

# run
cat > "$TEST_HOME/script.lua" <<'LUA'
local t = nnt.plugin "template"
print("args", arg[0] ~= nil, ...)
print("sum", t.add { a = 2, b = 3 }.sum)
nnt.seed(1); local a = nnt.random(); nnt.seed(1)
print("repeat", a == nnt.random(), a == math.random() or "diff")
LUA
expect "cli: run passes args and prints" 0 "args	true	x	y" "sum	5" \
    "repeat	true" -- "$N" run "$TEST_HOME/script.lua" x y
printf 'local x = 1\nerror("boom")\n' > "$TEST_HOME/boom.lua"
expect "cli: run reports file:line and exits 1" 1 "boom.lua:2: boom" \
    "stack traceback" -- "$N" run "$TEST_HOME/boom.lua"
expect "cli: run without a file exits 2" 2 "run needs a script" -- "$N" run
if command -v luac5.4 >/dev/null; then
    printf 'return 1\n' > "$TEST_HOME/b.lua"
    luac5.4 -o "$TEST_HOME/bin.lua" "$TEST_HOME/b.lua"
    expect "cli: a bytecode lesson file is refused" 1 \
        "attempt to load a binary chunk" -- "$N" check "$TEST_HOME/bin.lua"
fi

# check
expect "cli: check passes the template lesson" 0 "ok" "template" \
    -- "$N" check template
expect "cli: check with no ids checks every lesson" 0 "template" \
    -- "$N" check

# startup: `list` is quick (reported, not asserted)
start=$(date +%s%N)
for _ in 1 2 3 4 5; do "$N" list >/dev/null 2>&1; done
end=$(date +%s%N)
printf '      (nntutor list: %d ms per run)\n' $(( (end - start) / 5000000 ))

# install: a relocatable tree that runs, and plugins built outside the
# tree against the installed headers, library and pkg-config file
inst=$TEST_HOME/inst
if make -s install BUILD="$BUILD" DESTDIR="$inst" PREFIX=/usr \
        >"$TEST_HOME/install.log" 2>&1; then
    ok "cli: make install"
else
    bad "cli: make install" "$(cat "$TEST_HOME/install.log")"
fi
expect "cli: the installed nntutor finds its lessons and plugins" 0 \
    "template" -- "$inst/usr/bin/nntutor" check template
expect "cli: the man page is installed" 0 "" \
    -- test -s "$inst/usr/share/man/man1/nntutor.1"
expect "cli: the plugin library, its headers and the fake host are installed" 0 "" \
    -- test -s "$inst/usr/lib/libnntutor-plugin.a" -a \
            -s "$inst/usr/include/nntutor/common.h" -a \
            -s "$inst/usr/include/nntutor/params.h" -a \
            -s "$inst/usr/include/nntutor/fake_host.h"
pc() {
    PKG_CONFIG_PATH="$inst/usr/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$inst" \
        pkg-config "$@" nntutor-plugin
}
pcout=$(pc --cflags --libs; pc --variable=plugindir)
expect "cli: pkg-config nntutor-plugin gives the library and plugindir" 0 \
    "-lnntutor-plugin" "-I$inst/usr/include" "/usr/lib/nntutor/plugins" \
    -- echo "$pcout"
mkdir -p "$TEST_HOME/ext"
# extplug: the template, renamed, as README says to start a plugin; it
# calls the library's nc_fit_line.  extsig: a plugin written from scratch.
sed 's/"template"/"extplug"/' plugins/template/template.c \
    > "$TEST_HOME/ext/extplug.c"
cat > "$TEST_HOME/ext/extsig.c" <<'EOF_C'
#include <nntutor/common.h>
#include <nntutor/params.h>
#include <nntutor/plugin.h>

#define SIG_PARAMS(P)                                                   \
    P(SIG_Z, .name = "z", .doc = "logit", .type = NNT_NUMBER,           \
      .min = -1000, .max = 1000, .def = 0)
enum { SIG_PARAMS(NNT_PARAM_ID) SIG_NPARAMS };
static const struct nnt_param sig_params[] = { SIG_PARAMS(NNT_PARAM_ROW) };

static int sig_run(const struct nnt_host *h, struct nnt_call *c,
                   const struct nnt_value *args)
{
    h->put_number(c, "p", nc_sigmoid(args[SIG_Z].num));
    return 0;
}

static const struct nnt_result sig_results[] = {
    NNT_RESULT(.name = "p", .kind = NNT_NUMBER),
};

static const struct nnt_function functions[] = {
    NNT_FUNCTION(.name = "sigmoid", .doc = "The logistic function.",
                 .params = sig_params, .nparams = SIG_NPARAMS,
                 NNT_RESULTS(sig_results), .run = sig_run),
};

NNT_EXPORT const struct nnt_plugin nnt_plugin = NNT_PLUGIN(
    .name = "extsig", .version = "1.0", .doc = "One common routine.",
    NNT_FUNCTIONS(functions));
EOF_C
cat > "$TEST_HOME/ext/ext.lua" <<'EOF_LUA'
local f = nnt.plugin("extplug").noisy_line { n = 200, slope = 3,
                                             intercept = -1, noise = 0 }
local s = nnt.plugin("extsig").sigmoid { z = -800 }
print(("fit %.6f %.6f sigmoid %g %g"):format(f.fit_slope, f.fit_intercept,
      s.p, nnt.plugin("extsig").sigmoid { z = 0 }.p))
EOF_LUA
built=
for p in extplug extsig; do
    if cc -shared $(pc --cflags) -o "$TEST_HOME/ext/$p.so" \
            "$TEST_HOME/ext/$p.c" $(pc --libs) 2>"$TEST_HOME/ext.log"; then
        built="$built $p"
    else
        bad "cli: build $p with pkg-config nntutor-plugin" \
            "$(cat "$TEST_HOME/ext.log")"
    fi
done
if [ "$built" = " extplug extsig" ]; then
    expect "cli: a plugin built from the installed header loads" 0 \
        "extplug 0.1.0 (ABI 2.0)" "noisy_line{" \
        -- env NNTUTOR_PLUGIN_PATH="$TEST_HOME/ext" "$N" plugins extplug
    expect "cli: a plugin written outside the tree loads" 0 \
        "extsig 1.0 (ABI 2.0)" "sigmoid{z}" \
        -- env NNTUTOR_PLUGIN_PATH="$TEST_HOME/ext" "$N" plugins extsig
    expect "cli: outside plugins call the installed library" 0 \
        "fit 3.000000 -1.000000 sigmoid 0 0.5" \
        -- env NNTUTOR_PLUGIN_PATH="$TEST_HOME/ext" "$N" run \
           "$TEST_HOME/ext/ext.lua"
    for p in extplug extsig; do
        syms=$(nm -D --defined-only "$TEST_HOME/ext/$p.so" | \
               awk '$2 != "A" {print $3}' | grep -v '^_' | tr '\n' ' ')
        if [ "$syms" = "nnt_plugin " ]; then
            ok "cli: $p exports only nnt_plugin"
        else
            bad "cli: $p exports only nnt_plugin" "exports: $syms"
        fi
        if nm "$TEST_HOME/ext/$p.so" | grep -q ' mlp_\| mm_\|block4x'; then
            bad "cli: $p takes from the library only what it calls" \
                "$(nm "$TEST_HOME/ext/$p.so" | grep ' mlp_\| mm_\|block4x')"
        else
            ok "cli: $p takes from the library only what it calls"
        fi
    done
fi
expect "cli: make uninstall removes it all" 0 "" -- sh -c \
    "make -s uninstall DESTDIR='$inst' PREFIX=/usr && \
     test -z \"\$(find '$inst' -type f)\""

# progress: list shows it, reset forgets it, a corrupt file is set aside
st=$XDG_STATE_HOME/nntutor
mkdir -p "$st"
printf 'nntutor-progress 1\nlesson template\nstep 3\nfurthest 4\nsteps 7\ncomplete 0\n' \
    > "$st/template.progress"
expect "cli: list shows progress" 0 "4/7" -- "$N" list
expect "cli: reset ID forgets one lesson" 0 "forgot the progress of 1 lesson" \
    -- "$N" reset template
expect "cli: list after reset says new" 0 "new" -- "$N" list
printf 'garbage\n' > "$st/template.progress"
expect "cli: a corrupt progress file is set aside with a warning" 0 \
    "was corrupt" "template.progress.bad-" -- "$N" list
if ls "$st"/template.progress.bad-* >/dev/null 2>&1 && \
   grep -qx garbage "$st"/template.progress.bad-*; then
    ok "cli: the corrupt file is kept as a backup"
else
    bad "cli: the corrupt file is kept as a backup" "$(ls -la "$st")"
fi
expect "cli: reset with a bad id fails" 1 "" -- "$N" reset ../x
expect "cli: reset takes one id at most" 2 "at most one" -- "$N" reset a b
rm -rf "$st"

# progress is kept by id: a lesson file cannot take another lesson's id
st=$XDG_STATE_HOME/nntutor
rec='nntutor-progress 1\nlesson template\nstep 5\nfurthest 7\nsteps 7\n'
rec=$rec'complete 1\nquiz 3 1 2 1\n'
mkdir -p "$st" "$TEST_HOME/onpath" "$TEST_HOME/x"
printf "$rec" > "$st/template.progress"
cp lessons/template.lua "$TEST_HOME/onpath/other.lua"          # id "template"
cp lessons/template.lua "$TEST_HOME/x/template_copy.lua"
tpl=$(cd lessons && pwd)/template.lua
expect "cli: a lesson on NNTUTOR_PATH with another's id is refused" 2 \
    "$TEST_HOME/onpath/other.lua" "'template'" "$tpl" "('other')" \
    -- env NNTUTOR_PATH="$TEST_HOME/onpath" "$N" lesson other --plain
expect "cli: list names both files of a taken id and fails" 1 \
    "$TEST_HOME/onpath/other.lua" "$tpl" "template    Template" \
    -- env NNTUTOR_PATH="$TEST_HOME/onpath" "$N" list
expect "cli: a lesson file elsewhere with a lesson's id is refused" 2 \
    "$TEST_HOME/x/template_copy.lua" "'template'" "$tpl" \
    -- "$N" lesson "$TEST_HOME/x/template_copy.lua" --plain
expect "cli: check fails a lesson file with a lesson's id too" 1 \
    "$TEST_HOME/x/template_copy.lua" "$tpl" \
    -- "$N" check "$TEST_HOME/x/template_copy.lua"
if [ "$(cat "$st/template.progress")" = "$(printf "$rec")" ]; then
    ok "cli: the template record is untouched"
else
    bad "cli: the template record is untouched" "$(cat "$st/template.progress")"
fi
sed 's/id = "template"/id = "mine"/' lessons/template.lua \
    > "$TEST_HOME/x/mine_copy.lua"
expect "cli: a lesson file elsewhere with an id of its own runs" 0 "1/" \
    -- "$N" lesson "$TEST_HOME/x/mine_copy.lua" --plain
expect "cli: the same file reached by its path runs" 0 "1/" \
    -- "$N" lesson "$tpl" --plain
ln -s "$tpl" "$TEST_HOME/x/template.lua"
expect "cli: a symlink to the lesson runs" 0 "1/" \
    -- "$N" lesson "$TEST_HOME/x/template.lua" --plain
# the first file of a name wins, and list says which
mkdir -p "$XDG_DATA_HOME/nntutor/lessons" "$TEST_HOME/p2"
cp lessons/template.lua "$XDG_DATA_HOME/nntutor/lessons/template.lua"
cp lessons/template.lua "$TEST_HOME/p2/template.lua"
expect "cli: list notes which file of a name wins" 0 \
    "note: template: $TEST_HOME/p2/template.lua shadows" \
    "$XDG_DATA_HOME/nntutor/lessons/template.lua and $tpl" \
    -- env NNTUTOR_PATH="$TEST_HOME/p2" "$N" list
expect "cli: list keeps its stdout format when it notes" 0 "" -- sh -c \
    "NNTUTOR_PATH='$TEST_HOME/p2' '$N' list 2>/dev/null | \
     grep -qE '^template +Template: how a lesson is made +7 steps  done · quiz 1/1 · ex 0/1$'"
expect "cli: list labels progress in Chinese" 0 "未开始" "步" -- \
    env XDG_STATE_HOME="$TEST_HOME/no-state" "$N" list --lang zh
expect "cli: list labels progress in Chinese" 0 "已完成 · 测验 1/1 · 练习 0/1" \
    -- env NNTUTOR_PATH="$TEST_HOME/p2" "$N" list --lang zh
expect "cli: a shadowed lesson file is refused by path" 2 \
    "$tpl is shadowed by $TEST_HOME/p2/template.lua" \
    -- env NNTUTOR_PATH="$TEST_HOME/p2" "$N" lesson "$tpl" --plain
sed 's/id = "template"/id = "zz"/' lessons/template.lua \
    > "$TEST_HOME/p2/misnamed.lua"
expect "cli: a lesson on the path must declare its file's name" 1 \
    "$TEST_HOME/p2/misnamed.lua declares the id 'zz'" "('misnamed')" \
    -- env NNTUTOR_PATH="$TEST_HOME/p2" "$N" list
rm -rf "$st" "$TEST_HOME/onpath" "$TEST_HOME/x" "$TEST_HOME/p2" \
    "$XDG_DATA_HOME/nntutor/lessons"

# explore: any plugin function, from its declared parameters
expect "cli: explore draws a plugin function" 0 "template.noisy_line" \
    "fit_slope =" "[explore: n = 50" -- "$N" explore template.noisy_line --plain
expect "cli: explore a 2-D view draws a heatmap" 0 "template.grid · z" \
    "kind = bowl in {bowl, saddle}" -- "$N" explore template.grid --plain
expect "cli: explore gives bool parameters a switch" 0 \
    "hessian = on in {off, on}" "loss = mse in {mse, ce}" \
    -- "$N" explore loss.landscape --plain
expect "cli: explore uses declared hints: log sliders, labels, a log x axis" \
    0 "α min (log10) = -2 in [-4, 2]" "0.01  " "   lr" \
    -- "$N" explore bn.lr_sweep --plain --seed 1
expect "cli: explore reaches the landscape ceiling, 801" 0 "n = 101 in [3, 801]" \
    -- "$N" explore loss.landscape --plain
out=$(COLUMNS=40 "$N" lesson a2_5 --plain 2>&1)
if printf '%s\n' "$out" | grep -q "^Lasso at λ = [0-9.]*: test MSE [0-9.]*, 10$" \
   && ! printf '%s\n' "$out" | grep -q "^ *Lasso at λ.*…"; then
    ok "cli: --plain wraps a chart title wider than the output, never cuts it"
else
    bad "cli: --plain wraps a chart title wider than the output, never cuts it" \
        "$(printf '%s\n' "$out" | grep "Lasso at")"
fi
expect "cli: explore refuses array-only functions" 2 \
    "cannot explore template.stats" -- "$N" explore template.stats
expect "cli: explore an unknown function exits 2" 2 "no function 'nope'" \
    -- "$N" explore template.nope
expect "cli: explore needs PLUGIN.FUNCTION" 2 "PLUGIN.FUNCTION" \
    -- "$N" explore template

# authoring: each mistake in tests/authoring/ is named at the author's
# line (`-- expect:` lines), never in the API's own files
for f in tests/authoring/*.lua; do
    mapfile -t want < <(sed -n 's/^-- expect: //p' "$f")
    expect "cli: authoring $(basename "$f" .lua)" 1 "${want[@]}" \
        -- "$N" check --strict "$f"
    if "$N" check --strict "$f" 2>&1 | grep -qE 'lua/nnt/[a-z_]+\.lua:[0-9]'; then
        bad "cli: authoring $(basename "$f" .lua) blames the API's files" \
            "$("$N" check --strict "$f" 2>&1)"
    fi
done
expect "cli: lint warnings leave check green without --strict" 0 \
    "warning: tests/authoring/missing_zh.lua:7: ui:say is English only" \
    -- "$N" check tests/authoring/missing_zh.lua

# nntutor new: skeletons that pass their checks at once
nw=$TEST_HOME/new
mkdir -p "$nw"
expect "cli: new lesson writes ID.lua" 0 "wrote $nw/fresh.lua" \
    -- "$N" new lesson fresh --dir "$nw"
expect "cli: the new lesson passes check --strict" 0 "ok    fresh" \
    "1 exercise (solutions pass, stubs fail)" \
    -- "$N" check --strict "$nw/fresh.lua"
expect "cli: new never overwrites" 1 "never overwrites" \
    -- "$N" new lesson fresh --dir "$nw"
expect "cli: new needs lesson or plugin" 2 "new needs 'lesson ID'" \
    -- "$N" new thing x
expect "cli: new plugin writes its files" 0 "wrote $nw/fresh_plug/Makefile" \
    "fake_host.h" -- "$N" new plugin fresh_plug --dir "$nw"
if make -s -C "$nw/fresh_plug" test NNTUTOR_SRC="$PWD" \
       PKG_CONFIG=/bin/false > "$TEST_HOME/newplug.log" 2>&1; then
    ok "cli: the new plugin builds and passes its make test (source tree)"
else
    bad "cli: the new plugin builds and passes its make test (source tree)" \
        "$(cat "$TEST_HOME/newplug.log")"
fi
expect "cli: the new plugin loads and runs" 0 "fresh_plug.curve" \
    "[explore: n = 101" -- env NNTUTOR_PLUGIN_PATH="$nw/fresh_plug" \
    "$N" explore fresh_plug.curve --plain

# check --watch: checks again after a save; Ctrl-C (SIGINT) ends it
cp "$nw/fresh.lua" "$nw/watched.lua"
sed -i 's/id = "fresh"/id = "watched"/' "$nw/watched.lua"
"$N" check --watch "$nw/watched.lua" > "$TEST_HOME/watch.out" 2>&1 &
wpid=$!
for _ in $(seq 50); do
    grep -q "watching" "$TEST_HOME/watch.out" && break
    sleep 0.2
done
sed -i 's/title = { en = "A new lesson", zh = "一节新课" }/title = "A new lesson"/' \
    "$nw/watched.lua"
for _ in $(seq 50); do
    grep -q "title is English only" "$TEST_HOME/watch.out" && break
    sleep 0.2
done
kill -INT "$wpid" 2>/dev/null
for _ in $(seq 25); do kill -0 "$wpid" 2>/dev/null || break; sleep 0.2; done
kill -KILL "$wpid" 2>/dev/null
wait "$wpid"
wst=$?
if grep -q "^ok    watched" "$TEST_HOME/watch.out" &&
   grep -q "title is English only" "$TEST_HOME/watch.out" && [ "$wst" = 130 ]; then
    ok "cli: check --watch checks again on save and ends on Ctrl-C"
else
    bad "cli: check --watch checks again on save and ends on Ctrl-C" \
        "exit $wst; $(cat "$TEST_HOME/watch.out")"
fi
rm -rf "$nw"
