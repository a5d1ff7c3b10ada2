/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-fuzz"

#include "config.h"

#include "fuzz-common.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xmlerror.h>

#include "linli-format.h"

/* Temporary files by role ("input", "streets", "saved.linli" …): path. */
static GHashTable *temp_files;

/* Auxiliary methods */

static GLogWriterOutput
fatal_writer (GLogLevelFlags   log_level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  GLogWriterOutput ret = g_log_writer_standard_streams (log_level, fields, n_fields, user_data);

  /* A critical or a warning is a bug the fuzzer found: crash, so that
   * libFuzzer saves the input. */
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL))
    abort ();
  return ret;
}

/* libxml2 prints what it cannot tell a parser context on stderr; the
 * readers must turn all of it into their errors (linli-xml.c). */
static void
generic_xml_error (void       *context,
                   const char *format,
                   ...)
{
  fprintf (stderr, "fuzz: libxml2 wrote an error on stderr instead of the reader's error: %s\n", format);
  abort ();
}

static void
remove_temp_files (void)
{
  GHashTableIter iter;
  gpointer path;

  if (temp_files == NULL)
    return;
  g_hash_table_iter_init (&iter, temp_files);
  while (g_hash_table_iter_next (&iter, NULL, &path))
    g_unlink (path);
  g_clear_pointer (&temp_files, g_hash_table_unref);
}

/* Public */

void
fuzz_init (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_log_set_writer_func (fatal_writer, NULL, NULL);
  xmlSetGenericErrorFunc (NULL, generic_xml_error);
  temp_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  atexit (remove_temp_files);
}

/* Writes @data to the temporary file of @role (made on first use, then
 * reused for every input) and returns its path.  The role ends the file
 * name, so a reader that looks at the extension sees the right one. */
const char *
fuzz_write_temp (const char *role,
                 const void *data,
                 gsize       size)
{
  const char *path = g_hash_table_lookup (temp_files, role);
  FILE *f;

  if (path == NULL)
    {
      g_autofree char *tmpl = g_strdup_printf ("linli-fuzz-XXXXXX-%s", role);
      g_autoptr (GError) error = NULL;
      char *name = NULL;
      int fd = g_file_open_tmp (tmpl, &name, &error);

      if (fd < 0)
        {
          fprintf (stderr, "fuzz: no temporary file: %s\n", error->message);
          abort ();
        }
      close (fd);
      g_hash_table_insert (temp_files, g_strdup (role), name);
      path = name;
    }

  f = fopen (path, "wb");
  if (f == NULL || (size > 0 && fwrite (data, 1, size, f) != size) || fclose (f) != 0)
    {
      fprintf (stderr, "fuzz: cannot write %s\n", path);
      abort ();
    }
  return path;
}

/* Saves @project as .linli, loads that again and saves it once more: the
 * load must succeed and the two saves must be the same bytes.  Anything
 * else aborts. */
void
fuzz_round_trip (LinliProject *project)
{
  g_autoptr (GBytes) first = linli_format_save_bytes (project);
  g_autoptr (GBytes) second = NULL;
  g_autoptr (LinliProject) again = NULL;
  g_autoptr (GError) error = NULL;
  const char *path;

  path = fuzz_write_temp ("saved.linli", g_bytes_get_data (first, NULL), g_bytes_get_size (first));
  again = linli_format_load_file (path, &error);
  if (again == NULL)
    {
      fprintf (stderr, "fuzz: a saved project does not load again: %s\n", error->message);
      abort ();
    }
  second = linli_format_save_bytes (again);
  if (!g_bytes_equal (first, second))
    {
      fprintf (stderr, "fuzz: a saved project saves differently once loaded again\n");
      abort ();
    }
}

/* Whether @a and @b hold the same items in every list: what a refused
 * file must leave. */
gboolean
fuzz_partners_equal (LinliPartners *a,
                     LinliPartners *b)
{
  for (guint l = 0; l < LINLI_PARTNER_N_LISTS; l++)
    {
      if (linli_partners_get_n (a, l) != linli_partners_get_n (b, l))
        return FALSE;
      for (guint i = 0; i < linli_partners_get_n (a, l); i++)
        if (!linli_partner_item_equal (l, linli_partners_get (a, l, i),
                                       linli_partners_get (b, l, i)))
          return FALSE;
    }
  return TRUE;
}

/* How many lines @data has at most, counting CR and LF alike. */
guint
fuzz_count_lines (const uint8_t *data,
                  size_t         size)
{
  guint n = 1;

  for (size_t i = 0; i < size; i++)
    n += data[i] == '\n' || data[i] == '\r';
  return n;
}
