/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "linli-partner-csv.h"

G_BEGIN_DECLS

/* A list of needs (需求清单) as a street office keeps it in a spreadsheet,
 * read by linli_partner_csv_read() and imported by
 * linli_partner_csv_import() with %LINLI_PARTNER_LIST_NEEDS: one row per
 * need.  Headers in Chinese or English:
 *
 *   编号/id, 社区/community, 小区/compound, 网格/grid, 地点/place,
 *   地点类型/place type, 类别/category (required), 数量/quantity,
 *   周期/period, 优先级/priority, 备注/note
 *
 * Where a need is: the kind is the place type (社区, 小区, 网格 or
 * community, compound, grid) when the row gives one, else that of the most
 * specific of the grid, compound and community columns that is filled.
 * The name is the place column's when filled, else that of the kind's
 * column.  A name is a place's name or id in the project.  A community
 * column that is filled limits compounds and grids to that community; a
 * place column without a type is looked for among all three kinds.  A
 * name that fits no place, or several, refuses the row.
 *
 * The quantity is above 0 (empty: 1), per the period (empty: a month);
 * the priority is from 1 to 100 (empty: 1), or 高/中/低 (high, medium,
 * low: 90, 50, 10).  Categories as for units: by id or name, unknown ones
 * refused unless added.
 *
 * A row with an id replaces the need of that id; a row without one
 * replaces the one need of the same place and category (refused when the
 * lists hold several: give the id), or is added.  Two rows of one id, or
 * without ids of one place and category, refuse the file.  A bad row
 * refuses the whole file with its line and reason.
 */

typedef enum
{
  LINLI_PARTNER_NEEDS_CSV_ID,
  LINLI_PARTNER_NEEDS_CSV_COMMUNITY,
  LINLI_PARTNER_NEEDS_CSV_COMPOUND,
  LINLI_PARTNER_NEEDS_CSV_GRID,
  LINLI_PARTNER_NEEDS_CSV_PLACE,
  LINLI_PARTNER_NEEDS_CSV_PLACE_TYPE,
  LINLI_PARTNER_NEEDS_CSV_CATEGORY,
  LINLI_PARTNER_NEEDS_CSV_QUANTITY,
  LINLI_PARTNER_NEEDS_CSV_PERIOD,
  LINLI_PARTNER_NEEDS_CSV_PRIORITY,
  LINLI_PARTNER_NEEDS_CSV_NOTE,
} LinliPartnerNeedsCsvField;

#define LINLI_PARTNER_NEEDS_CSV_N_FIELDS (LINLI_PARTNER_NEEDS_CSV_NOTE + 1)

G_END_DECLS
