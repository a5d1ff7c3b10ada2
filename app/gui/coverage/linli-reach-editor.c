/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-reach-editor"

#include "config.h"

#include "linli-reach-editor.h"

#include <glib/gi18n-lib.h>

#include "linli-project-edits.h"

/* How far each tier's sites reach: the project's walk, a GB 50180-2018
 * life circle or the tier's own minutes.  A row per tier; every change is
 * one recorded edit, and the rows follow the project (undo included). */

/* The choices of a row's drop-down, in this order. */
static const LinliReachRule choice_rules[] = {
  LINLI_REACH_PROJECT, LINLI_REACH_GB_5, LINLI_REACH_GB_10, LINLI_REACH_GB_15, LINLI_REACH_WALK,
};

struct _LinliReachEditor
{
  AdwBin          parent_instance;

  GtkExpander    *expander;
  GtkGrid        *grid;
  GtkDropDown    *rule_dropdown[LINLI_SITE_N_TIERS];
  GtkSpinButton  *minutes_spin[LINLI_SITE_N_TIERS];
  GtkLabel       *metres_label[LINLI_SITE_N_TIERS];

  LinliDocument  *document;
  gboolean        updating;
};

G_DEFINE_FINAL_TYPE (LinliReachEditor, linli_reach_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static guint
choice_of_rule (LinliReachRule rule)
{
  for (guint i = 0; i < G_N_ELEMENTS (choice_rules); i++)
    if (choice_rules[i] == rule)
      return i;
  return 0;
}

static void
fill (LinliReachEditor *self)
{
  LinliProject *project = self->document != NULL ? linli_document_get_project (self->document) : NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self), project != NULL);
  if (project == NULL)
    return;
  self->updating = TRUE;
  for (guint t = 0; t < LINLI_SITE_N_TIERS; t++)
    {
      LinliReach reach;
      g_autofree char *metres = NULL;

      linli_project_get_tier_reach (project, t, &reach);
      gtk_drop_down_set_selected (self->rule_dropdown[t], choice_of_rule (reach.rule));
      gtk_widget_set_visible (GTK_WIDGET (self->minutes_spin[t]), reach.rule == LINLI_REACH_WALK);
      /* Own minutes start from the project's walk. */
      gtk_spin_button_set_value (self->minutes_spin[t], reach.rule == LINLI_REACH_WALK
                                                        ? reach.minutes
                                                        : linli_project_get_walk_minutes (project));
      /* Translators: how far a tier reaches, in metres */
      metres = g_strdup_printf (_("%.0f m"), linli_project_get_reach (project, t));
      gtk_label_set_text (self->metres_label[t], metres);
    }
  self->updating = FALSE;
}

/* Callbacks */

static void
on_rule_changed_cb (LinliReachEditor *self)
{
  LinliReach reaches[LINLI_SITE_N_TIERS];

  if (self->updating || self->document == NULL)
    return;
  for (guint t = 0; t < LINLI_SITE_N_TIERS; t++)
    {
      guint choice = gtk_drop_down_get_selected (self->rule_dropdown[t]);

      reaches[t].rule = choice_rules[MIN (choice, G_N_ELEMENTS (choice_rules) - 1)];
      reaches[t].minutes = 0;
      if (reaches[t].rule == LINLI_REACH_WALK)
        reaches[t].minutes = gtk_spin_button_get_value (self->minutes_spin[t]);
    }
  linli_project_edits_set_reaches (linli_document_get_history (self->document), reaches);
  fill (self);
}

static void
on_project_changed_cb (LinliReachEditor *self)
{
  fill (self);
}

/* GObject overrides */

static void
linli_reach_editor_dispose (GObject *object)
{
  LinliReachEditor *self = LINLI_REACH_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LINLI_TYPE_REACH_EDITOR);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (linli_reach_editor_parent_class)->dispose (object);
}

static void
linli_reach_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LinliReachEditor *self = LINLI_REACH_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: g_value_set_object (value, self->document); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_reach_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LinliReachEditor *self = LINLI_REACH_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT: linli_reach_editor_set_document (self, g_value_get_object (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_reach_editor_class_init (LinliReachEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = linli_reach_editor_dispose;
  object_class->get_property = linli_reach_editor_get_property;
  object_class->set_property = linli_reach_editor_set_property;

  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, LINLI_TYPE_DOCUMENT,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                   G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/linli/Linli/linli-reach-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LinliReachEditor, expander);
  gtk_widget_class_bind_template_child (widget_class, LinliReachEditor, grid);
}

static void
linli_reach_editor_init (LinliReachEditor *self)
{
  static const char *const tier_labels[] = {
    N_("Street centres"), N_("Community centres"), N_("Stations"), N_("Neighbourhood centres"),
  };
  const char *choices[] = {
    _("Project walk"),
    /* Translators: GB 50180-2018 life-circle tiers, as walking distances */
    _("GB 50180 5-minute, 300 m"),
    _("GB 50180 10-minute, 500 m"),
    _("GB 50180 15-minute, 1,000 m"),
    _("Own minutes at the walking speed"),
    NULL,
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint t = 0; t < LINLI_SITE_N_TIERS; t++)
    {
      GtkWidget *label = gtk_label_new (_(tier_labels[t]));
      g_autoptr (GtkStringList) list = gtk_string_list_new (choices);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      self->rule_dropdown[t] = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (list)), NULL));
      gtk_widget_set_hexpand (GTK_WIDGET (self->rule_dropdown[t]), TRUE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->rule_dropdown[t]),
                                   _("How far sites of this tier reach: the project's walk, a life-circle "
                                     "tier of GB 50180-2018 (walking distances), or minutes of their own"));
      self->minutes_spin[t] = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 120, 1));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->minutes_spin[t]), _("Walking time in minutes"));
      gtk_widget_set_visible (GTK_WIDGET (self->minutes_spin[t]), FALSE);
      self->metres_label[t] = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_xalign (self->metres_label[t], 1);
      gtk_label_set_width_chars (self->metres_label[t], 7);
      gtk_widget_add_css_class (GTK_WIDGET (self->metres_label[t]), "dim-label");
      gtk_grid_attach (self->grid, label, 0, t, 1, 1);
      gtk_grid_attach (self->grid, GTK_WIDGET (self->rule_dropdown[t]), 1, t, 1, 1);
      gtk_grid_attach (self->grid, GTK_WIDGET (self->minutes_spin[t]), 2, t, 1, 1);
      gtk_grid_attach (self->grid, GTK_WIDGET (self->metres_label[t]), 3, t, 1, 1);
      g_signal_connect_object (self->rule_dropdown[t], "notify::selected", G_CALLBACK (on_rule_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->minutes_spin[t], "value-changed", G_CALLBACK (on_rule_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

/* Public API */

GtkWidget *
linli_reach_editor_new (void)
{
  return g_object_new (LINLI_TYPE_REACH_EDITOR, NULL);
}

LinliDocument *
linli_reach_editor_get_document (LinliReachEditor *self)
{
  g_return_val_if_fail (LINLI_IS_REACH_EDITOR (self), NULL);
  return self->document;
}

void
linli_reach_editor_set_document (LinliReachEditor *self,
                                 LinliDocument    *document)
{
  g_return_if_fail (LINLI_IS_REACH_EDITOR (self));
  g_return_if_fail (document == NULL || LINLI_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (linli_document_get_project (self->document), self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (linli_document_get_project (document), "changed",
                             G_CALLBACK (on_project_changed_cb), self, G_CONNECT_SWAPPED);
  fill (self);
  /* Folded away until a project gives its tiers their own reach. */
  gtk_expander_set_expanded (self->expander,
                             document != NULL && linli_project_has_tier_reaches (linli_document_get_project (document)));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/**
 * linli_reach_editor_select:
 *
 * Chooses a rule for @tier as a user would, recorded as one edit; for tests.
 */
void
linli_reach_editor_select (LinliReachEditor *self,
                           LinliSiteTier     tier,
                           LinliReachRule    rule,
                           double            minutes)
{
  g_return_if_fail (LINLI_IS_REACH_EDITOR (self));
  g_return_if_fail (tier < LINLI_SITE_N_TIERS);

  if (rule == LINLI_REACH_WALK)
    {
      self->updating = TRUE;
      gtk_spin_button_set_value (self->minutes_spin[tier], minutes);
      self->updating = FALSE;
    }
  gtk_drop_down_set_selected (self->rule_dropdown[tier], choice_of_rule (rule));
}
