/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-tool"

#include "config.h"

#include "linli-tool-grid.h"
#include "linli-tool-text.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "linli-document.h"
#include "linli-geos.h"
#include "linli-grid-assignment.h"
#include "linli-grid-propose.h"
#include "linli-grids.h"

/* linli-tool grid propose: divide a community into grids and print, and
 * optionally save, the proposal. */

static LinliGrids *sort_grids;

static int
compare_code (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (linli_grid_get_code (linli_grids_get_grid (sort_grids, *(const guint *) a)),
                    linli_grid_get_code (linli_grids_get_grid (sort_grids, *(const guint *) b)));
}

/* The positions of @community's grids, in the order of their codes. */
static GArray *
grids_by_code (LinliGrids *grids,
               guint       community)
{
  GArray *order = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint g = 0; g < linli_grids_get_n_grids (grids); g++)
    if (linli_grid_get_community (linli_grids_get_grid (grids, g)) == community)
      g_array_append_val (order, g);
  sort_grids = grids;
  g_array_sort (order, compare_code);
  return order;
}

static int
grid_propose (int    argc,
              char **argv)
{
  g_autofree char *community_id = NULL;
  g_autofree char *save_path = NULL;
  int min = 0, max = 0, n_grids = 0, seed = 1;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "community", 'c', 0, G_OPTION_ARG_STRING, &community_id, N_("The community to divide (its id)"), "ID" },
    { "min", 0, 0, G_OPTION_ARG_INT, &min, N_("Fewest households per grid (default: the project's, 300)"), "N" },
    { "max", 0, 0, G_OPTION_ARG_INT, &max, N_("Most households per grid (default: the project's, 500)"), "N" },
    { "grids", 'n', 0, G_OPTION_ARG_INT, &n_grids, N_("Number of grids (default: Linli chooses)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Random seed (the same seed gives the same grids)"), "N" },
    { "save", 'o', 0, G_OPTION_ARG_FILENAME, &save_path, N_("Save the project with the proposed grids to FILE"), "FILE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (_("FILE.linli — divide a community into grids"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliDocument) document = NULL;
  g_autoptr (LinliGridProposal) proposal = NULL;
  LinliGridProposeOptions options;
  LinliProject *project;
  const LinliCommunity *community;
  int index;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_printerr ("linli-tool grid propose: %s\n", error->message);
      return 2;
    }
  if (argc != 2 || community_id == NULL)
    {
      g_printerr (_("linli-tool grid propose: give one project file and --community ID\n"));
      return 2;
    }
  if (min < 0 || max < 0 || n_grids < 0 || (min > 0 && max > 0 && min > max) || (min > 0) != (max > 0))
    {
      g_printerr (_("linli-tool grid propose: --min and --max go together, and the minimum may not exceed the maximum\n"));
      return 2;
    }
  document = linli_document_new_for_path (argv[1], &error);
  if (document == NULL)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  project = linli_document_get_project (document);
  index = linli_project_find_community (project, community_id);
  if (index < 0)
    {
      g_printerr (_("linli-tool grid propose: the project has no community “%s”\n"), community_id);
      return 2;
    }
  community = linli_project_get_community (project, index);

  linli_grid_propose_options_init (&options);
  options.min_households = min;
  options.max_households = max;
  options.n_grids = n_grids;
  options.seed = seed;
  proposal = linli_grid_propose (document, index, &options, NULL, &error);
  if (proposal == NULL)
    {
      g_printerr ("linli-tool grid propose: %s\n", error->message);
      return 1;
    }
  if (proposal->problems == NULL)
    linli_grid_proposal_apply (proposal, document, index);

  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonGenerator) gen = json_generator_new ();
      g_autoptr (JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "community");
      json_builder_add_string_value (b, community->id);
      json_builder_set_member_name (b, "found");
      json_builder_add_boolean_value (b, proposal->problems == NULL);
      json_builder_set_member_name (b, "units");
      json_builder_add_int_value (b, proposal->n_units);
      json_builder_set_member_name (b, "proven_optimal");
      json_builder_add_boolean_value (b, proposal->proven_optimal);
      json_builder_set_member_name (b, "cut_length_m");
      json_builder_add_double_value (b, proposal->cut_length);
      json_builder_set_member_name (b, "split_compounds");
      json_builder_add_int_value (b, proposal->n_split_compounds);
      json_builder_set_member_name (b, "problems");
      json_builder_begin_array (b);
      for (guint k = 0; proposal->problems != NULL && proposal->problems[k] != NULL; k++)
        json_builder_add_string_value (b, proposal->problems[k]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "grids");
      json_builder_begin_array (b);
      if (proposal->problems == NULL)
        {
          const LinliGridAssignment *a = linli_document_get_grid_assignment (document);
          LinliGrids *grids = linli_project_get_grids (project);
          g_autoptr (GArray) order = grids_by_code (grids, index);

          for (guint k = 0; k < order->len; k++)
            {
              guint g = g_array_index (order, guint, k);
              LinliGrid *grid = linli_grids_get_grid (grids, g);
              const LinliGridFigures *f = linli_grid_assignment_get_figures (a, g);

              json_builder_begin_object (b);
              json_builder_set_member_name (b, "code");
              json_builder_add_string_value (b, linli_grid_get_code (grid));
              json_builder_set_member_name (b, "households");
              json_builder_add_int_value (b, f->households);
              json_builder_set_member_name (b, "buildings");
              json_builder_add_int_value (b, f->buildings);
              json_builder_set_member_name (b, "polsby_popper");
              json_builder_add_double_value (b, f->polsby_popper);
              json_builder_set_member_name (b, "contiguous");
              json_builder_add_boolean_value (b, f->contiguous);
              json_builder_set_member_name (b, "locked");
              json_builder_add_boolean_value (b, linli_grid_get_locked (grid));
              json_builder_end_object (b);
            }
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      text = json_generator_to_data (gen, NULL);
      g_print ("%s\n", text);
    }
  else if (proposal->problems != NULL)
    {
      g_print (_("No grids for community %s: the rules cannot be met.\n"), community->name);
      for (guint k = 0; proposal->problems[k] != NULL; k++)
        g_print ("  • %s\n", proposal->problems[k]);
    }
  else
    {
      const LinliGridAssignment *a = linli_document_get_grid_assignment (document);
      LinliGrids *grids = linli_project_get_grids (project);
      g_autoptr (GArray) order = grids_by_code (grids, index);

      g_print (_("Community %s: %u grids of %u–%u households from %u units (compounds, and buildings of compounds above the maximum).\n"),
               community->name, proposal->states->len,
               min ? (guint) min : linli_grids_get_min_households (grids),
               max ? (guint) max : linli_grids_get_max_households (grids), proposal->n_units);
      if (proposal->n_locked > 0)
        g_print (_("%u locked grids kept as they were.\n"), proposal->n_locked);
      g_print (_("Boundary between grids: %.0f m; compounds divided between grids: %u; %s.\n"),
               proposal->cut_length, proposal->n_split_compounds,
               proposal->proven_optimal ? _("proven the least possible") : _("the best found, not proven least"));
      {
        g_autofree char *code = linli_tool_pad (_("Code"), 18);
        g_autofree char *households = linli_tool_pad_left (_("Households"), 10);
        g_autofree char *buildings = linli_tool_pad_left (_("Buildings"), 10);
        g_autofree char *compactness = linli_tool_pad_left (_("Compactness"), 12);

        g_print ("%s %s %s %s\n", code, households, buildings, compactness);
      }
      for (guint k = 0; k < order->len; k++)
        {
          guint g = g_array_index (order, guint, k);
          LinliGrid *grid = linli_grids_get_grid (grids, g);
          const LinliGridFigures *f = linli_grid_assignment_get_figures (a, g);

          g_print ("%-18s %10u %10u %12.2f%s\n", linli_grid_get_code (grid), f->households, f->buildings,
                   f->polsby_popper, linli_grid_get_locked (grid) ? _(" (locked)") : "");
        }
    }

  if (save_path != NULL && proposal->problems == NULL)
    {
      g_autoptr (GFile) out = g_file_new_for_commandline_arg (save_path);

      if (!linli_document_save (document, out, &error))
        {
          g_printerr ("linli-tool: %s\n", error->message);
          return 1;
        }
    }
  return proposal->problems == NULL ? 0 : 1;
}

/**
 * linli_tool_grid:
 *
 * `linli-tool grid propose …`
 *
 * Returns: the exit status
 */
int
linli_tool_grid (int    argc,
                 char **argv)
{
  if (argc >= 2 && g_strcmp0 (argv[1], "propose") == 0)
    return grid_propose (argc - 1, argv + 1);
  g_printerr (_("Usage: linli-tool grid propose FILE.linli --community ID [--min N --max N] [--grids N] [--json] [--save FILE]\n"));
  return 2;
}
