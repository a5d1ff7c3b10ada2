/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-plan.h"

G_BEGIN_DECLS

/* What the solver's files share: the fields of an instance, the reduced
 * model, the search state, and the functions one file calls in another
 * (a leading underscore: not part of the API).  Nothing here is public.
 * The functions are G_GNUC_INTERNAL: not exported from the library, so the
 * compiler may inline them within their own file even in position-
 * independent code, as it did when they were all static in one file.
 */

struct _LinliPlanInstance
{
  gatomicrefcount ref_count;
  guint           n_demand;
  guint           n_candidates;
  double         *weights;
  double         *costs;          /* < 0 = none */
  guint8         *states;         /* LinliPlanCandidateState */
  double         *capacities;     /* 0 = no limit */
  double          total_weight;
  double          max_distance;
  gboolean        max_distance_set;
  gboolean        finished;
  GArray         *pending;        /* PendingArc, until finished */

  /* The arcs in compressed rows: for demand i, entries row_start[i] to
   * row_start[i + 1], nearest first.  Indices are 32 bits and distances
   * single precision (a tenth of a millimetre at 1 km) to keep hundreds of
   * thousands of buildings times dozens of sites in reach small.
   */
  gsize          *row_start;
  guint32        *arc_cand;
  float          *arc_dist;
};

/* An arc while an instance is being built: sorted per demand point. */
typedef struct
{
  float   distance;
  guint32 candidate;
} LinliPlanArc;

/* Columns [0, n_free) are the candidates the search decides.  In the
 * capacitated problem, existing and required sites with a capacity follow
 * as columns that are open for good, since a limited site does not cover
 * its circle outright.
 *
 * Coverage rows (maximal and set covering) merge demand points with the
 * same covering columns.  Distance rows (p-median, and the walk that breaks
 * ties between equally covering plans) keep one row per demand point with
 * the columns nearer than its base: the nearest site open whatever the plan,
 * or the penalty distance.
 */
typedef struct
{
  guint    n_cols;
  guint    n_free;
  guint   *col_cand;
  double  *col_cost;
  double  *col_cap;       /* HUGE_VAL when not limited */
  guint8  *root_out;      /* dominated: never opened */

  guint    n_rows;
  double  *row_w;
  gsize   *row_start;
  guint32 *row_col;
  gsize   *col_start;
  guint32 *col_row;
  double   base_weight;   /* covered whatever the plan */
  double   row_total;

  guint    n_drows;
  double  *drow_w;
  double  *drow_base;
  gsize   *drow_start;
  guint32 *drow_col;      /* nearest first */
  float   *drow_dist;
  gsize   *dcol_start;
  guint32 *dcol_row;
  float   *dcol_dist;
  double   base_walk;     /* weight × base of demand no column brings nearer */
} LinliPlanModel;

/* Rows of column lists under construction. */
typedef struct
{
  GArray *start;   /* gsize, one more than rows */
  GArray *cols;    /* guint32 */
  GArray *weight;  /* double */
} LinliPlanRowSet;

/* A bipartite graph of weighted rows and capacitated columns.  The weight
 * a set of open columns serves is the maximum flow from a source through
 * the rows (capacity: their weight) and the open columns (capacity: theirs)
 * to a sink.  Households are whole numbers, so with whole capacities the
 * flow is whole too: every household is served by one site.
 */
typedef struct
{
  guint          n_rows;
  guint          n_cols;
  const double  *row_w;
  const gsize   *row_start;
  const guint32 *row_col;
  const double  *col_cap;
} LinliPlanFlowGraph;

/* What the current node does with a column. */
enum
{
  COL_FREE,
  COL_IN,
  COL_OUT,
};

/* The best choice of columns for given Lagrangian benefits, relaxed: at
 * most k of them (the best k), within the budget (a fractional knapsack),
 * or both (the smaller of the two, each an upper bound of the choice).
 * The sorted orders are kept so the bound with one column forced in or out
 * costs a binary search, which is what fixing columns by reduced cost needs.
 */
typedef struct
{
  guint    n;            /* columns with a positive benefit */
  guint   *by_value;     /* the first n_ordered in order, then the rest */
  guint    n_ordered;
  double  *pv;           /* prefix sums of benefits, best first, to n_ordered */
  int     *pos_value;    /* per column, -1 when not positive or not ordered */
  guint   *by_ratio;
  double  *kc;           /* prefix sums of cost, best ratio first */
  double  *kv;
  int     *pos_ratio;
  guint    slots;        /* k left, or n when not limited */
  gboolean limited;
  gboolean knap;
  double   capacity;
  double   top;
  double   knap_value;
  double   value;
} LinliPlanSelection;

/* Sort keys for g_qsort_with_data(). */
typedef struct
{
  const double *values;
  const double *costs;
} LinliPlanSortData;

/* What solving a node by its independent parts came to. */
typedef enum
{
  LINLI_PLAN_SPLIT_NONE,        /* not split: the search goes on as before */
  LINLI_PLAN_SPLIT_SOLVED,      /* solved exactly */
  LINLI_PLAN_SPLIT_INFEASIBLE,  /* no plan in the node reaches the target */
} LinliPlanSplit;

/* The state of one solve: the options it was given, the reduced model, the
 * node of the branch-and-bound tree the search is at, the Lagrangian
 * multipliers, the best plan found and what stops the search.
 */
typedef struct
{
  LinliPlanProblem       problem;
  LinliPlanInstance     *inst;
  guint8                *states;
  double                 radius;
  float                  radius_f;
  double                 penalty;
  gboolean               maximise;
  gboolean               integral;       /* every objective is a multiple of grid */
  double                 grid;
  gboolean               capacitated;
  gboolean               by_cost;
  gboolean               use_budget;
  int                    k;              /* -1 = not limited */
  double                 budget;         /* left after the required sites */
  double                 fixed_value;    /* LSCP: the required sites' cost or number */
  double                 target;         /* LSCP: weight to cover, base included */
  gboolean               target_reached;
  double                 tol;
  double                 eps_w;          /* weight comparisons */
  LinliPlanModel         model;
  LinliPlanFlowGraph     bip;

  /* The current node. */
  guint8                *state;
  int                    k_left;
  double                 budget_left;
  guint                 *fixcov;         /* per row, IN columns covering it */
  guint                 *row_nfree;      /* per row, FREE columns covering it */
  double                 in_cover;       /* weight of rows an IN column covers */
  double                 in_cost;
  double                *dbase;          /* p-median: nearest IN or fixed, per distance row */
  GArray                *trail;
  GArray                *btrail;

  /* Lagrangian relaxation. */
  double                *mult;
  double                *grad;
  double                *acc;
  double                *benefit;
  double                *best_benefit;
  double                *branch_in;      /* per free column: bound with it forced in, at the last fixing */
  double                *branch_out;     /* … and forced out */
  double                *y;
  double                *xfill;          /* capacitated: weight per column entry */
  guint                 *order;          /* scratch for sorting rows */
  double                *key;
  double                 lr_const;
  double                 best_const;
  double                 gnorm2;
  double                 theta;
  LinliPlanSelection     sel;

  /* The best plan found. */
  guint8                *inc;
  double                 inc_value;
  double                 inc_walk;
  gboolean               has_inc;

  /* Scratch. */
  guint8                *row_mark;
  guint                 *cnt;
  guint8                *open_tmp;

  /* Control. */
  GRand                 *rand;
  GCancellable          *cancellable;
  LinliPlanProgressFunc  progress;
  gpointer               user_data;
  gint64                 start_time;
  gint64                 deadline;
  guint64                node_limit;
  guint64                nodes;
  gboolean               cancelled;
  gboolean               limit_hit;
  gboolean               incomplete;
  double                 closed_bound;
  double                 root_bound;
  double                 tree_done;
  gboolean               split;          /* solve independent parts exactly */
  guint                  split_parts;    /* parts the whole instance was solved in */
  gboolean               split_tried;    /* the whole instance was tried, in vain */
  guint                  depth;
  gint64                 last_report;
  double                 last_fraction;
  double                 phase_start;
  double                 phase_end;
} LinliPlanSearch;

/* Existing and required sites: open in every plan. */
static inline gboolean
_linli_plan_fixed_open (LinliPlanSearch *self,
                        guint            j)
{
  return self->states[j] == LINLI_PLAN_EXISTING || self->states[j] == LINLI_PLAN_REQUIRED;
}

/* For qsort() and bsearch(): inline, so that glibc's inline bsearch()
 * inlines it too. */
static inline int
_linli_plan_compare_guint32 (gconstpointer a,
                             gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

static inline guint
_linli_plan_row_set_len (const LinliPlanRowSet *rs)
{
  return rs->weight->len;
}

static inline gboolean
_linli_plan_col_is_free_decision (LinliPlanSearch *self,
                                  guint            c)
{
  return c < self->model.n_free && !self->model.root_out[c];
}

/* Rows worth multipliers at this node. */
static inline gboolean
_linli_plan_row_active (LinliPlanSearch *self,
                        guint            r)
{
  if (self->capacitated)
    return self->row_nfree[r] > 0 || self->fixcov[r] > 0;
  return self->fixcov[r] == 0 && self->row_nfree[r] > 0;
}

/* Whether spending @cost on new sites keeps within the budget. */
static inline gboolean
_linli_plan_within_budget (LinliPlanSearch *self,
                           double           cost)
{
  return !self->use_budget || cost <= self->budget + 1e-9 * MAX (1.0, self->budget);
}

/* linli-plan-instance.c */

G_GNUC_INTERNAL gsize
_linli_plan_sort_demand_arcs (LinliPlanArc *arcs,
                              gsize         n,
                              guint        *stamp,
                              guint         demand);

/* linli-plan-reduced.c */

G_GNUC_INTERNAL void
_linli_plan_model_clear (LinliPlanModel *model);

G_GNUC_INTERNAL void
_linli_plan_row_set_free (LinliPlanRowSet *rs);

G_GNUC_INTERNAL LinliPlanRowSet *
_linli_plan_row_set_new (void);

G_GNUC_INTERNAL void
_linli_plan_row_set_add (LinliPlanRowSet *rs,
                         const guint32   *cols,
                         guint            n,
                         double           weight);

G_GNUC_INTERNAL LinliPlanRowSet *
_linli_plan_row_set_merge (const LinliPlanRowSet *in);

G_GNUC_INTERNAL gboolean
_linli_plan_cancelled (LinliPlanSearch *self);

G_GNUC_INTERNAL gboolean
_linli_plan_build_cover_model (LinliPlanSearch *self);

G_GNUC_INTERNAL gboolean
_linli_plan_build_distance_model (LinliPlanSearch *self,
                                  gboolean         choose_columns);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliPlanRowSet, _linli_plan_row_set_free)

/* linli-plan-flow.c */

G_GNUC_INTERNAL double
_linli_plan_max_flow (const LinliPlanFlowGraph *g,
                      const guint8             *open,
                      double                   *served);

/* linli-plan-search.c */

G_GNUC_INTERNAL gboolean
_linli_plan_should_stop (LinliPlanSearch *self);

G_GNUC_INTERNAL void
_linli_plan_report (LinliPlanSearch *self,
                    double           fraction,
                    const char      *message,
                    gboolean         force);

G_GNUC_INTERNAL double
_linli_plan_elapsed (LinliPlanSearch *self);

G_GNUC_INTERNAL double
_linli_plan_rel_gap (double bound,
                     double value);

G_GNUC_INTERNAL double
_linli_plan_round_bound (LinliPlanSearch *self,
                         double           bound);

G_GNUC_INTERNAL gboolean
_linli_plan_prunable (LinliPlanSearch *self,
                      double           bound);

G_GNUC_INTERNAL void
_linli_plan_note_closed (LinliPlanSearch *self,
                         double           bound);

G_GNUC_INTERNAL void
_linli_plan_note_open (LinliPlanSearch *self,
                       double           bound);

G_GNUC_INTERNAL void
_linli_plan_fix_in (LinliPlanSearch *self,
                    guint            c);

G_GNUC_INTERNAL void
_linli_plan_fix_out (LinliPlanSearch *self,
                     guint            c);

G_GNUC_INTERNAL void
_linli_plan_undo_to (LinliPlanSearch *self,
                     guint            mark);

G_GNUC_INTERNAL guint
_linli_plan_count_open (LinliPlanSearch *self,
                        const guint8    *open);

G_GNUC_INTERNAL double
_linli_plan_cost_open (LinliPlanSearch *self,
                       const guint8    *open);

G_GNUC_INTERNAL double
_linli_plan_eval_walk (LinliPlanSearch *self,
                       const guint8    *open);

G_GNUC_INTERNAL double
_linli_plan_eval_value (LinliPlanSearch *self,
                        const guint8    *open,
                        gboolean        *feasible);

G_GNUC_INTERNAL gboolean
_linli_plan_offer (LinliPlanSearch *self,
                   const guint8    *open);

G_GNUC_INTERNAL void
_linli_plan_search_init (LinliPlanSearch *self);

G_GNUC_INTERNAL void
_linli_plan_search_clear (LinliPlanSearch *self);

/* linli-plan-lagrangian.c */

G_GNUC_INTERNAL int
_linli_plan_compare_by_value (gconstpointer a,
                              gconstpointer b,
                              gpointer      user_data);

G_GNUC_INTERNAL void
_linli_plan_sort_cols_by_value (guint        *cols,
                                guint         n,
                                const double *values);

G_GNUC_INTERNAL void
_linli_plan_selection_init (LinliPlanSelection *s,
                            guint               n_cols);

G_GNUC_INTERNAL void
_linli_plan_selection_clear (LinliPlanSelection *s);

G_GNUC_INTERNAL double
_linli_plan_selection_force (LinliPlanSearch *self,
                             const double    *b,
                             guint            c,
                             gboolean         in);

G_GNUC_INTERNAL double
_linli_plan_lagrange (LinliPlanSearch *self,
                      guint            max_iter,
                      guint            patience,
                      double           theta,
                      gboolean         root,
                      gboolean        *infeasible);

/* linli-plan-greedy.c */

G_GNUC_INTERNAL double
_linli_plan_cover_counts (LinliPlanSearch *self,
                          const guint8    *open,
                          guint           *cnt);

G_GNUC_INTERNAL void
_linli_plan_walk_current (LinliPlanSearch *self,
                          const guint8    *open,
                          double          *cur);

G_GNUC_INTERNAL void
_linli_plan_local_search_swap (LinliPlanSearch *self,
                               guint8          *open,
                               gboolean         polish);

G_GNUC_INTERNAL void
_linli_plan_lr_heuristic (LinliPlanSearch *self);

G_GNUC_INTERNAL void
_linli_plan_perturb_and_improve (LinliPlanSearch *self);

G_GNUC_INTERNAL void
_linli_plan_initial_plans (LinliPlanSearch *self);

/* linli-plan-split.c */

G_GNUC_INTERNAL LinliPlanSplit
_linli_plan_split (LinliPlanSearch *self,
                   guint64          budget,
                   double          *value,
                   guint           *n_parts);

/* linli-plan-bnb.c */

G_GNUC_INTERNAL void
_linli_plan_branch_and_bound (LinliPlanSearch *self);

G_GNUC_INTERNAL void
_linli_plan_init_multipliers (LinliPlanSearch *self);

G_GNUC_INTERNAL double
_linli_plan_trivial_bound (LinliPlanSearch *self);

G_GNUC_INTERNAL void
_linli_plan_drop_useless (LinliPlanSearch *self);

G_END_DECLS
