/* SPDX-License-Identifier: MIT */
/* Numeric help shared by every plugin (see common.h). */
#include <math.h>

#include <nntutor/common.h>
#include <nntutor/mm.h>

double nc_sigmoid(double z)
{
    double e = exp(-fabs(z));

    return (z >= 0 ? 1.0 : e) / (1.0 + e);
}

void nc_sigmoid_array(const double *z, double *a, size_t n)
{
    size_t k = 0;

    for (size_t i = 0; i < n; i++)      /* the exps first, then the rest */
        a[i] = exp(-fabs(z[i]));
#if defined(MM_V2)
    for (; k + 2 <= n; k += 2) {
        mm_v2 e = mm_ld2(a + k), one = mm_splat2(1.0);
        mm_m2 pos = mm_ld2(z + k) >= mm_splat2(0);
        mm_st2(a + k, mm_sel2(pos, one, e) / (one + e));
    }
#endif
    for (; k < n; k++)
        a[k] = (z[k] >= 0 ? 1.0 : a[k]) / (1.0 + a[k]);
}

double nc_log1pexp(double z)
{
    if (z > 0)
        return z + log1p(exp(-z));
    return log1p(exp(z));
}

double nc_bce_logits(double z, double y)
{
    return (1 - y) * fmax(z, 0) + y * fmax(-z, 0) + log1p(exp(-fabs(z)));
}

double nc_logsumexp(const double *v, int n)
{
    double m = v[0], s = 0;

    for (int i = 1; i < n; i++)
        if (v[i] > m)
            m = v[i];
    if (isinf(m))
        return m;
    for (int i = 0; i < n; i++)
        s += exp(v[i] - m);
    return m + log(s);
}

double nc_dot(const double *a, const double *b, int n)
{
    double s = 0;

    for (int i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

void nc_fit_line(const double *x, const double *y, int n, double *slope,
                 double *icept)
{
    double xm = 0, ym = 0, sxy = 0, sxx = 0;

    for (int i = 0; i < n; i++) {
        xm += x[i];
        ym += y[i];
    }
    xm /= n;
    ym /= n;
    for (int i = 0; i < n; i++) {       /* centred sums: stable */
        sxy += (x[i] - xm) * (y[i] - ym);
        sxx += (x[i] - xm) * (x[i] - xm);
    }
    *slope = sxx > 0 ? sxy / sxx : 0;
    *icept = ym - *slope * xm;
}

void nc_shuffle(const struct nnt_host *h, struct nnt_call *c, int *idx,
                int n)
{
    for (int i = 0; i < n; i++)
        idx[i] = i;
    for (int i = n - 1; i > 0; i--) {
        int j = (int)(h->rng_uniform(c, NNT_RNG_SHUFFLE) * (i + 1));
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
    }
}

double nc_laplace(const struct nnt_host *h, struct nnt_call *c,
                  enum nnt_stream s, double b)
{
    double u = h->rng_uniform(c, s) - 0.5;      /* in [-0.5, 0.5) */

    return u < 0 ? b * log1p(2 * u) : -b * log1p(-2 * u);
}

void nc_classes(const struct nnt_host *h, struct nnt_call *c, int n, int d,
                int k, double sep, double noise, double *X, double *y)
{
    double mean[16 * 64];       /* up to 16 classes in 64 dimensions */

    if (k > 16)
        k = 16;
    if (d > 64)
        d = 64;
    for (int j = 0; j < k; j++) {
        double norm = 0;
        for (int a = 0; a < d; a++) {
            mean[j * d + a] = (k == 2 && j == 1) ? -mean[a]
                                                 : h->rng_normal(c,
                                                       NNT_RNG_DATA);
            norm += mean[j * d + a] * mean[j * d + a];
        }
        norm = sqrt(norm);
        for (int a = 0; a < d; a++)
            mean[j * d + a] *= norm > 0 ? sep / norm : 0;
    }
    for (int i = 0; i < n; i++) {
        int label = i % k;
        y[i] = label;
        for (int a = 0; a < d; a++)
            X[i * d + a] = mean[label * d + a] +
                           noise * h->rng_normal(c, NNT_RNG_DATA);
    }
    for (int i = n - 1; i > 0; i--) {         /* random order */
        int j = (int)(h->rng_uniform(c, NNT_RNG_SHUFFLE) * (i + 1));
        double t = y[i];
        y[i] = y[j];
        y[j] = t;
        for (int a = 0; a < d; a++) {
            t = X[i * d + a];
            X[i * d + a] = X[j * d + a];
            X[j * d + a] = t;
        }
    }
}

void nc_line_data(const struct nnt_host *h, struct nnt_call *c, int n,
                  double lo, double hi, double slope, double intercept,
                  enum nc_noise kind, double sigma, double outliers,
                  double *x, double *y)
{
    for (int i = 0; i < n; i++) {
        double e;
        x[i] = n > 1 ? lo + (hi - lo) * i / (n - 1) : lo;
        e = kind == NC_LAPLACE
            ? nc_laplace(h, c, NNT_RNG_DATA, sigma / sqrt(2.0))
            : sigma * h->rng_normal(c, NNT_RNG_DATA);
        if (h->rng_uniform(c, NNT_RNG_DATA) < outliers)
            e += (h->rng_uniform(c, NNT_RNG_DATA) < 0.5 ? -10 : 10) * sigma;
        y[i] = slope * x[i] + intercept + e;
    }
    for (int i = n - 1; i > 0; i--) {
        int j = (int)(h->rng_uniform(c, NNT_RNG_SHUFFLE) * (i + 1));
        double tx = x[i], ty = y[i];
        x[i] = x[j];
        y[i] = y[j];
        x[j] = tx;
        y[j] = ty;
    }
}

int nc_cholesky_solve(double *A, double *b, int n)
{
    for (int j = 0; j < n; j++) {              /* A = L L^T, L in place */
        double s = A[j * n + j];
        for (int k = 0; k < j; k++)
            s -= A[j * n + k] * A[j * n + k];
        if (!(s > 0))
            return -1;
        A[j * n + j] = sqrt(s);
        for (int i = j + 1; i < n; i++) {
            double t = A[i * n + j];
            for (int k = 0; k < j; k++)
                t -= A[i * n + k] * A[j * n + k];
            A[i * n + j] = t / A[j * n + j];
        }
    }
    for (int i = 0; i < n; i++) {              /* L z = b */
        double t = b[i];
        for (int k = 0; k < i; k++)
            t -= A[i * n + k] * b[k];
        b[i] = t / A[i * n + i];
    }
    for (int i = n - 1; i >= 0; i--) {         /* L^T x = z */
        double t = b[i];
        for (int k = i + 1; k < n; k++)
            t -= A[k * n + i] * b[k];
        b[i] = t / A[i * n + i];
    }
    return 0;
}
