/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-grid-assignment.h"
#include "linli-project.h"

G_BEGIN_DECLS

/* Where the grids have holes, as #LinliViolation:
 * - "building-no-grid": a building in no grid (one per community that has
 *   grids: a community without any grid is reported once, as
 *   "community-no-grids");
 * - "building-in-two-grids": a building inside two overlapping grids;
 * - "grid-overlap": two grids share area;
 * - "grid-out-of-range": a grid holds fewer or more households than the
 *   project's range;
 * - "grid-not-contiguous": a grid in more than one piece;
 * - "grid-outside-community": a grid reaching out of its community's
 *   boundary, or holding buildings of another community.
 */
GPtrArray *linli_grid_check (LinliProject              *project,
                             const LinliGridAssignment *assignment) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
