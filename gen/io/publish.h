/* All-or-nothing publication of a file set: the output directory is the unit.
 *
 * The whole set is written into a staging directory beside DIR
 * (PARENT/.DIR.esrugen-tmp.PID, same file system), then swapped in with one
 * atomic step: rename() when DIR does not exist, renameat2(RENAME_EXCHANGE)
 * when it does; the previous set, now at the staging name, is deleted. So DIR
 * holds the complete old set or the complete new set at every instant,
 * whatever is killed when. Writers into the same parent serialize on flock()
 * of the parent directory; the one holding the lock removes staging
 * directories that killed runs left there. Parents this run created are
 * removed again when it fails.
 *
 * DIR may hold only files esrugen generated (io/generated.h). Anything else
 * is refused, unless force: then it is carried over into the new set as hard
 * links (directories as trees of links), and a file with the name of a new
 * one is replaced. */
#ifndef ESRU_PUBLISH_H
#define ESRU_PUBLISH_H
#include "io/outdir.h"
#include <stddef.h>

/* 0 when DIR holds exactly files[0..n) (plus the carried-over files), -1 with
 * a message naming the path in err when nothing was published. Warnings
 * (waiting for the lock, a previous set that could not be deleted, replaced
 * foreign files) go to stderr, prefixed with prog. */
int esru_publish_dir(const char *prog, const char *dir, const out_file *files, size_t n, int force, char *err,
                     size_t len);

/* A report tool's set (synthrep, lanesrep, exptool): DIR is the tool's own
 * report directory, so old files with the new set's names are replaced
 * without the header check (reports carry no Verilog header); any other
 * file found there is carried over, with a warning, as under --force. */
int esru_publish_report(const char *prog, const char *dir, const out_file *files, size_t n);

/* A report directory the caller built (BUILT, anything in it, on the same
 * file system as DIR) becomes DIR in the same one atomic step, under the same
 * lock and cleanup; DIR is the caller's own: its old content is replaced as a
 * whole, without the esrugen-header check. For report sets with binary files
 * (make explore's plots). On failure BUILT is left where it was. */
int esru_publish_built(const char *prog, const char *dir, const char *built, char *err, size_t len);

#endif
