/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "linli-format.h"

/* A .linli project file: loaded, saved, loaded again. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (GError) error = NULL;
  const char *path;

  fuzz_init ();
  path = fuzz_write_temp ("input.linli", data, size);
  project = linli_format_load_file (path, &error);
  if (project != NULL)
    fuzz_round_trip (project);
  return 0;
}
