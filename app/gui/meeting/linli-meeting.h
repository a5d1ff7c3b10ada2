/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <shumate/shumate.h>

#include "linli-document.h"
#include "linli-map-layer.h"
#include "linli-meeting-view.h"

G_BEGIN_DECLS

#define LINLI_TYPE_MEETING (linli_meeting_get_type ())
G_DECLARE_FINAL_TYPE (LinliMeeting, linli_meeting, LINLI, MEETING, GtkWidget)

LinliMeeting     *linli_meeting_new              (void) G_GNUC_WARN_UNUSED_RESULT;

void              linli_meeting_set_document     (LinliMeeting  *self,
                                                  LinliDocument *document);
void              linli_meeting_set_map          (LinliMeeting  *self,
                                                  ShumateMap    *map,
                                                  LinliMapLayer *layer);
GListStore       *linli_meeting_get_views        (LinliMeeting *self);

void              linli_meeting_set_proposal     (LinliMeeting  *self,
                                                  const char   **ids,
                                                  guint          n);
void              linli_meeting_start            (LinliMeeting *self);
void              linli_meeting_stop             (LinliMeeting *self);
gboolean          linli_meeting_get_active       (LinliMeeting *self);

guint             linli_meeting_get_position     (LinliMeeting *self);
LinliMeetingView *linli_meeting_get_current_view (LinliMeeting *self);
gboolean          linli_meeting_go               (LinliMeeting *self,
                                                  guint         position);
gboolean          linli_meeting_step             (LinliMeeting *self,
                                                  int           delta);
const char       *linli_meeting_get_title        (LinliMeeting *self);
gboolean          linli_meeting_get_free_area    (LinliMeeting   *self,
                                                  graphene_rect_t *area);

gboolean          linli_meeting_get_show_legend  (LinliMeeting *self);
void              linli_meeting_set_show_legend  (LinliMeeting *self,
                                                  gboolean      show);

G_END_DECLS
