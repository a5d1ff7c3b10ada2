/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "linli-document.h"

G_BEGIN_DECLS

#define LINLI_TYPE_SITE_EDITOR (linli_site_editor_get_type ())
G_DECLARE_FINAL_TYPE (LinliSiteEditor, linli_site_editor, LINLI, SITE_EDITOR, GtkWidget)

GtkWidget     *linli_site_editor_new          (void) G_GNUC_WARN_UNUSED_RESULT;

LinliDocument *linli_site_editor_get_document (LinliSiteEditor *self);
void           linli_site_editor_set_document (LinliSiteEditor *self,
                                               LinliDocument   *document);
LinliSite     *linli_site_editor_get_site     (LinliSiteEditor *self);
void           linli_site_editor_set_site     (LinliSiteEditor *self,
                                               LinliSite       *site);

G_END_DECLS
