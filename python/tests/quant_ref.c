/* The C side of the Python tests: the model called directly, as esrutrain
 * calls it (no libesru.so, no gen/api), on tensors from binary files.
 *
 *   quant_ref round  LINE SEED SIZES X.i64 Y.i32
 *       one bank (quant_bank_init) for the config line; each tensor of SIZES
 *       (comma-separated element counts) through quant_stream by 2^D to OW bits.
 *   quant_ref update LINE SEED SIZES W.i32 G.f32 OUT.i32 EXPS LR_LOG2 GW WW STEPS
 *       STEPS steps, each over the tensors of SIZES in order (G holds STEPS x
 *       the total gradients): quant_from_float(g) -> e, then
 *       fx_backend_c.update with d = w_exp - (e + lr_log2) (EXPS: one weight
 *       exponent per tensor). OUT: the weights after the last step. */
#include "cli/flags.h"
#include "model/backend.h"
#include "model/quant.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *msg, const char *what)
{
    fprintf(stderr, "quant_ref: %s%s\n", msg, what);
    exit(2);
}

static void *slurp(const char *path, size_t want)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("cannot open ", path);
    void *buf = malloc(want ? want : 1);
    if (!buf || fread(buf, 1, want, f) != want || fgetc(f) != EOF)
        die("wrong size: ", path);
    fclose(f);
    return buf;
}

static void spill(const char *path, const void *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0)
        die("cannot write ", path);
}

/* "12,5,300" -> sizes; returns their count. */
static size_t list(const char *text, long long *out, size_t max)
{
    size_t n = 0;
    for (const char *p = text; *p && n < max; n++) {
        char *end;
        out[n] = strtoll(p, &end, 10);
        if (end == p)
            die("bad list: ", text);
        p = *end == ',' ? end + 1 : end;
    }
    return n;
}

int main(int argc, char **argv)
{
    if (argc < 6)
        die("usage: see the comment at the top of python/tests/quant_ref.c", "");
    static esru_settings s;
    char err[512];
    esru_settings_default(&s, ESRU_TOOL_LINE);
    if (esru_flags_parse_line(&s, argv[2], err, sizeof err) != 0 || esru_settings_finish(&s, err, sizeof err) != 0)
        die(err, "");
    quant_bank b;
    quant_bank_init(&b, &s.sru, strtoull(argv[3], NULL, 10), 0);
    long long sizes[64], exps[64];
    size_t nt = list(argv[4], sizes, 64), total = 0;
    for (size_t t = 0; t < nt; t++)
        total += (size_t)sizes[t];
    if (strcmp(argv[1], "round") == 0 && argc == 7) {
        int64_t *x = slurp(argv[5], total * sizeof *x);
        int32_t *y = malloc(total * sizeof *y + 1);
        for (size_t t = 0, at = 0; t < nt; at += (size_t)sizes[t++])
            quant_stream(&b, x + at, (size_t)sizes[t], (int)s.sru.shift, s.sru.out_width, y + at);
        spill(argv[6], y, total * sizeof *y);
        return 0;
    }
    if (strcmp(argv[1], "update") == 0 && argc == 13) {
        size_t steps = strtoull(argv[12], NULL, 10);
        int32_t *w = slurp(argv[5], total * sizeof *w);
        float *g = slurp(argv[6], steps * total * sizeof *g);
        int64_t *gi = malloc(total * sizeof *gi + 1);
        if (list(argv[8], exps, 64) != nt)
            die("one exponent per tensor: ", argv[8]);
        int lr_log2 = atoi(argv[9]);
        unsigned gw = (unsigned)atoi(argv[10]), ww = (unsigned)atoi(argv[11]);
        uint64_t og = 0, ow = 0;
        for (size_t k = 0; k < steps; k++)
            for (size_t t = 0, at = 0; t < nt; at += (size_t)sizes[t++]) {
                int e = quant_from_float(g + k * total + at, (size_t)sizes[t], gi + at);
                int d = (int)exps[t] - (e + lr_log2);
                fx_backend_c.update(&fx_backend_c, &b, w + at, gi + at, (size_t)sizes[t], d, gw, ww, &og, &ow);
            }
        spill(argv[7], w, total * sizeof *w);
        return 0;
    }
    die("unknown mode or wrong argument count: ", argv[1]);
    return 2;
}
