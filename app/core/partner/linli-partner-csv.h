/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "linli-history.h"
#include "linli-partners.h"
#include "linli-project.h"

G_BEGIN_DECLS

/* A list of partner units and what they offer, as a street office keeps it
 * in a spreadsheet: one row per resource item, the unit's columns repeated
 * on each of its rows (a unit offering nothing has one row with the
 * resource columns empty).  Headers in Chinese or English:
 *
 *   编号/id, 名称/name (required), 类型/type, 地址/address, 经度/lon,
 *   纬度/lat, 联系人/contact, 报到党员/members, 类别/category,
 *   数量/quantity, 计量单位/measure, 容量/capacity, 周期/period
 *
 * Other columns are ignored.  A bad row refuses the whole file with its
 * line and reason.
 */

/* More rows than any street office's list has: a file of more (units or
 * needs) is refused at the first row too many, so what a reader holds is
 * bounded by this, not by the file. */
#define LINLI_PARTNER_CSV_MAX_ROWS 100000u

#define LINLI_PARTNER_CSV_ERROR (linli_partner_csv_error_quark ())

typedef enum
{
  LINLI_PARTNER_CSV_ERROR_FAILED,   /* the file cannot be read */
  LINLI_PARTNER_CSV_ERROR_INVALID,  /* a header or row is refused */
} LinliPartnerCsvError;

/* The columns of a units list, for a reader given its columns. */
typedef enum
{
  LINLI_PARTNER_CSV_ID,
  LINLI_PARTNER_CSV_NAME,
  LINLI_PARTNER_CSV_TYPE,
  LINLI_PARTNER_CSV_ADDRESS,
  LINLI_PARTNER_CSV_LON,
  LINLI_PARTNER_CSV_LAT,
  LINLI_PARTNER_CSV_CONTACT,
  LINLI_PARTNER_CSV_MEMBERS,
  LINLI_PARTNER_CSV_CATEGORY,
  LINLI_PARTNER_CSV_QUANTITY,
  LINLI_PARTNER_CSV_MEASURE,
  LINLI_PARTNER_CSV_CAPACITY,
  LINLI_PARTNER_CSV_PERIOD,
} LinliPartnerCsvField;

#define LINLI_PARTNER_CSV_N_FIELDS (LINLI_PARTNER_CSV_PERIOD + 1)

GQuark      linli_partner_csv_error_quark   (void);

/* The readers of both lists (units here, needs in
 * linli-partner-needs-csv.h), by the list they read. */
guint       linli_partner_csv_get_n_fields  (LinliPartnerList   list);
guint       linli_partner_csv_get_required  (LinliPartnerList   list);
const char *linli_partner_csv_field_label   (LinliPartnerList   list,
                                             guint              field);
void        linli_partner_csv_guess_columns (LinliPartnerList   list,
                                             const char *const *headers,
                                             guint              n_headers,
                                             int               *columns);
gboolean    linli_partner_csv_read          (LinliPartnerList   list,
                                             LinliProject      *project,
                                             LinliPartners     *partners,
                                             const char        *path,
                                             const int         *columns,
                                             gboolean           add_categories,
                                             guint             *n_added,
                                             guint             *n_changed,
                                             GError           **error);
gboolean    linli_partner_csv_import        (LinliPartnerList   list,
                                             LinliHistory      *history,
                                             const char        *path,
                                             const int         *columns,
                                             gboolean           add_categories,
                                             guint             *n_added,
                                             guint             *n_changed,
                                             GError           **error);

gboolean    linli_partner_units_csv_read    (LinliPartners     *partners,
                                             const char        *path,
                                             gboolean           add_categories,
                                             guint             *n_added,
                                             guint             *n_changed,
                                             GError           **error);

G_END_DECLS
