/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "linli-document.h"

G_BEGIN_DECLS

#define LINLI_TYPE_COMMUNITY_ROW (linli_community_row_get_type ())
G_DECLARE_FINAL_TYPE (LinliCommunityRow, linli_community_row, LINLI, COMMUNITY_ROW, GtkWidget)

GtkWidget     *linli_community_row_new           (void) G_GNUC_WARN_UNUSED_RESULT;

LinliDocument *linli_community_row_get_document  (LinliCommunityRow *self);
void           linli_community_row_set_document  (LinliCommunityRow *self,
                                                  LinliDocument     *document);
guint          linli_community_row_get_community (LinliCommunityRow *self);
void           linli_community_row_set_community (LinliCommunityRow *self,
                                                  guint              community);

G_END_DECLS
