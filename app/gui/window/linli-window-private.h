/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "linli-document.h"
#include "linli-project-edits.h"
#include "linli-building-row.h"
#include "linli-checks-panel.h"
#include "linli-community-row.h"
#include "linli-index-list.h"
#include "linli-map-layer.h"
#include "linli-mbtiles-source.h"
#include "linli-org-panel.h"
#include "linli-plan-panel.h"
#include "linli-site-editor.h"
#include "linli-site-row.h"
#include "linli-window.h"

G_BEGIN_DECLS

struct _LinliWindow
{
  AdwApplicationWindow parent_instance;

  /* Template children */
  AdwWindowTitle      *window_title;
  AdwToastOverlay     *toast_overlay;
  GtkOverlay          *map_overlay;
  GtkWidget           *legend;
  GtkLabel            *legend_rule;
  GtkLabel            *map_hint;
  GtkLabel            *district_label;
  GtkLabel            *households_share_label;
  GtkLabel            *households_label;
  GtkLabel            *residents_label;
  GtkLabel            *buildings_label;
  GtkLabel            *street_gap_label;
  GtkDropDown         *distance_dropdown;
  GtkWidget           *street_legend;
  GtkSpinButton       *minutes_spin;
  GtkSpinButton       *speed_spin;
  GtkListView         *community_view;
  GtkStack            *side_stack;
  GtkListView         *site_view;
  GtkListView         *uncovered_view;
  LinliSiteEditor     *site_editor;
  LinliPlanPanel      *plan_panel;
  LinliOrgPanel       *org_panel;
  LinliChecksPanel    *checks_panel;
  GtkWidget           *coverage_legend;
  GtkWidget           *chain_legend;
  GMenu               *recent_submenu;

  /* The map */
  ShumateMap          *map;
  ShumateMapSource    *reference_source;
  LinliMapLayer       *layer;
  LinliMbtilesSource  *basemap;           /* NULL: Linli's own drawing */
  ShumateMapLayer     *tile_layer;        /* the basemap's, below layer */
  GtkLabel            *attribution;

  /* The document shown, and its project and history for short */
  LinliDocument       *document;
  LinliProject        *project;
  LinliHistory        *history;
  GSignalGroup        *document_signals;
  GSignalGroup        *project_signals;
  GSignalGroup        *history_signals;
  LinliIndexList      *uncovered;
  GtkSingleSelection  *site_selection;
  GtkSingleSelection  *uncovered_selection;
  LinliIndexList      *communities;
  LinliSite           *selected;          /* owned by the project */

  /* Interaction state */
  gboolean             add_mode;
  gboolean             show_candidate_circles;
  gboolean             chain_colors;      /* buildings coloured by the organisation chain */
  gboolean             updating;          /* filling the walk widgets from the project */
  gboolean             close_confirmed;
  LinliSite           *drag_site;
  LinliSiteState      *drag_before;
  double               press_x;
  double               press_y;
};

void linli_window_class_init_actions (GtkWidgetClass *widget_class);
void linli_window_init_actions       (LinliWindow *self);
void linli_window_update_actions     (LinliWindow *self);
void linli_window_update_recent_menu (LinliWindow *self);
void linli_window_set_add_mode       (LinliWindow *self,
                                      gboolean     add_mode);
void linli_window_show_error         (LinliWindow  *self,
                                      const char   *heading,
                                      const GError *error);
void linli_window_preview_import     (LinliWindow *self,
                                      GFile       *file);
void linli_window_preview_add_streets (LinliWindow *self,
                                       GFile       *file);

typedef void (*LinliWindowContinue) (LinliWindow *self,
                                     gpointer     data);

gboolean linli_window_is_modified     (LinliWindow         *self);
char    *linli_window_local_path      (GFile               *file,
                                       GError             **error);
void     linli_window_confirm_replace (LinliWindow         *self,
                                       const char          *body,
                                       LinliWindowContinue  cont,
                                       gpointer             data,
                                       GDestroyNotify       destroy);

/* linli-window-csv.c */
void linli_window_import_csv_action  (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param);

G_END_DECLS
