/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-org-panel"

#include "config.h"

#include "linli-org-panel-private.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "linli-grids.h"
#include "linli-index-list.h"
#include "linli-org-edits.h"
#include "linli-org.h"

/* The organisation page: the committees, branches, party groups and member
 * households of the open document, each a table with a search entry and
 * sortable columns.  Every change goes through the document's history;
 * the tables follow the document's ::checks-changed, which fires after any
 * change of the organisation, the grids or the hide-names switch.  Names of
 * people are shown through linli_project_person(). */

G_DEFINE_FINAL_TYPE (LinliOrgPanel, linli_org_panel, GTK_TYPE_WIDGET)

enum {
  SIGNAL_SHOW_LOCATION,
  SIGNAL_REFRESH,
  N_SIGNALS,
};

static guint signals[N_SIGNALS];

typedef struct
{
  const char *title;
  gboolean    numeric;
} ColumnSpec;

static const ColumnSpec column_specs[LINLI_ORG_N_TABLES][MAX_COLUMNS] = {
  { { N_("Community") }, { N_("Secretary") }, { N_("Branches"), TRUE }, { N_("Groups"), TRUE } },
  { { N_("Name") }, { N_("Kind") }, { N_("Compound or grid") }, { N_("Secretary") }, { N_("Members"), TRUE } },
  { { N_("Name") }, { N_("Branch") }, { N_("Leader") }, { N_("Buildings"), TRUE } },
  { { N_("Building") }, { N_("Room") }, { N_("Name") } },
};

static const guint n_columns[LINLI_ORG_N_TABLES] = { 4, 5, 4, 3 };

static const char *table_names[LINLI_ORG_N_TABLES] = { "committees", "branches", "groups", "households" };

/* Auxiliary methods */

static LinliOrg *
panel_org (LinliOrgPanel *self)
{
  return linli_project_get_org (self->project);
}

static gboolean
building_valid (LinliOrgPanel *self,
                guint          building)
{
  return building < linli_project_get_n_buildings (self->project);
}

static char *
building_label (LinliOrgPanel *self,
                guint          building)
{
  const LinliBuilding *b;

  if (!building_valid (self, building))
    return g_strdup ("—");
  b = linli_project_get_building (self->project, building);
  return g_strdup_printf ("%s %s", linli_project_get_compound (self->project, b->compound)->name,
                          b->name[0] ? b->name : b->id);
}

/* The community a branch serves, or -1 when its compound or grid is gone. */
static int
branch_community (LinliOrgPanel *self,
                  LinliBranch   *branch)
{
  if (linli_branch_get_kind (branch) == LINLI_BRANCH_COMPOUND)
    {
      guint c = linli_branch_get_compound (branch);

      return c < linli_project_get_n_compounds (self->project)
             ? (int) linli_project_get_compound (self->project, c)->community : -1;
    }
  else
    {
      LinliGrid *grid = linli_grids_find (linli_project_get_grids (self->project),
                                          linli_branch_get_grid (branch), NULL);

      return grid != NULL ? (int) linli_grid_get_community (grid) : -1;
    }
}

static int
group_community (LinliOrgPanel   *self,
                 LinliPartyGroup *group)
{
  guint n;
  const guint *buildings = linli_party_group_get_buildings (group, &n);

  return n > 0 && building_valid (self, buildings[0])
         ? (int) linli_project_building_community (self->project, buildings[0]) : -1;
}

static double
cell_number (LinliOrgPanel *self,
             LinliOrgTable  table,
             gpointer       item,
             guint          column)
{
  switch (table)
    {
    case LINLI_ORG_TABLE_COMMITTEES:
      {
        int community = linli_index_item_get_index (item);
        GListModel *list = column == 2 ? linli_org_get_branches (panel_org (self))
                                       : linli_org_get_groups (panel_org (self));
        guint n = g_list_model_get_n_items (list), count = 0;

        /* Counted when shown: a few rows, each a pass over the list. */
        for (guint i = 0; i < n; i++)
          {
            g_autoptr (GObject) o = g_list_model_get_item (list, i);

            if ((column == 2 ? branch_community (self, LINLI_BRANCH (o))
                             : group_community (self, LINLI_PARTY_GROUP (o))) == community)
              count++;
          }
        return count;
      }
    case LINLI_ORG_TABLE_BRANCHES:
      return linli_branch_get_members (item);
    case LINLI_ORG_TABLE_GROUPS:
      {
        guint n;

        linli_party_group_get_buildings (item, &n);
        return n;
      }
    case LINLI_ORG_TABLE_HOUSEHOLDS:
    case LINLI_ORG_N_TABLES:
    default:
      return 0;
    }
}

static char *
cell_text (LinliOrgPanel *self,
           LinliOrgTable  table,
           gpointer       item,
           guint          column)
{
  if (self->project == NULL || item == NULL)
    return g_strdup ("");
  if (column_specs[table][column].numeric)
    return g_strdup_printf ("%.0f", cell_number (self, table, item, column));

  switch (table)
    {
    case LINLI_ORG_TABLE_COMMITTEES:
      {
        guint c = linli_index_item_get_index (item);

        if (column == 0)
          return g_strdup (linli_project_get_community (self->project, c)->name);
        return g_strdup (linli_project_person (self->project, linli_org_get_secretary (panel_org (self), c)));
      }
    case LINLI_ORG_TABLE_BRANCHES:
      {
        LinliBranch *branch = item;

        switch (column)
          {
          case 0: return g_strdup (linli_branch_get_name (branch));
          case 1:
            return g_strdup (linli_branch_get_kind (branch) == LINLI_BRANCH_COMPOUND
                             /* Translators: the kind of a party branch: 小区党支部 */
                             ? C_("branch kind", "Compound")
                             /* Translators: the kind of a party branch: 网格党支部 */
                             : C_("branch kind", "Grid"));
          case 2:
            if (linli_branch_get_kind (branch) == LINLI_BRANCH_COMPOUND)
              {
                guint c = linli_branch_get_compound (branch);

                return g_strdup (c < linli_project_get_n_compounds (self->project)
                                 ? linli_project_get_compound (self->project, c)->name : "—");
              }
            else
              {
                LinliGrid *grid = linli_grids_find (linli_project_get_grids (self->project),
                                                    linli_branch_get_grid (branch), NULL);

                return g_strdup (grid != NULL ? linli_grid_get_code (grid) : "—");
              }
          default:
            return g_strdup (linli_project_person (self->project, linli_branch_get_secretary (branch)));
          }
      }
    case LINLI_ORG_TABLE_GROUPS:
      {
        LinliPartyGroup *group = item;

        if (column == 0)
          return g_strdup (linli_party_group_get_name (group));
        if (column == 1)
          {
            LinliBranch *branch = linli_party_group_get_branch (group) != NULL
                                  ? linli_org_find_branch (panel_org (self), linli_party_group_get_branch (group), NULL)
                                  : NULL;

            return g_strdup (branch != NULL ? linli_branch_get_name (branch) : "");
          }
        return g_strdup (linli_project_person (self->project, linli_party_group_get_leader (group)));
      }
    case LINLI_ORG_TABLE_HOUSEHOLDS:
      {
        LinliMemberHousehold *household = item;

        if (column == 0)
          return building_label (self, linli_member_household_get_building (household));
        if (column == 1)
          return g_strdup (linli_member_household_get_room (household));
        return g_strdup (linli_project_person (self->project, linli_member_household_get_name (household)));
      }
    case LINLI_ORG_N_TABLES:
    default:
      return g_strdup ("");
    }
}

static gpointer
selected_item (LinliOrgPanel *self,
               LinliOrgTable  table)
{
  return gtk_single_selection_get_selected_item (self->tables[table].selection);
}

static void
update_actions (LinliOrgPanel *self)
{
  LinliOrgTable table = linli_org_panel_get_table (self);
  gboolean selected = self->document != NULL && selected_item (self, table) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "org.add",
                                 self->document != NULL && table != LINLI_ORG_TABLE_COMMITTEES);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "org.edit", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "org.remove", selected);
}

/* Where a row lies: the mean position of its buildings, or its grid's
 * centre; @building is the one building it stands for, or -1. */
static gboolean
item_location (LinliOrgPanel *self,
               LinliOrgTable  table,
               gpointer       item,
               double        *lat,
               double        *lon,
               int           *building)
{
  const LinliBuilding *buildings = linli_project_get_buildings (self->project);
  guint n_buildings = linli_project_get_n_buildings (self->project);
  double sum_lat = 0, sum_lon = 0;
  guint count = 0;

  *building = -1;
  switch (table)
    {
    case LINLI_ORG_TABLE_COMMITTEES:
      for (guint i = 0; i < n_buildings; i++)
        if (linli_project_building_community (self->project, i) == linli_index_item_get_index (item))
          sum_lat += buildings[i].lat, sum_lon += buildings[i].lon, count++;
      break;
    case LINLI_ORG_TABLE_BRANCHES:
      if (linli_branch_get_kind (item) == LINLI_BRANCH_GRID)
        {
          LinliGrid *grid = linli_grids_find (linli_project_get_grids (self->project),
                                              linli_branch_get_grid (item), NULL);

          if (grid == NULL || linli_grid_get_polygon (grid) == NULL)
            return FALSE;
          linli_polygon_centroid (linli_grid_get_polygon (grid), linli_project_get_projection (self->project),
                                  lat, lon);
          return TRUE;
        }
      for (guint i = 0; i < n_buildings; i++)
        if (buildings[i].compound == linli_branch_get_compound (item))
          sum_lat += buildings[i].lat, sum_lon += buildings[i].lon, count++;
      break;
    case LINLI_ORG_TABLE_GROUPS:
      {
        guint n;
        const guint *list = linli_party_group_get_buildings (item, &n);

        for (guint k = 0; k < n; k++)
          if (building_valid (self, list[k]))
            {
              if (*building < 0)
                *building = list[k];
              sum_lat += buildings[list[k]].lat, sum_lon += buildings[list[k]].lon, count++;
            }
      }
      break;
    case LINLI_ORG_TABLE_HOUSEHOLDS:
      {
        guint b = linli_member_household_get_building (item);

        if (!building_valid (self, b))
          return FALSE;
        *building = b;
        sum_lat = buildings[b].lat, sum_lon = buildings[b].lon, count = 1;
      }
      break;
    case LINLI_ORG_N_TABLES:
    default:
      break;
    }
  if (count == 0)
    return FALSE;
  *lat = sum_lat / count;
  *lon = sum_lon / count;
  return TRUE;
}

/* Callbacks */

static void
cell_refresh_cb (GtkListItem *list_item)
{
  Column *column = g_object_get_data (G_OBJECT (list_item), "linli-column");
  g_autofree char *text = cell_text (column->panel, column->table, gtk_list_item_get_item (list_item),
                                     column->column);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               Column                   *column)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column_specs[column->table][column->column].numeric ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column_specs[column->table][column->column].numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
  g_object_set_data (G_OBJECT (list_item), "linli-column", column);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              Column                   *column)
{
  cell_refresh_cb (list_item);
  g_signal_connect_object (column->panel, "refresh", G_CALLBACK (cell_refresh_cb), list_item, G_CONNECT_SWAPPED);
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                Column                   *column)
{
  g_signal_handlers_disconnect_by_func (column->panel, cell_refresh_cb, list_item);
}

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  Column *column = user_data;
  Table *table = &column->panel->tables[column->table];

  if (table->needle == NULL)
    return TRUE;
  for (guint c = 0; c < n_columns[column->table]; c++)
    {
      g_autofree char *text = cell_text (column->panel, column->table, item, c);
      g_autofree char *folded = g_utf8_casefold (text, -1);

      if (strstr (folded, table->needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static int
sort_cb (gconstpointer a,
         gconstpointer b,
         gpointer      user_data)
{
  Column *column = user_data;
  g_autofree char *ta = NULL, *tb = NULL;

  if (column_specs[column->table][column->column].numeric)
    {
      double na = cell_number (column->panel, column->table, (gpointer) a, column->column);
      double nb = cell_number (column->panel, column->table, (gpointer) b, column->column);

      return na < nb ? -1 : na > nb;
    }
  ta = cell_text (column->panel, column->table, (gpointer) a, column->column);
  tb = cell_text (column->panel, column->table, (gpointer) b, column->column);
  return g_utf8_collate (ta, tb);
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      Column         *column)
{
  Table *table = &column->panel->tables[column->table];
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_clear_pointer (&table->needle, g_free);
  if (text != NULL && text[0] != '\0')
    table->needle = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (table->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_selection_changed_cb (LinliOrgPanel *self)
{
  LinliOrgTable table = linli_org_panel_get_table (self);
  gpointer item = selected_item (self, table);
  double lat, lon;
  int building;

  update_actions (self);
  /* Only a new choice moves the map, not the same row moving in a resort. */
  if (item == NULL || item == self->shown || self->project == NULL)
    return;
  self->shown = item;
  if (item_location (self, table, item, &lat, &lon, &building))
    g_signal_emit (self, signals[SIGNAL_SHOW_LOCATION], 0, lat, lon, building);
}

static void
on_checks_changed_cb (LinliOrgPanel *self)
{
  g_signal_emit (self, signals[SIGNAL_REFRESH], 0);
  for (guint t = 0; t < LINLI_ORG_N_TABLES; t++)
    {
      Table *table = &self->tables[t];

      /* What a row shows may have changed: filter and sort again where
       * a search or a sort column is in force (only active sorters are
       * listened to). */
      if (table->needle != NULL)
        gtk_filter_changed (GTK_FILTER (table->filter), GTK_FILTER_CHANGE_DIFFERENT);
      for (guint c = 0; c < n_columns[t]; c++)
        gtk_sorter_changed (GTK_SORTER (table->sorters[c]), GTK_SORTER_CHANGE_DIFFERENT);
    }
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
person_entry (LinliOrgPanel *self,
              const char    *name)
{
  GtkEntry *entry = GTK_ENTRY (gtk_entry_new ());

  /* With names hidden the editor does not show them either: an empty
   * entry keeps the name as it is. */
  if (linli_project_get_hide_names (self->project))
    gtk_entry_set_placeholder_text (entry, _("Hidden: type to replace"));
  else
    gtk_editable_set_text (GTK_EDITABLE (entry), name != NULL ? name : "");
  return entry;
}

static char *
person_value (LinliOrgPanel *self,
              GtkEntry      *entry,
              const char    *before)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (linli_project_get_hide_names (self->project) && text[0] == '\0')
    return g_strdup (before);
  return text[0] != '\0' ? g_strstrip (g_strdup (text)) : NULL;
}

static char *
buildings_text (LinliOrgPanel *self,
                const guint   *buildings,
                guint          n)
{
  GString *s = g_string_new (NULL);

  for (guint k = 0; k < n; k++)
    if (building_valid (self, buildings[k]))
      g_string_append_printf (s, "%s%s", s->len > 0 ? ", " : "",
                              linli_project_get_building (self->project, buildings[k])->id);
  return g_string_free (s, FALSE);
}

/* Reads building ids separated by commas or spaces; FALSE and @error
 * naming the first unknown one. */
static gboolean
parse_buildings (LinliOrgPanel  *self,
                 const char     *text,
                 GArray         *out,
                 GError        **error)
{
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto (GStrv) parts = g_regex_split_simple ("[,，、;；\\s]+", text, 0, 0);

  for (guint i = 0; i < linli_project_get_n_buildings (self->project); i++)
    g_hash_table_insert (ids, (gpointer) linli_project_get_building (self->project, i)->id, GUINT_TO_POINTER (i + 1));
  for (guint k = 0; parts[k] != NULL; k++)
    {
      guint index;

      if (parts[k][0] == '\0')
        continue;
      index = GPOINTER_TO_UINT (g_hash_table_lookup (ids, parts[k]));
      if (index == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No building has the id “%s”"), parts[k]);
          return FALSE;
        }
      index--;
      g_array_append_val (out, index);
    }
  return TRUE;
}

static void
show_editor_error (LinliOrgPanel *self,
                   const GError  *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              _("Could not change the organisation"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
editor_apply (LinliOrgPanel *self)
{
  LinliOrg *org = panel_org (self);
  g_autoptr (GError) error = NULL;

  switch (self->editor_table)
    {
    case LINLI_ORG_TABLE_COMMITTEES:
      {
        guint c = linli_index_item_get_index (LINLI_INDEX_ITEM (self->editor_item));
        g_autofree char *secretary = person_value (self, self->editor_person, linli_org_get_secretary (org, c));

        linli_org_edits_set_secretary (self->history, c, secretary);
      }
      break;
    case LINLI_ORG_TABLE_BRANCHES:
      {
        LinliBranch *branch = LINLI_BRANCH (self->editor_item);
        LinliBranchState state = { 0 };
        g_autofree char *secretary = NULL;
        g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->editor_name))));
        guint choice = gtk_drop_down_get_selected (self->editor_choice);
        guint n_compounds = linli_project_get_n_compounds (self->project);

        secretary = person_value (self, self->editor_person, branch ? linli_branch_get_secretary (branch) : NULL);
        state.id = branch != NULL ? (char *) linli_branch_get_id (branch) : NULL;
        state.name = name;
        state.secretary = secretary;
        state.members = gtk_spin_button_get_value_as_int (self->editor_members);
        if (choice < n_compounds)
          {
            state.kind = LINLI_BRANCH_COMPOUND;
            state.compound = choice;
          }
        else if (choice != GTK_INVALID_LIST_POSITION)
          {
            LinliGrid *grid = linli_grids_get_grid (linli_project_get_grids (self->project), choice - n_compounds);

            state.kind = LINLI_BRANCH_GRID;
            state.grid = (char *) linli_grid_get_id (grid);
          }
        if (branch == NULL)
          linli_org_edits_add_branch (self->history, &state);
        else
          linli_org_edits_change_branch (self->history, branch, &state);
      }
      break;
    case LINLI_ORG_TABLE_GROUPS:
      {
        LinliPartyGroup *group = LINLI_PARTY_GROUP (self->editor_item);
        LinliPartyGroupState state = { 0 };
        g_autofree char *leader = NULL;
        g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->editor_name))));
        g_autoptr (GArray) buildings = g_array_new (FALSE, FALSE, sizeof (guint));
        guint choice = gtk_drop_down_get_selected (self->editor_choice);

        if (!parse_buildings (self, gtk_editable_get_text (GTK_EDITABLE (self->editor_buildings)), buildings,
                              &error))
          break;
        leader = person_value (self, self->editor_person, group ? linli_party_group_get_leader (group) : NULL);
        state.id = group != NULL ? (char *) linli_party_group_get_id (group) : NULL;
        state.name = name;
        state.leader = leader;
        state.buildings = (guint *) buildings->data;
        state.n_buildings = buildings->len;
        if (choice != GTK_INVALID_LIST_POSITION && choice > 0)
          {
            /* The organisation keeps the branch: its id outlives this. */
            LinliBranch *branch = g_list_model_get_item (linli_org_get_branches (org), choice - 1);

            state.branch = (char *) linli_branch_get_id (branch);
            g_object_unref (branch);
          }
        if (group == NULL)
          linli_org_edits_add_group (self->history, &state);
        else
          linli_org_edits_change_group (self->history, group, &state);
      }
      break;
    case LINLI_ORG_TABLE_HOUSEHOLDS:
      {
        LinliMemberHousehold *household = LINLI_MEMBER_HOUSEHOLD (self->editor_item);
        LinliMemberHouseholdState state = { 0 };
        g_autofree char *name = NULL;
        g_autofree char *room = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->editor_room))));
        g_autoptr (GArray) buildings = g_array_new (FALSE, FALSE, sizeof (guint));

        if (!parse_buildings (self, gtk_editable_get_text (GTK_EDITABLE (self->editor_buildings)), buildings,
                              &error))
          break;
        if (buildings->len != 1)
          {
            g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         _("A member household lies in exactly one building: give one building id"));
            break;
          }
        name = person_value (self, self->editor_person, household ? linli_member_household_get_name (household) : NULL);
        state.id = household != NULL ? (char *) linli_member_household_get_id (household) : NULL;
        state.building = g_array_index (buildings, guint, 0);
        state.room = room;
        state.name = name;
        if (household == NULL)
          linli_org_edits_add_household (self->history, &state);
        else
          linli_org_edits_change_household (self->history, household, &state);
      }
      break;
    case LINLI_ORG_N_TABLES:
    default:
      break;
    }
  if (error != NULL)
    show_editor_error (self, error);
}

static void
on_editor_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       LinliOrgPanel    *self)
{
  if (g_strcmp0 (response, "apply") == 0 && self->project != NULL)
    editor_apply (self);
  self->editor = NULL;
  g_clear_object (&self->editor_item);
}

/* A building the chain misses something in: the first one of @status. */
static int
first_building_with (LinliOrgPanel    *self,
                     LinliChainStatus  status)
{
  const LinliOrgCheck *check = linli_document_get_org_check (self->document);

  for (guint i = 0; i < check->n_buildings; i++)
    if (check->chain[i] == status)
      return i;
  return -1;
}

static void
open_editor (LinliOrgPanel *self,
             LinliOrgTable  table,
             GObject       *item)
{
  LinliOrg *org = panel_org (self);
  GtkWidget *dialog;
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  static const char *headings[2][LINLI_ORG_N_TABLES] = {
    { N_("Add Committee"), N_("Add Branch"), N_("Add Party Group"), N_("Add Member Household") },
    { N_("Edit Committee"), N_("Edit Branch"), N_("Edit Party Group"), N_("Edit Member Household") },
  };

  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  self->editor_table = table;
  g_set_object (&self->editor_item, item);
  self->editor_name = self->editor_person = self->editor_buildings = self->editor_room = NULL;
  self->editor_choice = NULL;
  self->editor_members = NULL;
  gtk_grid_set_row_spacing (grid, 6);
  gtk_grid_set_column_spacing (grid, 8);

  switch (table)
    {
    case LINLI_ORG_TABLE_COMMITTEES:
      self->editor_person = person_entry (self, linli_org_get_secretary (org, linli_index_item_get_index (LINLI_INDEX_ITEM (item))));
      editor_row (grid, 0, _("Secretary"), GTK_WIDGET (self->editor_person));
      break;
    case LINLI_ORG_TABLE_BRANCHES:
      {
        LinliBranch *branch = item != NULL ? LINLI_BRANCH (item) : NULL;
        GtkStringList *choices = gtk_string_list_new (NULL);
        LinliGrids *grids = linli_project_get_grids (self->project);
        guint n_compounds = linli_project_get_n_compounds (self->project);
        guint selected = 0;
        g_autofree char *name = NULL;

        for (guint c = 0; c < n_compounds; c++)
          gtk_string_list_append (choices, linli_project_get_compound (self->project, c)->name);
        for (guint g = 0; g < linli_grids_get_n_grids (grids); g++)
          {
            g_autofree char *label = g_strdup_printf (_("Grid %s"), linli_grid_get_code (linli_grids_get_grid (grids, g)));

            gtk_string_list_append (choices, label);
          }
        if (branch != NULL)
          {
            name = g_strdup (linli_branch_get_name (branch));
            if (linli_branch_get_kind (branch) == LINLI_BRANCH_COMPOUND)
              selected = linli_branch_get_compound (branch);
            else if (linli_grids_find (grids, linli_branch_get_grid (branch), &selected) != NULL)
              selected += n_compounds;
          }
        else
          {
            GPtrArray *violations = linli_document_get_org_check (self->document)->violations;

            /* A new branch first serves a compound that lacks one. */
            for (guint i = 0; i < violations->len; i++)
              {
                const LinliViolation *v = violations->pdata[i];

                if (g_str_equal (v->rule, "compound-no-branch") && v->subject == LINLI_SUBJECT_COMPOUND)
                  {
                    selected = v->index;
                    break;
                  }
              }
            name = g_strdup_printf (_("New branch %u"), g_list_model_get_n_items (linli_org_get_branches (org)) + 1);
          }
        self->editor_name = GTK_ENTRY (gtk_entry_new ());
        gtk_editable_set_text (GTK_EDITABLE (self->editor_name), name);
        editor_row (grid, 0, _("Name"), GTK_WIDGET (self->editor_name));
        self->editor_choice = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (choices), NULL));
        if (selected < g_list_model_get_n_items (G_LIST_MODEL (choices)))
          gtk_drop_down_set_selected (self->editor_choice, selected);
        editor_row (grid, 1, _("Serves"), GTK_WIDGET (self->editor_choice));
        self->editor_person = person_entry (self, branch != NULL ? linli_branch_get_secretary (branch) : NULL);
        editor_row (grid, 2, _("Secretary"), GTK_WIDGET (self->editor_person));
        self->editor_members = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 100000, 1));
        gtk_spin_button_set_value (self->editor_members, branch != NULL ? linli_branch_get_members (branch) : 0);
        editor_row (grid, 3, _("Members"), GTK_WIDGET (self->editor_members));
      }
      break;
    case LINLI_ORG_TABLE_GROUPS:
      {
        LinliPartyGroup *group = item != NULL ? LINLI_PARTY_GROUP (item) : NULL;
        GListModel *branches = linli_org_get_branches (org);
        GtkStringList *choices = gtk_string_list_new (NULL);
        g_autofree char *name = NULL, *ids = NULL;
        guint selected = 0;

        gtk_string_list_append (choices, C_("branch", "None"));
        for (guint i = 0; i < g_list_model_get_n_items (branches); i++)
          {
            g_autoptr (LinliBranch) branch = g_list_model_get_item (branches, i);

            gtk_string_list_append (choices, linli_branch_get_name (branch));
          }
        if (group != NULL)
          {
            guint n, position;
            const guint *list = linli_party_group_get_buildings (group, &n);

            name = g_strdup (linli_party_group_get_name (group));
            ids = buildings_text (self, list, n);
            if (linli_party_group_get_branch (group) != NULL &&
                linli_org_find_branch (org, linli_party_group_get_branch (group), &position) != NULL)
              selected = position + 1;
          }
        else
          {
            /* A new group first takes a building with members and no group,
             * under the branch of its compound if there is one. */
            int b = first_building_with (self, LINLI_CHAIN_MISSING_GROUP);

            name = g_strdup_printf (_("New party group %u"), g_list_model_get_n_items (linli_org_get_groups (org)) + 1);
            if (b >= 0)
              {
                guint compound = linli_project_get_building (self->project, b)->compound;

                ids = buildings_text (self, (guint *) &b, 1);
                for (guint i = 0; i < g_list_model_get_n_items (branches); i++)
                  {
                    g_autoptr (LinliBranch) branch = g_list_model_get_item (branches, i);

                    if (linli_branch_get_kind (branch) == LINLI_BRANCH_COMPOUND &&
                        linli_branch_get_compound (branch) == compound)
                      {
                        selected = i + 1;
                        break;
                      }
                  }
              }
          }
        self->editor_name = GTK_ENTRY (gtk_entry_new ());
        gtk_editable_set_text (GTK_EDITABLE (self->editor_name), name);
        editor_row (grid, 0, _("Name"), GTK_WIDGET (self->editor_name));
        self->editor_choice = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (choices), NULL));
        gtk_drop_down_set_selected (self->editor_choice, selected);
        editor_row (grid, 1, _("Branch"), GTK_WIDGET (self->editor_choice));
        self->editor_person = person_entry (self, group != NULL ? linli_party_group_get_leader (group) : NULL);
        editor_row (grid, 2, _("Leader"), GTK_WIDGET (self->editor_person));
        self->editor_buildings = GTK_ENTRY (gtk_entry_new ());
        gtk_editable_set_text (GTK_EDITABLE (self->editor_buildings), ids != NULL ? ids : "");
        gtk_entry_set_placeholder_text (self->editor_buildings, _("Building ids, separated by commas"));
        editor_row (grid, 3, _("Buildings"), GTK_WIDGET (self->editor_buildings));
      }
      break;
    case LINLI_ORG_TABLE_HOUSEHOLDS:
      {
        LinliMemberHousehold *household = item != NULL ? LINLI_MEMBER_HOUSEHOLD (item) : NULL;
        g_autofree char *ids = NULL;
        guint b;

        if (household != NULL)
          b = linli_member_household_get_building (household);
        else
          {
            /* A new plaque first goes to a building with members. */
            int found = first_building_with (self, LINLI_CHAIN_COMPLETE);

            b = found >= 0 ? (guint) found : 0;
          }
        ids = buildings_text (self, &b, 1);
        self->editor_buildings = GTK_ENTRY (gtk_entry_new ());
        gtk_editable_set_text (GTK_EDITABLE (self->editor_buildings), ids);
        editor_row (grid, 0, _("Building"), GTK_WIDGET (self->editor_buildings));
        self->editor_room = GTK_ENTRY (gtk_entry_new ());
        gtk_editable_set_text (GTK_EDITABLE (self->editor_room),
                               household != NULL ? linli_member_household_get_room (household) : "");
        gtk_entry_set_placeholder_text (self->editor_room, _("Unit and room, e.g. 2-301"));
        editor_row (grid, 1, _("Room"), GTK_WIDGET (self->editor_room));
        self->editor_person = person_entry (self, household != NULL ? linli_member_household_get_name (household) : NULL);
        editor_row (grid, 2, _("Name"), GTK_WIDGET (self->editor_person));
      }
      break;
    case LINLI_ORG_N_TABLES:
    default:
      break;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _(headings[item != NULL][table]), NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (grid));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "apply", item != NULL ? _("_Apply") : _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_editor_response_cb), self, 0);
  self->editor = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LinliOrgPanel *self = LINLI_ORG_PANEL (widget);

  if (self->document == NULL || linli_org_panel_get_table (self) == LINLI_ORG_TABLE_COMMITTEES)
    return;
  open_editor (self, linli_org_panel_get_table (self), NULL);
}

static void
edit_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LinliOrgPanel *self = LINLI_ORG_PANEL (widget);
  gpointer item = self->document != NULL ? selected_item (self, linli_org_panel_get_table (self)) : NULL;

  if (item != NULL)
    open_editor (self, linli_org_panel_get_table (self), item);
}

static void
remove_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LinliOrgPanel *self = LINLI_ORG_PANEL (widget);
  LinliOrgTable table = linli_org_panel_get_table (self);
  gpointer item = self->document != NULL ? selected_item (self, table) : NULL;

  if (item == NULL)
    return;
  switch (table)
    {
    case LINLI_ORG_TABLE_COMMITTEES:
      /* A community always has its committee: removing clears its secretary. */
      linli_org_edits_set_secretary (self->history, linli_index_item_get_index (item), NULL);
      break;
    case LINLI_ORG_TABLE_BRANCHES:
      linli_org_edits_remove_branch (self->history, item);
      break;
    case LINLI_ORG_TABLE_GROUPS:
      linli_org_edits_remove_group (self->history, item);
      break;
    case LINLI_ORG_TABLE_HOUSEHOLDS:
      linli_org_edits_remove_household (self->history, item);
      break;
    case LINLI_ORG_N_TABLES:
    default:
      break;
    }
}

/* GObject overrides */

static void
linli_org_panel_dispose (GObject *object)
{
  LinliOrgPanel *self = LINLI_ORG_PANEL (object);

  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  self->editor = NULL;
  g_clear_object (&self->editor_item);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->project);
  g_clear_object (&self->history);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINLI_TYPE_ORG_PANEL);
  for (guint t = 0; t < LINLI_ORG_N_TABLES; t++)
    {
      g_clear_object (&self->tables[t].selection);
      g_clear_pointer (&self->tables[t].needle, g_free);
    }
  g_clear_object (&self->committees);
  G_OBJECT_CLASS (linli_org_panel_parent_class)->dispose (object);
}

static void
linli_org_panel_class_init (LinliOrgPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = linli_org_panel_dispose;

  /**
   * LinliOrgPanel::show-location:
   * @lat: where the chosen row lies
   * @lon:
   * @building: the building it stands for, or -1
   *
   * A row was chosen: the map should show it.
   */
  signals[SIGNAL_SHOW_LOCATION] = g_signal_new ("show-location", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                                G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_INT);
  /* For the cells on screen: what they show may have changed. */
  signals[SIGNAL_REFRESH] = g_signal_new ("refresh", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/linli/Linli/linli-org-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, LinliOrgPanel, box);
  gtk_widget_class_bind_template_child (widget_class, LinliOrgPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, LinliOrgPanel, committees_search);
  gtk_widget_class_bind_template_child (widget_class, LinliOrgPanel, branches_search);
  gtk_widget_class_bind_template_child (widget_class, LinliOrgPanel, groups_search);
  gtk_widget_class_bind_template_child (widget_class, LinliOrgPanel, households_search);
  gtk_widget_class_bind_template_child (widget_class, LinliOrgPanel, committees_view);
  gtk_widget_class_bind_template_child (widget_class, LinliOrgPanel, branches_view);
  gtk_widget_class_bind_template_child (widget_class, LinliOrgPanel, groups_view);
  gtk_widget_class_bind_template_child (widget_class, LinliOrgPanel, households_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "org.add", NULL, add_action_cb);
  gtk_widget_class_install_action (widget_class, "org.edit", NULL, edit_action_cb);
  gtk_widget_class_install_action (widget_class, "org.remove", NULL, remove_action_cb);
}

static void
linli_org_panel_init (LinliOrgPanel *self)
{
  GtkColumnView *views[LINLI_ORG_N_TABLES];
  GtkSearchEntry *searches[LINLI_ORG_N_TABLES];

  gtk_widget_init_template (GTK_WIDGET (self));
  views[0] = self->committees_view, views[1] = self->branches_view;
  views[2] = self->groups_view, views[3] = self->households_view;
  searches[0] = self->committees_search, searches[1] = self->branches_search;
  searches[2] = self->groups_search, searches[3] = self->households_search;
  self->committees = linli_index_list_new ();

  for (guint t = 0; t < LINLI_ORG_N_TABLES; t++)
    {
      Table *table = &self->tables[t];

      table->view = views[t];
      table->search = searches[t];
      for (guint c = 0; c < n_columns[t]; c++)
        {
          Column *column = &self->columns[t][c];
          g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
          g_autoptr (GtkColumnViewColumn) view_column = NULL;

          column->panel = self;
          column->table = t;
          column->column = c;
          g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), column);
          g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), column);
          g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), column);
          view_column = gtk_column_view_column_new (_(column_specs[t][c].title), g_object_ref (factory));
          table->sorters[c] = gtk_custom_sorter_new (sort_cb, column, NULL);
          gtk_column_view_column_set_sorter (view_column, GTK_SORTER (table->sorters[c]));
          g_object_unref (table->sorters[c]);  /* the column keeps it */
          gtk_column_view_column_set_resizable (view_column, TRUE);
          gtk_column_view_column_set_expand (view_column, !column_specs[t][c].numeric);
          gtk_column_view_append_column (table->view, view_column);
        }
      table->filter = gtk_custom_filter_new (filter_cb, &self->columns[t][0], NULL);
      table->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (table->filter));
      table->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (table->filter_model),
                                                   g_object_ref (gtk_column_view_get_sorter (table->view)));
      table->selection = gtk_single_selection_new (G_LIST_MODEL (table->sort_model));
      gtk_single_selection_set_autoselect (table->selection, FALSE);
      gtk_single_selection_set_can_unselect (table->selection, TRUE);
      gtk_column_view_set_model (table->view, GTK_SELECTION_MODEL (g_object_ref (table->selection)));
      g_signal_connect_object (table->selection, "notify::selected", G_CALLBACK (on_selection_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect (table->search, "search-changed", G_CALLBACK (on_search_changed_cb), &self->columns[t][0]);
    }
  g_signal_connect_object (self->stack, "notify::visible-child", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
}

/* Public API */

LinliOrgPanel *
linli_org_panel_new (void)
{
  return g_object_new (LINLI_TYPE_ORG_PANEL, NULL);
}

/**
 * linli_org_panel_set_document:
 * @document: (nullable): the document whose organisation to show and edit
 */
void
linli_org_panel_set_document (LinliOrgPanel *self,
                              LinliDocument *document)
{
  GListModel *sources[LINLI_ORG_N_TABLES] = { NULL };

  g_return_if_fail (LINLI_IS_ORG_PANEL (self));
  g_return_if_fail (document == NULL || LINLI_IS_DOCUMENT (document));

  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  g_clear_object (&self->project);
  g_clear_object (&self->history);
  self->shown = NULL;
  if (document != NULL)
    {
      LinliOrg *org;
      guint n;
      g_autofree guint *all = NULL;

      self->project = g_object_ref (linli_document_get_project (document));
      self->history = g_object_ref (linli_document_get_history (document));
      org = panel_org (self);
      n = linli_project_get_n_communities (self->project);
      all = g_new (guint, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        all[i] = i;
      linli_index_list_set_indices (self->committees, all, n);
      sources[LINLI_ORG_TABLE_COMMITTEES] = G_LIST_MODEL (self->committees);
      sources[LINLI_ORG_TABLE_BRANCHES] = linli_org_get_branches (org);
      sources[LINLI_ORG_TABLE_GROUPS] = linli_org_get_groups (org);
      sources[LINLI_ORG_TABLE_HOUSEHOLDS] = linli_org_get_households (org);
      g_signal_connect_object (document, "checks-changed", G_CALLBACK (on_checks_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  for (guint t = 0; t < LINLI_ORG_N_TABLES; t++)
    {
      gtk_filter_list_model_set_model (self->tables[t].filter_model, sources[t]);
      gtk_single_selection_set_selected (self->tables[t].selection, GTK_INVALID_LIST_POSITION);
    }
  update_actions (self);
}

LinliOrgTable
linli_org_panel_get_table (LinliOrgPanel *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->stack);

  for (guint t = 0; t < LINLI_ORG_N_TABLES; t++)
    if (g_strcmp0 (name, table_names[t]) == 0)
      return t;
  return LINLI_ORG_TABLE_COMMITTEES;
}

void
linli_org_panel_set_table (LinliOrgPanel *self,
                           LinliOrgTable  table)
{
  g_return_if_fail (LINLI_IS_ORG_PANEL (self));
  g_return_if_fail (table < LINLI_ORG_N_TABLES);

  gtk_stack_set_visible_child_name (self->stack, table_names[table]);
}

/**
 * linli_org_panel_set_search:
 *
 * Types @text into @table's search entry: the table shows only rows with
 * @text in one of their cells, case ignored.
 */
void
linli_org_panel_set_search (LinliOrgPanel *self,
                            LinliOrgTable  table,
                            const char    *text)
{
  g_return_if_fail (LINLI_IS_ORG_PANEL (self));

  gtk_editable_set_text (GTK_EDITABLE (self->tables[table].search), text);
  on_search_changed_cb (self->tables[table].search, &self->columns[table][0]);
}

/**
 * linli_org_panel_get_selection:
 *
 * Returns: (transfer none): @table's rows as shown (filtered and sorted),
 *   with the selection
 */
GtkSingleSelection *
linli_org_panel_get_selection (LinliOrgPanel *self,
                               LinliOrgTable  table)
{
  g_return_val_if_fail (LINLI_IS_ORG_PANEL (self), NULL);
  return self->tables[table].selection;
}

guint
linli_org_panel_get_n_columns (LinliOrgTable table)
{
  g_return_val_if_fail (table < LINLI_ORG_N_TABLES, 0);
  return n_columns[table];
}

/**
 * linli_org_panel_dup_cell_text:
 * @item: a row of @table
 *
 * Returns: (transfer full): what the cell shows
 */
char *
linli_org_panel_dup_cell_text (LinliOrgPanel *self,
                               LinliOrgTable  table,
                               gpointer       item,
                               guint          column)
{
  g_return_val_if_fail (LINLI_IS_ORG_PANEL (self), NULL);
  g_return_val_if_fail (column < n_columns[table], NULL);
  return cell_text (self, table, item, column);
}

/**
 * linli_org_panel_get_editor:
 *
 * Returns: (transfer none) (nullable): the editor dialog while it is open
 */
GtkWidget *
linli_org_panel_get_editor (LinliOrgPanel *self)
{
  g_return_val_if_fail (LINLI_IS_ORG_PANEL (self), NULL);
  return self->editor;
}
