/* Config validation: every bad value is refused with a message naming it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "model/config.h"

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
        cmocka_unit_test(test_hash_tracks_every_field),
    };
    return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
