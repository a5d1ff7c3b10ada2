/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-tool"

#include "config.h"

#include "linli-tool-scenario.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "linli-document.h"
#include "linli-format.h"
#include "linli-plan-project.h"
#include "linli-scenario-compare.h"
#include "linli-scenario-edits.h"
#include "linli-tool-text.h"

/* Auxiliary methods */

static LinliProject *
load (const char *path)
{
  g_autoptr (GError) error = NULL;
  LinliProject *project = linli_format_load_file (path, &error);

  if (project == NULL)
    g_printerr ("linli-tool: %s\n", error->message);
  return project;
}

static const char *
judgement (int judge)
{
  return judge > 0 ? _("better") : judge < 0 ? _("worse") : "";
}

/* Commands */

/* `linli-tool scenario list FILE`: every scenario with its decisions
 * counted against the base, the active one marked. */
static int
scenario_list (int    argc,
               char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new (_("FILE.linli — list the scenarios of a project"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (GPtrArray) base = NULL;
  LinliScenarios *scenarios;
  const char *active;
  guint name_width;

  g_option_context_add_main_entries (ctx, (GOptionEntry[]) { { NULL } }, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("linli-tool scenario list: %s\n",
                  error ? error->message : _("give one project FILE"));
      return 2;
    }
  project = load (argv[1]);
  if (project == NULL)
    return 1;
  scenarios = linli_project_get_scenarios (project);
  active = linli_scenarios_get_active (scenarios);
  base = linli_scenario_project_dup_base (project);

  name_width = linli_tool_display_width (linli_scenarios_base_name ());
  for (guint i = 0; i < linli_scenarios_get_n (scenarios); i++)
    {
      const char *name = linli_scenario_get_name (linli_scenarios_get (scenarios, i));

      name_width = MAX (name_width, linli_tool_display_width (name));
    }
  name_width = MIN (name_width, 40);

  for (guint i = 0; i <= linli_scenarios_get_n (scenarios); i++)
    {
      LinliScenario *scenario = i == 0 ? NULL : linli_scenarios_get (scenarios, i - 1);
      const char *id = scenario ? linli_scenario_get_id (scenario) : LINLI_SCENARIO_BASE_ID;
      gboolean is_active = g_strcmp0 (scenario ? id : NULL, active) == 0;
      g_autofree char *name = linli_tool_pad (scenario ? linli_scenario_get_name (scenario)
                                                       : linli_scenarios_base_name (), name_width);
      g_autofree char *padded_id = linli_tool_pad (id, 14);
      const char *scenario_id = scenario ? id : NULL;
      g_autoptr (LinliDecisions) decisions = linli_scenario_project_dup_decisions (project, scenario_id);
      g_autoptr (GPtrArray) view = linli_scenario_project_dup_view (project, scenario_id);
      guint added, changed, removed;

      linli_decisions_count (decisions, base, &added, &changed, &removed);
      g_print ("%s %s  %s  ", is_active ? "*" : " ", padded_id, name);
      /* TRANSLATORS: a scenario's sites and its decisions on top of the base */
      g_print (_("%u sites: %u added, %u changed, %u removed"), view->len, added, changed, removed);
      if (scenario != NULL && linli_scenario_get_note (scenario) != NULL)
        {
          g_autofree char *note = g_strdelimit (g_strdup (linli_scenario_get_note (scenario)),
                                                "\n\r\t", ' ');
          g_print ("  — %s", note);
        }
      g_print ("\n");
    }
  if (active == NULL)
    g_print (_("Active: %s\n"), linli_scenarios_base_name ());
  else
    g_print (_("Active: %s\n"), linli_scenario_project_name (project, active));
  return 0;
}

static void
add_number (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_side (JsonBuilder  *builder,
          const char   *member,
          LinliProject *project,
          const char   *id)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id != NULL ? id : LINLI_SCENARIO_BASE_ID);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, linli_scenario_project_name (project, id));
  json_builder_end_object (builder);
}

/* `linli-tool scenario compare FILE A B [--json]`: the key figures of two
 * scenarios side by side, B − A, the change in per cent of A and whether
 * it is better or worse. */
static int
scenario_compare (int    argc,
                  char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the comparison as JSON"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    g_option_context_new (_("FILE.linli A B — compare the key figures of two scenarios (by name or id; “base” for the "
                            "current state)"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliProject) pa = NULL, pb = NULL;
  g_autoptr (LinliDocument) da = NULL, db = NULL;
  g_autoptr (LinliComparison) comparison = NULL;
  LinliScenario *sa, *sb;
  const char *ida, *idb;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 4)
    {
      g_printerr ("linli-tool scenario compare: %s\n",
                  error ? error->message : _("give a project FILE and two scenarios A and B"));
      return 2;
    }
  project = load (argv[1]);
  if (project == NULL)
    return 1;
  if (!linli_scenario_project_resolve (project, argv[2], &sa, &error) ||
      !linli_scenario_project_resolve (project, argv[3], &sb, &error))
    {
      g_printerr ("linli-tool scenario compare: %s\n", error->message);
      return 2;
    }
  ida = sa ? linli_scenario_get_id (sa) : NULL;
  idb = sb ? linli_scenario_get_id (sb) : NULL;
  pa = linli_scenario_project_build (project, argv[2], &error);
  pb = linli_scenario_project_build (project, argv[3], &error);
  da = linli_document_new (pa, NULL);
  db = linli_document_new (pb, NULL);
  comparison = linli_comparison_new_for_documents (da, db);

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonGenerator) generator = json_generator_new ();
      g_autoptr (JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      add_side (builder, "a", project, ida);
      add_side (builder, "b", project, idb);
      json_builder_set_member_name (builder, "figures");
      json_builder_begin_array (builder);
      for (guint i = 0; i < linli_comparison_get_n (comparison); i++)
        {
          const LinliComparisonRow *row = linli_comparison_get (comparison, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "key");
          json_builder_add_string_value (builder, row->figure->key);
          json_builder_set_member_name (builder, "group");
          json_builder_add_string_value (builder, row->figure->group);
          json_builder_set_member_name (builder, "label");
          json_builder_add_string_value (builder, row->figure->label);
          add_number (builder, "a", row->a);
          add_number (builder, "b", row->b);
          add_number (builder, "diff", row->diff);
          add_number (builder, "percent", row->percent);
          json_builder_set_member_name (builder, "judge");
          json_builder_add_int_value (builder, row->judge);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
      return 0;
    }

  {
    g_autofree char *head_label = linli_tool_pad (_("Figure"), 30);
    g_autofree char *head_a = linli_tool_pad_left (linli_scenario_project_name (project, ida), 16);
    g_autofree char *head_b = linli_tool_pad_left (linli_scenario_project_name (project, idb), 16);
    g_autofree char *head_diff = linli_tool_pad_left (_("Change"), 12);
    g_autofree char *head_percent = linli_tool_pad_left (_("Change %"), 10);

    /* TRANSLATORS: the title of a comparison; %s are the scenarios' names */
    g_print (_("%s compared with %s\n"), linli_scenario_project_name (project, idb),
             linli_scenario_project_name (project, ida));
    g_print ("%s %s %s %s %s\n", head_label, head_a, head_b, head_diff, head_percent);
  }
  for (guint i = 0; i < linli_comparison_get_n (comparison); i++)
    {
      const LinliComparisonRow *row = linli_comparison_get (comparison, i);
      g_autofree char *a = linli_figure_format (row->figure, row->a);
      g_autofree char *b = linli_figure_format (row->figure, row->b);
      g_autofree char *diff = linli_figure_format_change (row->figure, row->a, row->b);
      g_autofree char *percent = linli_figure_format_percent_change (row->a, row->b);
      g_autofree char *label = linli_tool_pad (row->figure->label, 30);
      g_autofree char *pa_text = linli_tool_pad_left (a, 16);
      g_autofree char *pb_text = linli_tool_pad_left (b, 16);
      g_autofree char *pd = linli_tool_pad_left (diff, 12);
      g_autofree char *pp = linli_tool_pad_left (percent, 10);

      g_print ("%s %s %s %s %s  %s\n", label, pa_text, pb_text, pd, pp, judgement (row->judge));
    }
  return 0;
}

/* `linli-tool scenario from-plan FILE --name NAME --out OUT.linli [plan
 * options]`: runs a plan on the project's active scenario and saves its
 * proposed sites, made planned, as a new scenario; the project's own sites
 * stay as they were. */
static int
scenario_from_plan (int    argc,
                    char **argv)
{
  g_autofree char *problem_name = NULL, *name = NULL, *note = NULL, *out = NULL;
  int k = -1, seed = 1;
  double target = 0.95, budget = -1, time_limit = 60, gap = 1e-6;
  gboolean capacitated = FALSE, use_costs = FALSE;
  GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, N_("The new scenario’s name"), "NAME" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("What the scenario is about"), "TEXT" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Project file to write"), "FILE" },
    { "problem", 'p', 0, G_OPTION_ARG_STRING, &problem_name,
      N_("mclp (most covered), lscp (fewest sites for a target) or pmedian (shortest mean walk)"),
        "NAME" },
    { "k", 'k', 0, G_OPTION_ARG_INT, &k, N_("New sites to choose (mclp, pmedian)"), "N" },
    { "target", 0, 0, G_OPTION_ARG_DOUBLE, &target,
      N_("Share of households to cover (lscp), default 0.95"), "SHARE" },
    { "budget", 0, 0, G_OPTION_ARG_DOUBLE, &budget, N_("Cost limit of the new sites"), "YUAN" },
    { "capacitated", 0, 0, G_OPTION_ARG_NONE, &capacitated,
      N_("Each site serves at most its capacity (mclp)"), NULL },
    { "use-costs", 0, 0, G_OPTION_ARG_NONE, &use_costs,
      N_("Least total cost instead of fewest sites (lscp)"), NULL },
    { "time-limit", 0, 0, G_OPTION_ARG_DOUBLE, &time_limit, N_("Seconds to search at most"), "S" },
    { "gap", 0, 0, G_OPTION_ARG_DOUBLE, &gap,
      N_("Stop when proven within this fraction of the best, e.g. 0.01"), "FRACTION" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Random seed (the same seed gives the same plan)"),
      "N" },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    g_option_context_new (_("FILE.linli — run a plan and save its proposed sites as a new scenario"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliDocument) document = NULL;
  g_autoptr (LinliPlanInstance) instance = NULL;
  g_autoptr (LinliPlanResult) result = NULL;
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  g_autoptr (GPtrArray) sites = NULL;
  LinliPlanOptions opts;
  LinliProject *project;
  LinliScenario *scenario;
  double radius;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2 || name == NULL
      || out == NULL)
    {
      g_printerr ("linli-tool scenario from-plan: %s\n",
                  error ? error->message : _("give a project FILE, --name NAME and --out FILE"));
      return 2;
    }
  linli_plan_options_init (&opts);
  if (!linli_plan_problem_from_string (problem_name != NULL ? problem_name : "mclp", &opts.problem))
    {
      g_printerr (_("linli-tool plan: --problem must be mclp, lscp or pmedian\n"));
      return 2;
    }
  if ((opts.problem != LINLI_PLAN_LSCP && k < 0 && budget < 0) ||
      (opts.problem == LINLI_PLAN_LSCP && !(target > 0 && target <= 1)))
    {
      g_printerr (_("linli-tool plan: give --k or --budget (mclp, pmedian), and a --target from 0 to 1 (lscp)\n"));
      return 2;
    }
  document = linli_document_new_for_path (argv[1], &error);
  if (document == NULL)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  project = linli_document_get_project (document);
  if (!linli_scenarios_check_name (linli_project_get_scenarios (project), name, NULL, &error))
    {
      g_printerr ("linli-tool scenario from-plan: %s\n", error->message);
      return 2;
    }

  radius = linli_project_get_coverage_radius (project);
  instance = linli_plan_instance_new_from_project (project, linli_document_get_walk (document),
                                                   3 * radius);
  opts.k = k;
  opts.budget = budget;
  opts.target_share = target;
  opts.radius = radius;
  opts.capacitated = capacitated;
  opts.use_costs = use_costs;
  opts.time_limit = time_limit;
  opts.gap_tolerance = gap;
  opts.seed = (guint32) seed;
  result = linli_plan_solve (instance, &opts, NULL, NULL, NULL, &error);
  if (result == NULL)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  /* The instance's candidates are the project's sites, in order. */
  for (guint i = 0; i < result->n_chosen; i++)
    {
      LinliSite *site = linli_project_get_site (project, result->chosen[i]);

      g_ptr_array_add (ids, (gpointer) linli_site_get_id (site));
    }
  sites = linli_scenario_project_dup_sites_planned (project, (const char *const *) ids->pdata,
                                                    ids->len);
  scenario = linli_scenario_edits_create_from_sites (linli_document_get_history (document), name,
                                                     note, sites,
                                                     &error);
  if (scenario == NULL)
    {
      g_printerr ("linli-tool scenario from-plan: %s\n", error->message);
      return 2;
    }
  if (!linli_format_save_file (project, out, &error))
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  /* TRANSLATORS: %s is a scenario's name, %u how many sites the plan proposes */
  g_print (g_dngettext (GETTEXT_PACKAGE, "Scenario “%s” (%s): %u proposed site planned\n",
                        "Scenario “%s” (%s): %u proposed sites planned\n", result->n_chosen),
           name, linli_scenario_get_id (scenario), result->n_chosen);
  for (guint i = 0; i < ids->len; i++)
    g_print ("  %s\n", (const char *) ids->pdata[i]);
  g_print (_("Saved to %s\n"), out);
  return 0;
}

/* Dispatch */

int
linli_tool_scenario (int    argc,
                     char **argv)
{
  if (argc >= 2 && g_strcmp0 (argv[1], "list") == 0)
    return scenario_list (argc - 1, argv + 1);
  if (argc >= 2 && g_strcmp0 (argv[1], "compare") == 0)
    return scenario_compare (argc - 1, argv + 1);
  if (argc >= 2 && g_strcmp0 (argv[1], "from-plan") == 0)
    return scenario_from_plan (argc - 1, argv + 1);
  g_printerr (_("Usage: linli-tool scenario list FILE\n"
                "       linli-tool scenario compare FILE A B [--json]\n"
                "       linli-tool scenario from-plan FILE --name NAME --out FILE [plan options]\n"));
  return 2;
}
