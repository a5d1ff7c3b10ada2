/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-fuzz"

#include "config.h"

#include <stdlib.h>

#include "fuzz-common.h"
#include "linli-format.h"
#include "linli-import-csv.h"

/* A building list in CSV.  The first byte picks what is done with it (its
 * value modulo 3): 0 a new project from rows with coordinates, 1 a join
 * into the buildings of a fixed project by name, 2 the same by id; the
 * rest is the file.  The columns are guessed from the header, as the
 * import dialog does first.  A project made is saved as .linli and loaded
 * again. */

static const char project_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<linli version=\"1\" name=\"district\">\n"
  "<communities><community id=\"c1\" name=\"东园社区\"/></communities>\n"
  "<compounds><compound id=\"k1\" name=\"金色家园\" community=\"c1\"/>"
  "<compound id=\"k2\" name=\"清水里\" community=\"c1\"/></compounds>\n"
  "<buildings>\n"
  "<building id=\"way/100\" name=\"1号楼\" compound=\"k1\" lat=\"30.2901\" lon=\"120.1501\" households=\"10\""
  " residents=\"26\" estimated=\"true\"/>\n"
  "<building id=\"way/101\" name=\"3栋\" compound=\"k1\" lat=\"30.2911\" lon=\"120.1501\" households=\"11\""
  " residents=\"27\"/>\n"
  "<building id=\"way/102\" name=\"清水里5幢\" compound=\"k2\" lat=\"30.2921\" lon=\"120.1501\" households=\"12\""
  " residents=\"28\"/>\n"
  "<building id=\"way/103\" name=\"\" compound=\"k2\" lat=\"30.2931\" lon=\"120.1501\"/>\n"
  "</buildings>\n"
  "</linli>\n";

static LinliProject *
base_project (void)
{
  static LinliProject *project;

  if (project == NULL)
    {
      g_autoptr (GError) error = NULL;

      project = linli_format_load_data (project_xml, sizeof project_xml - 1, "base.linli", &error);
      g_assert_no_error (error);
    }
  return project;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto (LinliCsvReport) report = { 0 };
  g_autoptr (LinliCsvTable) table = NULL;
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (GError) error = NULL;
  LinliCsvOptions options;
  LinliCsvMapping mapping;
  const char *path;
  guint mode;

  fuzz_init ();
  if (size < 1)
    return 0;
  mode = data[0] % 3;
  path = fuzz_write_temp ("input.csv", data + 1, size - 1);
  table = linli_csv_table_load (path, 0, &error);
  if (table == NULL)
    return 0;

  linli_csv_mapping_guess (&mapping, table);
  linli_csv_options_init (&options);
  if (mode == 0)
    {
      project = linli_csv_import (table, &mapping, &options, &report, &error);
    }
  else
    {
      options.key = mode == 1 ? LINLI_CSV_KEY_NAME : LINLI_CSV_KEY_ID;
      project = linli_csv_join (base_project (), table, &mapping, &options, &report, &error);
    }
  if (project != NULL)
    {
      g_autofree char *summary = linli_csv_report_describe (&report);

      if (summary == NULL)
        abort ();
      fuzz_round_trip (project);
    }
  return 0;
}
