/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "linli-base-edits.h"
#include "linli-figures.h"
#include "linli-grid-assignment.h"
#include "linli-generator.h"
#include "linli-grids.h"
#include "linli-project-edits.h"

/* A generated district; with @grids, the bundled sample instead, whose
 * grids and chain were made once (proposing grids takes seconds). */
static LinliDocument *
test_document (guint32  seed,
               gboolean grids)
{
  LinliGeneratorOptions opts;
  g_autoptr (LinliProject) project = NULL;

  if (grids)
    {
      g_autofree char *path = g_build_filename (g_getenv ("LINLI_SOURCE_DIR"), "data", "sample.linli", NULL);
      g_autoptr (GError) error = NULL;
      LinliDocument *document = linli_document_new_for_path (path, &error);

      g_assert_no_error (error);
      return document;
    }
  linli_generator_options_init (&opts);
  opts.seed = seed;
  opts.n_buildings = 1500;
  project = linli_generate_district (&opts);
  return linli_document_new (project, NULL);
}

static double
value_of (const LinliFigures *figures,
          const char         *key)
{
  const LinliFigure *figure = linli_figures_lookup (figures, key);

  if (figure == NULL)
    g_error ("no figure “%s”", key);
  return figure->value;
}

/* Every figure agrees with a count made here from the buildings, sites,
 * grids and checks one by one. */
static void
test_collect (void)
{
  g_autoptr (LinliDocument) document = test_document (5, TRUE);
  LinliProject *project = linli_document_get_project (document);
  const LinliCoverage *coverage = linli_document_get_coverage (document);
  const LinliGridAssignment *assignment = linli_document_get_grid_assignment (document);
  LinliGrids *grids = linli_project_get_grids (project);
  g_autoptr (LinliFigures) figures = linli_figures_collect (document);
  guint64 households = 0, covered = 0;
  guint uncovered_buildings = 0, in_range = 0, no_grid = 0;
  guint by_status[LINLI_SITE_N_STATUSES] = { 0 };
  const int *building_grid = linli_grid_assignment_get_building_grids (assignment);

  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    {
      guint32 h = linli_project_get_building (project, i)->households;

      households += h;
      if (linli_coverage_is_covered (coverage, i))
        covered += h;
      else
        uncovered_buildings++;
      no_grid += building_grid[i] < 0;
    }
  for (guint i = 0; i < linli_project_get_n_sites (project); i++)
    by_status[linli_site_get_status (linli_project_get_site (project, i))]++;
  for (guint g = 0; g < linli_grid_assignment_get_n_grids (assignment); g++)
    {
      guint64 h = 0;

      for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
        if (building_grid[i] == (int) g)
          h += linli_project_get_building (project, i)->households;
      in_range += h >= (guint64) linli_grids_get_min_households (grids) &&
                  h <= (guint64) linli_grids_get_max_households (grids);
    }

  g_assert_cmpfloat (households, >, 0);
  g_assert_cmpfloat (value_of (figures, "households"), ==, households);
  g_assert_cmpfloat (value_of (figures, "households-covered"), ==, covered);
  g_assert_cmpfloat (value_of (figures, "households-uncovered"), ==, households - covered);
  g_assert_cmpfloat_with_epsilon (value_of (figures, "share-covered"), (double) covered / households, 1e-12);
  g_assert_cmpfloat (value_of (figures, "buildings-uncovered"), ==, uncovered_buildings);
  g_assert_cmpfloat (value_of (figures, "stations-existing"), ==, by_status[LINLI_SITE_STATUS_EXISTING]);
  g_assert_cmpfloat (value_of (figures, "stations-planned"), ==, by_status[LINLI_SITE_STATUS_PLANNED]);
  g_assert_cmpfloat (value_of (figures, "stations-candidate"), ==, by_status[LINLI_SITE_STATUS_CANDIDATE]);
  g_assert_cmpfloat (value_of (figures, "grids"), ==, linli_grids_get_n_grids (grids));
  g_assert_cmpfloat (value_of (figures, "grids-in-range"), ==, in_range);
  g_assert_cmpfloat (value_of (figures, "grids-out-of-range"), ==, linli_grids_get_n_grids (grids) - in_range);
  g_assert_cmpfloat (value_of (figures, "buildings-no-grid"), ==, no_grid);
  g_assert_cmpfloat (value_of (figures, "violations"), ==, linli_document_get_violations (document)->len);

  /* Keys are unique and every figure has a label. */
  for (guint i = 0; i < linli_figures_get_n (figures); i++)
    {
      const LinliFigure *f = linli_figures_get (figures, i);

      g_assert_true (linli_figures_lookup (figures, f->key) == f);
      g_assert_cmpstr (f->label, !=, "");
    }
}

/* Planning a station follows through: planned count, covered households
 * never fewer, and the cost is the sum of the given costs — or unknown as
 * soon as one planned station has none. */
static void
test_follow_edit (void)
{
  g_autoptr (LinliDocument) document = test_document (9, FALSE);
  LinliProject *project = linli_document_get_project (document);
  LinliHistory *history = linli_document_get_history (document);
  g_autoptr (LinliFigures) before = linli_figures_collect (document);
  g_autoptr (LinliFigures) after = NULL;
  g_autoptr (LinliFigures) unknown = NULL;
  const LinliBuilding *b = linli_project_get_building (project, 0);
  LinliSiteState state = {
    .id = (char *) "test-planned",
    .name = (char *) "Test",
    .tier = LINLI_SITE_TIER_STATION,
    .status = LINLI_SITE_STATUS_PLANNED,
    .lat = b->lat,
    .lon = b->lon,
    .cost = 1250000,
  };
  double cost = 0;

  for (guint i = 0; i < linli_project_get_n_sites (project); i++)
    {
      LinliSite *site = linli_project_get_site (project, i);

      if (linli_site_get_status (site) == LINLI_SITE_STATUS_PLANNED)
        {
          g_assert_cmpfloat (linli_site_get_cost (site), >=, 0);
          cost += linli_site_get_cost (site);
        }
    }
  linli_project_edits_add_site (history, &state);
  after = linli_figures_collect (document);
  g_assert_cmpfloat (value_of (after, "stations-planned"), ==, value_of (before, "stations-planned") + 1);
  g_assert_cmpfloat (value_of (after, "households-covered"), >=, value_of (before, "households-covered"));
  g_assert_cmpfloat (value_of (after, "cost-planned"), ==, cost + 1250000);

  state.id = (char *) "test-no-cost";
  state.cost = -1;
  linli_project_edits_add_site (history, &state);
  unknown = linli_figures_collect (document);
  g_assert_true (isnan (value_of (unknown, "cost-planned")));
}

/* A project without grids or a chain has no such figures at all. */
static void
test_bare (void)
{
  g_autoptr (LinliProject) project = linli_project_new ();
  g_autoptr (LinliDocument) document = linli_document_new (project, NULL);
  g_autoptr (LinliFigures) figures = linli_figures_collect (document);

  g_assert_nonnull (linli_figures_lookup (figures, "households"));
  g_assert_null (linli_figures_lookup (figures, "grids"));
  g_assert_null (linli_figures_lookup (figures, "violations"));
  g_assert_cmpfloat (value_of (figures, "cost-planned"), ==, 0);
}

static void
test_format (void)
{
  g_autoptr (LinliFigures) figures = linli_figures_new ();
  const LinliFigure *count, *share, *yuan;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL, *f = NULL, *g = NULL, *h = NULL;

  linli_figures_add (figures, "c", "t", "Count", 0, LINLI_FIGURE_COUNT, LINLI_FIGURE_LOWER_BETTER);
  linli_figures_add (figures, "s", "t", "Share", 0, LINLI_FIGURE_SHARE, LINLI_FIGURE_HIGHER_BETTER);
  linli_figures_add (figures, "y", "t", "Yuan", 0, LINLI_FIGURE_YUAN, LINLI_FIGURE_NEUTRAL);
  count = linli_figures_lookup (figures, "c");
  share = linli_figures_lookup (figures, "s");
  yuan = linli_figures_lookup (figures, "y");

  /* Grouped by the locale: commas in zh_CN, nothing in C. */
  a = linli_figure_format (count, 1234567);
  if (setlocale (LC_NUMERIC, "zh_CN.UTF-8") != NULL)
    {
      g_free (a);
      a = linli_figure_format (count, 1234567);
      g_assert_cmpstr (a, ==, "1,234,567");
      setlocale (LC_NUMERIC, "C");
    }
  else
    g_assert_cmpstr (a, ==, "1234567");
  g_assert_cmpstr ((b = linli_figure_format (share, 0.8734)), ==, "87.3%");
  g_assert_cmpstr ((c = linli_figure_format (yuan, NAN)), ==, "—");
  g_assert_cmpstr ((d = linli_figure_format_change (count, 1500, 1200)), ==, "−300");
  g_assert_cmpstr ((e = linli_figure_format_change (share, 0.80, 0.825)), ==, "+2.5 pp");
  g_assert_cmpstr ((f = linli_figure_format_percent_change (1500, 1200)), ==, "−20.0%");
  g_assert_cmpstr ((g = linli_figure_format_percent_change (0, 5)), ==, "—");
  g_assert_cmpstr ((h = linli_figure_format_change (count, 7, 7)), ==, "0");
  g_assert_cmpint (linli_figure_judge_change (count, 1500, 1200), ==, 1);
  g_assert_cmpint (linli_figure_judge_change (share, 0.9, 0.8), ==, -1);
  g_assert_cmpint (linli_figure_judge_change (yuan, 1, 2), ==, 0);
}

/* Some buildings of the sample have their party members marked unknown
 * and some their households estimated, through the undoable edit: the
 * figures, the grids' figures and the text of a count all tell them apart
 * from none, as counted here building by building. */
static void
test_members_unknown (void)
{
  g_autoptr (LinliDocument) document = test_document (0, TRUE);
  LinliProject *project = linli_document_get_project (document);
  guint n = linli_project_get_n_buildings (project);
  g_autoptr (GArray) unknown = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) estimated = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (LinliFigures) figures = NULL;
  const LinliGridAssignment *assignment;
  const int *building_grid;
  LinliBuilding values = { 0 };
  guint with_member = 0, n_unknown = 0, n_marked_with_members = 0;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  /* Every third building unknown, among them ones that had members, so a
   * count that took unknown for none would differ. */
  for (guint i = 0; i < n; i += 3)
    {
      g_array_append_val (unknown, i);
      n_marked_with_members += linli_project_get_building (project, i)->party_members > 0;
    }
  for (guint i = 1; i < n; i += 5)
    g_array_append_val (estimated, i);
  g_assert_cmpuint (n_marked_with_members, >, 0);
  values.flags = LINLI_BUILDING_MEMBERS_UNKNOWN | LINLI_BUILDING_ESTIMATED;
  g_assert_true (linli_base_edits_change_buildings (linli_document_get_history (document),
                                                    (const guint *) unknown->data, unknown->len,
                                                    LINLI_BUILDING_FIELD_MEMBERS_UNKNOWN, &values));
  g_assert_true (linli_base_edits_change_buildings (linli_document_get_history (document),
                                                    (const guint *) estimated->data, estimated->len,
                                                    LINLI_BUILDING_FIELD_ESTIMATED, &values));

  for (guint i = 0; i < n; i++)
    {
      const LinliBuilding *building = linli_project_get_building (project, i);

      if (building->flags & LINLI_BUILDING_MEMBERS_UNKNOWN)
        n_unknown++;
      else
        with_member += building->party_members > 0;
    }
  g_assert_cmpuint (n_unknown, ==, unknown->len);

  figures = linli_figures_collect (document);
  g_assert_cmpfloat_with_epsilon (value_of (figures, "buildings-with-member"),
                                  (double) with_member / (n - n_unknown), 1e-12);
  g_assert_cmpfloat (value_of (figures, "buildings-members-unknown"), ==, n_unknown);

  /* Each grid's figures, against the buildings the assignment puts in it. */
  assignment = linli_document_get_grid_assignment (document);
  building_grid = linli_grid_assignment_get_building_grids (assignment);
  g_assert_cmpuint (linli_grid_assignment_get_n_grids (assignment), >, 0);
  for (guint g = 0; g < linli_grid_assignment_get_n_grids (assignment); g++)
    {
      const LinliGridFigures *f = linli_grid_assignment_get_figures (assignment, g);
      guint members = 0, grid_unknown = 0, grid_estimated = 0, buildings = 0;
      g_autofree char *text = NULL;

      for (guint i = 0; i < n; i++)
        if (building_grid[i] == (int) g)
          {
            const LinliBuilding *building = linli_project_get_building (project, i);

            buildings++;
            members += building->party_members;
            grid_unknown += (building->flags & LINLI_BUILDING_MEMBERS_UNKNOWN) != 0;
            grid_estimated += (building->flags & LINLI_BUILDING_ESTIMATED) != 0;
          }
      g_assert_cmpuint (f->buildings, ==, buildings);
      g_assert_cmpuint (f->party_members, ==, members);
      g_assert_cmpuint (f->members_unknown, ==, grid_unknown);
      g_assert_cmpuint (f->estimated_buildings, ==, grid_estimated);
      /* Its members never read as a plain count when some are unknown. */
      text = linli_format_members (f->party_members, f->members_unknown, f->buildings);
      if (grid_unknown > 0)
        {
          g_autofree char *plain = g_strdup_printf ("%u", members);

          g_assert_cmpstr (text, !=, plain);
        }
    }

  /* The text of a count: plain when known, unknown when none is known, a
   * lower bound with the unknown buildings otherwise. */
  g_assert_cmpstr ((a = linli_format_members (12, 0, 4)), ==, "12");
  g_assert_cmpstr ((b = linli_format_members (0, 4, 4)), ==, "unknown");
  g_assert_cmpstr ((c = linli_format_members (12, 3, 7)), ==, "at least 12 (3 buildings unknown)");
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);
  g_clear_pointer (&c, g_free);
  g_assert_cmpstr ((a = linli_format_estimated (40, 0, 1)), ==, "40");
  g_assert_cmpstr ((b = linli_format_estimated (40, 1, 1)), ==, "40 (estimated)");
  g_assert_cmpstr ((c = linli_format_estimated (1200, 2, 9)), ==, "1200 (2 buildings estimated)");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/figures/collect", test_collect);
  g_test_add_func ("/figures/follow-edit", test_follow_edit);
  g_test_add_func ("/figures/bare", test_bare);
  g_test_add_func ("/figures/format", test_format);
  g_test_add_func ("/figures/members-unknown", test_members_unknown);
  return g_test_run ();
}
