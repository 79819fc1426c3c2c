#include "io/outdir.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int mkdir_p(const char *dir, char *err, size_t len)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path) {
        snprintf(err, len, "output directory path is too long: %s", dir);
        return -1;
    }
    for (char *p = path + 1;; p++) {
        if (*p == '/' || *p == 0) {
            char saved = *p;
            *p = 0;
            struct stat st;
            if (stat(path, &st) != 0 && mkdir(path, 0777) != 0 && errno != EEXIST) {
                snprintf(err, len, "cannot create output directory %s: %s", path, strerror(errno));
                return -1;
            }
            *p = saved;
            if (!saved)
                break;
        }
    }
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, len, "-o %s is not a directory", dir);
        return -1;
    }
    return 0;
}

static int write_text(const char *path, const char *text, char *err, size_t len)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        snprintf(err, len, "cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    size_t n = strlen(text);
    int ok = fwrite(text, 1, n, f) == n;
    ok = (fclose(f) == 0) && ok;
    if (!ok) {
        snprintf(err, len, "cannot write %s: %s", path, strerror(errno));
        unlink(path);
        return -1;
    }
    return 0;
}

int write_file_atomic(const char *path, const char *text, char *err, size_t len)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    if (write_text(tmp, text, err, len) != 0)
        return -1;
    if (rename(tmp, path) != 0) {
        snprintf(err, len, "cannot rename %s to %s: %s", tmp, path, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}

int outdir_write_all(const char *dir, const out_file *files, size_t n, char *err, size_t len)
{
    if (mkdir_p(dir, err, len) != 0)
        return -1;
    char(*tmp)[4200] = calloc(n ? n : 1, sizeof *tmp);
    size_t written = 0;
    int rc = 0;
    for (; written < n; written++) {
        snprintf(tmp[written], sizeof tmp[0], "%s/.%s.tmp.%ld", dir, files[written].name, (long)getpid());
        if (write_text(tmp[written], files[written].text, err, len) != 0) {
            rc = -1;
            break;
        }
    }
    for (size_t i = 0; rc == 0 && i < n; i++) {
        char final[4200];
        snprintf(final, sizeof final, "%s/%s", dir, files[i].name);
        if (rename(tmp[i], final) != 0) {
            snprintf(err, len, "cannot rename into %s: %s", final, strerror(errno));
            rc = -1;
        }
    }
    if (rc != 0)
        for (size_t i = 0; i < written; i++)
            unlink(tmp[i]);
    free(tmp);
    return rc;
}

int write_report_file(const char *dir, const char *file, const char *text)
{
    char path[4096], err[4400];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    if (write_file_atomic(path, text, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    return 0;
}
