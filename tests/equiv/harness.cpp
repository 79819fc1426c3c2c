// Verilator harness of the RTL-equals-model sweep: drives every config of
// equiv_top (tests/equiv/configs.txt) with random stimulus and compares every
// output bit of every lane, after every clock edge, with the C cycle model
// esru_unit (gen/unit.h). Stops at the first mismatch with exit status 1.
//
// usage: Vequiv [--cycles N] [--seed S] [--mutate NAME:WHAT] [--keep-going]
//   --keep-going: after a config's first mismatch, stop checking only that
//   config and go on with the others (exit status still 1).
//   --mutate perturbs the model of one unit (WHAT: seed, fill, rne, trunc,
//   sr, shift; latency: --pipeline one less, or 1 for P = 0; noen: model sees en always high; norst: model ignores rst) to prove the comparison can fail; only that unit is
//   compared then.
#include "Vequiv_top.h"
#include "verilated.h"
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>

extern "C" {
#include "cfgline.h"
#include "cli/number.h"
#include "stim.h"
#include "model/sru.h"
#include "model/unit.h"
}

#include "equiv_ports.h"

static esru_unit units[EQ_NCONFIGS];
static esru_config cfgs[EQ_NCONFIGS];
static eq_rng rngs[EQ_NCONFIGS];
static eq_cycle stim[EQ_NCONFIGS];
static uint64_t n_en[EQ_NCONFIGS], n_rst[EQ_NCONFIGS];
// coverage: lane roundings that ended at a saturation bound, and that rounded
// up (y differs from the model's own trunc result for the same x)
static uint64_t n_sat[EQ_NCONFIGS], n_up[EQ_NCONFIGS];
static int failed[EQ_NCONFIGS];
static int keep_going; // --keep-going: report each failing config, go on with the others
static int only = -1;   // --mutate: compare only the mutated unit, so that a real
                        // failure elsewhere cannot pass for the expected one

// mutations of the cycle behaviour: the model of the mutated unit sees en
// always high (noen), or never sees rst after cycle 0 (norst)
static int mut_noen, mut_norst;

static int mutate(esru_config *c, const char *what)
{
    if (!strcmp(what, "seed"))
        c->seed += 1;
    else if (!strcmp(what, "fill"))
        c->fill = c->fill == FILL_ZERO ? FILL_HALF : FILL_ZERO;
    else if (!strcmp(what, "rne"))
        c->rounding = ROUND_RNE;
    else if (!strcmp(what, "trunc"))
        c->rounding = ROUND_TRUNC;
    else if (!strcmp(what, "sr"))
        c->rounding = ROUND_SR;
    else if (!strcmp(what, "shift"))
        c->shift = c->shift ? c->shift - 1 : 1;
    else if (!strcmp(what, "latency"))
        c->pipeline = c->pipeline ? c->pipeline - 1 : 1; // one cycle less (or more) than the RTL
    else if (!strcmp(what, "noen"))
        mut_noen = 1;
    else if (!strcmp(what, "norst"))
        mut_norst = 1;
    else
        return -1;
    return 0;
}

// Compare every lane of unit c; on a mismatch print the details and exit.
static void check(const Vequiv_top *top, int c, long cycle, const char *when)
{
    if (failed[c] || (only >= 0 && c != only))
        return;
    const esru_config *cfg = &cfgs[c];
    uint64_t mask = eq_mask(cfg->out_width);
    for (unsigned l = 0; l < cfg->lanes; l++) {
        uint64_t got = eq_get_y(top, c, l);
        uint64_t want = (uint64_t)units[c].y[l] & mask;
        if (got != want) {
            const eq_cycle *s = &stim[c];
            printf("MISMATCH config %s cycle %ld (%s) lane %u: x=%" PRId64 " (0x%" PRIx64 ") rst=%d en=%d",
                   cfg->name, cycle, when, l, s->x[l], (uint64_t)s->x[l] & eq_mask(cfg->in_width), s->rst, s->en);
            if (cfg->prng == PRNG_EXT)
                printf(" rnd=0x%" PRIx64, s->rnd[l]);
            printf(" expected=%" PRId64 " got=%" PRId64 " (raw 0x%" PRIx64 ")\n", units[c].y[l],
                   eq_sext(got, cfg->out_width), got);
            printf("  flags: %s\n", eq_lines[c]);
            failed[c] = 1;
            if (!keep_going) {
                printf("stopped at the first mismatch (cycle %ld): 1 failed, the other configs not finished\n", cycle);
                fflush(stdout);
                exit(1);
            }
            return;
        }
    }
}

int main(int argc, char **argv)
{
    long cycles = 200000;
    uint64_t seed = 1, v;
    const char *mut = NULL;
    char perr[256];
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--cycles") && i + 1 < argc) {
            if (esru_parse_u64("--cycles", argv[++i], 1, 1000000000, &v, perr, sizeof perr) != 0) {
                fprintf(stderr, "%s\n", perr);
                return 2;
            }
            cycles = (long)v;
        } else if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
            if (esru_parse_u64("--seed", argv[++i], 0, UINT64_MAX, &seed, perr, sizeof perr) != 0) {
                fprintf(stderr, "%s\n", perr);
                return 2;
            }
        }
        else if (!strcmp(argv[i], "--mutate") && i + 1 < argc)
            mut = argv[++i];
        else if (!strcmp(argv[i], "--keep-going"))
            keep_going = 1;
        else if (argv[i][0] == '+')
            continue; // Verilator plusargs
        else {
            fprintf(stderr, "usage: %s [--cycles N] [--seed S] [--mutate NAME:WHAT] [--keep-going]\n", argv[0]);
            return 2;
        }
    }

    int mutated = mut ? -1 : 0;
    for (int c = 0; c < EQ_NCONFIGS; c++) {
        char err[512];
        if (eq_parse_line(eq_lines[c], &cfgs[c], err, sizeof err) != 0) {
            fprintf(stderr, "config %d: %s\n", c, err);
            return 2;
        }
        // Independent stimulus stream per config: mutating one leaves the others alone.
        eq_rng_seed(&rngs[c], seed ^ esru_config_hash(&cfgs[c]));
        if (mut) {
            size_t len = strlen(cfgs[c].name);
            if (!strncmp(mut, cfgs[c].name, len) && mut[len] == ':') {
                if (mutate(&cfgs[c], mut + len + 1) != 0) {
                    fprintf(stderr, "unknown mutation %s\n", mut);
                    return 2;
                }
                mutated = c;
                printf("self-check: model of %s mutated (%s): a mismatch is expected\n", cfgs[c].name,
                       mut + len + 1);
            }
        }
        esru_unit_init(&units[c], &cfgs[c]);
    }
    if (mutated < 0) {
        fprintf(stderr, "--mutate %s: no such config\n", mut);
        return 2;
    }
    if (mut)
        only = mutated;

    VerilatedContext ctx;
    ctx.commandArgs(argc, argv);
    Vequiv_top *top = new Vequiv_top(&ctx);
    top->clk = 0;
    top->eval();

    for (long k = 0; k < cycles; k++) {
        for (int c = 0; c < EQ_NCONFIGS; c++) {
            eq_stim_cycle(&rngs[c], &cfgs[c], &stim[c]);
            if (k == 0)
                stim[c].rst = 1; // start from the reset state
            eq_set(top, c, &stim[c]);
        }
        top->clk = 0;
        top->eval();
        // y is registered: new inputs alone must not change it
        if (k > 0)
            for (int c = 0; c < EQ_NCONFIGS; c++)
                check(top, c, k, "before edge");
        top->clk = 1;
        top->eval();
        for (int c = 0; c < EQ_NCONFIGS; c++) {
            const eq_cycle *s = &stim[c];
            // ext: the random bits the RTL sees on rnd (any kind: rne/trunc ignore them)
            int m_rst = s->rst, m_en = s->en;
            if (c == only && mut_noen)
                m_en = 1;
            if (c == only && mut_norst && k > 0)
                m_rst = 0;
            esru_unit_clock(&units[c], m_rst, m_en, s->x, cfgs[c].prng == PRNG_EXT ? s->rnd : NULL);
            n_en[c] += s->en && !s->rst;
            n_rst[c] += s->rst;
            if (s->en && !s->rst)
                for (unsigned l = 0; l < cfgs[c].lanes; l++) {
                    int64_t y = units[c].y[l];
                    int64_t tr = esru_round(s->x[l], cfgs[c].shift, cfgs[c].out_width, ROUND_TRUNC, 0, 0, NULL);
                    n_sat[c] += y == esru_saturate(INT64_MAX, cfgs[c].out_width, NULL) ||
                                y == esru_saturate(INT64_MIN, cfgs[c].out_width, NULL);
                    n_up[c] += y != tr;
                }
            check(top, c, k, "after edge");
        }
    }
    top->final();
    delete top;

    int n_failed = 0;
    for (int c = 0; c < EQ_NCONFIGS; c++) {
        if (only >= 0 && c != only)
            continue;
        n_failed += failed[c];
        if (failed[c]) {
            printf("  %-12s FAILED (first mismatch above)\n", cfgs[c].name);
            continue;
        }
        printf("  %-12s %ld cycles (%" PRIu64 " enabled, %" PRIu64 " in reset), %u lanes, roundings: %" PRIu64
               " at a bound, %" PRIu64 " rounded up: ok\n",
               cfgs[c].name, cycles, n_en[c], n_rst[c], cfgs[c].lanes, n_sat[c], n_up[c]);
    }
    if (mut && !failed[mutated]) {
        printf("self-check FAILED: model of %s was mutated (%s) but no mismatch was found\n", cfgs[mutated].name, mut);
        return 3;
    }
    printf("%d passed, %d failed\n", EQ_NCONFIGS - n_failed, n_failed);
    return n_failed ? 1 : 0;
}
