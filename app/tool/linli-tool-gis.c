/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-tool"

#include "config.h"

#include "linli-tool-gis.h"

#include "linli-export-ogr.h"
#include "linli-format.h"
#include "linli-import-ogr.h"

#include <glib/gi18n.h>

/**
 * linli_tool_gis_wanted:
 *
 * Returns: %TRUE when `linli-tool import` is given a GIS file (`--file`)
 *   or asked to list one's layers (`--list-layers`)
 */
gboolean
linli_tool_gis_wanted (int    argc,
                       char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--file") || g_str_has_prefix (argv[i], "--file=") ||
        g_str_equal (argv[i], "--list-layers") || g_str_has_prefix (argv[i], "--list-layers="))
      return TRUE;
  return FALSE;
}

static int
list_layers (const char *path,
             const char *encoding)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) layers = NULL;
  LinliOgrOptions options;

  linli_ogr_options_init (&options);
  options.encoding = encoding;
  layers = linli_ogr_list_layers (path, &options, &error);
  if (layers == NULL)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < layers->len; i++)
    {
      LinliOgrLayerInfo *info = layers->pdata[i];
      g_autofree char *fields = g_strjoinv (", ", info->fields);
      g_autofree char *count = info->n_features >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, info->n_features)
                                                     : g_strdup ("?");

      /* Translators: layer name, what it holds (points, lines, polygons, table), feature count, CRS */
      g_print (_("%s: %s, %s features, %s\n"), info->name, linli_ogr_geometry_to_string (info->geometry),
               count, info->crs_code ? info->crs_code : info->crs_name ? info->crs_name : _("no coordinate system"));
      g_print (_("  fields: %s\n"), fields);
    }
  return 0;
}

/**
 * linli_tool_import_gis:
 *
 * `linli-tool import --file FILE [--layer NAME] [--crs CRS] [--encoding ENC]
 * [--field WHAT=FIELD …] [--role buildings|streets] --out F.linli`, or
 * `linli-tool import --list-layers FILE`.
 */
int
linli_tool_import_gis (int    argc,
                       char **argv)
{
  g_autofree char *file = NULL, *listed = NULL, *layer = NULL, *crs_name = NULL, *encoding = NULL;
  g_autofree char *role = NULL, *out = NULL, *name = NULL;
  g_auto (GStrv) fields = NULL;
  double m2 = 90, per_household = 2.6, tolerance = 2.0;
  GOptionEntry entries[] = {
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &file,
      N_("GIS file: Shapefile, GeoPackage, KML, GML, DXF, FileGDB (polygons and points become buildings, "
         "lines streets)"), "FILE" },
    { "list-layers", 0, 0, G_OPTION_ARG_FILENAME, &listed, N_("List the layers of a GIS file and stop"),
      "FILE" },
    { "layer", 'l', 0, G_OPTION_ARG_STRING, &layer, N_("The layer to read (default: the first)"), "NAME" },
    { "crs", 0, 0, G_OPTION_ARG_STRING, &crs_name,
      N_("Coordinate system of the layer, when its file does not say or says wrong: an EPSG code "
         "(EPSG:4549), WKT or a PROJ string; or gcj02 for coordinates in GCJ-02"), "CRS" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding,
      N_("Encoding of Shapefile attributes, e.g. GBK (default: as the .cpg says)"), "ENCODING" },
    { "field", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &fields,
      N_("What a field is, overriding the guess: households=HU_NUM, storeys=层数, name=none… (repeatable; "
         "id, name, compound, community, households, residents, party_members, storeys, height, type, "
         "estimated)"), "WHAT=FIELD" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_("Read the layer as buildings or streets only"), "ROLE" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name of the district"), "NAME" },
    { "m2-per-household", 0, 0, G_OPTION_ARG_DOUBLE, &m2,
      N_("Floor area per household for estimates (default 90 m²)"), "M2" },
    { "residents-per-household", 0, 0, G_OPTION_ARG_DOUBLE, &per_household,
      N_("Residents per household for estimates (default 2.6)"), "N" },
    { "join-tolerance", 0, 0, G_OPTION_ARG_DOUBLE, &tolerance,
      N_("Join street ends and nodes this close (default 2 m; 0: do not)"), "METRES" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Project file to write"), "FILE" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (_("— make a project from a layer of a GIS file"));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) layers = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_auto (LinliImportReport) report = { 0 };
  LinliImportOptions import_options;
  LinliOgrOptions options;
  LinliOgrMapping mapping;
  LinliOgrLayerInfo *info = NULL;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("linli-tool import: %s\n", error->message);
      return 2;
    }
  if (listed != NULL)
    return list_layers (listed, encoding);
  if (file == NULL || out == NULL)
    {
      g_printerr (_("linli-tool import: give --file FILE and --out FILE\n"));
      return 2;
    }
  linli_ogr_options_init (&options);
  options.layer = layer;
  options.encoding = encoding;
  /* Linli's own names say what the coordinates are after PROJ; anything
   * else names the layer's system for PROJ. */
  if (crs_name != NULL && !linli_crs_from_string (crs_name, &options.crs))
    options.source_crs = crs_name;
  if (role == NULL || g_str_equal (role, "auto"))
    options.role = LINLI_OGR_ROLE_AUTO;
  else if (g_str_equal (role, "buildings"))
    options.role = LINLI_OGR_ROLE_BUILDINGS;
  else if (g_str_equal (role, "streets"))
    options.role = LINLI_OGR_ROLE_STREETS;
  else
    {
      g_printerr (_("linli-tool import: --role must be buildings or streets\n"));
      return 2;
    }
  if (!(m2 > 0) || !(per_household > 0) || !(tolerance >= 0 && tolerance <= 100))
    {
      g_printerr (_("linli-tool import: the estimate parameters must be above 0 and the join tolerance "
                    "from 0 to 100 m\n"));
      return 2;
    }

  layers = linli_ogr_list_layers (file, &options, &error);
  if (layers == NULL)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < layers->len && info == NULL; i++)
    if (layer == NULL || g_strcmp0 (((LinliOgrLayerInfo *) layers->pdata[i])->name, layer) == 0)
      info = layers->pdata[i];
  if (info == NULL)
    {
      g_printerr (_("linli-tool: %s: no layer named “%s” (--list-layers lists them)\n"), file, layer);
      return 2;
    }
  linli_ogr_mapping_guess (&mapping, (const char *const *) info->fields);
  for (char **f = fields; f != NULL && *f != NULL; f++)
    if (!linli_ogr_mapping_parse (&mapping, (const char *const *) info->fields, *f, &error))
      {
        g_printerr ("linli-tool import: %s\n", error->message);
        return 2;
      }
  options.mapping = &mapping;

  linli_import_options_init (&import_options);
  import_options.name = name;
  import_options.m2_per_household = m2;
  import_options.residents_per_household = per_household;
  import_options.join_tolerance = tolerance;
  project = linli_import_ogr (file, &options, &import_options, &report, &error);
  if (project == NULL || !linli_format_save_file (project, out, &error))
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }

  g_print (_("%s: layer “%s”, %u features read\n"), out, info->name, report.features);
  g_print (_("fields:"));
  for (guint f = 0; f < LINLI_OGR_N_FIELDS; f++)
    if (mapping.fields[f] >= 0)
      g_print (" %s=“%s”", linli_ogr_field_to_string (f), info->fields[mapping.fields[f]]);
  g_print ("\n");
  g_print (_("buildings:   %u imported, households estimated for %u (%u not residential by type), "
             "%u other features skipped\n"),
           report.buildings, report.estimated, report.not_residential, report.skipped);
  if (report.repaired > 0 || report.degenerate > 0)
    g_print (_("             %u outlines crossing themselves replaced by their convex hull; "
               "%u outlines with no area dropped, their features kept as points\n"),
             report.repaired, report.degenerate);
  g_print (_("streets:     %u ways, %u nodes, %.1f km; %u joins made\n"),
           report.street_ways, report.street_nodes, report.street_km, report.street_joins);
  return 0;
}

/**
 * linli_tool_export_gis:
 * @layers: (nullable): "buildings,sites,streets" or a part; %NULL for all
 * @crs: (nullable): the output's coordinate system; %NULL for WGS84
 * @encoding: (nullable): of Shapefile attributes: UTF-8 (default) or GBK
 *
 * `linli-tool export FILE --to OUT.gpkg|.shp|.geojson [--layers …]
 * [--crs EPSG:4549] [--encoding GBK]`.
 *
 * Returns: the exit status
 */
int
linli_tool_export_gis (LinliDocument *document,
                       const char    *to,
                       const char    *layers,
                       const char    *crs,
                       const char    *encoding)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) written = NULL;
  LinliExportOgrOptions options;

  linli_export_ogr_options_init (&options);
  if (!linli_export_ogr_format_from_path (to, &options.format))
    {
      g_printerr (_("linli-tool export: --to must name a .gpkg, .shp or .geojson file\n"));
      return 2;
    }
  if (layers != NULL && !linli_export_ogr_layers_parse (layers, &options.layers, &error))
    {
      g_printerr ("linli-tool export: %s\n", error->message);
      return 2;
    }
  if (encoding != NULL && g_ascii_strcasecmp (encoding, "UTF-8") != 0 &&
      g_ascii_strcasecmp (encoding, "GBK") != 0)
    {
      g_printerr (_("linli-tool export: --encoding must be UTF-8 or GBK\n"));
      return 2;
    }
  options.crs = crs;
  options.encoding = encoding;
  written = linli_export_ogr (document, to, &options, &error);
  if (written == NULL)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < written->len; i++)
    g_print ("%s\n", (const char *) written->pdata[i]);
  return 0;
}
