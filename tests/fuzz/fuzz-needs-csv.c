/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-fuzz"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "linli-format.h"
#include "linli-grids.h"
#include "linli-partner-csv.h"
#include "linli-partners.h"

/* A needs list in CSV (linli_partner_csv_read() of needs: File → Import
 * Partner Needs, linli-tool needs import).  The first byte says whether
 * unknown categories are added (odd) or refused; the rest is the file,
 * read for a project of two communities (a compound name in both), a
 * compound and a grid, into lists that already hold one need.  A refused
 * file must leave the lists as they were and name the file; a read one
 * adds or changes no more needs than the file has lines, and every need
 * names a place of the project, a category the lists hold, a quantity
 * above 0 and a priority from 1 to 100. */

/* Two communities with a compound name both have, a compound of the
 * second's own and a grid of the first. */
static const char project_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<linli version=\"2\" name=\"needs\">\n"
  "<communities><community id=\"c0\" name=\"拱宸桥社区\"/>"
  "<community id=\"c1\" name=\"大关社区\"/></communities>\n"
  "<compounds><compound id=\"k0\" name=\"和睦新村\" community=\"c0\"/>"
  "<compound id=\"k1\" name=\"和睦新村\" community=\"c1\"/>"
  "<compound id=\"k2\" name=\"大关西苑\" community=\"c1\"/></compounds>\n"
  "<buildings><building id=\"b1\" compound=\"k0\" lat=\"30.3\" lon=\"120.14\" "
  "households=\"10\"/></buildings>\n"
  "<grids><grid id=\"g1\" code=\"330105001001\" name=\"第一网格\" community=\"c0\">"
  "<ring>120.13,30.29 120.16,30.29 120.16,30.31 120.13,30.31 120.13,30.29</ring></grid></grids>\n"
  "</linli>\n";

static gboolean
place_exists (LinliProject           *project,
              const LinliPartnerNeed *n)
{
  switch (n->place_kind)
    {
    case LINLI_PARTNER_PLACE_COMMUNITY:
      return linli_project_find_community (project, n->place) >= 0;
    case LINLI_PARTNER_PLACE_COMPOUND:
      return linli_project_find_compound (project, n->place) >= 0;
    case LINLI_PARTNER_PLACE_GRID:
      return linli_grids_find (linli_project_get_grids (project), n->place, NULL) != NULL;
    default:
      return FALSE;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static LinliProject *project;
  g_autoptr (LinliPartners) partners = linli_partners_new ();
  g_autoptr (LinliPartners) before = linli_partners_new ();
  g_autoptr (GError) error = NULL;
  LinliPartnerNeed known = { (char *) "n1", LINLI_PARTNER_PLACE_COMMUNITY, (char *) "c1",
                             (char *) "venue", 2, 5, NULL, LINLI_PARTNER_PERIOD_MONTH };
  guint added = 0, changed = 0;
  gboolean add_categories;
  const char *path;

  fuzz_init ();
  if (project == NULL &&
      (project = linli_format_load_data (project_xml, sizeof project_xml - 1, "needs.linli",
                                         NULL)) == NULL)
    abort ();
  if (size < 1)
    return 0;
  add_categories = data[0] & 1;
  path = fuzz_write_temp ("needs.csv", data + 1, size - 1);
  linli_partners_insert (partners, LINLI_PARTNER_LIST_NEEDS, 0, &known);
  linli_partners_copy_from (before, partners);
  if (!linli_partner_csv_read (LINLI_PARTNER_LIST_NEEDS, project, partners, path, NULL,
                               add_categories, &added, &changed, &error))
    {
      if (error == NULL || strstr (error->message, path) == NULL ||
          !fuzz_partners_equal (partners, before))
        abort ();
      return 0;
    }
  if (added + changed > fuzz_count_lines (data + 1, size - 1) ||
      linli_partners_get_n (partners, LINLI_PARTNER_LIST_NEEDS) != 1 + added)
    abort ();
  for (guint i = 0; i < linli_partners_get_n (partners, LINLI_PARTNER_LIST_NEEDS); i++)
    {
      const LinliPartnerNeed *n = linli_partners_get_need (partners, i);

      if (n->id == NULL || !place_exists (project, n) ||
          linli_partners_find (partners, LINLI_PARTNER_LIST_CATEGORIES, n->category,
                               NULL) == NULL ||
          !(n->quantity > 0) || n->priority < 1 || n->priority > LINLI_PARTNER_MAX_PRIORITY)
        abort ();
    }
  return 0;
}
