/* The flag table's parsers called more than once in a process (the Python
 * binding, a harness reading a manifest after its own flags, the fuzzer). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "cli/flags.h"

/* argv in heap memory that is freed after the call, as a caller's would be. */
static int parse(esru_settings *s, const char *const *args, int n, char *err, size_t len)
{
    char **argv = calloc((size_t)n + 1, sizeof *argv);
    for (int i = 0; i < n; i++)
        argv[i] = strdup(args[i]);
    int next;
    int rc = esru_flags_parse(s, n, argv, &next, err, len);
    for (int i = 0; i < n; i++)
        free(argv[i]);
    free(argv);
    return rc;
}

/* A call that stops inside a cluster of short options ("-xodir": the unknown
 * -x, then -o dir) used to leave getopt pointing into its freed argv, and the
 * next call went on from there, reading freed memory: with optind = 1 this
 * test's second call refused the valid "--seed 7" with "-s is not a flag"
 * (the freed bytes had been reused); the flag fuzzer saw the use after free.
 * The second call must see only its own arguments. */
static void test_parse_twice(void **state)
{
    (void)state;
    static esru_settings s;
    char err[512];
    esru_settings_default(&s, ESRU_TOOL_UNIT);
    const char *const bad[] = {"esrugen", "-xodir"};
    assert_int_equal(parse(&s, bad, 2, err, sizeof err), -1);
    assert_non_null(strstr(err, "-x is not a flag of esrugen"));
    esru_settings_default(&s, ESRU_TOOL_UNIT);
    const char *const good[] = {"esrugen", "--seed", "7", "--lanes", "3"};
    assert_int_equal(parse(&s, good, 5, err, sizeof err), 0);
    assert_int_equal(s.sru.seed, 7);
    assert_int_equal(s.sru.lanes, 3);
    assert_null(s.outdir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_twice),
    };
    return cmocka_run_group_tests_name("flags", tests, NULL, NULL);
}
