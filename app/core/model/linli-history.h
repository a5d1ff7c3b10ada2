/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-project.h"

G_BEGIN_DECLS

#define LINLI_TYPE_HISTORY (linli_history_get_type ())
G_DECLARE_FINAL_TYPE (LinliHistory, linli_history, LINLI, HISTORY, GObject)

LinliHistory *linli_history_new             (LinliProject *project) G_GNUC_WARN_UNUSED_RESULT;
LinliProject *linli_history_get_project     (LinliHistory *self);

gboolean      linli_history_get_can_undo    (LinliHistory *self);
gboolean      linli_history_get_can_redo    (LinliHistory *self);
gboolean      linli_history_get_modified    (LinliHistory *self);
const char   *linli_history_get_undo_label  (LinliHistory *self);
const char   *linli_history_get_redo_label  (LinliHistory *self);
void          linli_history_set_saved       (LinliHistory *self);

gboolean      linli_history_undo            (LinliHistory *self);
gboolean      linli_history_redo            (LinliHistory *self);

LinliSite    *linli_history_add_site        (LinliHistory         *self,
                                             const LinliSiteState *state);
void          linli_history_remove_site     (LinliHistory *self,
                                             LinliSite    *site);
void          linli_history_edit_site       (LinliHistory         *self,
                                             const char           *label,
                                             LinliSite            *site,
                                             const LinliSiteState *state);
void          linli_history_record_site     (LinliHistory         *self,
                                             const char           *label,
                                             LinliSite            *site,
                                             const LinliSiteState *before);
void          linli_history_set_walk        (LinliHistory *self,
                                             double        minutes,
                                             double        speed);
void          linli_history_set_distance    (LinliHistory  *self,
                                             LinliDistance  distance);
void          linli_history_begin_group     (LinliHistory *self,
                                             const char   *label);
void          linli_history_end_group       (LinliHistory *self);

G_END_DECLS
