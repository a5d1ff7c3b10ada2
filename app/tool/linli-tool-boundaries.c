/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-tool"

#include "config.h"

#include "linli-tool-boundaries.h"

#include <glib/gi18n.h>

#include "linli-document.h"
#include "linli-import.h"
#include "linli-import-boundaries.h"
#include "linli-import-ogr.h"

/* linli-tool boundaries: community and compound boundaries from a GeoJSON
 * or OpenStreetMap file, matched by name or by the buildings they hold,
 * reported and saved as one undoable step into a copy of the project. */

int
linli_tool_boundaries (int    argc,
                       char **argv)
{
  g_autofree char *in = NULL, *from = NULL, *out = NULL, *crs_name = NULL, *as = NULL, *name_field = NULL;
  g_autofree char *layer = NULL;
  GOptionEntry entries[] = {
    { "project", 'p', 0, G_OPTION_ARG_FILENAME, &in, N_("The project to give boundaries"), "FILE" },
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from, N_("GeoJSON polygons or OpenStreetMap XML with boundary, residential or neighbourhood areas"), "FILE" },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("What the polygons are: community or compound (default: by name and kind)"), "LEVEL" },
    { "name-field", 0, 0, G_OPTION_ARG_STRING, &name_field, N_("The property or tag holding the name (default: name, then name:zh)"), "FIELD" },
    { "crs", 0, 0, G_OPTION_ARG_STRING, &crs_name,
      N_("Coordinates of a GeoJSON file: wgs84 (default), gcj02 or cgcs2000; of a GIS file also an EPSG code, "
         "WKT or a PROJ string when the file does not say"), "CRS" },
    { "layer", 'l', 0, G_OPTION_ARG_STRING, &layer, N_("The layer of a GIS file (default: the first)"), "NAME" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Where to save the project with its boundaries"), "FILE" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (_("— give a project's communities and compounds the boundaries of a file"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliDocument) document = NULL;
  g_autoptr (LinliBoundaryImport) import = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *report = NULL;
  LinliBoundaryOptions opts;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 1 || in == NULL || from == NULL || out == NULL)
    {
      g_printerr ("linli-tool boundaries: %s\n", error ? error->message : _("give --project, --from and --out"));
      return 2;
    }
  linli_boundary_options_init (&opts);
  /* A GIS file's system can be any PROJ knows; GeoJSON's one of Linli's. */
  if (crs_name != NULL && !linli_crs_from_string (crs_name, &opts.crs))
    {
      if (!linli_ogr_handles (from))
        {
          g_printerr (_("linli-tool boundaries: --crs must be wgs84, gcj02 or cgcs2000\n"));
          return 2;
        }
      opts.source_crs = crs_name;
    }
  opts.layer = layer;
  if (as != NULL && g_strcmp0 (as, "community") == 0)
    opts.as = LINLI_BOUNDARY_AS_COMMUNITY;
  else if (as != NULL && g_strcmp0 (as, "compound") == 0)
    opts.as = LINLI_BOUNDARY_AS_COMPOUND;
  else if (as != NULL)
    {
      g_printerr (_("linli-tool boundaries: --as must be community or compound\n"));
      return 2;
    }
  if (name_field != NULL && name_field[0] == '\0')
    {
      g_printerr (_("linli-tool boundaries: --name-field must not be empty\n"));
      return 2;
    }
  opts.name_field = name_field;

  document = linli_document_new_for_path (in, &error);
  if (document != NULL)
    import = linli_boundary_import_read (linli_document_get_project (document), from, &opts, &error);
  if (import == NULL)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 2;
    }
  report = linli_boundary_import_describe (import, linli_document_get_project (document));
  g_print ("%s", report);
  if (import->n_matched == 0)
    {
      g_printerr (_("linli-tool boundaries: no polygon matched a community or compound; nothing saved\n"));
      return 1;
    }
  linli_boundary_import_apply (import, linli_document_get_history (document));
  file = g_file_new_for_commandline_arg (out);
  if (!linli_document_save (document, file, &error))
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 2;
    }
  g_print (_("%s: %u boundaries set\n"), out, import->n_matched);
  return 0;
}
