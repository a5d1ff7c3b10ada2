/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-site-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "linli-labels.h"
#include "linli-project-edits.h"
#include "linli-site-editor.h"

/* The editor under the site list: name, tier, status, what plans may do,
 * capacity, cost and the six services of a "1+6+X" centre.  It shows one
 * site of a document, follows the site's changes, and writes every change
 * made in it as an undoable edit in the document's history. */
struct _LinliSiteEditor
{
  GtkWidget       parent_instance;

  /* Template children */
  GtkWidget      *box;
  GtkEntry       *name_entry;
  GtkEntry       *address_entry;
  GtkCheckButton *area_check;
  GtkSpinButton  *area_spin;
  GtkDropDown    *tier_dropdown;
  GtkDropDown    *status_dropdown;
  GtkDropDown    *plan_dropdown;
  GtkSpinButton  *capacity_spin;
  GtkCheckButton *cost_check;
  GtkSpinButton  *cost_spin;
  GtkCheckButton *service_checks[LINLI_N_SERVICES];

  LinliDocument  *document;
  LinliSite      *site;
  GSignalGroup   *project_signals;
  GSignalGroup   *site_signals;
  gboolean        updating;          /* filling the widgets from the site */
};

G_DEFINE_FINAL_TYPE (LinliSiteEditor, linli_site_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_SITE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static void
fill (LinliSiteEditor *self)
{
  LinliSite *site = self->site;

  self->updating = TRUE;
  gtk_widget_set_sensitive (self->box, site != NULL && self->document != NULL);
  if (site != NULL)
    {
      guint services = linli_site_get_services (site);
      double cost = linli_site_get_cost (site);

      gtk_editable_set_text (GTK_EDITABLE (self->name_entry), linli_site_get_name (site));
      gtk_drop_down_set_selected (self->tier_dropdown, linli_site_get_tier (site));
      gtk_drop_down_set_selected (self->status_dropdown, linli_site_get_status (site));
      gtk_drop_down_set_selected (self->plan_dropdown, linli_site_get_plan_rule (site));
      /* Only a candidate site is something a plan may open. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->plan_dropdown),
                                linli_site_get_status (site) == LINLI_SITE_STATUS_CANDIDATE);
      gtk_spin_button_set_value (self->capacity_spin, linli_site_get_capacity (site));
      /* A cost that is not known is stored as a negative number; the
       * planner sees an unticked box, not that number. */
      gtk_check_button_set_active (self->cost_check, cost >= 0);
      gtk_spin_button_set_value (self->cost_spin, MAX (cost, 0));
      gtk_editable_set_text (GTK_EDITABLE (self->address_entry),
                             linli_site_get_address (site) ? linli_site_get_address (site) : "");
      /* An area that is not given is an unticked box too. */
      gtk_check_button_set_active (self->area_check, linli_site_get_area (site) > 0);
      gtk_spin_button_set_value (self->area_spin, MAX (linli_site_get_area (site), 0));
      for (guint i = 0; i < LINLI_N_SERVICES; i++)
        gtk_check_button_set_active (self->service_checks[i], (services & (1u << i)) != 0);
    }
  else
    {
      /* With no site the editor is greyed out, and it must not keep showing
       * the values of a site that was deleted or belongs to a file that is
       * closed: every field goes back to empty. */
      gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
      gtk_drop_down_set_selected (self->tier_dropdown, 0);
      gtk_drop_down_set_selected (self->status_dropdown, 0);
      gtk_drop_down_set_selected (self->plan_dropdown, 0);
      gtk_spin_button_set_value (self->capacity_spin, 0);
      gtk_check_button_set_active (self->cost_check, FALSE);
      gtk_spin_button_set_value (self->cost_spin, 0);
      gtk_editable_set_text (GTK_EDITABLE (self->address_entry), "");
      gtk_check_button_set_active (self->area_check, FALSE);
      gtk_spin_button_set_value (self->area_spin, 0);
      for (guint i = 0; i < LINLI_N_SERVICES; i++)
        gtk_check_button_set_active (self->service_checks[i], FALSE);
    }
  self->updating = FALSE;
}

/* Writes what the widgets say into the site, as one undoable edit. */
static void
commit (LinliSiteEditor *self)
{
  g_autoptr (LinliSiteState) state = NULL;

  if (self->updating || self->site == NULL || self->document == NULL)
    return;
  state = linli_site_dup_state (self->site);
  g_free (state->name);
  state->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));
  state->tier = MIN (gtk_drop_down_get_selected (self->tier_dropdown), LINLI_SITE_N_TIERS - 1);
  state->status = MIN (gtk_drop_down_get_selected (self->status_dropdown), LINLI_SITE_N_STATUSES - 1);
  state->plan_rule = MIN (gtk_drop_down_get_selected (self->plan_dropdown), LINLI_SITE_N_PLAN_RULES - 1);
  state->capacity = (guint) gtk_spin_button_get_value_as_int (self->capacity_spin);
  state->cost = gtk_check_button_get_active (self->cost_check)
                  ? gtk_spin_button_get_value (self->cost_spin)
                  : -1;
  g_free (state->address);
  state->address = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->address_entry)));
  state->area = gtk_check_button_get_active (self->area_check)
                  ? gtk_spin_button_get_value (self->area_spin)
                  : -1;
  state->services = 0;
  for (guint i = 0; i < LINLI_N_SERVICES; i++)
    if (gtk_check_button_get_active (self->service_checks[i]))
      state->services |= 1u << i;
  linli_project_edits_change_site (linli_document_get_history (self->document), _("Edit Site"), self->site, state);
}

/* Callbacks */

static void
on_site_changed_cb (LinliSiteEditor *self)
{
  fill (self);
}

static void
on_project_changed_cb (LinliSiteEditor *self)
{
  LinliProject *project = linli_document_get_project (self->document);

  /* The site may have been removed, by undo for example: an editor of a
   * site that is not in the project would write edits nobody sees. */
  if (self->site != NULL && !g_list_store_find (G_LIST_STORE (linli_project_get_sites (project)), self->site, NULL))
    linli_site_editor_set_site (self, NULL);
}

static void
on_name_entry_activate_cb (LinliSiteEditor *self)
{
  commit (self);
}

static void
on_name_entry_leave_cb (LinliSiteEditor *self)
{
  commit (self);
}

static void
on_tier_dropdown_notify_selected_cb (LinliSiteEditor *self)
{
  commit (self);
}

static void
on_status_dropdown_notify_selected_cb (LinliSiteEditor *self)
{
  commit (self);
}

static void
on_plan_dropdown_notify_selected_cb (LinliSiteEditor *self)
{
  commit (self);
}

static void
on_capacity_spin_value_changed_cb (LinliSiteEditor *self)
{
  commit (self);
}

static void
on_cost_check_toggled_cb (LinliSiteEditor *self)
{
  commit (self);
}

static void
on_cost_spin_value_changed_cb (LinliSiteEditor *self)
{
  commit (self);
}

/* The six service checks share one handler: each is one bit of the same
 * value. */
static void
on_service_check_toggled_cb (LinliSiteEditor *self)
{
  commit (self);
}

/* GObject overrides */

static void
linli_site_editor_dispose (GObject *object)
{
  LinliSiteEditor *self = LINLI_SITE_EDITOR (object);

  g_clear_object (&self->project_signals);
  g_clear_object (&self->site_signals);
  g_clear_object (&self->document);
  g_clear_object (&self->site);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINLI_TYPE_SITE_EDITOR);
  G_OBJECT_CLASS (linli_site_editor_parent_class)->dispose (object);
}

static void
linli_site_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LinliSiteEditor *self = LINLI_SITE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_SITE:
      g_value_set_object (value, self->site);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_site_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LinliSiteEditor *self = LINLI_SITE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      linli_site_editor_set_document (self, g_value_get_object (value));
      break;
    case PROP_SITE:
      linli_site_editor_set_site (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_site_editor_class_init (LinliSiteEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char *const service_ids[LINLI_N_SERVICES] = {
    "childcare_check", "elderly_check", "health_check", "meals_check", "leisure_check", "affairs_check",
  };

  object_class->dispose = linli_site_editor_dispose;
  object_class->get_property = linli_site_editor_get_property;
  object_class->set_property = linli_site_editor_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, LINLI_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SITE] =
    g_param_spec_object ("site", NULL, NULL, LINLI_TYPE_SITE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/linli/Linli/linli-site-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LinliSiteEditor, box);
  gtk_widget_class_bind_template_child (widget_class, LinliSiteEditor, name_entry);
  gtk_widget_class_bind_template_child (widget_class, LinliSiteEditor, tier_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LinliSiteEditor, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LinliSiteEditor, plan_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LinliSiteEditor, capacity_spin);
  gtk_widget_class_bind_template_child (widget_class, LinliSiteEditor, cost_check);
  gtk_widget_class_bind_template_child (widget_class, LinliSiteEditor, cost_spin);
  gtk_widget_class_bind_template_child (widget_class, LinliSiteEditor, address_entry);
  gtk_widget_class_bind_template_child (widget_class, LinliSiteEditor, area_check);
  gtk_widget_class_bind_template_child (widget_class, LinliSiteEditor, area_spin);
  /* The checks in the order of the LinliServices bits. */
  for (guint i = 0; i < LINLI_N_SERVICES; i++)
    gtk_widget_class_bind_template_child_full (widget_class, service_ids[i], FALSE,
                                               G_STRUCT_OFFSET (LinliSiteEditor, service_checks) +
                                               i * sizeof (GtkCheckButton *));
  gtk_widget_class_bind_template_callback (widget_class, on_name_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_entry_leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tier_dropdown_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_status_dropdown_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_plan_dropdown_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_capacity_spin_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cost_check_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cost_spin_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_service_check_toggled_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
linli_site_editor_init (LinliSiteEditor *self)
{
  g_autoptr (GtkStringList) tiers = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The site list shows the same words for tiers and statuses, so they
   * come from one place rather than from the template. */
  for (guint i = 0; i < LINLI_SITE_N_TIERS; i++)
    gtk_string_list_append (tiers, linli_site_tier_label (i));
  for (guint i = 0; i < LINLI_SITE_N_STATUSES; i++)
    gtk_string_list_append (statuses, linli_site_status_label (i));
  gtk_drop_down_set_model (self->tier_dropdown, G_LIST_MODEL (tiers));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));

  self->project_signals = g_signal_group_new (LINLI_TYPE_PROJECT);
  g_signal_group_connect_object (self->project_signals, "changed", G_CALLBACK (on_project_changed_cb), self,
                                 G_CONNECT_SWAPPED);
  self->site_signals = g_signal_group_new (LINLI_TYPE_SITE);
  g_signal_group_connect_object (self->site_signals, "changed", G_CALLBACK (on_site_changed_cb), self,
                                 G_CONNECT_SWAPPED);
  fill (self);
}

/* Public API */

GtkWidget *
linli_site_editor_new (void)
{
  return g_object_new (LINLI_TYPE_SITE_EDITOR, NULL);
}

LinliDocument *
linli_site_editor_get_document (LinliSiteEditor *self)
{
  g_return_val_if_fail (LINLI_IS_SITE_EDITOR (self), NULL);
  return self->document;
}

/**
 * linli_site_editor_set_document:
 * @document: (nullable): the document whose history takes the edits
 *
 * Edits sites of @document.  A site of another document is let go.
 */
void
linli_site_editor_set_document (LinliSiteEditor *self,
                                LinliDocument   *document)
{
  g_return_if_fail (LINLI_IS_SITE_EDITOR (self));
  g_return_if_fail (document == NULL || LINLI_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;
  g_signal_group_set_target (self->project_signals,
                             document != NULL ? linli_document_get_project (document) : NULL);
  g_object_freeze_notify (G_OBJECT (self));
  if (self->site != NULL && document != NULL)
    on_project_changed_cb (self);
  fill (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_thaw_notify (G_OBJECT (self));
}

LinliSite *
linli_site_editor_get_site (LinliSiteEditor *self)
{
  g_return_val_if_fail (LINLI_IS_SITE_EDITOR (self), NULL);
  return self->site;
}

/**
 * linli_site_editor_set_site:
 * @site: (nullable): a site of the document's project, or %NULL to edit none
 *
 * Shows @site and follows its changes, wherever they come from.
 */
void
linli_site_editor_set_site (LinliSiteEditor *self,
                            LinliSite       *site)
{
  g_return_if_fail (LINLI_IS_SITE_EDITOR (self));
  g_return_if_fail (site == NULL || LINLI_IS_SITE (site));

  if (!g_set_object (&self->site, site))
    return;
  g_signal_group_set_target (self->site_signals, site);
  fill (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SITE]);
}
