/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-fuzz"

#include "config.h"

#include <stdlib.h>

#include "fuzz-common.h"
#include "linli-import-sites.h"
#include "linli-project-edits.h"

/* Candidate sites in bulk.  The first byte picks the reader (its value
 * modulo 3): 0 a site list in CSV with its columns guessed, 1 the points
 * of a GeoJSON file, 2 the nodes of an OpenStreetMap file, both under a
 * filter; the rest is the file.  Whatever it gives is applied to an empty
 * project, undone and redone, and the project saved and loaded again. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (LinliSiteImport) import = NULL;
  g_autoptr (GError) error = NULL;
  LinliSiteImportOptions options;
  const char *path;
  guint mode;

  fuzz_init ();
  if (size < 1)
    return 0;
  mode = data[0] % 3;
  linli_site_import_options_init (&options);
  if (mode == 0)
    {
      g_autoptr (LinliCsvTable) table = NULL;
      LinliSiteMapping mapping;

      path = fuzz_write_temp ("input.csv", data + 1, size - 1);
      table = linli_csv_table_load (path, 0, &error);
      if (table == NULL)
        return 0;
      linli_site_mapping_guess (&mapping, table);
      import = linli_site_import_csv (table, &mapping, &options, &error);
    }
  else
    {
      options.filter = "shop=vacant,office=government,amenity";
      path = fuzz_write_temp (mode == 1 ? "input.geojson" : "input.osm", data + 1, size - 1);
      import = linli_site_import_points (path, mode == 1 ? LINLI_IMPORT_FORMAT_GEOJSON : LINLI_IMPORT_FORMAT_OSM,
                                         &options, &error);
    }
  if (import != NULL)
    {
      g_autoptr (LinliProject) project = linli_project_new ();
      g_autoptr (LinliHistory) history = linli_history_new (project);
      g_autofree char *summary = linli_site_import_describe (import);
      g_autofree char *place = linli_site_import_check_place (import, project);

      if (import->sites->len + import->n_refused > import->rows || import->lines->len != import->sites->len)
        abort ();
      if (linli_site_import_apply (import, history) != import->sites->len ||
          linli_project_get_n_sites (project) != import->sites->len)
        abort ();
      if (import->sites->len > 0 && (!linli_history_undo (history) || linli_project_get_n_sites (project) != 0 ||
                                     !linli_history_redo (history)))
        abort ();
      fuzz_round_trip (project);
    }
  return 0;
}
