/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "linli-import.h"

/* GeoJSON in the three roles the importer reads it in.  The first byte
 * picks the role (its value modulo 3): 0 buildings, 1 streets, 2 points
 * of interest; the rest is the file.  Streets and points of interest come
 * with a fixed file of one building, as the importer takes them beside
 * one.  A project made is saved as .linli and loaded again. */

static const char buildings_json[] =
  "{\"type\": \"FeatureCollection\", \"features\": ["
  "{\"type\": \"Feature\", \"properties\": {\"building\": \"residential\", \"building:levels\": 6},"
  " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[121.490, 31.230], [121.4904, 31.230],"
  " [121.4904, 31.2303], [121.490, 31.2303], [121.490, 31.230]]]}}]}";

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto (LinliImportReport) report = { 0 };
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (GError) error = NULL;
  LinliImportOptions options;
  const char *path;
  guint role;

  fuzz_init ();
  if (size < 1)
    return 0;
  role = data[0] % 3;
  path = fuzz_write_temp ("input.geojson", data + 1, size - 1);
  linli_import_options_init (&options);
  options.add_suggested_sites = TRUE;
  if (role == 0)
    {
      project = linli_import_geojson (path, &options, &report, &error);
    }
  else
    {
      const char *buildings = fuzz_write_temp ("buildings.geojson", buildings_json,
                                               sizeof buildings_json - 1);

      if (role == 1)
        options.streets_path = path;
      else
        options.pois_path = path;
      project = linli_import_geojson (buildings, &options, &report, &error);
    }
  if (project != NULL)
    fuzz_round_trip (project);
  return 0;
}
