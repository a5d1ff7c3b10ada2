/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-plan.h"
#include "linli-project.h"
#include "linli-coverage.h"
#include "linli-walk.h"

G_BEGIN_DECLS

/* The planning instance of a project.  Kept apart from linli-plan.h so that
 * the solver itself knows no model: it works on any #LinliPlanInstance. */

LinliPlanInstance *linli_plan_instance_new_from_project (LinliProject *project,
                                                         LinliWalk    *walk,
                                                         double        max_distance)
                                                         G_GNUC_WARN_UNUSED_RESULT;
LinliPlanInstance *linli_plan_instance_new_from_project_full (LinliProject *project,
                                                              LinliWalk    *walk,
                                                              double        max_distance,
                                                              gboolean      by_reach,
                                                              guint         service)
                                                              G_GNUC_WARN_UNUSED_RESULT;

/* A site whose reach holds more households than its capacity. */
typedef struct
{
  guint   site;       /* its position in the project */
  guint64 in_reach;   /* households within its tier's reach */
  guint   capacity;   /* households it can serve */
  guint64 over;       /* in_reach - capacity */
} LinliPlanOverCapacity;

LinliPlanOverCapacity *linli_plan_project_over_capacity (LinliProject        *project,
                                                         const LinliCoverage *coverage,
                                                         guint               *n_over)
                                                         G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
