/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-site-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "linli-labels.h"
#include "linli-site-row.h"

/* One row of the site list: the site's name, and under it its status, tier
 * and the households within its reach.  It follows the site's edits and
 * the document's coverage by itself. */
struct _LinliSiteRow
{
  GtkWidget      parent_instance;

  /* Template children */
  GtkWidget     *box;
  GtkLabel      *name_label;
  GtkLabel      *detail_label;

  LinliDocument *document;
  LinliSite     *site;
  GSignalGroup  *document_signals;
  GSignalGroup  *site_signals;
};

G_DEFINE_FINAL_TYPE (LinliSiteRow, linli_site_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_SITE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static void
update (LinliSiteRow *self)
{
  const LinliCoverage *coverage = self->document != NULL ? linli_document_get_coverage (self->document) : NULL;
  g_autofree char *households = NULL;
  g_autofree char *detail = NULL;
  guint position = 0;

  if (self->site == NULL)
    {
      gtk_label_set_text (self->name_label, "");
      gtk_label_set_text (self->detail_label, "");
      return;
    }
  gtk_label_set_text (self->name_label, linli_site_get_name (self->site));
  /* A row can be bound before the coverage has heard of its site. */
  if (coverage != NULL &&
      g_list_store_find (G_LIST_STORE (linli_project_get_sites (linli_document_get_project (self->document))),
                         self->site, &position) &&
      position < linli_coverage_get_n_sites (coverage))
    households = linli_format_count (linli_coverage_site_households (coverage, position));
  else
    households = g_strdup ("–");
  /* Translators: status · tier · households in the site's circle */
  detail = g_strdup_printf (_("%s · %s · %s households within reach"),
                            linli_site_status_label (linli_site_get_status (self->site)),
                            linli_site_tier_label (linli_site_get_tier (self->site)), households);
  gtk_label_set_text (self->detail_label, detail);
}

/* GObject overrides */

static void
linli_site_row_dispose (GObject *object)
{
  LinliSiteRow *self = LINLI_SITE_ROW (object);

  g_clear_object (&self->document_signals);
  g_clear_object (&self->site_signals);
  g_clear_object (&self->document);
  g_clear_object (&self->site);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINLI_TYPE_SITE_ROW);
  G_OBJECT_CLASS (linli_site_row_parent_class)->dispose (object);
}

static void
linli_site_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LinliSiteRow *self = LINLI_SITE_ROW (object);

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
linli_site_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LinliSiteRow *self = LINLI_SITE_ROW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      linli_site_row_set_document (self, g_value_get_object (value));
      break;
    case PROP_SITE:
      linli_site_row_set_site (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_site_row_class_init (LinliSiteRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = linli_site_row_dispose;
  object_class->get_property = linli_site_row_get_property;
  object_class->set_property = linli_site_row_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, LINLI_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SITE] =
    g_param_spec_object ("site", NULL, NULL, LINLI_TYPE_SITE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/linli/Linli/linli-site-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LinliSiteRow, box);
  gtk_widget_class_bind_template_child (widget_class, LinliSiteRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, LinliSiteRow, detail_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
linli_site_row_init (LinliSiteRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->document_signals = g_signal_group_new (LINLI_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "coverage-changed", G_CALLBACK (update), self,
                                 G_CONNECT_SWAPPED);
  self->site_signals = g_signal_group_new (LINLI_TYPE_SITE);
  g_signal_group_connect_object (self->site_signals, "changed", G_CALLBACK (update), self,
                                 G_CONNECT_SWAPPED);
}

/* Public API */

GtkWidget *
linli_site_row_new (void)
{
  return g_object_new (LINLI_TYPE_SITE_ROW, NULL);
}

LinliDocument *
linli_site_row_get_document (LinliSiteRow *self)
{
  g_return_val_if_fail (LINLI_IS_SITE_ROW (self), NULL);
  return self->document;
}

/**
 * linli_site_row_set_document:
 * @document: (nullable): the document whose coverage the row shows
 *
 * Counts the households within the site's reach from @document's coverage,
 * and again whenever it changes.
 */
void
linli_site_row_set_document (LinliSiteRow  *self,
                             LinliDocument *document)
{
  g_return_if_fail (LINLI_IS_SITE_ROW (self));
  g_return_if_fail (document == NULL || LINLI_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;
  g_signal_group_set_target (self->document_signals, document);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

LinliSite *
linli_site_row_get_site (LinliSiteRow *self)
{
  g_return_val_if_fail (LINLI_IS_SITE_ROW (self), NULL);
  return self->site;
}

/**
 * linli_site_row_set_site:
 * @site: (nullable): the site to show
 *
 * Shows @site, and follows its edits.
 */
void
linli_site_row_set_site (LinliSiteRow *self,
                         LinliSite    *site)
{
  g_return_if_fail (LINLI_IS_SITE_ROW (self));
  g_return_if_fail (site == NULL || LINLI_IS_SITE (site));

  if (!g_set_object (&self->site, site))
    return;
  g_signal_group_set_target (self->site_signals, site);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SITE]);
}
