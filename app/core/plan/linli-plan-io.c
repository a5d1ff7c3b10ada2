/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-plan-io"

#include "config.h"

#include "linli-plan-io.h"

#include "linli-file.h"
#include "linli-csv.h"
#include "linli-number.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

G_DEFINE_QUARK (linli-plan-io-error-quark, linli_plan_io_error)

/* ------------------------------------------------------------------------ */
/* CSV                                                                       */
/* ------------------------------------------------------------------------ */

/* Values of weights, costs and capacities: far beyond any city, small
 * enough that sums of them stay exact to the metre or yuan. */
#define MAX_VALUE 1e15

typedef struct
{
  LinliCsvReader *reader;
  const char     *path;
  guint           line;
  GPtrArray      *header;   /* char *, trimmed */
} Csv;

static void
csv_close (Csv *csv)
{
  g_clear_pointer (&csv->reader, linli_csv_reader_free);
  g_clear_pointer (&csv->header, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Csv, csv_close)

/* The CSV reader's error in the plan domain; takes @local_error. */
static gboolean
csv_error (GError **error,
           GError  *local_error)
{
  linli_csv_propagate_error (error, local_error, LINLI_PLAN_IO_ERROR, LINLI_PLAN_IO_ERROR_FAILED,
                             LINLI_PLAN_IO_ERROR_INVALID);
  return FALSE;
}

/* Opens @path with the core's CSV reader and reads its header. */
static gboolean
csv_open (Csv         *csv,
          const char  *path,
          GError     **error)
{
  GError *local_error = NULL;

  csv_close (csv);
  csv->path = path;
  csv->line = 1;
  csv->reader = linli_csv_reader_new_for_path (path, 0, &local_error);
  if (csv->reader == NULL)
    return csv_error (error, local_error);
  if (!linli_csv_reader_next (csv->reader, &local_error))
    {
      if (local_error != NULL)
        return csv_error (error, local_error);
      g_set_error (error, LINLI_PLAN_IO_ERROR, LINLI_PLAN_IO_ERROR_INVALID,
                   _("%s:1: the file is empty; a header line is needed"), path);
      return FALSE;
    }
  csv->line = linli_csv_reader_get_line (csv->reader);
  csv->header = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < linli_csv_reader_get_n_fields (csv->reader); i++)
    {
      char *name = g_strdup (linli_csv_reader_get_field (csv->reader, i));

      g_ptr_array_add (csv->header, g_strstrip (name));
    }
  return TRUE;
}

/* Reads the next row; FALSE at the end, or with @error set. */
static gboolean
csv_next (Csv     *csv,
          GError **error)
{
  GError *local_error = NULL;

  if (linli_csv_reader_next (csv->reader, &local_error))
    {
      csv->line = linli_csv_reader_get_line (csv->reader);
      return TRUE;
    }
  if (local_error != NULL)
    csv_error (error, local_error);
  return FALSE;
}

/* Finds a column by any of its accepted names; -1 if absent. */
static int
csv_column (Csv               *csv,
            const char *const *names)
{
  for (guint i = 0; i < csv->header->len; i++)
    for (guint k = 0; names[k] != NULL; k++)
      if (g_ascii_strcasecmp (g_ptr_array_index (csv->header, i), names[k]) == 0)
        return i;
  return -1;
}

static gboolean
csv_require (Csv        *csv,
             int         column,
             const char *name,
             GError    **error)
{
  if (column < 0)
    {
      g_set_error (error, LINLI_PLAN_IO_ERROR, LINLI_PLAN_IO_ERROR_INVALID,
                   _("%s:%u: no “%s” column in the header"), csv->path, csv->line, name);
      return FALSE;
    }
  return TRUE;
}

/* A field without the white space around it. */
static char *
csv_field (Csv *csv,
           int  column)
{
  if (column < 0)
    return g_strdup ("");
  return g_strstrip (g_strdup (linli_csv_reader_get_field (csv->reader, column)));
}

/* A number of 0 or more (see linli_number_parse_double()); with
 * @allow_empty an empty field is -1. */
static gboolean
csv_number (Csv         *csv,
            int          column,
            const char  *what,
            gboolean     allow_empty,
            double      *out,
            GError     **error)
{
  const char *text = column >= 0 ? linli_csv_reader_get_field (csv->reader, column) : "";
  g_autofree char *reason = NULL;
  LinliNumberStatus status;

  status = linli_number_parse_double (text, LINLI_NUMBER_ALLOW_SPACE, 0, MAX_VALUE, out);
  if (status == LINLI_NUMBER_OK)
    return TRUE;
  if (status == LINLI_NUMBER_EMPTY && allow_empty)
    {
      *out = -1;
      return TRUE;
    }
  reason = linli_number_describe (status, 0, MAX_VALUE);
  /* Translators: file, line, the column (weight, cost, capacity), its value and what is wrong, e.g.
   * demand.csv:3: weight “-1” is negative */
  g_set_error (error, LINLI_PLAN_IO_ERROR, LINLI_PLAN_IO_ERROR_INVALID, _("%s:%u: %s “%s” %s"),
               csv->path, csv->line, what, text, reason);
  return FALSE;
}

/**
 * linli_plan_read_csv:
 * @demand_path: `id,weight` rows
 * @candidates_path: `id,cost,state[,capacity]` rows; cost may be empty;
 *   state is candidate, existing, required or forbidden
 * @costs_path: `demand_id,candidate_id,cost` rows; pairs not listed are
 *   unreachable
 * @demand_ids: (out) (optional): the demand ids, in instance order
 * @candidate_ids: (out) (optional): the candidate ids, in instance order
 *
 * Reads an instance an analyst made with a routing tool, with the core's
 * CSV reader (linli_csv_reader_new_for_path(): regular files only, within
 * its limits of size, row and field length; comma, semicolon or tab
 * separated; UTF-8, UTF-16 or GBK).  Numbers are decimal (see
 * linli_number_parse_double()), from 0 to 10^15.  Errors name the file,
 * line and reason; nothing is returned half-read.
 *
 * Returns: (transfer full): the instance, or %NULL with @error set
 */
LinliPlanInstance *
linli_plan_read_csv (const char  *demand_path,
                     const char  *candidates_path,
                     const char  *costs_path,
                     GPtrArray  **demand_ids,
                     GPtrArray  **candidate_ids,
                     GError     **error)
{
  static const char *const id_names[] = { "id", NULL };
  static const char *const weight_names[] = { "weight", "households", NULL };
  static const char *const cost_names[] = { "cost", NULL };
  static const char *const state_names[] = { "state", "status", NULL };
  static const char *const capacity_names[] = { "capacity", NULL };
  static const char *const demand_names[] = { "demand_id", "demand", NULL };
  static const char *const candidate_names[] = { "candidate_id", "candidate", NULL };
  static const char *const arc_cost_names[] = { "cost", "distance", NULL };
  g_autoptr (GPtrArray) d_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) c_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) d_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) c_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GArray) weights = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) costs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) caps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) states = g_array_new (FALSE, FALSE, sizeof (LinliPlanCandidateState));
  g_autoptr (LinliPlanInstance) instance = NULL;
  g_auto (Csv) csv = { 0 };
  GError *local_error = NULL;
  int c_id, c_weight, c_cost, c_state, c_cap, c_demand, c_cand;

  /* Demand points. */
  if (!csv_open (&csv, demand_path, error))
    return NULL;
  c_id = csv_column (&csv, id_names);
  c_weight = csv_column (&csv, weight_names);
  if (!csv_require (&csv, c_id, "id", error) || !csv_require (&csv, c_weight, "weight", error))
    return NULL;
  while (csv_next (&csv, &local_error))
    {
      g_autofree char *id = csv_field (&csv, c_id);
      double w;

      if (*id == '\0' || g_hash_table_contains (d_index, id))
        {
          g_set_error (error, LINLI_PLAN_IO_ERROR, LINLI_PLAN_IO_ERROR_INVALID,
                       *id ? _("%s:%u: duplicate id “%s”") : _("%s:%u: empty id%s"),
                       csv.path, csv.line, id);
          return NULL;
        }
      if (!csv_number (&csv, c_weight, "weight", FALSE, &w, error))
        return NULL;
      g_ptr_array_add (d_ids, g_steal_pointer (&id));
      g_hash_table_insert (d_index, g_ptr_array_index (d_ids, d_ids->len - 1), GUINT_TO_POINTER (d_ids->len));
      g_array_append_val (weights, w);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  /* Candidates. */
  if (!csv_open (&csv, candidates_path, error))
    return NULL;
  c_id = csv_column (&csv, id_names);
  c_cost = csv_column (&csv, cost_names);
  c_state = csv_column (&csv, state_names);
  c_cap = csv_column (&csv, capacity_names);
  if (!csv_require (&csv, c_id, "id", error))
    return NULL;
  while (csv_next (&csv, &local_error))
    {
      g_autofree char *id = csv_field (&csv, c_id);
      g_autofree char *state_text = csv_field (&csv, c_state);
      LinliPlanCandidateState state;
      double cost, cap;

      if (*id == '\0' || g_hash_table_contains (c_index, id))
        {
          g_set_error (error, LINLI_PLAN_IO_ERROR, LINLI_PLAN_IO_ERROR_INVALID,
                       *id ? _("%s:%u: duplicate id “%s”") : _("%s:%u: empty id%s"),
                       csv.path, csv.line, id);
          return NULL;
        }
      if (!csv_number (&csv, c_cost, "cost", TRUE, &cost, error) ||
          !csv_number (&csv, c_cap, "capacity", TRUE, &cap, error))
        return NULL;
      if (*state_text == '\0' || g_ascii_strcasecmp (state_text, "candidate") == 0)
        state = LINLI_PLAN_CANDIDATE;
      else if (g_ascii_strcasecmp (state_text, "existing") == 0)
        state = LINLI_PLAN_EXISTING;
      else if (g_ascii_strcasecmp (state_text, "required") == 0)
        state = LINLI_PLAN_REQUIRED;
      else if (g_ascii_strcasecmp (state_text, "forbidden") == 0)
        state = LINLI_PLAN_FORBIDDEN;
      else
        {
          g_set_error (error, LINLI_PLAN_IO_ERROR, LINLI_PLAN_IO_ERROR_INVALID,
                       _("%s:%u: state must be candidate, existing, required or forbidden, not “%s”"),
                       csv.path, csv.line, state_text);
          return NULL;
        }
      cap = cap < 0 ? 0 : cap;
      g_ptr_array_add (c_ids, g_steal_pointer (&id));
      g_hash_table_insert (c_index, g_ptr_array_index (c_ids, c_ids->len - 1), GUINT_TO_POINTER (c_ids->len));
      g_array_append_val (costs, cost);
      g_array_append_val (caps, cap);
      g_array_append_val (states, state);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  instance = linli_plan_instance_new (d_ids->len, (const double *) weights->data, c_ids->len,
                                      (const double *) costs->data,
                                      (const LinliPlanCandidateState *) states->data,
                                      (const double *) caps->data);

  /* The cost list. */
  if (!csv_open (&csv, costs_path, error))
    return NULL;
  c_demand = csv_column (&csv, demand_names);
  c_cand = csv_column (&csv, candidate_names);
  c_cost = csv_column (&csv, arc_cost_names);
  if (!csv_require (&csv, c_demand, "demand_id", error) || !csv_require (&csv, c_cand, "candidate_id", error) ||
      !csv_require (&csv, c_cost, "cost", error))
    return NULL;
  while (csv_next (&csv, &local_error))
    {
      g_autofree char *d = csv_field (&csv, c_demand);
      g_autofree char *c = csv_field (&csv, c_cand);
      guint di = GPOINTER_TO_UINT (g_hash_table_lookup (d_index, d));
      guint ci = GPOINTER_TO_UINT (g_hash_table_lookup (c_index, c));
      double cost;

      if (di == 0 || ci == 0)
        {
          g_set_error (error, LINLI_PLAN_IO_ERROR, LINLI_PLAN_IO_ERROR_INVALID,
                       _("%s:%u: unknown %s “%s”"), csv.path, csv.line,
                       di == 0 ? _("demand point") : _("candidate"), di == 0 ? d : c);
          return NULL;
        }
      if (!csv_number (&csv, c_cost, "cost", FALSE, &cost, error))
        return NULL;
      linli_plan_instance_add_arc (instance, di - 1, ci - 1, cost);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  linli_plan_instance_finish (instance);

  if (demand_ids)
    *demand_ids = g_steal_pointer (&d_ids);
  if (candidate_ids)
    *candidate_ids = g_steal_pointer (&c_ids);
  return g_steal_pointer (&instance);
}

/* ------------------------------------------------------------------------ */
/* CPLEX LP                                                                  */
/* ------------------------------------------------------------------------ */

/* The LP goes to the file in chunks as it is written: a p-median LP of
 * 300,000 buildings runs to hundreds of megabytes, which one string would
 * hold whole (and grow by copying) before a byte reached the disk.
 */
#define LP_CHUNK (1 << 20)

typedef struct
{
  GString         *out;
  guint            terms;   /* on the current line, to keep lines short */
  LinliFileWriter *writer;
  GError          *error;   /* the first write that failed; later ones are skipped */
} Lp;

static void
lp_flush (Lp *lp)
{
  if (lp->error == NULL && lp->out->len > 0)
    linli_file_writer_write (lp->writer, lp->out->str, lp->out->len, &lp->error);
  g_string_truncate (lp->out, 0);
}

/* Called after each piece written: the buffer stays about one chunk. */
static inline void
lp_check (Lp *lp)
{
  if (lp->out->len >= LP_CHUNK)
    lp_flush (lp);
}

/* Names and numbers are made by hand: printf's format parsing was most of
 * the time of writing tens of millions of terms.
 */
#define LP_NONE G_MAXUINT

static char *
lp_put_uint (char  *p,
             guint  v)
{
  char digits[16];
  guint n = 0;

  do
    digits[n++] = '0' + v % 10;
  while ((v /= 10) != 0);
  while (n > 0)
    *p++ = digits[--n];
  return p;
}

/* A variable or row name: @prefix, @i and, unless LP_NONE, "_" and @j. */
static char *
lp_put_name (char       *p,
             const char *prefix,
             guint       i,
             guint       j)
{
  while (*prefix)
    *p++ = *prefix++;
  p = lp_put_uint (p, i);
  if (j != LP_NONE)
    {
      *p++ = '_';
      p = lp_put_uint (p, j);
    }
  return p;
}

/* The start of a row: " name:". */
static void
lp_row (Lp         *lp,
        const char *prefix,
        guint       i,
        guint       j)
{
  char buf[64], *p = buf;

  *p++ = ' ';
  p = lp_put_name (p, prefix, i, j);
  *p++ = ':';
  g_string_append_len (lp->out, buf, p - buf);
}

static void
lp_term (Lp         *lp,
         double      coefficient,
         const char *prefix,
         guint       i,
         guint       j)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 64], *p = buf;
  double a = fabs (coefficient);

  if (lp->terms > 0 && lp->terms % 8 == 0)
    {
      memcpy (p, "\n   ", 4);
      p += 4;
    }
  *p++ = ' ';
  *p++ = coefficient < 0 ? '-' : '+';
  *p++ = ' ';
  /* Whole numbers below 10^9 print as %.10g prints them. */
  if (a == floor (a) && a < 1e9)
    p = lp_put_uint (p, (guint) a);
  else
    {
      g_ascii_formatd (p, G_ASCII_DTOSTR_BUF_SIZE, "%.10g", a);
      p += strlen (p);
    }
  *p++ = ' ';
  p = lp_put_name (p, prefix, i, j);
  g_string_append_len (lp->out, buf, p - buf);
  lp->terms++;
  lp_check (lp);
}

static void
lp_end_row (Lp         *lp,
            const char *sense,
            double      rhs)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (lp->terms == 0)
    g_string_append (lp->out, " 0 x_none");
  g_string_append_printf (lp->out, " %s %s\n", sense, g_ascii_formatd (buf, sizeof buf, "%.10g", rhs));
  lp->terms = 0;
  lp_check (lp);
}

static LinliPlanCandidateState
state_of (LinliPlanInstance      *instance,
          const LinliPlanOptions *options,
          guint                   j)
{
  return options->states ? options->states[j] : linli_plan_instance_get_state (instance, j);
}

/**
 * linli_plan_write_lp:
 * @options: the problem and its parameters, as linli_plan_solve() takes them
 * @path: the file to write
 *
 * Writes the instance as a mixed-integer program in CPLEX LP format:
 * x_j = 1 when candidate j is open, y_i the covered share of demand i
 * (MCLP, LSCP), z_i_j the share of demand i served by j and u_i the share
 * left unreached at the penalty distance (p-median).  Existing and required
 * candidates are fixed open, forbidden ones closed.
 *
 * The LP is streamed to a temporary file a megabyte at a time, so memory
 * stays small however large the instance, and replaces @path only once it
 * is complete.
 *
 * Returns: %TRUE on success
 */
gboolean
linli_plan_write_lp (LinliPlanInstance      *instance,
                     const LinliPlanOptions *options,
                     const char             *path,
                     GError                **error)
{
  guint n = linli_plan_instance_get_n_demand (instance);
  guint m = linli_plan_instance_get_n_candidates (instance);
  double radius = options->radius >= 0 ? options->radius : linli_plan_instance_get_max_distance (instance);
  double penalty = options->penalty_distance >= 0 ? options->penalty_distance
                                                  : linli_plan_instance_get_max_distance (instance);
  g_autoptr (GString) out = g_string_sized_new (LP_CHUNK + 4096);
  Lp lp = { out, 0, NULL, NULL };
  gboolean by_cost = FALSE;

  lp.writer = linli_file_writer_new (path, error);
  if (lp.writer == NULL)
    return FALSE;

  g_string_append_printf (out, "\\ Linli %s instance: %u demand points, %u candidates\n",
                          linli_plan_problem_to_string (options->problem), n, m);

  if (options->problem == LINLI_PLAN_LSCP && options->use_costs)
    {
      by_cost = TRUE;
      for (guint j = 0; j < m; j++)
        if (state_of (instance, options, j) == LINLI_PLAN_CANDIDATE && linli_plan_instance_get_cost (instance, j) < 0)
          by_cost = FALSE;
    }

  /* Objective. */
  g_string_append (out, options->problem == LINLI_PLAN_MCLP ? "Maximize\n obj:" : "Minimize\n obj:");
  for (guint i = 0; i < n && options->problem == LINLI_PLAN_MCLP; i++)
    lp_term (&lp, linli_plan_instance_get_weight (instance, i), "y", i, LP_NONE);
  for (guint j = 0; j < m && options->problem == LINLI_PLAN_LSCP; j++)
    if (state_of (instance, options, j) == LINLI_PLAN_CANDIDATE || state_of (instance, options, j) == LINLI_PLAN_REQUIRED)
      lp_term (&lp, by_cost ? MAX (linli_plan_instance_get_cost (instance, j), 0) : 1, "x", j, LP_NONE);
  if (options->problem == LINLI_PLAN_PMEDIAN)
    for (guint i = 0; i < n; i++)
      {
        const guint32 *cand;
        const float *dist;
        guint k = linli_plan_instance_get_arcs (instance, i, &cand, &dist);
        double w = linli_plan_instance_get_weight (instance, i);

        for (guint a = 0; a < k; a++)
          if (dist[a] < penalty)
            lp_term (&lp, w * dist[a], "z", i, cand[a]);
        lp_term (&lp, w * penalty, "u", i, LP_NONE);
      }
  if (lp.terms == 0)
    g_string_append (out, " 0 x_none");
  lp.terms = 0;
  g_string_append (out, "\nSubject To\n");

  if (options->problem != LINLI_PLAN_PMEDIAN)
    {
      for (guint i = 0; i < n; i++)
        {
          const guint32 *cand;
          const float *dist;
          guint k = linli_plan_instance_get_arcs (instance, i, &cand, &dist);

          lp_row (&lp, "cover", i, LP_NONE);
          lp_term (&lp, 1, "y", i, LP_NONE);
          for (guint a = 0; a < k; a++)
            if (dist[a] <= radius)
              lp_term (&lp, -1, "x", cand[a], LP_NONE);
          lp_end_row (&lp, "<=", 0);
        }
      if (options->problem == LINLI_PLAN_LSCP)
        {
          g_string_append (out, " target:");
          for (guint i = 0; i < n; i++)
            lp_term (&lp, linli_plan_instance_get_weight (instance, i), "y", i, LP_NONE);
          lp_end_row (&lp, ">=", options->target_share * linli_plan_instance_get_total_weight (instance));
        }
    }
  else
    {
      for (guint i = 0; i < n; i++)
        {
          const guint32 *cand;
          const float *dist;
          guint k = linli_plan_instance_get_arcs (instance, i, &cand, &dist);

          lp_row (&lp, "assign", i, LP_NONE);
          for (guint a = 0; a < k; a++)
            if (dist[a] < penalty)
              lp_term (&lp, 1, "z", i, cand[a]);
          lp_term (&lp, 1, "u", i, LP_NONE);
          lp_end_row (&lp, "=", 1);
          for (guint a = 0; a < k; a++)
            if (dist[a] < penalty)
              {
                lp_row (&lp, "open", i, cand[a]);
                lp_term (&lp, 1, "z", i, cand[a]);
                lp_term (&lp, -1, "x", cand[a], LP_NONE);
                lp_end_row (&lp, "<=", 0);
              }
        }
    }

  if (options->problem != LINLI_PLAN_LSCP && options->k >= 0)
    {
      g_string_append (out, " sites:");
      for (guint j = 0; j < m; j++)
        if (state_of (instance, options, j) == LINLI_PLAN_CANDIDATE)
          lp_term (&lp, 1, "x", j, LP_NONE);
      lp_end_row (&lp, "<=", options->k);
    }
  if (options->problem != LINLI_PLAN_LSCP && options->budget >= 0)
    {
      g_string_append (out, " budget:");
      for (guint j = 0; j < m; j++)
        {
          LinliPlanCandidateState st = state_of (instance, options, j);

          if ((st == LINLI_PLAN_CANDIDATE || st == LINLI_PLAN_REQUIRED) && linli_plan_instance_get_cost (instance, j) > 0)
            lp_term (&lp, linli_plan_instance_get_cost (instance, j), "x", j, LP_NONE);
        }
      lp_end_row (&lp, "<=", options->budget);
    }
  if (options->problem == LINLI_PLAN_MCLP && options->capacitated)
    g_string_append (out, "\\ capacities are not written: this file is the uncapacitated model\n");

  g_string_append (out, "Bounds\n");
  for (guint j = 0; j < m; j++)
    {
      LinliPlanCandidateState st = state_of (instance, options, j);

      if (st == LINLI_PLAN_EXISTING || st == LINLI_PLAN_REQUIRED)
        g_string_append_printf (out, " x%u = 1\n", j);
      else if (st == LINLI_PLAN_FORBIDDEN)
        g_string_append_printf (out, " x%u = 0\n", j);
      lp_check (&lp);
    }
  for (guint i = 0; i < n && options->problem != LINLI_PLAN_PMEDIAN; i++)
    {
      g_string_append_printf (out, " 0 <= y%u <= 1\n", i);
      lp_check (&lp);
    }
  g_string_append (out, "Binary\n");
  for (guint j = 0; j < m; j++)
    {
      LinliPlanCandidateState st = state_of (instance, options, j);

      if (st == LINLI_PLAN_CANDIDATE)
        g_string_append_printf (out, " x%u\n", j);
      lp_check (&lp);
    }
  g_string_append (out, "End\n");
  lp_flush (&lp);

  /* The writer's errors name @path, never the temporary file; the target
   * is replaced only when the whole LP was written.
   */
  if (lp.error != NULL)
    {
      linli_file_writer_abort (lp.writer);
      g_propagate_error (error, lp.error);
      return FALSE;
    }
  return linli_file_writer_commit (lp.writer, error);
}

/* ------------------------------------------------------------------------ */
/* Reports                                                                   */
/* ------------------------------------------------------------------------ */

static const char *
name_of (GPtrArray *names,
         guint      index,
         char      *buf,
         gsize      size)
{
  if (names != NULL && index < names->len)
    return g_ptr_array_index (names, index);
  g_snprintf (buf, size, "#%u", index);
  return buf;
}

/**
 * linli_plan_describe_bound:
 *
 * Returns: (transfer full): how far the plan can be from the best one, in
 * plain words, as the planner reads it
 */
char *
linli_plan_describe_bound (const LinliPlanResult *r)
{
  if (r->proven_optimal)
    return g_strdup (_("This plan is proven optimal: no plan under the same rules does better."));
  switch (r->problem)
    {
    case LINLI_PLAN_MCLP:
      return g_strdup_printf (_("This plan covers at least %.1f %% of what the best possible plan could."),
                              r->bound > 0 ? 100 * r->objective / r->bound : 100.0);
    case LINLI_PLAN_LSCP:
      return g_strdup_printf (_("The best possible plan needs at least %.1f; this one is at most %.1f %% above it."),
                              r->bound, r->gap);
    case LINLI_PLAN_PMEDIAN:
    case LINLI_PLAN_N_PROBLEMS:
    default:
      return g_strdup_printf (_("No plan gets the mean walk below %.0f m; this one is at most %.1f %% longer."),
                              r->bound, r->gap);
    }
}

/**
 * linli_plan_report_text:
 * @candidate_names: (nullable): names for candidates, by index
 * @demand_names: (nullable): names for demand points, by index
 *
 * Returns: (transfer full): a report for people to read
 */
char *
linli_plan_report_text (LinliPlanInstance     *instance,
                        const LinliPlanResult *r,
                        GPtrArray             *candidate_names,
                        GPtrArray             *demand_names)
{
  GString *out = g_string_new (NULL);
  g_autofree char *sentence = linli_plan_describe_bound (r);
  char buf[32];

  g_string_append_printf (out, _("Problem: %s\n"), linli_plan_problem_to_string (r->problem));
  g_string_append_printf (out, _("Objective: %.6g   bound: %.6g   gap: %.3f %%   %s   time: %.3f s\n"),
                          r->objective, r->bound, r->gap,
                          r->proven_optimal ? _("proven optimal") : _("not proven optimal"), r->elapsed);
  g_string_append_printf (out, "%s\n", sentence);
  if (r->n_parts > 1)
    g_string_append_printf (out, ngettext ("The sites to decide fell into %u independent part, each solved exactly on its own.\n",
                                           "The sites to decide fell into %u independent parts, each solved exactly on its own.\n",
                                           r->n_parts),
                            r->n_parts);
  g_string_append_printf (out, _("Covered: %.0f of %.0f (%.2f %% of the weight, e.g. households); mean distance %.1f\n"),
                          r->covered_weight, r->total_weight, 100 * r->covered_share, r->mean_distance);
  if (r->problem == LINLI_PLAN_LSCP && !r->target_reached)
    g_string_append_printf (out, _("The target cannot be reached with these candidates: %u demand points are out of every allowed site's reach.\n"),
                            r->n_unreachable);
  g_string_append_printf (out, _("Sites (%u), in the order chosen, with the weight each adds:\n"), r->n_chosen);
  for (guint c = 0; c < r->n_chosen; c++)
    {
      guint j = r->chosen[c];

      g_string_append_printf (out, "  %-24s %s  +%.0f\n", name_of (candidate_names, j, buf, sizeof buf),
                              linli_plan_instance_get_state (instance, j) == LINLI_PLAN_REQUIRED ? _("required") : "        ",
                              r->added_weight[c]);
    }
  if (r->n_unreachable > 0)
    {
      g_string_append_printf (out, _("Out of reach of every allowed site (%u):"), r->n_unreachable);
      for (guint u = 0; u < r->n_unreachable && u < 50; u++)
        g_string_append_printf (out, " %s", name_of (demand_names, r->unreachable[u], buf, sizeof buf));
      if (r->n_unreachable > 50)
        g_string_append (out, " …");
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
json_string (GString    *out,
             const char *s)
{
  g_string_append_c (out, '"');
  for (; *s; s++)
    {
      if (*s == '"' || *s == '\\')
        g_string_append_printf (out, "\\%c", *s);
      else if ((guchar) *s < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *s);
      else
        g_string_append_c (out, *s);
    }
  g_string_append_c (out, '"');
}

static void
json_number (GString *out,
             double   v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isfinite (v))
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.10g", v));
  else
    g_string_append (out, "null");
}

/**
 * linli_plan_report_json:
 *
 * Returns: (transfer full): the result as a JSON object
 */
char *
linli_plan_report_json (LinliPlanInstance     *instance,
                        const LinliPlanResult *r,
                        GPtrArray             *candidate_names,
                        GPtrArray             *demand_names)
{
  GString *out = g_string_new ("{\n  \"problem\": ");
  char buf[32];

  json_string (out, linli_plan_problem_to_string (r->problem));
  g_string_append (out, ",\n  \"objective\": ");
  json_number (out, r->objective);
  g_string_append (out, ",\n  \"bound\": ");
  json_number (out, r->bound);
  g_string_append (out, ",\n  \"gap_percent\": ");
  json_number (out, r->gap);
  g_string_append_printf (out, ",\n  \"proven_optimal\": %s", r->proven_optimal ? "true" : "false");
  g_string_append_printf (out, ",\n  \"target_reached\": %s", r->target_reached ? "true" : "false");
  g_string_append (out, ",\n  \"seconds\": ");
  json_number (out, r->elapsed);
  g_string_append_printf (out, ",\n  \"nodes\": %" G_GUINT64_FORMAT, r->nodes);
  g_string_append_printf (out, ",\n  \"parts\": %u", r->n_parts);
  g_string_append (out, ",\n  \"total_weight\": ");
  json_number (out, r->total_weight);
  g_string_append (out, ",\n  \"covered_weight\": ");
  json_number (out, r->covered_weight);
  g_string_append (out, ",\n  \"covered_share\": ");
  json_number (out, r->covered_share);
  g_string_append (out, ",\n  \"mean_distance\": ");
  json_number (out, r->mean_distance);
  g_string_append (out, ",\n  \"cost\": ");
  json_number (out, r->cost);
  g_string_append (out, ",\n  \"chosen\": [");
  for (guint c = 0; c < r->n_chosen; c++)
    {
      g_string_append (out, c ? ",\n    { \"id\": " : "\n    { \"id\": ");
      json_string (out, name_of (candidate_names, r->chosen[c], buf, sizeof buf));
      g_string_append (out, ", \"adds\": ");
      json_number (out, r->added_weight[c]);
      g_string_append (out, " }");
    }
  g_string_append (out, r->n_chosen ? "\n  ],\n  \"unreachable\": [" : "],\n  \"unreachable\": [");
  for (guint u = 0; u < r->n_unreachable; u++)
    {
      if (u)
        g_string_append (out, ", ");
      json_string (out, name_of (demand_names, r->unreachable[u], buf, sizeof buf));
    }
  g_string_append (out, "]\n}\n");
  return g_string_free (out, FALSE);
}
