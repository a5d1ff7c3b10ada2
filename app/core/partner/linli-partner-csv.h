/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "linli-partners.h"

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

#define LINLI_PARTNER_CSV_ERROR (linli_partner_csv_error_quark ())

typedef enum
{
  LINLI_PARTNER_CSV_ERROR_FAILED,   /* the file cannot be read */
  LINLI_PARTNER_CSV_ERROR_INVALID,  /* a header or row is refused */
} LinliPartnerCsvError;

GQuark   linli_partner_csv_error_quark (void);

gboolean linli_partner_units_csv_read  (LinliPartners  *partners,
                                        const char     *path,
                                        gboolean        add_categories,
                                        guint          *n_added,
                                        guint          *n_changed,
                                        GError        **error);

G_END_DECLS
