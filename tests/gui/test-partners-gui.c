/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Partners page under Xvfb, on the bundled sample: a unit and a need
 * added through the page's dialogs and undone, the search, the hide-names
 * switch over the contacts, and the assignment proposed and accepted: the
 * accepted pairs are what the solver gives on the same project, summed
 * here per unit and need from its flows; a pair removed, and undo; every
 * resource item of a unit in its dialog; the proposal options and the
 * pairs always or never made. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "linli-gui-test-utils.h"
#include "linli-map-layer.h"
#include "linli-partner-assign.h"
#include "linli-partner-edits.h"
#include "linli-partner-panel-private.h"
#include "linli-partner-problem.h"
#include "linli-partners.h"
#include "linli-registry-dialog.h"
#include "linli-registry.h"
#include "linli-window-private.h"

/* The page's words, translated as it translates them. */
#define T(s) g_dgettext (GETTEXT_PACKAGE, s)

typedef struct
{
  LinliWindow       *window;
  LinliProject      *project;
  LinliPartners     *partners;
  LinliPartnerPanel *panel;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->window = linli_test_sample_window ();
  f->project = linli_window_get_project (f->window);
  f->partners = linli_project_get_partners (f->project);
  f->panel = f->window->partner_panel;
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_stack_set_visible_child_name (f->window->side_stack, "partners");
  linli_test_wait_ms (200);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  linli_test_close_window (g_steal_pointer (&f->window));
}

static guint
table_rows (Fixture           *f,
            LinliPartnerTable  table)
{
  return g_list_model_get_n_items (
    G_LIST_MODEL (linli_partner_panel_get_selection (f->panel, table)));
}

static guint
category_choice (Fixture    *f,
                 const char *id)
{
  for (guint i = 0; i < f->panel->editor_category_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (f->panel->editor_category_ids, i), id) == 0)
      return i;
  g_assert_not_reached ();
}

static void
undo (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
}

static void check_unit_resources (Fixture *f);
static void check_rules_options  (Fixture *f);

/* A unit and a need added through the dialogs are in the lists and the
 * tables; two undos take them away again. */
static void
test_add_undo (Fixture       *f,
               gconstpointer  data)
{
  guint n_units = linli_partners_get_n (f->partners, LINLI_PARTNER_LIST_UNITS);
  guint n_needs = linli_partners_get_n (f->partners, LINLI_PARTNER_LIST_NEEDS);
  const LinliPartnerUnit *u;
  const LinliPartnerNeed *n;
  GtkWidget *editor;

  g_assert_cmpuint (n_units, >, 0);
  g_assert_cmpuint (table_rows (f, LINLI_PARTNER_TABLE_UNITS), ==, n_units);
  g_assert_cmpuint (table_rows (f, LINLI_PARTNER_TABLE_NEEDS), ==, n_needs);

  linli_partner_panel_set_table (f->panel, LINLI_PARTNER_TABLE_UNITS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "partners.add", NULL));
  editor = linli_partner_panel_get_editor (f->panel);
  g_assert_nonnull (editor);
  linli_test_screenshot (editor, "partners-unit-dialog.png");
  gtk_editable_set_text (GTK_EDITABLE (f->panel->editor_name), "运河志愿者协会");
  gtk_editable_set_text (GTK_EDITABLE (f->panel->editor_position), "30.3180, 120.1420");
  gtk_editable_set_text (GTK_EDITABLE (f->panel->editor_contact), "王测试");
  gtk_drop_down_set_selected (f->panel->editor_type, LINLI_PARTNER_UNIT_SOCIAL);
  g_signal_emit_by_name (f->panel->editor_add_resource, "clicked");
  {
    PartnerResourceRow *row = g_ptr_array_index (f->panel->editor_resources, 0);

    /* A new item has no category yet: the dialog says so and takes nothing. */
    g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (editor),
                                                             "apply"));
    gtk_drop_down_set_selected (row->category, category_choice (f, "volunteers"));
    gtk_spin_button_set_value (row->capacity, 40);
  }
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (editor), "apply"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (editor), "apply");
  g_assert_cmpuint (linli_partners_get_n (f->partners, LINLI_PARTNER_LIST_UNITS), ==,
                    n_units + 1);
  u = linli_partners_get_unit (f->partners, n_units);
  g_assert_cmpstr (u->name, ==, "运河志愿者协会");
  g_assert_cmpstr (u->contact, ==, "王测试");
  g_assert_cmpint (u->type, ==, LINLI_PARTNER_UNIT_SOCIAL);
  g_assert_true (u->has_position);
  g_assert_cmpfloat_with_epsilon (u->lat, 30.318, 1e-9);
  g_assert_cmpuint (u->n_resources, ==, 1);
  g_assert_cmpstr (u->resources[0].category, ==, "volunteers");
  g_assert_cmpfloat (u->resources[0].capacity, ==, 40);
  g_assert_cmpuint (table_rows (f, LINLI_PARTNER_TABLE_UNITS), ==, n_units + 1);

  /* The search finds it by name and by its category. */
  linli_partner_panel_set_search (f->panel, LINLI_PARTNER_TABLE_UNITS, "运河志愿");
  g_assert_cmpuint (table_rows (f, LINLI_PARTNER_TABLE_UNITS), ==, 1);
  linli_partner_panel_set_search (f->panel, LINLI_PARTNER_TABLE_UNITS, "");
  g_assert_cmpuint (table_rows (f, LINLI_PARTNER_TABLE_UNITS), ==, n_units + 1);

  linli_partner_panel_set_table (f->panel, LINLI_PARTNER_TABLE_NEEDS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "partners.add", NULL));
  editor = linli_partner_panel_get_editor (f->panel);
  g_assert_nonnull (editor);
  gtk_drop_down_set_selected (f->panel->editor_place, 0);
  gtk_drop_down_set_selected (f->panel->editor_category, category_choice (f, "volunteers"));
  gtk_spin_button_set_value (f->panel->editor_quantity, 12);
  gtk_spin_button_set_value (f->panel->editor_priority, 77);
  gtk_editable_set_text (GTK_EDITABLE (f->panel->editor_note), "测试需求");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (editor), "apply");
  g_assert_cmpuint (linli_partners_get_n (f->partners, LINLI_PARTNER_LIST_NEEDS), ==,
                    n_needs + 1);
  n = linli_partners_get_need (f->partners, n_needs);
  g_assert_cmpint (n->place_kind, ==, LINLI_PARTNER_PLACE_COMMUNITY);
  g_assert_cmpstr (n->place, ==, linli_project_get_community (f->project, 0)->id);
  g_assert_cmpuint (n->priority, ==, 77);
  g_assert_cmpfloat (n->quantity, ==, 12);
  g_assert_cmpstr (n->note, ==, "测试需求");
  g_assert_cmpuint (table_rows (f, LINLI_PARTNER_TABLE_NEEDS), ==, n_needs + 1);

  undo (f);
  g_assert_cmpuint (linli_partners_get_n (f->partners, LINLI_PARTNER_LIST_NEEDS), ==, n_needs);
  g_assert_cmpuint (table_rows (f, LINLI_PARTNER_TABLE_NEEDS), ==, n_needs);
  undo (f);
  g_assert_cmpuint (linli_partners_get_n (f->partners, LINLI_PARTNER_LIST_UNITS), ==, n_units);
  g_assert_cmpuint (table_rows (f, LINLI_PARTNER_TABLE_UNITS), ==, n_units);

  /* In the same window, which takes seconds to open: every resource item of a unit. */
  check_unit_resources (f);
}


/* Selects the row of @id in @table's view. */
static void
select_row (Fixture           *f,
            LinliPartnerTable  table,
            const char        *id)
{
  GtkSingleSelection *selection = linli_partner_panel_get_selection (f->panel, table);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (selection), i);

      if (g_strcmp0 (gtk_string_object_get_string (item), id) == 0)
        {
          gtk_single_selection_set_selected (selection, i);
          return;
        }
    }
  g_assert_not_reached ();
}

/* The unit dialog shows every resource item of a unit: the second changed,
 * a third added, the first removed and OK make one change of the unit,
 * which one undo takes back whole.  An item of quantity 0 is not taken. */
static void
check_unit_resources (Fixture *f)
{
  const LinliPartnerUnit *u = NULL;
  g_autofree char *id = NULL;
  LinliPartnerUnit *before;
  PartnerResourceRow *row;
  GtkWidget *editor;
  guint n;

  for (guint i = 0; i < linli_partners_get_n (f->partners, LINLI_PARTNER_LIST_UNITS) && u == NULL; i++)
    if (linli_partners_get_unit (f->partners, i)->n_resources >= 2)
      u = linli_partners_get_unit (f->partners, i);
  g_assert_nonnull (u);
  id = g_strdup (u->id);
  n = u->n_resources;
  before = linli_partner_item_copy (LINLI_PARTNER_LIST_UNITS, u);

  linli_partner_panel_set_table (f->panel, LINLI_PARTNER_TABLE_UNITS);
  select_row (f, LINLI_PARTNER_TABLE_UNITS, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "partners.edit", NULL));
  editor = linli_partner_panel_get_editor (f->panel);
  g_assert_nonnull (editor);
  g_assert_cmpuint (f->panel->editor_resources->len, ==, n);
  for (guint r = 0; r < n; r++)
    {
      row = g_ptr_array_index (f->panel->editor_resources, r);
      g_assert_cmpstr (g_ptr_array_index (f->panel->editor_category_ids,
                                          gtk_drop_down_get_selected (row->category)), ==,
                       before->resources[r].category);
      g_assert_cmpfloat (gtk_spin_button_get_value (row->capacity), ==,
                         before->resources[r].capacity);
    }

  /* The second item changed. */
  row = g_ptr_array_index (f->panel->editor_resources, 1);
  gtk_spin_button_set_value (row->capacity, 77);
  gtk_spin_button_set_value (row->quantity, 5);
  gtk_editable_set_text (GTK_EDITABLE (row->measure), "场次");
  gtk_drop_down_set_selected (row->period, LINLI_PARTNER_PERIOD_QUARTER);
  /* A third added: refused with quantity 0 until it has one. */
  g_signal_emit_by_name (f->panel->editor_add_resource, "clicked");
  g_assert_cmpuint (f->panel->editor_resources->len, ==, n + 1);
  row = g_ptr_array_index (f->panel->editor_resources, n);
  gtk_drop_down_set_selected (row->category, category_choice (f, "legal-advice"));
  gtk_spin_button_set_value (row->capacity, 12);
  gtk_spin_button_set_value (row->quantity, 0);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (editor), "apply"));
  g_assert_nonnull (strstr (gtk_label_get_text (f->panel->editor_problem), "quantity"));
  gtk_spin_button_set_value (row->quantity, 2);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (editor), "apply"));
  linli_test_screenshot (editor, "partners-unit-resources.png");
  /* The first removed. */
  g_signal_emit_by_name (((PartnerResourceRow *) g_ptr_array_index (f->panel->editor_resources,
                                                                     0))->remove, "clicked");
  g_assert_cmpuint (f->panel->editor_resources->len, ==, n);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (editor), "apply");

  u = linli_partners_find (f->partners, LINLI_PARTNER_LIST_UNITS, id, NULL);
  g_assert_cmpuint (u->n_resources, ==, n);
  g_assert_cmpstr (u->resources[0].category, ==, before->resources[1].category);
  g_assert_cmpfloat (u->resources[0].capacity, ==, 77);
  g_assert_cmpfloat (u->resources[0].quantity, ==, 5);
  g_assert_cmpstr (u->resources[0].measure, ==, "场次");
  g_assert_cmpint (u->resources[0].period, ==, LINLI_PARTNER_PERIOD_QUARTER);
  for (guint r = 2; r < n; r++)
    g_assert_cmpstr (u->resources[r - 1].category, ==, before->resources[r].category);
  g_assert_cmpstr (u->resources[n - 1].category, ==, "legal-advice");
  g_assert_cmpfloat (u->resources[n - 1].capacity, ==, 12);
  g_assert_cmpfloat (u->resources[n - 1].quantity, ==, 2);
  g_assert_cmpstr (linli_history_get_undo_label (linli_window_get_history (f->window)), ==,
                   T ("Change Partner Unit"));

  undo (f);
  u = linli_partners_find (f->partners, LINLI_PARTNER_LIST_UNITS, id, NULL);
  g_assert_true (linli_partner_item_equal (LINLI_PARTNER_LIST_UNITS, u, before));
  linli_partner_item_free (LINLI_PARTNER_LIST_UNITS, before);
}

/* With names hidden no contact shows in the table. */
static void
test_hide_names (Fixture       *f,
                 gconstpointer  data)
{
  guint n_units = linli_partners_get_n (f->partners, LINLI_PARTNER_LIST_UNITS);
  gboolean any = FALSE;

  g_assert_false (linli_project_get_hide_names (f->project));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "project.hide-names", NULL));
  g_assert_true (linli_project_get_hide_names (f->project));
  for (guint i = 0; i < n_units; i++)
    {
      const LinliPartnerUnit *u = linli_partners_get_unit (f->partners, i);
      g_autofree char *cell = linli_partner_panel_dup_cell_text (f->panel, LINLI_PARTNER_TABLE_UNITS,
                                                                 u->id, 3);

      if (u->contact == NULL || u->contact[0] == '\0')
        continue;
      any = TRUE;
      g_assert_null (strstr (cell, u->contact));
      /* And the search does not find a unit by its hidden contact. */
      linli_partner_panel_set_search (f->panel, LINLI_PARTNER_TABLE_UNITS, u->contact);
      g_assert_cmpuint (table_rows (f, LINLI_PARTNER_TABLE_UNITS), ==, 0);
    }
  g_assert_true (any);
}

/* The solver's flows on the project, summed per unit and need, as
 * "unit need" → quantity. */
static GHashTable *
solver_pairs (LinliProject *project)
{
  g_autoptr (LinliPartnerProblem) pp = linli_partner_problem_new (project, 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliAssignResult) r = NULL;
  LinliPartners *partners = linli_project_get_partners (project);
  GHashTable *pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* As the page and linli-tool assign measure: along the sample's streets. */
  g_assert_cmpuint (linli_partner_problem_use_streets (pp, project), >, 0);
  r = linli_assign_solve (&pp->problem, &error);
  g_assert_no_error (error);
  for (guint f = 0; f < r->n_flows; f++)
    {
      const LinliPartnerUnit *u =
        linli_partners_get_unit (partners, g_array_index (pp->unit_positions, guint,
                                                          r->flows[f].unit));
      const LinliPartnerNeed *n =
        linli_partners_get_need (partners, g_array_index (pp->need_positions, guint,
                                                          r->flows[f].need));
      char *key = g_strdup_printf ("%s %s", u->id, n->id);
      double *sum = g_hash_table_lookup (pairs, key);

      if (r->flows[f].quantity <= 0)
        {
          g_free (key);
          continue;
        }
      if (sum == NULL)
        g_hash_table_insert (pairs, key, sum = g_new0 (double, 1));
      else
        g_free (key);
      *sum += r->flows[f].quantity;
    }
  return pairs;
}

/* Propose and accept: the accepted pairs are the solver's; a pair removed
 * and the acceptance undone step by step; a changed need marks it out of
 * date. */
static void
test_propose_accept (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GHashTable) expected = solver_pairs (f->project);
  const LinliPartnerAssignment *a;
  guint n_pairs;

  g_assert_null (linli_partners_get_assignment (f->partners));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "partners.propose", NULL));
  g_assert_nonnull (linli_partner_panel_get_proposal (f->panel));
  /* The proposal says what stays unmet and whether distances are straight. */
  g_assert_nonnull (strstr (linli_partner_panel_get_proposal_text (f->panel),
                            T ("Needs not met in full:")));
  if (linli_partner_panel_get_proposal (f->panel)->result->straight_line)
    g_assert_nonnull (strstr (linli_partner_panel_get_proposal_text (f->panel),
                              T ("Distances: straight lines, not walks along streets\n")));
  gtk_stack_set_visible_child_name (f->panel->stack, "assignment");
  linli_test_screenshot (GTK_WIDGET (f->window), "partners-proposal.png");

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->panel->proposal_pairs_list)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "partners.accept", NULL));
  /* The proposed pairs are the accepted ones now, shown below only. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->panel->proposal_pairs_list)));
  a = linli_partners_get_assignment (f->partners);
  g_assert_nonnull (a);
  g_assert_false (a->out_of_date);
  g_assert_cmpuint (a->n_pairs, ==, g_hash_table_size (expected));
  g_assert_cmpuint (a->n_pairs, >, 0);
  for (guint i = 0; i < a->n_pairs; i++)
    {
      g_autofree char *key = g_strdup_printf ("%s %s", a->pairs[i].unit, a->pairs[i].need);
      double *want = g_hash_table_lookup (expected, key);

      g_assert_nonnull (want);
      g_assert_cmpfloat_with_epsilon (a->pairs[i].quantity, *want, 1e-9 * (1 + *want));
    }
  linli_test_screenshot (GTK_WIDGET (f->window), "partners-accepted.png");

  /* The View menu's switch hides and shows the lines on the map. */
  {
    LinliPainter *painter = linli_map_layer_get_painter (f->window->layer);

    g_assert_true (linli_painter_get_show_partner_lines (painter));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-partner-lines",
                                               NULL));
    g_assert_false (linli_painter_get_show_partner_lines (painter));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-partner-lines",
                                               NULL));
    g_assert_true (linli_painter_get_show_partner_lines (painter));
  }

  /* Remove a pair through its row's button action. */
  n_pairs = a->n_pairs;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "partners.remove-pair", "u",
                                             0));
  g_assert_cmpuint (linli_partners_get_assignment (f->partners)->n_pairs, ==, n_pairs - 1);

  /* A need changed: the accepted assignment is out of date, and says so. */
  {
    LinliPartnerNeed *need = linli_partner_item_copy (LINLI_PARTNER_LIST_NEEDS,
                                                      linli_partners_get_need (f->partners, 0));
    LinliHistory *history = linli_window_get_history (f->window);

    need->quantity += 1;
    g_assert_true (linli_partner_edits_change (history, LINLI_PARTNER_LIST_NEEDS, need));
    linli_partner_item_free (LINLI_PARTNER_LIST_NEEDS, need);
    g_assert_true (linli_partners_get_assignment (f->partners)->out_of_date);
    g_assert_nonnull (strstr (linli_partner_panel_get_accepted_text (f->panel),
                              T ("Out of date: units or needs changed since it was accepted. "
                                 "Propose again to assign them.")));
    undo (f);
    g_assert_false (linli_partners_get_assignment (f->partners)->out_of_date);
  }

  undo (f);
  g_assert_cmpuint (linli_partners_get_assignment (f->partners)->n_pairs, ==, n_pairs);
  undo (f);
  g_assert_null (linli_partners_get_assignment (f->partners));

  /* In the same window: the options and the pairs set by hand. */
  check_rules_options (f);
}


/* Whether the proposal shown has a flow of @unit to @need, and whether it is fixed. */
static gboolean
proposal_has_pair (Fixture    *f,
                   const char *unit,
                   const char *need,
                   gboolean   *fixed)
{
  LinliPartnerProposal *proposal = linli_partner_panel_get_proposal (f->panel);
  const LinliPartnerProblem *pp = proposal->problem;
  gboolean found = FALSE;

  *fixed = FALSE;
  for (guint i = 0; i < proposal->result->n_flows; i++)
    {
      const LinliAssignFlow *flow = &proposal->result->flows[i];
      const LinliPartnerUnit *u =
        linli_partners_get_unit (f->partners, g_array_index (pp->unit_positions, guint, flow->unit));
      const LinliPartnerNeed *n =
        linli_partners_get_need (f->partners, g_array_index (pp->need_positions, guint, flow->need));

      if (flow->quantity > 0 && g_str_equal (u->id, unit) && g_str_equal (n->id, need))
        {
          found = TRUE;
          *fixed |= flow->fixed;
        }
    }
  return found;
}

static void
propose (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "partners.propose", NULL));
  g_assert_nonnull (linli_partner_panel_get_proposal (f->panel));
}

/* The options on the page are the project's and Propose uses them: a
 * maximum distance leaves needs unmet, each naming its nearest unit and
 * how far; straight lines and every community are said.  A proposed pair
 * never made is not proposed again, released it is, always made it is
 * served first; all undoable. */
static void
check_rules_options (Fixture *f)
{
  LinliPartnerProposal *proposal;
  const LinliPartnerRules *rules;
  g_autoptr (LinliPartnerAssignment) a = NULL;
  g_autofree char *unit = NULL, *need = NULL;
  guint n_too_far = 0;
  gboolean fixed;

  gtk_stack_set_visible_child_name (f->panel->stack, "assignment");
  gtk_editable_set_text (GTK_EDITABLE (f->panel->max_distance_entry), "150");
  g_signal_emit_by_name (f->panel->max_distance_entry, "activate");
  rules = linli_partners_get_rules (f->partners);
  g_assert_cmpfloat (rules->max_distance, ==, 150);
  propose (f);
  proposal = linli_partner_panel_get_proposal (f->panel);
  g_assert_cmpfloat (proposal->problem->problem.max_distance, ==, 150);
  {
    g_autofree char *said = g_strdup_printf (T ("Maximum distance: %.0f m\n"), 150.0);

    g_assert_nonnull (strstr (linli_partner_panel_get_proposal_text (f->panel), said));
  }
  for (guint n = 0; n < proposal->result->n_needs; n++)
    {
      const LinliAssignNeedResult *nr = &proposal->result->needs[n];
      const LinliPartnerUnit *nearest;
      g_autofree char *why = NULL;

      if (nr->reason != LINLI_UNMET_TOO_FAR)
        continue;
      n_too_far++;
      g_assert_cmpfloat (nr->nearest_distance, >, 150);
      nearest = linli_partners_get_unit (f->partners,
                                         g_array_index (proposal->problem->unit_positions, guint,
                                                        nr->nearest_unit));
      why = g_strdup_printf (T ("every unit offering it is farther than %.0f m; the nearest, %s, "
                                "is %.0f m away"), 150.0, nearest->name, nr->nearest_distance);
      g_assert_nonnull (strstr (linli_partner_panel_get_proposal_text (f->panel), why));
    }
  g_assert_cmpuint (n_too_far, >, 0);
  linli_test_screenshot (GTK_WIDGET (f->window), "partners-options.png");

  /* Straight lines and every community, said in the proposal. */
  gtk_check_button_set_active (f->panel->straight_check, TRUE);
  gtk_check_button_set_active (f->panel->every_community_check, TRUE);
  gtk_spin_button_set_value (f->panel->community_minimum_spin, 2);
  rules = linli_partners_get_rules (f->partners);
  g_assert_true (rules->straight_line);
  g_assert_true (rules->every_community);
  g_assert_cmpfloat (rules->community_minimum, ==, 2);
  propose (f);
  proposal = linli_partner_panel_get_proposal (f->panel);
  g_assert_true (proposal->result->straight_line);
  g_assert_cmpuint (proposal->result->n_groups, >, 0);
  {
    g_autofree char *said = g_strdup_printf (T ("Every community gets at least %g a month before "
                                                "priorities count\n"), 2.0);

    g_assert_nonnull (strstr (linli_partner_panel_get_proposal_text (f->panel), said));
  }
  /* Four option edits undone: the page shows the defaults again. */
  for (guint i = 0; i < 4; i++)
    undo (f);
  g_assert_true (linli_partner_rules_is_default (linli_partners_get_rules (f->partners)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->panel->max_distance_entry)), ==, "");
  g_assert_false (gtk_check_button_get_active (f->panel->straight_check));

  /* A proposed pair never made. */
  propose (f);
  a = linli_partner_proposal_to_assignment (linli_partner_panel_get_proposal (f->panel),
                                            f->project);
  g_assert_cmpuint (a->n_pairs, >, 0);
  unit = g_strdup (a->pairs[0].unit);
  need = g_strdup (a->pairs[0].need);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "partners.never-pair", "(ss)",
                                             unit, need));
  rules = linli_partners_get_rules (f->partners);
  g_assert_cmpuint (rules->n_rules, ==, 1);
  g_assert_cmpint (rules->rules[0].kind, ==, LINLI_PARTNER_RULE_FORBIDDEN);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->panel->rules_list)));
  g_assert_nonnull (gtk_widget_get_first_child (GTK_WIDGET (f->panel->rules_list)));
  /* The proposal shown was made without it. */
  g_assert_nonnull (strstr (linli_partner_panel_get_proposal_text (f->panel),
                            T ("Out of date: the units, needs or proposal options changed since "
                               "this proposal was made. Propose again.")));
  propose (f);
  g_assert_false (proposal_has_pair (f, unit, need, &fixed));
  linli_test_screenshot (GTK_WIDGET (f->window), "partners-rules.png");

  /* Released, then always made: served first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "partners.release-pair",
                                             "(ss)", unit, need));
  g_assert_cmpuint (linli_partners_get_rules (f->partners)->n_rules, ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->panel->rules_list)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->panel), "partners.always-pair",
                                             "(ss)", unit, need));
  propose (f);
  g_assert_true (proposal_has_pair (f, unit, need, &fixed));
  g_assert_true (fixed);
  undo (f);
  undo (f);
  g_assert_cmpint (linli_partners_get_rules (f->partners)->rules[0].kind, ==,
                   LINLI_PARTNER_RULE_FORBIDDEN);
}

/* Renames unit @index of @lists (through the edits when @history is given). */
static char *
rename_unit (LinliPartners *lists,
             LinliHistory  *history,
             guint          index,
             const char    *name)
{
  LinliPartnerUnit *u = linli_partner_item_copy (LINLI_PARTNER_LIST_UNITS,
                                                 linli_partners_get (lists, LINLI_PARTNER_LIST_UNITS, index));
  char *id = g_strdup (u->id);

  g_free (u->name);
  u->name = g_strdup (name);
  if (history != NULL)
    g_assert_true (linli_partner_edits_change (history, LINLI_PARTNER_LIST_UNITS, u));
  else
    linli_partners_replace (lists, LINLI_PARTNER_LIST_UNITS, index, u);
  linli_partner_item_free (LINLI_PARTNER_LIST_UNITS, u);
  return id;
}

/* Someone else's connection: renames unit @index in the registry at @path. */
static void
rename_elsewhere (const char *path,
                  guint       index,
                  const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliRegistry) other = linli_registry_open (path, &error);
  g_autoptr (LinliPartners) lists = linli_partners_new ();
  g_autofree char *id = NULL;

  g_assert_no_error (error);
  g_assert_true (linli_registry_load (other, lists, &error));
  id = rename_unit (lists, NULL, index, name);
  g_assert_true (linli_registry_save (other, lists, &error));
  g_assert_no_error (error);
}

static char *
name_in_registry (const char *path,
                  const char *id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliRegistry) fresh = linli_registry_open (path, &error);
  g_autoptr (LinliPartners) lists = linli_partners_new ();
  const LinliPartnerUnit *u;

  g_assert_true (fresh != NULL && linli_registry_load (fresh, lists, &error));
  u = linli_partners_find (lists, LINLI_PARTNER_LIST_UNITS, id, NULL);
  g_assert_nonnull (u);
  return g_strdup (u->name);
}

/* File → Partner Registry: the sample's lists saved into a new SQLite
 * registry; a unit renamed there by someone else comes into the plan with
 * Load, and one undo brings the plan's name back; a unit renamed in the
 * plan goes to the registry with Save; and a save is refused, nothing
 * written, when someone else renamed the same unit in between. */
static void
test_registry (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("linli-registry-gui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "partners.sqlite", NULL);
  LinliHistory *history = linli_document_get_history (f->window->document);
  const LinliPartnerUnit *u0;
  g_autoptr (GError) error = NULL;
  g_autofree char *plan_name = NULL, *id0 = NULL, *id1 = NULL, *name = NULL, *need0 = NULL;
  LinliRegistryDialog *dialog;

  g_assert_cmpuint (linli_partners_get_n (f->partners, LINLI_PARTNER_LIST_UNITS), >=, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.partner-registry", NULL));
  dialog = g_object_get_data (G_OBJECT (f->window), "linli-registry-dialog");
  g_assert_true (LINLI_IS_REGISTRY_DIALOG (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  /* Nowhere said: refused with a word, the plan untouched. */
  linli_registry_dialog_set_location (dialog, "");
  g_assert_false (linli_registry_dialog_load (dialog, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  linli_registry_dialog_set_location (dialog, path);
  g_assert_true (linli_registry_dialog_save (dialog, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (linli_registry_dialog_get_status (dialog), path));

  u0 = linli_partners_get (f->partners, LINLI_PARTNER_LIST_UNITS, 0);
  plan_name = g_strdup (u0->name);
  id0 = g_strdup (u0->id);
  rename_elsewhere (path, 0, "社区卫生服务中心（改）");
  /* The plan's way of proposing stays: a pair never made, a maximum distance. */
  need0 = g_strdup (linli_partner_item_get_id (LINLI_PARTNER_LIST_NEEDS,
                                               linli_partners_get (f->partners, LINLI_PARTNER_LIST_NEEDS, 0)));
  g_assert_true (linli_partner_edits_set_pair_rule (history, id0, need0, LINLI_PARTNER_RULE_FORBIDDEN));
  {
    g_autoptr (LinliPartnerRules) rules = linli_partner_rules_copy (linli_partners_get_rules (f->partners));

    rules->max_distance = 1234;
    g_assert_true (linli_partner_edits_set_rules (history, rules));
  }
  g_assert_true (linli_registry_dialog_load (dialog, &error));
  g_assert_cmpint (linli_partner_rules_find (linli_partners_get_rules (f->partners), id0, need0), >=, 0);
  g_assert_cmpfloat (linli_partners_get_rules (f->partners)->max_distance, ==, 1234);
  g_assert_no_error (error);
  u0 = linli_partners_find (f->partners, LINLI_PARTNER_LIST_UNITS, id0, NULL);
  g_assert_cmpstr (u0->name, ==, "社区卫生服务中心（改）");
  g_assert_cmpstr (linli_partners_get_registry (f->partners), ==, path);
  undo (f);
  u0 = linli_partners_find (f->partners, LINLI_PARTNER_LIST_UNITS, id0, NULL);
  g_assert_cmpstr (u0->name, ==, plan_name);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));

  /* The plan's edit goes back. */
  id1 = rename_unit (f->partners, history, 1, "区图书馆");
  g_assert_true (linli_registry_dialog_save (dialog, &error));
  g_assert_no_error (error);
  name = name_in_registry (path, id1);
  g_assert_cmpstr (name, ==, "区图书馆");
  g_clear_pointer (&name, g_free);

  /* Both rename the same unit: the later save is refused and writes nothing. */
  rename_elsewhere (path, 1, "区图书馆（街道改）");
  g_free (rename_unit (f->partners, history, 1, "区图书馆（社区改）"));
  g_assert_false (linli_registry_dialog_save (dialog, &error));
  g_assert_error (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_CONFLICT);
  name = name_in_registry (path, id1);
  g_assert_cmpstr (name, ==, "区图书馆（街道改）");

  linli_test_screenshot (GTK_WIDGET (dialog), "registry-dialog.png");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  linli_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("LINLI_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LINLI_LOCALEDIR"));
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      g_print ("1..0 # SKIP no display (run under xvfb-run)\n");
      return 0;
    }
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/partners-gui/add-undo", test_add_undo);
  ADD ("/partners-gui/hide-names", test_hide_names);
  ADD ("/partners-gui/propose-accept", test_propose_accept);
  ADD ("/partners-gui/registry", test_registry);
#undef ADD
  return g_test_run ();
}
