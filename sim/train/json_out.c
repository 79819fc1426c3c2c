#include "json_out.h"
#include "version.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static void write_body(FILE *f, const train_opts *o, const char *data_dir, size_t ntrain, size_t ntest,
                       const train_result *r)
{
    const mlp_params *p = &o->net;
    const esru_config *c = &p->sru;
    fprintf(f, "{\n  \"tool\": \"esrutrain\",\n  \"version\": \"%s\",\n  \"config\": {\n", ESRU_VERSION);
    fprintf(f, "    \"numerics\": \"%s\",\n", p->fixed ? "fixed" : "fp32");
    fprintf(f, "    \"rounding\": \"%s\",\n    \"sru_width\": %u,\n    \"prng_width\": %u,\n",
            p->sr_ideal ? "sr-ideal" : esru_rounding_name(c->rounding), c->sru_width, c->prng_width);
    fprintf(f, "    \"prng\": \"%s\",\n    \"fill\": \"%s\",\n    \"lanes\": %u,\n    \"seed\": %llu,\n",
            esru_prng_name(c->prng), esru_fill_name(c->fill), c->lanes, (unsigned long long)p->seed);
    fprintf(f, "    \"weight_width\": %u,\n    \"act_width\": %u,\n    \"grad_width\": %u,\n    \"acc_width\": %u,\n",
            p->weight_width, p->act_width, p->grad_width, p->acc_width);
    fprintf(f, "    \"model\": \"%s\",\n    \"conv\": [", mlp_params_name(p));
    for (unsigned c = 0; c < p->nconv; c++) /* k x k kernels, channels; each followed by 2x2 max pooling */
        fprintf(f, "%s{\"kernel\": %u, \"channels\": %u, \"pad\": %u}", c ? ", " : "", p->conv_k[c], p->conv_c[c],
                p->conv_pad[c]);
    fprintf(f, "],\n    \"layers\": [");
    for (unsigned l = 0; l <= p->nl; l++)
        fprintf(f, "%s%u", l ? ", " : "", p->size[l]);
    fprintf(f, "],\n    \"batch\": %u,\n    \"epochs\": %u,\n    \"lr\": %.9g,\n", p->batch, o->epochs, p->lr);
    fprintf(f, "    \"train_images\": %zu,\n    \"test_images\": %zu,\n    \"data\": ", ntrain, ntest);
    json_str(f, data_dir);
    fprintf(f, "\n  },\n");
    if (r->epochs == 0) { /* --bias-check-only: the config and the bias check, nothing trained */
        bias_check_json(&r->bias, f);
        fprintf(f, "  \"trained\": false\n}\n");
        return;
    }
    fprintf(f, "  \"per_epoch\": [\n");
    for (unsigned e = 0; e < r->epochs; e++) {
        const epoch_metrics *m = &r->ep[e];
        uint64_t ov = 0;
        for (int k = 0; k < OVF_N; k++)
            ov += m->ovf[k];
        fprintf(f,
                "    {\"epoch\": %u, \"loss\": %.6f, \"train_accuracy\": %.6f, \"test_accuracy\": %.6f, "
                "\"overflows\": %llu, \"seconds\": %.3f}%s\n",
                e + 1, m->loss, m->train_accuracy, m->test_accuracy, (unsigned long long)ov, m->seconds,
                e + 1 < r->epochs ? "," : "");
    }
    const epoch_metrics *last = &r->ep[r->epochs ? r->epochs - 1 : 0];
    uint64_t ov = 0;
    for (int k = 0; k < OVF_N; k++)
        ov += r->ovf_total[k];
    fprintf(f, "  ],\n  \"test_accuracy\": %.6f,\n  \"train_accuracy\": %.6f,\n  \"loss\": %.6f,\n",
            last->test_accuracy, last->train_accuracy, last->loss);
    fprintf(f, "  \"overflows\": %llu,\n  \"overflow_detail\": {", (unsigned long long)ov);
    for (int k = 0; k < OVF_N; k++)
        fprintf(f, "%s\"%s\": %llu", k ? ", " : "", mlp_ovf_names[k], (unsigned long long)r->ovf_total[k]);
    fprintf(f, "},\n  \"images_per_second\": %.1f,\n  \"train_seconds\": %.3f,\n", r->images_per_second,
            r->train_seconds);
    fprintf(f, "  \"images_per_cpu_second\": %.1f,\n  \"train_cpu_seconds\": %.3f,\n", r->images_per_cpu_second,
            r->train_cpu_seconds);
    fprintf(f, "  \"threads\": %u,\n", r->threads);
    bias_check_json(&r->bias, f);
    fprintf(f, "  \"weight_hash\": \"%016llx\"\n}\n", (unsigned long long)r->weight_hash);
}

/* The temp file json_write renames into place: beside the report, so the rename is atomic. */
static void tmp_name(char *tmp, size_t len, const char *path)
{
    snprintf(tmp, len, "%s.tmp.%ld", path, (long)getpid());
}

int json_check_writable(const char *path, char *err, size_t errlen)
{
    struct stat st;
    if (path[0] == 0) {
        snprintf(err, errlen, "--json '' is invalid (valid: a file path)");
        return -1;
    }
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "--json %s is a directory (valid: a file path)", path);
        return -1;
    }
    char tmp[4200];
    tmp_name(tmp, sizeof tmp, path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0) {
        snprintf(err, errlen, "--json %s: cannot create a file there: %s", path, strerror(errno));
        return -1;
    }
    close(fd);
    unlink(tmp);
    return 0;
}

int json_write(const char *path, const train_opts *o, const char *data_dir, size_t ntrain, size_t ntest,
               const train_result *r, char *err, size_t errlen)
{
    char tmp[4200];
    tmp_name(tmp, sizeof tmp, path);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        snprintf(err, errlen, "%s: cannot write: %s", tmp, strerror(errno));
        return -1;
    }
    write_body(f, o, data_dir, ntrain, ntest, r);
    if (ferror(f) | fclose(f)) {
        snprintf(err, errlen, "%s: write failed: %s", tmp, strerror(errno));
        remove(tmp);
        return -1;
    }
    if (rename(tmp, path)) {
        snprintf(err, errlen, "%s: cannot rename to %s: %s", tmp, path, strerror(errno));
        remove(tmp);
        return -1;
    }
    return 0;
}
