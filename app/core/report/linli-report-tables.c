/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-report-tables"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "linli-figures.h"
#include "linli-grids.h"
#include "linli-org.h"
#include "linli-report-tables.h"

/* Auxiliary methods */

/* Households or residents, marked "estimated" when any of the buildings
 * summed has them estimated; the cell keeps the number for the workbook. */
static void
add_households (LinliTable *table,
                guint       households,
                guint       buildings_estimated,
                guint       buildings)
{
  g_autofree char *text = linli_format_estimated (households, buildings_estimated, buildings);

  linli_table_add_formatted (table, text, households, LINLI_FIGURE_COUNT);
}

/**
 * linli_report_table_figures:
 *
 * Returns: (transfer full): the key figures of linli_figures_collect(), one
 *   a row
 */
LinliTable *
linli_report_table_figures (LinliDocument *document)
{
  g_autoptr (LinliFigures) figures = linli_figures_collect (document);
  LinliTable *table = linli_table_new ("figures", _("Key figures"));

  linli_table_add_column (table, _("Figure"), LINLI_TABLE_ALIGN_START, 3);
  linli_table_add_column (table, _("Value"), LINLI_TABLE_ALIGN_END, 1.4);
  for (guint i = 0; i < linli_figures_get_n (figures); i++)
    {
      const LinliFigure *figure = linli_figures_get (figures, i);
      g_autofree char *text = linli_figure_format (figure, figure->value);

      linli_table_add_row (table);
      linli_table_add_text (table, figure->label);
      linli_table_add_formatted (table, text, figure->value, figure->unit);
    }
  return table;
}

/**
 * linli_report_table_communities:
 *
 * Returns: (transfer full): per community its committee's secretary, its
 *   buildings and households and how many are covered, then the district
 */
LinliTable *
linli_report_table_communities (LinliDocument *document)
{
  LinliProject *project = linli_document_get_project (document);
  const LinliCoverage *coverage = linli_document_get_coverage (document);
  LinliOrg *org = linli_project_get_org (project);
  LinliTable *table = linli_table_new ("communities", _("Communities"));
  guint n = linli_project_get_n_communities (project);
  g_autofree guint *estimated = g_new0 (guint, n + 1);

  /* Households summed over buildings some of which have them estimated
   * say how many, per community and, last, over the district. */
  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    if (linli_project_get_building (project, i)->flags & LINLI_BUILDING_ESTIMATED)
      {
        guint community = linli_project_building_community (project, i);

        if (community < n)
          estimated[community]++;
        estimated[n]++;
      }

  linli_table_add_column (table, _("Community"), LINLI_TABLE_ALIGN_START, 2);
  linli_table_add_column (table, _("Secretary"), LINLI_TABLE_ALIGN_START, 1.4);
  linli_table_add_column (table, _("Buildings"), LINLI_TABLE_ALIGN_END, 1);
  linli_table_add_column (table, _("Households"), LINLI_TABLE_ALIGN_END, 1.2);
  linli_table_add_column (table, _("Households covered"), LINLI_TABLE_ALIGN_END, 1.4);
  linli_table_add_column (table, _("Share covered"), LINLI_TABLE_ALIGN_END, 1.2);
  linli_table_add_column (table, _("Households not covered"), LINLI_TABLE_ALIGN_END, 1.4);
  for (guint c = 0; c <= n; c++)
    {
      const LinliCoverageTotals *t = c < n ? linli_coverage_get_community (coverage, c)
                                           : linli_coverage_get_district (coverage);
      const char *secretary = c < n ? linli_org_get_secretary (org, c) : NULL;

      linli_table_add_row (table);
      linli_table_add_text (table,
                            c < n ? linli_project_get_community (project, c)->name : _("District"));
      linli_table_add_text (table, linli_project_person (project, secretary));
      linli_table_add_number (table, t->buildings, LINLI_FIGURE_COUNT);
      add_households (table, t->households, estimated[c], t->buildings);
      linli_table_add_number (table, t->households_covered, LINLI_FIGURE_COUNT);
      linli_table_add_number (table,
                              linli_coverage_totals_share (t->households_covered, t->households),
                              LINLI_FIGURE_SHARE);
      linli_table_add_number (table, t->households - t->households_covered, LINLI_FIGURE_COUNT);
    }
  return table;
}

/**
 * linli_report_table_community:
 * @community: index into the project's communities
 *
 * Returns: (transfer full): the figures of one community, one a row, for
 *   its page of a meeting deck
 */
LinliTable *
linli_report_table_community (LinliDocument *document,
                              guint          community)
{
  LinliProject *project = linli_document_get_project (document);
  const LinliCoverage *coverage = linli_document_get_coverage (document);
  const LinliCoverageTotals *t = linli_coverage_get_community (coverage, community);
  const char *secretary = linli_org_get_secretary (linli_project_get_org (project), community);
  LinliTable *table = linli_table_new ("community",
                                       linli_project_get_community (project, community)->name);

  linli_table_add_column (table, _("Figure"), LINLI_TABLE_ALIGN_START, 3);
  linli_table_add_column (table, _("Value"), LINLI_TABLE_ALIGN_END, 1.4);
  linli_table_add_row (table);
  linli_table_add_text (table, _("Households"));
  linli_table_add_number (table, t->households, LINLI_FIGURE_COUNT);
  linli_table_add_row (table);
  linli_table_add_text (table, _("Households covered"));
  linli_table_add_number (table, t->households_covered, LINLI_FIGURE_COUNT);
  linli_table_add_row (table);
  linli_table_add_text (table, _("Share of households covered"));
  linli_table_add_number (table, linli_coverage_totals_share (t->households_covered, t->households),
                          LINLI_FIGURE_SHARE);
  linli_table_add_row (table);
  linli_table_add_text (table, _("Households not covered"));
  linli_table_add_number (table, t->households - t->households_covered, LINLI_FIGURE_COUNT);
  linli_table_add_row (table);
  linli_table_add_text (table, _("Buildings"));
  linli_table_add_number (table, t->buildings, LINLI_FIGURE_COUNT);
  linli_table_add_row (table);
  linli_table_add_text (table, _("Buildings not covered"));
  linli_table_add_number (table, t->buildings - t->buildings_covered, LINLI_FIGURE_COUNT);
  if (secretary != NULL && secretary[0] != '\0')
    {
      linli_table_add_row (table);
      linli_table_add_text (table, _("Secretary"));
      linli_table_add_text (table, linli_project_person (project, secretary));
    }
  return table;
}

static const char *
status_label (LinliSiteStatus status)
{
  switch (status)
    {
    case LINLI_SITE_STATUS_EXISTING:
      return _("existing");
    case LINLI_SITE_STATUS_PLANNED:
      return _("planned");
    case LINLI_SITE_STATUS_CANDIDATE:
    case LINLI_SITE_N_STATUSES:
    default:
      return _("candidate");
    }
}

/**
 * linli_report_table_stations:
 * @proposal: (nullable): a plan's proposal
 *
 * The stations a reader decides on: with a proposal, the sites it opens
 * and the households each adds, as the plan counted them; without, the
 * planned stations and the households each alone brings, those no other
 * existing or planned station reaches.
 *
 * Returns: (transfer full): the table
 */
LinliTable *
linli_report_table_stations (LinliDocument             *document,
                             const LinliReportProposal *proposal)
{
  LinliProject *project = linli_document_get_project (document);
  const LinliCoverage *coverage = linli_document_get_coverage (document);
  gboolean proposed = proposal != NULL && proposal->n > 0;
  LinliTable *table = linli_table_new ("stations",
                                       proposed ? _("Proposed stations") : _("Stations"));

  linli_table_add_column (table, _("Station"), LINLI_TABLE_ALIGN_START, 3);
  linli_table_add_column (table, _("ID"), LINLI_TABLE_ALIGN_START, 1.2);
  linli_table_add_column (table, _("Status"), LINLI_TABLE_ALIGN_START, 1);
  linli_table_add_column (table, _("Households within reach"), LINLI_TABLE_ALIGN_END, 1.5);
  linli_table_add_column (table,
                          proposed ? _("Households it adds") : _("Households only it reaches"),
                          LINLI_TABLE_ALIGN_END, 1.5);
  /* Last, so the columns before keep their places in earlier exports. */
  linli_table_add_column (table, _("Address"), LINLI_TABLE_ALIGN_START, 2);
  linli_table_add_column (table, _("Floor area (m²)"), LINLI_TABLE_ALIGN_END, 1);
  if (proposed)
    linli_table_set_note (table,
                          _("As the plan counted them: each station adds the households no station "
                                   "before it in the list reaches."));
  else
    linli_table_set_note (table,
                          _("Households only it reaches would lose their cover without the "
                            "station."));

  /* Planned stations first, then the existing ones; a proposal's in one pass. */
  for (guint k = 0; k < (proposed ? 1 : 2) * linli_project_get_n_sites (project); k++)
    {
      guint n_sites = linli_project_get_n_sites (project), pass = k / n_sites, s = k % n_sites;
      LinliSite *site = linli_project_get_site (project, s);
      double adds = NAN;
      gboolean known = s < linli_coverage_get_n_sites (coverage);

      if (proposed)
        {
          guint p;

          for (p = 0; p < proposal->n; p++)
            if (g_strcmp0 (proposal->ids[p], linli_site_get_id (site)) == 0)
              break;
          if (p == proposal->n)
            continue;
          adds = proposal->adds[p];
        }
      else
        {
          LinliSiteStatus wanted = pass == 0 ? LINLI_SITE_STATUS_PLANNED
                                             : LINLI_SITE_STATUS_EXISTING;

          if (linli_site_get_status (site) != wanted)
            continue;
          if (known)
            adds = linli_coverage_site_households_alone (coverage, s);
        }
      linli_table_add_row (table);
      linli_table_add_text (table, linli_site_get_name (site));
      linli_table_add_text (table, linli_site_get_id (site));
      linli_table_add_text (table, status_label (linli_site_get_status (site)));
      linli_table_add_number (table, known ? linli_coverage_site_households (coverage, s) : NAN,
                              LINLI_FIGURE_COUNT);
      linli_table_add_number (table, adds, LINLI_FIGURE_COUNT);
      linli_table_add_text (table, linli_site_get_address (site));
      linli_table_add_number (table, linli_site_get_area (site) > 0 ? linli_site_get_area (site) : NAN,
                              LINLI_FIGURE_COUNT);
    }
  return table;
}

/**
 * linli_report_table_uncovered:
 *
 * Returns: (transfer full): the buildings no existing or planned station
 *   reaches, most households first
 */
LinliTable *
linli_report_table_uncovered (LinliDocument *document)
{
  LinliProject *project = linli_document_get_project (document);
  LinliTable *table = linli_table_new ("uncovered-buildings", _("Buildings not covered"));
  guint n;
  const guint *uncovered = linli_coverage_get_uncovered (linli_document_get_coverage (document),
                                                         &n);

  linli_table_add_column (table, _("Community"), LINLI_TABLE_ALIGN_START, 1.6);
  linli_table_add_column (table, _("Compound"), LINLI_TABLE_ALIGN_START, 2);
  linli_table_add_column (table, _("Building"), LINLI_TABLE_ALIGN_START, 2);
  linli_table_add_column (table, _("Households"), LINLI_TABLE_ALIGN_END, 1);
  for (guint k = 0; k < n; k++)
    {
      const LinliBuilding *b = linli_project_get_building (project, uncovered[k]);
      const LinliCompound *compound = linli_project_get_compound (project, b->compound);

      linli_table_add_row (table);
      linli_table_add_text (table,
                            linli_project_get_community (project, compound->community)->name);
      linli_table_add_text (table, compound->name);
      linli_table_add_text (table, b->name != NULL && b->name[0] != '\0' ? b->name : b->id);
      add_households (table, b->households, (b->flags & LINLI_BUILDING_ESTIMATED) != 0, 1);
    }
  return table;
}

/**
 * linli_report_table_grids:
 *
 * Returns: (transfer full): the grids with their worker and households
 */
LinliTable *
linli_report_table_grids (LinliDocument *document)
{
  LinliProject *project = linli_document_get_project (document);
  LinliGrids *grids = linli_project_get_grids (project);
  const LinliGridAssignment *assignment = linli_document_get_grid_assignment (document);
  LinliTable *table = linli_table_new ("grids", _("Grids"));

  linli_table_add_column (table, _("Code"), LINLI_TABLE_ALIGN_START, 1.4);
  linli_table_add_column (table, _("Grid"), LINLI_TABLE_ALIGN_START, 2);
  linli_table_add_column (table, _("Community"), LINLI_TABLE_ALIGN_START, 1.5);
  linli_table_add_column (table, _("Grid worker"), LINLI_TABLE_ALIGN_START, 1.3);
  linli_table_add_column (table, _("Households"), LINLI_TABLE_ALIGN_END, 1);
  linli_table_add_column (table, _("In range"), LINLI_TABLE_ALIGN_START, 0.9);
  for (guint g = 0; g < linli_grids_get_n_grids (grids); g++)
    {
      LinliGrid *grid = linli_grids_get_grid (grids, g);
      const LinliGridFigures *figures = g < linli_grid_assignment_get_n_grids (assignment)
                                        ? linli_grid_assignment_get_figures (assignment, g) : NULL;
      guint community = linli_grid_get_community (grid);

      linli_table_add_row (table);
      linli_table_add_text (table, linli_grid_get_code (grid));
      linli_table_add_text (table, linli_grid_get_name (grid));
      linli_table_add_text (table, community < linli_project_get_n_communities (project)
                                   ? linli_project_get_community (project, community)->name : "");
      linli_table_add_text (table, linli_project_person (project, linli_grid_get_worker (grid)));
      if (figures != NULL)
        add_households (table, figures->households, figures->estimated_buildings,
                        figures->buildings);
      else
        linli_table_add_number (table, NAN, LINLI_FIGURE_COUNT);
      linli_table_add_text (table, figures == NULL ? "" : figures->in_range ? _("yes") : _("no"));
    }
  return table;
}

/**
 * linli_report_table_violations:
 *
 * Returns: (transfer full): the findings of the grid and organisation
 *   chain checks, errors first
 */
LinliTable *
linli_report_table_violations (LinliDocument *document)
{
  LinliProject *project = linli_document_get_project (document);
  GPtrArray *violations = linli_document_get_violations (document);
  LinliTable *table = linli_table_new ("violations", _("Grid and organisation chain findings"));

  linli_table_add_column (table, _("Severity"), LINLI_TABLE_ALIGN_START, 0.8);
  linli_table_add_column (table, _("Community"), LINLI_TABLE_ALIGN_START, 1.3);
  linli_table_add_column (table, _("Finding"), LINLI_TABLE_ALIGN_START, 6);
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < violations->len; i++)
      {
        const LinliViolation *v = g_ptr_array_index (violations, i);
        gboolean in_community;
        const char *community;

        if ((v->severity == LINLI_SEVERITY_ERROR) != (pass == 0))
          continue;
        linli_table_add_row (table);
        linli_table_add_text (table, linli_severity_get_label (v->severity));
        in_community = v->community >= 0 &&
                       (guint) v->community < linli_project_get_n_communities (project);
        community = in_community ? linli_project_get_community (project, v->community)->name : "";
        linli_table_add_text (table, community);
        linli_table_add_text (table, v->message);
      }
  return table;
}

/**
 * linli_report_table_comparison:
 * @name_a: the first document's name in the header, e.g. a scenario's
 * @name_b: the second's
 *
 * The key figures of two documents side by side, with the change from
 * the first to the second and the change in per cent.
 *
 * Returns: (transfer full): the table
 */
LinliTable *
linli_report_table_comparison (LinliDocument *document_a,
                               const char    *name_a,
                               LinliDocument *document_b,
                               const char    *name_b)
{
  g_autoptr (LinliFigures) a = linli_figures_collect (document_a);
  g_autoptr (LinliFigures) b = linli_figures_collect (document_b);
  LinliTable *table = linli_table_new ("comparison", _("Key figures compared"));

  linli_table_add_column (table, _("Figure"), LINLI_TABLE_ALIGN_START, 3);
  linli_table_add_column (table, name_a, LINLI_TABLE_ALIGN_END, 1.3);
  linli_table_add_column (table, name_b, LINLI_TABLE_ALIGN_END, 1.3);
  linli_table_add_column (table, _("Change"), LINLI_TABLE_ALIGN_END, 1.2);
  linli_table_add_column (table, _("Change in %"), LINLI_TABLE_ALIGN_END, 1);
  for (guint i = 0; i < linli_figures_get_n (a); i++)
    {
      const LinliFigure *fa = linli_figures_get (a, i);
      const LinliFigure *fb = linli_figures_lookup (b, fa->key);
      double after = fb != NULL ? fb->value : NAN;
      g_autofree char *change = linli_figure_format_change (fa, fa->value, after);
      g_autofree char *percent = linli_figure_format_percent_change (fa->value, after);
      double delta = after - fa->value;

      linli_table_add_row (table);
      linli_table_add_text (table, fa->label);
      linli_table_add_number (table, fa->value, fa->unit);
      linli_table_add_number (table, after, fa->unit);
      linli_table_add_formatted (table, change, delta, fa->unit);
      linli_table_add_formatted (table, percent, fa->value != 0 ? delta / fabs (fa->value) : NAN,
                                 LINLI_FIGURE_SHARE);
    }
  return table;
}

/**
 * linli_report_tables_collect:
 * @proposal: (nullable): a plan's proposal, for the stations
 *
 * Returns: (transfer container) (element-type LinliTable): the report's
 *   tables in order; the grid table only when the project has grids
 */
GPtrArray *
linli_report_tables_collect (LinliDocument             *document,
                             const LinliReportProposal *proposal)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func ((GDestroyNotify) linli_table_unref);
  LinliProject *project;

  g_return_val_if_fail (LINLI_IS_DOCUMENT (document), tables);

  project = linli_document_get_project (document);
  g_ptr_array_add (tables, linli_report_table_figures (document));
  g_ptr_array_add (tables, linli_report_table_communities (document));
  g_ptr_array_add (tables, linli_report_table_stations (document, proposal));
  g_ptr_array_add (tables, linli_report_table_uncovered (document));
  if (linli_grids_get_n_grids (linli_project_get_grids (project)) > 0)
    g_ptr_array_add (tables, linli_report_table_grids (document));
  g_ptr_array_add (tables, linli_report_table_violations (document));
  return tables;
}
