/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-project.h"

G_BEGIN_DECLS

/* Which building lies in which grid, and what each grid holds: derived
 * from the grids' outlines and the buildings' positions (point in polygon,
 * GEOS prepared geometries behind an STR tree).  A building inside two
 * overlapping grids belongs to the first in the list and is counted as in
 * an overlap.  The document keeps one current (linli-document.h).
 */

typedef struct
{
  guint    buildings;
  guint    households;
  guint    residents;
  guint    party_members;       /* where known: a lower bound when members_unknown > 0 */
  guint    members_unknown;     /* buildings whose party members the data did not give */
  guint    estimated_buildings; /* buildings whose households and residents are estimates */
  guint    foreign_buildings;   /* buildings of another community inside it */
  guint    shared_buildings;    /* buildings also inside another grid */
  double   area;                /* m² */
  double   perimeter;           /* m */
  double   polsby_popper;       /* 4πA/P²: 1 for a circle, near 0 for a ribbon */
  gboolean contiguous;          /* one piece */
  gboolean in_range;            /* households within the project's range */
  gboolean outside_community;   /* reaches more than 1 % of its area out of its community */
} LinliGridFigures;

typedef struct
{
  guint  a;      /* grid positions, a < b */
  guint  b;
  double area;   /* m² they share */
} LinliGridOverlap;

typedef struct _LinliGridAssignment LinliGridAssignment;

/* What overlaps between two outlines were measured, kept from one
 * assignment to the next: an edit changes one or two outlines, so only
 * their pairs are measured again. */
typedef struct _LinliGridOverlapCache LinliGridOverlapCache;

LinliGridOverlapCache  *linli_grid_overlap_cache_new          (void) G_GNUC_WARN_UNUSED_RESULT;
void                    linli_grid_overlap_cache_free         (LinliGridOverlapCache *cache);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliGridOverlapCache, linli_grid_overlap_cache_free)

LinliGridAssignment    *linli_grid_assignment_new             (LinliProject          *project) G_GNUC_WARN_UNUSED_RESULT;
LinliGridAssignment    *linli_grid_assignment_new_cached      (LinliProject          *project,
                                                               LinliGridOverlapCache *cache) G_GNUC_WARN_UNUSED_RESULT;
void                    linli_grid_assignment_free            (LinliGridAssignment *self);

guint                   linli_grid_assignment_get_n_grids     (const LinliGridAssignment *self);
const int              *linli_grid_assignment_get_building_grids (const LinliGridAssignment *self);
const LinliGridFigures *linli_grid_assignment_get_figures     (const LinliGridAssignment *self,
                                                               guint                      grid);
const guint            *linli_grid_assignment_get_unassigned  (const LinliGridAssignment *self,
                                                               guint                     *n);
const guint            *linli_grid_assignment_get_shared      (const LinliGridAssignment *self,
                                                               guint                     *n);
const LinliGridOverlap *linli_grid_assignment_get_overlaps    (const LinliGridAssignment *self,
                                                               guint                     *n);
guint                   linli_grid_assignment_count_out_of_range (const LinliGridAssignment *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliGridAssignment, linli_grid_assignment_free)

G_END_DECLS
