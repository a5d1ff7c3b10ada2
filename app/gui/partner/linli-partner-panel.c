/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-partner-panel"

#include "config.h"

#include "linli-partner-panel-private.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "linli-grids.h"
#include "linli-partner-edits.h"
#include "linli-partner-problem.h"
#include "linli-partner-tables.h"
#include "linli-partners.h"

/* The partners page (共建单位): the partner units and the needs of
 * communities, compounds and grids as two tables with a search entry and
 * sortable columns, a small dialog to add or edit a row, and the
 * assignment: a proposal made as `linli-tool assign` makes it, accepted
 * into the project, thinned out pair by pair.  Every change goes through
 * the partner edits, so each is one undo step.  Contacts are shown through
 * linli_project_person(), so the hide-names switch holds here too. */

G_DEFINE_FINAL_TYPE (LinliPartnerPanel, linli_partner_panel, GTK_TYPE_WIDGET)

enum {
  SIGNAL_REFRESH,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

typedef struct
{
  const char *title;
  gboolean    numeric;
} ColumnSpec;

static const ColumnSpec column_specs[LINLI_PARTNER_N_TABLES][PARTNER_MAX_COLUMNS] = {
  { { N_("Name") }, { N_("Type") }, { N_("Offers") }, { N_("Contact") }, { N_("Members"), TRUE },
    { N_("Used"), TRUE } },
  { { N_("Place") }, { N_("Category") }, { N_("Quantity"), TRUE }, { N_("Priority"), TRUE },
    { N_("Met"), TRUE }, { N_("Note") } },
};

static const guint n_columns[LINLI_PARTNER_N_TABLES] = { 6, 6 };

static const char *const table_names[LINLI_PARTNER_N_TABLES] = { "units", "needs" };

static const LinliPartnerList table_lists[LINLI_PARTNER_N_TABLES] = {
  LINLI_PARTNER_LIST_UNITS, LINLI_PARTNER_LIST_NEEDS,
};

/* Auxiliary methods */

static const char *
item_id (gpointer item)
{
  return gtk_string_object_get_string (GTK_STRING_OBJECT (item));
}

static gconstpointer
find_item (LinliPartnerPanel *self,
           LinliPartnerTable  table,
           const char        *id)
{
  if (self->partners == NULL)
    return NULL;
  return linli_partners_find (self->partners, table_lists[table], id, NULL);
}

static double
lookup_amount (GHashTable *amounts,
               const char *id)
{
  double *value = amounts != NULL ? g_hash_table_lookup (amounts, id) : NULL;

  return value != NULL ? *value : 0;
}

static double
unit_capacity (const LinliPartnerUnit *u)
{
  double capacity = 0;

  for (guint r = 0; r < u->n_resources; r++)
    capacity += u->resources[r].capacity / linli_partner_period_per_month (u->resources[r].period);
  return capacity;
}

static double
cell_number (LinliPartnerPanel *self,
             LinliPartnerTable  table,
             const char        *id,
             guint              column)
{
  gconstpointer item = find_item (self, table, id);

  if (item == NULL)
    return 0;
  if (table == LINLI_PARTNER_TABLE_UNITS)
    {
      const LinliPartnerUnit *u = item;

      return column == 4 ? u->members : lookup_amount (self->used, id);
    }
  else
    {
      const LinliPartnerNeed *n = item;

      if (column == 2)
        return n->quantity / linli_partner_period_per_month (n->period);
      if (column == 3)
        return n->priority;
      return lookup_amount (self->met, id);
    }
}

static char *
number_text (double value)
{
  return fabs (value - round (value)) < 1e-9 ? g_strdup_printf ("%.0f", value)
                                             : g_strdup_printf ("%.1f", value);
}

static char *
offers_text (LinliPartnerPanel      *self,
             const LinliPartnerUnit *u)
{
  GString *s = g_string_new (NULL);

  for (guint r = 0; r < u->n_resources; r++)
    {
      const LinliPartnerResource *res = &u->resources[r];
      g_autofree char *capacity = number_text (res->capacity);

      /* Translators: a resource item of a unit: category, capacity, measure and period */
      g_string_append_printf (s, _("%s%s %s%s%s/%s"), s->len > 0 ? ", " : "",
                              linli_partners_category_label (self->partners, res->category),
                              capacity, res->measure != NULL ? " " : "",
                              res->measure != NULL ? res->measure : "",
                              linli_partner_period_label (res->period));
    }
  return g_string_free (s, FALSE);
}

static char *
cell_text (LinliPartnerPanel *self,
           LinliPartnerTable  table,
           const char        *id,
           guint              column)
{
  gconstpointer item = find_item (self, table, id);

  if (item == NULL)
    return g_strdup ("");
  if (table == LINLI_PARTNER_TABLE_UNITS)
    {
      const LinliPartnerUnit *u = item;

      switch (column)
        {
        case 0:
          return g_strdup (u->name);
        case 1:
          return g_strdup (linli_partner_unit_type_get_label (u->type));
        case 2:
          return offers_text (self, u);
        case 3:
          return g_strdup (linli_project_person (self->project, u->contact));
        case 4:
          return g_strdup_printf ("%u", u->members);
        default:
          {
            g_autofree char *used = number_text (lookup_amount (self->used, id));
            g_autofree char *capacity = number_text (unit_capacity (u));

            /* Translators: capacity a unit gives of what it has, per month */
            return g_strdup_printf (_("%s of %s"), used, capacity);
          }
        }
    }
  else
    {
      const LinliPartnerNeed *n = item;

      switch (column)
        {
        case 0:
          return g_strdup (linli_partner_place_name (self->project, n->place_kind, n->place));
        case 1:
          return g_strdup (linli_partners_category_label (self->partners, n->category));
        case 2:
          {
            g_autofree char *quantity = number_text (n->quantity);

            /* Translators: a quantity per period, "30 / month" */
            return g_strdup_printf (_("%s / %s"), quantity, linli_partner_period_label (n->period));
          }
        case 3:
          return g_strdup_printf ("%u", n->priority);
        case 4:
          return number_text (lookup_amount (self->met, id));
        default:
          return g_strdup (n->note != NULL ? n->note : "");
        }
    }
}

static LinliPartnerTable
visible_table (LinliPartnerPanel *self,
               gboolean          *is_table)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  for (guint t = 0; t < LINLI_PARTNER_N_TABLES; t++)
    if (g_strcmp0 (name, table_names[t]) == 0)
      {
        *is_table = TRUE;
        return t;
      }
  *is_table = FALSE;
  return LINLI_PARTNER_TABLE_UNITS;
}

static const char *
selected_id (LinliPartnerPanel *self,
             LinliPartnerTable  table)
{
  gpointer item = gtk_single_selection_get_selected_item (self->tables[table].selection);

  return item != NULL ? item_id (item) : NULL;
}

static gboolean
proposal_current (LinliPartnerPanel *self)
{
  return self->proposal != NULL && self->partners != NULL &&
         linli_partners_get_serial (self->partners) == self->proposal_serial;
}

static void
update_actions (LinliPartnerPanel *self)
{
  gboolean is_table;
  LinliPartnerTable table = visible_table (self, &is_table);
  gboolean selected = self->document != NULL && is_table && selected_id (self, table) != NULL;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "partners.add", self->document != NULL && is_table);
  gtk_widget_action_set_enabled (widget, "partners.edit", selected);
  gtk_widget_action_set_enabled (widget, "partners.remove", selected);
  gtk_widget_action_set_enabled (widget, "partners.propose", self->document != NULL);
  gtk_widget_action_set_enabled (widget, "partners.accept", proposal_current (self));
  gtk_widget_action_set_enabled (widget, "partners.clear",
                                 self->partners != NULL &&
                                 linli_partners_get_assignment (self->partners) != NULL);
}

/* What the accepted assignment gives each unit and need, for the tables. */
static void
update_amounts (LinliPartnerPanel *self)
{
  const LinliPartnerAssignment *a;

  g_hash_table_remove_all (self->used);
  g_hash_table_remove_all (self->met);
  a = self->partners != NULL ? linli_partners_get_assignment (self->partners) : NULL;
  for (guint i = 0; a != NULL && i < a->n_pairs; i++)
    {
      const LinliPartnerPair *pair = &a->pairs[i];
      double *used = g_hash_table_lookup (self->used, pair->unit);
      double *met = g_hash_table_lookup (self->met, pair->need);

      if (used == NULL)
        g_hash_table_insert (self->used, g_strdup (pair->unit), used = g_new0 (double, 1));
      if (met == NULL)
        g_hash_table_insert (self->met, g_strdup (pair->need), met = g_new0 (double, 1));
      *used += pair->quantity;
      *met += pair->quantity;
    }
}

/* The ids of a list, in a string list; spliced only where they differ, so
 * that a change of one item keeps the selection. */
static void
update_ids (LinliPartnerPanel *self,
            LinliPartnerTable  table)
{
  GtkStringList *ids = self->tables[table].ids;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (ids));
  guint n_new = self->partners != NULL ? linli_partners_get_n (self->partners, table_lists[table])
                                       : 0;
  guint first = 0, last_old = n_old, last_new = n_new;
  g_autofree const char **added = NULL;

  while (first < n_old && first < n_new &&
         g_strcmp0 (gtk_string_list_get_string (ids, first),
                    linli_partner_item_get_id (table_lists[table],
                                               linli_partners_get (self->partners,
                                                                   table_lists[table],
                                                                   first))) == 0)
    first++;
  while (last_old > first && last_new > first &&
         g_strcmp0 (gtk_string_list_get_string (ids, last_old - 1),
                    linli_partner_item_get_id (table_lists[table],
                                               linli_partners_get (self->partners,
                                                                   table_lists[table],
                                                                   last_new - 1))) == 0)
    last_old--, last_new--;
  if (first == last_old && first == last_new)
    return;
  added = g_new0 (const char *, last_new - first + 1);
  for (guint i = first; i < last_new; i++)
    added[i - first] = linli_partner_item_get_id (table_lists[table],
                                                  linli_partners_get (self->partners,
                                                                      table_lists[table], i));
  gtk_string_list_splice (ids, first, last_old - first, added);
}

static void
append_priority_rows (GString      *s,
                      const GArray *rows)
{
  for (guint k = 0; k < rows->len; k++)
    {
      const LinliPartnerPriorityMet *row = &g_array_index (rows, LinliPartnerPriorityMet, k);

      /* Translators: priority, quantity met, quantity asked for, number of needs */
      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE,
                                              "  priority %u: %.1f of %.1f per month (%u need)\n",
                                              "  priority %u: %.1f of %.1f per month (%u needs)\n",
                                              row->n_needs),
                              row->priority, row->met, row->total, row->n_needs);
    }
}

static void
append_unit_rows (LinliPartnerPanel *self,
                  GString           *s,
                  const GArray      *rows)
{
  for (guint k = 0; k < rows->len; k++)
    {
      const LinliPartnerUnitUse *use = &g_array_index (rows, LinliPartnerUnitUse, k);
      const LinliPartnerUnit *u = linli_partners_get_unit (self->partners, use->unit);

      /* Translators: a unit, the capacity it gives and what it has, per month */
      g_string_append_printf (s, _("  %s: %.1f of %.1f per month\n"), u->name, use->used,
                              use->capacity);
    }
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

/* "unit → place, category", with the names of both. */
static char *
pair_text (LinliPartnerPanel *self,
           const char        *unit_id,
           const char        *need_id)
{
  const LinliPartnerUnit *u = linli_partners_find (self->partners, LINLI_PARTNER_LIST_UNITS,
                                                   unit_id, NULL);
  const LinliPartnerNeed *n = linli_partners_find (self->partners, LINLI_PARTNER_LIST_NEEDS,
                                                   need_id, NULL);

  /* Translators: a unit → the place of a need, the need's category */
  return g_strdup_printf (_("%s → %s, %s"), u != NULL ? u->name : unit_id,
                          n != NULL ? linli_partner_place_name (self->project, n->place_kind,
                                                                n->place)
                                    : need_id,
                          n != NULL ? linli_partners_category_label (self->partners, n->category)
                                    : "");
}

/* What the rules say of a pair, for its row: always, never or nothing. */
static const char *
rule_mark (LinliPartnerPanel *self,
           const char        *unit_id,
           const char        *need_id)
{
  const LinliPartnerRules *rules = linli_partners_get_rules (self->partners);
  int i = linli_partner_rules_find (rules, unit_id, need_id);

  if (i < 0)
    return "";
  return rules->rules[i].kind == LINLI_PARTNER_RULE_FIXED ? _(" · always paired")
                                                          : _(" · never paired");
}

/* A row of a list of pairs: @text, a menu to always pair, never pair or
 * release the unit and need, and a button for @remove_action when given. */
static GtkWidget *
pair_row (LinliPartnerPanel *self,
          const char        *text,
          const char        *unit_id,
          const char        *need_id,
          const char        *remove_action,
          GVariant          *remove_target)
{
  static const struct
  {
    const char *label;
    const char *action;
  } items[] = {
    { N_("_Always Pair"), "partners.always-pair" },
    { N_("_Never Pair"), "partners.never-pair" },
    { N_("_Release"), "partners.release-pair" },
  };
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *button;
  g_autoptr (GMenu) menu = g_menu_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  gtk_box_append (GTK_BOX (row), label);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr (GMenuItem) item = g_menu_item_new (_(items[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, items[i].action,
                                               g_variant_new ("(ss)", unit_id, need_id));
      g_menu_append_item (menu, item);
    }
  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Always or never pair this unit and need"));
  gtk_box_append (GTK_BOX (row), button);
  if (remove_action != NULL)
    {
      button = gtk_button_new_from_icon_name ("list-remove-symbolic");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove this pair from the accepted assignment"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), remove_action);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), remove_target);
      gtk_box_append (GTK_BOX (row), button);
    }
  return row;
}

/* The pairs of @a as rows of @list, each with its menu and, when
 * @removable, a button that removes it from the accepted assignment. */
static void
fill_pairs (LinliPartnerPanel            *self,
            GtkListBox                   *list,
            const LinliPartnerAssignment *a,
            gboolean                      removable)
{
  for (guint i = 0; i < a->n_pairs; i++)
    {
      const LinliPartnerPair *pair = &a->pairs[i];
      g_autofree char *names = pair_text (self, pair->unit, pair->need);
      /* Translators: unit → place, category, then quantity per month, distance and whether the
       * pair is set by hand */
      g_autofree char *text = g_strdup_printf (_("%s: %.1f per month, %.0f m%s"), names,
                                               pair->quantity, pair->distance,
                                               rule_mark (self, pair->unit, pair->need));

      gtk_list_box_append (list, pair_row (self, text, pair->unit, pair->need,
                                           removable ? "partners.remove-pair" : NULL,
                                           removable ? g_variant_new_uint32 (i) : NULL));
    }
  gtk_widget_set_visible (GTK_WIDGET (list), a->n_pairs > 0);
}

/* The pairs set by hand, each with its release button. */
static void
show_rules (LinliPartnerPanel *self)
{
  const LinliPartnerRules *rules =
    self->partners != NULL ? linli_partners_get_rules (self->partners) : NULL;

  clear_list (self->rules_list);
  if (rules == NULL || rules->n_rules == 0)
    {
      gtk_label_set_text (self->rules_label, _("None: proposals pair units and needs as they "
                                               "find best. Use a pair’s menu to always or never "
                                               "make it."));
      gtk_widget_set_visible (GTK_WIDGET (self->rules_list), FALSE);
      return;
    }
  gtk_label_set_text (self->rules_label, _("Proposals serve an always-made pair first, as much as "
                                           "its unit can at any distance, and never make a "
                                           "never-made one."));
  for (guint i = 0; i < rules->n_rules; i++)
    {
      const LinliPartnerRule *rule = &rules->rules[i];
      g_autofree char *pair = pair_text (self, rule->unit, rule->need);
      g_autofree char *text = g_strdup_printf ("%s: %s%s", pair,
                                               rule->kind == LINLI_PARTNER_RULE_FIXED
                                               ? _("always") : _("never"),
                                               linli_partner_rule_applies (self->partners, rule)
                                               ? ""
                                               : _(" (left out: the unit no longer offers this "
                                                   "category)"));

      gtk_list_box_append (self->rules_list, pair_row (self, text, rule->unit, rule->need, NULL,
                                                       NULL));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->rules_list), TRUE);
}

/* The option widgets show the rules the project keeps. */
static void
show_options (LinliPartnerPanel *self)
{
  const LinliPartnerRules *rules =
    self->partners != NULL ? linli_partners_get_rules (self->partners) : NULL;
  g_autofree char *distance = NULL;

  self->syncing_options = TRUE;
  if (rules != NULL && rules->max_distance > 0)
    distance = g_strdup_printf ("%g", rules->max_distance);
  gtk_editable_set_text (GTK_EDITABLE (self->max_distance_entry), distance != NULL ? distance : "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->max_distance_entry), "error");
  gtk_check_button_set_active (self->every_community_check,
                               rules != NULL && rules->every_community);
  gtk_spin_button_set_value (self->community_minimum_spin,
                             rules != NULL ? rules->community_minimum : 1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->community_minimum_spin),
                            rules != NULL && rules->every_community);
  gtk_check_button_set_active (self->straight_check, rules != NULL && rules->straight_line);
  gtk_widget_set_sensitive (GTK_WIDGET (self->max_distance_entry), rules != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->every_community_check), rules != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->straight_check), rules != NULL);
  self->syncing_options = FALSE;
}

/* The proposal in words: what it meets by priority, what each unit gives,
 * what stays unmet and why (the reasons `linli-tool assign` prints). */
static void
show_proposal (LinliPartnerPanel *self)
{
  g_autoptr (GString) s = g_string_new (NULL);
  g_autoptr (LinliPartnerAssignment) a = NULL;
  g_autoptr (GArray) by_priority = NULL, used = NULL;
  const LinliPartnerProblem *pp;
  const LinliAssignResult *r;
  guint n_unmet = 0;

  clear_list (self->proposal_pairs_list);
  gtk_widget_set_visible (GTK_WIDGET (self->proposal_pairs_list), FALSE);
  if (self->proposal == NULL)
    {
      gtk_label_set_text (self->proposal_label, _("No proposal yet."));
      return;
    }
  pp = self->proposal->problem;
  r = self->proposal->result;
  if (!proposal_current (self))
    g_string_append_printf (s, "%s\n\n", _("Out of date: the units, needs or proposal options "
                                           "changed since this proposal was made. Propose "
                                           "again."));
  a = linli_partner_proposal_to_assignment (self->proposal, self->project);
  {
    g_autofree char *distances = linli_partner_problem_describe_distances (pp);
    g_autofree char *options = linli_partner_rules_describe (self->proposal->rules);

    g_string_append (s, distances);
    g_string_append (s, options);
  }
  for (guint i = 0; i < pp->unplaced_units->len; i++)
    g_string_append_printf (s, _("  unit %s has no position and takes no part\n"),
                            (const char *) pp->unplaced_units->pdata[i]);
  for (guint i = 0; i < pp->unplaced_needs->len; i++)
    g_string_append_printf (s, _("  need %s is at a place with no position and takes no part\n"),
                            (const char *) pp->unplaced_needs->pdata[i]);
  g_string_append_printf (s, "\n%s\n", _("Needs met by priority:"));
  by_priority = linli_partner_met_by_priority (self->partners, a);
  append_priority_rows (s, by_priority);
  g_string_append_printf (s, "\n%s\n", _("Capacity used:"));
  used = linli_partner_capacity_used (self->partners, a);
  append_unit_rows (self, s, used);
  g_string_append_printf (s, "\n%s\n", _("Needs not met in full:"));
  for (guint n = 0; n < r->n_needs; n++)
    {
      const LinliPartnerNeed *need =
        linli_partners_get_need (self->partners, g_array_index (pp->need_positions, guint, n));
      g_autofree char *why = NULL;

      if (r->needs[n].reason == LINLI_UNMET_NONE)
        continue;
      why = linli_partner_proposal_describe_unmet (self->proposal, self->project, n);
      n_unmet++;
      g_string_append_printf (s, _("  %s %s, %s: %.1f of %.1f unmet (priority %u): %s\n"),
                              need->id,
                              linli_partner_place_name (self->project, need->place_kind,
                                                        need->place),
                              linli_partners_category_label (self->partners, need->category),
                              r->needs[n].unmet, r->needs[n].met + r->needs[n].unmet,
                              need->priority, why);
    }
  if (n_unmet == 0)
    g_string_append_printf (s, "  %s\n", _("none"));
  g_string_append_printf (s, "\n%s", g_dngettext (GETTEXT_PACKAGE, "Proposed pair:",
                                                  "Proposed pairs:", a->n_pairs));
  gtk_label_set_text (self->proposal_label, s->str);

  fill_pairs (self, self->proposal_pairs_list, a, FALSE);
}

static void
show_accepted (LinliPartnerPanel *self)
{
  const LinliPartnerAssignment *a =
    self->partners != NULL ? linli_partners_get_assignment (self->partners) : NULL;
  g_autoptr (GString) s = g_string_new (NULL);

  clear_list (self->pairs_list);
  if (a == NULL)
    {
      gtk_label_set_text (self->accepted_label, _("None accepted yet."));
      gtk_widget_set_visible (GTK_WIDGET (self->pairs_list), FALSE);
      return;
    }
  if (a->out_of_date)
    g_string_append_printf (s, "%s\n", _("Out of date: units or needs changed since it was "
                                         "accepted. Propose again to assign them."));
  {
    g_autoptr (GArray) by_priority = linli_partner_met_by_priority (self->partners, a);

    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%u pair; needs met by priority:\n",
                                            "%u pairs; needs met by priority:\n", a->n_pairs),
                            a->n_pairs);
    append_priority_rows (s, by_priority);
  }
  if (a->straight_line)
    g_string_append (s, _("Distances: straight lines, not walks along streets\n"));
  while (s->len > 0 && s->str[s->len - 1] == '\n')
    g_string_truncate (s, s->len - 1);
  gtk_label_set_text (self->accepted_label, s->str);

  fill_pairs (self, self->pairs_list, a, TRUE);
}

/* Callbacks */

static void
cell_refresh_cb (GtkListItem *list_item)
{
  PartnerColumn *column = g_object_get_data (G_OBJECT (list_item), "linli-column");
  gpointer item = gtk_list_item_get_item (list_item);
  g_autofree char *text = item != NULL ? cell_text (column->panel, column->table, item_id (item),
                                                    column->column)
                                       : NULL;

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text != NULL ? text : "");
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               PartnerColumn            *column)
{
  GtkWidget *label = gtk_label_new (NULL);
  gboolean numeric = column_specs[column->table][column->column].numeric;

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
  g_object_set_data (G_OBJECT (list_item), "linli-column", column);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              PartnerColumn            *column)
{
  cell_refresh_cb (list_item);
  g_signal_connect_object (column->panel, "refresh", G_CALLBACK (cell_refresh_cb), list_item,
                           G_CONNECT_SWAPPED);
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                PartnerColumn            *column)
{
  g_signal_handlers_disconnect_by_func (column->panel, cell_refresh_cb, list_item);
}

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  PartnerColumn *column = user_data;
  LinliPartnerPanel *self = column->panel;
  PartnerTableView *table = &self->tables[column->table];
  const char *id = item_id (item);

  if (table->needle == NULL)
    return TRUE;
  for (guint c = 0; c < n_columns[column->table]; c++)
    {
      g_autofree char *text = cell_text (self, column->table, id, c);
      g_autofree char *folded = g_utf8_casefold (text, -1);

      if (strstr (folded, table->needle) != NULL)
        return TRUE;
    }
  /* A unit is also found by its address, which no column shows. */
  if (column->table == LINLI_PARTNER_TABLE_UNITS)
    {
      const LinliPartnerUnit *u = find_item (self, column->table, id);

      if (u != NULL && u->address != NULL)
        {
          g_autofree char *folded = g_utf8_casefold (u->address, -1);

          return strstr (folded, table->needle) != NULL;
        }
    }
  return FALSE;
}

static int
sort_cb (gconstpointer a,
         gconstpointer b,
         gpointer      user_data)
{
  PartnerColumn *column = user_data;
  const char *ia = item_id ((gpointer) a), *ib = item_id ((gpointer) b);
  g_autofree char *ta = NULL, *tb = NULL;

  if (column_specs[column->table][column->column].numeric)
    {
      double na = cell_number (column->panel, column->table, ia, column->column);
      double nb = cell_number (column->panel, column->table, ib, column->column);

      return na < nb ? -1 : na > nb;
    }
  ta = cell_text (column->panel, column->table, ia, column->column);
  tb = cell_text (column->panel, column->table, ib, column->column);
  return g_utf8_collate (ta, tb);
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      PartnerColumn  *column)
{
  PartnerTableView *table = &column->panel->tables[column->table];
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_clear_pointer (&table->needle, g_free);
  if (text != NULL && text[0] != '\0')
    table->needle = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (table->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Everything the page shows, after any change of the lists or of the
 * hide-names switch. */
static void
on_partners_changed_cb (LinliPartnerPanel *self)
{
  update_amounts (self);
  for (guint t = 0; t < LINLI_PARTNER_N_TABLES; t++)
    {
      PartnerTableView *table = &self->tables[t];

      update_ids (self, t);
      if (table->needle != NULL)
        gtk_filter_changed (GTK_FILTER (table->filter), GTK_FILTER_CHANGE_DIFFERENT);
      for (guint c = 0; c < n_columns[t]; c++)
        gtk_sorter_changed (GTK_SORTER (table->sorters[c]), GTK_SORTER_CHANGE_DIFFERENT);
    }
  g_signal_emit (self, signals[SIGNAL_REFRESH], 0);
  show_proposal (self);
  show_accepted (self);
  show_rules (self);
  show_options (self);
  update_actions (self);
}

/* The editor */

static GtkWidget *
editor_row (GtkGrid    *grid,
            int         row,
            const char *label,
            GtkWidget  *widget)
{
  GtkWidget *l = gtk_label_new (label);

  gtk_label_set_xalign (GTK_LABEL (l), 1);
  gtk_widget_add_css_class (l, "dim-label");
  gtk_grid_attach (grid, l, 0, row, 1, 1);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);
  return widget;
}

static GtkEntry *
text_entry (const char *text)
{
  GtkEntry *entry = GTK_ENTRY (gtk_entry_new ());

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  return entry;
}

static char *
entry_value (GtkEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

static GtkSpinButton *
spin (double min,
      double max,
      double step,
      guint  digits,
      double value)
{
  GtkSpinButton *button = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (min, max, step));

  gtk_spin_button_set_digits (button, digits);
  gtk_spin_button_set_value (button, value);
  return button;
}

static GtkDropDown *
period_choice (LinliPartnerPeriod period)
{
  const char *labels[] = { linli_partner_period_label (LINLI_PARTNER_PERIOD_WEEK),
                           linli_partner_period_label (LINLI_PARTNER_PERIOD_MONTH),
                           linli_partner_period_label (LINLI_PARTNER_PERIOD_QUARTER),
                           linli_partner_period_label (LINLI_PARTNER_PERIOD_YEAR), NULL };
  GtkDropDown *choice = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (labels));

  gtk_drop_down_set_selected (choice, period);
  return choice;
}

/* The categories, with "none" first when @none is given. */
static GtkDropDown *
category_choice (LinliPartnerPanel *self,
                 const char        *none,
                 const char        *current)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;
  GtkDropDown *choice;

  g_ptr_array_set_size (self->editor_category_ids, 0);
  if (none != NULL)
    {
      gtk_string_list_append (labels, none);
      g_ptr_array_add (self->editor_category_ids, NULL);
    }
  for (guint i = 0; i < linli_partners_get_n (self->partners, LINLI_PARTNER_LIST_CATEGORIES); i++)
    {
      const LinliPartnerCategory *c = linli_partners_get_category (self->partners, i);

      if (g_strcmp0 (c->id, current) == 0)
        selected = self->editor_category_ids->len;
      gtk_string_list_append (labels, linli_partners_category_label (self->partners, c->id));
      g_ptr_array_add (self->editor_category_ids, g_strdup (c->id));
    }
  choice = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL));
  gtk_drop_down_set_selected (choice, selected);
  return choice;
}

static void
add_place (LinliPartnerPanel     *self,
           GtkStringList         *labels,
           LinliPartnerPlaceKind  kind,
           const char            *id,
           const char            *kind_label,
           const LinliPartnerNeed *current,
           guint                 *selected)
{
  g_autofree char *label = g_strdup_printf ("%s %s", kind_label,
                                            linli_partner_place_name (self->project, kind, id));

  if (current != NULL && current->place_kind == kind && g_strcmp0 (current->place, id) == 0)
    *selected = self->editor_place_ids->len;
  gtk_string_list_append (labels, label);
  g_ptr_array_add (self->editor_place_ids,
                   g_strdup_printf ("%s:%s", linli_partner_place_kind_to_string (kind), id));
}

/* Every community, compound and grid a need can be at. */
static GtkDropDown *
place_choice (LinliPartnerPanel      *self,
              const LinliPartnerNeed *current)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  LinliGrids *grids = linli_project_get_grids (self->project);
  guint selected = 0;
  GtkDropDown *choice;

  g_ptr_array_set_size (self->editor_place_ids, 0);
  for (guint i = 0; i < linli_project_get_n_communities (self->project); i++)
    add_place (self, labels, LINLI_PARTNER_PLACE_COMMUNITY,
               linli_project_get_community (self->project, i)->id, _("Community"), current,
               &selected);
  for (guint i = 0; i < linli_project_get_n_compounds (self->project); i++)
    add_place (self, labels, LINLI_PARTNER_PLACE_COMPOUND,
               linli_project_get_compound (self->project, i)->id, _("Compound"), current,
               &selected);
  for (guint i = 0; i < linli_grids_get_n_grids (grids); i++)
    {
      LinliGrid *grid = linli_grids_get_grid (grids, i);

      add_place (self, labels, LINLI_PARTNER_PLACE_GRID, linli_grid_get_id (grid), _("Grid"),
                 current, &selected);
    }
  choice = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL));
  gtk_drop_down_set_selected (choice, selected);
  gtk_drop_down_set_enable_search (choice, TRUE);
  return choice;
}

static void
refused (LinliPartnerPanel *self,
         const char        *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              _("Not Changed"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Parses "lat, lon"; an empty text is no position. */
static gboolean
parse_position (const char *text,
                gboolean   *has,
                double     *lat,
                double     *lon)
{
  g_auto (GStrv) parts = NULL;
  char *end;

  *has = FALSE;
  if (text == NULL)
    return TRUE;
  parts = g_strsplit_set (text, ",，", 2);
  if (g_strv_length (parts) != 2)
    return FALSE;
  *lat = g_ascii_strtod (g_strstrip (parts[0]), &end);
  if (*end != '\0' || end == parts[0])
    return FALSE;
  *lon = g_ascii_strtod (g_strstrip (parts[1]), &end);
  if (*end != '\0' || end == parts[1])
    return FALSE;
  *has = TRUE;
  return linli_lat_lon_is_valid (*lat, *lon);
}

/* What is wrong with the unit in the editor, in a sentence, or NULL. */
static char *
unit_editor_problem (LinliPartnerPanel *self)
{
  g_autofree char *name = entry_value (self->editor_name);

  if (name == NULL)
    return g_strdup (_("A unit needs a name."));
  for (guint i = 0; i < self->editor_resources->len; i++)
    {
      PartnerResourceRow *row = g_ptr_array_index (self->editor_resources, i);

      if (gtk_drop_down_get_selected (row->category) >= self->editor_category_ids->len)
        /* Translators: the number of a resource item in the unit dialog */
        return g_strdup_printf (_("Resource item %u: choose its category."), i + 1);
      if (!(gtk_spin_button_get_value (row->quantity) > 0))
        return g_strdup_printf (_("Resource item %u: the quantity must be above 0."), i + 1);
      if (!(gtk_spin_button_get_value (row->capacity) > 0))
        return g_strdup_printf (_("Resource item %u: the capacity must be above 0."), i + 1);
    }
  return NULL;
}

/* The editor says what is wrong and takes no wrong unit. */
static void
update_unit_editor (LinliPartnerPanel *self)
{
  g_autofree char *problem = NULL;

  if (self->editor == NULL || self->editor_table != LINLI_PARTNER_TABLE_UNITS)
    return;
  problem = unit_editor_problem (self);
  gtk_label_set_text (self->editor_problem, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->editor_problem), problem != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self->editor), "apply",
                                           problem == NULL);
}

static void
apply_unit (LinliPartnerPanel *self)
{
  const LinliPartnerUnit *before = self->editor_id != NULL
                                   ? find_item (self, LINLI_PARTNER_TABLE_UNITS, self->editor_id)
                                   : NULL;
  g_autofree char *name = entry_value (self->editor_name);
  g_autofree char *address = entry_value (self->editor_address);
  g_autofree char *position = entry_value (self->editor_position);
  g_autofree char *contact = entry_value (self->editor_contact);
  g_autofree char *problem = unit_editor_problem (self);
  g_autoptr (GPtrArray) measures = g_ptr_array_new_with_free_func (g_free);
  g_autofree LinliPartnerResource *resources = NULL;
  LinliPartnerUnit u = { 0 };

  if (problem != NULL)
    {
      refused (self, problem);
      return;
    }
  if (!parse_position (position, &u.has_position, &u.lat, &u.lon))
    {
      refused (self, _("Write the position as latitude, longitude in degrees, e.g. 30.3185, "
                       "120.1432, or leave it empty."));
      return;
    }
  /* With names hidden the entry starts empty: empty keeps the contact. */
  if (contact == NULL && before != NULL && linli_project_get_hide_names (self->project))
    contact = g_strdup (before->contact);
  u.id = self->editor_id;
  u.name = name;
  u.type = gtk_drop_down_get_selected (self->editor_type);
  u.address = address;
  u.contact = contact;
  u.members = gtk_spin_button_get_value_as_int (self->editor_members);
  /* Every resource item as the rows say, in their order: one change of the unit. */
  resources = g_new0 (LinliPartnerResource, MAX (self->editor_resources->len, 1));
  for (guint i = 0; i < self->editor_resources->len; i++)
    {
      PartnerResourceRow *row = g_ptr_array_index (self->editor_resources, i);
      char *measure = entry_value (row->measure);

      g_ptr_array_add (measures, measure);
      resources[u.n_resources++] = (LinliPartnerResource) {
        g_ptr_array_index (self->editor_category_ids, gtk_drop_down_get_selected (row->category)),
        gtk_spin_button_get_value (row->quantity), measure,
        gtk_spin_button_get_value (row->capacity), gtk_drop_down_get_selected (row->period),
      };
    }
  u.resources = resources;
  if (before != NULL)
    {
      if (!linli_partner_edits_change (self->history, LINLI_PARTNER_LIST_UNITS, &u))
        refused (self, _("The unit could not be changed."));
    }
  else
    {
      g_autofree char *id = linli_partner_edits_add (self->history, LINLI_PARTNER_LIST_UNITS, &u);

      if (id == NULL)
        refused (self, _("The unit could not be added."));
    }
}

static void
apply_need (LinliPartnerPanel *self)
{
  const char *place = g_ptr_array_index (self->editor_place_ids,
                                         gtk_drop_down_get_selected (self->editor_place));
  g_auto (GStrv) parts = g_strsplit (place, ":", 2);
  g_autofree char *note = entry_value (self->editor_note);
  LinliPartnerNeed n = { 0 };

  if (!linli_partner_place_kind_from_string (parts[0], &n.place_kind))
    return;
  n.id = self->editor_id;
  n.place = parts[1];
  n.category = g_ptr_array_index (self->editor_category_ids,
                                  gtk_drop_down_get_selected (self->editor_category));
  n.quantity = gtk_spin_button_get_value (self->editor_quantity);
  n.period = gtk_drop_down_get_selected (self->editor_period);
  n.priority = gtk_spin_button_get_value_as_int (self->editor_priority);
  n.note = note;
  if (self->editor_id != NULL)
    {
      if (!linli_partner_edits_change (self->history, LINLI_PARTNER_LIST_NEEDS, &n))
        refused (self, _("The need could not be changed."));
    }
  else
    {
      g_autofree char *id = linli_partner_edits_add (self->history, LINLI_PARTNER_LIST_NEEDS, &n);

      if (id == NULL)
        refused (self, _("The need could not be added."));
    }
}

static void
on_editor_response_cb (AdwMessageDialog  *dialog,
                       const char        *response,
                       LinliPartnerPanel *self)
{
  if (g_strcmp0 (response, "apply") == 0 && self->project != NULL)
    {
      if (self->editor_table == LINLI_PARTNER_TABLE_UNITS)
        apply_unit (self);
      else
        apply_need (self);
    }
  self->editor = NULL;
  g_clear_pointer (&self->editor_id, g_free);
  g_ptr_array_set_size (self->editor_resources, 0);
}

static void
on_remove_resource_clicked_cb (GtkWidget         *button,
                               LinliPartnerPanel *self)
{
  for (guint i = 0; i < self->editor_resources->len; i++)
    {
      PartnerResourceRow *row = g_ptr_array_index (self->editor_resources, i);

      if (row->remove != button)
        continue;
      /* Row 0 of the grid holds the titles. */
      gtk_grid_remove_row (self->editor_resources_grid, (int) i + 1);
      g_ptr_array_remove_index (self->editor_resources, i);
      break;
    }
  update_unit_editor (self);
}

/* A row of the unit editor for @res, or a new resource item when %NULL. */
static void
add_resource_row (LinliPartnerPanel          *self,
                  const LinliPartnerResource *res)
{
  PartnerResourceRow *row = g_new0 (PartnerResourceRow, 1);
  int top = (int) self->editor_resources->len + 1;

  row->category = category_choice (self, NULL, res != NULL ? res->category : NULL);
  if (res == NULL)
    gtk_drop_down_set_selected (row->category, GTK_INVALID_LIST_POSITION);
  gtk_widget_set_hexpand (GTK_WIDGET (row->category), TRUE);
  row->quantity = spin (0, 1e9, 1, 1, res != NULL ? res->quantity : 1);
  gtk_editable_set_width_chars (GTK_EDITABLE (row->quantity), 5);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->quantity),
                               _("How much the unit has: 30 volunteers, one hall"));
  row->measure = text_entry (res != NULL ? res->measure : NULL);
  gtk_editable_set_width_chars (GTK_EDITABLE (row->measure), 6);
  gtk_entry_set_placeholder_text (row->measure, _("hours …"));
  row->capacity = spin (0, 1e9, 1, 1, res != NULL ? res->capacity : 0);
  gtk_editable_set_width_chars (GTK_EDITABLE (row->capacity), 5);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->capacity),
                               _("What the unit can give each period, in the measure"));
  row->period = period_choice (res != NULL ? res->period : LINLI_PARTNER_PERIOD_MONTH);
  row->remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_add_css_class (row->remove, "flat");
  gtk_widget_set_tooltip_text (row->remove, _("Remove this resource item"));
  gtk_grid_attach (self->editor_resources_grid, GTK_WIDGET (row->category), 0, top, 1, 1);
  gtk_grid_attach (self->editor_resources_grid, GTK_WIDGET (row->quantity), 1, top, 1, 1);
  gtk_grid_attach (self->editor_resources_grid, GTK_WIDGET (row->measure), 2, top, 1, 1);
  gtk_grid_attach (self->editor_resources_grid, GTK_WIDGET (row->capacity), 3, top, 1, 1);
  gtk_grid_attach (self->editor_resources_grid, GTK_WIDGET (row->period), 4, top, 1, 1);
  gtk_grid_attach (self->editor_resources_grid, row->remove, 5, top, 1, 1);
  g_signal_connect_object (row->category, "notify::selected", G_CALLBACK (update_unit_editor),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row->quantity, "value-changed", G_CALLBACK (update_unit_editor), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row->capacity, "value-changed", G_CALLBACK (update_unit_editor), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row->remove, "clicked", G_CALLBACK (on_remove_resource_clicked_cb),
                           self, 0);
  g_ptr_array_add (self->editor_resources, row);
}

static void
on_add_resource_clicked_cb (LinliPartnerPanel *self)
{
  add_resource_row (self, NULL);
  update_unit_editor (self);
}

static void
open_editor (LinliPartnerPanel *self,
             LinliPartnerTable  table,
             const char        *id)
{
  static const char *const headings[2][LINLI_PARTNER_N_TABLES] = {
    { N_("Add Partner Unit"), N_("Add Need") },
    { N_("Edit Partner Unit"), N_("Edit Need") },
  };
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  GtkWidget *dialog;

  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  self->editor_table = table;
  g_free (self->editor_id);
  self->editor_id = g_strdup (id);
  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 12);

  if (table == LINLI_PARTNER_TABLE_UNITS)
    {
      const LinliPartnerUnit *u = id != NULL ? find_item (self, table, id) : NULL;
      const char *types[LINLI_PARTNER_UNIT_N_TYPES + 1] = { NULL };
      g_autofree char *position = NULL;

      for (guint t = 0; t < LINLI_PARTNER_UNIT_N_TYPES; t++)
        types[t] = linli_partner_unit_type_get_label (t);
      self->editor_name = text_entry (u != NULL ? u->name : NULL);
      editor_row (grid, 0, _("Name"), GTK_WIDGET (self->editor_name));
      self->editor_type = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (types));
      gtk_drop_down_set_selected (self->editor_type,
                                  u != NULL ? u->type : LINLI_PARTNER_UNIT_OTHER);
      editor_row (grid, 1, _("Type"), GTK_WIDGET (self->editor_type));
      self->editor_address = text_entry (u != NULL ? u->address : NULL);
      editor_row (grid, 2, _("Address"), GTK_WIDGET (self->editor_address));
      if (u != NULL && u->has_position)
        position = g_strdup_printf ("%.7f, %.7f", u->lat, u->lon);
      self->editor_position = text_entry (position);
      gtk_entry_set_placeholder_text (self->editor_position, _("Latitude, longitude"));
      editor_row (grid, 3, _("Position"), GTK_WIDGET (self->editor_position));
      /* With names hidden the editor does not show the contact either. */
      self->editor_contact = text_entry (NULL);
      if (linli_project_get_hide_names (self->project))
        gtk_entry_set_placeholder_text (self->editor_contact, _("Hidden: type to replace"));
      else if (u != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->editor_contact),
                               u->contact != NULL ? u->contact : "");
      editor_row (grid, 4, _("Contact"), GTK_WIDGET (self->editor_contact));
      self->editor_members = spin (0, 1000000, 1, 0, u != NULL ? u->members : 0);
      editor_row (grid, 5, _("Members reporting"), GTK_WIDGET (self->editor_members));
      self->editor_resources_grid = GTK_GRID (gtk_grid_new ());
      gtk_grid_set_row_spacing (self->editor_resources_grid, 6);
      gtk_grid_set_column_spacing (self->editor_resources_grid, 6);
      {
        const char *titles[] = { N_("Category"), N_("Quantity"), N_("Measure"), N_("Capacity"),
                                 N_("Per") };

        for (guint c = 0; c < G_N_ELEMENTS (titles); c++)
          {
            GtkWidget *title = gtk_label_new (_(titles[c]));

            gtk_label_set_xalign (GTK_LABEL (title), 0);
            gtk_widget_add_css_class (title, "dim-label");
            gtk_widget_add_css_class (title, "caption");
            gtk_grid_attach (self->editor_resources_grid, title, c, 0, 1, 1);
          }
      }
      g_ptr_array_set_size (self->editor_resources, 0);
      for (guint r = 0; u != NULL && r < u->n_resources; r++)
        add_resource_row (self, &u->resources[r]);
      {
        GtkWidget *label = gtk_label_new (_("Resource items"));
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_widget_add_css_class (label, "heading");
        gtk_box_append (GTK_BOX (box), label);
        gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->editor_resources_grid));
        self->editor_add_resource = gtk_button_new_with_mnemonic (_("Add _Resource Item"));
        gtk_widget_set_halign (self->editor_add_resource, GTK_ALIGN_START);
        g_signal_connect_object (self->editor_add_resource, "clicked",
                                 G_CALLBACK (on_add_resource_clicked_cb), self, G_CONNECT_SWAPPED);
        gtk_box_append (GTK_BOX (box), self->editor_add_resource);
        self->editor_problem = GTK_LABEL (gtk_label_new (NULL));
        gtk_label_set_xalign (self->editor_problem, 0);
        gtk_label_set_wrap (self->editor_problem, TRUE);
        gtk_widget_add_css_class (GTK_WIDGET (self->editor_problem), "error");
        gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->editor_problem));
        gtk_widget_set_margin_top (box, 6);
        gtk_grid_attach (grid, box, 0, 6, 2, 1);
      }
      g_signal_connect_object (self->editor_name, "changed", G_CALLBACK (update_unit_editor), self,
                               G_CONNECT_SWAPPED);
    }
  else
    {
      const LinliPartnerNeed *n = id != NULL ? find_item (self, table, id) : NULL;

      self->editor_place = place_choice (self, n);
      editor_row (grid, 0, _("Place"), GTK_WIDGET (self->editor_place));
      self->editor_category = category_choice (self, NULL, n != NULL ? n->category : NULL);
      editor_row (grid, 1, _("Category"), GTK_WIDGET (self->editor_category));
      self->editor_quantity = spin (0, 1e9, 1, 1, n != NULL ? n->quantity : 1);
      editor_row (grid, 2, _("Quantity"), GTK_WIDGET (self->editor_quantity));
      self->editor_period = period_choice (n != NULL ? n->period : LINLI_PARTNER_PERIOD_MONTH);
      editor_row (grid, 3, _("Per"), GTK_WIDGET (self->editor_period));
      self->editor_priority = spin (1, LINLI_PARTNER_MAX_PRIORITY, 1, 0,
                                    n != NULL ? n->priority : 1);
      editor_row (grid, 4, _("Priority"), GTK_WIDGET (self->editor_priority));
      self->editor_note = text_entry (n != NULL ? n->note : NULL);
      editor_row (grid, 5, _("Note"), GTK_WIDGET (self->editor_note));
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _(headings[id != NULL][table]), NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (grid));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "apply", id != NULL ? _("_Apply") : _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_editor_response_cb), self, 0);
  self->editor = dialog;
  update_unit_editor (self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Actions */

static void
add_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LinliPartnerPanel *self = LINLI_PARTNER_PANEL (widget);
  gboolean is_table;
  LinliPartnerTable table = visible_table (self, &is_table);

  if (self->document != NULL && is_table)
    open_editor (self, table, NULL);
}

static void
edit_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LinliPartnerPanel *self = LINLI_PARTNER_PANEL (widget);
  gboolean is_table;
  LinliPartnerTable table = visible_table (self, &is_table);
  const char *id = self->document != NULL && is_table ? selected_id (self, table) : NULL;

  if (id != NULL)
    open_editor (self, table, id);
}

static void
remove_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LinliPartnerPanel *self = LINLI_PARTNER_PANEL (widget);
  gboolean is_table;
  LinliPartnerTable table = visible_table (self, &is_table);
  g_autofree char *id = NULL;

  if (self->document == NULL || !is_table)
    return;
  id = g_strdup (selected_id (self, table));
  if (id != NULL)
    linli_partner_edits_remove (self->history, table_lists[table], id);
}

static void
propose_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  LinliPartnerPanel *self = LINLI_PARTNER_PANEL (widget);
  g_autoptr (GError) error = NULL;

  if (self->project == NULL)
    return;
  g_clear_pointer (&self->proposal, linli_partner_proposal_free);
  /* The same problem as `linli-tool assign FILE`, with the rules the project keeps. */
  self->proposal = linli_partner_proposal_new (self->project, NULL, &error);
  self->proposal_serial = linli_partners_get_serial (self->partners);
  if (self->proposal == NULL)
    gtk_label_set_text (self->proposal_label, error->message);
  else
    show_proposal (self);
  update_actions (self);
}

static void
accept_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LinliPartnerPanel *self = LINLI_PARTNER_PANEL (widget);
  g_autoptr (LinliPartnerAssignment) a = NULL;

  if (!proposal_current (self))
    return;
  a = linli_partner_proposal_to_assignment (self->proposal, self->project);
  linli_partner_edits_set_assignment (self->history, a);
  /* Taken: what it said is now the accepted assignment below. */
  g_clear_pointer (&self->proposal, linli_partner_proposal_free);
  show_proposal (self);
  gtk_label_set_text (self->proposal_label, _("Accepted: the assignment is below."));
  update_actions (self);
}

static void
clear_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  LinliPartnerPanel *self = LINLI_PARTNER_PANEL (widget);

  if (self->history != NULL)
    linli_partner_edits_set_assignment (self->history, NULL);
}

static void
remove_pair_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  LinliPartnerPanel *self = LINLI_PARTNER_PANEL (widget);

  if (self->history != NULL)
    linli_partner_edits_remove_pair (self->history, g_variant_get_uint32 (param));
}

static void
pair_rule_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  LinliPartnerPanel *self = LINLI_PARTNER_PANEL (widget);
  const char *unit, *need;

  if (self->history == NULL)
    return;
  g_variant_get (param, "(&s&s)", &unit, &need);
  if (g_str_equal (action_name, "partners.release-pair"))
    linli_partner_edits_release_pair (self->history, unit, need);
  else
    linli_partner_edits_set_pair_rule (self->history, unit, need,
                                       g_str_equal (action_name, "partners.always-pair")
                                       ? LINLI_PARTNER_RULE_FIXED
                                       : LINLI_PARTNER_RULE_FORBIDDEN);
}

/* The options as the widgets say, kept by one undoable edit. */
static void
apply_options (LinliPartnerPanel *self)
{
  g_autoptr (LinliPartnerRules) rules = NULL;
  g_autofree char *text = NULL;
  double distance = 0;

  if (self->syncing_options || self->history == NULL)
    return;
  text = entry_value (self->max_distance_entry);
  if (text != NULL)
    {
      char *end;

      distance = g_ascii_strtod (text, &end);
      if (*end != '\0' || !(distance >= 0) || distance > LINLI_PARTNER_RULES_MAX_DISTANCE)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->max_distance_entry), "error");
          return;
        }
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->max_distance_entry), "error");
  rules = linli_partner_rules_copy (linli_partners_get_rules (self->partners));
  rules->max_distance = distance;
  rules->every_community = gtk_check_button_get_active (self->every_community_check);
  rules->community_minimum = gtk_spin_button_get_value (self->community_minimum_spin);
  rules->straight_line = gtk_check_button_get_active (self->straight_check);
  linli_partner_edits_set_rules (self->history, rules);
}

/* GObject overrides */

static void
linli_partner_panel_dispose (GObject *object)
{
  LinliPartnerPanel *self = LINLI_PARTNER_PANEL (object);

  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  self->editor = NULL;
  g_clear_pointer (&self->editor_id, g_free);
  if (self->partners != NULL)
    g_signal_handlers_disconnect_by_data (self->partners, self);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->document);
  g_clear_object (&self->project);
  g_clear_object (&self->history);
  g_clear_object (&self->partners);
  g_clear_pointer (&self->proposal, linli_partner_proposal_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINLI_TYPE_PARTNER_PANEL);
  for (guint t = 0; t < LINLI_PARTNER_N_TABLES; t++)
    {
      g_clear_object (&self->tables[t].selection);
      g_clear_object (&self->tables[t].ids);
      g_clear_pointer (&self->tables[t].needle, g_free);
    }
  g_clear_pointer (&self->used, g_hash_table_unref);
  g_clear_pointer (&self->met, g_hash_table_unref);
  g_clear_pointer (&self->editor_place_ids, g_ptr_array_unref);
  g_clear_pointer (&self->editor_category_ids, g_ptr_array_unref);
  g_clear_pointer (&self->editor_resources, g_ptr_array_unref);
  G_OBJECT_CLASS (linli_partner_panel_parent_class)->dispose (object);
}

static void
linli_partner_panel_class_init (LinliPartnerPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = linli_partner_panel_dispose;

  /* For the cells on screen: what they show may have changed. */
  signals[SIGNAL_REFRESH] = g_signal_new ("refresh", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/linli/Linli/linli-partner-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LinliPartnerPanel, box);
  gtk_widget_class_bind_template_child (widget_class, LinliPartnerPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, LinliPartnerPanel, units_search);
  gtk_widget_class_bind_template_child (widget_class, LinliPartnerPanel, needs_search);
  gtk_widget_class_bind_template_child (widget_class, LinliPartnerPanel, units_view);
  gtk_widget_class_bind_template_child (widget_class, LinliPartnerPanel, needs_view);
  gtk_widget_class_bind_template_child (widget_class, LinliPartnerPanel, proposal_label);
  gtk_widget_class_bind_template_child (widget_class, LinliPartnerPanel, accepted_label);
  gtk_widget_class_bind_template_child (widget_class, LinliPartnerPanel, pairs_list);
  gtk_widget_class_bind_template_child (widget_class, LinliPartnerPanel, proposal_pairs_list);
  gtk_widget_class_bind_template_child (widget_class, LinliPartnerPanel, rules_label);
  gtk_widget_class_bind_template_child (widget_class, LinliPartnerPanel, rules_list);
  gtk_widget_class_bind_template_child (widget_class, LinliPartnerPanel, max_distance_entry);
  gtk_widget_class_bind_template_child (widget_class, LinliPartnerPanel, every_community_check);
  gtk_widget_class_bind_template_child (widget_class, LinliPartnerPanel, community_minimum_spin);
  gtk_widget_class_bind_template_child (widget_class, LinliPartnerPanel, straight_check);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "partners.add", NULL, add_action_cb);
  gtk_widget_class_install_action (widget_class, "partners.edit", NULL, edit_action_cb);
  gtk_widget_class_install_action (widget_class, "partners.remove", NULL, remove_action_cb);
  gtk_widget_class_install_action (widget_class, "partners.propose", NULL, propose_action_cb);
  gtk_widget_class_install_action (widget_class, "partners.accept", NULL, accept_action_cb);
  gtk_widget_class_install_action (widget_class, "partners.clear", NULL, clear_action_cb);
  gtk_widget_class_install_action (widget_class, "partners.remove-pair", "u",
                                   remove_pair_action_cb);
  gtk_widget_class_install_action (widget_class, "partners.always-pair", "(ss)",
                                   pair_rule_action_cb);
  gtk_widget_class_install_action (widget_class, "partners.never-pair", "(ss)",
                                   pair_rule_action_cb);
  gtk_widget_class_install_action (widget_class, "partners.release-pair", "(ss)",
                                   pair_rule_action_cb);
}

static void
linli_partner_panel_init (LinliPartnerPanel *self)
{
  GtkColumnView *views[LINLI_PARTNER_N_TABLES];
  GtkSearchEntry *searches[LINLI_PARTNER_N_TABLES];

  gtk_widget_init_template (GTK_WIDGET (self));
  views[0] = self->units_view, views[1] = self->needs_view;
  searches[0] = self->units_search, searches[1] = self->needs_search;
  self->used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->met = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->editor_place_ids = g_ptr_array_new_with_free_func (g_free);
  self->editor_category_ids = g_ptr_array_new_with_free_func (g_free);
  self->editor_resources = g_ptr_array_new_with_free_func (g_free);

  for (guint t = 0; t < LINLI_PARTNER_N_TABLES; t++)
    {
      PartnerTableView *table = &self->tables[t];

      table->view = views[t];
      table->search = searches[t];
      table->ids = gtk_string_list_new (NULL);
      for (guint c = 0; c < n_columns[t]; c++)
        {
          PartnerColumn *column = &self->columns[t][c];
          g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
          g_autoptr (GtkColumnViewColumn) view_column = NULL;

          column->panel = self;
          column->table = t;
          column->column = c;
          g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), column);
          g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), column);
          g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), column);
          view_column = gtk_column_view_column_new (_(column_specs[t][c].title),
                                                    g_object_ref (factory));
          table->sorters[c] = gtk_custom_sorter_new (sort_cb, column, NULL);
          gtk_column_view_column_set_sorter (view_column, GTK_SORTER (table->sorters[c]));
          g_object_unref (table->sorters[c]);  /* the column keeps it */
          gtk_column_view_column_set_resizable (view_column, TRUE);
          gtk_column_view_column_set_expand (view_column, !column_specs[t][c].numeric);
          gtk_column_view_append_column (table->view, view_column);
        }
      table->filter = gtk_custom_filter_new (filter_cb, &self->columns[t][0], NULL);
      table->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (table->ids)),
                                                       GTK_FILTER (table->filter));
      table->sort_model =
        gtk_sort_list_model_new (G_LIST_MODEL (table->filter_model),
                                 g_object_ref (gtk_column_view_get_sorter (table->view)));
      table->selection = gtk_single_selection_new (G_LIST_MODEL (table->sort_model));
      gtk_single_selection_set_autoselect (table->selection, FALSE);
      gtk_single_selection_set_can_unselect (table->selection, TRUE);
      gtk_column_view_set_model (table->view,
                                 GTK_SELECTION_MODEL (g_object_ref (table->selection)));
      g_signal_connect_object (table->selection, "notify::selected", G_CALLBACK (update_actions),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect (table->search, "search-changed", G_CALLBACK (on_search_changed_cb),
                        &self->columns[t][0]);
    }
  g_signal_connect_object (self->stack, "notify::visible-child", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->max_distance_entry, "activate", G_CALLBACK (apply_options), self,
                           G_CONNECT_SWAPPED);
  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect_object (focus, "leave", G_CALLBACK (apply_options), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->max_distance_entry), focus);
  }
  g_signal_connect_object (self->every_community_check, "toggled", G_CALLBACK (apply_options),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->community_minimum_spin, "value-changed",
                           G_CALLBACK (apply_options), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->straight_check, "toggled", G_CALLBACK (apply_options), self,
                           G_CONNECT_SWAPPED);
  show_proposal (self);
  show_accepted (self);
  show_rules (self);
  show_options (self);
  update_actions (self);
}

/* Public API */

LinliPartnerPanel *
linli_partner_panel_new (void)
{
  return g_object_new (LINLI_TYPE_PARTNER_PANEL, NULL);
}

/**
 * linli_partner_panel_set_document:
 * @document: (nullable): the document whose partner lists to show and edit
 */
void
linli_partner_panel_set_document (LinliPartnerPanel *self,
                                  LinliDocument     *document)
{
  g_return_if_fail (LINLI_IS_PARTNER_PANEL (self));
  g_return_if_fail (document == NULL || LINLI_IS_DOCUMENT (document));

  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  if (self->partners != NULL)
    g_signal_handlers_disconnect_by_data (self->partners, self);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->document, document);
  g_clear_object (&self->project);
  g_clear_object (&self->history);
  g_clear_object (&self->partners);
  g_clear_pointer (&self->proposal, linli_partner_proposal_free);
  if (document != NULL)
    {
      self->project = g_object_ref (linli_document_get_project (document));
      self->history = g_object_ref (linli_document_get_history (document));
      self->partners = g_object_ref (linli_project_get_partners (self->project));
      g_signal_connect_object (self->partners, "changed", G_CALLBACK (on_partners_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->project, "notify::hide-names",
                               G_CALLBACK (on_partners_changed_cb), self, G_CONNECT_SWAPPED);
    }
  for (guint t = 0; t < LINLI_PARTNER_N_TABLES; t++)
    gtk_single_selection_set_selected (self->tables[t].selection, GTK_INVALID_LIST_POSITION);
  on_partners_changed_cb (self);
}

void
linli_partner_panel_set_table (LinliPartnerPanel *self,
                               LinliPartnerTable  table)
{
  g_return_if_fail (LINLI_IS_PARTNER_PANEL (self));
  g_return_if_fail (table < LINLI_PARTNER_N_TABLES);

  gtk_stack_set_visible_child_name (self->stack, table_names[table]);
}

/**
 * linli_partner_panel_set_search:
 *
 * Types @text into @table's search entry: the table shows only rows with
 * @text in one of their cells (or a unit's address), case ignored.
 */
void
linli_partner_panel_set_search (LinliPartnerPanel *self,
                                LinliPartnerTable  table,
                                const char        *text)
{
  g_return_if_fail (LINLI_IS_PARTNER_PANEL (self));
  g_return_if_fail (table < LINLI_PARTNER_N_TABLES);

  gtk_editable_set_text (GTK_EDITABLE (self->tables[table].search), text);
  on_search_changed_cb (self->tables[table].search, &self->columns[table][0]);
}

/**
 * linli_partner_panel_get_selection:
 *
 * Returns: (transfer none): @table's rows as shown (filtered and sorted;
 *   each a #GtkStringObject holding the item's id), with the selection
 */
GtkSingleSelection *
linli_partner_panel_get_selection (LinliPartnerPanel *self,
                                   LinliPartnerTable  table)
{
  g_return_val_if_fail (LINLI_IS_PARTNER_PANEL (self), NULL);
  g_return_val_if_fail (table < LINLI_PARTNER_N_TABLES, NULL);
  return self->tables[table].selection;
}

/**
 * linli_partner_panel_dup_cell_text:
 * @id: the id of a unit or need of @table
 *
 * Returns: (transfer full): what the cell shows
 */
char *
linli_partner_panel_dup_cell_text (LinliPartnerPanel *self,
                                   LinliPartnerTable  table,
                                   const char        *id,
                                   guint              column)
{
  g_return_val_if_fail (LINLI_IS_PARTNER_PANEL (self), NULL);
  g_return_val_if_fail (table < LINLI_PARTNER_N_TABLES, NULL);
  g_return_val_if_fail (column < n_columns[table], NULL);
  return cell_text (self, table, id, column);
}

/**
 * linli_partner_panel_get_editor:
 *
 * Returns: (transfer none) (nullable): the editor dialog while it is open
 */
GtkWidget *
linli_partner_panel_get_editor (LinliPartnerPanel *self)
{
  g_return_val_if_fail (LINLI_IS_PARTNER_PANEL (self), NULL);
  return self->editor;
}

/**
 * linli_partner_panel_get_proposal:
 *
 * Returns: (transfer none) (nullable): the proposal shown, if any
 */
LinliPartnerProposal *
linli_partner_panel_get_proposal (LinliPartnerPanel *self)
{
  g_return_val_if_fail (LINLI_IS_PARTNER_PANEL (self), NULL);
  return self->proposal;
}

const char *
linli_partner_panel_get_proposal_text (LinliPartnerPanel *self)
{
  g_return_val_if_fail (LINLI_IS_PARTNER_PANEL (self), NULL);
  return gtk_label_get_text (self->proposal_label);
}

const char *
linli_partner_panel_get_accepted_text (LinliPartnerPanel *self)
{
  g_return_val_if_fail (LINLI_IS_PARTNER_PANEL (self), NULL);
  return gtk_label_get_text (self->accepted_label);
}
