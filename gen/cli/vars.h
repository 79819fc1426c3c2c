/* make variables checked by the flag table before anything runs:
 * `esrugen vars GROUP VAR=VALUE ...` prints the flags they stand for, or
 * names the bad variable, its value and the valid range (exit 2). */
#ifndef ESRU_VARS_H
#define ESRU_VARS_H

/* argv[0] = "vars", argv[1] = group (sim, accuracy, explore), then VAR=VALUE
 * words; or argv[1] = "--names", argv[2] = group: list the group's variables;
 * or argv[1] = "--groups": list the groups. */
int esru_vars_main(int argc, char **argv);

#endif
