/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "linli-window.h"

G_BEGIN_DECLS

void         linli_test_wait_ms       (guint ms);
guint32      linli_test_pixel_at      (GdkTexture   *texture,
                                       const guchar *data,
                                       int           x,
                                       int           y);
gboolean     linli_test_colour_near   (guint32 a,
                                       guint32 b);
void         linli_test_remove_dir    (const char *path);
void         linli_test_screenshot    (GtkWidget  *widget,
                                       const char *name);
LinliWindow *linli_test_sample_window (void) G_GNUC_WARN_UNUSED_RESULT;
void         linli_test_close_window  (LinliWindow *window);

G_END_DECLS
