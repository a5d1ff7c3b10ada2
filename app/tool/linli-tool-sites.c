/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-tool"

#include "config.h"

#include "linli-tool-sites.h"

#include <glib/gi18n.h>

#include "linli-format.h"
#include "linli-import-sites.h"

/* Commands */

/* `linli-tool sites --project IN.linli (--csv FILE | --geojson FILE | --osm FILE | --kind KIND)
 * [--filter TAGS] [--crs CRS] [--tier TIER] [--column FIELD=COLUMN …] --out OUT.linli`:
 * candidate sites added in bulk.  Refused rows are listed on standard
 * error with file, line and reason, and so is a warning for data far from
 * the project's; the rest are added.  Exit status 2 for bad arguments or a
 * file that cannot be read at all, 1 when the project cannot be read or
 * written. */
int
linli_tool_sites (int    argc,
                  char **argv)
{
  g_autofree char *in = NULL, *out = NULL, *csv = NULL, *geojson = NULL, *osm = NULL, *kind = NULL;
  g_autofree char *filter = NULL, *crs_name = NULL, *tier_name = NULL;
  g_auto (GStrv) columns = NULL;
  GOptionEntry entries[] = {
    { "project", 'p', 0, G_OPTION_ARG_FILENAME, &in, N_("Project to add the candidate sites to"), "FILE" },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, N_("A list of sites (CSV): name, address, lon/lat, tier, area, cost"),
      "FILE" },
    { "geojson", 0, 0, G_OPTION_ARG_FILENAME, &geojson, N_("The points of a GeoJSON file"), "FILE" },
    { "osm", 0, 0, G_OPTION_ARG_FILENAME, &osm, N_("The nodes of an OpenStreetMap XML file"), "FILE" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("Every building of this kind in the project (e.g. retail)"),
      "KIND" },
    { "filter", 0, 0, G_OPTION_ARG_STRING, &filter,
      N_("Tags a point must have, any of them: office=government,shop=vacant,amenity (default: any tag)"), "TAGS" },
    { "crs", 0, 0, G_OPTION_ARG_STRING, &crs_name, N_("Coordinates of a list or GeoJSON file: wgs84 (default), "
                                                    "gcj02 or cgcs2000"), "CRS" },
    { "tier", 0, 0, G_OPTION_ARG_STRING, &tier_name, N_("Tier of sites that say none: street, community, station "
                                                      "(default) or neighbourhood"), "TIER" },
    { "column", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &columns,
      N_("Column of a field of a list, overriding the guess: cost=费用, lat=3… (fields: name, address, lat, lon, "
         "tier, area, cost, capacity)"), "FIELD=COLUMN" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Project file to write"), "FILE" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (_("— add candidate sites in bulk"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliHistory) history = NULL;
  g_autoptr (LinliSiteImport) import = NULL;
  g_autofree char *described = NULL, *place = NULL;
  LinliSiteImportOptions options;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || in == NULL || out == NULL ||
      (csv != NULL) + (geojson != NULL) + (osm != NULL) + (kind != NULL) != 1)
    {
      g_printerr ("linli-tool sites: %s\n",
                  error ? error->message
                        : _("give --project FILE, one of --csv, --geojson, --osm FILE or --kind KIND, and --out FILE"));
      return 2;
    }
  linli_site_import_options_init (&options);
  options.filter = filter;
  if (crs_name != NULL && !linli_crs_from_string (crs_name, &options.crs))
    {
      g_printerr (_("linli-tool sites: --crs must be wgs84, gcj02 or cgcs2000\n"));
      return 2;
    }
  if (tier_name != NULL && !linli_site_tier_from_string (tier_name, &options.tier))
    {
      g_printerr (_("linli-tool sites: --tier must be street, community, station or neighbourhood\n"));
      return 2;
    }
  project = linli_format_load_file (in, &error);
  if (project == NULL)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }

  if (csv != NULL)
    {
      g_autoptr (LinliCsvTable) table = linli_csv_table_load (csv, 0, &error);
      LinliSiteMapping mapping;

      if (table == NULL)
        {
          g_printerr ("linli-tool: %s\n", error->message);
          return 2;
        }
      linli_site_mapping_guess (&mapping, table);
      for (char **c = columns; c != NULL && *c != NULL; c++)
        if (!linli_site_mapping_parse (&mapping, table, *c, &error))
          {
            g_printerr ("linli-tool sites: %s\n", error->message);
            return 2;
          }
      import = linli_site_import_csv (table, &mapping, &options, &error);
    }
  else if (kind != NULL)
    import = linli_site_import_buildings (project, kind, &options);
  else
    import = linli_site_import_points (geojson ? geojson : osm,
                                       geojson ? LINLI_IMPORT_FORMAT_GEOJSON : LINLI_IMPORT_FORMAT_OSM, &options,
                                       &error);
  if (import == NULL)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 2;
    }

  for (guint i = 0; i < import->refusals->len; i++)
    g_printerr ("%s\n", (char *) import->refusals->pdata[i]);
  if (import->n_refused > import->refusals->len)
    g_printerr (_("… and %u more refused\n"), import->n_refused - import->refusals->len);
  place = linli_site_import_check_place (import, project);
  if (place != NULL)
    g_printerr ("linli-tool sites: %s\n", place);

  history = linli_history_new (project);
  linli_site_import_apply (import, history);
  if (!linli_format_save_file (project, out, &error))
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  described = linli_site_import_describe (import);
  g_print ("%s: %s\n", out, described);
  return 0;
}
