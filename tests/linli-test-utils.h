/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-coverage.h"
#include "linli-partners.h"

G_BEGIN_DECLS

/* Helpers every core test program links. */

void linli_test_assert_projects_equal (LinliProject *a,
                                       LinliProject *b,
                                       double        coord_eps,
                                       double        rel_eps);

void linli_test_assert_totals_equal   (const LinliCoverageTotals *a,
                                       const LinliCoverageTotals *b);
void linli_test_assert_coverage_equal (LinliProject        *project,
                                       const LinliCoverage *a,
                                       const LinliCoverage *b);

guint linli_test_streets_component   (const LinliStreets *streets,
                                       guint              *n_components,
                                       guint32           **component);

guint linli_test_cases (guint n);
void  linli_test_gauss_kruger        (double  lat,
                                       double  lon,
                                       double  lon0,
                                       double *easting,
                                       double *northing);

char *linli_test_dump_partners       (LinliPartners *partners) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
