/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-building-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "linli-building-row.h"

/* One row of the uncovered buildings: the compound and building, and under
 * it the community, households and residents.  A project's buildings do
 * not change, so there is nothing to follow. */
struct _LinliBuildingRow
{
  GtkWidget      parent_instance;

  /* Template children */
  GtkWidget     *box;
  GtkLabel      *name_label;
  GtkLabel      *detail_label;

  LinliDocument *document;
  guint          building;           /* G_MAXUINT: none */
};

G_DEFINE_FINAL_TYPE (LinliBuildingRow, linli_building_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_BUILDING,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

/* Auxiliary methods */

static void
update (LinliBuildingRow *self)
{
  LinliProject *project = self->document != NULL ? linli_document_get_project (self->document) : NULL;
  const LinliBuilding *b;
  const LinliCompound *compound;
  const char *community;
  g_autofree char *name = NULL, *detail = NULL;

  if (project == NULL || self->building >= linli_project_get_n_buildings (project))
    {
      gtk_label_set_text (self->name_label, "");
      gtk_label_set_text (self->detail_label, "");
      return;
    }
  b = linli_project_get_building (project, self->building);
  compound = linli_project_get_compound (project, b->compound);
  community = linli_project_get_community (project, compound->community)->name;
  /* Translators: compound name and building name, e.g. 锦绣苑 3幢 */
  name = g_strdup_printf (_("%s %s"), compound->name, b->name[0] ? b->name : b->id);
  if (b->flags & LINLI_BUILDING_ESTIMATED)
    detail = g_strdup_printf (_("%s · %u households · %u residents (estimated)"), community,
                              b->households, b->residents);
  else
    detail = g_strdup_printf (_("%s · %u households · %u residents"), community, b->households, b->residents);
  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->detail_label, detail);
}

/* GObject overrides */

static void
linli_building_row_dispose (GObject *object)
{
  LinliBuildingRow *self = LINLI_BUILDING_ROW (object);

  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINLI_TYPE_BUILDING_ROW);
  G_OBJECT_CLASS (linli_building_row_parent_class)->dispose (object);
}

static void
linli_building_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LinliBuildingRow *self = LINLI_BUILDING_ROW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_BUILDING:
      g_value_set_uint (value, self->building);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_building_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LinliBuildingRow *self = LINLI_BUILDING_ROW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      linli_building_row_set_document (self, g_value_get_object (value));
      break;
    case PROP_BUILDING:
      linli_building_row_set_building (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_building_row_class_init (LinliBuildingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = linli_building_row_dispose;
  object_class->get_property = linli_building_row_get_property;
  object_class->set_property = linli_building_row_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, LINLI_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * LinliBuildingRow:building:
   *
   * The index of the building in the project; G_MAXUINT for none.
   */
  properties[PROP_BUILDING] =
    g_param_spec_uint ("building", NULL, NULL, 0, G_MAXUINT, G_MAXUINT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/cn/linli/Linli/linli-building-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LinliBuildingRow, box);
  gtk_widget_class_bind_template_child (widget_class, LinliBuildingRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, LinliBuildingRow, detail_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
linli_building_row_init (LinliBuildingRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->building = G_MAXUINT;
}

/* Public API */

GtkWidget *
linli_building_row_new (void)
{
  return g_object_new (LINLI_TYPE_BUILDING_ROW, NULL);
}

LinliDocument *
linli_building_row_get_document (LinliBuildingRow *self)
{
  g_return_val_if_fail (LINLI_IS_BUILDING_ROW (self), NULL);
  return self->document;
}

/**
 * linli_building_row_set_document:
 * @document: (nullable): the document whose project holds the building
 */
void
linli_building_row_set_document (LinliBuildingRow *self,
                                 LinliDocument    *document)
{
  g_return_if_fail (LINLI_IS_BUILDING_ROW (self));
  g_return_if_fail (document == NULL || LINLI_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

guint
linli_building_row_get_building (LinliBuildingRow *self)
{
  g_return_val_if_fail (LINLI_IS_BUILDING_ROW (self), G_MAXUINT);
  return self->building;
}

/**
 * linli_building_row_set_building:
 * @building: the index of a building of the document's project, or
 *   G_MAXUINT for none
 */
void
linli_building_row_set_building (LinliBuildingRow *self,
                                 guint             building)
{
  g_return_if_fail (LINLI_IS_BUILDING_ROW (self));

  if (self->building == building)
    return;
  self->building = building;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUILDING]);
}
