/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The planning model: where new service sites should go.
 *
 * A #LinliPlanInstance holds weighted demand points (buildings, with their
 * households as weight), candidate sites and a sparse list of demand–site
 * distances.  It knows nothing of how the distances were measured: straight
 * line, street distance or an analyst's own cost matrix all give the same
 * instance, and linli_plan_solve() answers the three planning questions on
 * it with a proven bound.
 */

#define LINLI_PLAN_ERROR (linli_plan_error_quark ())

typedef enum
{
  LINLI_PLAN_ERROR_FAILED,
  LINLI_PLAN_ERROR_INFEASIBLE, /* the options admit no plan at all */
  LINLI_PLAN_ERROR_INVALID,    /* the options do not make sense for the instance */
} LinliPlanError;

typedef enum
{
  LINLI_PLAN_CANDIDATE, /* the solver may open it */
  LINLI_PLAN_EXISTING,  /* already there: always open, costs nothing */
  LINLI_PLAN_REQUIRED,  /* not there yet but must be opened: in every plan */
  LINLI_PLAN_FORBIDDEN, /* never opened */
  LINLI_PLAN_N_STATES,
} LinliPlanCandidateState;

typedef enum
{
  LINLI_PLAN_MCLP,    /* maximal covering: most weight within the radius */
  LINLI_PLAN_LSCP,    /* set covering: fewest (or cheapest) sites to reach a share */
  LINLI_PLAN_PMEDIAN, /* p-median: shortest weighted mean distance */
  LINLI_PLAN_N_PROBLEMS,
} LinliPlanProblem;

typedef struct _LinliPlanInstance LinliPlanInstance;

typedef void (*LinliPlanProgressFunc) (double      fraction,
                                       const char *message,
                                       gpointer    user_data);

/* Initialise with linli_plan_options_init() and change what differs;
 * fields that do not apply to the problem are ignored.
 *
 * k:                MCLP, p-median: new sites beyond the required ones; -1 = no limit
 * budget:           MCLP, p-median: cap on the cost of new sites, required ones
 *                   included; < 0 = none
 * target_share:     LSCP: share of all demand weight to cover, 0–1
 * radius:           coverage radius; < 0 = the instance's maximum distance
 * penalty_distance: p-median, and the mean distance of every result: the
 *                   distance counted for demand no open site reaches; < 0 = the
 *                   instance's maximum distance
 * capacitated:      MCLP: each open site serves at most its capacity
 * use_costs:        LSCP: minimise the cost of new sites when every candidate
 *                   has one, else their number
 * time_limit:       seconds; <= 0 = none
 * node_limit:       branch-and-bound nodes; 0 = none
 * gap_tolerance:    stop once the relative gap is this small (a fraction)
 * seed:             the same seed gives the same plan
 * states:           overrides the instance's candidate states; NULL = keep them
 * split:            solve independent parts exactly, each on its own (set
 *                   covering by number of sites, maximal covering with k and
 *                   no budget or capacities); FALSE only to compare
 */
typedef struct
{
  LinliPlanProblem               problem;
  int                            k;
  double                         budget;
  double                         target_share;
  double                         radius;
  double                         penalty_distance;
  gboolean                       capacitated;
  gboolean                       use_costs;
  double                         time_limit;
  guint64                        node_limit;
  double                         gap_tolerance;
  guint32                        seed;
  const LinliPlanCandidateState *states;
  gboolean                       split;
} LinliPlanOptions;

/* Everything a report needs; the arrays belong to the result.
 *
 * chosen:          candidates to open (required ones included), in selection
 *                  order: each adds the most after the ones before
 * added_weight:    per chosen candidate, the covered weight it adds
 * objective:       MCLP: covered weight; LSCP: number or cost of new sites;
 *                  p-median: weighted mean distance
 * bound:           proven: upper for MCLP, lower for LSCP and p-median
 * gap:             per cent: |bound - objective| / max (|bound|, |objective|)
 * proven_optimal:  no better plan exists (whole-number objectives), or none
 *                  better by a relative 1e-6
 * target_reached:  LSCP: FALSE when even every allowed candidate falls short
 * by_cost:         LSCP: the objective is the cost of new sites, not their number
 * covered_weight:  within the radius of an open site (served, when capacitated)
 * mean_distance:   weighted, to the nearest open site; the penalty distance
 *                  when none is in reach
 * cost:            total cost of the chosen sites that have one
 * unreachable:     demand points no allowed site reaches within the radius
 * nodes:           branch-and-bound nodes explored
 * n_rows:          demand rows left after merging
 * n_columns:       candidates left to decide after reductions
 * n_parts:         independent parts the instance was solved in, each exactly
 *                  on its own; 0 = not solved that way (nodes of the search
 *                  may still have been)
 */
typedef struct
{
  LinliPlanProblem problem;
  guint            n_chosen;
  guint           *chosen;
  double          *added_weight;
  double           objective;
  double           bound;
  double           gap;
  gboolean         proven_optimal;
  gboolean         target_reached;
  gboolean         by_cost;
  double           elapsed;
  double           total_weight;
  double           covered_weight;
  double           covered_share;
  double           mean_distance;
  double           cost;
  guint            n_unreachable;
  guint           *unreachable;
  guint64          nodes;
  guint            n_rows;
  guint            n_columns;
  guint            n_parts;
} LinliPlanResult;

GQuark             linli_plan_error_quark               (void);

LinliPlanInstance *linli_plan_instance_new (guint                          n_demand,
                                            const double                  *weights,
                                            guint                          n_candidates,
                                            const double                  *costs,
                                            const LinliPlanCandidateState *states,
                                            const double                  *capacities)
                                            G_GNUC_WARN_UNUSED_RESULT;

LinliPlanInstance *linli_plan_instance_ref              (LinliPlanInstance *self);
void               linli_plan_instance_unref            (LinliPlanInstance *self);

void               linli_plan_instance_add_arc          (LinliPlanInstance *self,
                                                         guint              demand,
                                                         guint              candidate,
                                                         double             distance);
void               linli_plan_instance_finish           (LinliPlanInstance *self);

guint              linli_plan_instance_get_n_demand     (LinliPlanInstance *self);
guint              linli_plan_instance_get_n_candidates (LinliPlanInstance *self);
guint              linli_plan_instance_count_openable   (LinliPlanInstance *self);
gsize              linli_plan_instance_get_n_arcs       (LinliPlanInstance *self);
double             linli_plan_instance_get_total_weight (LinliPlanInstance *self);
double             linli_plan_instance_get_weight       (LinliPlanInstance *self,
                                                         guint              demand);
double             linli_plan_instance_get_cost         (LinliPlanInstance *self,
                                                         guint              candidate);
double             linli_plan_instance_get_capacity     (LinliPlanInstance *self,
                                                         guint              candidate);
LinliPlanCandidateState
                   linli_plan_instance_get_state        (LinliPlanInstance *self,
                                                         guint              candidate);
void               linli_plan_instance_set_state        (LinliPlanInstance      *self,
                                                         guint                   candidate,
                                                         LinliPlanCandidateState state);
double             linli_plan_instance_get_max_distance (LinliPlanInstance *self);
void               linli_plan_instance_set_max_distance (LinliPlanInstance *self,
                                                         double             max_distance);
guint              linli_plan_instance_get_arcs         (LinliPlanInstance *self,
                                                         guint              demand,
                                                         const guint32    **candidates,
                                                         const float      **distances);

void               linli_plan_options_init              (LinliPlanOptions *options);

LinliPlanResult   *linli_plan_solve                     (LinliPlanInstance      *instance,
                                                         const LinliPlanOptions *options,
                                                         GCancellable           *cancellable,
                                                         LinliPlanProgressFunc   progress,
                                                         gpointer                user_data,
                                                         GError                **error)
                                                         G_GNUC_WARN_UNUSED_RESULT;
void               linli_plan_result_free               (LinliPlanResult *result);

const char        *linli_plan_problem_to_string         (LinliPlanProblem problem);
gboolean           linli_plan_problem_from_string       (const char       *str,
                                                         LinliPlanProblem *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliPlanInstance, linli_plan_instance_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliPlanResult, linli_plan_result_free)

G_END_DECLS
