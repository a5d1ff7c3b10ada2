/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "linli-crs.h"
#include "linli-document.h"
#include "linli-grid-panel.h"
#include "linli-project-edits.h"
#include "linli-building-row.h"
#include "linli-building-editor.h"
#include "linli-checks-panel.h"
#include "linli-community-row.h"
#include "linli-index-list.h"
#include "linli-map-layer.h"
#include "linli-mbtiles-source.h"
#include "linli-meeting.h"
#include "linli-org-dialog.h"
#include "linli-partner-list-dialog.h"
#include "linli-org-panel.h"
#include "linli-partner-panel.h"
#include "linli-plan-panel.h"
#include "linli-reach-editor.h"
#include "linli-scenario-switcher.h"
#include "linli-site-editor.h"
#include "linli-site-row.h"
#include "linli-window.h"

G_BEGIN_DECLS

/* What a click on the map does while a grid tool is on. */
typedef enum
{
  LINLI_GRID_TOOL_NONE,
  LINLI_GRID_TOOL_DRAW,       /* clicks add vertices of a new grid */
  LINLI_GRID_TOOL_SPLIT,      /* clicks add points of a cut across the selected grid */
  LINLI_GRID_TOOL_MERGE,      /* a click picks the grid to merge the selected one with */
  LINLI_GRID_TOOL_VERTICES,   /* drags move the selected grid's vertices */
  LINLI_GRID_TOOL_COMMUNITY_BOUNDARY, /* clicks add vertices of a community's boundary */
  LINLI_GRID_TOOL_COMPOUND_BOUNDARY,  /* clicks add vertices of a compound's boundary */
} LinliGridTool;

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
  LinliReachEditor    *reach_editor;
  GtkWidget           *street_legend;
  GtkWidget           *water_legend;
  GtkWidget           *partner_legend;
  GtkWidget           *grid_legend;
  GtkSpinButton       *minutes_spin;
  GtkSpinButton       *speed_spin;
  GtkListView         *community_view;
  GtkStack            *side_stack;
  GtkListView         *site_view;
  GtkListView         *uncovered_view;
  LinliSiteEditor     *site_editor;
  LinliPlanPanel      *plan_panel;
  LinliScenarioSwitcher *scenario_switcher;
  LinliGridPanel      *grid_panel;
  GtkLabel            *grid_hint;
  LinliOrgPanel       *org_panel;
  LinliPartnerPanel   *partner_panel;
  LinliChecksPanel    *checks_panel;
  GtkWidget           *coverage_legend;
  GtkWidget           *chain_legend;
  GMenu               *recent_submenu;
  GtkWidget           *header_bar;
  GtkWidget           *side_panel;
  LinliBuildingEditor *building_editor;

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

  /* Grid tools (linli-window-grids.c) */
  LinliGridTool        grid_tool;
  guint                boundary_target;   /* whose boundary is drawn, G_MAXUINT: the nearest building's */
  GArray              *grid_points;       /* LinliLatLon: the vertices clicked so far */
  gboolean             grid_pointer_in;   /* the pointer is over the map: rubber band to it */
  double               grid_pointer_lat;
  double               grid_pointer_lon;
  LinliGrid           *grid_selected;     /* owned by the project */
  LinliGrid           *drag_grid;         /* a vertex of it being dragged */
  guint                drag_ring;
  guint                drag_vertex;

  /* Selecting buildings (linli-window-buildings.c) */
  GArray              *lasso;             /* LinliLatLon: the outline dragged so far */
  GtkWidget           *lasso_area;        /* draws it over the map */

  /* Meeting mode (linli-window-meeting.c) */
  LinliMeeting        *meeting;
  gboolean             meeting_was_fullscreen;
  double               meeting_lat;       /* where the map was before */
  double               meeting_lon;
  double               meeting_zoom;
  char                *meeting_scenario;   /* the scenario open when the meeting began */
  /* Closing or replacing an unsaved import: the file chooser of Save As,
   * while it is open */
  GtkNativeDialog     *save_as_chooser;
  /* The side panel's panes (linli-window-lists.c) and the legend's parts
   * (linli-window-legend.c), from the template */
  GtkPaned            *side_paned;
  GtkPaned            *sites_paned;
  GtkWidget           *legend_header;
  GtkToggleButton     *legend_toggle;
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
GtkWidget *linli_window_crs_dropdown_new  (void);
LinliCrs   linli_window_crs_from_dropdown (GtkDropDown *dropdown);

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

/* linli-window-gis.c */
void linli_window_preview_gis_import (LinliWindow *self,
                                      GFile       *file);
/* linli-window-boundaries.c */
void linli_window_preview_boundaries (LinliWindow *self,
                                      GFile       *file);
void     linli_window_toast                   (LinliWindow *self,
                                               const char  *text,
                                               guint        timeout);
/* linli-window-grids.c */
void     linli_window_class_init_grid_actions (GtkWidgetClass *widget_class);
void     linli_window_init_grids              (LinliWindow *self);
void     linli_window_dispose_grids           (LinliWindow *self);
void     linli_window_update_grid_actions     (LinliWindow *self);
void     linli_window_draw_boundary_of        (LinliWindow *self,
                                               gboolean     compound,
                                               guint        index);
gboolean linli_window_grid_click              (LinliWindow *self,
                                               int          n_press,
                                               double       x,
                                               double       y);
gboolean linli_window_grid_cancel             (LinliWindow *self);
gboolean linli_window_grid_drag_begin         (LinliWindow *self,
                                               double       x,
                                               double       y);
void     linli_window_grid_drag_update        (LinliWindow *self,
                                               double       x,
                                               double       y);
void     linli_window_grid_drag_end           (LinliWindow *self,
                                               double       x,
                                               double       y);
void     linli_window_grids_document_changed  (LinliWindow *self);
void     linli_window_partners_document_changed (LinliWindow *self);

/* linli-window-meeting.c */
void     linli_window_init_meeting (LinliWindow *self);
gboolean linli_window_get_meeting  (LinliWindow *self);
void     linli_window_set_meeting  (LinliWindow *self,
                                    gboolean     meeting);

/* linli-window-org.c */
LinliOrgDialog *linli_window_open_org_dialog   (LinliWindow  *self,
                                                GFile        *file,
                                                GError      **error);
void            linli_window_import_org_action (GtkWidget  *widget,
                                                const char *action_name,
                                                GVariant   *param);
void              linli_window_choose_list_file    (LinliWindow *self,
                                                    const char  *title,
                                                    GCallback    response_cb);
LinliPartnerListDialog *
                  linli_window_open_partner_list_dialog (LinliWindow       *self,
                                                         LinliPartnerList   list,
                                                         GFile             *file,
                                                         GError           **error);
typedef struct _LinliRegistryDialog LinliRegistryDialog;
LinliRegistryDialog *linli_window_open_registry_dialog (LinliWindow *self);
void              linli_window_partner_registry_action (GtkWidget  *widget,
                                                        const char *action_name,
                                                        GVariant   *param);
void              linli_window_import_units_action (GtkWidget  *widget,
                                                    const char *action_name,
                                                    GVariant   *param);
void              linli_window_import_needs_action (GtkWidget  *widget,
                                                    const char *action_name,
                                                    GVariant   *param);

/* linli-window-sites.c */
typedef struct _LinliSitesDialog LinliSitesDialog;
LinliSitesDialog *linli_window_open_sites_dialog      (LinliWindow  *self,
                                                       GFile        *file,
                                                       GError      **error);
void              linli_window_import_sites_action    (GtkWidget  *widget,
                                                       const char *action_name,
                                                       GVariant   *param);
void              linli_window_sites_from_kind_action (GtkWidget  *widget,
                                                       const char *action_name,
                                                       GVariant   *param);

/* linli-window-csv.c */
void linli_window_import_csv_action  (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param);

/* linli-window-buildings.c */
void     linli_window_class_init_building_actions (GtkWidgetClass *widget_class);
void     linli_window_init_buildings              (LinliWindow *self);
void     linli_window_update_building_actions     (LinliWindow *self);
void     linli_window_select_buildings            (LinliWindow *self,
                                                   const guint *buildings,
                                                   guint        n,
                                                   gboolean     show_page);
gboolean linli_window_lasso_begin                 (LinliWindow *self,
                                                   double       x,
                                                   double       y);
void     linli_window_lasso_update                (LinliWindow *self,
                                                   double       x,
                                                   double       y);
void     linli_window_lasso_end                   (LinliWindow *self);

/* The side panel's lists (linli-window-lists.c) */
void       linli_window_init_lists         (LinliWindow *self);
gboolean   linli_window_zoom_to_community  (LinliWindow *self,
                                            guint        community);
LinliSite *linli_window_nearest_site       (LinliWindow *self,
                                            guint        building,
                                            double      *distance);
char      *linli_window_describe_building  (LinliWindow *self,
                                            guint        building);

/* The legend over the map (linli-window-legend.c) */
void linli_window_init_legend (LinliWindow *self);
void linli_window_move_legend (LinliWindow *self,
                               int          start,
                               int          bottom);

G_END_DECLS
