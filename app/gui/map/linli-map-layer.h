/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "linli-coverage.h"
#include "linli-painter.h"
#include "linli-project.h"
#include "linli-walk.h"

G_BEGIN_DECLS

#define LINLI_TYPE_MAP_LAYER (linli_map_layer_get_type ())
G_DECLARE_FINAL_TYPE (LinliMapLayer, linli_map_layer, LINLI, MAP_LAYER, ShumateLayer)

LinliMapLayer *linli_map_layer_new               (ShumateViewport *viewport) G_GNUC_WARN_UNUSED_RESULT;

LinliPainter  *linli_map_layer_get_painter       (LinliMapLayer *self);
gboolean       linli_map_layer_get_view          (LinliMapLayer *self,
                                                  LinliMapView  *view);

void           linli_map_layer_set_document      (LinliMapLayer *self,
                                                  LinliDocument *document);
void           linli_map_layer_set_selected_site (LinliMapLayer *self,
                                                  LinliSite     *site);
void           linli_map_layer_set_highlight     (LinliMapLayer *self,
                                                  int            building);
void           linli_map_layer_set_selected_buildings (LinliMapLayer *self,
                                                       const guint   *buildings,
                                                       guint          n);
void           linli_map_layer_set_proposal      (LinliMapLayer  *self,
                                                  const char    **ids,
                                                  const double   *adds,
                                                  guint           n);
gboolean       linli_map_layer_get_draw_background (LinliMapLayer *self);
void           linli_map_layer_set_draw_background (LinliMapLayer *self,
                                                    gboolean       draw);
void           linli_map_layer_set_show_candidate_circles (LinliMapLayer *self,
                                                           gboolean       show);
LinliSite     *linli_map_layer_pick_site         (LinliMapLayer *self,
                                                  double         x,
                                                  double         y);
int            linli_map_layer_pick_building     (LinliMapLayer *self,
                                                  double         x,
                                                  double         y);

G_END_DECLS
