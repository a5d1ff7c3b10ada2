/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-tool"

#include "config.h"

#include "linli-tool-units.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "linli-format.h"
#include "linli-partner-csv.h"
#include "linli-partner-tables.h"
#include "linli-partners.h"
#include "linli-registry.h"

/* linli-tool units and linli-tool needs: the partner lists in a registry
 * (or, for needs, in a plan), imported from CSV and listed. */

#define REGISTRY_HELP \
  N_("The registry: an SQLite file, sqlite:PATH, postgresql://… or a libpq keyword string")

/* Auxiliary methods */

/* Opens the registry at @uri and loads its lists into @partners (empty);
 * a new registry starts with the built-in categories, as a new plan does.
 * Says why not on stderr. */
static LinliRegistry *
open_registry (const char    *uri,
               LinliPartners *partners)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliRegistry) registry = linli_registry_open (uri, &error);

  if (registry == NULL || !linli_registry_load (registry, partners, &error))
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return NULL;
    }
  if (linli_partners_get_n (partners, LINLI_PARTNER_LIST_CATEGORIES) == 0)
    {
      g_autoptr (LinliPartners) fresh = linli_partners_new ();

      for (guint i = 0; i < linli_partners_get_n (fresh, LINLI_PARTNER_LIST_CATEGORIES); i++)
        linli_partners_insert (partners, LINLI_PARTNER_LIST_CATEGORIES, i,
                               linli_partners_get_category (fresh, i));
    }
  return g_steal_pointer (&registry);
}

/* Saves @partners into @registry: 0, or 1 saying why not. */
static int
save_registry (LinliRegistry *registry,
               LinliPartners *partners)
{
  g_autoptr (GError) error = NULL;

  if (!linli_registry_save (registry, partners, &error))
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  return 0;
}

static void
print_json (JsonBuilder *b)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* Commands */

/* `linli-tool units import CSV --registry URI`: a spreadsheet of partner
 * units and their resource items into the registry, in one transaction.
 * Exit 2 for wrong options or a refused file (with its line and reason),
 * 1 when the registry cannot be opened or the save is refused (another
 * person changed the same units meanwhile). */
static int
units_import (int    argc,
              char **argv)
{
  g_autofree char *uri = NULL;
  gboolean add_categories = FALSE;
  GOptionEntry entries[] = {
    { "registry", 'r', 0, G_OPTION_ARG_STRING, &uri, REGISTRY_HELP, "URI" },
    { "add-categories", 0, 0, G_OPTION_ARG_NONE, &add_categories,
      N_("Add the categories the registry does not know yet instead of refusing them"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    g_option_context_new (_("CSV — add partner units and what they offer to the registry"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliRegistry) registry = NULL;
  g_autoptr (LinliPartners) partners = linli_partners_new ();
  guint added = 0, changed = 0;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2 || uri == NULL)
    {
      g_printerr ("linli-tool units import: %s\n",
                  error ? error->message : _("give one CSV file and --registry URI"));
      return 2;
    }
  if ((registry = open_registry (uri, partners)) == NULL)
    return 1;
  if (!linli_partner_units_csv_read (partners, argv[1], add_categories, &added, &changed,
                                     &error))
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 2;
    }
  if (save_registry (registry, partners) != 0)
    return 1;
  /* Translators: the registry (without password), then units added and changed */
  g_print (_("%s: %u units added, %u changed\n"), linli_registry_get_location (registry), added,
           changed);
  return 0;
}

static void
print_units_json (LinliRegistry *registry,
                  LinliPartners *partners)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "registry");
  json_builder_add_string_value (b, linli_registry_get_location (registry));
  json_builder_set_member_name (b, "units");
  json_builder_begin_array (b);
  for (guint i = 0; i < linli_partners_get_n (partners, LINLI_PARTNER_LIST_UNITS); i++)
    {
      const LinliPartnerUnit *u = linli_partners_get_unit (partners, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, u->id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, u->name);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, linli_partner_unit_type_to_string (u->type));
      json_builder_set_member_name (b, "address");
      json_builder_add_string_value (b, u->address);
      if (u->has_position)
        {
          json_builder_set_member_name (b, "lon");
          json_builder_add_double_value (b, u->lon);
          json_builder_set_member_name (b, "lat");
          json_builder_add_double_value (b, u->lat);
        }
      json_builder_set_member_name (b, "members");
      json_builder_add_int_value (b, u->members);
      json_builder_set_member_name (b, "version");
      json_builder_add_int_value (b, linli_registry_get_version (registry,
                                                                 LINLI_PARTNER_LIST_UNITS, u->id));
      json_builder_set_member_name (b, "resources");
      json_builder_begin_array (b);
      for (guint k = 0; k < u->n_resources; k++)
        {
          const LinliPartnerResource *r = &u->resources[k];

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "category");
          json_builder_add_string_value (b, r->category);
          json_builder_set_member_name (b, "quantity");
          json_builder_add_double_value (b, r->quantity);
          json_builder_set_member_name (b, "measure");
          json_builder_add_string_value (b, r->measure);
          json_builder_set_member_name (b, "capacity");
          json_builder_add_double_value (b, r->capacity);
          json_builder_set_member_name (b, "period");
          json_builder_add_string_value (b, linli_partner_period_to_string (r->period));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  print_json (b);
}

/* `linli-tool units list --registry URI [--json]`: what the registry
 * holds, a unit a line with its resource items.  Contacts are personal
 * and not printed. */
static int
units_list (int    argc,
            char **argv)
{
  g_autofree char *uri = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "registry", 'r', 0, G_OPTION_ARG_STRING, &uri, REGISTRY_HELP, "URI" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the units as JSON"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    g_option_context_new (_("— list the partner units of the registry"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliRegistry) registry = NULL;
  g_autoptr (LinliPartners) partners = linli_partners_new ();

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 1 || uri == NULL)
    {
      g_printerr ("linli-tool units list: %s\n", error ? error->message : _("give --registry URI"));
      return 2;
    }
  if ((registry = open_registry (uri, partners)) == NULL)
    return 1;
  if (json)
    {
      print_units_json (registry, partners);
      return 0;
    }
  g_print (_("%s: %u units\n"), linli_registry_get_location (registry),
           linli_partners_get_n (partners, LINLI_PARTNER_LIST_UNITS));
  for (guint i = 0; i < linli_partners_get_n (partners, LINLI_PARTNER_LIST_UNITS); i++)
    {
      const LinliPartnerUnit *u = linli_partners_get_unit (partners, i);

      /* Translators: id, name, type, members reporting */
      g_print (_("  %s %s (%s, %u members reporting)\n"), u->id, u->name,
               linli_partner_unit_type_get_label (u->type), u->members);
      for (guint k = 0; k < u->n_resources; k++)
        {
          const LinliPartnerResource *r = &u->resources[k];

          /* Translators: category, capacity, measure, period */
          g_print (_("    %s: %g %s per %s\n"), linli_partners_category_label (partners, r->category),
                   r->capacity, r->measure != NULL ? r->measure : "",
                   linli_partner_period_label (r->period));
        }
    }
  return 0;
}

static const char *
place_kind_label (LinliPartnerPlaceKind kind)
{
  switch (kind)
    {
    case LINLI_PARTNER_PLACE_COMMUNITY:
      return _("community");
    case LINLI_PARTNER_PLACE_COMPOUND:
      return _("compound");
    default:
      return _("grid");
    }
}

/* `linli-tool needs import CSV --project FILE.linli (--registry URI | -o
 * OUT)`: a spreadsheet of needs, whose places the project names, into the
 * registry in one transaction, or into the project written to OUT.  Exit
 * 2 for wrong options or a refused file (with its line and reason), 1 when
 * the project or the registry cannot be read or written (or another person
 * changed the same needs meanwhile). */
static int
needs_import (int    argc,
              char **argv)
{
  g_autofree char *uri = NULL, *project_path = NULL, *out = NULL;
  gboolean add_categories = FALSE;
  GOptionEntry entries[] = {
    { "project", 'p', 0, G_OPTION_ARG_FILENAME, &project_path,
      N_("The plan whose communities, compounds and grids the places name"), "FILE.linli" },
    { "registry", 'r', 0, G_OPTION_ARG_STRING, &uri, REGISTRY_HELP, "URI" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
      N_("Without --registry: write the plan with the needs added here"), "OUT" },
    { "add-categories", 0, 0, G_OPTION_ARG_NONE, &add_categories,
      N_("Add the categories not known yet instead of refusing them"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    g_option_context_new (_("CSV — add the needs of communities, compounds and grids to the "
                            "registry or a plan"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliRegistry) registry = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliPartners) registry_lists = linli_partners_new ();
  LinliPartners *partners;
  guint added = 0, changed = 0;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2 ||
      project_path == NULL || (uri == NULL) == (out == NULL))
    {
      g_printerr ("linli-tool needs import: %s\n",
                  error ? error->message
                        : _("give one CSV file, --project FILE.linli and either --registry URI "
                            "or -o OUT"));
      return 2;
    }
  if ((project = linli_format_load_file (project_path, &error)) == NULL)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  /* The registry's lists, or the plan's. */
  partners = uri != NULL ? registry_lists : linli_project_get_partners (project);
  if (uri != NULL && (registry = open_registry (uri, partners)) == NULL)
    return 1;
  if (!linli_partner_csv_read (LINLI_PARTNER_LIST_NEEDS, project, partners, argv[1], NULL,
                               add_categories, &added, &changed, &error))
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 2;
    }
  if (registry != NULL && save_registry (registry, partners) != 0)
    return 1;
  if (registry == NULL && !linli_format_save_file (project, out, &error))
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  /* Translators: the registry (without password) or the plan written, then needs added and
   * changed */
  g_print (_("%s: %u needs added, %u changed\n"),
           registry != NULL ? linli_registry_get_location (registry) : out, added, changed);
  return 0;
}

static void
print_needs_json (const char    *member,
                  const char    *where,
                  LinliRegistry *registry,
                  LinliProject  *project,
                  LinliPartners *partners)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, where);
  json_builder_set_member_name (b, "needs");
  json_builder_begin_array (b);
  for (guint i = 0; i < linli_partners_get_n (partners, LINLI_PARTNER_LIST_NEEDS); i++)
    {
      const LinliPartnerNeed *n = linli_partners_get_need (partners, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, n->id);
      json_builder_set_member_name (b, "place_kind");
      json_builder_add_string_value (b, linli_partner_place_kind_to_string (n->place_kind));
      json_builder_set_member_name (b, "place");
      json_builder_add_string_value (b, n->place);
      if (project != NULL)
        {
          json_builder_set_member_name (b, "place_name");
          json_builder_add_string_value (b, linli_partner_place_name (project, n->place_kind,
                                                                      n->place));
        }
      json_builder_set_member_name (b, "category");
      json_builder_add_string_value (b, n->category);
      json_builder_set_member_name (b, "quantity");
      json_builder_add_double_value (b, n->quantity);
      json_builder_set_member_name (b, "period");
      json_builder_add_string_value (b, linli_partner_period_to_string (n->period));
      json_builder_set_member_name (b, "priority");
      json_builder_add_int_value (b, n->priority);
      json_builder_set_member_name (b, "note");
      json_builder_add_string_value (b, n->note);
      if (registry != NULL)
        {
          json_builder_set_member_name (b, "version");
          json_builder_add_int_value (b, linli_registry_get_version (registry,
                                                                     LINLI_PARTNER_LIST_NEEDS,
                                                                     n->id));
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  print_json (b);
}

/* `linli-tool needs list (--registry URI | --project FILE.linli) [--json]`:
 * the needs of the registry (places named by the plan given with it) or of
 * a plan, a need a line. */
static int
needs_list (int    argc,
            char **argv)
{
  g_autofree char *uri = NULL, *project_path = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "registry", 'r', 0, G_OPTION_ARG_STRING, &uri, REGISTRY_HELP, "URI" },
    { "project", 'p', 0, G_OPTION_ARG_FILENAME, &project_path,
      N_("The plan whose needs are listed, or with --registry whose places name the "
         "registry’s"), "FILE.linli" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the needs as JSON"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx =
    g_option_context_new (_("— list the needs of the registry or of a plan"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliRegistry) registry = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliPartners) registry_lists = linli_partners_new ();
  LinliPartners *partners = registry_lists;
  const char *where;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 1 ||
      (uri == NULL && project_path == NULL))
    {
      g_printerr ("linli-tool needs list: %s\n",
                  error ? error->message : _("give --registry URI or --project FILE.linli"));
      return 2;
    }
  if (project_path != NULL && (project = linli_format_load_file (project_path, &error)) == NULL)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  if (uri != NULL && (registry = open_registry (uri, registry_lists)) == NULL)
    return 1;
  if (registry == NULL)
    partners = linli_project_get_partners (project);
  where = registry != NULL ? linli_registry_get_location (registry) : project_path;
  if (json)
    {
      print_needs_json (registry != NULL ? "registry" : "project", where, registry, project,
                        partners);
      return 0;
    }
  g_print (_("%s: %u needs\n"), where, linli_partners_get_n (partners, LINLI_PARTNER_LIST_NEEDS));
  for (guint i = 0; i < linli_partners_get_n (partners, LINLI_PARTNER_LIST_NEEDS); i++)
    {
      const LinliPartnerNeed *n = linli_partners_get_need (partners, i);
      const char *place = project != NULL ? linli_partner_place_name (project, n->place_kind,
                                                                       n->place)
                                          : n->place;

      /* Translators: id, place, kind of place, category, quantity, period, priority */
      g_print (_("  %s %s (%s): %s, %g per %s, priority %u"), n->id, place,
               place_kind_label (n->place_kind), linli_partners_category_label (partners,
                                                                                n->category),
               n->quantity, linli_partner_period_label (n->period), n->priority);
      g_print ("%s%s\n", n->note != NULL ? " — " : "", n->note != NULL ? n->note : "");
    }
  return 0;
}

/**
 * linli_tool_units:
 *
 * `linli-tool units import CSV --registry URI`, `linli-tool units list
 * --registry URI [--json]`.
 */
int
linli_tool_units (int    argc,
                  char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "import"))
    return units_import (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return units_list (argc - 1, argv + 1);
  g_printerr (_("Usage: linli-tool units import CSV --registry URI\n"
                "       linli-tool units list --registry URI [--json]\n"));
  return 2;
}

/**
 * linli_tool_needs:
 *
 * `linli-tool needs import CSV --project FILE.linli (--registry URI | -o
 * OUT) [--add-categories]`, `linli-tool needs list (--registry URI |
 * --project FILE.linli) [--json]`.
 */
int
linli_tool_needs (int    argc,
                  char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "import"))
    return needs_import (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return needs_list (argc - 1, argv + 1);
  g_printerr (_("Usage: linli-tool needs import CSV --project FILE.linli (--registry URI | -o OUT)"
                "\n"
                "       linli-tool needs list (--registry URI | --project FILE.linli) [--json]\n"));
  return 2;
}
