/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-plan.h"
#include "linli-project.h"
#include "linli-walk.h"

G_BEGIN_DECLS

/* The planning instance of a project.  Kept apart from linli-plan.h so that
 * the solver itself knows no model: it works on any #LinliPlanInstance. */

LinliPlanInstance *linli_plan_instance_new_from_project (LinliProject *project,
                                                         LinliWalk    *walk,
                                                         double        max_distance)
                                                         G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
