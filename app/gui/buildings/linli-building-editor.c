/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-building-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "linli-base-edits.h"
#include "linli-building-editor.h"
#include "linli-figures.h"

/* The editor of the selected buildings: name, compound, households,
 * residents, party members and whether the figures are estimates, for one
 * building or many.  A field whose value differs among the selection shows
 * "mixed" and is left alone unless the planner types into it; Apply writes
 * the fields changed as one undoable step for the whole selection.
 */
struct _LinliBuildingEditor
{
  AdwBin          parent_instance;

  /* Template children; the top box is the bin's child, which the bin
   * itself disposes of, so it is not bound. */
  GtkLabel       *title_label;
  GtkWidget      *fields_grid;
  GtkWidget      *extra_box;
  GtkEntry       *name_entry;
  GtkDropDown    *compound_dropdown;
  GtkEntry       *households_entry;
  GtkEntry       *residents_entry;
  GtkEntry       *members_entry;
  GtkCheckButton *estimated_check;
  GtkCheckButton *members_unknown_check;

  LinliDocument  *document;
  GSignalGroup   *project_signals;
  GArray         *selection;        /* guint: building indices */
  guint           n_compounds;      /* the dropdown's, to refill when they change */
  guint           compound_serial;
  LinliBuildingFields dirty;        /* fields typed into since the last fill */
  gboolean        updating;         /* filling the widgets from the buildings */
};

G_DEFINE_FINAL_TYPE (LinliBuildingEditor, linli_building_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static LinliProject *
project (LinliBuildingEditor *self)
{
  return self->document ? linli_document_get_project (self->document) : NULL;
}

/* Fills the compound choice: first "mixed", which leaves each building in
 * its own, then "community · compound" per compound. */
static void
fill_compounds (LinliBuildingEditor *self)
{
  LinliProject *p = project (self);
  g_autoptr (GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, _("mixed"));
  for (guint k = 0; p != NULL && k < linli_project_get_n_compounds (p); k++)
    {
      const LinliCompound *c = linli_project_get_compound (p, k);
      g_autofree char *text = g_strdup_printf ("%s · %s", linli_project_get_community (p, c->community)->name,
                                               c->name[0] ? c->name : c->id);

      gtk_string_list_append (list, text);
    }
  gtk_drop_down_set_model (self->compound_dropdown, G_LIST_MODEL (list));
}

static void
set_number (GtkEntry *entry,
            gboolean  mixed,
            guint     value)
{
  g_autofree char *text = mixed ? g_strdup ("") : g_strdup_printf ("%u", value);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_entry_set_placeholder_text (entry, mixed ? _("mixed") : NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
}

static void
fill (LinliBuildingEditor *self)
{
  LinliProject *p = project (self);
  guint n = self->selection->len;
  const LinliBuilding *first = NULL;
  gboolean mixed_name = FALSE, mixed_compound = FALSE, mixed_households = FALSE;
  gboolean mixed_residents = FALSE, mixed_members = FALSE, mixed_estimated = FALSE;
  gboolean mixed_unknown = FALSE;
  guint64 households = 0;

  self->updating = TRUE;
  gtk_widget_set_sensitive (self->fields_grid, p != NULL && n > 0);
  if (p != NULL && linli_project_get_n_compounds (p) != self->n_compounds)
    {
      fill_compounds (self);
      self->n_compounds = linli_project_get_n_compounds (p);
    }
  for (guint k = 0; p != NULL && k < n; k++)
    {
      const LinliBuilding *b = linli_project_get_building (p, g_array_index (self->selection, guint, k));

      households += b->households;
      if (first == NULL)
        {
          first = b;
          continue;
        }
      mixed_name |= g_strcmp0 (b->name, first->name) != 0;
      mixed_compound |= b->compound != first->compound;
      mixed_households |= b->households != first->households;
      mixed_residents |= b->residents != first->residents;
      mixed_members |= b->party_members != first->party_members;
      mixed_estimated |= (b->flags & LINLI_BUILDING_ESTIMATED) != (first->flags & LINLI_BUILDING_ESTIMATED);
      mixed_unknown |= (b->flags & LINLI_BUILDING_MEMBERS_UNKNOWN) !=
                       (first->flags & LINLI_BUILDING_MEMBERS_UNKNOWN);
    }
  if (first == NULL)
    {
      gtk_label_set_text (self->title_label, _("No building selected"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
      gtk_entry_set_placeholder_text (self->name_entry, NULL);
      /* Nothing selected: no compound at all, not "mixed". */
      gtk_drop_down_set_selected (self->compound_dropdown, GTK_INVALID_LIST_POSITION);
      set_number (self->households_entry, TRUE, 0);
      set_number (self->residents_entry, TRUE, 0);
      set_number (self->members_entry, TRUE, 0);
      gtk_entry_set_placeholder_text (self->households_entry, NULL);
      gtk_entry_set_placeholder_text (self->residents_entry, NULL);
      gtk_entry_set_placeholder_text (self->members_entry, NULL);
      gtk_check_button_set_inconsistent (self->estimated_check, FALSE);
      gtk_check_button_set_active (self->estimated_check, FALSE);
      gtk_check_button_set_inconsistent (self->members_unknown_check, FALSE);
      gtk_check_button_set_active (self->members_unknown_check, FALSE);
    }
  else
    {
      g_autofree char *title = NULL;

      if (n == 1)
        title = g_strdup_printf (_("Building %s"), first->name[0] ? first->name : first->id);
      else
        {
          g_autofree char *count = linli_format_count (households);

          title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u building, %s households",
                                                "%u buildings, %s households", n),
                                   n, count);
        }
      gtk_label_set_text (self->title_label, title);
      gtk_editable_set_text (GTK_EDITABLE (self->name_entry), mixed_name ? "" : first->name);
      gtk_entry_set_placeholder_text (self->name_entry, mixed_name ? _("mixed") : NULL);
      gtk_drop_down_set_selected (self->compound_dropdown, mixed_compound ? 0 : first->compound + 1);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->compound_dropdown),
                                   mixed_compound ? _("The selected buildings are in several compounds") : NULL);
      set_number (self->households_entry, mixed_households, first->households);
      set_number (self->residents_entry, mixed_residents, first->residents);
      set_number (self->members_entry, mixed_members || mixed_unknown, first->party_members);
      gtk_check_button_set_inconsistent (self->estimated_check, mixed_estimated);
      gtk_check_button_set_active (self->estimated_check,
                                   !mixed_estimated && (first->flags & LINLI_BUILDING_ESTIMATED) != 0);
      /* Members the data did not give show as unknown, never as 0. */
      gtk_check_button_set_inconsistent (self->members_unknown_check, mixed_unknown);
      gtk_check_button_set_active (self->members_unknown_check,
                                   !mixed_unknown &&
                                   (first->flags & LINLI_BUILDING_MEMBERS_UNKNOWN) != 0);
      if (!mixed_unknown && (first->flags & LINLI_BUILDING_MEMBERS_UNKNOWN))
        {
          gtk_editable_set_text (GTK_EDITABLE (self->members_entry), "");
          gtk_entry_set_placeholder_text (self->members_entry, _("unknown"));
        }
    }
  self->dirty = 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "building.apply", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "building.assign-nearest", first != NULL);
  self->updating = FALSE;
}

static void
mark_dirty (LinliBuildingEditor *self,
            LinliBuildingFields  field)
{
  if (self->updating)
    return;
  self->dirty |= field;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "building.apply", self->selection->len > 0);
}

/* Reads a count typed into @entry; marks the entry when it is not one. */
static gboolean
read_count (GtkEntry *entry,
            guint32  *value)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  guint64 v = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 0, 1000000, &v, NULL))
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  *value = (guint32) v;
  return TRUE;
}

/* Callbacks */

static void
on_project_changed_cb (LinliBuildingEditor *self)
{
  LinliProject *p = project (self);

  /* Undo may have removed compounds; buildings never go. */
  if (p != NULL && linli_project_get_base_serial (p) != self->compound_serial)
    {
      self->compound_serial = linli_project_get_base_serial (p);
      self->n_compounds = G_MAXUINT;
    }
  /* Keep what the planner is typing; otherwise show the buildings as they are now. */
  if (self->dirty == 0)
    fill (self);
}

static void
on_name_entry_changed_cb (LinliBuildingEditor *self)
{
  mark_dirty (self, LINLI_BUILDING_FIELD_NAME);
}

static void
on_compound_dropdown_notify_selected_cb (LinliBuildingEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->compound_dropdown);

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    mark_dirty (self, LINLI_BUILDING_FIELD_COMPOUND);
}

static void
on_households_entry_changed_cb (LinliBuildingEditor *self)
{
  mark_dirty (self, LINLI_BUILDING_FIELD_HOUSEHOLDS);
}

static void
on_residents_entry_changed_cb (LinliBuildingEditor *self)
{
  mark_dirty (self, LINLI_BUILDING_FIELD_RESIDENTS);
}

static void
on_members_entry_changed_cb (LinliBuildingEditor *self)
{
  if (self->updating)
    return;
  /* A number typed makes the members known. */
  if (gtk_editable_get_text (GTK_EDITABLE (self->members_entry))[0] != '\0' &&
      (gtk_check_button_get_active (self->members_unknown_check) ||
       gtk_check_button_get_inconsistent (self->members_unknown_check)))
    {
      self->updating = TRUE;
      gtk_check_button_set_inconsistent (self->members_unknown_check, FALSE);
      gtk_check_button_set_active (self->members_unknown_check, FALSE);
      self->updating = FALSE;
      self->dirty &= ~LINLI_BUILDING_FIELD_MEMBERS_UNKNOWN;
    }
  mark_dirty (self, LINLI_BUILDING_FIELD_PARTY_MEMBERS);
}

static void
on_members_unknown_check_toggled_cb (LinliBuildingEditor *self)
{
  gboolean unknown = gtk_check_button_get_active (self->members_unknown_check);

  if (self->updating)
    return;
  gtk_check_button_set_inconsistent (self->members_unknown_check, FALSE);
  /* Unknown empties the count; known again starts from 0, shown, so the
   * planner sees what will be stored. */
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->members_entry), unknown ? "" : "0");
  gtk_entry_set_placeholder_text (self->members_entry, unknown ? _("unknown") : NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->members_entry), "error");
  self->updating = FALSE;
  if (unknown)
    self->dirty &= ~LINLI_BUILDING_FIELD_PARTY_MEMBERS;
  else
    mark_dirty (self, LINLI_BUILDING_FIELD_PARTY_MEMBERS);
  mark_dirty (self, LINLI_BUILDING_FIELD_MEMBERS_UNKNOWN);
}

static void
on_estimated_check_toggled_cb (LinliBuildingEditor *self)
{
  if (self->updating)
    return;
  gtk_check_button_set_inconsistent (self->estimated_check, FALSE);
  mark_dirty (self, LINLI_BUILDING_FIELD_ESTIMATED);
}

static void
on_entry_activate_cb (LinliBuildingEditor *self)
{
  linli_building_editor_apply (self);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  linli_building_editor_apply (LINLI_BUILDING_EDITOR (widget));
}

static void
assign_nearest_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LinliBuildingEditor *self = LINLI_BUILDING_EDITOR (widget);

  if (self->document == NULL || self->selection->len == 0)
    return;
  linli_base_edits_assign_nearest (linli_document_get_history (self->document),
                                   (const guint *) self->selection->data, self->selection->len);
}

/* GObject overrides */

static void
linli_building_editor_dispose (GObject *object)
{
  LinliBuildingEditor *self = LINLI_BUILDING_EDITOR (object);

  g_clear_object (&self->project_signals);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINLI_TYPE_BUILDING_EDITOR);
  G_OBJECT_CLASS (linli_building_editor_parent_class)->dispose (object);
}

static void
linli_building_editor_finalize (GObject *object)
{
  LinliBuildingEditor *self = LINLI_BUILDING_EDITOR (object);

  g_clear_pointer (&self->selection, g_array_unref);
  G_OBJECT_CLASS (linli_building_editor_parent_class)->finalize (object);
}

static void
linli_building_editor_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LinliBuildingEditor *self = LINLI_BUILDING_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_building_editor_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LinliBuildingEditor *self = LINLI_BUILDING_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      linli_building_editor_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_building_editor_class_init (LinliBuildingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = linli_building_editor_dispose;
  object_class->finalize = linli_building_editor_finalize;
  object_class->get_property = linli_building_editor_get_property;
  object_class->set_property = linli_building_editor_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, LINLI_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/linli/Linli/linli-building-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LinliBuildingEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, LinliBuildingEditor, fields_grid);
  gtk_widget_class_bind_template_child (widget_class, LinliBuildingEditor, extra_box);
  gtk_widget_class_bind_template_child (widget_class, LinliBuildingEditor, name_entry);
  gtk_widget_class_bind_template_child (widget_class, LinliBuildingEditor, compound_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LinliBuildingEditor, households_entry);
  gtk_widget_class_bind_template_child (widget_class, LinliBuildingEditor, residents_entry);
  gtk_widget_class_bind_template_child (widget_class, LinliBuildingEditor, members_entry);
  gtk_widget_class_bind_template_child (widget_class, LinliBuildingEditor, estimated_check);
  gtk_widget_class_bind_template_child (widget_class, LinliBuildingEditor, members_unknown_check);
  gtk_widget_class_bind_template_callback (widget_class, on_name_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_compound_dropdown_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_households_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_residents_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_members_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_estimated_check_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_members_unknown_check_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate_cb);

  gtk_widget_class_install_action (widget_class, "building.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "building.assign-nearest", NULL, assign_nearest_action);
}

static void
linli_building_editor_init (LinliBuildingEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->selection = g_array_new (FALSE, FALSE, sizeof (guint));
  self->project_signals = g_signal_group_new (LINLI_TYPE_PROJECT);
  g_signal_group_connect_object (self->project_signals, "changed", G_CALLBACK (on_project_changed_cb), self,
                                 G_CONNECT_SWAPPED);
  fill (self);
}

/* Public API */

GtkWidget *
linli_building_editor_new (void)
{
  return g_object_new (LINLI_TYPE_BUILDING_EDITOR, NULL);
}

LinliDocument *
linli_building_editor_get_document (LinliBuildingEditor *self)
{
  g_return_val_if_fail (LINLI_IS_BUILDING_EDITOR (self), NULL);
  return self->document;
}

void
linli_building_editor_set_document (LinliBuildingEditor *self,
                                    LinliDocument       *document)
{
  g_return_if_fail (LINLI_IS_BUILDING_EDITOR (self));
  g_return_if_fail (document == NULL || LINLI_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;
  g_array_set_size (self->selection, 0);
  g_signal_group_set_target (self->project_signals, document ? linli_document_get_project (document) : NULL);
  self->n_compounds = G_MAXUINT;
  fill (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/**
 * linli_building_editor_get_selection:
 * @n: (out): how many buildings are selected
 *
 * Returns: (array length=n) (transfer none): the selected buildings' indices
 */
const guint *
linli_building_editor_get_selection (LinliBuildingEditor *self,
                                     guint               *n)
{
  g_return_val_if_fail (LINLI_IS_BUILDING_EDITOR (self), NULL);
  *n = self->selection->len;
  return (const guint *) self->selection->data;
}

/**
 * linli_building_editor_set_selection:
 * @buildings: (array length=n) (nullable): building indices
 *
 * Shows these buildings, dropping what was typed for the ones before.
 */
void
linli_building_editor_set_selection (LinliBuildingEditor *self,
                                     const guint         *buildings,
                                     guint                n)
{
  LinliProject *p;

  g_return_if_fail (LINLI_IS_BUILDING_EDITOR (self));

  p = project (self);
  g_array_set_size (self->selection, 0);
  for (guint k = 0; p != NULL && k < n; k++)
    if (buildings[k] < linli_project_get_n_buildings (p))
      g_array_append_val (self->selection, buildings[k]);
  fill (self);
}

/**
 * linli_building_editor_apply:
 *
 * Writes the fields typed into to every selected building, as one
 * undoable step.  A count that is not a whole number is marked and
 * nothing is written.
 *
 * Returns: whether the buildings changed
 */
gboolean
linli_building_editor_apply (LinliBuildingEditor *self)
{
  LinliBuilding values = { 0 };
  gboolean ok = TRUE, changed;
  guint compound;

  g_return_val_if_fail (LINLI_IS_BUILDING_EDITOR (self), FALSE);

  if (self->document == NULL || self->selection->len == 0 || self->dirty == 0)
    return FALSE;
  values.name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
  /* Item 0 is "mixed"; compounds follow from 1. */
  compound = gtk_drop_down_get_selected (self->compound_dropdown);
  /* No choice, "mixed", or one an undo took away while the planner was typing. */
  if (compound == GTK_INVALID_LIST_POSITION || compound == 0 ||
      compound > linli_project_get_n_compounds (linli_document_get_project (self->document)))
    self->dirty &= ~LINLI_BUILDING_FIELD_COMPOUND;
  else
    values.compound = compound - 1;
  if (self->dirty & LINLI_BUILDING_FIELD_HOUSEHOLDS)
    ok &= read_count (self->households_entry, &values.households);
  if (self->dirty & LINLI_BUILDING_FIELD_RESIDENTS)
    ok &= read_count (self->residents_entry, &values.residents);
  if (self->dirty & LINLI_BUILDING_FIELD_PARTY_MEMBERS)
    ok &= read_count (self->members_entry, &values.party_members);
  values.flags = gtk_check_button_get_active (self->estimated_check) ? LINLI_BUILDING_ESTIMATED : 0;
  if (gtk_check_button_get_active (self->members_unknown_check))
    values.flags |= LINLI_BUILDING_MEMBERS_UNKNOWN;
  if (!ok)
    return FALSE;
  changed = linli_base_edits_change_buildings (linli_document_get_history (self->document),
                                               (const guint *) self->selection->data, self->selection->len,
                                               self->dirty, &values);
  self->dirty = 0;
  fill (self);
  return changed;
}
