/* SPDX-License-Identifier: MIT */
/* nntutor new: writes a lesson or a plugin skeleton that passes its
 * checks at once (check --strict for the lesson, make test for the
 * plugin). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "new.h"
#include "out.h"
#include "util.h"

static const char lesson_text[] =
    "-- SPDX-License-Identifier: MIT\n"
    "-- @ID@: a new lesson, made by `nntutor new lesson @ID@`.  T"
    "ry it with\n"
    "--   nntutor check --strict @ID@.lua       (and --watch in a"
    "nother pane)\n"
    "--   nntutor lesson @ID@.lua --plain\n"
    "-- README.md (\"Writing a lesson\") describes every call used "
    "here.\n"
    "local tp = nnt.plugin \"template\"\n"
    "\n"
    "-- The exercise the student writes in their editor.\n"
    "local mean_ex = {\n"
    "  name = \"mean_of\",\n"
    "  title = { en = \"The mean\", zh = \"均值\" },\n"
    "  statement = { en = \"Write `mean_of(xs)`: the mean of a non"
    "-empty list.\",\n"
    "                zh = \"写出 `mean_of(xs)`：非空列表的"
    "均值。\" },\n"
    "  stub = \"function mean_of(xs)\\n  return 0\\nend\\n\",\n"
    "  solution = \"function mean_of(xs)\\n  local s = 0\\n\"\n"
    "    .. \"  for i = 1, #xs do s = s + xs[i] end\\n  return s / "
    "#xs\\nend\\n\",\n"
    "  hints = { { en = \"Add the values up in a loop.\", zh = \"用"
    "循环把值加起来。\" },\n"
    "            { en = \"Divide the sum by #xs.\", zh = \"把总和"
    "除以 #xs。\" } },\n"
    "  reference = function(xs) return nnt.mean(xs) end,\n"
    "  cases = { { { 1 } }, { { 1, 2, 3 } }, { { -1, 1 } } },\n"
    "  random = function(R) return { R.vector(R.int(1, 20), -5, 5"
    ") } end,\n"
    "  tol = 1e-9,\n"
    "}\n"
    "\n"
    "return nnt.lesson {\n"
    "  id = \"@ID@\",\n"
    "  title = { en = \"A new lesson\", zh = \"一节新课\" },\n"
    "  summary = { en = \"A line through noisy points.\", zh = \"穿"
    "过带噪声的点的直线。\" },\n"
    "  exercises = { mean_ex },\n"
    "  steps = {\n"
    "    {\n"
    "      title = { en = \"Data and a fit\", zh = \"数据与拟合"
    "\" },\n"
    "      run = function(ui)\n"
    "        local r = tp.noisy_line { n = 50, slope = 2, interce"
    "pt = 1, noise = 0.3 }\n"
    "        ui:say { en = \"Fifty points around y = 2x + 1, and t"
    "he least-squares line.\",\n"
    "                 zh = \"y = 2x + 1 附近的五十个点，"
    "以及最小二乘直线。\" }\n"
    "        ui:chart { kind = \"line\", title = { en = \"Fit\", zh ="
    " \"拟合\" },\n"
    "                   xlabel = \"x\", ylabel = \"y\",\n"
    "                   series = {\n"
    "                     { name = { en = \"data\", zh = \"数据\" }"
    ", x = r.x, y = r.y,\n"
    "                       style = \"points\" },\n"
    "                     { name = { en = \"fit\", zh = \"拟合\" },"
    " x = { 0, 1 },\n"
    "                       y = { r.fit_intercept, r.fit_intercep"
    "t + r.fit_slope } },\n"
    "                   } }\n"
    "        ui:claim(nnt.trf({ en = \"The fitted slope %s is with"
    "in 0.5 of 2.\",\n"
    "                           zh = \"拟合斜率 %s 与 2 相"
    "差不到 0.5。\" }, r.fit_slope),\n"
    "                 math.abs(r.fit_slope - 2) < 0.5)\n"
    "        ui:wait()\n"
    "      end,\n"
    "    },\n"
    "    {\n"
    "      title = { en = \"A question\", zh = \"一个问题\" },\n"
    "      run = function(ui)\n"
    "        ui:quiz {\n"
    "          question = { en = \"More noise makes the fitted slo"
    "pe…\",\n"
    "                       zh = \"噪声越大，拟合斜率…"
    "…\" },\n"
    "          choices = { { en = \"scatter more around 2\", zh = \""
    "在 2 附近波动更大\" },\n"
    "                      { en = \"always exactly 2\", zh = \"总"
    "是恰好为 2\" } },\n"
    "          answer = 1,\n"
    "          explain = { en = \"Least squares stays unbiased; it"
    "s variance grows.\",\n"
    "                      zh = \"最小二乘仍然无偏，但"
    "方差变大。\" },\n"
    "          why = { [2] = { en = \"Noise moves every fit.\", zh "
    "= \"噪声会让每次拟合都有偏差。\" } },\n"
    "        }\n"
    "      end,\n"
    "    },\n"
    "    {\n"
    "      title = { en = \"Explore\", zh = \"动手探索\" },\n"
    "      run = function(ui)\n"
    "        ui:say { en = \"Move the noise and watch the fit.\",\n"
    "                 zh = \"调节噪声，观察拟合。\" }\n"
    "        ui:explore {\n"
    "          params = { { name = \"noise\", min = 0, max = 1, ste"
    "p = 0.1, value = 0.3,\n"
    "                       label = { en = \"noise σ\", zh = \"噪"
    "声 σ\" } } },\n"
    "          draw = function(p)\n"
    "            local r = tp.noisy_line { n = 50, slope = 2, int"
    "ercept = 1, noise = p.noise }\n"
    "            ui:chart { kind = \"scatter\", x = r.x, y = r.y,\n"
    "                       title = nnt.trf({ en = \"slope %s\", zh"
    " = \"斜率 %s\" }, r.fit_slope) }\n"
    "          end,\n"
    "        }\n"
    "      end,\n"
    "    },\n"
    "    {\n"
    "      title = { en = \"Practice\", zh = \"练习\" },\n"
    "      run = function(ui)\n"
    "        ui:say { en = \"Now write the mean yourself.\", zh = \""
    "现在自己写出均值。\" }\n"
    "        ui:exercise \"mean_of\"\n"
    "      end,\n"
    "    },\n"
    "  },\n"
    "}\n";

static const char plugin_c_text[] =
    "/* SPDX-License-Identifier: MIT */\n"
    "/* @NAME@: a new nntutor plugin, made by `nntutor new plugin"
    " @NAME@`. */\n"
    "#include <stddef.h>\n"
    "\n"
    "#include <nntutor/common.h>     /* the plugin library: nc_si"
    "gmoid */\n"
    "#include <nntutor/params.h>     /* NNT_PARAM_ID, NNT_PARAM_R"
    "OW */\n"
    "#include <nntutor/plugin.h>\n"
    "\n"
    "/* ---- curve{n, gain}: a sigmoid sampled on [-6, 6] -------"
    "------------ */\n"
    "\n"
    "#define CURVE_PARAMS(P)                                     "
    "                 \\\n"
    "    P(CURVE_N, .name = \"n\", .doc = \"number of points\", .type"
    " = NNT_INTEGER,  \\\n"
    "      .min = 2, .max = 100000, .def = 101)                  "
    "                 \\\n"
    "    P(CURVE_GAIN, .name = \"gain\", .doc = \"slope of the sigmo"
    "id\",             \\\n"
    "      .type = NNT_NUMBER, .min = 0, .max = 10, .def = 1)\n"
    "enum { CURVE_PARAMS(NNT_PARAM_ID) CURVE_NPARAMS };\n"
    "static const struct nnt_param curve_params[] = {\n"
    "    CURVE_PARAMS(NNT_PARAM_ROW)\n"
    "};\n"
    "\n"
    "/* Puts x and y = sigmoid(gain * x); returns 0, or -1 out of"
    " memory. */\n"
    "static int curve_run(const struct nnt_host *host, struct nnt"
    "_call *c,\n"
    "                     const struct nnt_value *args)\n"
    "{\n"
    "    size_t n = (size_t)args[CURVE_N].integer;\n"
    "    double *x = host->put_array(c, \"x\", n, 0);\n"
    "    double *y = host->put_array(c, \"y\", n, 0);\n"
    "\n"
    "    if (!x || !y)\n"
    "        return -1;\n"
    "    for (size_t i = 0; i < n; i++) {\n"
    "        x[i] = -6 + 12 * (double)i / (double)(n - 1);\n"
    "        y[i] = nc_sigmoid(args[CURVE_GAIN].num * x[i]);\n"
    "    }\n"
    "    return 0;\n"
    "}\n"
    "\n"
    "/* What a call of curve puts (checked when NNTUTOR_CHECK_RESU"
    "LTS=1). */\n"
    "static const struct nnt_result curve_results[] = {\n"
    "    NNT_RESULT(.name = \"x\", .kind = NNT_ARRAY, .rank = 1),\n"
    "    NNT_RESULT(.name = \"y\", .kind = NNT_ARRAY, .rank = 1),\n"
    "};\n"
    "\n"
    "/* NNT_FUNCTION, NNT_PLUGIN and NNT_RESULT fill in each struct"
    "'s size (ABI 2). */\n"
    "static const struct nnt_function functions[] = {\n"
    "    NNT_FUNCTION(.name = \"curve\", .doc = \"a sigmoid curve wi"
    "th a gain\",\n"
    "      .params = curve_params, .nparams = CURVE_NPARAMS, .run"
    " = curve_run,\n"
    "      NNT_RESULTS(curve_results), .view = \"y\", .xaxis = \"x\""
    "),\n"
    "};\n"
    "\n"
    "NNT_EXPORT const struct nnt_plugin nnt_plugin = NNT_PLUGIN(\n"
    "    .name = \"@NAME@\",\n"
    "    .version = \"0.1\",\n"
    "    .doc = \"a new plugin\",\n"
    "    NNT_FUNCTIONS(functions)\n"
    ");\n";

static const char makefile_text[] =
    "# SPDX-License-Identifier: MIT\n"
    "# @NAME@: builds @NAME@.so and its unit test.  With nntutor "
    "installed,\n"
    "# pkg-config nntutor-plugin gives the flags and the plugin l"
    "ibrary;\n"
    "# otherwise the source tree in NNTUTOR_SRC (built with make)"
    " does.\n"
    "PKG_CONFIG  ?= pkg-config\n"
    "NNTUTOR_SRC ?= @SRC@\n"
    "CC          ?= cc\n"
    "CFLAGS      ?= -O2 -g\n"
    "\n"
    "ifeq ($(shell $(PKG_CONFIG) --exists nntutor-plugin 2>/dev/n"
    "ull && echo y),y)\n"
    "P_CFLAGS = $(shell $(PKG_CONFIG) --cflags nntutor-plugin)\n"
    "P_LIBS   = $(shell $(PKG_CONFIG) --libs nntutor-plugin)\n"
    "else\n"
    "P_CFLAGS = -I$(NNTUTOR_SRC)/include -I$(NNTUTOR_SRC)/plugins"
    "/common -fPIC \\\n"
    "           -fvisibility=hidden -ffp-contract=off\n"
    "P_LIBS   = $(NNTUTOR_SRC)/build/plugins/libnntutor-plugin.a "
    "-lm\n"
    "endif\n"
    "ALL_CFLAGS = -std=c11 -Wall -Wextra -Wno-unused-parameter $("
    "P_CFLAGS) $(CFLAGS)\n"
    "\n"
    "all: @NAME@.so\n"
    "\n"
    "@NAME@.so: @NAME@.c\n"
    "	$(CC) $(ALL_CFLAGS) -shared -o $@ @NAME@.c $(P_LIBS)\n"
    "\n"
    "test_@NAME@: test_@NAME@.c @NAME@.c fake_host.h\n"
    "	$(CC) $(ALL_CFLAGS) -I. -o $@ test_@NAME@.c @NAME@.c $(P_LI"
    "BS) -lcmocka\n"
    "\n"
    "test: test_@NAME@ @NAME@.so\n"
    "	./test_@NAME@\n"
    "\n"
    "clean:\n"
    "	rm -f @NAME@.so test_@NAME@\n"
    "\n"
    ".PHONY: all test clean\n";

static const char test_c_text[] =
    "/* SPDX-License-Identifier: MIT */\n"
    "/* Unit test of @NAME@ against a fake host (fake_host.h): no"
    " nntutor run. */\n"
    "#include <math.h>\n"
    "#include <setjmp.h>\n"
    "#include <stdarg.h>\n"
    "#include <stddef.h>\n"
    "\n"
    "#include <cmocka.h>\n"
    "\n"
    "#include \"fake_host.h\"\n"
    "\n"
    "extern const struct nnt_plugin nnt_plugin;\n"
    "\n"
    "/* curve gives n points from -6 to 6 and sigmoid(0) = 1/2 in"
    " the middle. */\n"
    "static void test_curve(void **state)\n"
    "{\n"
    "    struct nnt_call *c = fh_new(1);\n"
    "    const double *x, *y;\n"
    "\n"
    "    (void)state;\n"
    "    assert_int_equal(fh_run(&nnt_plugin, c, \"curve\", FH(\"n\","
    " 101), NULL), 0);\n"
    "    x = fh_arr(c, \"x\");\n"
    "    y = fh_arr(c, \"y\");\n"
    "    assert_non_null(x);\n"
    "    assert_non_null(y);\n"
    "    assert_true(x[0] == -6 && x[100] == 6);\n"
    "    assert_true(fabs(y[50] - 0.5) < 1e-15);\n"
    "    for (int i = 1; i < 101; i++)\n"
    "        assert_true(y[i] > y[i - 1]);           /* gain 1: i"
    "ncreasing */\n"
    "    fh_free(c);\n"
    "}\n"
    "\n"
    "int main(void)\n"
    "{\n"
    "    const struct CMUnitTest tests[] = { cmocka_unit_test(tes"
    "t_curve) };\n"
    "\n"
    "    return cmocka_run_group_tests(tests, NULL, NULL);\n"
    "}\n";

/* Returns a malloc'd copy of text with every "@KEY@" replaced by val. */
static char *fill(const char *text, const char *key, const char *val)
{
    size_t kl = strlen(key), vl = strlen(val), n = 0;
    const char *p;
    char *out, *o;

    for (p = text; (p = strstr(p, key)); p += kl)
        n++;
    out = o = xmalloc(strlen(text) + n * vl + 1);
    for (p = text; *p;) {
        if (strncmp(p, key, kl) == 0) {
            memcpy(o, val, vl);
            o += vl, p += kl;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    return out;
}

/* Writes text to dir/name, refusing to replace a file.  Returns 0, or -1
 * after saying why. */
static int write_new(const char *dir, const char *name, const char *text)
{
    char *path = xasprintf("%s/%s", dir, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    size_t len = strlen(text);
    int rc = 0;

    if (fd < 0) {
        out_error("cannot write %s: %s%s", path, strerror(errno),
                  errno == EEXIST ? " (nntutor new never overwrites)" : "");
        free(path);
        return -1;
    }
    if (write(fd, text, len) != (ssize_t)len || close(fd) < 0) {
        out_error("cannot write %s: %s", path, strerror(errno));
        rc = -1;
    } else {
        out_printf(stdout, "wrote %s\n", path);
    }
    free(path);
    return rc;
}

/* Returns 1 if name is a lower-case identifier (a lesson id or a plugin
 * name), else 0. */
static int good_name(const char *name, int dash)
{
    if (!*name || strlen(name) > 64)
        return 0;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || (dash && *p == '-') ||
              (p > name && *p >= 'A' && *p <= 'Z' && dash)))
            return 0;
    return !(name[0] >= '0' && name[0] <= '9');
}

/* Returns a malloc'd copy of the file at path, or NULL. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    char *buf = NULL;
    size_t n = 0, cap = 0, got;

    if (!f)
        return NULL;
    do {
        if (n + 4096 + 1 > cap)
            buf = xrealloc(buf, cap = cap * 2 + 8192);
        got = fread(buf + n, 1, 4096, f);
        n += got;
    } while (got > 0);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

/* Writes dir/ID.lua.  Returns the exit status. */
static int new_lesson(const char *id, const char *dir)
{
    char *text, *name;
    int rc;

    if (!good_name(id, 1)) {
        out_error("a lesson id is letters, digits, '_' or '-', got '%s' "
                  "(see nntutor --help)", id);
        return 2;
    }
    text = fill(lesson_text, "@ID@", id);
    name = xasprintf("%s.lua", id);
    rc = write_new(dir, name, text);
    free(text);
    free(name);
    if (rc == 0)
        out_printf(stdout, "next: nntutor check --strict %s/%s.lua\n", dir,
                   id);
    return rc < 0 ? 1 : 0;
}

/* Writes dir/NAME/ with NAME.c, its Makefile, test and fake host.
 * Returns the exit status. */
static int new_plugin(const char *name, const char *dir,
                      const char *src_root)
{
    char *sub, *fake, *path, *abs = NULL, *t;
    int rc = 0;

    if (!good_name(name, 0)) {
        out_error("a plugin name is lower-case letters, digits and '_', "
                  "got '%s' (see nntutor --help)", name);
        return 2;
    }
    path = xasprintf("%s/tests/plugins/fake_host.h",
                     src_root ? src_root : ".");
    fake = slurp(path);                 /* the source tree's, else the */
    free(path);                         /* one make install put beside */
    if (!fake)                          /* <nntutor/plugin.h> */
        fake = slurp(NNT_INCLUDE_DIR "/nntutor/fake_host.h");
    if (!fake) {
        out_error("cannot find the fake host: neither the source tree's "
                  "tests/plugins/fake_host.h nor %s/nntutor/fake_host.h",
                  NNT_INCLUDE_DIR);
        return 1;
    }
    sub = xasprintf("%s/%s", dir, name);
    if (mkdir(sub, 0755) < 0) {
        out_error("cannot make %s: %s%s", sub, strerror(errno),
                  errno == EEXIST ? " (nntutor new never overwrites)" : "");
        free(sub);
        free(fake);
        return 1;
    }
    abs = realpath(src_root ? src_root : ".", NULL);
    t = fill(plugin_c_text, "@NAME@", name);
    path = xasprintf("%s.c", name);
    rc |= write_new(sub, path, t);
    free(path);
    free(t);
    t = fill(makefile_text, "@NAME@", name);
    {
        char *t2 = fill(t, "@SRC@", abs ? abs : "/usr/local/src/nntutor");
        rc |= write_new(sub, "Makefile", t2);
        free(t2);
    }
    free(t);
    t = fill(test_c_text, "@NAME@", name);
    path = xasprintf("test_%s.c", name);
    rc |= write_new(sub, path, t);
    free(path);
    free(t);
    rc |= write_new(sub, "fake_host.h", fake);
    if (rc == 0)
        out_printf(stdout, "next: make -C %s test\n", sub);
    free(abs);
    free(fake);
    free(sub);
    return rc ? 1 : 0;
}

int new_run(int nargs, char **args, const char *dir, const char *src_root)
{
    struct stat st;

    if (nargs != 2 ||
        (strcmp(args[0], "lesson") && strcmp(args[0], "plugin"))) {
        out_error("new needs 'lesson ID' or 'plugin NAME' (see nntutor "
                  "--help)");
        return 2;
    }
    if (!dir)
        dir = ".";
    if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
        out_error("no directory '%s' (see nntutor --help)", dir);
        return 2;
    }
    return strcmp(args[0], "lesson") == 0 ? new_lesson(args[1], dir)
                                          : new_plugin(args[1], dir, src_root);
}
