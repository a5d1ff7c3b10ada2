/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-window"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "linli-base-edits.h"
#include "linli-window-private.h"

/* The Buildings page of the window: which buildings are selected (a click,
 * a Shift+drag lasso on the map, or a list), the editor of their fields,
 * and the management of communities and compounds and the district name.
 * Every change goes through linli-base-edits.h, one undoable step each.
 */

#define LASSO_MIN_POINTS 3

typedef enum
{
  NAME_COMMUNITY_NEW,
  NAME_COMMUNITY_RENAME,
  NAME_COMPOUND_NEW,
  NAME_COMPOUND_EDIT,
  NAME_DISTRICT,
} NameTarget;

typedef struct
{
  LinliWindow *self;
  NameTarget   target;
  guint        index;       /* the community or compound renamed */
  GtkEntry    *entry;
  GtkDropDown *community;   /* for compounds: which community */
  GtkCheckButton *draw;     /* for new ones: draw the boundary next */
} PendingName;

static void
pending_name_free (gpointer  data,
                   GClosure *closure)
{
  PendingName *p = data;

  g_object_unref (p->self);
  g_free (p);
}

/* Auxiliary methods */

static const guint *
selection (LinliWindow *self,
           guint       *n)
{
  return linli_building_editor_get_selection (self->building_editor, n);
}

/* The one community, or compound, all selected buildings are in; G_MAXUINT
 * when there is no selection or it spans several. */
static guint
selected_entry (LinliWindow *self,
                gboolean     compound)
{
  guint n = 0, found = G_MAXUINT;
  const guint *sel = selection (self, &n);

  if (self->project == NULL)
    return G_MAXUINT;
  for (guint k = 0; k < n; k++)
    {
      guint e = compound ? linli_project_get_building (self->project, sel[k])->compound
                         : linli_project_building_community (self->project, sel[k]);

      if (found != G_MAXUINT && e != found)
        return G_MAXUINT;
      found = e;
    }
  return found;
}

static GtkWidget *
community_dropdown (LinliProject *project,
                    guint         selected)
{
  g_autoptr (GtkStringList) list = gtk_string_list_new (NULL);
  GtkWidget *dropdown;

  for (guint c = 0; c < linli_project_get_n_communities (project); c++)
    gtk_string_list_append (list, linli_project_get_community (project, c)->name);
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&list)), NULL);
  if (selected != G_MAXUINT)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  return dropdown;
}

static void
on_name_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PendingName      *p)
{
  LinliWindow *self = p->self;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (p->entry));
  guint n = 0;
  const guint *sel;

  if (g_strcmp0 (response, "apply") != 0 || self->history == NULL)
    return;
  sel = selection (self, &n);
  switch (p->target)
    {
    case NAME_COMMUNITY_NEW:
      {
        guint community = linli_base_edits_add_community (self->history, text);

        /* A new community has no building yet: its boundary is drawn
         * first, then "Assign by Community Boundaries" fills it. */
        if (gtk_check_button_get_active (p->draw))
          linli_window_draw_boundary_of (self, FALSE, community);
      }
      break;
    case NAME_COMMUNITY_RENAME:
      linli_base_edits_rename_community (self->history, p->index, text);
      break;
    case NAME_COMPOUND_NEW:
      {
        guint community = gtk_drop_down_get_selected (p->community);
        guint compound;

        if (community == GTK_INVALID_LIST_POSITION)
          return;
        /* A new compound with the selected buildings in it is one step. */
        linli_history_begin_group (self->history, _("New Compound"));
        compound = linli_base_edits_add_compound (self->history, text, community);
        if (n > 0)
          linli_base_edits_assign_compound (self->history, sel, n, compound);
        linli_history_end_group (self->history);
        if (gtk_check_button_get_active (p->draw))
          linli_window_draw_boundary_of (self, TRUE, compound);
      }
      break;
    case NAME_COMPOUND_EDIT:
      {
        guint community = gtk_drop_down_get_selected (p->community);

        if (community != GTK_INVALID_LIST_POSITION)
          linli_base_edits_change_compound (self->history, p->index, text, community);
      }
      break;
    case NAME_DISTRICT:
      linli_base_edits_set_district_name (self->history, text);
      break;
    }
}

/* Asks for a name (and for a compound, its community), then edits. */
static void
ask_name (LinliWindow *self,
          NameTarget   target,
          guint        index,
          const char  *heading,
          const char  *initial)
{
  PendingName *p = g_new0 (PendingName, 1);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  p->self = g_object_ref (self);
  p->target = target;
  p->index = index;
  p->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (p->entry), initial ? initial : "");
  gtk_entry_set_activates_default (p->entry, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (p->entry));
  if (target == NAME_COMPOUND_NEW || target == NAME_COMPOUND_EDIT)
    {
      guint community = target == NAME_COMPOUND_EDIT
                        ? linli_project_get_compound (self->project, index)->community
                        : selected_entry (self, FALSE);

      p->community = GTK_DROP_DOWN (community_dropdown (self->project, community == G_MAXUINT ? 0 : community));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (p->community));
    }
  if (target == NAME_COMMUNITY_NEW || target == NAME_COMPOUND_NEW)
    {
      p->draw = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Draw its boundary on the map next")));
      /* A new community starts empty; a new compound usually takes the
       * selected buildings and needs no outline to find them. */
      gtk_check_button_set_active (p->draw, target == NAME_COMMUNITY_NEW);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (p->draw));
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "apply", _("_Apply"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_name_response_cb), p,
                         pending_name_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toast (LinliWindow *self,
       const char  *text)
{
  linli_window_toast (self, text, 0);
}

/* Callbacks */

static void
community_new_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ask_name (LINLI_WINDOW (widget), NAME_COMMUNITY_NEW, 0, _("New Community"), "");
}

static void
community_rename_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  LinliWindow *self = LINLI_WINDOW (widget);
  guint c = selected_entry (self, FALSE);

  if (c != G_MAXUINT)
    ask_name (self, NAME_COMMUNITY_RENAME, c, _("Rename Community"),
              linli_project_get_community (self->project, c)->name);
}

static void
compound_new_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LinliWindow *self = LINLI_WINDOW (widget);

  if (self->project != NULL && linli_project_get_n_communities (self->project) > 0)
    ask_name (self, NAME_COMPOUND_NEW, 0, _("New Compound"), "");
}

static void
compound_edit_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LinliWindow *self = LINLI_WINDOW (widget);
  guint k = selected_entry (self, TRUE);

  if (k != G_MAXUINT)
    ask_name (self, NAME_COMPOUND_EDIT, k, _("Edit Compound"), linli_project_get_compound (self->project, k)->name);
}

/* Deletes, from the last, every community or compound that may go; the
 * lot is one step. */
static void
delete_empty (LinliWindow *self,
              gboolean     compounds)
{
  guint n, deleted = 0;

  if (self->history == NULL)
    return;
  n = compounds ? linli_project_get_n_compounds (self->project) : linli_project_get_n_communities (self->project);
  linli_history_begin_group (self->history, compounds ? _("Delete Empty Compounds") : _("Delete Empty Communities"));
  for (guint k = n; k > 0; k--)
    {
      gboolean ok = compounds ? linli_base_edits_remove_compound (self->history, k - 1, NULL)
                              : linli_base_edits_remove_community (self->history, k - 1, NULL);

      deleted += ok;
    }
  linli_history_end_group (self->history);
  if (deleted == 0)
    toast (self, compounds ? _("No compound is empty") : _("No community is empty"));
}

static void
community_delete_empty_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  delete_empty (LINLI_WINDOW (widget), FALSE);
}

static void
compound_delete_empty_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  delete_empty (LINLI_WINDOW (widget), TRUE);
}

static void
assign_by_boundary (LinliWindow *self,
                    gboolean     compounds)
{
  guint moved;
  g_autofree char *text = NULL;

  if (self->history == NULL)
    return;
  moved = linli_base_edits_assign_by_boundary (self->history, compounds, NULL, 0);
  text = g_strdup_printf (g_dngettext (NULL, "%u building moved", "%u buildings moved", moved), moved);
  toast (self, text);
}

static void
community_assign_by_boundary_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  assign_by_boundary (LINLI_WINDOW (widget), FALSE);
}

static void
compound_assign_by_boundary_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  assign_by_boundary (LINLI_WINDOW (widget), TRUE);
}

static void
district_rename_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LinliWindow *self = LINLI_WINDOW (widget);

  if (self->project != NULL)
    ask_name (self, NAME_DISTRICT, 0, _("Rename District"), linli_project_get_name (self->project));
}

static void
select_uncovered_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  LinliWindow *self = LINLI_WINDOW (widget);
  const guint *uncovered;
  guint n = 0;

  if (self->document == NULL)
    return;
  uncovered = linli_coverage_get_uncovered (linli_document_get_coverage (self->document), &n);
  linli_window_select_buildings (self, uncovered, n, TRUE);
}

static void
select_community_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  LinliWindow *self = LINLI_WINDOW (widget);
  guint c = selected_entry (self, FALSE);
  g_autoptr (GArray) all = g_array_new (FALSE, FALSE, sizeof (guint));

  if (c == G_MAXUINT)
    return;
  for (guint i = 0; i < linli_project_get_n_buildings (self->project); i++)
    if (linli_project_building_community (self->project, i) == c)
      g_array_append_val (all, i);
  linli_window_select_buildings (self, (const guint *) all->data, all->len, TRUE);
}

static void
on_lasso_draw_cb (GtkDrawingArea *area,
                  cairo_t        *cr,
                  int             width,
                  int             height,
                  gpointer        data)
{
  LinliWindow *self = data;
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);

  if (self->lasso == NULL || self->lasso->len < 2)
    return;
  for (guint k = 0; k < self->lasso->len; k++)
    {
      const LinliLatLon *p = &g_array_index (self->lasso, LinliLatLon, k);
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self->map), p->lat, p->lon, &x, &y);
      cairo_line_to (cr, x, y);
    }
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 0.11, 0.44, 0.85, 0.15);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0.11, 0.44, 0.85, 0.9);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
}

/* Public API */

void
linli_window_class_init_building_actions (GtkWidgetClass *widget_class)
{
  g_type_ensure (LINLI_TYPE_BUILDING_EDITOR);
  gtk_widget_class_bind_template_child (widget_class, LinliWindow, building_editor);
  gtk_widget_class_install_action (widget_class, "building.select-uncovered", NULL, select_uncovered_action);
  gtk_widget_class_install_action (widget_class, "building.select-community", NULL, select_community_action);
  gtk_widget_class_install_action (widget_class, "community.new", NULL, community_new_action);
  gtk_widget_class_install_action (widget_class, "community.rename", NULL, community_rename_action);
  gtk_widget_class_install_action (widget_class, "community.delete-empty", NULL, community_delete_empty_action);
  gtk_widget_class_install_action (widget_class, "community.assign-by-boundary", NULL,
                                   community_assign_by_boundary_action);
  gtk_widget_class_install_action (widget_class, "compound.new", NULL, compound_new_action);
  gtk_widget_class_install_action (widget_class, "compound.edit", NULL, compound_edit_action);
  gtk_widget_class_install_action (widget_class, "compound.delete-empty", NULL, compound_delete_empty_action);
  gtk_widget_class_install_action (widget_class, "compound.assign-by-boundary", NULL,
                                   compound_assign_by_boundary_action);
  gtk_widget_class_install_action (widget_class, "district.rename", NULL, district_rename_action);
}

void
linli_window_init_buildings (LinliWindow *self)
{
  self->lasso_area = gtk_drawing_area_new ();
  gtk_widget_set_can_target (self->lasso_area, FALSE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->lasso_area), on_lasso_draw_cb, self, NULL);
  gtk_overlay_add_overlay (self->map_overlay, self->lasso_area);
}

/**
 * linli_window_update_building_actions:
 *
 * Enables what acts on the selection only when there is one to act on.
 */
void
linli_window_update_building_actions (LinliWindow *self)
{
  gboolean has = self->project != NULL;
  guint n = 0;

  selection (self, &n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "building.select-uncovered", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "building.select-community",
                                 has && selected_entry (self, FALSE) != G_MAXUINT);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "community.new", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "community.rename",
                                 has && selected_entry (self, FALSE) != G_MAXUINT);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "community.delete-empty", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "community.assign-by-boundary", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compound.new",
                                 has && linli_project_get_n_communities (self->project) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compound.edit",
                                 has && selected_entry (self, TRUE) != G_MAXUINT);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compound.delete-empty", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compound.assign-by-boundary", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "district.rename", has);
}

/**
 * linli_window_select_buildings:
 * @buildings: (array length=n): building indices
 *
 * @show_page: whether the side panel turns to the Buildings page
 *
 * Selects these buildings: the editor shows them and the map rings them.
 */
void
linli_window_select_buildings (LinliWindow *self,
                               const guint *buildings,
                               guint        n,
                               gboolean     show_page)
{
  guint n_sel = 0;
  const guint *sel;

  linli_building_editor_set_document (self->building_editor, self->document);
  linli_building_editor_set_selection (self->building_editor, buildings, n);
  sel = selection (self, &n_sel);
  linli_map_layer_set_selected_buildings (self->layer, sel, n_sel);
  if (n_sel > 0 && show_page)
    gtk_stack_set_visible_child_name (self->side_stack, "buildings");
  linli_window_update_building_actions (self);
}

/* The lasso: Shift+drag on the map draws an outline; the buildings inside
 * it when the drag ends are selected. */

gboolean
linli_window_lasso_begin (LinliWindow *self,
                          double       x,
                          double       y)
{
  g_clear_pointer (&self->lasso, g_array_unref);
  if (self->project == NULL)
    return FALSE;
  self->lasso = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  linli_window_lasso_update (self, x, y);
  return TRUE;
}

void
linli_window_lasso_update (LinliWindow *self,
                           double       x,
                           double       y)
{
  LinliLatLon p;

  if (self->lasso == NULL)
    return;
  shumate_viewport_widget_coords_to_location (shumate_map_get_viewport (self->map), GTK_WIDGET (self->map), x, y,
                                              &p.lat, &p.lon);
  if (!linli_lat_lon_is_valid (p.lat, p.lon))
    return;
  g_array_append_val (self->lasso, p);
  gtk_widget_queue_draw (self->lasso_area);
}

void
linli_window_lasso_end (LinliWindow *self)
{
  g_autoptr (GArray) lasso = g_steal_pointer (&self->lasso);
  g_autoptr (GArray) inside = NULL;
  g_autoptr (LinliPolygon) outline = NULL;
  const LinliBuilding *buildings;
  LinliExtent extent;

  gtk_widget_queue_draw (self->lasso_area);
  if (lasso == NULL || lasso->len < LASSO_MIN_POINTS || self->project == NULL)
    return;
  outline = linli_polygon_new_simple ((const LinliLatLon *) lasso->data, lasso->len);
  linli_extent_init (&extent);
  linli_polygon_get_extent (outline, &extent);
  inside = g_array_new (FALSE, FALSE, sizeof (guint));
  buildings = linli_project_get_buildings (self->project);
  for (guint i = 0; i < linli_project_get_n_buildings (self->project); i++)
    if (buildings[i].lat >= extent.min_lat && buildings[i].lat <= extent.max_lat &&
        buildings[i].lon >= extent.min_lon && buildings[i].lon <= extent.max_lon &&
        linli_polygon_contains (outline, buildings[i].lat, buildings[i].lon))
      g_array_append_val (inside, i);
  linli_window_select_buildings (self, (const guint *) inside->data, inside->len, TRUE);
}
