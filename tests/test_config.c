/* Config validation: every bad value is refused with a message naming it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "model/config.h"
#include "model/names.h"

static void expect_error(esru_config c, const char *needle)
{
    char err[512] = "";
    assert_int_equal(esru_config_check(&c, err, sizeof err), -1);
    if (!strstr(err, needle))
        fail_msg("message '%s' does not mention '%s'", err, needle);
    assert_non_null(strstr(err, "valid"));
}

static void test_default_is_valid(void **state)
{
    (void)state;
    esru_config c;
    esru_config_default(&c);
    char err[512];
    assert_int_equal(esru_config_check(&c, err, sizeof err), 0);
}

static void test_bad_values(void **state)
{
    (void)state;
    esru_config c;
    esru_config_default(&c);
    esru_config b = c; b.in_width = 1; expect_error(b, "--in-width 1");
    b = c; b.out_width = 40; expect_error(b, "--out-width 40");
    b = c; b.shift = 32; expect_error(b, "--shift 32");
    b = c; b.prng_width = 9; expect_error(b, "--prng-width 9");
    b = c; b.sru_width = 0; expect_error(b, "--sru-width 0");
    b = c; b.seed = 0; expect_error(b, "--seed 0");
    b = c; b.prng = PRNG_PAIR; b.lanes = 3; expect_error(b, "--lanes 3");
    b = c; b.prng = PRNG_SLICED; b.lanes = 32; b.prng_width = 3; expect_error(b, "96 bits");
    b = c; strcpy(b.name, "9bad"); expect_error(b, "9bad");
}

/* Every reserved word of gen/model/verilog_keywords.def is refused, with a
 * message naming it. IEEE 1800-2017 Table B.1 lists 248 keywords, so the
 * table must have 248 rows. */
static void test_keywords_refused(void **state)
{
    (void)state;
    esru_config c;
    esru_config_default(&c);
    size_t n = 0;
    for (const char *w; (w = esru_keyword(n)) != NULL; n++) {
        esru_config b = c;
        snprintf(b.name, sizeof b.name, "%s", w);
        char needle[96];
        snprintf(needle, sizeof needle, "--name '%s' is a reserved word", w);
        expect_error(b, needle);
    }
    assert_int_equal(n, 248);
}

/* Signals of the generated tops ('#' rows: any digits) are refused; names
 * whose modules would be another design's pass with a warning; then names
 * that are fine. */
static void test_names(void **state)
{
    (void)state;
    esru_config c;
    esru_config_default(&c);
    static const char *const refused[][2] = {
        {"clk", "signal inside the generated top"},  {"r0", "signal inside"},      {"r123", "signal inside"},
        {"lfsr7_q", "signal inside"},                {"rq_shift", "signal inside"},
        {"_x", "not a Verilog identifier"},          {"x-y", "not a Verilog identifier"}, {"", "not a Verilog identifier"},
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        esru_config b = c;
        snprintf(b.name, sizeof b.name, "%s", refused[i][0]);
        expect_error(b, refused[i][1]);
    }
    static const char *const clash[][2] = {
        {"x_lane", "ends in '_lane': a module of this design has the name of the _lane module of a design named 'x'"},
        {"sru8_3_lfsr", "ends in '_lfsr'"},
        {"m_rq_lane", "ends in '_rq_lane'"},
        {"a_rq", "ends in '_rq': a module of this design has the name of the _rq_lane module of a design named 'a'"},
        {"b_up", "the _up_lane module"},
    };
    char msg[512];
    for (size_t i = 0; i < sizeof clash / sizeof clash[0]; i++) {
        esru_config b = c;
        snprintf(b.name, sizeof b.name, "%s", clash[i][0]);
        assert_int_equal(esru_config_check(&b, msg, sizeof msg), 0);
        assert_int_equal(esru_name_clash(b.name, msg, sizeof msg), 1);
        if (!strstr(msg, clash[i][1]))
            fail_msg("warning '%s' does not mention '%s'", msg, clash[i][1]);
    }
    assert_int_equal(esru_name_clash("x_lanes", msg, sizeof msg), 0);
    assert_int_equal(esru_name_clash("rq", msg, sizeof msg), 0);
    /* not NUL-terminated within the array: too long */
    esru_config b = c;
    memset(b.name, 'a', sizeof b.name);
    expect_error(b, "longer than 63 characters");
    static const char *const fine[] = {"Module", "WIRE", "top", "u", "r", "rq", "lane", "x_lanes", "esru8x3", "e_rne_a", "mac"};
    for (size_t i = 0; i < sizeof fine / sizeof fine[0]; i++) {
        b = c;
        snprintf(b.name, sizeof b.name, "%s", fine[i]);
        char err[512] = "";
        if (esru_config_check(&b, err, sizeof err) != 0)
            fail_msg("--name %s refused: %s", fine[i], err);
    }
    memset(b.name, 'a', sizeof b.name - 1);
    b.name[sizeof b.name - 1] = 0;
    char err[512];
    assert_int_equal(esru_config_check(&b, err, sizeof err), 0);
}

static void test_hash_tracks_every_field(void **state)
{
    (void)state;
    esru_config c;
    esru_config_default(&c);
    uint64_t h = esru_config_hash(&c);
    esru_config b = c; b.fill = c.fill == FILL_HALF ? FILL_ZERO : FILL_HALF;
    assert_true(esru_config_hash(&b) != h);
    b = c; b.seed = 2;
    assert_true(esru_config_hash(&b) != h);
    b = c;
    assert_true(esru_config_hash(&b) == h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_is_valid),
        cmocka_unit_test(test_bad_values),
        cmocka_unit_test(test_keywords_refused),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_hash_tracks_every_field),
    };
    return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
