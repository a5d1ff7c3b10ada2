/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-project.h"
#include "linli-spatial.h"

G_BEGIN_DECLS

/* Walking along streets.
 *
 * A LinliWalk is the street network as a graph in the project's local
 * metric projection, with every building snapped to its nearest street
 * point.  A walk from A to B is: straight from A to its snap point, along
 * streets, straight from B's snap point to B.  So a walk is never shorter
 * than the straight line, and coverage by street never exceeds coverage by
 * circle.  Places farther than LINLI_WALK_MAX_SNAP from any street cannot
 * be reached.
 */

#define LINLI_WALK_MAX_SNAP 1000.0

typedef struct _LinliWalk LinliWalk;
typedef struct _LinliWalkNearest LinliWalkNearest;

typedef struct
{
  guint  edge;      /* G_MAXUINT: no street near */
  double t;         /* along the edge, 0 at its first node */
  double offset;    /* metres from the place to the street */
} LinliWalkSnap;

LinliWalk           *linli_walk_new                (const LinliStreets    *streets,
                                                    const LinliProjection *projection,
                                                    const LinliBuilding   *buildings,
                                                    guint                  n_buildings) G_GNUC_WARN_UNUSED_RESULT;
void                 linli_walk_free               (LinliWalk *walk);
LinliWalk           *linli_walk_new_for_project    (LinliProject *project) G_GNUC_WARN_UNUSED_RESULT;

guint                linli_walk_get_n_nodes        (const LinliWalk *walk);
guint                linli_walk_get_n_edges        (const LinliWalk *walk);
void                 linli_walk_get_edge           (const LinliWalk *walk,
                                                    guint            edge,
                                                    guint           *a,
                                                    guint           *b,
                                                    double          *length);
LinliStreetKind      linli_walk_get_edge_kind      (const LinliWalk *walk,
                                                    guint            edge);
const double        *linli_walk_get_node_xy        (const LinliWalk *walk);
gboolean             linli_walk_snap               (const LinliWalk *walk,
                                                    double           x,
                                                    double           y,
                                                    LinliWalkSnap   *snap);
const LinliWalkSnap *linli_walk_get_building_snaps (const LinliWalk *walk);
guint                linli_walk_get_n_unreachable  (const LinliWalk *walk);

void                 linli_walk_query              (LinliWalk      *walk,
                                                    double          x,
                                                    double          y,
                                                    double          limit,
                                                    LinliPointFunc  func,
                                                    gpointer        user_data);
double               linli_walk_distance           (LinliWalk *walk,
                                                    double     x1,
                                                    double     y1,
                                                    double     x2,
                                                    double     y2);

void                 linli_walk_distances_from     (LinliWalk           *walk,
                                                    double               x,
                                                    double               y,
                                                    const LinliWalkSnap *targets,
                                                    guint                n_targets,
                                                    double               limit,
                                                    double              *distances);
LinliWalkNearest    *linli_walk_nearest_new        (LinliWalk *walk) G_GNUC_WARN_UNUSED_RESULT;
void                 linli_walk_nearest_free       (LinliWalkNearest *nearest);
guint                linli_walk_nearest_add_source (LinliWalkNearest *nearest,
                                                    double            x,
                                                    double            y);
void                 linli_walk_nearest_move_source (LinliWalkNearest *nearest,
                                                     guint             source,
                                                     double            x,
                                                     double            y);
void                 linli_walk_nearest_remove_source (LinliWalkNearest *nearest,
                                                       guint             source);
void                 linli_walk_nearest_recompute  (LinliWalkNearest *nearest);
const double        *linli_walk_nearest_get_node_distances (LinliWalkNearest *nearest);
double               linli_walk_nearest_building   (LinliWalkNearest *nearest,
                                                    guint             building,
                                                    guint            *source);
void                 linli_walk_nearest_buildings  (LinliWalkNearest *nearest,
                                                    double           *distances);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliWalk, linli_walk_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliWalkNearest, linli_walk_nearest_free)

G_END_DECLS
