/* SPDX-License-Identifier: MIT */
/* Template plugin: a worked example of the plugin ABI, made to be copied. */

/*
 * To start a new plugin:
 *
 *   1. cp -r plugins/template plugins/NAME and rename template.c to NAME.c.
 *   2. Set .name below to NAME: the loader refuses a descriptor whose name
 *      differs from the file name (build/plugins/NAME.so).
 *   3. Replace the functions.  Each one is a parameter list, a run
 *      callback and an entry in `functions` at the end of the file.  The
 *      list (NAME_PARAMS below, see <nntutor/params.h>) names every
 *      parameter once and gives both its position, args[NAME_X], and its
 *      row in the table the core checks arguments against.
 *   4. `make` builds build/plugins/NAME.so; `./nntutor plugins NAME` lists
 *      what you declared; nnt.plugin "NAME" calls it from a lesson.
 *
 * Rules the core relies on:
 *
 *   - Everything is static except the descriptor, marked NNT_EXPORT (the
 *     Makefile builds with -fvisibility=hidden).  Check with
 *     `nm -D --defined-only build/plugins/NAME.so`.
 *   - Arguments arrive checked: a run callback never sees a value outside
 *     its declared range, an unknown choice or a missing required array.
 *     args[LINE_N] is the argument of the row LINE_N of the list;
 *     .given says whether the caller passed it or it holds the default.
 *   - Numeric help shared by plugins (stable sigmoid and softplus, line
 *     fits, minibatches, data sets, a small MLP) is in the plugin library,
 *     <nntutor/common.h> and its neighbours: call it, never copy it.  Only
 *     what a plugin calls ends up in its .so.
 *   - Results leave through the host: put_number, put_string, put_array.
 *     put_array returns zeroed storage to fill (NULL when out of memory:
 *     just return -1, the host already knows why).
 *   - Random numbers come from the host's seeded streams, never rand(), so
 *     the same seed gives the same experiment.
 *   - A failure the student should read goes through host->fail, which
 *     returns -1 for the run to return.
 *   - A long loop calls host->progress now and then and stops with -1 when
 *     it returns nonzero (the student cancelled).
 *   - No Lua, no curses, no printing, no globals that outlive a call.
 */

#include <math.h>
#include <stddef.h>

#include <nntutor/common.h>     /* the plugin library: nc_fit_line */
#include <nntutor/params.h>     /* NNT_PARAM_ID, NNT_PARAM_ROW */
#include <nntutor/plugin.h>

/* ---- add{a, b}: the smallest useful function ------------------------- */

#define ADD_PARAMS(P)                                                        \
    P(ADD_A, .name = "a", .doc = "first term", .type = NNT_NUMBER,           \
      .min = -10, .max = 10, .def = 1)                                       \
    P(ADD_B, .name = "b", .doc = "second term", .type = NNT_NUMBER,          \
      .min = -10, .max = 10, .def = 2)
enum { ADD_PARAMS(NNT_PARAM_ID) ADD_NPARAMS };
static const struct nnt_param add_params[] = { ADD_PARAMS(NNT_PARAM_ROW) };

/* Puts sum = a + b; returns 0. */
static int add_run(const struct nnt_host *host, struct nnt_call *c,
                   const struct nnt_value *args)
{
    host->put_number(c, "sum", args[ADD_A].num + args[ADD_B].num);
    return 0;
}

/* ---- noisy_line{n, slope, intercept, noise, stream} ------------------ */

static const char *const stream_names[] = { "data", "init", "shuffle", NULL };
static const enum nnt_stream stream_ids[] = {
    NNT_RNG_DATA, NNT_RNG_INIT, NNT_RNG_SHUFFLE
};

#define LINE_PARAMS(P)                                                       \
    P(LINE_N, .name = "n", .doc = "number of points", .type = NNT_INTEGER,   \
      .min = 2, .max = 100000, .def = 50)                                    \
    P(LINE_SLOPE, .name = "slope", .doc = "true slope", .type = NNT_NUMBER,  \
      .min = -100, .max = 100, .def = 2)                                     \
    P(LINE_INTERCEPT, .name = "intercept", .doc = "true intercept",          \
      .type = NNT_NUMBER, .min = -100, .max = 100, .def = 0.5)               \
    P(LINE_NOISE, .name = "noise",                                           \
      .doc = "standard deviation of the noise on y", .type = NNT_NUMBER,     \
      .min = 0, .max = 10, .def = 0.1)                                       \
    P(LINE_STREAM, .name = "stream",                                         \
      .doc = "RNG stream the noise is drawn from", .type = NNT_CHOICE,       \
      .choices = stream_names, .def = 0)
enum { LINE_PARAMS(NNT_PARAM_ID) LINE_NPARAMS };
static const struct nnt_param noisy_line_params[] = {
    LINE_PARAMS(NNT_PARAM_ROW)
};

/* Puts x, y (n points on a noisy line) and the least-squares fit_slope and
 * fit_intercept; returns 0, or -1 if out of memory. */
static int noisy_line_run(const struct nnt_host *host, struct nnt_call *c,
                          const struct nnt_value *args)
{
    size_t n = (size_t)args[LINE_N].integer;  /* >= 2: declared above */
    double slope = args[LINE_SLOPE].num;
    double intercept = args[LINE_INTERCEPT].num;
    double noise = args[LINE_NOISE].num;
    enum nnt_stream stream = stream_ids[args[LINE_STREAM].choice];
    double *x = host->put_array(c, "x", n, 0);  /* cols 0: 1-D */
    double *y = host->put_array(c, "y", n, 0);
    double fit_slope, fit_intercept;

    if (!x || !y)
        return -1;
    for (size_t i = 0; i < n; i++) {
        x[i] = (double)i / (double)(n - 1);
        y[i] = slope * x[i] + intercept
               + noise * host->rng_normal(c, stream);
    }
    nc_fit_line(x, y, (int)n, &fit_slope, &fit_intercept);  /* common */
    host->put_number(c, "fit_slope", fit_slope);
    host->put_number(c, "fit_intercept", fit_intercept);
    return 0;
}

/* ---- grid{n, kind}: a surface for a heatmap -------------------------- */

static const char *const grid_kinds[] = { "bowl", "saddle", NULL };

#define GRID_PARAMS(P)                                                       \
    P(GRID_N, .name = "n", .doc = "points along each axis",                  \
      .type = NNT_INTEGER, .min = 2, .max = 401, .def = 41)                  \
    P(GRID_KIND, .name = "kind",                                             \
      .doc = "bowl: x^2 + y^2; saddle: x^2 - y^2", .type = NNT_CHOICE,       \
      .choices = grid_kinds, .def = 0)
enum { GRID_PARAMS(NNT_PARAM_ID) GRID_NPARAMS };
static const struct nnt_param grid_params[] = { GRID_PARAMS(NNT_PARAM_ROW) };

/* Puts x, y (linspace over [-2, 2]) and z (n x n, z[i][j] at (x[j], y[i]));
 * returns 0, or -1 if out of memory. */
static int grid_run(const struct nnt_host *host, struct nnt_call *c,
                    const struct nnt_value *args)
{
    size_t n = (size_t)args[GRID_N].integer;
    double sign = args[GRID_KIND].choice == 1 ? -1.0 : 1.0;    /* saddle */
    double *x = host->put_array(c, "x", n, 0);
    double *y = host->put_array(c, "y", n, 0);
    double *z = host->put_array(c, "z", n, n);          /* 2-D, row-major */

    if (!x || !y || !z)
        return -1;
    for (size_t i = 0; i < n; i++)
        x[i] = y[i] = -2.0 + 4.0 * (double)i / (double)(n - 1);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            z[i * n + j] = x[j] * x[j] + sign * y[i] * y[i];
    return 0;
}

/* ---- stats{values}: a required array argument ------------------------ */

#define STATS_PARAMS(P)                                                      \
    P(STATS_VALUES, .name = "values", .doc = "the numbers to summarise",     \
      .type = NNT_ARRAY, .min = 1, .flags = NNT_REQUIRED)
enum { STATS_PARAMS(NNT_PARAM_ID) STATS_NPARAMS };
static const struct nnt_param stats_params[] = { STATS_PARAMS(NNT_PARAM_ROW) };

/* Puts mean, var (population variance), min and max of values; returns 0,
 * or -1 through host->fail when a value is infinite. */
static int stats_run(const struct nnt_host *host, struct nnt_call *c,
                     const struct nnt_value *args)
{
    const struct nnt_arrayarg *v = &args[STATS_VALUES].array;
    double mean = 0, var = 0, lo = v->data[0], hi = v->data[0];

    for (size_t i = 0; i < v->len; i++) {
        if (!isfinite(v->data[i]))      /* the core already refused NaN */
            return host->fail(c, "values[%zu] is %g; stats needs finite "
                              "numbers", i + 1, v->data[i]);
        mean += v->data[i];
        lo = v->data[i] < lo ? v->data[i] : lo;
        hi = v->data[i] > hi ? v->data[i] : hi;
    }
    mean /= (double)v->len;
    for (size_t i = 0; i < v->len; i++)     /* two passes: stable */
        var += (v->data[i] - mean) * (v->data[i] - mean);
    host->put_number(c, "mean", mean);
    host->put_number(c, "var", var / (double)v->len);
    host->put_number(c, "min", lo);
    host->put_number(c, "max", hi);
    return 0;
}

/* ---- slow{steps}: progress and cancel -------------------------------- */

#define SLOW_PARAMS(P)                                                       \
    P(SLOW_STEPS, .name = "steps", .doc = "how many steps to take",          \
      .type = NNT_INTEGER, .min = 1, .max = 1000000, .def = 100)
enum { SLOW_PARAMS(NNT_PARAM_ID) SLOW_NPARAMS };
static const struct nnt_param slow_params[] = { SLOW_PARAMS(NNT_PARAM_ROW) };

/* Puts steps_done (and checksum when it finishes); returns 0, or -1 when
 * the student cancels. */
static int slow_run(const struct nnt_host *host, struct nnt_call *c,
                    const struct nnt_value *args)
{
    long long steps = args[SLOW_STEPS].integer;
    double sum = 0;

    for (long long i = 0; i < steps; i++) {
        for (int k = 1; k <= 1000; k++)     /* stand-in for real work */
            sum += 1.0 / ((double)k * (double)k);
        if (host->progress(c, (double)(i + 1) / (double)steps)) {
            host->put_number(c, "steps_done", (double)(i + 1));
            return -1;                      /* cancelled: stop now */
        }
    }
    host->put_number(c, "steps_done", (double)steps);
    host->put_number(c, "checksum", sum);
    return 0;
}

/* ---- the descriptor: the one exported symbol ------------------------- */

static const struct nnt_result add_results[] = {
    NNT_RESULT(.name = "sum", .kind = NNT_NUMBER,
               .doc = "a + b"),
};

static const struct nnt_result grid_results[] = {
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "n values from -2 to 2"),
    NNT_RESULT(.name = "y", .kind = NNT_ARRAY, .rank = 1,
               .doc = "the same n values, for the rows"),
    NNT_RESULT(.name = "z", .kind = NNT_ARRAY, .rank = 2,
               .doc = "the surface: row i at y[i], column j at x[j] (n x n)"),
};

static const struct nnt_result noisy_line_results[] = {
    NNT_RESULT(.name = "x", .kind = NNT_ARRAY, .rank = 1,
               .doc = "n inputs evenly spread over [0, 1]"),
    NNT_RESULT(.name = "y", .kind = NNT_ARRAY, .rank = 1,
               .doc = "slope x + intercept + noise at each x"),
    NNT_RESULT(.name = "fit_slope", .kind = NNT_NUMBER,
               .doc = "slope of the least-squares line"),
    NNT_RESULT(.name = "fit_intercept", .kind = NNT_NUMBER,
               .doc = "intercept of the least-squares line"),
};

static const struct nnt_result slow_results[] = {
    NNT_RESULT(.name = "steps_done", .kind = NNT_NUMBER,
               .doc = "steps taken"),
    NNT_RESULT(.name = "checksum", .kind = NNT_NUMBER,
               .doc = "the sum the steps computed"),
};

static const struct nnt_result stats_results[] = {
    NNT_RESULT(.name = "mean", .kind = NNT_NUMBER,
               .doc = "mean of the values"),
    NNT_RESULT(.name = "var", .kind = NNT_NUMBER,
               .doc = "population variance (divided by n)"),
    NNT_RESULT(.name = "min", .kind = NNT_NUMBER,
               .doc = "smallest value"),
    NNT_RESULT(.name = "max", .kind = NNT_NUMBER,
               .doc = "largest value"),
};

static const struct nnt_function functions[] = {
    NNT_FUNCTION(.name = "add",
      NNT_RESULTS(add_results), .doc = "Adds two numbers: sum = a + b.",
      .params = add_params, .nparams = ADD_NPARAMS,
      .run = add_run),
    NNT_FUNCTION(.name = "noisy_line",
      NNT_RESULTS(noisy_line_results), .xaxis = "x",
      .doc = "Samples y = slope*x + intercept + noise*N(0,1) on [0, 1] and "
             "fits a least-squares line.",
      .params = noisy_line_params, .nparams = LINE_NPARAMS,
      .run = noisy_line_run, .view = "y"),
    NNT_FUNCTION(.name = "grid",
      NNT_RESULTS(grid_results),
      .doc = "Tabulates a bowl or saddle surface on [-2, 2]^2 for a heatmap.",
      .params = grid_params, .nparams = GRID_NPARAMS,
      .run = grid_run, .view = "z"),
    NNT_FUNCTION(.name = "stats",
      NNT_RESULTS(stats_results),
      .doc = "Summarises an array: mean, variance, min and max.",
      .params = stats_params, .nparams = STATS_NPARAMS,
      .run = stats_run),
    NNT_FUNCTION(.name = "slow",
      NNT_RESULTS(slow_results),
      .doc = "Takes a while on purpose, reporting progress; can be "
             "cancelled.",
      .params = slow_params, .nparams = SLOW_NPARAMS,
      .run = slow_run),
};

NNT_EXPORT const struct nnt_plugin nnt_plugin = NNT_PLUGIN(
    .name = "template",
    .version = "0.1.0",
    .doc = "Template plugin: a worked example to copy.",
    NNT_FUNCTIONS(functions)
);
