/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-scenario"

#include "config.h"

#include "linli-scenario-compare-window.h"

#include <glib/gi18n.h>

#include "linli-map-layer.h"
#include "linli-scenario-project.h"

/* Two scenarios side by side: a map of each, drawn by a map layer of its
 * own document, with pan and zoom linked, and under them the key figures
 * of both with the change from A to B, coloured better or worse.  The two
 * documents are copies of the project built for each scenario
 * (linli_scenario_project_build()); they are built again, a moment after
 * the project changes, so the window follows edits. */

struct _LinliScenarioCompareWindow
{
  AdwWindow         parent_instance;

  /* Template children */
  GtkDropDown      *a_dropdown;
  GtkDropDown      *b_dropdown;
  GtkOverlay       *a_overlay;
  GtkOverlay       *b_overlay;
  GtkLabel         *a_label;
  GtkLabel         *b_label;
  GtkGrid          *figures_grid;

  LinliDocument    *document;        /* the window's: its project holds the scenarios */
  GSignalGroup     *project_signals;
  GSignalGroup     *scenarios_signals;
  GtkStringList    *names;
  GPtrArray        *ids;             /* char *: the drop-downs' ids, "base" first */
  char             *pair[2];         /* the ids shown */
  LinliDocument    *documents[2];
  LinliComparison  *comparison;
  ShumateMap       *maps[2];
  LinliMapLayer    *layers[2];
  ShumateMapSource *reference_source;
  gboolean          updating;
  gboolean          fitted;
  gboolean          fitting;         /* fit() is moving the maps */
  gboolean          moved;           /* someone else has */
  guint             rebuild_source;
};

G_DEFINE_FINAL_TYPE (LinliScenarioCompareWindow, linli_scenario_compare_window, ADW_TYPE_WINDOW)

/* Auxiliary methods */

static guint
index_of (LinliScenarioCompareWindow *self,
          const char                 *id)
{
  for (guint i = 0; i < self->ids->len; i++)
    if (g_strcmp0 (self->ids->pdata[i], id) == 0)
      return i;
  return 0;
}

static void
update_names (LinliScenarioCompareWindow *self)
{
  LinliProject *project = linli_document_get_project (self->document);
  LinliScenarios *scenarios = linli_project_get_scenarios (project);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  g_ptr_array_set_size (self->ids, 0);
  g_ptr_array_add (self->ids, g_strdup (LINLI_SCENARIO_BASE_ID));
  g_ptr_array_add (names, (gpointer) linli_scenarios_base_name ());
  for (guint i = 0; i < linli_scenarios_get_n (scenarios); i++)
    {
      LinliScenario *scenario = linli_scenarios_get (scenarios, i);

      g_ptr_array_add (self->ids, g_strdup (linli_scenario_get_id (scenario)));
      g_ptr_array_add (names, (gpointer) linli_scenario_get_name (scenario));
    }
  g_ptr_array_add (names, NULL);
  self->updating = TRUE;
  gtk_string_list_splice (self->names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->names)),
                          (const char *const *) names->pdata);
  self->updating = FALSE;
}

static GtkWidget *
cell (const char *text,
      float       xalign,
      const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, "numeric");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
fill_table (LinliScenarioCompareWindow *self)
{
  LinliProject *project = linli_document_get_project (self->document);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_grid))) != NULL)
    gtk_grid_remove (self->figures_grid, child);

  gtk_grid_attach (self->figures_grid, cell (_("Figure"), 0, "heading"), 0, 0, 1, 1);
  gtk_grid_attach (self->figures_grid, cell (linli_scenario_project_name (project, self->pair[0]),
                                             1, "heading"),
                   1, 0, 1, 1);
  gtk_grid_attach (self->figures_grid, cell (linli_scenario_project_name (project, self->pair[1]),
                                             1, "heading"),
                   2, 0, 1, 1);
  gtk_grid_attach (self->figures_grid, cell (_("Change"), 1, "heading"), 3, 0, 1, 1);
  gtk_grid_attach (self->figures_grid, cell (_("Change %"), 1, "heading"), 4, 0, 1, 1);
  for (guint i = 0; i < linli_comparison_get_n (self->comparison); i++)
    {
      const LinliComparisonRow *row = linli_comparison_get (self->comparison, i);
      g_autofree char *a = linli_figure_format (row->figure, row->a);
      g_autofree char *b = linli_figure_format (row->figure, row->b);
      g_autofree char *diff = linli_figure_format_change (row->figure, row->a, row->b);
      g_autofree char *percent = linli_figure_format_percent_change (row->a, row->b);
      /* Better in green, worse in red: libadwaita's own colours for
       * success and error, which keep their contrast in dark mode. */
      const char *judged = row->judge > 0 ? "success" : row->judge < 0 ? "error" : NULL;

      gtk_grid_attach (self->figures_grid, cell (row->figure->label, 0, NULL), 0, i + 1, 1, 1);
      gtk_grid_attach (self->figures_grid, cell (a, 1, NULL), 1, i + 1, 1, 1);
      gtk_grid_attach (self->figures_grid, cell (b, 1, NULL), 2, i + 1, 1, 1);
      gtk_grid_attach (self->figures_grid, cell (diff, 1, judged), 3, i + 1, 1, 1);
      gtk_grid_attach (self->figures_grid, cell (percent, 1, judged), 4, i + 1, 1, 1);
    }
}

static void
fit (LinliScenarioCompareWindow *self)
{
  LinliProject *project = linli_document_get_project (self->documents[0]);
  ShumateViewport *viewport = shumate_map_get_viewport (self->maps[0]);
  double min_lat, min_lon, max_lat, max_lon;
  double width = gtk_widget_get_width (GTK_WIDGET (self->maps[0]));
  double height = gtk_widget_get_height (GTK_WIDGET (self->maps[0]));
  LinliMapView view;

  if (!linli_project_get_bounds (project, &min_lat, &min_lon, &max_lat, &max_lon))
    return;
  if (width < 50 || height < 50)
    {
      int w, h;

      gtk_window_get_default_size (GTK_WINDOW (self), &w, &h);
      width = MAX (w / 2, 300);
      height = MAX (h * 6 / 10, 300);
    }
  if (!linli_map_view_fit (&view, min_lat, min_lon, max_lat, max_lon, (int) width, (int) height,
                           0.05 * MIN (width, height)))
    return;
  /* The second map follows through the bindings. */
  self->fitting = TRUE;
  shumate_viewport_set_zoom_level (viewport, view.zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), view.center_lat, view.center_lon);
  self->fitting = FALSE;
  self->fitted = TRUE;
}

/* Fits the district once the maps have their size, unless someone moved
 * them first. */
static gboolean
fit_tick_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  LinliScenarioCompareWindow *self = data;

  if (gtk_widget_get_width (widget) < 50 || gtk_widget_get_height (widget) < 50)
    return G_SOURCE_CONTINUE;
  if (!self->moved)
    fit (self);
  return G_SOURCE_REMOVE;
}

static void
on_viewport_moved_cb (LinliScenarioCompareWindow *self)
{
  if (!self->fitting)
    self->moved = TRUE;
}

/* Builds both documents and the comparison for the pair shown. */
static void
rebuild (LinliScenarioCompareWindow *self)
{
  LinliProject *project = linli_document_get_project (self->document);

  g_clear_pointer (&self->comparison, linli_comparison_free);
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliProject) built = linli_scenario_project_build (project, self->pair[k],
                                                                     &error);

      /* A scenario deleted since: show the base instead. */
      if (built == NULL)
        {
          g_free (self->pair[k]);
          self->pair[k] = g_strdup (LINLI_SCENARIO_BASE_ID);
          built = linli_scenario_project_build (project, self->pair[k], NULL);
        }
      g_clear_object (&self->documents[k]);
      self->documents[k] = linli_document_new (built, NULL);
      linli_map_layer_set_document (self->layers[k], self->documents[k]);
    }
  gtk_label_set_text (self->a_label, linli_scenario_project_name (project, self->pair[0]));
  gtk_label_set_text (self->b_label, linli_scenario_project_name (project, self->pair[1]));
  self->comparison = linli_comparison_new_for_documents (self->documents[0], self->documents[1]);
  fill_table (self);
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->a_dropdown, index_of (self, self->pair[0]));
  gtk_drop_down_set_selected (self->b_dropdown, index_of (self, self->pair[1]));
  self->updating = FALSE;
  if (!self->fitted)
    fit (self);
}

static ShumateMap *
make_map (LinliScenarioCompareWindow *self,
          GtkOverlay                 *overlay,
          LinliMapLayer             **layer)
{
  ShumateMap *map = shumate_map_new ();
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  ShumateScale *scale = shumate_scale_new (viewport);

  shumate_map_set_animate_zoom (map, FALSE);
  shumate_viewport_set_reference_map_source (viewport, self->reference_source);
  shumate_viewport_set_min_zoom_level (viewport, 3);
  shumate_viewport_set_max_zoom_level (viewport, 20);
  *layer = linli_map_layer_new (viewport);
  linli_map_layer_set_draw_background (*layer, TRUE);
  shumate_map_add_layer (map, SHUMATE_LAYER (*layer));
  gtk_widget_set_hexpand (GTK_WIDGET (map), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (map), TRUE);
  gtk_overlay_set_child (overlay, GTK_WIDGET (map));
  shumate_scale_set_unit (scale, SHUMATE_UNIT_METRIC);
  gtk_widget_set_halign (GTK_WIDGET (scale), GTK_ALIGN_END);
  gtk_widget_set_valign (GTK_WIDGET (scale), GTK_ALIGN_END);
  gtk_widget_set_margin_end (GTK_WIDGET (scale), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (scale), 12);
  gtk_widget_set_can_target (GTK_WIDGET (scale), FALSE);
  gtk_overlay_add_overlay (overlay, GTK_WIDGET (scale));
  return map;
}

/* Callbacks */

static void
on_dropdown_selected_cb (LinliScenarioCompareWindow *self)
{
  guint a = gtk_drop_down_get_selected (self->a_dropdown);
  guint b = gtk_drop_down_get_selected (self->b_dropdown);

  if (self->updating || a >= self->ids->len || b >= self->ids->len)
    return;
  linli_scenario_compare_window_set_pair (self, self->ids->pdata[a], self->ids->pdata[b]);
}

static gboolean
rebuild_cb (gpointer data)
{
  LinliScenarioCompareWindow *self = data;

  self->rebuild_source = 0;
  update_names (self);
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* Edits come in bursts (a drag, a plan accepted): build again once they
 * have stopped for a moment. */
static void
on_project_changed_cb (LinliScenarioCompareWindow *self)
{
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  self->rebuild_source = g_timeout_add (300, rebuild_cb, self);
}

/* GObject overrides */

static void
linli_scenario_compare_window_dispose (GObject *object)
{
  LinliScenarioCompareWindow *self = LINLI_SCENARIO_COMPARE_WINDOW (object);

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  g_clear_object (&self->project_signals);
  g_clear_object (&self->scenarios_signals);
  for (guint k = 0; k < 2; k++)
    {
      if (self->layers[k] != NULL)
        linli_map_layer_set_document (self->layers[k], NULL);
      g_clear_object (&self->documents[k]);
    }
  g_clear_pointer (&self->comparison, linli_comparison_free);
  g_clear_object (&self->document);
  g_clear_object (&self->names);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINLI_TYPE_SCENARIO_COMPARE_WINDOW);
  G_OBJECT_CLASS (linli_scenario_compare_window_parent_class)->dispose (object);
}

static void
linli_scenario_compare_window_finalize (GObject *object)
{
  LinliScenarioCompareWindow *self = LINLI_SCENARIO_COMPARE_WINDOW (object);

  g_clear_pointer (&self->ids, g_ptr_array_unref);
  g_clear_pointer (&self->pair[0], g_free);
  g_clear_pointer (&self->pair[1], g_free);
  g_clear_object (&self->reference_source);
  G_OBJECT_CLASS (linli_scenario_compare_window_parent_class)->finalize (object);
}

static void
linli_scenario_compare_window_class_init (LinliScenarioCompareWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = linli_scenario_compare_window_dispose;
  object_class->finalize = linli_scenario_compare_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/linli/Linli/linli-scenario-compare-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LinliScenarioCompareWindow, a_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LinliScenarioCompareWindow, b_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LinliScenarioCompareWindow, a_overlay);
  gtk_widget_class_bind_template_child (widget_class, LinliScenarioCompareWindow, b_overlay);
  gtk_widget_class_bind_template_child (widget_class, LinliScenarioCompareWindow, a_label);
  gtk_widget_class_bind_template_child (widget_class, LinliScenarioCompareWindow, b_label);
  gtk_widget_class_bind_template_child (widget_class, LinliScenarioCompareWindow, figures_grid);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
linli_scenario_compare_window_init (LinliScenarioCompareWindow *self)
{
  g_autoptr (ShumateMapSourceRegistry) registry = shumate_map_source_registry_new_with_defaults ();
  const char *const props[] = { "zoom-level", "latitude", "longitude" };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->a_dropdown, G_LIST_MODEL (self->names));
  gtk_drop_down_set_model (self->b_dropdown, G_LIST_MODEL (self->names));
  g_signal_connect_object (self->a_dropdown, "notify::selected",
                           G_CALLBACK (on_dropdown_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->b_dropdown, "notify::selected",
                           G_CALLBACK (on_dropdown_selected_cb), self,
                           G_CONNECT_SWAPPED);

  self->reference_source = g_object_ref (shumate_map_source_registry_get_by_id (registry,
                                                                                SHUMATE_MAP_SOURCE_OSM_MAPNIK));
  self->maps[0] = make_map (self, self->a_overlay, &self->layers[0]);
  self->maps[1] = make_map (self, self->b_overlay, &self->layers[1]);
  /* Linked pan and zoom: either map moves both. */
  for (guint i = 0; i < G_N_ELEMENTS (props); i++)
    g_object_bind_property (shumate_map_get_viewport (self->maps[0]), props[i],
                            shumate_map_get_viewport (self->maps[1]), props[i],
                            G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  g_signal_connect_object (shumate_map_get_viewport (self->maps[0]), "notify::zoom-level",
                           G_CALLBACK (on_viewport_moved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (shumate_map_get_viewport (self->maps[0]), "notify::latitude",
                           G_CALLBACK (on_viewport_moved_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_tick_callback (GTK_WIDGET (self->maps[0]), fit_tick_cb, self, NULL);

  self->project_signals = g_signal_group_new (LINLI_TYPE_PROJECT);
  g_signal_group_connect_object (self->project_signals, "changed",
                                 G_CALLBACK (on_project_changed_cb), self,
                                 G_CONNECT_SWAPPED);
  self->scenarios_signals = g_signal_group_new (LINLI_TYPE_SCENARIOS);
  g_signal_group_connect_object (self->scenarios_signals, "changed",
                                 G_CALLBACK (on_project_changed_cb), self,
                                 G_CONNECT_SWAPPED);
}

/* Public API */

/**
 * linli_scenario_compare_window_new:
 * @document: the document whose scenarios to compare
 *
 * Returns: (transfer full): a window comparing the current state with the
 *   active scenario, or with the first when the current state is active
 */
LinliScenarioCompareWindow *
linli_scenario_compare_window_new (LinliDocument *document)
{
  LinliScenarioCompareWindow *self;
  LinliScenarios *scenarios;
  const char *b;

  g_return_val_if_fail (LINLI_IS_DOCUMENT (document), NULL);

  self = g_object_new (LINLI_TYPE_SCENARIO_COMPARE_WINDOW, NULL);
  self->document = g_object_ref (document);
  scenarios = linli_project_get_scenarios (linli_document_get_project (document));
  g_signal_group_set_target (self->project_signals, linli_document_get_project (document));
  g_signal_group_set_target (self->scenarios_signals, scenarios);
  update_names (self);
  b = linli_scenarios_get_active (scenarios);
  if (b == NULL && linli_scenarios_get_n (scenarios) > 0)
    b = linli_scenario_get_id (linli_scenarios_get (scenarios, 0));
  linli_scenario_compare_window_set_pair (self, LINLI_SCENARIO_BASE_ID,
                                          b ? b : LINLI_SCENARIO_BASE_ID);
  return self;
}

/**
 * linli_scenario_compare_window_set_pair:
 * @a: the id of the scenario on the left, "base" for the current state
 * @b: the one on the right
 *
 * Returns: %TRUE if both were found and are shown
 */
gboolean
linli_scenario_compare_window_set_pair (LinliScenarioCompareWindow *self,
                                        const char                 *a,
                                        const char                 *b)
{
  LinliScenarios *scenarios;

  g_return_val_if_fail (LINLI_IS_SCENARIO_COMPARE_WINDOW (self), FALSE);

  scenarios = linli_project_get_scenarios (linli_document_get_project (self->document));
  for (guint k = 0; k < 2; k++)
    {
      const char *id = k == 0 ? a : b;

      if (g_strcmp0 (id, LINLI_SCENARIO_BASE_ID) != 0 &&
          linli_scenarios_find (scenarios, id, NULL) == NULL)
        return FALSE;
    }
  g_free (self->pair[0]);
  self->pair[0] = g_strdup (a);
  g_free (self->pair[1]);
  self->pair[1] = g_strdup (b);
  rebuild (self);
  return TRUE;
}

/**
 * linli_scenario_compare_window_get_comparison:
 *
 * Returns: (transfer none): the figures shown
 */
const LinliComparison *
linli_scenario_compare_window_get_comparison (LinliScenarioCompareWindow *self)
{
  return self->comparison;
}

/**
 * linli_scenario_compare_window_get_viewport:
 * @which: 0 for the left map, 1 for the right
 *
 * Returns: (transfer none): that map's viewport
 */
ShumateViewport *
linli_scenario_compare_window_get_viewport (LinliScenarioCompareWindow *self,
                                            guint                       which)
{
  g_return_val_if_fail (which < 2, NULL);
  return shumate_map_get_viewport (self->maps[which]);
}

/**
 * linli_scenario_compare_window_get_cell:
 * @row: a figure's row, 0 for the first figure
 * @column: 0 label, 1 A, 2 B, 3 change, 4 change in per cent
 *
 * Returns: (transfer none) (nullable): the label in that cell, for tests
 */
GtkWidget *
linli_scenario_compare_window_get_cell (LinliScenarioCompareWindow *self,
                                        guint                       row,
                                        guint                       column)
{
  return gtk_grid_get_child_at (self->figures_grid, column, row + 1);
}
