#include "io/tree.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Calls fn(fd of the directory, entry name, arg) for every entry of
 * dir/name but . and ..; stops at the first nonzero return. */
static int each_entry(int dir, const char *name, int (*fn)(int, const char *, void *), void *arg)
{
    int fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return -1;
    DIR *d = fdopendir(fd);
    if (!d) {
        close(fd);
        return -1;
    }
    int rc = 0;
    struct dirent *e;
    errno = 0;
    while (rc == 0 && (e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            rc = fn(dirfd(d), e->d_name, arg);
    int saved = errno;
    closedir(d);
    errno = saved;
    return rc;
}

static int remove_entry(int dir, const char *name, void *arg)
{
    (void)arg;
    return esru_tree_remove(dir, name);
}

int esru_tree_remove(int dir, const char *name)
{
    if (unlinkat(dir, name, 0) == 0 || errno == ENOENT)
        return 0;
    if (errno != EISDIR && errno != EPERM)
        return -1;
    /* readdir need not list every entry when entries are removed meanwhile:
     * list again while the directory is not empty. */
    for (int pass = 0; pass < 4; pass++) {
        if (each_entry(dir, name, remove_entry, NULL) != 0)
            return -1;
        if (unlinkat(dir, name, AT_REMOVEDIR) == 0 || errno == ENOENT)
            return 0;
        if (errno != ENOTEMPTY && errno != EEXIST)
            return -1;
    }
    return -1;
}

typedef struct {
    int to;
    const char *tname;
} link_target;

static int link_entry(int dir, const char *name, void *arg)
{
    const link_target *t = arg;
    int tfd = openat(t->to, t->tname, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (tfd < 0)
        return -1;
    int rc = esru_tree_link(dir, name, tfd, name);
    int saved = errno;
    close(tfd);
    errno = saved;
    return rc;
}

int esru_tree_link(int from, const char *fname, int to, const char *tname)
{
    struct stat st;
    if (fstatat(from, fname, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode))
        return linkat(from, fname, to, tname, 0); /* 0: a symlink is linked itself */
    if (mkdirat(to, tname, 0700) != 0)
        return -1;
    link_target t = {to, tname};
    /* permissions last: a read-only directory is filled first */
    if (each_entry(from, fname, link_entry, &t) != 0)
        return -1;
    return fchmodat(to, tname, st.st_mode & 07777, 0);
}
