/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "linli-document.h"

G_BEGIN_DECLS

#define LINLI_TYPE_SITE_ROW (linli_site_row_get_type ())
G_DECLARE_FINAL_TYPE (LinliSiteRow, linli_site_row, LINLI, SITE_ROW, GtkWidget)

GtkWidget     *linli_site_row_new          (void) G_GNUC_WARN_UNUSED_RESULT;

LinliDocument *linli_site_row_get_document (LinliSiteRow  *self);
void           linli_site_row_set_document (LinliSiteRow  *self,
                                            LinliDocument *document);
LinliSite     *linli_site_row_get_site     (LinliSiteRow *self);
void           linli_site_row_set_site     (LinliSiteRow *self,
                                            LinliSite    *site);

G_END_DECLS
