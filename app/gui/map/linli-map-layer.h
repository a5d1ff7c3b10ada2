/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "linli-coverage.h"
#include "linli-walk.h"
#include "linli-project.h"

G_BEGIN_DECLS

#define LINLI_TYPE_MAP_LAYER (linli_map_layer_get_type ())
G_DECLARE_FINAL_TYPE (LinliMapLayer, linli_map_layer, LINLI, MAP_LAYER, ShumateLayer)

LinliMapLayer *linli_map_layer_new               (ShumateViewport *viewport) G_GNUC_WARN_UNUSED_RESULT;

void           linli_map_layer_set_project       (LinliMapLayer *self,
                                                  LinliProject  *project);
void           linli_map_layer_set_coverage      (LinliMapLayer       *self,
                                                  const LinliCoverage *coverage);
void           linli_map_layer_set_streets       (LinliMapLayer   *self,
                                                  LinliWalk       *walk,
                                                  const double    *node_distances,
                                                  double           radius);
void           linli_map_layer_set_selected_site (LinliMapLayer *self,
                                                  LinliSite     *site);
void           linli_map_layer_set_highlight     (LinliMapLayer *self,
                                                  int            building);
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

/* Colours shared by the drawing and the tests, as 0xRRGGBB. */
#define LINLI_COLOR_COVERED   0x3f7cc4
#define LINLI_COLOR_UNCOVERED 0xe4572e
#define LINLI_COLOR_PARTLY    0xf2b8a0
#define LINLI_COLOR_STREET    0xfbfaf7
#define LINLI_COLOR_PROPOSED  0x1b8a4a
/* Streets by the walk to the nearest site: within half the rule, within
 * the rule, within one and a half times, farther, not connected. */
#define LINLI_COLOR_WALK_NEAR  0x1a9850
#define LINLI_COLOR_WALK_IN    0x91cf60
#define LINLI_COLOR_WALK_OVER  0xfc8d59
#define LINLI_COLOR_WALK_FAR   0xd73027
#define LINLI_COLOR_WALK_NONE  0xb8b2a7

G_END_DECLS
