/* Is a file one that esrugen wrote? Generated Verilog starts with esrugen's
 * header, a manifest names esrugen as its "generator". Publication replaces
 * such files freely and refuses to drop any other (io/publish.h). */
#ifndef ESRU_GENERATED_H
#define ESRU_GENERATED_H

/* 1 if NAME in the directory dirfd is a regular file that esrugen generated,
 * else 0 (anything else, including symlinks and unreadable files). */
int esru_is_generated(int dirfd, const char *name);

#endif
