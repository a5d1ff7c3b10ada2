/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-partner-tables"

#include "config.h"

#include "linli-partner-tables.h"

#include "linli-grid.h"
#include "linli-grids.h"

#include <glib/gi18n-lib.h>
#include <math.h>

/**
 * linli_partner_place_name:
 * @kind: what @place is
 * @place: the id of a community, compound or grid
 *
 * Returns: (transfer none): the place's name, or @place itself when the
 *   project has no such place or it has no name
 */
const char *
linli_partner_place_name (LinliProject          *project,
                          LinliPartnerPlaceKind  kind,
                          const char            *place)
{
  const char *name = NULL;
  int index;

  switch (kind)
    {
    case LINLI_PARTNER_PLACE_COMMUNITY:
      if ((index = linli_project_find_community (project, place)) >= 0)
        name = linli_project_get_community (project, index)->name;
      break;
    case LINLI_PARTNER_PLACE_COMPOUND:
      if ((index = linli_project_find_compound (project, place)) >= 0)
        name = linli_project_get_compound (project, index)->name;
      break;
    case LINLI_PARTNER_PLACE_GRID:
      {
        LinliGrid *grid = linli_grids_find (linli_project_get_grids (project), place, NULL);

        if (grid != NULL)
          name = linli_grid_get_name (grid);
      }
      break;
    default:
      break;
    }
  return name != NULL && name[0] != '\0' ? name : place;
}

/**
 * linli_partner_period_label:
 *
 * Returns: (transfer none): the period as the user reads it ("month")
 */
const char *
linli_partner_period_label (LinliPartnerPeriod period)
{
  switch (period)
    {
    case LINLI_PARTNER_PERIOD_WEEK:
      return _("week");
    case LINLI_PARTNER_PERIOD_QUARTER:
      return _("quarter");
    case LINLI_PARTNER_PERIOD_YEAR:
      return _("year");
    case LINLI_PARTNER_PERIOD_MONTH:
    default:
      return _("month");
    }
}

static const char *
place_kind_label (LinliPartnerPlaceKind kind)
{
  switch (kind)
    {
    case LINLI_PARTNER_PLACE_COMPOUND:
      return _("Compound");
    case LINLI_PARTNER_PLACE_GRID:
      return _("Grid");
    case LINLI_PARTNER_PLACE_COMMUNITY:
    default:
      return _("Community");
    }
}

static LinliTable *
units_table (LinliProject  *project,
             LinliPartners *partners)
{
  LinliTable *table = linli_table_new ("partner-units", _("Partner units"));

  linli_table_add_column (table, _("ID"), LINLI_TABLE_ALIGN_START, 0.8);
  linli_table_add_column (table, _("Unit"), LINLI_TABLE_ALIGN_START, 2.2);
  linli_table_add_column (table, _("Type"), LINLI_TABLE_ALIGN_START, 1);
  linli_table_add_column (table, _("Address"), LINLI_TABLE_ALIGN_START, 2);
  linli_table_add_column (table, _("Contact"), LINLI_TABLE_ALIGN_START, 1);
  linli_table_add_column (table, _("Members reporting"), LINLI_TABLE_ALIGN_END, 0.9);
  linli_table_add_column (table, _("Resource items"), LINLI_TABLE_ALIGN_END, 0.9);
  for (guint i = 0; i < linli_partners_get_n (partners, LINLI_PARTNER_LIST_UNITS); i++)
    {
      const LinliPartnerUnit *unit = linli_partners_get_unit (partners, i);

      linli_table_add_row (table);
      linli_table_add_text (table, unit->id);
      linli_table_add_text (table, unit->name);
      linli_table_add_text (table, linli_partner_unit_type_get_label (unit->type));
      linli_table_add_text (table, unit->address ? unit->address : "");
      linli_table_add_text (table, linli_project_person (project, unit->contact));
      linli_table_add_number (table, unit->members, LINLI_FIGURE_COUNT);
      linli_table_add_number (table, unit->n_resources, LINLI_FIGURE_COUNT);
    }
  return table;
}

static LinliTable *
resources_table (LinliPartners *partners)
{
  LinliTable *table = linli_table_new ("partner-resources", _("Resource list"));

  linli_table_add_column (table, _("Unit"), LINLI_TABLE_ALIGN_START, 2);
  linli_table_add_column (table, _("Category"), LINLI_TABLE_ALIGN_START, 1.3);
  linli_table_add_column (table, _("Quantity"), LINLI_TABLE_ALIGN_END, 0.8);
  linli_table_add_column (table, _("Measure"), LINLI_TABLE_ALIGN_START, 0.8);
  linli_table_add_column (table, _("Capacity"), LINLI_TABLE_ALIGN_END, 0.8);
  linli_table_add_column (table, _("Per"), LINLI_TABLE_ALIGN_START, 0.6);
  for (guint i = 0; i < linli_partners_get_n (partners, LINLI_PARTNER_LIST_UNITS); i++)
    {
      const LinliPartnerUnit *unit = linli_partners_get_unit (partners, i);

      for (guint r = 0; r < unit->n_resources; r++)
        {
          const LinliPartnerResource *resource = &unit->resources[r];

          linli_table_add_row (table);
          linli_table_add_text (table, unit->name);
          linli_table_add_text (table, linli_partners_category_label (partners, resource->category));
          linli_table_add_number (table, resource->quantity, LINLI_FIGURE_COUNT);
          linli_table_add_text (table, resource->measure ? resource->measure : "");
          linli_table_add_number (table, resource->capacity, LINLI_FIGURE_COUNT);
          linli_table_add_text (table, linli_partner_period_label (resource->period));
        }
    }
  return table;
}

static LinliTable *
needs_table (LinliProject  *project,
             LinliPartners *partners)
{
  LinliTable *table = linli_table_new ("partner-needs", _("Need list"));

  linli_table_add_column (table, _("ID"), LINLI_TABLE_ALIGN_START, 0.8);
  linli_table_add_column (table, _("Place"), LINLI_TABLE_ALIGN_START, 1.8);
  linli_table_add_column (table, _("Kind of place"), LINLI_TABLE_ALIGN_START, 0.8);
  linli_table_add_column (table, _("Category"), LINLI_TABLE_ALIGN_START, 1.3);
  linli_table_add_column (table, _("Quantity"), LINLI_TABLE_ALIGN_END, 0.8);
  linli_table_add_column (table, _("Per"), LINLI_TABLE_ALIGN_START, 0.6);
  linli_table_add_column (table, _("Priority"), LINLI_TABLE_ALIGN_END, 0.7);
  linli_table_add_column (table, _("Note"), LINLI_TABLE_ALIGN_START, 2);
  for (guint i = 0; i < linli_partners_get_n (partners, LINLI_PARTNER_LIST_NEEDS); i++)
    {
      const LinliPartnerNeed *need = linli_partners_get_need (partners, i);

      linli_table_add_row (table);
      linli_table_add_text (table, need->id);
      linli_table_add_text (table, linli_partner_place_name (project, need->place_kind, need->place));
      linli_table_add_text (table, place_kind_label (need->place_kind));
      linli_table_add_text (table, linli_partners_category_label (partners, need->category));
      linli_table_add_number (table, need->quantity, LINLI_FIGURE_COUNT);
      linli_table_add_text (table, linli_partner_period_label (need->period));
      linli_table_add_number (table, need->priority, LINLI_FIGURE_COUNT);
      linli_table_add_text (table, need->note ? need->note : "");
    }
  return table;
}

static LinliTable *
records_table (LinliProject  *project,
               LinliPartners *partners)
{
  LinliTable *table = linli_table_new ("service-records", _("Service records"));

  linli_table_add_column (table, _("ID"), LINLI_TABLE_ALIGN_START, 0.8);
  linli_table_add_column (table, _("Date"), LINLI_TABLE_ALIGN_START, 1);
  linli_table_add_column (table, _("Unit"), LINLI_TABLE_ALIGN_START, 2);
  linli_table_add_column (table, _("Place"), LINLI_TABLE_ALIGN_START, 1.6);
  linli_table_add_column (table, _("Category"), LINLI_TABLE_ALIGN_START, 1.3);
  linli_table_add_column (table, _("Hours"), LINLI_TABLE_ALIGN_END, 0.7);
  linli_table_add_column (table, _("Delivered by"), LINLI_TABLE_ALIGN_START, 1);
  linli_table_add_column (table, _("Note"), LINLI_TABLE_ALIGN_START, 1.6);
  for (guint i = 0; i < linli_partners_get_n (partners, LINLI_PARTNER_LIST_RECORDS); i++)
    {
      const LinliServiceRecord *record = linli_partners_get_record (partners, i);
      const LinliPartnerUnit *unit = linli_partners_find (partners, LINLI_PARTNER_LIST_UNITS, record->unit, NULL);

      linli_table_add_row (table);
      linli_table_add_text (table, record->id);
      linli_table_add_text (table, record->date ? record->date : "");
      linli_table_add_text (table, unit != NULL ? unit->name : record->unit);
      linli_table_add_text (table, linli_partner_place_name (project, record->place_kind, record->place));
      linli_table_add_text (table, linli_partners_category_label (partners, record->category));
      linli_table_add_number (table, record->hours, LINLI_FIGURE_COUNT);
      linli_table_add_text (table, linli_project_person (project, record->person));
      linli_table_add_text (table, record->note ? record->note : "");
    }
  return table;
}

static LinliTable *
evaluations_table (LinliPartners *partners)
{
  LinliTable *table = linli_table_new ("service-evaluations", _("Evaluations"));

  linli_table_add_column (table, _("ID"), LINLI_TABLE_ALIGN_START, 0.8);
  linli_table_add_column (table, _("Service record"), LINLI_TABLE_ALIGN_START, 1);
  linli_table_add_column (table, _("Score"), LINLI_TABLE_ALIGN_END, 0.6);
  linli_table_add_column (table, _("Comment"), LINLI_TABLE_ALIGN_START, 4);
  for (guint i = 0; i < linli_partners_get_n (partners, LINLI_PARTNER_LIST_EVALUATIONS); i++)
    {
      const LinliServiceEvaluation *evaluation = linli_partners_get_evaluation (partners, i);

      linli_table_add_row (table);
      linli_table_add_text (table, evaluation->id);
      linli_table_add_text (table, evaluation->record);
      linli_table_add_number (table, evaluation->score, LINLI_FIGURE_COUNT);
      linli_table_add_text (table, evaluation->comment ? evaluation->comment : "");
    }
  return table;
}

/**
 * linli_partner_tables_collect:
 *
 * The five lists of the project's partner units, as tables (units,
 * resource items, needs, service records, evaluations); none when the
 * project has no partner data.
 *
 * Returns: (transfer full) (element-type LinliTable): the tables
 */
GPtrArray *
linli_partner_tables_collect (LinliProject *project)
{
  GPtrArray *tables = g_ptr_array_new_with_free_func ((GDestroyNotify) linli_table_unref);
  LinliPartners *partners = linli_project_get_partners (project);

  if (partners == NULL || linli_partners_is_empty (partners))
    return tables;
  g_ptr_array_add (tables, units_table (project, partners));
  g_ptr_array_add (tables, resources_table (partners));
  g_ptr_array_add (tables, needs_table (project, partners));
  g_ptr_array_add (tables, records_table (project, partners));
  g_ptr_array_add (tables, evaluations_table (partners));
  return tables;
}
