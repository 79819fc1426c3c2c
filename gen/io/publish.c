/* How it works: io/publish.h. The steps, in order: resolve DIR, make its
 * parents, lock the parent, clean up after killed runs, look at the old DIR,
 * write the staging directory, swap, delete the old set. */
#define _GNU_SOURCE /* renameat2, RENAME_EXCHANGE (glibc 2.28) */
#include "io/publish.h"
#include "io/generated.h"
#include "io/tree.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define STAGE_TAG ".esrugen-tmp."
#define OLD_TAG ".esrugen-old." /* the previous set, only on file systems without RENAME_EXCHANGE */
/* the longest DIR name that leaves room for ".NAME.esrugen-tmp.PID" */
#define BASE_MAX (NAME_MAX - 1 - (sizeof STAGE_TAG - 1) - 10)

typedef struct {
    const char *prog, *given; /* given: -o as typed, for messages */
    char dir[PATH_MAX];    /* DIR, resolved when it exists */
    char parent[PATH_MAX];
    char base[NAME_MAX + 1];
    char stage[NAME_MAX + 40]; /* the new set before the swap, the old one after (resolve: it fits NAME_MAX) */
    char old[NAME_MAX + 40];   /* the old set when swapped by two renames */
    size_t created_from;      /* parent[0..created_from) existed before; 0: made nothing */
    int pfd, dfd, sfd;        /* parent (locked), old DIR, staging directory */
    int locked;               /* 0: the file system refused flock() (e.g. NFS) */
    char **names;             /* entries of the old DIR */
    unsigned char *foreign;   /* names[i] is not esrugen's */
    size_t nnames;
    char *err;
    size_t len;
} pub;

static int fail(pub *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(pub *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err, p->len, fmt, ap);
    va_end(ap);
    return -1;
}

/* Test hooks (tests/test_publish.sh), read once: ESRU_TEST_KILL_AT_STEP=K
 * sends SIGKILL to this process at its K-th step, ESRU_TEST_STEP_DELAY_US=N
 * sleeps N microseconds at every step (so a kill from outside can land
 * between any two), ESRU_TEST_NO_EXCHANGE=1 takes the path of file systems
 * without RENAME_EXCHANGE, ESRU_TEST_NO_LOCK=1 that of file systems without
 * flock() on directories. */
static long env_long(const char *name)
{
    const char *v = getenv(name);
    return v ? strtol(v, NULL, 10) : 0;
}

static void step(void)
{
    static long n, kill_at = -1, delay_us;
    if (kill_at < 0) {
        kill_at = env_long("ESRU_TEST_KILL_AT_STEP");
        delay_us = env_long("ESRU_TEST_STEP_DELAY_US");
    }
    if (++n == kill_at)
        raise(SIGKILL);
    if (delay_us > 0)
        nanosleep(&(struct timespec){delay_us / 1000000, delay_us % 1000000 * 1000}, NULL);
}

/* DIR as the directory that will be replaced: a symlink to a directory is
 * followed (the target is replaced, the link stays), "." and "a/.." name
 * what they mean; DIR may not be the current directory or contain it. */
static int resolve(pub *p, const char *dir)
{
    struct stat st;
    if (!dir[0])
        return fail(p, "-o is empty (valid: a directory path)");
    if (lstat(dir, &st) == 0) {
        if (stat(dir, &st) != 0)
            return fail(p, "-o %s is a dangling symbolic link", dir);
        if (!S_ISDIR(st.st_mode))
            return fail(p, "-o %s is not a directory", dir);
        if (!realpath(dir, p->dir))
            return fail(p, "-o %s: %s", dir, strerror(errno));
        char cwd[PATH_MAX];
        size_t l = strlen(p->dir);
        if (getcwd(cwd, sizeof cwd) && !strncmp(cwd, p->dir, l) && (cwd[l] == 0 || cwd[l] == '/' || l == 1))
            return fail(p, "-o %s is the current directory or contains it: esrugen replaces DIR as a whole "
                           "(valid: a directory below the current one, e.g. -o out/NAME)", dir);
    } else if (errno == ENOENT || errno == ENOTDIR) {
        if (snprintf(p->dir, sizeof p->dir, "%s", dir) >= (int)sizeof p->dir)
            return fail(p, "-o %s: path too long", dir);
        for (size_t l = strlen(p->dir); l > 1 && p->dir[l - 1] == '/';)
            p->dir[--l] = 0;
    } else {
        return fail(p, "-o %s: %s", dir, strerror(errno));
    }
    char *slash = strrchr(p->dir, '/');
    const char *base = slash ? slash + 1 : p->dir;
    if (!base[0] || !strcmp(base, ".") || !strcmp(base, ".."))
        return fail(p, "-o %s does not name a directory esrugen can replace (valid: e.g. -o out/NAME)", dir);
    if (strlen(base) > BASE_MAX)
        return fail(p, "-o %s: the name '%s' is longer than %zu characters", dir, base, (size_t)BASE_MAX);
    snprintf(p->base, sizeof p->base, "%s", base);
    if (!slash)
        snprintf(p->parent, sizeof p->parent, ".");
    else if (slash == p->dir)
        snprintf(p->parent, sizeof p->parent, "/");
    else
        snprintf(p->parent, sizeof p->parent, "%.*s", (int)(slash - p->dir), p->dir);
    return 0;
}

/* mkdir -p of the parent, remembering the first directory this run made.
 * 1: a component vanished meanwhile (another run removed what it had made):
 * try again. */
static int make_parents(pub *p)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s", p->parent);
    for (char *c = path + 1;; c++) {
        if (*c != '/' && *c != 0)
            continue;
        char saved = *c;
        *c = 0;
        if (mkdir(path, 0777) == 0) {
            if (!p->created_from || strlen(path) < p->created_from)
                p->created_from = strlen(path);
        } else if (errno == ENOENT) {
            return 1;
        } else if (errno != EEXIST) {
            return fail(p, "cannot create directory %s: %s", path, strerror(errno));
        }
        *c = saved;
        if (!saved)
            return 0;
    }
}

/* Removes the (empty) parents this run made, innermost first. */
static void remove_made_parents(pub *p)
{
    if (!p->created_from)
        return;
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s", p->parent);
    for (size_t l = strlen(path); l >= p->created_from && rmdir(path) == 0;) {
        while (l > 0 && path[l] != '/')
            l--;
        path[l] = 0;
        if (l < p->created_from)
            break;
    }
}

/* Opens and locks the parent. The lock is taken on the directory itself (no
 * lock file); a parent removed or replaced while we waited is made again. */
static int lock_parent(pub *p)
{
    for (int attempt = 0; attempt < 20; attempt++) {
        int rc = make_parents(p);
        if (rc < 0)
            return -1;
        if (rc > 0)
            continue;
        p->pfd = open(p->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (p->pfd < 0) {
            if (errno == ENOENT)
                continue;
            return fail(p, "cannot open directory %s: %s", p->parent, strerror(errno));
        }
        p->locked = 1;
        int busy = 0;
        int no_lock = env_long("ESRU_TEST_NO_LOCK");
        if (no_lock)
            errno = EBADF;
        if (no_lock || flock(p->pfd, LOCK_EX | LOCK_NB) != 0) {
            busy = errno == EWOULDBLOCK;
            if (!busy) {
                /* NFS turns flock() into a write lock, refused on a directory: go
                 * on unserialized; each set is still swapped in whole. */
                fprintf(stderr, "%s: warning: cannot lock %s (%s): esrugen runs into it at the same time are not "
                                "serialized\n", p->prog, p->parent, strerror(errno));
                p->locked = 0;
            }
        }
        if (busy) {
            fprintf(stderr, "%s: waiting for another esrugen writing into %s\n", p->prog, p->parent);
            while (flock(p->pfd, LOCK_EX) != 0)
                if (errno != EINTR)
                    return fail(p, "cannot lock directory %s: %s", p->parent, strerror(errno));
        }
        struct stat held, now;
        if (fstat(p->pfd, &held) == 0 && stat(p->parent, &now) == 0 && held.st_dev == now.st_dev &&
            held.st_ino == now.st_ino)
            return 0;
        close(p->pfd);
        p->pfd = -1;
    }
    return fail(p, "directory %s keeps disappearing while esrugen waits for it", p->parent);
}

/* ".NAME<tag>PID": the length of NAME, or 0 if name is not of that form. */
static size_t tagged(const char *name, const char *tag)
{
    const char *t = strstr(name, tag), *last = NULL;
    for (; t; t = strstr(t + 1, tag))
        last = t;
    if (name[0] != '.' || !last || last == name + 1 || !last[strlen(tag)])
        return 0;
    for (const char *d = last + strlen(tag); *d; d++)
        if (*d < '0' || *d > '9')
            return 0;
    return (size_t)(last - name - 1);
}

/* Every entry name of the directory fd, or NULL (errno set). */
static char **list_dir(int fd, size_t *n)
{
    int dup_fd = dup(fd);
    DIR *d = dup_fd < 0 ? NULL : fdopendir(dup_fd);
    if (!d) {
        if (dup_fd >= 0)
            close(dup_fd);
        return NULL;
    }
    rewinddir(d);
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (*n == cap) {
            char **more = realloc(names, (cap = cap ? 2 * cap : 16) * sizeof *names);
            if (!more)
                abort();
            names = more;
        }
        if (!(names[(*n)++] = strdup(e->d_name)))
            abort();
    }
    closedir(d);
    if (!names && !(names = malloc(sizeof *names)))
        abort();
    return names;
}

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* Under the lock no live esrugen owns a staging directory in this parent
 * (each holds the lock while its own exists), so every one found is left by
 * a killed run, whatever its PID says now; without the lock, only those whose
 * PID is dead. An old set moved aside by the two-rename swap goes back to its
 * name if the run died between the renames. */
static int owner_alive(const pub *p, const char *name)
{
    if (p->locked)
        return 0;
    long pid = strtol(strrchr(name, '.') + 1, NULL, 10);
    return pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

static void clean_stale(pub *p)
{
    size_t n;
    char **names = list_dir(p->pfd, &n);
    for (size_t i = 0; names && i < n; i++) {
        if ((tagged(names[i], OLD_TAG) || tagged(names[i], STAGE_TAG)) && owner_alive(p, names[i]))
            continue;
        size_t l = tagged(names[i], OLD_TAG);
        if (l) {
            char orig[NAME_MAX + 1];
            snprintf(orig, sizeof orig, "%.*s", (int)l, names[i] + 1);
            struct stat st;
            if (fstatat(p->pfd, orig, &st, AT_SYMLINK_NOFOLLOW) != 0 && errno == ENOENT &&
                renameat(p->pfd, names[i], p->pfd, orig) == 0)
                continue;
        }
        if ((l || tagged(names[i], STAGE_TAG)) && esru_tree_remove(p->pfd, names[i]) != 0)
            fprintf(stderr, "%s: warning: cannot remove %s/%s, left by a killed esrugen: %s\n", p->prog, p->parent,
                    names[i], strerror(errno));
        if (l || tagged(names[i], STAGE_TAG))
            step();
    }
    free_names(names, n);
}

static int is_new(const out_file *files, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(files[i].name, name))
            return 1;
    return 0;
}

/* The old DIR, if any: which entries are esrugen's. Refuses foreign ones
 * unless force. */
static int examine_old(pub *p, const out_file *files, size_t n, int force, int report)
{
    p->dfd = openat(p->pfd, p->base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (p->dfd < 0) {
        if (errno == ENOENT)
            return 0;
        return fail(p, "-o %s: %s", p->given, errno == ENOTDIR || errno == ELOOP ? "not a directory" : strerror(errno));
    }
    if (!(p->names = list_dir(p->dfd, &p->nnames)))
        return fail(p, "cannot read directory %s: %s", p->dir, strerror(errno));
    p->foreign = calloc(p->nnames + 1, 1);
    size_t nforeign = 0, first = 0;
    for (size_t i = 0; i < p->nnames; i++)
        if ((p->foreign[i] = !(report && is_new(files, n, p->names[i])) && !esru_is_generated(p->dfd, p->names[i])) &&
            !nforeign++)
            first = i;
    if (nforeign && !force) {
        char more[64] = "";
        if (nforeign > 1)
            snprintf(more, sizeof more, " and %zu more entries", nforeign - 1);
        return fail(p,
                    "-o %s holds '%s'%s that esrugen did not generate (no esrugen header or manifest), and esrugen "
                    "replaces the directory as a whole: refusing (valid: a new directory or one of esrugen's own; "
                    "--force keeps such files and replaces the rest)",
                    p->given, p->names[first], more);
    }
    for (size_t i = 0; report && i < p->nnames; i++)
        if (p->foreign[i])
            fprintf(stderr, "%s: keeping %s/%s, which is not part of the report\n", p->prog, p->dir, p->names[i]);
    for (size_t i = 0; i < p->nnames; i++)
        if (p->foreign[i] && is_new(files, n, p->names[i]))
            fprintf(stderr, "%s: --force: replacing %s/%s, which esrugen did not generate\n", p->prog, p->dir,
                    p->names[i]);
    return 0;
}

static int write_file(pub *p, const out_file *f)
{
    int fd = openat(p->sfd, f->name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0)
        return fail(p, "cannot write %s/%s/%s: %s", p->parent, p->stage, f->name, strerror(errno));
    size_t n = strlen(f->text), done = 0;
    while (done < n) {
        ssize_t w = write(fd, f->text + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    /* fsync: the set must be on disk before its name is (a crash, not just a kill) */
    int ok = done == n && fsync(fd) == 0;
    int saved = errno;
    ok = close(fd) == 0 && ok;
    if (!ok)
        return fail(p, "cannot write %s/%s/%s: %s", p->parent, p->stage, f->name, strerror(saved ? saved : errno));
    return 0;
}

/* The complete new set in the staging directory. */
static int build_stage(pub *p, const out_file *files, size_t n)
{
    snprintf(p->stage, sizeof p->stage, ".%s%s%ld", p->base, STAGE_TAG, (long)getpid());
    if (mkdirat(p->pfd, p->stage, 0777) != 0) {
        p->stage[0] = 0;
        return fail(p, "cannot create directory %s/.%s%s...: %s", p->parent, p->base, STAGE_TAG, strerror(errno));
    }
    step();
    p->sfd = openat(p->pfd, p->stage, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (p->sfd < 0)
        return fail(p, "cannot open %s/%s: %s", p->parent, p->stage, strerror(errno));
    for (size_t i = 0; i < n; i++) {
        if (write_file(p, &files[i]) != 0)
            return -1;
        step();
    }
    for (size_t i = 0; i < p->nnames; i++) {
        if (!p->foreign[i] || is_new(files, n, p->names[i]))
            continue;
        if (esru_tree_link(p->dfd, p->names[i], p->sfd, p->names[i]) != 0)
            return fail(p, "--force: cannot carry %s/%s over into the new set (hard link in %s): %s", p->dir,
                        p->names[i], p->parent, strerror(errno));
        step();
    }
    if (p->dfd >= 0 && fstat(p->dfd, &st) == 0) /* the new set keeps the directory's permissions */
        fchmod(p->sfd, st.st_mode & 07777);
    if (fsync(p->sfd) != 0)
        return fail(p, "cannot sync %s/%s: %s", p->parent, p->stage, strerror(errno));
    return 0;
}

/* One atomic step: DIR goes from the old complete set to the new one. */
static int swap(pub *p)
{
    int rc;
    if (p->dfd < 0) {
        rc = renameat(p->pfd, p->stage, p->pfd, p->base);
        if (rc != 0)
            return fail(p, "cannot rename %s/%s to %s: %s", p->parent, p->stage, p->dir, strerror(errno));
    } else {
        rc = -1;
        errno = EINVAL;
        if (!env_long("ESRU_TEST_NO_EXCHANGE"))
            rc = renameat2(p->pfd, p->stage, p->pfd, p->base, RENAME_EXCHANGE);
        if (rc != 0 && errno != EINVAL && errno != ENOSYS)
            return fail(p, "cannot swap %s/%s and %s: %s", p->parent, p->stage, p->dir, strerror(errno));
        if (rc != 0) {
            /* No RENAME_EXCHANGE here: two renames. Killed between them, DIR is
             * missing and the next run renames the old set back (clean_stale). */
            snprintf(p->old, sizeof p->old, ".%s%s%ld", p->base, OLD_TAG, (long)getpid());
            if (renameat(p->pfd, p->base, p->pfd, p->old) != 0)
                return fail(p, "cannot rename %s aside: %s", p->dir, strerror(errno));
            step();
            if (renameat(p->pfd, p->stage, p->pfd, p->base) != 0) {
                int saved = errno;
                renameat(p->pfd, p->old, p->pfd, p->base);
                return fail(p, "cannot rename %s/%s to %s: %s", p->parent, p->stage, p->dir, strerror(saved));
            }
        }
    }
    fsync(p->pfd);
    step();
    return 0;
}

/* Deletes the previous set, now at the staging (or old) name. Whatever is
 * not esrugen's and not carried over by inode (it appeared, or was replaced,
 * after examine_old) is moved into the new DIR instead of deleted; a carried
 * directory's original goes back in place of its copy of links. */
static void delete_old(pub *p, const out_file *files, size_t n)
{
    const char *name = p->old[0] ? p->old : p->stage;
    size_t cnt;
    char **names = list_dir(p->dfd, &cnt);
    int kept = 0;
    for (size_t i = 0; names && i < cnt; i++) {
        const char *e = names[i];
        struct stat o, nw;
        int done;
        if (esru_is_generated(p->dfd, e) || fstatat(p->dfd, e, &o, AT_SYMLINK_NOFOLLOW) != 0)
            done = unlinkat(p->dfd, e, 0) == 0;
        else if (fstatat(p->sfd, e, &nw, AT_SYMLINK_NOFOLLOW) != 0)
            done = renameat(p->dfd, e, p->sfd, e) == 0;
        else if ((o.st_dev == nw.st_dev && o.st_ino == nw.st_ino) || is_new(files, n, e))
            done = esru_tree_remove(p->dfd, e) == 0;
        else if (S_ISDIR(o.st_mode) && S_ISDIR(nw.st_mode)) {
            if (!env_long("ESRU_TEST_NO_EXCHANGE"))
                renameat2(p->dfd, e, p->sfd, e, RENAME_EXCHANGE);
            done = esru_tree_remove(p->dfd, e) == 0;
        } else
            done = renameat(p->dfd, e, p->sfd, e) == 0;
        kept |= !done;
        step();
    }
    free_names(names, cnt);
    if (kept || unlinkat(p->pfd, name, AT_REMOVEDIR) != 0)
        fprintf(stderr, "%s: warning: the previous set is left in %s/%s; the next esrugen run in %s removes it\n",
                p->prog, p->parent, name, p->parent);
    step();
}

/* Every publication starts the same way: DIR resolved, its parent locked,
 * staging left by killed runs removed. */
static int begin(pub *p, const char *prog, const char *dir, char *err, size_t len)
{
    memset(p, 0, sizeof *p);
    p->prog = prog;
    p->given = dir;
    p->err = err;
    p->len = len;
    p->pfd = p->dfd = p->sfd = -1;
    int rc = resolve(p, dir);
    if (rc == 0)
        rc = lock_parent(p);
    if (rc == 0) {
        step();
        clean_stale(p);
    }
    return rc;
}

/* ... and ends by closing its directories, the parent last: that releases the lock. */
static void end(pub *p)
{
    int fds[] = {p->sfd, p->dfd, p->pfd};
    for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
        if (fds[i] >= 0)
            close(fds[i]);
}

static int publish(const char *prog, const char *dir, const out_file *files, size_t n, int force, int report,
                   char *err, size_t len)
{
    static pub p; /* PATH_MAX buffers: not on the stack */
    int rc = begin(&p, prog, dir, err, len);
    if (rc == 0)
        rc = examine_old(&p, files, n, force, report);
    if (rc == 0)
        rc = build_stage(&p, files, n);
    if (rc == 0)
        rc = swap(&p);
    if (rc == 0 && p.dfd >= 0)
        delete_old(&p, files, n);
    if (rc != 0) {
        if (p.stage[0] && p.pfd >= 0)
            esru_tree_remove(p.pfd, p.stage);
        remove_made_parents(&p);
    }
    free_names(p.names, p.nnames);
    free(p.foreign);
    end(&p);
    return rc;
}

int esru_publish_dir(const char *prog, const char *dir, const out_file *files, size_t n, int force, char *err,
                     size_t len)
{
    return publish(prog, dir, files, n, force, 0, err, len);
}

int esru_publish_report(const char *prog, const char *dir, const out_file *files, size_t n)
{
    char err[PATH_MAX + 256];
    int rc = publish(prog, dir, files, n, 1, 1, err, sizeof err);
    if (rc)
        fprintf(stderr, "%s: %s\n", prog, err);
    return rc;
}

int esru_publish_built(const char *prog, const char *dir, const char *built, char *err, size_t len)
{
    static pub p;
    int rc = begin(&p, prog, dir, err, len);
    if (rc == 0) {
        p.dfd = openat(p.pfd, p.base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (p.dfd < 0 && errno != ENOENT)
            rc = fail(&p, "%s: %s", dir, errno == ENOTDIR || errno == ELOOP ? "not a directory" : strerror(errno));
    }
    if (rc == 0) { /* the built set takes the staging name: from here on it is ours */
        snprintf(p.stage, sizeof p.stage, ".%s%s%ld", p.base, STAGE_TAG, (long)getpid());
        if (renameat(AT_FDCWD, built, p.pfd, p.stage) != 0) {
            rc = fail(&p, "cannot move %s to %s/%s (the same file system as %s?): %s", built, p.parent, p.stage,
                      dir, strerror(errno));
            p.stage[0] = 0;
        }
        step();
    }
    if (rc == 0)
        rc = swap(&p);
    if (rc == 0 && p.dfd >= 0) {
        const char *old = p.old[0] ? p.old : p.stage;
        if (esru_tree_remove(p.pfd, old) != 0)
            fprintf(stderr, "%s: warning: the previous set is left in %s/%s; the next publication removes it\n",
                    prog, p.parent, old);
    }
    if (rc != 0) {
        if (p.stage[0] && p.pfd >= 0) /* give the caller its directory back */
            renameat(p.pfd, p.stage, AT_FDCWD, built);
        remove_made_parents(&p);
    }
    end(&p);
    return rc;
}
