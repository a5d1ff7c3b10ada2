/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-project.h"
#include "linli-walk.h"

G_BEGIN_DECLS

typedef struct
{
  guint   buildings;
  guint   buildings_covered;
  guint64 households;
  guint64 households_covered;
  guint64 residents;
  guint64 residents_covered;
} LinliCoverageTotals;

typedef struct _LinliCoverage LinliCoverage;

LinliCoverage             *linli_coverage_compute            (LinliProject *project,
                                                              LinliWalk    *walk) G_GNUC_WARN_UNUSED_RESULT;
LinliCoverage             *linli_coverage_compute_by         (LinliProject  *project,
                                                              LinliDistance  distance,
                                                              LinliWalk     *walk) G_GNUC_WARN_UNUSED_RESULT;
LinliCoverage             *linli_coverage_compute_brute_force (LinliProject *project) G_GNUC_WARN_UNUSED_RESULT;
void                       linli_coverage_free               (LinliCoverage *coverage);
gboolean                   linli_coverage_update             (LinliCoverage *coverage,
                                                              LinliProject  *project,
                                                              LinliWalk     *walk);

LinliDistance              linli_coverage_get_distance       (const LinliCoverage *coverage);
double                     linli_coverage_get_radius         (const LinliCoverage *coverage);
guint                      linli_coverage_get_n_buildings    (const LinliCoverage *coverage);
gboolean                   linli_coverage_is_covered         (const LinliCoverage *coverage,
                                                              guint                building);
guint                      linli_coverage_get_cover_count    (const LinliCoverage *coverage,
                                                              guint                building);
const guint               *linli_coverage_get_cover_counts   (const LinliCoverage *coverage);
const LinliCoverageTotals *linli_coverage_get_district       (const LinliCoverage *coverage);
const LinliCoverageTotals *linli_coverage_get_community      (const LinliCoverage *coverage,
                                                              guint                community);
const guint               *linli_coverage_get_uncovered      (const LinliCoverage *coverage,
                                                              guint               *n_uncovered);
guint                      linli_coverage_get_n_sites        (const LinliCoverage *coverage);
guint                      linli_coverage_site_households    (const LinliCoverage *coverage,
                                                              guint                site);
guint64                    linli_coverage_site_households_alone (const LinliCoverage *coverage,
                                                                 guint                site);

guint64                    linli_coverage_service_households (const LinliCoverage *coverage,
                                                              LinliServices        service);
double                     linli_coverage_get_site_reach     (const LinliCoverage *coverage,
                                                              guint                site);

double                     linli_coverage_totals_share       (guint64 part,
                                                              guint64 whole);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliCoverage, linli_coverage_free)

G_END_DECLS
