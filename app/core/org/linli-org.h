/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The party organisation chain: 社区党委 → 小区/网格党支部 → 楼栋党小组 →
 * 党员中心户.  A sub-model the project holds. */
#define LINLI_TYPE_ORG (linli_org_get_type ())
G_DECLARE_FINAL_TYPE (LinliOrg, linli_org, LINLI, ORG, GObject)

LinliOrg *linli_org_new       (void) G_GNUC_WARN_UNUSED_RESULT;
void      linli_org_copy_from (LinliOrg *self,
                               LinliOrg *source);
gboolean  linli_org_is_empty  (LinliOrg *self);

G_END_DECLS
