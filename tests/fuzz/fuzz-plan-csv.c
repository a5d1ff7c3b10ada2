/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-fuzz"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "linli-plan-io.h"

/* A planning instance in CSV: the input is the three files (demand,
 * candidates, costs) separated by form feeds.  An instance read is
 * written back as three CSV files and read again: the second read must
 * succeed and give the same instance.  The instance is also written as
 * CPLEX LP. */

#define SEPARATOR '\f'

/* Auxiliary methods */

static void
append_field (GString    *s,
              const char *text)
{
  g_string_append_c (s, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

static void
append_number (GString *s,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (s, g_ascii_dtostr (buf, sizeof buf, value));
}

static const char *
state_name (LinliPlanCandidateState state)
{
  switch (state)
    {
    case LINLI_PLAN_EXISTING:
      return "existing";
    case LINLI_PLAN_REQUIRED:
      return "required";
    case LINLI_PLAN_FORBIDDEN:
      return "forbidden";
    case LINLI_PLAN_CANDIDATE:
    default:
      return "candidate";
    }
}

static void
fail (const char *what)
{
  fprintf (stderr, "fuzz: a plan instance written as CSV reads back differently: %s\n", what);
  abort ();
}

/* Writes @instance as the three files and reads them again. */
static void
round_trip (LinliPlanInstance *instance,
            GPtrArray         *demand_ids,
            GPtrArray         *candidate_ids)
{
  g_autoptr (GString) demand = g_string_new ("id,weight\n");
  g_autoptr (GString) candidates = g_string_new ("id,cost,state,capacity\n");
  g_autoptr (GString) costs = g_string_new ("demand_id,candidate_id,cost\n");
  g_autoptr (LinliPlanInstance) again = NULL;
  g_autoptr (GError) error = NULL;
  guint n_demand = linli_plan_instance_get_n_demand (instance);
  guint n_candidates = linli_plan_instance_get_n_candidates (instance);
  const char *demand_path, *candidates_path, *costs_path;

  for (guint d = 0; d < n_demand; d++)
    {
      const guint32 *cands;
      const float *dists;
      guint n = linli_plan_instance_get_arcs (instance, d, &cands, &dists);

      append_field (demand, g_ptr_array_index (demand_ids, d));
      g_string_append_c (demand, ',');
      append_number (demand, linli_plan_instance_get_weight (instance, d));
      g_string_append_c (demand, '\n');
      for (guint k = 0; k < n; k++)
        {
          append_field (costs, g_ptr_array_index (demand_ids, d));
          g_string_append_c (costs, ',');
          append_field (costs, g_ptr_array_index (candidate_ids, cands[k]));
          g_string_append_c (costs, ',');
          append_number (costs, dists[k]);
          g_string_append_c (costs, '\n');
        }
    }
  for (guint c = 0; c < n_candidates; c++)
    {
      double cost = linli_plan_instance_get_cost (instance, c);

      append_field (candidates, g_ptr_array_index (candidate_ids, c));
      g_string_append_c (candidates, ',');
      if (cost >= 0)
        append_number (candidates, cost);
      g_string_append_printf (candidates, ",%s,", state_name (linli_plan_instance_get_state (instance, c)));
      append_number (candidates, linli_plan_instance_get_capacity (instance, c));
      g_string_append_c (candidates, '\n');
    }

  demand_path = fuzz_write_temp ("demand-again.csv", demand->str, demand->len);
  candidates_path = fuzz_write_temp ("candidates-again.csv", candidates->str, candidates->len);
  costs_path = fuzz_write_temp ("costs-again.csv", costs->str, costs->len);
  again = linli_plan_read_csv (demand_path, candidates_path, costs_path, NULL, NULL, &error);
  if (again == NULL)
    {
      fprintf (stderr, "fuzz: %s\n", error->message);
      fail ("the second read fails");
    }

  if (linli_plan_instance_get_n_demand (again) != n_demand ||
      linli_plan_instance_get_n_candidates (again) != n_candidates ||
      linli_plan_instance_get_n_arcs (again) != linli_plan_instance_get_n_arcs (instance))
    fail ("sizes");
  for (guint d = 0; d < n_demand; d++)
    {
      const guint32 *c1, *c2;
      const float *d1, *d2;
      guint n1 = linli_plan_instance_get_arcs (instance, d, &c1, &d1);
      guint n2 = linli_plan_instance_get_arcs (again, d, &c2, &d2);

      if (linli_plan_instance_get_weight (again, d) != linli_plan_instance_get_weight (instance, d))
        fail ("a weight");
      if (n1 != n2 || (n1 > 0 && (memcmp (c1, c2, n1 * sizeof *c1) != 0 || memcmp (d1, d2, n1 * sizeof *d1) != 0)))
        fail ("the arcs of a demand point");
    }
  for (guint c = 0; c < n_candidates; c++)
    if (linli_plan_instance_get_cost (again, c) != linli_plan_instance_get_cost (instance, c) ||
        linli_plan_instance_get_state (again, c) != linli_plan_instance_get_state (instance, c) ||
        linli_plan_instance_get_capacity (again, c) != linli_plan_instance_get_capacity (instance, c))
      fail ("a candidate");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (LinliPlanInstance) instance = NULL;
  g_autoptr (GPtrArray) demand_ids = NULL;
  g_autoptr (GPtrArray) candidate_ids = NULL;
  g_autoptr (GError) error = NULL;
  const char *end = (const char *) data + size;
  const char *parts[3] = { (const char *) data, end, end };
  gsize lengths[3] = { size, 0, 0 };
  const char *paths[3];
  static const char *const roles[3] = { "demand.csv", "candidates.csv", "costs.csv" };

  fuzz_init ();
  /* Cut at the first two separators. */
  for (guint i = 0; i < 2; i++)
    {
      const char *cut = memchr (parts[i], SEPARATOR, lengths[i]);

      if (cut == NULL)
        break;
      parts[i + 1] = cut + 1;
      lengths[i + 1] = end - (cut + 1);
      lengths[i] = cut - parts[i];
    }
  for (guint i = 0; i < 3; i++)
    paths[i] = fuzz_write_temp (roles[i], parts[i], lengths[i]);

  instance = linli_plan_read_csv (paths[0], paths[1], paths[2], &demand_ids, &candidate_ids, &error);
  if (instance != NULL)
    {
      g_autoptr (GError) lp_error = NULL;
      LinliPlanOptions options;

      round_trip (instance, demand_ids, candidate_ids);
      linli_plan_options_init (&options);
      options.radius = 300;
      if (!linli_plan_write_lp (instance, &options, fuzz_write_temp ("instance.lp", "", 0), &lp_error))
        {
          fprintf (stderr, "fuzz: %s\n", lp_error->message);
          abort ();
        }
    }
  return 0;
}
