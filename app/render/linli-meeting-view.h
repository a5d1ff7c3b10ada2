/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "linli-document.h"
#include "linli-map-view.h"
#include "linli-painter.h"

G_BEGIN_DECLS

/*
 * One prepared view of a meeting: what the room sees when the presenter
 * steps to it.  A title, what part of the district to show (a box to fit, or
 * a centre and zoom) and, optionally, how the painter should colour it.
 * The meeting mode keeps a list of them; the default list (district,
 * communities, the proposal) comes from linli_meeting_views_append_defaults(),
 * and other parts append their own, say a scenario's before and after.
 */

#define LINLI_TYPE_MEETING_VIEW (linli_meeting_view_get_type ())
G_DECLARE_FINAL_TYPE (LinliMeetingView, linli_meeting_view, LINLI, MEETING_VIEW, GObject)

LinliMeetingView *linli_meeting_view_new_bounds         (const char *kind,
                                                         const char *title,
                                                         double      min_lat,
                                                         double      min_lon,
                                                         double      max_lat,
                                                         double      max_lon)
                                                         G_GNUC_WARN_UNUSED_RESULT;
LinliMeetingView *linli_meeting_view_new_center         (const char *kind,
                                                         const char *title,
                                                         double      lat,
                                                         double      lon,
                                                         double      zoom)
                                                         G_GNUC_WARN_UNUSED_RESULT;

const char       *linli_meeting_view_get_kind           (LinliMeetingView *self);
const char       *linli_meeting_view_get_title          (LinliMeetingView *self);
gboolean          linli_meeting_view_get_bounds         (LinliMeetingView *self,
                                                         double           *min_lat,
                                                         double           *min_lon,
                                                         double           *max_lat,
                                                         double           *max_lon);
gboolean          linli_meeting_view_get_building_colors (LinliMeetingView    *self,
                                                          LinliBuildingColors *colors);
void              linli_meeting_view_set_building_colors (LinliMeetingView    *self,
                                                          LinliBuildingColors  colors);
gboolean          linli_meeting_view_get_show_grids     (LinliMeetingView *self,
                                                         gboolean         *show);
void              linli_meeting_view_set_show_grids     (LinliMeetingView *self,
                                                         gboolean          show);

gboolean          linli_meeting_view_compute            (LinliMeetingView *self,
                                                         int               width,
                                                         int               height,
                                                         double            margin,
                                                         LinliMapView     *view);
void              linli_meeting_view_apply              (LinliMeetingView *self,
                                                         LinliPainter     *painter);

void              linli_meeting_views_append_defaults   (GListStore    *views,
                                                         LinliDocument *document,
                                                         const char   **proposal_ids,
                                                         guint          n_proposal);

G_END_DECLS
