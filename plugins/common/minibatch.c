/* SPDX-License-Identifier: MIT */
/* Minibatch iteration: epochs, iterations and batches (see minibatch.h). */
#include <stdlib.h>

#include <nntutor/common.h>
#include <nntutor/minibatch.h>

int mb_per_epoch(int n, int b, int drop_last)
{
    if (b < 1)
        return 0;
    return drop_last ? n / b : (n + b - 1) / b;
}

int mb_init(struct mb_iter *it, int n, int b, int shuffle, int drop_last)
{
    *it = (struct mb_iter){
        .n = n, .batch = b, .shuffle = shuffle,
        .drop_last = drop_last, .pos = n,
    };
    it->order = malloc(sizeof *it->order * (size_t)(n > 0 ? n : 1));
    return it->order ? 0 : -1;
}

void mb_epoch(struct mb_iter *it, const struct nnt_host *h,
              struct nnt_call *c)
{
    if (it->shuffle)
        nc_shuffle(h, c, it->order, it->n);
    else
        for (int i = 0; i < it->n; i++)
            it->order[i] = i;
    it->pos = 0;
    it->epoch++;
    it->iter_in_epoch = 0;
}

int mb_next(struct mb_iter *it, const int **idx)
{
    int left = it->n - it->pos, b = left < it->batch ? left : it->batch;

    if (b <= 0 || (it->drop_last && b < it->batch)) {
        it->pos = it->n;
        return 0;
    }
    *idx = it->order + it->pos;
    it->pos += b;
    it->iter++;
    it->iter_in_epoch++;
    it->seen += b;
    return b;
}

int mb_cycle(struct mb_iter *it, const struct nnt_host *h,
             struct nnt_call *c, const int **idx)
{
    int b = mb_next(it, idx);

    if (b == 0) {
        mb_epoch(it, h, c);
        b = mb_next(it, idx);
    }
    return b;
}

void mb_free(struct mb_iter *it)
{
    free(it->order);
    it->order = NULL;
}
