/* Directory trees by file descriptor, never following symbolic links. */
#ifndef ESRU_TREE_H
#define ESRU_TREE_H

/* rm -rf dir/name (a symlink is removed, not followed). 0, or -1 with errno. */
int esru_tree_remove(int dir, const char *name);

/* Copies the tree from/fname to to/tname as hard links: directories are made
 * anew (same permissions), everything else is linked, so no data is copied
 * and the originals keep their inodes. 0, or -1 with errno. */
int esru_tree_link(int from, const char *fname, int to, const char *tname);

#endif
