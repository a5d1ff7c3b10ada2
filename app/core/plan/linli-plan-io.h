/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-plan.h"

G_BEGIN_DECLS

/* Planning instances in and out of files: analysts' CSV cost lists, the
 * same instance as a MIP in CPLEX LP format for any solver to check, and
 * the report a planner reads. */

#define LINLI_PLAN_IO_ERROR (linli_plan_io_error_quark ())

typedef enum
{
  LINLI_PLAN_IO_ERROR_FAILED,
  LINLI_PLAN_IO_ERROR_INVALID,
} LinliPlanIOError;

GQuark             linli_plan_io_error_quark   (void);

LinliPlanInstance *linli_plan_read_csv         (const char  *demand_path,
                                                const char  *candidates_path,
                                                const char  *costs_path,
                                                GPtrArray  **demand_ids,
                                                GPtrArray  **candidate_ids,
                                                GError     **error) G_GNUC_WARN_UNUSED_RESULT;

gboolean           linli_plan_write_lp         (LinliPlanInstance      *instance,
                                                const LinliPlanOptions *options,
                                                const char             *path,
                                                GError                **error);

char              *linli_plan_describe_bound   (const LinliPlanResult *result) G_GNUC_WARN_UNUSED_RESULT;
char              *linli_plan_report_text      (LinliPlanInstance     *instance,
                                                const LinliPlanResult *result,
                                                GPtrArray             *candidate_names,
                                                GPtrArray             *demand_names) G_GNUC_WARN_UNUSED_RESULT;
char              *linli_plan_report_json      (LinliPlanInstance     *instance,
                                                const LinliPlanResult *result,
                                                GPtrArray             *candidate_names,
                                                GPtrArray             *demand_names) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
