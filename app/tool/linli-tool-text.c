/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-tool"

#include "config.h"

#include "linli-tool-text.h"

/* Tables on a terminal: a Chinese character takes two columns, so
 * printf's padding by bytes would break them. */

/**
 * linli_tool_display_width:
 *
 * Returns: the terminal columns @text takes
 */
guint
linli_tool_display_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

/**
 * linli_tool_pad:
 *
 * Returns: (transfer full): @text, then spaces up to @columns
 */
char *
linli_tool_pad (const char *text,
                guint       columns)
{
  guint width = linli_tool_display_width (text);
  g_autofree char *spaces = g_strnfill (columns > width ? columns - width : 0, ' ');

  return g_strconcat (text, spaces, NULL);
}

/**
 * linli_tool_pad_left:
 *
 * Returns: (transfer full): spaces up to @columns, then @text
 */
char *
linli_tool_pad_left (const char *text,
                     guint       columns)
{
  guint width = linli_tool_display_width (text);
  g_autofree char *spaces = g_strnfill (columns > width ? columns - width : 0, ' ');

  return g_strconcat (spaces, text, NULL);
}
