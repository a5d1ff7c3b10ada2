/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-tool"

#include "config.h"

#include "linli-tool-units.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "linli-partner-csv.h"
#include "linli-partner-tables.h"
#include "linli-partners.h"
#include "linli-registry.h"

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
    { "registry", 'r', 0, G_OPTION_ARG_STRING, &uri,
      N_("The registry: an SQLite file, sqlite:PATH, postgresql://… or a libpq keyword string"),
      "URI" },
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
  registry = linli_registry_open (uri, &error);
  if (registry == NULL || !linli_registry_load (registry, partners, &error))
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
  /* A new registry starts with the built-in categories, as a new plan
   * does. */
  if (linli_partners_get_n (partners, LINLI_PARTNER_LIST_CATEGORIES) == 0)
    {
      g_autoptr (LinliPartners) fresh = linli_partners_new ();

      for (guint i = 0; i < linli_partners_get_n (fresh, LINLI_PARTNER_LIST_CATEGORIES); i++)
        linli_partners_insert (partners, LINLI_PARTNER_LIST_CATEGORIES, i,
                               linli_partners_get_category (fresh, i));
    }
  if (!linli_partner_units_csv_read (partners, argv[1], add_categories, &added, &changed,
                                     &error))
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 2;
    }
  if (!linli_registry_save (registry, partners, &error))
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
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
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

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
  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
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
    { "registry", 'r', 0, G_OPTION_ARG_STRING, &uri,
      N_("The registry: an SQLite file, sqlite:PATH, postgresql://… or a libpq keyword string"),
      "URI" },
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
  registry = linli_registry_open (uri, &error);
  if (registry == NULL || !linli_registry_load (registry, partners, &error))
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 1;
    }
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
