/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "linli-coverage.h"
#include "linli-csv-dialog.h"
#include "linli-document.h"
#include "linli-grid-panel.h"
#include "linli-history.h"
#include "linli-import.h"
#include "linli-project.h"

G_BEGIN_DECLS

#define LINLI_TYPE_WINDOW (linli_window_get_type ())
G_DECLARE_FINAL_TYPE (LinliWindow, linli_window, LINLI, WINDOW, AdwApplicationWindow)

LinliWindow         *linli_window_new            (GtkApplication *application) G_GNUC_WARN_UNUSED_RESULT;

gboolean             linli_window_open_file      (LinliWindow  *self,
                                                  GFile        *file,
                                                  GError      **error);
gboolean             linli_window_import         (LinliWindow              *self,
                                                  GFile                    *file,
                                                  const LinliImportOptions *options,
                                                  GError                  **error);
void                 linli_window_show_import    (LinliWindow  *self,
                                                  LinliProject *project);
void                 linli_window_show_derived   (LinliWindow  *self,
                                                  LinliProject *project);
gboolean             linli_window_add_streets    (LinliWindow              *self,
                                                  GFile                    *file,
                                                  const LinliImportOptions *options,
                                                  GError                  **error);
LinliCsvDialog      *linli_window_open_csv_dialog (LinliWindow  *self,
                                                   GFile        *file,
                                                   GError      **error);
gboolean             linli_window_save_file      (LinliWindow  *self,
                                                  GFile        *file,
                                                  GError      **error);
void                 linli_window_set_document   (LinliWindow   *self,
                                                  LinliDocument *document);
void                 linli_window_set_project    (LinliWindow  *self,
                                                  LinliProject *project,
                                                  GFile        *file);
LinliProject        *linli_window_get_project    (LinliWindow *self);
LinliHistory        *linli_window_get_history    (LinliWindow *self);
LinliDocument       *linli_window_get_document   (LinliWindow *self);
GFile               *linli_window_get_file       (LinliWindow *self);
LinliSite           *linli_window_get_selected_site (LinliWindow *self);
void                 linli_window_select_site    (LinliWindow *self,
                                                  LinliSite   *site,
                                                  gboolean     center);
void                 linli_window_add_site_at    (LinliWindow *self,
                                                  double       lat,
                                                  double       lon);
void                 linli_window_zoom_to_fit    (LinliWindow *self);
gboolean             linli_window_set_basemap_file (LinliWindow  *self,
                                                    const char   *path,
                                                    GError      **error);
gboolean             linli_window_save_png       (LinliWindow  *self,
                                                  gboolean      map_only,
                                                  const char   *path,
                                                  GError      **error);

LinliGridPanel      *linli_window_get_grid_panel (LinliWindow *self);
LinliGrid           *linli_window_get_selected_grid (LinliWindow *self);
void                 linli_window_select_grid    (LinliWindow *self,
                                                  LinliGrid   *grid,
                                                  gboolean     show);
void                 linli_window_grid_tool_click_at (LinliWindow *self,
                                                      double       lat,
                                                      double       lon);
int                  linli_window_get_grid_tool  (LinliWindow *self);

gboolean             linli_window_export_map_png (LinliWindow  *self,
                                                  const char   *path,
                                                  gboolean      legend,
                                                  GError      **error);

G_END_DECLS
