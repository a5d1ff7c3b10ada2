/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "linli-project.h"

G_BEGIN_DECLS

/* The planning model (issue 5): where new service sites should go.
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

/* Initialise with linli_plan_options_init() and change what differs; fields
 * that do not apply to the problem are ignored.
 */
typedef struct
{
  LinliPlanProblem problem;
  int              k;                /* MCLP, p-median: new sites beyond the required ones; -1 = no limit */
  double           budget;           /* MCLP, p-median: cost cap of new sites, required included; < 0 = none */
  double           target_share;     /* LSCP: share of all demand weight to cover, 0–1 */
  double           radius;           /* coverage radius; < 0 = the instance's maximum distance */
  double           penalty_distance; /* distance counted for unreached demand; < 0 = the maximum distance */
  gboolean         capacitated;      /* MCLP: each open site serves at most its capacity */
  gboolean         use_costs;        /* LSCP: minimise cost when every candidate has one */
  double           time_limit;       /* seconds; <= 0 = none */
  guint64          node_limit;       /* branch-and-bound nodes; 0 = none */
  double           gap_tolerance;    /* stop once the relative gap is this small (fraction) */
  guint32          seed;             /* the same seed gives the same plan */
  const LinliPlanCandidateState *states; /* overrides the instance's states; NULL = keep */
} LinliPlanOptions;

/* Everything a report needs.  Arrays belong to the result. */
typedef struct
{
  LinliPlanProblem problem;
  guint            n_chosen;
  guint           *chosen;           /* candidates opened (required ones included), in selection order */
  double          *added_weight;     /* per chosen candidate, the covered weight it adds after the ones before */
  double           objective;        /* MCLP: covered weight; LSCP: sites or cost; p-median: mean distance */
  double           bound;            /* proven: upper for MCLP, lower for LSCP and p-median */
  double           gap;              /* per cent: |bound - objective| / max (|bound|, |objective|) */
  gboolean         proven_optimal;   /* no better plan exists (whole objectives) or none better by 1e-6 */
  gboolean         target_reached;   /* LSCP: FALSE when even every allowed candidate falls short */
  gboolean         by_cost;          /* LSCP: the objective is the cost of new sites, not their number */
  double           elapsed;          /* seconds */
  double           total_weight;
  double           covered_weight;   /* within the radius of an open site (served, when capacitated) */
  double           covered_share;
  double           mean_distance;    /* weighted, to the nearest open site, penalty when none is in reach */
  double           cost;             /* total cost of the chosen sites that carry one */
  guint            n_unreachable;
  guint           *unreachable;      /* demand points no allowed site reaches within the radius */
  guint64          nodes;            /* branch-and-bound nodes explored */
  guint            n_rows;           /* demand rows left after merging */
  guint            n_columns;        /* candidates left to decide */
} LinliPlanResult;

GQuark             linli_plan_error_quark                  (void);

LinliPlanInstance *linli_plan_instance_new                 (guint                          n_demand,
                                                            const double                  *weights,
                                                            guint                          n_candidates,
                                                            const double                  *costs,
                                                            const LinliPlanCandidateState *states,
                                                            const double                  *capacities) G_GNUC_WARN_UNUSED_RESULT;
LinliPlanInstance *linli_plan_instance_new_from_project    (LinliProject *project,
                                                            double        max_distance) G_GNUC_WARN_UNUSED_RESULT;
LinliPlanInstance *linli_plan_instance_ref                 (LinliPlanInstance *self);
void               linli_plan_instance_unref               (LinliPlanInstance *self);

void               linli_plan_instance_add_arc             (LinliPlanInstance *self,
                                                            guint              demand,
                                                            guint              candidate,
                                                            double             distance);
void               linli_plan_instance_finish              (LinliPlanInstance *self);

guint              linli_plan_instance_get_n_demand        (LinliPlanInstance *self);
guint              linli_plan_instance_get_n_candidates    (LinliPlanInstance *self);
gsize              linli_plan_instance_get_n_arcs          (LinliPlanInstance *self);
double             linli_plan_instance_get_total_weight    (LinliPlanInstance *self);
double             linli_plan_instance_get_weight          (LinliPlanInstance *self,
                                                            guint              demand);
double             linli_plan_instance_get_cost            (LinliPlanInstance *self,
                                                            guint              candidate);
double             linli_plan_instance_get_capacity        (LinliPlanInstance *self,
                                                            guint              candidate);
LinliPlanCandidateState linli_plan_instance_get_state      (LinliPlanInstance *self,
                                                            guint              candidate);
void               linli_plan_instance_set_state           (LinliPlanInstance      *self,
                                                            guint                   candidate,
                                                            LinliPlanCandidateState state);
double             linli_plan_instance_get_max_distance    (LinliPlanInstance *self);
void               linli_plan_instance_set_max_distance    (LinliPlanInstance *self,
                                                            double             max_distance);
guint              linli_plan_instance_get_arcs            (LinliPlanInstance *self,
                                                            guint              demand,
                                                            const guint32    **candidates,
                                                            const float      **distances);

void               linli_plan_options_init                 (LinliPlanOptions *options);

LinliPlanResult   *linli_plan_solve                        (LinliPlanInstance      *instance,
                                                            const LinliPlanOptions *options,
                                                            GCancellable           *cancellable,
                                                            LinliPlanProgressFunc   progress,
                                                            gpointer                user_data,
                                                            GError                **error) G_GNUC_WARN_UNUSED_RESULT;
void               linli_plan_result_free                  (LinliPlanResult *result);

const char        *linli_plan_problem_to_string            (LinliPlanProblem problem);
gboolean           linli_plan_problem_from_string          (const char       *str,
                                                            LinliPlanProblem *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliPlanInstance, linli_plan_instance_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliPlanResult, linli_plan_result_free)

G_END_DECLS
