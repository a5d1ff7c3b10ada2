/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-partners.h"
#include "linli-project.h"
#include "linli-table.h"

G_BEGIN_DECLS

/*
 * The five lists a street office exchanges about its partner units, as
 * tables for CSV and Excel: units (资源清单's holders), their resource
 * items, the places' needs (需求清单), the services delivered (服务清单) and
 * their evaluations (评价清单).  Contacts and the people who delivered a
 * service go through linli_project_person(), so the project's hide-names
 * switch holds here too.
 */

const char *linli_partner_place_name     (LinliProject          *project,
                                          LinliPartnerPlaceKind  kind,
                                          const char            *place);
const char *linli_partner_period_label   (LinliPartnerPeriod     period);
GPtrArray  *linli_partner_tables_collect (LinliProject          *project) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
