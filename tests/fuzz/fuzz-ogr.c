/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "linli-import-csv.h"
#include "linli-import-ogr.h"

/* GIS files through GDAL, as Linli opens them.  The first byte picks the
 * driver (its value modulo 4), by the file's name: 0 GeoJSON through OGR's
 * reader (buildings, streets), 1 a dBase table alone (.dbf, the attribute
 * file of a Shapefile, read as a building list), 2 KML, 3 a DXF drawing
 * (counted by Linli before GDAL reads it); the rest is the file.  A
 * project made is saved as .linli and loaded again. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char *const names[] = { "input.geojson", "input.dbf", "input.kml", "input.dxf" };
  g_auto (LinliImportReport) report = { 0 };
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliCsvTable) table = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) layers = NULL;
  LinliImportOptions import_options;
  LinliOgrOptions options;
  const char *path;
  guint driver;

  fuzz_init ();
  if (size < 1)
    return 0;
  driver = data[0] % G_N_ELEMENTS (names);
  path = fuzz_write_temp (names[driver], data + 1, size - 1);
  linli_ogr_options_init (&options);
  linli_import_options_init (&import_options);
  layers = linli_ogr_list_layers (path, &options, &error);
  g_clear_error (&error);
  if (driver == 1)
    {
      options.encoding = "GBK";
      table = linli_ogr_read_table (path, &options, &error);
      return 0;
    }
  project = linli_import_ogr (path, &options, &import_options, &report, &error);
  if (project != NULL)
    fuzz_round_trip (project);
  return 0;
}
