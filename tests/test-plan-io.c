/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CSV planning instances and the planning reports. */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "linli-csv.h"
#include "linli-plan-io.h"

typedef struct
{
  char *dir;
  char *demand;
  char *candidates;
  char *costs;
} Files;

static void
files_write (Files      *f,
             const char *demand,
             const char *candidates,
             const char *costs)
{
  g_autoptr (GError) error = NULL;

  if (f->dir == NULL)
    {
      f->dir = g_dir_make_tmp ("linli-csv-XXXXXX", &error);
      g_assert_no_error (error);
      f->demand = g_build_filename (f->dir, "demand.csv", NULL);
      f->candidates = g_build_filename (f->dir, "candidates.csv", NULL);
      f->costs = g_build_filename (f->dir, "costs.csv", NULL);
    }
  g_assert_true (g_file_set_contents (f->demand, demand, -1, NULL));
  g_assert_true (g_file_set_contents (f->candidates, candidates, -1, NULL));
  g_assert_true (g_file_set_contents (f->costs, costs, -1, NULL));
}

static void
files_clear (Files *f)
{
  g_unlink (f->demand);
  g_unlink (f->candidates);
  g_unlink (f->costs);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->demand);
  g_free (f->candidates);
  g_free (f->costs);
}

/* A small instance read from CSV, with quotes, a BOM, CRLF and blank
 * lines, solved: the answer is the one worked out by hand. */
static void
test_read_and_solve (void)
{
  Files f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) demand_ids = NULL;
  g_autoptr (GPtrArray) candidate_ids = NULL;
  g_autoptr (LinliPlanInstance) instance = NULL;
  g_autoptr (LinliPlanResult) result = NULL;
  g_autofree char *text = NULL, *json = NULL;
  LinliPlanOptions opts;

  files_write (&f,
               "\xef\xbb\xbf" "id,weight\r\n\"楼 1\",10\r\nb2,20\r\n\r\nb3,30\r\nb4,5\r\n",
               "id,cost,state,capacity\nA,100,candidate,\nB,,existing,\n\"C, the old office\",50,candidate,0\nD,10,forbidden,\n",
               "demand_id,candidate_id,cost\n\"楼 1\",A,100\nb2,A,200\nb2,C, the old office,300\nb3,\"C, the old office\",100\nb4,B,50\nb3,D,10\n");
  /* The unquoted comma above is an error: check that first. */
  instance = linli_plan_read_csv (f.demand, f.candidates, f.costs, NULL, NULL, &error);
  g_assert_null (instance);
  g_assert_error (error, LINLI_PLAN_IO_ERROR, LINLI_PLAN_IO_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, f.costs));
  g_assert_nonnull (strstr (error->message, ":4:"));
  g_clear_error (&error);

  files_write (&f,
               "\xef\xbb\xbf" "id,weight\r\n\"楼 1\",10\r\nb2,20\r\n\r\nb3,30\r\nb4,5\r\n",
               "id,cost,state,capacity\nA,100,candidate,\nB,,existing,\n\"C, the old office\",50,candidate,0\nD,10,forbidden,\n",
               "demand_id,candidate_id,cost\n\"楼 1\",A,100\nb2,A,200\nb2,\"C, the old office\",300\nb3,\"C, the old office\",100\nb4,B,50\nb3,D,10\n");
  instance = linli_plan_read_csv (f.demand, f.candidates, f.costs, &demand_ids, &candidate_ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linli_plan_instance_get_n_demand (instance), ==, 4);
  g_assert_cmpuint (linli_plan_instance_get_n_candidates (instance), ==, 4);
  g_assert_cmpuint (linli_plan_instance_get_n_arcs (instance), ==, 6);
  g_assert_cmpstr (g_ptr_array_index (demand_ids, 0), ==, "楼 1");
  g_assert_cmpstr (g_ptr_array_index (candidate_ids, 2), ==, "C, the old office");
  g_assert_cmpint (linli_plan_instance_get_state (instance, 1), ==, LINLI_PLAN_EXISTING);
  g_assert_cmpint (linli_plan_instance_get_state (instance, 3), ==, LINLI_PLAN_FORBIDDEN);
  g_assert_cmpfloat (linli_plan_instance_get_cost (instance, 1), <, 0);

  /* Radius 250, one new site: B (existing) covers b4 (5); A covers 楼 1
   * and b2 (30), C covers only b3 (30) at 250 m; D is forbidden.  Both
   * add 30: the tie goes to the shorter weighted walk. */
  linli_plan_options_init (&opts);
  opts.problem = LINLI_PLAN_MCLP;
  opts.k = 1;
  opts.radius = 250;
  result = linli_plan_solve (instance, &opts, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (result->objective, ==, 35);
  g_assert_true (result->proven_optimal);
  g_assert_cmpfloat (result->covered_weight, ==, 35);

  text = linli_plan_report_text (instance, result, candidate_ids, demand_ids);
  g_assert_nonnull (strstr (text, "mclp"));
  json = linli_plan_report_json (instance, result, candidate_ids, demand_ids);
  g_assert_nonnull (strstr (json, "\"proven_optimal\": true"));
  g_assert_nonnull (strstr (json, "\"covered_weight\": 35"));
  files_clear (&f);
}

static void
test_errors (void)
{
  static const struct
  {
    const char *demand, *candidates, *costs;
    const char *file;     /* which file the error must name: d, c or k */
    int         line;
    const char *reason;
  } cases[] = {
    { "", "id\nA\n", "demand_id,candidate_id,cost\n", "d", 1, "empty" },
    { "name,weight\nb1,1\n", "id\nA\n", "demand_id,candidate_id,cost\n", "d", 1, "“id”" },
    { "id,weight\nb1,1\nb1,2\n", "id\nA\n", "demand_id,candidate_id,cost\n", "d", 3, "duplicate" },
    { "id,weight\nb1,-1\n", "id\nA\n", "demand_id,candidate_id,cost\n", "d", 2, "weight" },
    { "id,weight\nb1,nan\n", "id\nA\n", "demand_id,candidate_id,cost\n", "d", 2, "weight" },
    { "id,weight\nb1,\"3\n", "id\nA\n", "demand_id,candidate_id,cost\n", "d", 2, "quoted" },
    { "id,weight\nb1,1\n", "id,state\nA,maybe\n", "demand_id,candidate_id,cost\n", "c", 2, "state" },
    { "id,weight\nb1,1\n", "id,cost\nA,free\n", "demand_id,candidate_id,cost\n", "c", 2, "cost" },
    { "id,weight\nb1,1\n", "id\nA\n", "demand_id,candidate_id,cost\nb1,Z,3\n", "k", 2, "“Z”" },
    { "id,weight\nb1,1\n", "id\nA\n", "demand_id,candidate_id,cost\nb9,A,3\n", "k", 2, "“b9”" },
    { "id,weight\nb1,1\n", "id\nA\n", "demand_id,candidate_id,cost\nb1,A,inf\n", "k", 2, "cost" },
    { "id,weight\nb1,1\n", "id\nA\n", "demand,candidate\nb1,A\n", "k", 1, "“cost”" },
    /* Numbers are decimal, and what is wrong with one is said. */
    { "id,weight\nb1,0x10\n", "id\nA\n", "demand_id,candidate_id,cost\n", "d", 2, "weight “0x10” is not a number" },
    { "id,weight\nb1,1e308\n", "id\nA\n", "demand_id,candidate_id,cost\n", "d", 2, "“1e308” is more than" },
    { "id,weight\nb1,-2\n", "id\nA\n", "demand_id,candidate_id,cost\n", "d", 2, "“-2” is negative" },
    { "id,weight\nb1,1\n", "id\nA\n", "demand_id,candidate_id,cost\nb1,A,12m\n", "k", 2, "“12m” is not a number" },
    { "id,weight\nb1,\n", "id\nA\n", "demand_id,candidate_id,cost\n", "d", 2, "weight “” is empty" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Files f = { 0 };
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliPlanInstance) instance = NULL;
      g_autofree char *prefix = NULL;
      const char *file;

      files_write (&f, cases[i].demand, cases[i].candidates, cases[i].costs);
      file = cases[i].file[0] == 'd' ? f.demand : cases[i].file[0] == 'c' ? f.candidates : f.costs;
      prefix = g_strdup_printf ("%s:%d:", file, cases[i].line);
      instance = linli_plan_read_csv (f.demand, f.candidates, f.costs, NULL, NULL, &error);
      g_assert_null (instance);
      g_assert_nonnull (error);
      if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, cases[i].reason) == NULL)
        g_error ("case %u: “%s” does not start with “%s” and name “%s”", i, error->message, prefix,
                 cases[i].reason);
      files_clear (&f);
    }
}

/* The least weighted mean distance over every choice of @k candidates,
 * a pair not listed or longer than @reach counting at @reach. */
static double
brute_pmedian (guint         n_demand,
               const double *w,
               guint         n_cand,
               const double *d,
               guint         k,
               double        reach)
{
  double best = HUGE_VAL, total = 0;

  for (guint i = 0; i < n_demand; i++)
    total += w[i];
  for (guint mask = 0; mask < 1u << n_cand; mask++)
    {
      double sum = 0;
      guint n = 0;

      for (guint j = 0; j < n_cand; j++)
        n += (mask >> j) & 1;
      if (n != k)
        continue;
      for (guint i = 0; i < n_demand; i++)
        {
          double near = reach;

          for (guint j = 0; j < n_cand; j++)
            if ((mask & (1u << j)) && d[i * n_cand + j] >= 0)
              near = MIN (near, d[i * n_cand + j]);
          sum += w[i] * near;
        }
      best = MIN (best, sum / total);
    }
  return best;
}

/* p-median on a CSV instance with unlisted pairs and costs beyond the
 * reach: with the reach set, unreached demand counts at the reach, not at
 * the longest cost listed, and a site that shortens any walk is opened.
 */
static void
test_pmedian_reach (void)
{
  enum { N_DEMAND = 5, N_CAND = 4 };
  const double w[N_DEMAND] = { 10, 5, 7, 3, 4 };
  const double d[N_DEMAND * N_CAND] = {
    100, -1,  -1,  120,
    200, 50,  -1,  -1,
    -1,  -1,  900, -1,
    -1,  300, -1,  -1,
    -1,  -1,  -1,  2000,
  };
  const double reaches[] = { 450, 600, 750, 1000, 2500 };
  g_autoptr (GString) demand = g_string_new ("id,weight\n");
  g_autoptr (GString) costs = g_string_new ("demand_id,candidate_id,cost\n");
  Files f = { 0 };

  for (guint i = 0; i < N_DEMAND; i++)
    {
      g_string_append_printf (demand, "d%u,%g\n", i, w[i]);
      for (guint j = 0; j < N_CAND; j++)
        if (d[i * N_CAND + j] >= 0)
          g_string_append_printf (costs, "d%u,%c,%g\n", i, 'A' + j, d[i * N_CAND + j]);
    }
  files_write (&f, demand->str,
               "id,cost,state\nA,,candidate\nB,,candidate\nC,,candidate\nD,,candidate\n",
               costs->str);

  for (guint r = 0; r < G_N_ELEMENTS (reaches); r++)
    for (guint k = 1; k <= N_CAND; k++)
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (LinliPlanInstance) instance = NULL;
        g_autoptr (LinliPlanResult) result = NULL;
        LinliPlanOptions opts;
        double want = brute_pmedian (N_DEMAND, w, N_CAND, d, k, reaches[r]);
        guint useful = 0;

        instance = linli_plan_read_csv (f.demand, f.candidates, f.costs, NULL, NULL, &error);
        g_assert_no_error (error);
        linli_plan_instance_set_max_distance (instance, reaches[r]);
        g_assert_cmpfloat (linli_plan_instance_get_max_distance (instance), ==, reaches[r]);

        linli_plan_options_init (&opts);
        opts.problem = LINLI_PLAN_PMEDIAN;
        opts.k = k;
        opts.radius = 250;
        result = linli_plan_solve (instance, &opts, NULL, NULL, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpfloat_with_epsilon (result->objective, want, 1e-9);
        g_assert_cmpfloat_with_epsilon (result->mean_distance, want, 1e-9);
        g_assert_true (result->proven_optimal);

        /* As many sites as shorten someone's walk, up to k: a site no one
         * reaches within the reach is never proposed. */
        for (guint j = 0; j < N_CAND; j++)
          for (guint i = 0; i < N_DEMAND; i++)
            if (d[i * N_CAND + j] >= 0 && d[i * N_CAND + j] < reaches[r])
              {
                useful++;
                break;
              }
        g_assert_cmpuint (result->n_chosen, <=, k);
        if (k == 1)
          g_assert_cmpuint (result->n_chosen, ==, 1);
        g_assert_cmpuint (result->n_chosen, <=, useful);
      }
  files_clear (&f);
}

/* Numbers as the core's parser reads them: "-0" is 0 (not negative), white space around
 * a field is allowed, exponents are numbers. */
static void
test_numbers (void)
{
  Files f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliPlanInstance) instance = NULL;

  files_write (&f, "id,weight\nb1,-0\nb2, 2.5e1 \nb3,\"7\"\n", "id,cost\nA,-0\nB,\n",
               "demand_id,candidate_id,cost\nb1,A,1e2\n");
  instance = linli_plan_read_csv (f.demand, f.candidates, f.costs, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (linli_plan_instance_get_weight (instance, 0), ==, 0);
  g_assert_cmpfloat (linli_plan_instance_get_weight (instance, 1), ==, 25);
  g_assert_cmpfloat (linli_plan_instance_get_weight (instance, 2), ==, 7);
  g_assert_cmpfloat (linli_plan_instance_get_cost (instance, 0), ==, 0);
  g_assert_cmpfloat (linli_plan_instance_get_cost (instance, 1), <, 0);
  files_clear (&f);
}

/* Reads the instance with @path as its demand file and checks that the
 * error names @path, and @line when it is not 0, and says @reason. */
static void
assert_demand_refused (const char *path,
                       guint       line,
                       const char *reason)
{
  Files f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliPlanInstance) instance = NULL;
  g_autofree char *prefix = line ? g_strdup_printf ("%s:%u: ", path, line) : g_strdup_printf ("%s: ", path);

  files_write (&f, "id,weight\n", "id\nA\n", "demand_id,candidate_id,cost\n");
  instance = linli_plan_read_csv (path, f.candidates, f.costs, NULL, NULL, &error);
  g_assert_null (instance);
  g_assert_nonnull (error);
  g_assert_true (error->domain == LINLI_PLAN_IO_ERROR);
  if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, reason) == NULL)
    g_error ("“%s” does not start with “%s” and say “%s”", error->message, prefix, reason);
  files_clear (&f);
}

/* Input that is no file, or too big: refused at once, with the reason,
 * never read whole. */
static void
test_limits (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("linli-limits-XXXXXX", &error);
  g_autofree char *fifo = g_build_filename (dir, "demand.fifo", NULL);
  g_autofree char *sparse = g_build_filename (dir, "sparse.csv", NULL);
  g_autofree char *long_row = g_build_filename (dir, "long-row.csv", NULL);
  g_autofree char *long_id = g_build_filename (dir, "long-id.csv", NULL);
  GString *text = g_string_new ("id,weight,a,b,c,d,e,f,g,h\nb1,1");
  int fd;

  g_assert_no_error (error);

  /* Devices and pipes: a FIFO with no writer would block a plain open. */
  assert_demand_refused ("/dev/zero", 0, "not a regular file");
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_demand_refused (fifo, 0, "not a regular file");
  assert_demand_refused (dir, 0, "folder");

  /* A sparse file of 3 GB: refused from its size. */
  fd = g_open (sparse, O_CREAT | O_WRONLY | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 3 << 30), ==, 0);
  close (fd);
  assert_demand_refused (sparse, 0, "larger than 256 MB");

  /* A row over the cap, in fields that are each under theirs. */
  for (guint i = 0; i < 8; i++)
    {
      g_string_append_c (text, ',');
      for (guint k = 0; k < LINLI_CSV_MAX_FIELD; k++)
        g_string_append_c (text, 'x');
    }
  g_string_append (text, "\n");
  g_assert_true (g_file_set_contents (long_row, text->str, text->len, NULL));
  assert_demand_refused (long_row, 2, "the row is longer than 65536 bytes");

  /* An id of 1 MB, quoted or not. */
  g_string_assign (text, "id,weight\nb1,1\n");
  for (guint i = 0; i < 1024 * 1024; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, ",1\n");
  g_assert_true (g_file_set_contents (long_id, text->str, text->len, NULL));
  assert_demand_refused (long_id, 3, "field 1 is longer than 16384 bytes");
  g_string_assign (text, "id,weight\nb1,1\nb2,1,\"");
  for (guint i = 0; i < 1024 * 1024; i++)
    g_string_append_c (text, i % 100 ? 'x' : '\n');
  g_string_append (text, "\"\n");
  g_assert_true (g_file_set_contents (long_id, text->str, text->len, NULL));
  assert_demand_refused (long_id, 3, "field 3 is longer than 16384 bytes");

  g_string_free (text, TRUE);
  g_unlink (fifo);
  g_unlink (sparse);
  g_unlink (long_row);
  g_unlink (long_id);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plan-io/read-and-solve", test_read_and_solve);
  g_test_add_func ("/plan-io/errors", test_errors);
  g_test_add_func ("/plan-io/pmedian-reach", test_pmedian_reach);
  g_test_add_func ("/plan-io/numbers", test_numbers);
  g_test_add_func ("/plan-io/limits", test_limits);
  return g_test_run ();
}
