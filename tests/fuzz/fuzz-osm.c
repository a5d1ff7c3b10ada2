/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "linli-import.h"

/* OpenStreetMap XML: imported with the suggested sites, saved as .linli,
 * loaded again. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto (LinliImportReport) report = { 0 };
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (GError) error = NULL;
  LinliImportOptions options;
  const char *path;

  fuzz_init ();
  path = fuzz_write_temp ("input.osm", data, size);
  linli_import_options_init (&options);
  options.add_suggested_sites = TRUE;
  project = linli_import_osm (path, &options, &report, &error);
  if (project != NULL)
    fuzz_round_trip (project);
  return 0;
}
