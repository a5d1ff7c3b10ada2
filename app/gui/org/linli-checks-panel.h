/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "linli-document.h"

G_BEGIN_DECLS

#define LINLI_TYPE_CHECKS_PANEL (linli_checks_panel_get_type ())
G_DECLARE_FINAL_TYPE (LinliChecksPanel, linli_checks_panel, LINLI, CHECKS_PANEL, GtkWidget)

LinliChecksPanel     *linli_checks_panel_new           (void) G_GNUC_WARN_UNUSED_RESULT;
void                  linli_checks_panel_set_document  (LinliChecksPanel *self,
                                                        LinliDocument    *document);
GListModel           *linli_checks_panel_get_rows      (LinliChecksPanel *self);
const LinliViolation *linli_checks_panel_get_violation (LinliChecksPanel *self,
                                                        guint             position);
void                  linli_checks_panel_set_rule      (LinliChecksPanel *self,
                                                        const char       *rule);
void                  linli_checks_panel_activate      (LinliChecksPanel *self,
                                                        guint             position);
const char           *linli_checks_rule_get_label      (const char *rule);

G_END_DECLS
