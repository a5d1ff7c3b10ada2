/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "linli-format.h"

#include <string.h>

/* The <partners> section of a .linli project: the input is what the
 * section holds, put into a fixed project with a community, a compound and
 * a grid for needs and records to name, so that every execution reaches
 * the partners reader; a project read is saved, loaded and saved again. */

static const char head[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<linli version=\"2\" name=\"partners\">\n"
  "  <communities><community id=\"c1\"/></communities>\n"
  "  <compounds><compound id=\"k1\" community=\"c1\"/></compounds>\n"
  "  <buildings><building id=\"b1\" compound=\"k1\" lat=\"30.3180000\" lon=\"120.1420000\"/>"
  "</buildings>\n"
  "  <grids><grid id=\"g1\" community=\"c1\">"
  "<ring>120.14,30.31 120.15,30.31 120.15,30.32 120.14,30.32</ring></grid></grids>\n"

  "  <partners>";
static const char tail[] = "</partners>\n</linli>\n";

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *doc = NULL;
  const char *path;
  gsize length = sizeof head - 1 + size + sizeof tail - 1;

  fuzz_init ();
  doc = g_malloc (length);
  memcpy (doc, head, sizeof head - 1);
  if (size > 0)
    memcpy (doc + sizeof head - 1, data, size);
  memcpy (doc + sizeof head - 1 + size, tail, sizeof tail - 1);
  path = fuzz_write_temp ("partners.linli", doc, length);
  project = linli_format_load_file (path, &error);
  if (project != NULL)
    fuzz_round_trip (project);
  return 0;
}
