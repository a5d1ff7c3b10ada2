/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-community-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "linli-community-row.h"
#include "linli-labels.h"

/* One row of the coverage by community: the community's name, its covered
 * and total households, and the share covered.  It follows the document's
 * coverage by itself. */
struct _LinliCommunityRow
{
  GtkWidget      parent_instance;

  /* Template children */
  GtkWidget     *box;
  GtkLabel      *name_label;
  GtkLabel      *detail_label;
  GtkLabel      *value_label;

  LinliDocument *document;
  guint          community;          /* G_MAXUINT: none */
  GSignalGroup  *document_signals;
};

G_DEFINE_FINAL_TYPE (LinliCommunityRow, linli_community_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_COMMUNITY,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static void
update (LinliCommunityRow *self)
{
  LinliProject *project = self->document != NULL ? linli_document_get_project (self->document) : NULL;
  const LinliCoverageTotals *ct;
  g_autofree char *covered = NULL, *all = NULL, *detail = NULL, *share = NULL;

  if (project == NULL || self->community >= linli_project_get_n_communities (project))
    {
      gtk_label_set_text (self->name_label, "");
      gtk_label_set_text (self->detail_label, "");
      gtk_label_set_text (self->value_label, "");
      return;
    }
  ct = linli_coverage_get_community (linli_document_get_coverage (self->document), self->community);
  covered = linli_format_count (ct->households_covered);
  all = linli_format_count (ct->households);
  detail = g_strdup_printf (_("%s of %s households"), covered, all);
  share = g_strdup_printf ("%.1f %%", 100 * linli_coverage_totals_share (ct->households_covered, ct->households));
  gtk_label_set_text (self->name_label, linli_project_get_community (project, self->community)->name);
  gtk_label_set_text (self->detail_label, detail);
  gtk_label_set_text (self->value_label, share);
}

/* GObject overrides */

static void
linli_community_row_dispose (GObject *object)
{
  LinliCommunityRow *self = LINLI_COMMUNITY_ROW (object);

  g_clear_object (&self->document_signals);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINLI_TYPE_COMMUNITY_ROW);
  G_OBJECT_CLASS (linli_community_row_parent_class)->dispose (object);
}

static void
linli_community_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LinliCommunityRow *self = LINLI_COMMUNITY_ROW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_COMMUNITY:
      g_value_set_uint (value, self->community);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_community_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LinliCommunityRow *self = LINLI_COMMUNITY_ROW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      linli_community_row_set_document (self, g_value_get_object (value));
      break;
    case PROP_COMMUNITY:
      linli_community_row_set_community (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_community_row_class_init (LinliCommunityRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = linli_community_row_dispose;
  object_class->get_property = linli_community_row_get_property;
  object_class->set_property = linli_community_row_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, LINLI_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LinliCommunityRow:community:
   *
   * The index of the community in the project; G_MAXUINT for none.
   */
  properties[PROP_COMMUNITY] =
    g_param_spec_uint ("community", NULL, NULL, 0, G_MAXUINT, G_MAXUINT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/linli/Linli/linli-community-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LinliCommunityRow, box);
  gtk_widget_class_bind_template_child (widget_class, LinliCommunityRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, LinliCommunityRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, LinliCommunityRow, value_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
linli_community_row_init (LinliCommunityRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->community = G_MAXUINT;
  self->document_signals = g_signal_group_new (LINLI_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "coverage-changed", G_CALLBACK (update), self,
                                 G_CONNECT_SWAPPED);
}

/* Public API */

GtkWidget *
linli_community_row_new (void)
{
  return g_object_new (LINLI_TYPE_COMMUNITY_ROW, NULL);
}

LinliDocument *
linli_community_row_get_document (LinliCommunityRow *self)
{
  g_return_val_if_fail (LINLI_IS_COMMUNITY_ROW (self), NULL);
  return self->document;
}

/**
 * linli_community_row_set_document:
 * @document: (nullable): the document whose coverage the row shows
 */
void
linli_community_row_set_document (LinliCommunityRow *self,
                                  LinliDocument     *document)
{
  g_return_if_fail (LINLI_IS_COMMUNITY_ROW (self));
  g_return_if_fail (document == NULL || LINLI_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;
  g_signal_group_set_target (self->document_signals, document);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

guint
linli_community_row_get_community (LinliCommunityRow *self)
{
  g_return_val_if_fail (LINLI_IS_COMMUNITY_ROW (self), G_MAXUINT);
  return self->community;
}

/**
 * linli_community_row_set_community:
 * @community: the index of a community of the document's project, or
 *   G_MAXUINT for none
 */
void
linli_community_row_set_community (LinliCommunityRow *self,
                                   guint              community)
{
  g_return_if_fail (LINLI_IS_COMMUNITY_ROW (self));

  if (self->community == community)
    return;
  self->community = community;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMUNITY]);
}
