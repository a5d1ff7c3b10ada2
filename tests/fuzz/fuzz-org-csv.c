/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-fuzz"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "linli-format.h"
#include "linli-history.h"
#include "linli-org-import.h"

/* A list of the organisation in CSV.  The first byte picks the list (its
 * value modulo 4): committees, branches, party groups, member households;
 * the rest is the file.  The columns are guessed from the header.  A
 * refused list must leave the project as it was (compared as saved); an
 * imported one goes through the .linli format and back. */

static const char project_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<linli version=\"1\" name=\"district\">\n"
  "<communities><community id=\"c1\" name=\"东园社区\"/><community id=\"c2\" name=\"西园社区\"/></communities>\n"
  "<compounds><compound id=\"k1\" name=\"金色家园\" community=\"c1\"/>"
  "<compound id=\"k2\" name=\"清水里\" community=\"c2\"/></compounds>\n"
  "<buildings>\n"
  "<building id=\"B1\" name=\"1幢\" compound=\"k1\" lat=\"30.2901\" lon=\"120.1501\" party-members=\"2\"/>\n"
  "<building id=\"B2\" name=\"2幢\" compound=\"k1\" lat=\"30.2911\" lon=\"120.1501\" party-members=\"1\"/>\n"
  "<building id=\"B3\" name=\"1幢\" compound=\"k2\" lat=\"30.2921\" lon=\"120.1501\"/>\n"
  "</buildings>\n"
  "<organisation>\n"
  "<branch id=\"b1\" name=\"金色家园党支部\" kind=\"compound\" compound=\"k1\" members=\"3\"/>\n"
  "<party-group id=\"pg1\" branch=\"b1\" leader=\"赵六\"><building id=\"B1\"/></party-group>\n"
  "</organisation>\n"
  "</linli>\n";

static GBytes *
saved (LinliProject *project)
{
  return linli_format_save_bytes (project);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (LinliCsvTable) table = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliHistory) history = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  LinliOrgMapping mapping;
  LinliOrgList list;
  const char *path;

  fuzz_init ();
  if (size < 1)
    return 0;
  list = data[0] % 4;
  path = fuzz_write_temp ("input.csv", data + 1, size - 1);
  table = linli_csv_table_load (path, 0, &error);
  if (table == NULL)
    return 0;

  project = linli_format_load_data (project_xml, sizeof project_xml - 1, "base.linli", &error);
  g_assert_no_error (error);
  history = linli_history_new (project);
  before = saved (project);
  linli_org_mapping_guess (&mapping, list, table);
  if (!linli_org_import_csv (history, list, table, &mapping, NULL, &error))
    {
      /* Refused with a message naming the file; nothing changed. */
      if (error == NULL || strstr (error->message, path) == NULL)
        abort ();
      after = saved (project);
      if (!g_bytes_equal (before, after))
        abort ();
      return 0;
    }
  fuzz_round_trip (project);
  /* One step undoes the whole import. */
  if (linli_history_get_can_undo (history))
    {
      linli_history_undo (history);
      after = saved (project);
      if (!g_bytes_equal (before, after))
        abort ();
    }
  return 0;
}
