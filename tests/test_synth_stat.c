/* Unit tests of the synthesis report tool: Yosys `stat -json` parsing, cell
 * classification, manifest reading and the headline arithmetic; the standard-
 * cell area and OpenSTA parsers; nextpnr's report and log. The inline JSON
 * fixtures are verbatim Yosys 0.23 output for a 3-bit LFSR; the files under
 * tests/test_synth_data/{osu018,nextpnr} are verbatim outputs of synth/stdcell.sh
 * and synth/pnr.sh (see the README there for the commands). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <cJSON.h>
#include <stdlib.h>
#include "synth/design.h"
#include "synth/report.h"
#include "synth/manifest.h"
#include "synth/stat.h"
#include "synth/stdcell.h"
#include "synth/pnr.h"

/* A fixture file's text (the tests run from the repository root). */
static char *fixture(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "tests/test_synth_data/%s", name);
    char *t = synth_slurp(path);
    if (!t) fprintf(stderr, "cannot read fixture %s\n", path);
    assert_non_null(t);
    return t;
}

/* yosys -p 'read_verilog lfsr3.v; synth_xilinx -family xc7 -noiopad; stat -json' (BUFG kept on purpose). */
static const char *xc7_json =
    "{\"creator\": \"Yosys 0.23 (git sha1 7ce5011c24b)\", \"invocation\": \"stat -json \", \"modules\": {"
    "\"\\\\lfsr3\": {\"num_wires\": 7, \"num_wire_bits\": 11, \"num_pub_wires\": 5, \"num_pub_wire_bits\": 9,"
    " \"num_memories\": 0, \"num_memory_bits\": 0, \"num_processes\": 0, \"num_cells\": 5,"
    " \"num_cells_by_type\": {\"BUFG\": 1, \"FDRE\": 2, \"FDSE\": 1, \"LUT2\": 1}}},"
    " \"design\": {\"num_wires\": 7, \"num_wire_bits\": 11, \"num_pub_wires\": 5, \"num_pub_wire_bits\": 9,"
    " \"num_memories\": 0, \"num_memory_bits\": 0, \"num_processes\": 0, \"num_cells\": 5,"
    " \"num_cells_by_type\": {\"BUFG\": 1, \"FDRE\": 2, \"FDSE\": 1, \"LUT2\": 1}}}";

/* synth; dfflegalize; abc -g ...; stat -json -tech cmos (no "design" object: the only module counts). */
static const char *gates_json =
    "{\"creator\": \"Yosys 0.23\", \"modules\": {\"\\\\lfsr3\": {\"num_cells\": 14, \"num_cells_by_type\": {"
    "\"$_AND_\": 3, \"$_DFF_P_\": 3, \"$_MUX_\": 2, \"$_NAND_\": 3, \"$_NOT_\": 2, \"$_XOR_\": 1},"
    " \"estimated_num_transistors\": \"118\"}}}";

static void test_xc7_counts(void **state)
{
    (void)state;
    synth_counts c;
    char err[256];
    assert_int_equal(synth_stat_parse(xc7_json, TGT_XC7, &c, err, sizeof err), 0);
    assert_int_equal(c.ff, 3);
    assert_int_equal(c.logic, 1);
    assert_int_equal(c.lut[2], 1);
    assert_int_equal(c.other, 1);
    assert_string_equal(c.other_types, "BUFG:1");
    assert_int_equal(c.cells, 5);
    assert_int_equal(c.transistors, -1);
}

static void test_gates_counts(void **state)
{
    (void)state;
    synth_counts c;
    char err[256];
    assert_int_equal(synth_stat_parse(gates_json, TGT_GATES, &c, err, sizeof err), 0);
    assert_int_equal(c.ff, 3);
    assert_int_equal(c.logic, 11);
    assert_int_equal(c.other, 0);
    assert_int_equal(c.transistors, 118);
    assert_false(c.transistors_partial);
}

static void test_partial_transistors(void **state)
{
    (void)state;
    synth_counts c;
    char err[256];
    const char *j = "{\"modules\": {\"m\": {\"num_cells\": 1, \"num_cells_by_type\": {\"$_SDFF_PP0_\": 1},"
                    " \"estimated_num_transistors\": \"12+\"}}}";
    assert_int_equal(synth_stat_parse(j, TGT_GATES, &c, err, sizeof err), 0);
    assert_int_equal(c.transistors, 12);
    assert_true(c.transistors_partial);
    assert_int_equal(c.ff, 1);
}

static void test_malformed(void **state)
{
    (void)state;
    synth_counts c;
    char err[256] = "";
    assert_int_equal(synth_stat_parse("{\"design\": {\"num_cells\": 5,", TGT_XC7, &c, err, sizeof err), -1);
    assert_non_null(strstr(err, "malformed JSON"));
    assert_int_equal(synth_stat_parse("{\"design\": {\"num_cells\": 1}}", TGT_XC7, &c, err, sizeof err), -1);
    assert_non_null(strstr(err, "num_cells_by_type"));
    /* Two modules and no "design": which one is the design is ambiguous. */
    assert_int_equal(synth_stat_parse("{\"modules\": {\"a\": {}, \"b\": {}}}", TGT_XC7, &c, err, sizeof err), -1);
    /* Counts that do not add up mean a truncated or edited file. */
    assert_int_equal(synth_stat_parse("{\"design\": {\"num_cells\": 2, \"num_cells_by_type\": {\"FDRE\": 1}}}",
                                      TGT_XC7, &c, err, sizeof err),
                     -1);
    assert_non_null(strstr(err, "add up"));
    /* Counts a long cannot hold, fractions and a huge total (the fuzzer's find:
       1e73 converted to long is undefined behaviour): refused, not wrapped. */
    const char *bad_counts[] = {
        "{\"design\": {\"num_cells\": 1, \"num_cells_by_type\": {\"FDRE\": 1e73}}}",
        "{\"design\": {\"num_cells\": 1, \"num_cells_by_type\": {\"FDRE\": 0.5}}}",
        "{\"design\": {\"num_cells\": 1e73, \"num_cells_by_type\": {\"FDRE\": 1}}}",
        "{\"design\": {\"num_cells\": 2, \"num_cells_by_type\": {\"A\": 1e12, \"B\": 1e12}}}",
        "{\"design\": {\"num_cells\": 1, \"num_cells_by_type\": {\"FDRE\": 1}, "
        "\"estimated_num_transistors\": -1e300}}",
    };
    for (size_t i = 0; i < sizeof bad_counts / sizeof bad_counts[0]; i++)
        if (synth_stat_parse(bad_counts[i], TGT_GATES, &c, err, sizeof err) != -1)
            fail_msg("accepted %s", bad_counts[i]);
    /* Control: the largest allowed single count is accepted. */
    assert_int_equal(synth_stat_parse("{\"design\": {\"num_cells\": 1e12, \"num_cells_by_type\": {\"A\": 1e12}}}",
                                      TGT_GATES, &c, err, sizeof err), 0);
    assert_true(c.cells == 1000000000000L);
    assert_int_equal(synth_stat_load("/nonexistent/xc7.json", TGT_XC7, &c, err, sizeof err), -1);
    assert_non_null(strstr(err, "/nonexistent/xc7.json"));
}

static void test_classify(void **state)
{
    (void)state;
    assert_int_equal(synth_classify(TGT_XC7, "FDSE"), CELL_FF);
    assert_int_equal(synth_classify(TGT_XC7, "LUT6"), CELL_LOGIC);
    assert_int_equal(synth_classify(TGT_XC7, "LUT7"), CELL_OTHER);
    assert_int_equal(synth_classify(TGT_XC7, "SRLC32E"), CELL_LOGIC);
    assert_int_equal(synth_classify(TGT_XC7, "INV"), CELL_LOGIC);
    assert_int_equal(synth_classify(TGT_XC7, "CARRY4"), CELL_CARRY);
    assert_int_equal(synth_classify(TGT_XC7, "DSP48E1"), CELL_DSP);
    assert_int_equal(synth_classify(TGT_XC7, "MUXF7"), CELL_OTHER);
    assert_int_equal(synth_classify(TGT_ICE40, "SB_DFFESR"), CELL_FF);
    assert_int_equal(synth_classify(TGT_ICE40, "SB_LUT4"), CELL_LOGIC);
    assert_int_equal(synth_classify(TGT_ICE40, "SB_CARRY"), CELL_CARRY);
    assert_int_equal(synth_classify(TGT_GATES, "$_DFF_P_"), CELL_FF);
    assert_int_equal(synth_classify(TGT_GATES, "$_XNOR_"), CELL_LOGIC);
    assert_int_equal(synth_classify(TGT_GATES, "$_ALDFF_PP_"), CELL_FF);
    assert_int_equal(synth_classify(TGT_GATES, "$add"), CELL_OTHER);
}

static void test_manifest(void **state)
{
    (void)state;
    static synth_manifest m;
    char err[256];
    const char *j = "{\"generator\": \"esrugen\", \"config\": {\"in_width\": 32, \"out_width\": 8, \"shift\": 16,"
                    " \"rounding\": \"sr\", \"sru_width\": 8, \"prng_width\": 3, \"fill\": \"zero\", \"prng\": \"pair\","
                    " \"lanes\": 2, \"seed\": 1, \"name\": \"p\"}, \"config_hash\": \"72c7d7d2e1539cc4\","
                    " \"files\": [\"p.v\", \"p_lane.v\", \"p_lfsr.v\"]}";
    assert_int_equal(synth_manifest_parse(j, &m, err, sizeof err), 0);
    assert_int_equal(m.nfiles, 3);
    assert_string_equal(m.files[2], "p_lfsr.v");
    assert_string_equal(m.hash, "72c7d7d2e1539cc4");
    assert_int_equal(m.n, 8);
    assert_int_equal(m.m, 3);
    assert_int_equal(m.lanes, 2);
    assert_string_equal(m.prng, "pair");
    /* Names a shell splits or that escape the design directory are refused. */
    assert_int_equal(synth_manifest_parse("{\"files\": [\"../x.v\"]}", &m, err, sizeof err), -1);
    assert_int_equal(synth_manifest_parse("{\"files\": [\"a b.v\"]}", &m, err, sizeof err), -1);
    assert_int_equal(synth_manifest_parse("{\"files\": []}", &m, err, sizeof err), -1);
    assert_int_equal(synth_manifest_parse("{\"files\": [\"a.v\"", &m, err, sizeof err), -1);
}

static void set_design(synth_design *d, const char *rounding, unsigned n, unsigned m, const char *prng,
                       unsigned lanes, long lut, long ff, long gates)
{
    memset(d, 0, sizeof *d);
    snprintf(d->name, sizeof d->name, "%s%u_%u_%s", rounding, n, m, prng);
    snprintf(d->man.rounding, sizeof d->man.rounding, "%s", rounding);
    snprintf(d->man.prng, sizeof d->man.prng, "%s", prng);
    d->man.iw = 32, d->man.ow = 8, d->man.shift = 16, d->man.n = n, d->man.m = m, d->man.lanes = lanes;
    d->c[TGT_XC7].logic = lut, d->c[TGT_XC7].ff = ff;
    d->c[TGT_GATES].logic = gates, d->c[TGT_GATES].transistors = -1;
}

static void test_headline(void **state)
{
    (void)state;
    static synth_design ds[4];
    static synth_headline h;
    set_design(&ds[0], "sr", 24, 24, "lfsr", 1, 100, 40, 400);
    set_design(&ds[1], "sr", 8, 3, "pair", 2, 100, 22, 400); /* per lane: 50 LUT, 11 FF, 200 gates */
    set_design(&ds[2], "rne", 8, 3, "plateau", 1, 40, 8, 100);
    set_design(&ds[3], "sr", 16, 16, "lfsr", 1, 1, 1, 1); /* neither baseline nor 8/3: not in the headline */
    /* osu018 um^2: baseline 8000, pair 6000 for 2 lanes (3000 per lane), rne 2500 */
    ds[0].c[TGT_OSU018].area_um2 = 8000, ds[1].c[TGT_OSU018].area_um2 = 6000, ds[2].c[TGT_OSU018].area_um2 = 2500;
    synth_headline_compute(ds, 4, &h);
    assert_true(h.have_base);
    /* whole unit 8000 / 3000; SR overhead (8000 - 2500) / (3000 - 2500) = 11 */
    assert_true(fabs(area_ratio(h.base.unit[MET_UM2], h.rows[0].unit[MET_UM2]) - 8000.0 / 3000) < 1e-9);
    assert_true(fabs(area_ratio(h.base.over[MET_UM2], h.rows[0].over[MET_UM2]) - 11.0) < 1e-9);
    /* a design without osu018 results has no area: n/a, not 0 */
    assert_true(isnan(h.mac_share[0][MET_UM2]) || h.nmac == 0);
    assert_int_equal(h.nrows, 1);
    assert_ptr_equal(h.rows[0].d, &ds[1]);
    assert_true(h.rows[0].have_over);
    assert_true(fabs(h.rows[0].unit[MET_LUT] - 50) < 1e-9);
    assert_true(fabs(h.rows[0].unit[MET_LUTFF] - 61) < 1e-9);
    assert_true(fabs(area_ratio(h.base.unit[MET_LUT], h.rows[0].unit[MET_LUT]) - 2.0) < 1e-9);
    /* Overhead over rne: baseline 100-40 = 60 LUT, unit 50-40 = 10 LUT: 6x. */
    assert_true(fabs(area_ratio(h.base.over[MET_LUT], h.rows[0].over[MET_LUT]) - 6.0) < 1e-9);
    assert_true(fabs(h.rows[0].over[MET_FF] - 3) < 1e-9);
    assert_true(isnan(h.rows[0].unit[MET_TRANS]));
    /* A unit no dearer than rne has no meaningful overhead ratio. */
    assert_true(isnan(area_ratio(60, 0)));
    assert_true(isnan(area_ratio(60, -2)));

    /* synth.json: valid JSON; the headline ratio as computed; NAN written as null. */
    char *text = synth_json_text(ds, 4, &h);
    cJSON *root = cJSON_Parse(text);
    assert_non_null(root);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(root, "designs")), 4);
    cJSON *unit = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "headline"), "units"), 0);
    cJSON *ratio = cJSON_GetObjectItem(unit, "overhead_ratio");
    assert_true(fabs(cJSON_GetObjectItem(ratio, "lut")->valuedouble - 6.0) < 1e-9);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(ratio, "transistors")));
    assert_true(fabs(cJSON_GetObjectItem(ratio, "um2")->valuedouble - 11.0) < 1e-9);
    cJSON_Delete(root);
    free(text);
}


/* tiny: esrugen --in-width 4 --out-width 2 --shift 2 --sru-width 2 --prng-width 2 --prng lfsr
 * on osu018. Its flip-flops, from first principles: y (OW = 2 bits) and one
 * 2-bit LFSR = 4. */
static void test_osu018_counts(void **state)
{
    (void)state;
    synth_counts c;
    char err[256];
    char *j = fixture("osu018/tiny.json");
    assert_int_equal(synth_stat_parse(j, TGT_OSU018, &c, err, sizeof err), 0);
    free(j);
    assert_int_equal(c.ff, 4);
    assert_int_equal(c.cells, 25);
    assert_int_equal(c.logic, 21);
    assert_int_equal(c.other, 0);
    assert_int_equal(synth_classify(TGT_OSU018, "DFFSR"), CELL_FF);
    assert_int_equal(synth_classify(TGT_OSU018, "LATCH"), CELL_FF);
    assert_int_equal(synth_classify(TGT_OSU018, "OAI21X1"), CELL_LOGIC);
    /* a generic cell the mapping left behind is not a standard cell */
    assert_int_equal(synth_classify(TGT_OSU018, "$_DFF_P_"), CELL_OTHER);
}

static void test_area(void **state)
{
    (void)state;
    double area;
    long cells;
    char err[256];
    /* reg4 (4 flip-flops, no logic): 4 x DFFPOSX1, whose `area : 96` is in osu018_stdcells.lib. */
    char *t = fixture("osu018/reg4.stat");
    assert_int_equal(synth_area_parse(t, &area, &cells, err, sizeof err), 0);
    free(t);
    assert_true(fabs(area - 4 * 96) < 1e-9);
    assert_int_equal(cells, 4);
    t = fixture("osu018/tiny.stat");
    assert_int_equal(synth_area_parse(t, &area, &cells, err, sizeof err), 0);
    assert_true(fabs(area - 893) < 1e-9);
    assert_int_equal(cells, 25);
    /* Two module areas and no top-module total: which is the design is ambiguous. */
    size_t n = strlen(t);
    char *twice = malloc(2 * n + 1);
    memcpy(twice, t, n);
    memcpy(twice + n, t, n + 1);
    assert_int_equal(synth_area_parse(twice, &area, &cells, err, sizeof err), -1);
    free(twice);
    free(t);
    assert_int_equal(synth_area_parse("   Chip area for module '\\x': 12.0\n", &area, &cells, err, sizeof err), -1);
    assert_non_null(strstr(err, "cell count"));
}

/* Replace the first occurrence of from in text (same length) and return text. */
static char *patch(char *text, const char *from, const char *to)
{
    char *p = strstr(text, from);
    assert_non_null(p);
    assert_int_equal(strlen(from), strlen(to));
    memcpy(p, to, strlen(to));
    return text;
}

static void test_sta(void **state)
{
    (void)state;
    synth_sta s;
    char err[256];
    char *t = fixture("osu018/tiny.sta");
    assert_int_equal(synth_sta_parse(t, &s, err, sizeof err), 0);
    assert_true(fabs(s.period_ns - 10) < 1e-9);
    assert_true(s.reg2reg.found);
    /* from an LFSR bit (seen as the lane's rword port) to an output register */
    assert_string_equal(s.reg2reg.start, "u_lane0.rword[1]_reg");
    assert_string_equal(s.reg2reg.end, "y[0]_reg");
    assert_true(fabs(s.reg2reg.arrival_ns - 0.621) < 1e-9);
    assert_true(fabs(s.reg2reg.slack_ns - 9.192) < 1e-9);
    /* the shortest period it meets: 10 ns - 9.192 ns of slack */
    assert_true(fabs(s.reg2reg.min_period_ns - 0.808) < 1e-9);
    assert_true(fabs(synth_sta_period(&s) - 0.808) < 1e-9);
    /* Negative: a register-to-register path longer than "the worst" is an inconsistent report. */
    assert_int_equal(synth_sta_parse(patch(t, "9.192   slack", "1.000   slack"), &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "longer than the worst"));
    free(t);

    /* reg4: no flip-flop feeds a flip-flop; the worst path runs from input d into q. */
    t = fixture("osu018/reg4.sta");
    assert_int_equal(synth_sta_parse(t, &s, err, sizeof err), 0);
    assert_false(s.reg2reg.found);
    assert_true(s.worst.found);
    assert_string_equal(s.worst.start, "d[0]");
    assert_string_equal(s.worst.end, "q[0]_reg");
    assert_true(fabs(s.worst.min_period_ns - (10 - 9.801)) < 1e-9);
    /* A report cut short (OpenSTA died) is refused. */
    *strstr(t, "== end") = 0;
    assert_int_equal(synth_sta_parse(t, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "worst"));
    free(t);
    assert_int_equal(synth_sta_parse("== reg2reg\n", &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "period"));
}

/* tiny inside its --wrap reg wrapper, nextpnr-ice40 --hx8k --package ct256 --seed 1. */
static void test_nextpnr_report(void **state)
{
    (void)state;
    pnr_seed r;
    char err[256];
    char *t = fixture("nextpnr/tiny_report.json");
    assert_int_equal(pnr_report_parse(t, &r, err, sizeof err), 0);
    assert_true(fabs(r.fmax_mhz - 213.21961975097656) < 1e-9);
    assert_int_equal(r.lc_used, 21);
    assert_int_equal(r.lc_avail, 7680);
    /* I/O from first principles: clk, rst, en, 4 x bits, 2 y bits. */
    assert_int_equal(r.io_used, 9);
    assert_int_equal(r.io_avail, 256);
    /* Negative: a second clock makes "the" Fmax ambiguous; no clock, no Fmax. */
    char *two = malloc(strlen(t) + 64);
    char *at = strstr(t, "\"fmax\": {") + strlen("\"fmax\": {");
    sprintf(two, "%.*s\"b\": {\"achieved\": 1, \"constraint\": 1}, %s", (int)(at - t), t, at);
    assert_int_equal(pnr_report_parse(two, &r, err, sizeof err), -1);
    assert_non_null(strstr(err, "exactly one clock"));
    free(two);
    free(t);
    assert_int_equal(pnr_report_parse("{\"fmax\": {}, \"utilization\": {}}", &r, err, sizeof err), -1);
    assert_int_equal(pnr_report_parse("{\"fmax\": ", &r, err, sizeof err), -1);
}

static void test_nextpnr_overuse(void **state)
{
    (void)state;
    char reason[256];
    /* esrugen sliced, 8 lanes, --wrap reg: 3 control pins + 8 x 32 x bits + 8 x 8 y bits = 323 I/O. */
    char *t = fixture("nextpnr/sliced_nofit.log");
    assert_int_equal(pnr_overuse(t, reason, sizeof reason), 1);
    assert_string_equal(reason, "SB_IO 323/256");
    free(t);
    t = fixture("nextpnr/tiny.log"); /* fits: nothing over-used */
    assert_int_equal(pnr_overuse(t, reason, sizeof reason), 0);
    free(t);
    assert_int_equal(pnr_overuse("ERROR: no such file\n", reason, sizeof reason), -1);
    double v[] = {3, 1, 2}, w[] = {4, 1, 3, 2};
    assert_true(pnr_median(v, 3) == 2);
    assert_true(pnr_median(w, 4) == 2.5);
    assert_true(v[0] == 1 && v[2] == 3); /* sorted in place: min and max at the ends */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xc7_counts), cmocka_unit_test(test_gates_counts),
        cmocka_unit_test(test_partial_transistors), cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_classify), cmocka_unit_test(test_manifest), cmocka_unit_test(test_headline),
        cmocka_unit_test(test_osu018_counts), cmocka_unit_test(test_area), cmocka_unit_test(test_sta),
        cmocka_unit_test(test_nextpnr_report), cmocka_unit_test(test_nextpnr_overuse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
