/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-figures"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "linli-figures.h"

struct _LinliFigures
{
  GArray *figures;   /* (element-type LinliFigure) */
};

static void
figure_clear (gpointer data)
{
  LinliFigure *figure = data;

  g_free (figure->label);
}

/**
 * linli_figures_new:
 *
 * Returns: (transfer full): an empty list, for a provider's tests
 */
LinliFigures *
linli_figures_new (void)
{
  LinliFigures *self = g_new0 (LinliFigures, 1);

  self->figures = g_array_new (FALSE, TRUE, sizeof (LinliFigure));
  g_array_set_clear_func (self->figures, figure_clear);
  return self;
}

void
linli_figures_free (LinliFigures *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->figures);
  g_free (self);
}

/**
 * linli_figures_collect:
 * @document: the document to sum up
 *
 * Collects the key figures of @document from every domain, from the
 * derived state the document already keeps.
 *
 * Returns: (transfer full): the figures
 */
LinliFigures *
linli_figures_collect (LinliDocument *document)
{
  LinliFigures *self;

  g_return_val_if_fail (LINLI_IS_DOCUMENT (document), NULL);

  self = linli_figures_new ();
  linli_figures_add_coverage (self, document);
  linli_figures_add_grids (self, document);
  linli_figures_add_chain (self, document);
  linli_figures_add_partners (self, document);
  return self;
}

/**
 * linli_figures_add:
 * @key: a stable ASCII name, unique in the list
 * @group: the domain's stable ASCII name
 * @label: the translated label
 *
 * Appends a figure; providers call it.
 */
void
linli_figures_add (LinliFigures    *self,
                   const char      *key,
                   const char      *group,
                   const char      *label,
                   double           value,
                   LinliFigureUnit  unit,
                   LinliFigureSense sense)
{
  LinliFigure figure = {
    .key = key,
    .group = group,
    .label = g_strdup (label),
    .value = value,
    .unit = unit,
    .sense = sense,
  };

  g_return_if_fail (linli_figures_lookup (self, key) == NULL);
  g_array_append_val (self->figures, figure);
}

guint
linli_figures_get_n (const LinliFigures *self)
{
  return self->figures->len;
}

/**
 * linli_figures_get:
 *
 * Returns: (transfer none): the @i-th figure
 */
const LinliFigure *
linli_figures_get (const LinliFigures *self,
                   guint               i)
{
  g_return_val_if_fail (i < self->figures->len, NULL);
  return &g_array_index (self->figures, LinliFigure, i);
}

/**
 * linli_figures_lookup:
 *
 * Returns: (transfer none) (nullable): the figure named @key
 */
const LinliFigure *
linli_figures_lookup (const LinliFigures *self,
                      const char         *key)
{
  for (guint i = 0; i < self->figures->len; i++)
    {
      const LinliFigure *figure = &g_array_index (self->figures, LinliFigure, i);

      if (g_str_equal (figure->key, key))
        return figure;
    }
  return NULL;
}

/**
 * linli_format_count:
 *
 * Returns: (transfer full): @n with the locale's thousands separators
 */
char *
linli_format_count (guint64 n)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

/**
 * linli_format_members:
 * @members: party members counted over @buildings
 * @buildings_unknown: how many of @buildings have party members unknown
 * @buildings: how many buildings were counted
 *
 * Shows a count of party members the way every list and table does: the
 * plain count when all are known, "unknown" when none is, and otherwise
 * the count as a lower bound with how many buildings are unknown, so an
 * unknown is never read as none.
 *
 * Returns: (transfer full): the text
 */
char *
linli_format_members (guint members,
                      guint buildings_unknown,
                      guint buildings)
{
  g_autofree char *count = linli_format_count (members);

  if (buildings_unknown == 0)
    return g_steal_pointer (&count);
  if (buildings_unknown >= buildings && members == 0)
    return g_strdup (_("unknown"));
  /* TRANSLATORS: party members counted where known; the second number
   * is of buildings whose party members are not known */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "at least %s (%u building unknown)",
                                       "at least %s (%u buildings unknown)", buildings_unknown),
                          count, buildings_unknown);
}

/**
 * linli_format_estimated:
 * @n: households or residents summed over @buildings
 * @buildings_estimated: how many of @buildings have them estimated
 * @buildings: how many buildings were summed
 *
 * Shows households or residents with the mark "estimated" when any of
 * the buildings summed has them estimated, and how many when not all.
 *
 * Returns: (transfer full): the text
 */
char *
linli_format_estimated (guint64 n,
                        guint   buildings_estimated,
                        guint   buildings)
{
  g_autofree char *count = linli_format_count (n);

  if (buildings_estimated == 0)
    return g_steal_pointer (&count);
  if (buildings_estimated >= buildings)
    /* TRANSLATORS: households or residents that are an estimate */
    return g_strdup_printf (_("%s (estimated)"), count);
  /* TRANSLATORS: households or residents summed over buildings, some of
   * which have them estimated */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u building estimated)",
                                       "%s (%u buildings estimated)", buildings_estimated),
                          count, buildings_estimated);
}

static char *
format_magnitude (LinliFigureUnit unit,
                  double          value)
{
  switch (unit)
    {
    case LINLI_FIGURE_SHARE:
      return g_strdup_printf ("%.1f%%", 100 * value);
    case LINLI_FIGURE_YUAN:
      {
        g_autofree char *count = linli_format_count ((guint64) llround (value));

        /* TRANSLATORS: an amount of money in yuan; %s is the number */
        return g_strdup_printf (_("¥%s"), count);
      }
    case LINLI_FIGURE_COUNT:
    default:
      return linli_format_count ((guint64) llround (value));
    }
}

/**
 * linli_figure_format:
 * @value: a value of @figure's kind (not necessarily its own)
 *
 * Returns: (transfer full): @value as a reader sees it: "12,345", "87.3%",
 *   "¥1,200,000", or "—" where it cannot be told
 */
char *
linli_figure_format (const LinliFigure *figure,
                     double             value)
{
  if (!isfinite (value))
    return g_strdup ("—");
  if (value < 0)
    {
      g_autofree char *magnitude = format_magnitude (figure->unit, -value);

      return g_strconcat ("−", magnitude, NULL);
    }
  return format_magnitude (figure->unit, value);
}

/**
 * linli_figure_format_change:
 *
 * Returns: (transfer full): the change from @before to @after with its
 *   sign: "+1,234", "−3", "+2.5 pp" for shares (percentage points), "0" when
 *   equal, "—" when either cannot be told
 */
char *
linli_figure_format_change (const LinliFigure *figure,
                            double             before,
                            double             after)
{
  double change = after - before;
  g_autofree char *magnitude = NULL;

  if (!isfinite (before) || !isfinite (after))
    return g_strdup ("—");
  if (figure->unit == LINLI_FIGURE_SHARE)
    {
      change = round (1000 * change) / 10;
      if (change == 0)
        return g_strdup ("0");
      /* TRANSLATORS: a change of a share in percentage points; %s is the
       * signed number */
      magnitude = g_strdup_printf ("%.1f", fabs (change));
      return g_strdup_printf (_("%s%s pp"), change > 0 ? "+" : "−", magnitude);
    }
  if (llround (change) == 0)
    return g_strdup ("0");
  magnitude = format_magnitude (figure->unit, fabs (change));
  return g_strconcat (change > 0 ? "+" : "−", magnitude, NULL);
}

/**
 * linli_figure_format_percent_change:
 *
 * Returns: (transfer full): the change from @before to @after in per cent of
 *   @before ("+5.2%"), or "—" when @before is 0 or either cannot be told
 */
char *
linli_figure_format_percent_change (double before,
                                    double after)
{
  double percent;

  if (!isfinite (before) || !isfinite (after) || before == 0)
    return g_strdup ("—");
  percent = round (1000 * (after - before) / fabs (before)) / 10;
  if (percent == 0)
    return g_strdup ("0%");
  return g_strdup_printf ("%s%.1f%%", percent > 0 ? "+" : "−", fabs (percent));
}

/**
 * linli_figure_judge_change:
 *
 * Returns: 1 when going from @before to @after is an improvement by
 *   @figure's sense, -1 when it is worse, 0 when equal, neutral or not told
 */
int
linli_figure_judge_change (const LinliFigure *figure,
                           double             before,
                           double             after)
{
  if (!isfinite (before) || !isfinite (after) || before == after)
    return 0;
  switch (figure->sense)
    {
    case LINLI_FIGURE_HIGHER_BETTER:
      return after > before ? 1 : -1;
    case LINLI_FIGURE_LOWER_BETTER:
      return after < before ? 1 : -1;
    case LINLI_FIGURE_NEUTRAL:
    default:
      return 0;
    }
}

/* The six services of a "1+6+X" centre: households within reach of an
 * existing or planned site offering each.  Only for projects whose sites
 * say what they offer, so a project without services keeps its list. */
static void
add_services (LinliFigures  *self,
              LinliDocument *document)
{
  static const struct { const char *key; const char *label; } services[LINLI_N_SERVICES] = {
    { "households-service-childcare", N_("Households within reach of childcare") },
    { "households-service-elderly", N_("Households within reach of elderly care") },
    { "households-service-health", N_("Households within reach of health care") },
    { "households-service-food", N_("Households within reach of food services") },
    { "households-service-leisure", N_("Households within reach of leisure") },
    { "households-service-affairs", N_("Households within reach of public affairs") },
  };
  LinliProject *project = linli_document_get_project (document);
  const LinliCoverage *coverage = linli_document_get_coverage (document);
  gboolean any = FALSE;

  for (guint i = 0; i < linli_project_get_n_sites (project) && !any; i++)
    any = linli_site_get_services (linli_project_get_site (project, i)) != 0;
  if (!any)
    return;
  for (guint k = 0; k < LINLI_N_SERVICES; k++)
    linli_figures_add (self, services[k].key, "services", _(services[k].label),
                       linli_coverage_service_households (coverage, 1u << k),
                       LINLI_FIGURE_COUNT, LINLI_FIGURE_HIGHER_BETTER);
}

/**
 * linli_figures_add_coverage:
 *
 * Adds the service circle's figures: households and who is reached by the
 * project's walking rule, stations by status and what the planned ones cost,
 * and, when sites say which services they offer, the households within
 * reach of each service.
 */
void
linli_figures_add_coverage (LinliFigures  *self,
                            LinliDocument *document)
{
  LinliProject *project = linli_document_get_project (document);
  const LinliCoverageTotals *district = linli_coverage_get_district (linli_document_get_coverage (document));
  guint by_status[LINLI_SITE_N_STATUSES] = { 0 };
  double cost = 0;
  gboolean any_cost = FALSE;

  linli_figures_add (self, "households", "coverage", _("Households"), district->households,
                     LINLI_FIGURE_COUNT, LINLI_FIGURE_NEUTRAL);
  linli_figures_add (self, "households-covered", "coverage", _("Households covered"),
                     district->households_covered, LINLI_FIGURE_COUNT, LINLI_FIGURE_HIGHER_BETTER);
  linli_figures_add (self, "share-covered", "coverage", _("Share of households covered"),
                     linli_coverage_totals_share (district->households_covered, district->households),
                     LINLI_FIGURE_SHARE, LINLI_FIGURE_HIGHER_BETTER);
  linli_figures_add (self, "households-uncovered", "coverage", _("Households not covered"),
                     district->households - district->households_covered,
                     LINLI_FIGURE_COUNT, LINLI_FIGURE_LOWER_BETTER);
  linli_figures_add (self, "buildings-uncovered", "coverage", _("Buildings not covered"),
                     district->buildings - district->buildings_covered,
                     LINLI_FIGURE_COUNT, LINLI_FIGURE_LOWER_BETTER);

  for (guint i = 0; i < linli_project_get_n_sites (project); i++)
    {
      LinliSite *site = linli_project_get_site (project, i);
      LinliSiteStatus status = linli_site_get_status (site);

      by_status[status]++;
      if (status == LINLI_SITE_STATUS_PLANNED && linli_site_get_cost (site) >= 0)
        {
          cost += linli_site_get_cost (site);
          any_cost = TRUE;
        }
    }
  linli_figures_add (self, "stations-existing", "sites", _("Existing stations"),
                     by_status[LINLI_SITE_STATUS_EXISTING], LINLI_FIGURE_COUNT, LINLI_FIGURE_NEUTRAL);
  linli_figures_add (self, "stations-planned", "sites", _("Planned stations"),
                     by_status[LINLI_SITE_STATUS_PLANNED], LINLI_FIGURE_COUNT, LINLI_FIGURE_NEUTRAL);
  linli_figures_add (self, "stations-candidate", "sites", _("Candidate sites"),
                     by_status[LINLI_SITE_STATUS_CANDIDATE], LINLI_FIGURE_COUNT, LINLI_FIGURE_NEUTRAL);
  /* A planned station without a cost makes the total unknown rather than
   * quietly smaller. */
  for (guint i = 0; any_cost && i < linli_project_get_n_sites (project); i++)
    {
      LinliSite *site = linli_project_get_site (project, i);

      if (linli_site_get_status (site) == LINLI_SITE_STATUS_PLANNED && linli_site_get_cost (site) < 0)
        any_cost = FALSE;
    }
  linli_figures_add (self, "cost-planned", "sites", _("Cost of planned stations"),
                     by_status[LINLI_SITE_STATUS_PLANNED] == 0 ? 0 : any_cost ? cost : NAN,
                     LINLI_FIGURE_YUAN, LINLI_FIGURE_LOWER_BETTER);
  add_services (self, document);
}
