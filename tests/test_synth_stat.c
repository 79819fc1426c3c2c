/* Unit tests of the synthesis report tool: Yosys `stat -json` parsing, cell
 * classification, manifest reading and the headline arithmetic. The JSON
 * fixtures are verbatim Yosys 0.23 output for a 3-bit LFSR. */
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
    synth_headline_compute(ds, 4, &h);
    assert_true(h.have_base);
    assert_int_equal(h.nrows, 1);
    assert_ptr_equal(h.rows[0].d, &ds[1]);
    assert_true(h.rows[0].have_over);
    assert_true(fabs(h.rows[0].unit[MET_LUT] - 50) < 1e-9);
    assert_true(fabs(h.rows[0].unit[MET_LUTFF] - 61) < 1e-9);
    assert_true(fabs(synth_ratio(h.base.unit[MET_LUT], h.rows[0].unit[MET_LUT]) - 2.0) < 1e-9);
    /* Overhead over rne: baseline 100-40 = 60 LUT, unit 50-40 = 10 LUT: 6x. */
    assert_true(fabs(synth_ratio(h.base.over[MET_LUT], h.rows[0].over[MET_LUT]) - 6.0) < 1e-9);
    assert_true(fabs(h.rows[0].over[MET_FF] - 3) < 1e-9);
    assert_true(isnan(h.rows[0].unit[MET_TRANS]));
    /* A unit no dearer than rne has no meaningful overhead ratio. */
    assert_true(isnan(synth_ratio(60, 0)));
    assert_true(isnan(synth_ratio(60, -2)));

    /* synth.json: valid JSON; the headline ratio as computed; NAN written as null. */
    char *text = synth_json_text(ds, 4, &h);
    cJSON *root = cJSON_Parse(text);
    assert_non_null(root);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(root, "designs")), 4);
    cJSON *unit = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "headline"), "units"), 0);
    cJSON *ratio = cJSON_GetObjectItem(unit, "overhead_ratio");
    assert_true(fabs(cJSON_GetObjectItem(ratio, "lut")->valuedouble - 6.0) < 1e-9);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(ratio, "transistors")));
    cJSON_Delete(root);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xc7_counts), cmocka_unit_test(test_gates_counts),
        cmocka_unit_test(test_partial_transistors), cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_classify), cmocka_unit_test(test_manifest), cmocka_unit_test(test_headline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
