/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Files as readers and writers of the core meet them: what every reader
 * checks before it opens a path, and the one way the core writes a file
 * (atomically, naming the target on failure, cleaning up after saves that
 * were killed). */

gboolean     linli_file_check_regular            (const char   *path,
                                                  GError      **error);
GMappedFile *linli_file_map                      (const char   *path,
                                                  GError      **error);

typedef struct _LinliFileWriter LinliFileWriter;

LinliFileWriter *linli_file_writer_new           (const char       *path,
                                                  GError          **error);
gboolean         linli_file_writer_write         (LinliFileWriter  *self,
                                                  const void       *data,
                                                  gsize             length,
                                                  GError          **error);
gboolean         linli_file_writer_commit        (LinliFileWriter  *self,
                                                  GError          **error);
void             linli_file_writer_abort         (LinliFileWriter  *self);
const char      *linli_file_writer_get_temp_path (LinliFileWriter  *self);

gboolean     linli_file_set_contents             (const char   *path,
                                                  const void   *data,
                                                  gsize         length,
                                                  GError      **error);
guint        linli_file_remove_stale_temporaries (const char   *path);

G_END_DECLS
