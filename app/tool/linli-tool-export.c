/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-tool"

#include "config.h"

#include "linli-tool-export.h"

#include "linli-partner-tables.h"
#include "linli-tool-gis.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "linli-document.h"
#include "linli-number.h"
#include "linli-painter.h"
#include "linli-report.h"
#include "linli-report-tables.h"
#include "linli-scenario-project.h"
#include "linli-xlsx.h"

/* linli-tool export: the report on a project as PDF pages, PNG pages, an
 * Excel workbook or CSV files, with no display.  The options are read into
 * one struct and the document is opened in one place, so an option that
 * chooses what to report on (a scenario) slots in before the outputs. */

typedef struct
{
  char     *pdf;
  char     *png;
  char     *xlsx;
  char     *csv;
  char     *page;
  char     *size;
  char     *compare;
  char     *scenario;
  double    dpi;
  gboolean  landscape;
  gboolean  deck;
  gboolean  hide_names;
  char     *to;       /* GIS layers: .gpkg, .shp or .geojson */
  char     *layers;
  char     *crs;
  char     *encoding;
} ExportOptions;

static void
export_options_clear (ExportOptions *opts)
{
  g_free (opts->pdf);
  g_free (opts->png);
  g_free (opts->xlsx);
  g_free (opts->csv);
  g_free (opts->page);
  g_free (opts->size);
  g_free (opts->compare);
  g_free (opts->to);
  g_free (opts->layers);
  g_free (opts->crs);
  g_free (opts->encoding);
  g_free (opts->scenario);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExportOptions, export_options_clear)

/* A document of @document's project switched to the scenario a user
 * names ("base", an id or a name), the file left as it is. */
static LinliDocument *
scenario_document (LinliDocument  *document,
                   const char     *name,
                   char          **label,
                   GError        **error)
{
  LinliProject *project = linli_document_get_project (document);
  g_autoptr (LinliProject) copy = NULL;
  LinliScenario *scenario;

  if (!linli_scenario_project_resolve (project, name, &scenario, error))
    return NULL;
  copy = linli_scenario_project_build (project, name, error);
  if (copy == NULL)
    return NULL;
  *label = g_strdup (linli_scenario_project_name (project, scenario != NULL ? linli_scenario_get_id (scenario)
                                                                            : NULL));
  return linli_document_new (copy, NULL);
}

/* The page size in points: a paper, or with --size the pixels asked at
 * the resolution asked. */
static gboolean
page_size (const ExportOptions *opts,
           double              *width,
           double              *height)
{
  LinliPaper paper = LINLI_PAPER_A4;
  double w, h;

  if (opts->size != NULL)
    {
      if (!linli_number_parse_pair (opts->size, 'x', &w, &h) || w != floor (w) || h != floor (h) ||
          w < 1 || h < 1 || w > LINLI_RENDER_MAX_SIDE || h > LINLI_RENDER_MAX_SIDE)
        {
          g_printerr (_("linli-tool export: --size must be WxH, each from 1 to %d\n"),
                      LINLI_RENDER_MAX_SIDE);
          return FALSE;
        }
      *width = w * 72 / opts->dpi;
      *height = h * 72 / opts->dpi;
      if (*width < 144 || *height < 144)
        {
          g_printerr (_("linli-tool export: --size is too small for a page at %g dpi "
                        "(2 inches at least)\n"),
                      opts->dpi);
          return FALSE;
        }
      return TRUE;
    }
  if (opts->page == NULL || g_ascii_strcasecmp (opts->page, "a4") == 0)
    paper = LINLI_PAPER_A4;
  else if (g_ascii_strcasecmp (opts->page, "a3") == 0)
    paper = LINLI_PAPER_A3;
  else
    {
      g_printerr (_("linli-tool export: --page must be a4 or a3\n"));
      return FALSE;
    }
  linli_paper_get_size (paper, opts->landscape, width, height);
  return TRUE;
}

static gboolean
write_csv (GPtrArray  *tables,
           const char *dir,
           GError    **error)
{
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("%s: could not make the folder: %s"),
                   display, g_strerror (saved));
      return FALSE;
    }
  for (guint i = 0; i < tables->len; i++)
    {
      LinliTable *table = g_ptr_array_index (tables, i);
      g_autofree char *name = g_strconcat (linli_table_get_key (table), ".csv", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!linli_table_save_csv (table, path, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * linli_tool_export:
 *
 * `linli-tool export FILE --pdf OUT.pdf …`: see the README.
 *
 * Returns: the exit status: 0, 1 when an output could not be written, 2
 *   on a usage error or a file that cannot be read
 */
int
linli_tool_export (int    argc,
                   char **argv)
{
  g_auto (ExportOptions) opts = { .dpi = 150 };
  GOptionEntry entries[] = {
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &opts.pdf, N_("Write the report as a PDF file"), "FILE" },
    { "png", 0, 0, G_OPTION_ARG_FILENAME, &opts.png,
      N_("Write each page as a PNG image; %d in the name stands for the page number"), "FILE" },
    { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &opts.xlsx,
      N_("Write the report's tables as an Excel workbook"),
      "FILE" },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &opts.csv,
      N_("Write each of the report's tables as a CSV file (UTF-8) into a folder"), "DIR" },
    { "page", 0, 0, G_OPTION_ARG_STRING, &opts.page, N_("Paper: a4 (the default) or a3"), "SIZE" },
    { "landscape", 0, 0, G_OPTION_ARG_NONE, &opts.landscape, N_("Landscape pages"), NULL },
    { "size", 's', 0, G_OPTION_ARG_STRING, &opts.size,
      N_("Pages of this many pixels at --dpi, in place of --page (e.g. 1920x1080 for a screen)"),
      "WxH" },
    { "dpi", 0, 0, G_OPTION_ARG_DOUBLE, &opts.dpi, N_("Resolution of PNG pages, default 150"),
      "N" },
    { "deck", 0, 0, G_OPTION_ARG_NONE, &opts.deck,
      N_("A meeting deck: one landscape page per view (the district, each community)"), NULL },
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &opts.scenario,
      N_("Report on this scenario of the project (a name or id; “base” for the current state), "
         "whichever is open in the file"),
      "NAME" },
    { "compare", 0, 0, G_OPTION_ARG_FILENAME, &opts.compare,
      N_("Add a page comparing BEFORE — a scenario of the project, or another .linli file — with "
         "what the report is on (after): two maps and the figures' changes"),
      "BEFORE" },
    { "hide-names", 0, 0, G_OPTION_ARG_NONE, &opts.hide_names,
      N_("Hide people's names, whatever the project says"), NULL },
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &opts.to,
      N_("Write the results as GIS layers: a GeoPackage (.gpkg), Shapefiles (.shp) or GeoJSON (.geojson)"),
      "FILE" },
    { "layers", 0, 0, G_OPTION_ARG_STRING, &opts.layers,
      N_("GIS layers to write, default all: buildings,sites,streets,grids,assignments (grids and "
         "assignments when there are some)"), "LIST" },
    { "crs", 0, 0, G_OPTION_ARG_STRING, &opts.crs,
      N_("Coordinate system of the GIS layers, e.g. EPSG:4549 (default: WGS84)"), "CRS" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &opts.encoding,
      N_("Encoding of Shapefile attributes: UTF-8 (default) or GBK"), "ENCODING" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    g_option_context_new (_("FILE — the report on a project as PDF, PNG, Excel or CSV, or its layers for a GIS"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliDocument) document = NULL;
  g_autoptr (LinliReport) report = NULL;
  g_autoptr (GPtrArray) tables = NULL;
  g_autofree char *name_b = NULL;
  double width, height;
  int status = 0;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("linli-tool export: %s\n", error ? error->message : _("give one FILE"));
      return 2;
    }
  if (opts.pdf == NULL && opts.png == NULL && opts.xlsx == NULL && opts.csv == NULL && opts.to == NULL)
    {
      g_printerr (_("linli-tool export: give --pdf FILE, --png FILE, --xlsx FILE, --csv DIR or --to FILE\n"));
      return 2;
    }
  if (!(opts.dpi >= LINLI_REPORT_MIN_DPI && opts.dpi <= LINLI_REPORT_MAX_DPI))
    {
      g_printerr (_("linli-tool export: --dpi must be from %d to %d\n"), LINLI_REPORT_MIN_DPI,
                  LINLI_REPORT_MAX_DPI);
      return 2;
    }
  if (!page_size (&opts, &width, &height))
    return 2;

  document = linli_document_new_for_path (argv[1], &error);
  if (document == NULL)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 2;
    }
  name_b = g_path_get_basename (argv[1]);
  if (opts.scenario != NULL)
    {
      LinliDocument *in_scenario;

      g_clear_pointer (&name_b, g_free);
      in_scenario = scenario_document (document, opts.scenario, &name_b, &error);
      if (in_scenario == NULL)
        {
          g_printerr ("linli-tool: %s\n", error->message);
          return 2;
        }
      g_object_unref (document);
      document = in_scenario;
    }
  if (opts.hide_names)
    linli_project_set_hide_names (linli_document_get_project (document), TRUE);

  if (opts.pdf != NULL || opts.png != NULL)
    {
      report = linli_report_new (width, height);
      if (opts.scenario != NULL)
        {
          /* TRANSLATORS: the report's title when it is on a scenario; %s is its name */
          g_autofree char *title = g_strdup_printf (_("10-Minute Service Circle Report: %s"), name_b);

          linli_report_set_title (report, title);
        }
      if (opts.compare != NULL)
        {
          g_autoptr (LinliDocument) before = NULL;
          g_autofree char *name_a = NULL;

          /* A file when it is one, else a scenario of this project's. */
          if (g_str_has_suffix (opts.compare, ".linli") && g_file_test (opts.compare, G_FILE_TEST_EXISTS))
            {
              before = linli_document_new_for_path (opts.compare, &error);
              name_a = g_path_get_basename (opts.compare);
            }
          else
            {
              g_autoptr (LinliDocument) opened = linli_document_new_for_path (argv[1], &error);

              if (opened != NULL)
                before = scenario_document (opened, opts.compare, &name_a, &error);
            }
          if (before == NULL)
            {
              g_printerr ("linli-tool: %s\n", error->message);
              return 2;
            }
          if (opts.hide_names)
            linli_project_set_hide_names (linli_document_get_project (before), TRUE);
          linli_report_add_comparison (report, before, name_a, document, name_b);
        }
      if (opts.deck)
        linli_report_add_deck (report, document, NULL);
      else
        linli_report_add_document (report, document, NULL);
      if (opts.pdf != NULL && !linli_report_save_pdf (report, opts.pdf, &error))
        {
          g_printerr ("linli-tool: %s\n", error->message);
          g_clear_error (&error);
          status = 1;
        }
      if (opts.png != NULL && !linli_report_save_png (report, opts.png, opts.dpi, &error))
        {
          g_printerr ("linli-tool: %s\n", error->message);
          g_clear_error (&error);
          status = 1;
        }
    }
  if (opts.xlsx != NULL || opts.csv != NULL)
    {
      tables = linli_report_tables_collect (document, NULL);
      /* The partner units' five lists, as the offices exchange them. */
      {
        g_autoptr (GPtrArray) partner_tables = linli_partner_tables_collect (linli_document_get_project (document));

        for (guint i = 0; i < partner_tables->len; i++)
          g_ptr_array_add (tables, linli_table_ref (partner_tables->pdata[i]));
      }
      if (opts.xlsx != NULL && !linli_tables_save_xlsx (tables, opts.xlsx, &error))
        {
          g_printerr ("linli-tool: %s\n", error->message);
          g_clear_error (&error);
          status = 1;
        }
      if (opts.csv != NULL && !write_csv (tables, opts.csv, &error))
        {
          g_printerr ("linli-tool: %s\n", error->message);
          g_clear_error (&error);
          status = 1;
        }
    }
  if (opts.to != NULL)
    {
      int gis = linli_tool_export_gis (document, opts.to, opts.layers, opts.crs, opts.encoding);

      status = MAX (status, gis);
    }
  g_clear_object (&report);
  g_clear_object (&document);
  linli_render_free_caches ();
  return status;
}
