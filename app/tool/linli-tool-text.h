/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint  linli_tool_display_width (const char *text);
char  *linli_tool_pad           (const char *text,
                                 guint       columns) G_GNUC_WARN_UNUSED_RESULT;
char  *linli_tool_pad_left      (const char *text,
                                 guint       columns) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
