/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-fuzz"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "linli-partner-csv.h"
#include "linli-partners.h"

/* A units list in CSV (linli-tool units import).  The first byte says
 * whether unknown categories are added (odd) or refused; the rest is the
 * file, read into lists that already hold one unit.  A refused file must
 * leave the lists as they were and name the file; a read one adds or
 * changes no more units than the file has lines, and every resource item
 * names a category the lists hold. */

static void
add_known_unit (LinliPartners *p)
{
  LinliPartnerResource r = { (char *) "venue", 1, (char *) "间", 2, LINLI_PARTNER_PERIOD_WEEK };
  LinliPartnerUnit u = { 0 };

  u.id = (char *) "u1";
  u.name = (char *) "第二中学";
  u.type = LINLI_PARTNER_UNIT_SCHOOL;
  u.n_resources = 1;
  u.resources = &r;
  linli_partners_insert (p, LINLI_PARTNER_LIST_UNITS, 0, &u);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (LinliPartners) partners = linli_partners_new ();
  g_autoptr (LinliPartners) before = linli_partners_new ();
  g_autoptr (GError) error = NULL;
  guint added = 0, changed = 0;
  gboolean add_categories;
  const char *path;

  fuzz_init ();
  if (size < 1)
    return 0;
  add_categories = data[0] & 1;
  path = fuzz_write_temp ("units.csv", data + 1, size - 1);
  add_known_unit (partners);
  linli_partners_copy_from (before, partners);
  if (!linli_partner_units_csv_read (partners, path, add_categories, &added, &changed, &error))
    {
      if (error == NULL || strstr (error->message, path) == NULL ||
          !fuzz_partners_equal (partners, before))
        abort ();
      return 0;
    }
  if (added + changed > fuzz_count_lines (data + 1, size - 1) ||
      linli_partners_get_n (partners, LINLI_PARTNER_LIST_UNITS) != 1 + added)
    abort ();
  for (guint i = 0; i < linli_partners_get_n (partners, LINLI_PARTNER_LIST_UNITS); i++)
    {
      const LinliPartnerUnit *u = linli_partners_get_unit (partners, i);

      if (u->id == NULL || u->name == NULL || *u->name == '\0')
        abort ();
      for (guint k = 0; k < u->n_resources; k++)
        if (linli_partners_find (partners, LINLI_PARTNER_LIST_CATEGORIES, u->resources[k].category,
                                 NULL) == NULL ||
            !(u->resources[k].capacity >= 0))
          abort ();
    }
  return 0;
}
