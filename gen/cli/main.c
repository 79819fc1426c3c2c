/* esrugen: command-line entry. `esrugen [flags]` writes RTL + manifest;
 * `esrugen analyze [flags]` prints the exact bias of the configuration;
 * `esrugen mac [flags]` writes a MAC array with SRU lanes. Every flag goes
 * through the flag table (cli/flags.c). */
#include "cli/flags.h"
#include "cli/vars.h"
#include "io/manifest.h"
#include "io/publish.h"
#include "model/analyze.h"
#include "model/names.h"
#include "model/seed_overlap.h"
#include "rtl/emit.h"
#include "rtl/emit_mac.h"
#include "rtl/emit_wrap.h"
#include "version.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_USAGE 2

static void usage(unsigned tool, FILE *f)
{
    switch (tool) {
    case ESRU_TOOL_ANALYZE:
        fprintf(f, "usage: esrugen analyze [options]\n"
                   "Print the exact rounding bias of a unit: over a full PRNG period, and with --stride\n"
                   "per element for elements that meet their lane every K bank advances.\n\n");
        break;
    case ESRU_TOOL_MAC:
        fprintf(f, "usage: esrugen mac [options]\n"
                   "Generate a MAC array whose outputs and weight updates go through SRU lanes.\n\n");
        break;
    default:
        fprintf(f, "usage: esrugen [analyze | mac] [options]\n"
                   "Generate a stochastic rounding unit (Verilog + JSON manifest). 'esrugen analyze --help'\n"
                   "and 'esrugen mac --help' describe the subcommands.\n\n");
    }
    esru_flags_usage(tool, f);
    fprintf(f, "Semantics: docs/numerics.md; ports and timing: docs/interface.md.\n");
}

static int die_usage(const char *msg)
{
    fprintf(stderr, "esrugen: %s\n", msg);
    return EXIT_USAGE;
}

/* The command line, quoted where needed, for the generated headers. */
static void command_line(int argc, char **argv, strbuf *b)
{
    sb_add(b, "esrugen");
    for (int i = 1; i < argc; i++) {
        int plain = argv[i][0] != 0 && strpbrk(argv[i], " \t'\"\\$`") == NULL;
        sb_printf(b, plain ? " %s" : " '%s'", argv[i]);
    }
}

/* Publishes the files of fs and the manifest NAME.json as the whole of DIR,
 * all or nothing (io/publish.h). */
static int write_outputs(const esru_config *cfg, esru_fileset *fs, strbuf *man, const char *dir, int force)
{
    out_file files[ESRU_MAX_FILES + 1];
    char man_name[ESRU_NAME_MAX + 8];
    snprintf(man_name, sizeof man_name, "%s.json", cfg->name);
    for (unsigned i = 0; i < fs->count; i++)
        files[i] = (out_file){fs->files[i].name, fs->files[i].text};
    files[fs->count] = (out_file){man_name, man->s};
    char err[1024];
    int rc = esru_publish_dir("esrugen", dir, files, fs->count + 1, force, err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "esrugen: %s\n", err);
    else
        for (unsigned i = 0; i <= fs->count; i++)
            printf("%s/%s\n", dir, files[i].name);
    esru_fileset_free(fs);
    sb_free(man);
    return rc == 0 ? 0 : EXIT_USAGE;
}

static int generate(const esru_settings *s, const char *command)
{
    esru_fileset fs;
    int rc = s->tool == ESRU_TOOL_MAC ? esru_emit_mac(&s->mac, command, &fs) : esru_emit_sru(&s->sru, command, &fs);
    if (rc == 0 && s->wrap) /* a timing wrapper for place and route */
        rc = s->tool == ESRU_TOOL_MAC ? esru_wrap_mac(&fs, &s->mac, (esru_wrap_mode)s->wrap, command)
                                      : esru_wrap_sru(&fs, &s->sru, (esru_wrap_mode)s->wrap, command);
    if (rc != 0) {
        esru_fileset_free(&fs);
        return 1;
    }
    strbuf man;
    sb_init(&man);
    if (s->tool == ESRU_TOOL_MAC)
        esru_mac_manifest(&s->mac, command, &fs, &man);
    else
        esru_manifest(&s->sru, command, &fs, &man);
    char dir[ESRU_NAME_MAX + 8];
    snprintf(dir, sizeof dir, "out/%s", s->sru.name); /* the default: out/ also holds reports and other sets */
    return write_outputs(&s->sru, &fs, &man, s->outdir ? s->outdir : dir, s->force);
}

/* `esrugen flags TOOL --markdown`: the flag table of a tool, for the docs. */
static int flags_doc(int argc, char **argv)
{
    static const unsigned tools[] = {ESRU_TOOL_UNIT, ESRU_TOOL_ANALYZE, ESRU_TOOL_MAC, ESRU_TOOL_TRAIN,
                                     ESRU_TOOL_SIM, ESRU_TOOL_MACCHECK, ESRU_TOOL_STIM};
    for (size_t i = 0; argc == 3 && i < sizeof tools / sizeof tools[0]; i++)
        if (strcmp(argv[2], esru_tool_name(tools[i])) == 0) {
            esru_flags_markdown(tools[i], stdout);
            return 0;
        }
    return die_usage("usage: esrugen flags 'TOOL' (esrugen, esrugen analyze, esrugen mac, esrutrain, sim_main, "
                     "mac_check, stim): the tool's flags as a Markdown table");
}

/* `esrugen publish BUILT DIR`: a report set built complete in the directory
 * BUILT (make explore, make accuracy) becomes DIR in one atomic step, under the
 * publication lock (io/publish.h). */
static int publish_built(int argc, char **argv)
{
    char err[1400];
    if (argc != 4)
        return die_usage("usage: esrugen publish BUILT DIR: the complete report directory BUILT becomes DIR "
                         "atomically (the old DIR is replaced as a whole)");
    if (esru_publish_built("esrugen", argv[3], argv[2], err, sizeof err) == 0)
        return 0;
    fprintf(stderr, "esrugen: publish: %s\n", err);
    return 1;
}

int main(int argc, char **argv)
{
    unsigned tool = ESRU_TOOL_UNIT;
    int first = 1;
    if (argc > 1 && strcmp(argv[1], "flags") == 0)
        return flags_doc(argc, argv);
    if (argc > 1 && strcmp(argv[1], "vars") == 0)
        return esru_vars_main(argc - 1, argv + 1);
    if (argc > 1 && strcmp(argv[1], "publish") == 0)
        return publish_built(argc, argv);
    if (argc > 1 && (strcmp(argv[1], "analyze") == 0 || strcmp(argv[1], "mac") == 0)) {
        tool = strcmp(argv[1], "analyze") == 0 ? ESRU_TOOL_ANALYZE : ESRU_TOOL_MAC;
        first = 2;
    }
    static esru_settings s;
    esru_settings_default(&s, tool);
    char err[1024];
    int next;
    /* getopt sees the subcommand's arguments with argv[0] in front. */
    argv[first - 1] = argv[0];
    if (esru_flags_parse(&s, argc - first + 1, argv + first - 1, &next, err, sizeof err) != 0)
        return die_usage(err);
    if (s.help) {
        usage(tool, stdout);
        return 0;
    }
    if (s.version) {
        printf("esrugen %s\n", ESRU_VERSION);
        return 0;
    }
    if (next < argc - first + 1) {
        snprintf(err, sizeof err, "unexpected argument '%s' (see esrugen --help)", argv[first - 1 + next]);
        return die_usage(err);
    }
    if (esru_settings_finish(&s, err, sizeof err) != 0)
        return die_usage(err);
    if (esru_seed_overlap(tool == ESRU_TOOL_MAC ? &s.mac.sru : &s.sru, err, sizeof err))
        fprintf(stderr, "esrugen: warning: %s\n", err);
    if (tool != ESRU_TOOL_ANALYZE && esru_name_clash(s.sru.name, err, sizeof err))
        fprintf(stderr, "esrugen: warning: %s\n", err);
    if (tool == ESRU_TOOL_ANALYZE)
        return esru_analyze_main(&s.sru, s.json, s.stride, s.nstride);
    strbuf cmd;
    sb_init(&cmd);
    if (first == 2) /* the header names the subcommand too */
        argv[1] = "mac";
    command_line(argc, argv, &cmd);
    int rc = generate(&s, cmd.s);
    sb_free(&cmd);
    return rc;
}
