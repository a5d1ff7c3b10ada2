/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-json"

#include "config.h"

#include "linli-json.h"

#include "linli-file.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/**
 * linli_json_check_depth:
 * @data: (array length=length): JSON text
 * @max_depth: the deepest nesting allowed
 * @line: (out): where the nesting first goes deeper, when it does
 *
 * Measures how deep arrays and objects nest in @data, in one pass and
 * without recursion.  Brackets inside strings do not count; a backslash
 * in a string escapes the next byte, so `"\""` stays one string.  The
 * text need not be valid JSON: the parser judges that afterwards.
 *
 * Returns: %TRUE if no array or object nests deeper than @max_depth
 */
gboolean
linli_json_check_depth (const char *data,
                        gsize       length,
                        guint       max_depth,
                        guint      *line)
{
  gboolean in_string = FALSE;
  guint depth = 0, at = 1;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\n')
        at++;
      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            {
              *line = at;
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }
  return TRUE;
}

/**
 * linli_json_load_file:
 * @path: the file
 * @domain: the error domain of the caller
 * @code: the error code for a file that cannot be read or parsed
 *
 * Reads and parses @path with json-glib once linli_json_check_depth()
 * has found it no deeper than %LINLI_JSON_MAX_DEPTH.  Errors read
 * "FILE:LINE: reason" where there is a line.
 *
 * Returns: (transfer full): the parser holding the document, or %NULL
 *   with @error set
 */
JsonParser *
linli_json_load_file (const char  *path,
                      GQuark       domain,
                      int          code,
                      GError     **error)
{
  g_autoptr (GMappedFile) file = NULL;
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *data;
  gsize length;
  guint line = 0;

  file = linli_file_map (path, &local_error);
  if (file == NULL)
    {
      g_set_error (error, domain, code, "%s", local_error->message);
      return NULL;
    }
  data = g_mapped_file_get_contents (file);
  length = g_mapped_file_get_length (file);
  if (data == NULL)
    data = "";
  if (!linli_json_check_depth (data, length, LINLI_JSON_MAX_DEPTH, &line))
    {
      g_set_error (error, domain, code, _("%s:%u: arrays and objects nested deeper than %u levels"),
                   path, line, LINLI_JSON_MAX_DEPTH);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      /* json-glib names data it was given "<data>"; name the file. */
      const char *message = local_error->message;

      if (g_str_has_prefix (message, "<data>:"))
        g_set_error (error, domain, code, "%s:%s", path, message + strlen ("<data>:"));
      else
        g_set_error (error, domain, code, "%s: %s", path, message);
      return NULL;
    }
  return g_steal_pointer (&parser);
}
