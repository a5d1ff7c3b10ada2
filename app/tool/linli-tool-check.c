/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-tool"

#include "config.h"

#include "linli-tool-check.h"
#include "linli-tool-text.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "linli-document.h"
#include "linli-org-check.h"
#include "linli-violation.h"

/* Text */

/**
 * linli_tool_print_violations:
 * @violations: (element-type LinliViolation): what the checks found
 *
 * One line each: severity, rule, message and where to look.
 */
void
linli_tool_print_violations (LinliProject *project,
                             GPtrArray    *violations)
{
  for (guint i = 0; i < violations->len; i++)
    {
      const LinliViolation *v = violations->pdata[i];
      g_autofree char *severity = linli_tool_pad (linli_severity_get_label (v->severity), 8);

      if (v->has_position)
        g_print ("%s %-20s %s (%.6f, %.6f)\n", severity, v->rule, v->message, v->lat, v->lon);
      else
        g_print ("%s %-20s %s\n", severity, v->rule, v->message);
    }
}

static void
print_figures_row (const char            *label,
                   const LinliOrgFigures *f)
{
  g_autofree char *padded = linli_tool_pad (label, 24);

  /* Buildings with a member are counted among those whose members are
   * known; how many are not follows when any are. */
  g_print ("%s %5u/%-5u %6.1f%% %7u/%-7u %6.1f%% %7u/%-7u %6.1f%%", padded,
           f->compounds_with_branch, f->compounds,
           100 * linli_org_figures_share (f->compounds_with_branch, f->compounds),
           f->buildings_with_group, f->buildings,
           100 * linli_org_figures_share (f->buildings_with_group, f->buildings),
           f->buildings_with_member, f->buildings - f->buildings_members_unknown,
           100 * linli_org_figures_member_share (f));
  if (f->buildings_members_unknown > 0)
    /* Translators: after the share of buildings with a party member */
    g_print (g_dngettext (GETTEXT_PACKAGE, "  (%u building: members unknown)",
                          "  (%u buildings: members unknown)", f->buildings_members_unknown),
             f->buildings_members_unknown);
  g_print ("\n");
}

static void
print_text (LinliProject        *project,
            const char          *path,
            const LinliOrgCheck *check,
            GPtrArray           *violations,
            guint                n_errors)
{
  guint n = violations->len;

  /* Translators: the file, then how many violations and how many of them are errors */
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u violation of the organisation chain and the grids (%u errors)\n",
                        "%s: %u violations of the organisation chain and the grids (%u errors)\n", n),
           path, n, n_errors);
  linli_tool_print_violations (project, violations);

  {
    /* Translators: column headings of linli-tool check's figures; keep them short */
    g_autofree char *first = linli_tool_pad (_("community"), 24);
    g_autofree char *a = linli_tool_pad (_("compounds with a branch"), 19);
    g_autofree char *b = linli_tool_pad (_("buildings with a group"), 23);

    g_print ("%s %s %s %s\n", first, a, b, _("buildings with a member"));
  }
  for (guint c = 0; c < check->n_communities; c++)
    {
      const LinliCommunity *community = linli_project_get_community (project, c);

      print_figures_row (community->name != NULL && community->name[0] != '\0' ? community->name : community->id,
                         &check->communities[c]);
    }
  /* Translators: the last row of linli-tool check's figures, the whole district */
  print_figures_row (_("district"), &check->district);
}

/* JSON */

static void
add_figures (JsonBuilder           *b,
             const LinliOrgFigures *f)
{
  json_builder_set_member_name (b, "compounds");
  json_builder_add_int_value (b, f->compounds);
  json_builder_set_member_name (b, "compounds_with_branch");
  json_builder_add_int_value (b, f->compounds_with_branch);
  json_builder_set_member_name (b, "buildings");
  json_builder_add_int_value (b, f->buildings);
  json_builder_set_member_name (b, "buildings_with_group");
  json_builder_add_int_value (b, f->buildings_with_group);
  json_builder_set_member_name (b, "buildings_with_member");
  json_builder_add_int_value (b, f->buildings_with_member);
  json_builder_set_member_name (b, "buildings_members_unknown");
  json_builder_add_int_value (b, f->buildings_members_unknown);
  json_builder_set_member_name (b, "share_compounds_with_branch");
  json_builder_add_double_value (b, linli_org_figures_share (f->compounds_with_branch, f->compounds));
  json_builder_set_member_name (b, "share_buildings_with_group");
  json_builder_add_double_value (b, linli_org_figures_share (f->buildings_with_group, f->buildings));
  json_builder_set_member_name (b, "share_buildings_with_member");
  json_builder_add_double_value (b, linli_org_figures_member_share (f));
}

static void
print_json (LinliProject        *project,
            const char          *path,
            const LinliOrgCheck *check,
            GPtrArray           *violations)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, path);
  json_builder_set_member_name (b, "violations");
  json_builder_begin_array (b);
  for (guint i = 0; i < violations->len; i++)
    {
      const LinliViolation *v = violations->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rule");
      json_builder_add_string_value (b, v->rule);
      json_builder_set_member_name (b, "severity");
      json_builder_add_string_value (b, linli_severity_to_string (v->severity));
      json_builder_set_member_name (b, "community");
      if (v->community >= 0)
        json_builder_add_string_value (b, linli_project_get_community (project, v->community)->id);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "subject");
      json_builder_add_string_value (b, linli_subject_to_string (v->subject));
      json_builder_set_member_name (b, "id");
      if (v->id != NULL)
        json_builder_add_string_value (b, v->id);
      else
        json_builder_add_null_value (b);
      if (v->has_position)
        {
          json_builder_set_member_name (b, "lat");
          json_builder_add_double_value (b, v->lat);
          json_builder_set_member_name (b, "lon");
          json_builder_add_double_value (b, v->lon);
        }
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, v->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "communities");
  json_builder_begin_array (b);
  for (guint c = 0; c < check->n_communities; c++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, linli_project_get_community (project, c)->id);
      add_figures (b, &check->communities[c]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "district");
  json_builder_begin_object (b);
  add_figures (b, &check->district);
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* The command */

/**
 * linli_tool_check:
 *
 * `linli-tool check FILE [--json]`: exit status 0 when there is no
 * violation, 1 when there are some, 2 when the file cannot be read.
 */
int
linli_tool_check (int    argc,
                  char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the violations and figures as JSON"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (_("FILE — holes in the party organisation chain and the grids"));
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliDocument) document = NULL;
  LinliProject *project;
  const LinliOrgCheck *check;
  GPtrArray *violations;
  guint n_errors = 0;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("linli-tool check: %s\n", error ? error->message : _("give one FILE"));
      return 2;
    }
  document = linli_document_new_for_path (argv[1], &error);
  if (document == NULL)
    {
      g_printerr ("linli-tool: %s\n", error->message);
      return 2;
    }
  project = linli_document_get_project (document);
  /* The document knows which building lies in which grid, so compounds
   * count as attached to grid branches through that assignment. */
  check = linli_document_get_org_check (document);
  violations = linli_document_get_violations (document);
  for (guint i = 0; i < violations->len; i++)
    n_errors += ((LinliViolation *) violations->pdata[i])->severity == LINLI_SEVERITY_ERROR;
  if (json)
    print_json (project, argv[1], check, violations);
  else
    print_text (project, argv[1], check, violations, n_errors);
  return violations->len > 0 ? 1 : 0;
}
