/* SPDX-License-Identifier: MIT */
/* Prints the rate of the plugins' matrix product (mm_nn from
 * <nntutor/mm.h>) on one thread, in flop/s, for the bench floors: the best
 * of n x n x n products (n the first argument, default 500, the size
 * benchlib.rates() times OpenBLAS's dgemm at) repeated for 0.4 s, at
 * least five times. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <nntutor/mm.h>

/* Returns seconds on a monotonic clock. */
static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 500;
    size_t nn = (size_t)n * (size_t)n;
    double *a, *c, best = 1e30;

    if (n < 1 || n > 4000) {
        fprintf(stderr, "mm_rate: size %s out of range 1..4000\n", argv[1]);
        return 2;
    }
    a = malloc(sizeof *a * nn);
    c = malloc(sizeof *c * nn);
    if (!a || !c) {
        fprintf(stderr, "mm_rate: out of memory\n");
        return 1;
    }
    for (size_t i = 0; i < nn; i++)
        a[i] = (double)((i * 2654435761u) % 1000) / 1000 - 0.5;
    for (double start = now_s(), r = 0; r < 5 || now_s() - start < 0.4;
         r++) {             /* the best of five or more, over 0.4 s */
        double t;

        t = now_s();
        mm_nn0(n, n, n, a, a, c);
        t = now_s() - t;
        best = t < best ? t : best;
    }
    printf("%.6g %.17g\n", 2.0 * n * n * n / best, c[nn / 2]);
    free(a);
    free(c);
    return 0;
}
