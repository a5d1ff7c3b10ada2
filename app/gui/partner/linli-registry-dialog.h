/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "linli-document.h"

G_BEGIN_DECLS

#define LINLI_TYPE_REGISTRY_DIALOG (linli_registry_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LinliRegistryDialog, linli_registry_dialog, LINLI, REGISTRY_DIALOG, GtkWindow)

LinliRegistryDialog *linli_registry_dialog_new          (LinliDocument       *document);
void                 linli_registry_dialog_set_location (LinliRegistryDialog *self,
                                                         const char          *location);
gboolean             linli_registry_dialog_load         (LinliRegistryDialog *self,
                                                         GError             **error);
gboolean             linli_registry_dialog_save         (LinliRegistryDialog *self,
                                                         GError             **error);
const char          *linli_registry_dialog_get_status   (LinliRegistryDialog *self);

G_END_DECLS
