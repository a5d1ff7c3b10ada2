/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Districting: dividing a community into grids (网格).
 *
 * The input is a graph of units: compounds (小区) kept whole, and the
 * buildings of compounds too large for one grid.  Each unit is a cell of a
 * tiling of the community; an edge says two cells share a boundary of a
 * given length that no major road runs along.  A partition puts every unit
 * into exactly one grid, every grid is connected in the graph and holds
 * between the minimum and the maximum number of households.  Among such
 * partitions the best has, first, the least cut boundary (the summed length
 * of edges between different grids, the compactness measure) and then the
 * fewest compounds whose units end up in more than one grid.
 *
 * Nothing here knows the project: the caller builds the units and edges and
 * turns the result, and its culprits when no partition fits, into grids and
 * sentences.
 */

#define LINLI_DISTRICTING_ERROR (linli_districting_error_quark ())

typedef enum
{
  LINLI_DISTRICTING_ERROR_FAILED,
  LINLI_DISTRICTING_ERROR_INVALID, /* the units, edges or options make no sense */
} LinliDistrictingError;

#define LINLI_DISTRICTING_NO_COMPOUND G_MAXUINT32

/* One unit.  @compound is any number naming the compound the unit belongs
 * to, shared by the buildings of a compound that was split, or
 * %LINLI_DISTRICTING_NO_COMPOUND; a compound kept whole is one unit and may
 * carry its number or none, it cannot be split either way.  @x and @y are
 * the unit's centroid in projected metres, @area its cell's area (m²) and
 * @perimeter its cell's perimeter (m).
 */
typedef struct
{
  guint32 households;
  guint32 compound;
  double  x;
  double  y;
  double  area;
  double  perimeter;
} LinliDistrictingUnit;

/* Units @a and @b share @length metres of boundary.  A pair may appear
 * more than once; the lengths add up.
 */
typedef struct
{
  guint32 a;
  guint32 b;
  double  length;
} LinliDistrictingEdge;

/* Initialise with linli_districting_options_init() and change what differs.
 *
 * min_households, max_households: the bounds of every grid (default 300, 500)
 * n_grids:          the number of grids; 0 lets the search choose (see
 *                   linli_districting_solve())
 * seed:             the same seed gives the same partition
 * exact_max_units:  connected parts of the graph with at most this many units
 *                   are solved exactly, with proof (default 16, at most 63)
 * exact_node_limit: the exact search gives up after this many nodes per
 *                   count of grids and falls back to the heuristic (0 = none)
 * iterations:       rounds of perturbation and local search per part of the
 *                   graph and count of grids (the heuristic's effort)
 * counts_tried:     with n_grids = 0, how many counts the heuristic tries,
 *                   from the smallest at which it finds a partition
 */
typedef struct
{
  guint32 min_households;
  guint32 max_households;
  guint   n_grids;
  guint32 seed;
  guint   exact_max_units;
  guint64 exact_node_limit;
  guint   iterations;
  guint   counts_tried;
} LinliDistrictingOptions;

/* Why no partition fits; each culprit names the units concerned.
 *
 * UNIT_ABOVE_MAX:      one unit alone holds more than the maximum
 * COMPONENT_BELOW_MIN: a connected part of the graph (units no edge links to
 *                      the rest) holds fewer households than the minimum
 * COMPONENT_NO_COUNT:  no number of grids fits such a part's households:
 *                      ⌈H/max⌉ > ⌊H/min⌋
 * COUNT_OUT_OF_RANGE:  the requested number of grids is outside what the
 *                      households of the parts allow
 * NOT_FOUND:           the necessary conditions hold but no partition of the
 *                      part was found; proven when the exact search showed
 *                      that none exists
 */
typedef enum
{
  LINLI_DISTRICTING_UNIT_ABOVE_MAX,
  LINLI_DISTRICTING_COMPONENT_BELOW_MIN,
  LINLI_DISTRICTING_COMPONENT_NO_COUNT,
  LINLI_DISTRICTING_COUNT_OUT_OF_RANGE,
  LINLI_DISTRICTING_NOT_FOUND,
} LinliDistrictingProblem;

/* units:       the units concerned, ascending: the unit, the connected part,
 *              or nothing (COUNT_OUT_OF_RANGE, and NOT_FOUND when every part
 *              has partitions but no choice of counts adds up)
 * households:  their total (COUNT_OUT_OF_RANGE: the community's)
 * k_min,
 * k_max:       COMPONENT_NO_COUNT: ⌈H/max⌉ and ⌊H/min⌋ (k_min > k_max);
 *              COUNT_OUT_OF_RANGE: the counts that fit; NOT_FOUND: the
 *              counts tried
 * k_requested: COUNT_OUT_OF_RANGE, NOT_FOUND: the requested count, or 0
 * proven:      NOT_FOUND: an exhaustive search showed no partition exists
 */
typedef struct
{
  LinliDistrictingProblem problem;
  guint                   n_units;
  guint32                *units;
  guint64                 households;
  guint                   k_min;
  guint                   k_max;
  guint                   k_requested;
  gboolean                proven;
} LinliDistrictingCulprit;

/* One grid of a partition.  @perimeter counts the cells' perimeters less
 * twice the boundary shared inside the grid; @polsby_popper is 4πA/P², 1 for
 * a disc and less for anything else (0 when the perimeter is 0).
 */
typedef struct
{
  guint64 households;
  guint   n_units;
  double  area;
  double  perimeter;
  double  polsby_popper;
} LinliDistrictingGrid;

/* The outcome.  When @found, @grid gives each unit's grid (0 to
 * @n_grids - 1, numbered in the order of their lowest unit); otherwise
 * @grid is NULL, @n_grids 0 and @culprits say why.
 *
 * cut_length:        summed length of the edges between different grids
 * n_split_compounds: compounds whose units are in more than one grid
 * proven_optimal:    the exact search covered every part of the graph and
 *                    every count it could take: no partition is better
 * k_min, k_max:      the counts the necessary conditions allow (0, 0 when
 *                    some part fits none)
 */
typedef struct
{
  gboolean                 found;
  guint                    n_units;
  guint32                 *grid;
  guint                    n_grids;
  LinliDistrictingGrid    *grids;
  double                   cut_length;
  guint                    n_split_compounds;
  gboolean                 proven_optimal;
  guint                    n_components;
  guint                    k_min;
  guint                    k_max;
  guint                    n_culprits;
  LinliDistrictingCulprit *culprits;
} LinliDistrictingResult;

GQuark                  linli_districting_error_quark (void);

void                    linli_districting_options_init (LinliDistrictingOptions *options);

LinliDistrictingResult *linli_districting_solve        (const LinliDistrictingUnit    *units,
                                                        guint                          n_units,
                                                        const LinliDistrictingEdge    *edges,
                                                        guint                          n_edges,
                                                        const LinliDistrictingOptions *options,
                                                        GCancellable                  *cancellable,
                                                        GError                       **error)
                                                        G_GNUC_WARN_UNUSED_RESULT;

void                    linli_districting_result_free  (LinliDistrictingResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliDistrictingResult, linli_districting_result_free)

G_END_DECLS
