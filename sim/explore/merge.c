/* exptool merge (merge.h). */
#include "merge.h"
#include "io/textfile.h"
#include "io/tree.h"
#include <cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PATHLEN 4096

/* out = A/B[SUFFIX]; a path that does not fit is cut off, which no lookup then finds */
static void path_of(char out[PATHLEN], const char *a, const char *b, const char *suffix)
{
    if (snprintf(out, PATHLEN, "%s/%s%s", a, b, suffix) >= PATHLEN) out[0] = 0;
}

typedef struct {
    char **keys;
    size_t n;
} keyset;

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The keys in column COL (1-based, tab-separated) of PATH, sorted. */
static int load_keys(keyset *ks, const char *path, int col)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "explore: merge: %s: %s\n", path, strerror(errno));
        return -1;
    }
    char line[16384];
    while (fgets(line, sizeof line, f)) {
        char *t = line;
        for (int c = 1; c < col && t; c++) t = strchr(t, '\t'), t = t ? t + 1 : NULL;
        if (!t) continue;
        t[strcspn(t, "\t\n")] = 0;
        char **k = realloc(ks->keys, (ks->n + 1) * sizeof *k);
        if (!k || !(k[ks->n] = strdup(t))) {
            fclose(f);
            return -1;
        }
        ks->keys = k, ks->n++;
    }
    fclose(f);
    return 0;
}

static int planned(const keyset *ks, const char *k)
{
    return bsearch(&k, ks->keys, ks->n, sizeof *ks->keys, cmp_str) != NULL;
}

static int is_dir(const char *p)
{
    struct stat st;
    return lstat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int nonempty(const char *dir, const char *name)
{
    char p[PATHLEN];
    struct stat st;
    path_of(p, dir, name, "");
    return stat(p, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
}

static int exists(const char *dir, const char *name)
{
    char p[PATHLEN];
    path_of(p, dir, name, "");
    return access(p, F_OK) == 0;
}

/* Copies a regular file (the results are small). */
static int copy_file(const char *src, const char *dst)
{
    int in = open(src, O_RDONLY), out = in < 0 ? -1 : open(dst, O_WRONLY | O_CREAT | O_EXCL, 0644);
    char buf[65536];
    ssize_t n = 0;
    while (out >= 0 && (n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, (size_t)n) != n) n = -1;
    int rc = in >= 0 && out >= 0 && n == 0 ? 0 : -1;
    if (in >= 0) close(in);
    if (out >= 0 && close(out)) rc = -1;
    return rc;
}

/* cp -r of a tree of directories and regular files (anything else is refused). */
static int copy_tree(const char *src, const char *dst)
{
    DIR *d = opendir(src);
    if (!d || mkdir(dst, 0755)) {
        if (d) closedir(d);
        return -1;
    }
    struct dirent *e;
    int rc = 0;
    while (!rc && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char s[PATHLEN], t[PATHLEN];
        struct stat st;
        path_of(s, src, e->d_name, "");
        path_of(t, dst, e->d_name, "");
        if (lstat(s, &st)) rc = -1;
        else if (S_ISDIR(st.st_mode)) rc = copy_tree(s, t);
        else if (S_ISREG(st.st_mode)) rc = copy_file(s, t);
        else rc = -1, errno = EINVAL;
    }
    closedir(d);
    return rc;
}

/* The directory SRC into DIR/NAME in one rename (through DIR/.merge.NAME); an
 * existing DIR/NAME is replaced (moved to DIR/.old.NAME, then deleted). */
static int place_tree(const char *src, const char *dir, const char *name)
{
    char tmp[PATHLEN], old[PATHLEN], dst[PATHLEN];
    path_of(tmp, dir, ".merge.", name);
    path_of(old, dir, ".old.", name);
    path_of(dst, dir, name, "");
    if (esru_tree_remove(AT_FDCWD, tmp) || esru_tree_remove(AT_FDCWD, old) || copy_tree(src, tmp)) return -1;
    if (is_dir(dst) && rename(dst, old)) return -1;
    if (rename(tmp, dst)) return -1;
    return esru_tree_remove(AT_FDCWD, old);
}

/* meta's "key K" line names k */
static int meta_names(const char *meta_path, const char *k)
{
    char *m = esru_read_text(meta_path, 1 << 20);
    if (!m) return 0;
    int ok = 0;
    for (char *l = m; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL)
        if (!strncmp(l, "key ", 4) && !strncmp(l + 4, k, strlen(k)) && (l[4 + strlen(k)] == '\n' || !l[4 + strlen(k)]))
            ok = 1;
    free(m);
    return ok;
}

/* Sorted entry names of DIR (not starting with '.'), like the shell's glob. */
static char **list_dir(const char *dir, size_t *n)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (!d) return NULL;
    char **v = NULL;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char **w = realloc(v, (*n + 1) * sizeof *v);
        if (!w) break;
        v = w;
        v[(*n)++] = strdup(e->d_name);
    }
    closedir(d);
    if (v) qsort(v, *n, sizeof *v, cmp_str);
    return v;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

/* A gen result's completeness: NULL when complete, else why not. */
static const char *gen_incomplete(const char *d, const char *k)
{
    char meta[PATHLEN];
    path_of(meta, d, "meta", "");
    if (!exists(d, "done") || !exists(d, "meta")) return "incomplete (no done/meta)";
    if (!meta_names(meta, k)) return "meta names another key";
    if (nonempty(d, "unsynthesized")) /* resonant: no synthesis by design (job.sh) */
        return nonempty(d, "analyze.json") ? NULL : "missing synthesis or analysis result";
    char *m = esru_read_text(meta, 1 << 20);
    int stdcell = m && (strstr(m, "\nflags fpga+stdcell") != NULL),
        ref = m && (strstr(m, "--rounding rne") || strstr(m, "--rounding trunc"));
    free(m);
    if (!nonempty(d, "xc7.json") || !nonempty(d, "gates.json") ||
        (stdcell && (!nonempty(d, "osu018.json") || !nonempty(d, "osu018.stat"))) ||
        (!ref && !nonempty(d, "analyze.json")))
        return "missing synthesis or analysis result";
    return NULL;
}

static int has_accuracy(const char *path)
{
    char *t = esru_read_text(path, 1 << 24);
    cJSON *j = t ? cJSON_Parse(t) : NULL;
    free(t);
    int ok = cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(j, "test_accuracy"));
    cJSON_Delete(j);
    return ok;
}

int ex_merge(const char *from, const char *cache, const char *points, const char *trains)
{
    keyset plan = {0};
    if (load_keys(&plan, points, 9) || load_keys(&plan, trains, 3)) return 2;
    qsort(plan.keys, plan.n, sizeof *plan.keys, cmp_str);
    int ng = 0, nt = 0, have = 0, rej = 0, unpl = 0, io = 0;
    char dir[PATHLEN], d[PATHLEN], cdir[PATHLEN];
    size_t n;
    char **v;

    path_of(dir, from, "gen", "");
    path_of(cdir, cache, "gen", "");
    v = list_dir(dir, &n);
    for (size_t i = 0; i < n && !io; i++) {
        path_of(d, dir, v[i], "");
        if (!is_dir(d)) continue;
        const char *why = gen_incomplete(d, v[i]);
        if (why) {
            fprintf(stderr, "explore: merge: rejected %s/: %s\n", d, why);
            rej++;
            continue;
        }
        unpl += !planned(&plan, v[i]);
        char c[PATHLEN];
        path_of(c, cdir, v[i], "");
        /* a synthesized result replaces an unsynthesized (resonant) one; otherwise the cache's stays */
        if (is_dir(c) && (!exists(c, "unsynthesized") || exists(d, "unsynthesized"))) {
            have++;
            continue;
        }
        if (place_tree(d, cdir, v[i])) io = 1, fprintf(stderr, "explore: merge: %s: %s\n", d, strerror(errno));
        else ng++;
    }
    free_list(v, n);

    /* synthesis by RTL content: reusable by later gen jobs */
    path_of(dir, from, "synth", "");
    path_of(cdir, cache, "synth", "");
    v = list_dir(dir, &n);
    for (size_t i = 0; i < n && !io; i++) {
        char c[PATHLEN];
        path_of(d, dir, v[i], "");
        path_of(c, cdir, v[i], "");
        if (!is_dir(d) || !nonempty(d, "xc7.json") || !nonempty(d, "gates.json") || is_dir(c)) continue;
        if ((mkdir(cdir, 0755) && errno != EEXIST) || place_tree(d, cdir, v[i]))
            io = 1, fprintf(stderr, "explore: merge: %s: %s\n", d, strerror(errno));
    }
    free_list(v, n);

    path_of(dir, from, "train", "");
    path_of(cdir, cache, "train", "");
    v = list_dir(dir, &n);
    for (size_t i = 0; i < n && !io; i++) {
        size_t len = strlen(v[i]);
        if (len < 6 || strcmp(v[i] + len - 5, ".json")) continue;
        char k[PATHLEN], meta[PATHLEN], c[PATHLEN], tmp[PATHLEN];
        snprintf(k, sizeof k, "%.*s", (int)(len - 5), v[i]);
        path_of(d, dir, v[i], "");
        path_of(meta, dir, k, ".meta");
        if (!meta_names(meta, k)) {
            fprintf(stderr, "explore: merge: rejected %s: no meta with its key\n", d);
            rej++;
            continue;
        }
        if (!has_accuracy(d)) {
            fprintf(stderr, "explore: merge: rejected %s: no test_accuracy\n", d);
            rej++;
            continue;
        }
        unpl += !planned(&plan, k);
        path_of(c, cdir, k, ".json");
        if (access(c, F_OK) == 0) {
            have++;
            continue;
        }
        /* the meta first, the result last: a result in place always has its meta */
        char cm[PATHLEN];
        path_of(cm, cdir, k, ".meta");
        path_of(tmp, cdir, ".merge.", k);
        unlink(cm), unlink(tmp);
        if (copy_file(meta, cm) || copy_file(d, tmp) || rename(tmp, c))
            io = 1, fprintf(stderr, "explore: merge: %s: %s\n", d, strerror(errno));
        else nt++;
    }
    free_list(v, n);
    for (size_t i = 0; i < plan.n; i++) free(plan.keys[i]);
    free(plan.keys);
    if (io) return 2;
    printf("explore: merged %d cheap-score and %d training results from %s (%d already cached, %d rejected, "
           "%d not in the current plan: other tools or settings)\n",
           ng, nt, from, have, rej, unpl);
    return rej ? 1 : 0;
}
