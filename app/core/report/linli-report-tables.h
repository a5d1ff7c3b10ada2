/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "linli-document.h"
#include "linli-table.h"

G_BEGIN_DECLS

/*
 * The tables of a report on a document, in the order a report shows them:
 * the key figures, the communities, the stations (a plan's proposal when
 * one is given, else the planned stations), the uncovered buildings, the
 * grids and the findings of the checks.  Names of people go through
 * linli_project_person(), so the project's hide-names switch holds in
 * every table.
 */

/* A plan's proposal: the sites it opens and the households each adds. */
typedef struct
{
  const char   **ids;
  const double  *adds;
  guint          n;
} LinliReportProposal;

GPtrArray  *linli_report_tables_collect    (LinliDocument             *document,
                                            const LinliReportProposal *proposal)
                                            G_GNUC_WARN_UNUSED_RESULT;
LinliTable *linli_report_table_figures     (LinliDocument *document) G_GNUC_WARN_UNUSED_RESULT;
LinliTable *linli_report_table_communities (LinliDocument *document) G_GNUC_WARN_UNUSED_RESULT;
LinliTable *linli_report_table_community  (LinliDocument *document,
                                            guint          community) G_GNUC_WARN_UNUSED_RESULT;
LinliTable *linli_report_table_stations    (LinliDocument             *document,
                                            const LinliReportProposal *proposal)
                                            G_GNUC_WARN_UNUSED_RESULT;
LinliTable *linli_report_table_uncovered   (LinliDocument *document) G_GNUC_WARN_UNUSED_RESULT;
LinliTable *linli_report_table_grids       (LinliDocument *document) G_GNUC_WARN_UNUSED_RESULT;
LinliTable *linli_report_table_violations  (LinliDocument *document) G_GNUC_WARN_UNUSED_RESULT;
LinliTable *linli_report_table_comparison  (LinliDocument *document_a,
                                            const char    *name_a,
                                            LinliDocument *document_b,
                                            const char    *name_b) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
