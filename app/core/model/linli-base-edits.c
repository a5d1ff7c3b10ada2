/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-base-edits"

#include "config.h"

#include "linli-base-edits.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "linli-grid-edits.h"
#include "linli-grids.h"
#include "linli-org.h"
#include "linli-spatial.h"

/* A buildings edit keeps, for each building it changes, the building as it
 * was and as it became: names point into the project's string chunk, which
 * keeps every string as long as the project lives, so the snapshots need
 * no copies.  A community or compound edit holds two snapshots, NULL
 * meaning "no such entry", as site edits do: creating, renaming and
 * deleting are one kind of edit, and undo applies the other snapshot.
 */

G_DEFINE_QUARK (linli-base-error-quark, linli_base_error)

typedef struct
{
  LinliEdit      parent;
  guint          n;
  guint         *indices;
  LinliBuilding *before;
  LinliBuilding *after;
} BuildingsEdit;

typedef struct
{
  char  *id;
  char  *name;
  guint  community;   /* compounds only */
} Entry;

typedef struct
{
  LinliEdit parent;
  gboolean  compound;   /* a compound, or else a community */
  guint     index;
  Entry    *before;
  Entry    *after;
} EntryEdit;

typedef struct
{
  LinliEdit parent;
  char     *name[2];    /* before, after */
} NameEdit;

/* Buildings */

static void
buildings_set (LinliProject        *project,
               const BuildingsEdit *self,
               const LinliBuilding *values)
{
  /* One ::changed for the lot: coverage is worked out once. */
  linli_project_freeze_changed (project);
  for (guint k = 0; k < self->n; k++)
    linli_project_set_building_fields (project, self->indices[k], &values[k]);
  linli_project_thaw_changed (project);
}

static void
buildings_apply (LinliEdit    *edit,
                 LinliProject *project)
{
  BuildingsEdit *self = (BuildingsEdit *) edit;

  buildings_set (project, self, self->after);
}

static void
buildings_revert (LinliEdit    *edit,
                  LinliProject *project)
{
  BuildingsEdit *self = (BuildingsEdit *) edit;

  buildings_set (project, self, self->before);
}

static void
buildings_free (LinliEdit *edit)
{
  BuildingsEdit *self = (BuildingsEdit *) edit;

  g_free (self->indices);
  g_free (self->before);
  g_free (self->after);
}

static const LinliEditClass buildings_edit_class = {
  .name = "buildings",
  .size = sizeof (BuildingsEdit),
  .apply = buildings_apply,
  .revert = buildings_revert,
  .free = buildings_free,
};

static gboolean
building_fields_equal (const LinliBuilding *a,
                       const LinliBuilding *b)
{
  return g_strcmp0 (a->name, b->name) == 0 && a->compound == b->compound &&
         a->households == b->households && a->residents == b->residents &&
         a->party_members == b->party_members && a->flags == b->flags;
}

/* Sets the buildings to @after (one per index) and records it as one
 * step; buildings that stay the same are left out, and nothing is
 * recorded when none changes.  Returns whether anything changed. */
static gboolean
push_buildings (LinliHistory        *history,
                const char          *label,
                const guint         *indices,
                guint                n,
                const LinliBuilding *after)
{
  LinliProject *project = linli_history_get_project (history);
  BuildingsEdit *edit;
  guint kept = 0;

  edit = linli_edit_new (&buildings_edit_class, label);
  edit->indices = g_new (guint, MAX (n, 1));
  edit->before = g_new (LinliBuilding, MAX (n, 1));
  edit->after = g_new (LinliBuilding, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    {
      const LinliBuilding *b = linli_project_get_building (project, indices[k]);

      if (building_fields_equal (b, &after[k]))
        continue;
      edit->indices[kept] = indices[k];
      edit->before[kept] = *b;
      edit->after[kept] = after[k];
      kept++;
    }
  edit->n = kept;
  if (kept == 0)
    {
      linli_edit_free ((LinliEdit *) edit);
      return FALSE;
    }
  buildings_apply ((LinliEdit *) edit, project);
  /* The names are now the project's own: keep those, not the caller's. */
  for (guint k = 0; k < kept; k++)
    edit->after[k] = *linli_project_get_building (project, edit->indices[k]);
  linli_history_push (history, (LinliEdit *) edit, FALSE);
  return TRUE;
}

/* Communities and compounds */

static Entry *
entry_new (const char *id,
           const char *name,
           guint       community)
{
  Entry *e = g_new0 (Entry, 1);

  e->id = g_strdup (id);
  e->name = g_strdup (name ? name : "");
  e->community = community;
  return e;
}

static void
entry_free (Entry *e)
{
  if (e == NULL)
    return;
  g_free (e->id);
  g_free (e->name);
  g_free (e);
}

static Entry *
entry_dup (LinliProject *project,
           gboolean      compound,
           guint         index)
{
  if (compound)
    {
      const LinliCompound *c = linli_project_get_compound (project, index);
      return entry_new (c->id, c->name, c->community);
    }
  else
    {
      const LinliCommunity *c = linli_project_get_community (project, index);
      return entry_new (c->id, c->name, 0);
    }
}

/* Boundaries are kept by index: when an entry comes or goes those of the
 * entries after it move with them.  The entry itself has none, as only an
 * empty entry without a boundary may be removed. */
static void
shift_boundaries (LinliProject *project,
                  gboolean      compound,
                  guint         index,
                  gboolean      insert)
{
  LinliGrids *grids = linli_project_get_grids (project);
  guint n = compound ? linli_project_get_n_compounds (project) : linli_project_get_n_communities (project);
  g_autofree guint *list = NULL;
  guint n_list = 0;

  list = linli_grids_list_boundaries (grids, compound, &n_list);
  if (n_list == 0 || list[n_list - 1] < index)
    return;
  if (insert)
    {
      /* @n counts the new entry already: move n-2 → n-1, …, index → index+1. */
      for (guint k = n - 1; k > index; k--)
        {
          LinliPolygon *p = compound ? linli_grids_get_compound_boundary (grids, k - 1)
                                     : linli_grids_get_community_boundary (grids, k - 1);
          g_autoptr (LinliPolygon) keep = p ? linli_polygon_ref (p) : NULL;

          if (compound)
            linli_grids_set_compound_boundary (grids, k, keep);
          else
            linli_grids_set_community_boundary (grids, k, keep);
        }
      if (compound)
        linli_grids_set_compound_boundary (grids, index, NULL);
      else
        linli_grids_set_community_boundary (grids, index, NULL);
    }
  else
    {
      /* @n no longer counts the removed entry: move index+1 → index, …, n → n-1. */
      for (guint k = index; k < n; k++)
        {
          LinliPolygon *p = compound ? linli_grids_get_compound_boundary (grids, k + 1)
                                     : linli_grids_get_community_boundary (grids, k + 1);
          g_autoptr (LinliPolygon) keep = p ? linli_polygon_ref (p) : NULL;

          if (compound)
            linli_grids_set_compound_boundary (grids, k, keep);
          else
            linli_grids_set_community_boundary (grids, k, keep);
        }
      if (compound)
        linli_grids_set_compound_boundary (grids, n, NULL);
      else
        linli_grids_set_community_boundary (grids, n, NULL);
    }
}

/* Branches refer to compounds, and grids and committees to communities,
 * by index: when an entry comes or goes, those of later entries follow.
 * Nothing refers to the entry itself, as only such an entry is removed. */
static void
shift_references (LinliProject *project,
                  gboolean      compound,
                  guint         index,
                  gboolean      insert)
{
  LinliOrg *org = linli_project_get_org (project);

  if (compound)
    {
      GListModel *branches = linli_org_get_branches (org);

      for (guint k = 0; k < g_list_model_get_n_items (branches); k++)
        {
          g_autoptr (LinliBranch) branch = g_list_model_get_item (branches, k);
          const LinliBranchState *st = linli_branch_get_state (branch);
          g_autoptr (LinliBranchState) moved = NULL;

          if (st->kind != LINLI_BRANCH_COMPOUND || st->compound < index || (!insert && st->compound == index))
            continue;
          moved = linli_branch_state_copy (st);
          moved->compound = insert ? st->compound + 1 : st->compound - 1;
          linli_branch_apply_state (branch, moved);
        }
    }
  else
    {
      LinliGrids *grids = linli_project_get_grids (project);
      g_autofree guint *committees = NULL;
      guint n_committees = 0;

      for (guint k = 0; k < linli_grids_get_n_grids (grids); k++)
        {
          LinliGrid *grid = linli_grids_get_grid (grids, k);
          const LinliGridState *st = linli_grid_get_state (grid);
          g_autoptr (LinliGridState) moved = NULL;

          if (st->community < index || (!insert && st->community == index))
            continue;
          moved = linli_grid_state_copy (st);
          moved->community = insert ? st->community + 1 : st->community - 1;
          linli_grid_apply_state (grid, moved);
        }
      /* Committees in increasing order: walk them so that none is
       * overwritten before it has moved. */
      committees = linli_org_list_committees (org, &n_committees);
      for (guint j = 0; j < n_committees; j++)
        {
          guint k = insert ? committees[n_committees - 1 - j] : committees[j];
          g_autofree char *secretary = NULL;

          if (k < index || (!insert && k == index))
            continue;
          secretary = g_strdup (linli_org_get_secretary (org, k));
          linli_org_set_secretary (org, k, NULL);
          linli_org_set_secretary (org, insert ? k + 1 : k - 1, secretary);
        }
    }
}

static void
entry_set (LinliProject *project,
           gboolean      compound,
           guint         index,
           const Entry  *from,
           const Entry  *to)
{
  if (from == NULL && to != NULL)
    {
      if (compound)
        linli_project_insert_compound (project, index, to->id, to->name, to->community);
      else
        linli_project_insert_community (project, index, to->id, to->name);
      shift_boundaries (project, compound, index, TRUE);
      shift_references (project, compound, index, TRUE);
    }
  else if (from != NULL && to == NULL)
    {
      if (compound)
        linli_project_remove_compound (project, index);
      else
        linli_project_remove_community (project, index);
      shift_boundaries (project, compound, index, FALSE);
      shift_references (project, compound, index, FALSE);
    }
  else if (from != NULL && to != NULL)
    {
      if (compound)
        linli_project_set_compound (project, index, to->name, to->community);
      else
        linli_project_set_community_name (project, index, to->name);
    }
}

static void
entry_apply (LinliEdit    *edit,
             LinliProject *project)
{
  EntryEdit *self = (EntryEdit *) edit;

  entry_set (project, self->compound, self->index, self->before, self->after);
}

static void
entry_revert (LinliEdit    *edit,
              LinliProject *project)
{
  EntryEdit *self = (EntryEdit *) edit;

  entry_set (project, self->compound, self->index, self->after, self->before);
}

static void
entry_edit_free (LinliEdit *edit)
{
  EntryEdit *self = (EntryEdit *) edit;

  entry_free (self->before);
  entry_free (self->after);
}

static const LinliEditClass entry_edit_class = {
  .name = "community-or-compound",
  .size = sizeof (EntryEdit),
  .apply = entry_apply,
  .revert = entry_revert,
  .free = entry_edit_free,
};

static void
push_entry (LinliHistory *history,
            const char   *label,
            gboolean      compound,
            guint         index,
            Entry        *before,
            Entry        *after)
{
  EntryEdit *edit = linli_edit_new (&entry_edit_class, label);

  edit->compound = compound;
  edit->index = index;
  edit->before = before;
  edit->after = after;
  linli_history_push (history, (LinliEdit *) edit, TRUE);
}

/* An id of the form prefix-N that no entry has. */
static char *
new_entry_id (LinliProject *project,
              gboolean      compound)
{
  guint n = compound ? linli_project_get_n_compounds (project) : linli_project_get_n_communities (project);

  for (guint k = n + 1;; k++)
    {
      g_autofree char *id = g_strdup_printf (compound ? "compound-%u" : "community-%u", k);

      if ((compound ? linli_project_find_compound (project, id) : linli_project_find_community (project, id)) < 0)
        return g_steal_pointer (&id);
    }
}

/* District name */

static void
name_apply (LinliEdit    *edit,
            LinliProject *project)
{
  linli_project_set_name (project, ((NameEdit *) edit)->name[1]);
}

static void
name_revert (LinliEdit    *edit,
             LinliProject *project)
{
  linli_project_set_name (project, ((NameEdit *) edit)->name[0]);
}

static void
name_free (LinliEdit *edit)
{
  NameEdit *self = (NameEdit *) edit;

  g_free (self->name[0]);
  g_free (self->name[1]);
}

static const LinliEditClass name_edit_class = {
  .name = "district-name",
  .size = sizeof (NameEdit),
  .apply = name_apply,
  .revert = name_revert,
  .free = name_free,
};

/* Assignment */

/* For each of @targets, the compound of the nearest building of @project
 * that is not a target (and, if @community is not G_MAXUINT, lies in that
 * community), or G_MAXUINT when there is none. */
static guint *
nearest_compounds (LinliProject *project,
                   const guint  *targets,
                   guint         n_targets,
                   guint         community)
{
  const LinliProjection *proj = linli_project_get_projection (project);
  const LinliBuilding *buildings = linli_project_get_buildings (project);
  guint n = linli_project_get_n_buildings (project);
  g_autofree gboolean *is_target = g_new0 (gboolean, MAX (n, 1));
  g_autoptr (GArray) anchors = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree double *xy = NULL;
  guint *result = g_new (guint, MAX (n_targets, 1));
  LinliPointIndex *index;
  double reach = 0;

  for (guint k = 0; k < n_targets; k++)
    is_target[targets[k]] = TRUE;
  for (guint i = 0; i < n; i++)
    if (!is_target[i] &&
        (community == G_MAXUINT || linli_project_building_community (project, i) == community))
      g_array_append_val (anchors, i);
  xy = g_new (double, 2 * MAX (anchors->len, 1));
  for (guint a = 0; a < anchors->len; a++)
    {
      const LinliBuilding *b = &buildings[g_array_index (anchors, guint, a)];

      linli_projection_forward (proj, b->lat, b->lon, &xy[2 * a], &xy[2 * a + 1]);
    }
  /* The farthest two buildings can be apart bounds every search. */
  {
    double min_lat, min_lon, max_lat, max_lon;

    if (linli_project_get_bounds (project, &min_lat, &min_lon, &max_lat, &max_lon))
      reach = linli_projection_distance (proj, min_lat, min_lon, max_lat, max_lon) + 1;
  }
  index = linli_point_index_new (xy, anchors->len, 200);
  for (guint k = 0; k < n_targets; k++)
    {
      const LinliBuilding *b = &buildings[targets[k]];
      double x, y;
      int found = -1;

      result[k] = G_MAXUINT;
      if (anchors->len == 0)
        continue;
      linli_projection_forward (proj, b->lat, b->lon, &x, &y);
      /* Look near first: most buildings have a neighbour within a street. */
      for (double r = 200; found < 0; r *= 4)
        {
          found = linli_point_index_nearest (index, x, y, MIN (r, reach));
          if (r >= reach)
            break;
        }
      if (found >= 0)
        result[k] = buildings[g_array_index (anchors, guint, found)].compound;
    }
  linli_point_index_free (index);
  return result;
}

static gboolean
boundary_contains (LinliPolygon *boundary,
                   const LinliBuilding *b)
{
  return boundary != NULL && linli_polygon_contains (boundary, b->lat, b->lon);
}

/* Public API */

/**
 * linli_base_edits_change_buildings:
 * @buildings: (array length=n_buildings): building indices
 * @fields: which fields of @values to set
 * @values: the values; only the fields named in @fields are read
 *
 * Sets the chosen fields of every building in @buildings as one undoable
 * step.  Buildings already so are left out; nothing is recorded if none
 * changes.
 *
 * Returns: whether anything changed
 */
gboolean
linli_base_edits_change_buildings (LinliHistory        *history,
                                   const guint         *buildings,
                                   guint                n_buildings,
                                   LinliBuildingFields  fields,
                                   const LinliBuilding *values)
{
  LinliProject *project = linli_history_get_project (history);
  g_autofree LinliBuilding *after = NULL;
  const char *label;

  g_return_val_if_fail (LINLI_IS_HISTORY (history), FALSE);
  g_return_val_if_fail (values != NULL, FALSE);
  g_return_val_if_fail (!(fields & LINLI_BUILDING_FIELD_COMPOUND) ||
                        values->compound < linli_project_get_n_compounds (project), FALSE);

  after = g_new (LinliBuilding, MAX (n_buildings, 1));
  for (guint k = 0; k < n_buildings; k++)
    {
      g_return_val_if_fail (buildings[k] < linli_project_get_n_buildings (project), FALSE);
      after[k] = *linli_project_get_building (project, buildings[k]);
      if (fields & LINLI_BUILDING_FIELD_NAME)
        after[k].name = values->name ? values->name : "";
      if (fields & LINLI_BUILDING_FIELD_COMPOUND)
        after[k].compound = values->compound;
      if (fields & LINLI_BUILDING_FIELD_HOUSEHOLDS)
        after[k].households = values->households;
      if (fields & LINLI_BUILDING_FIELD_RESIDENTS)
        after[k].residents = values->residents;
      if (fields & LINLI_BUILDING_FIELD_PARTY_MEMBERS)
        {
          /* A count the planner types is known, whatever the source said. */
          after[k].party_members = values->party_members;
          after[k].flags &= ~LINLI_BUILDING_MEMBERS_UNKNOWN;
        }
      if (fields & LINLI_BUILDING_FIELD_ESTIMATED)
        after[k].flags = (after[k].flags & ~LINLI_BUILDING_ESTIMATED) |
                         (values->flags & LINLI_BUILDING_ESTIMATED);
      if (fields & LINLI_BUILDING_FIELD_MEMBERS_UNKNOWN)
        {
          /* An unknown count is stored as 0 so that sums stay lower bounds. */
          after[k].flags = (after[k].flags & ~LINLI_BUILDING_MEMBERS_UNKNOWN) |
                           (values->flags & LINLI_BUILDING_MEMBERS_UNKNOWN);
          if (after[k].flags & LINLI_BUILDING_MEMBERS_UNKNOWN)
            after[k].party_members = 0;
        }
    }
  if (fields == LINLI_BUILDING_FIELD_COMPOUND)
    label = n_buildings == 1 ? _("Move Building to Compound") : _("Move Buildings to Compound");
  else
    label = n_buildings == 1 ? _("Edit Building") : _("Edit Buildings");
  return push_buildings (history, label, buildings, n_buildings, after);
}

/**
 * linli_base_edits_add_community:
 * @name: what it is called
 *
 * Returns: the index of the new community, the last
 */
guint
linli_base_edits_add_community (LinliHistory *history,
                                const char   *name)
{
  LinliProject *project = linli_history_get_project (history);
  g_autofree char *id = new_entry_id (project, FALSE);
  guint index = linli_project_get_n_communities (project);

  push_entry (history, _("New Community"), FALSE, index, NULL, entry_new (id, name, 0));
  return index;
}

void
linli_base_edits_rename_community (LinliHistory *history,
                                   guint         community,
                                   const char   *name)
{
  LinliProject *project = linli_history_get_project (history);
  Entry *after;

  g_return_if_fail (community < linli_project_get_n_communities (project));

  if (g_strcmp0 (linli_project_get_community (project, community)->name, name ? name : "") == 0)
    return;
  after = entry_dup (project, FALSE, community);
  g_free (after->name);
  after->name = g_strdup (name ? name : "");
  push_entry (history, _("Rename Community"), FALSE, community, entry_dup (project, FALSE, community), after);
}

/**
 * linli_base_edits_remove_community:
 *
 * Deletes a community that has no compound, boundary, grid or party
 * committee.  The boundaries, grids and committees of later communities
 * follow it.
 *
 * Returns: %TRUE if it was deleted, or %FALSE with @error saying why not
 */
gboolean
linli_base_edits_remove_community (LinliHistory  *history,
                                   guint          community,
                                   GError       **error)
{
  LinliProject *project = linli_history_get_project (history);
  LinliGrids *grids = linli_project_get_grids (project);
  g_autofree guint *committees = NULL;
  guint n_committees = 0;
  const LinliCommunity *c;

  g_return_val_if_fail (community < linli_project_get_n_communities (project), FALSE);

  c = linli_project_get_community (project, community);
  for (guint k = 0; k < linli_project_get_n_compounds (project); k++)
    if (linli_project_get_compound (project, k)->community == community)
      {
        g_set_error (error, LINLI_BASE_ERROR, LINLI_BASE_ERROR_NOT_EMPTY,
                     _("Community “%s” still has compounds"), c->name);
        return FALSE;
      }
  if (linli_grids_get_community_boundary (grids, community) != NULL)
    {
      g_set_error (error, LINLI_BASE_ERROR, LINLI_BASE_ERROR_NOT_EMPTY,
                   _("Community “%s” has a boundary; remove it first"), c->name);
      return FALSE;
    }
  for (guint g = 0; g < linli_grids_get_n_grids (grids); g++)
    if (linli_grid_get_community (linli_grids_get_grid (grids, g)) == community)
      {
        g_set_error (error, LINLI_BASE_ERROR, LINLI_BASE_ERROR_REFERENCED,
                     _("Community “%s” still has grids"), c->name);
        return FALSE;
      }
  committees = linli_org_list_committees (linli_project_get_org (project), &n_committees);
  for (guint k = 0; k < n_committees; k++)
    if (committees[k] == community)
      {
        g_set_error (error, LINLI_BASE_ERROR, LINLI_BASE_ERROR_REFERENCED,
                     _("Community “%s” has a party committee"), c->name);
        return FALSE;
      }
  push_entry (history, _("Delete Community"), FALSE, community, entry_dup (project, FALSE, community), NULL);
  return TRUE;
}

/**
 * linli_base_edits_add_compound:
 * @community: the community it belongs to
 *
 * Returns: the index of the new compound, the last
 */
guint
linli_base_edits_add_compound (LinliHistory *history,
                               const char   *name,
                               guint         community)
{
  LinliProject *project = linli_history_get_project (history);
  g_autofree char *id = new_entry_id (project, TRUE);
  guint index = linli_project_get_n_compounds (project);

  g_return_val_if_fail (community < linli_project_get_n_communities (project), 0);

  push_entry (history, _("New Compound"), TRUE, index, NULL, entry_new (id, name, community));
  return index;
}

/**
 * linli_base_edits_change_compound:
 * @community: the community it belongs to, with all its buildings
 *
 * Renames a compound or moves it to another community, recorded.
 */
void
linli_base_edits_change_compound (LinliHistory *history,
                                  guint         compound,
                                  const char   *name,
                                  guint         community)
{
  LinliProject *project = linli_history_get_project (history);
  const LinliCompound *c;
  Entry *after;

  g_return_if_fail (compound < linli_project_get_n_compounds (project));
  g_return_if_fail (community < linli_project_get_n_communities (project));

  c = linli_project_get_compound (project, compound);
  if (g_strcmp0 (c->name, name ? name : "") == 0 && c->community == community)
    return;
  after = entry_new (c->id, name, community);
  push_entry (history, c->community == community ? _("Rename Compound") : _("Move Compound"), TRUE, compound,
              entry_dup (project, TRUE, compound), after);
}

/**
 * linli_base_edits_remove_compound:
 *
 * Deletes a compound that has no building or boundary and that no party
 * branch serves.  The boundaries and branches of later compounds follow it.
 *
 * Returns: %TRUE if it was deleted, or %FALSE with @error saying why not
 */
gboolean
linli_base_edits_remove_compound (LinliHistory  *history,
                                  guint          compound,
                                  GError       **error)
{
  LinliProject *project = linli_history_get_project (history);
  GListModel *branches = linli_org_get_branches (linli_project_get_org (project));
  const LinliBuilding *buildings = linli_project_get_buildings (project);
  const LinliCompound *c;

  g_return_val_if_fail (compound < linli_project_get_n_compounds (project), FALSE);

  c = linli_project_get_compound (project, compound);
  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    if (buildings[i].compound == compound)
      {
        g_set_error (error, LINLI_BASE_ERROR, LINLI_BASE_ERROR_NOT_EMPTY,
                     _("Compound “%s” still has buildings"), c->name);
        return FALSE;
      }
  if (linli_grids_get_compound_boundary (linli_project_get_grids (project), compound) != NULL)
    {
      g_set_error (error, LINLI_BASE_ERROR, LINLI_BASE_ERROR_NOT_EMPTY,
                   _("Compound “%s” has a boundary; remove it first"), c->name);
      return FALSE;
    }
  for (guint k = 0; k < g_list_model_get_n_items (branches); k++)
    {
      g_autoptr (LinliBranch) branch = g_list_model_get_item (branches, k);

      if (linli_branch_get_kind (branch) == LINLI_BRANCH_COMPOUND && linli_branch_get_compound (branch) == compound)
        {
          g_set_error (error, LINLI_BASE_ERROR, LINLI_BASE_ERROR_REFERENCED,
                       _("Compound “%s” is served by a party branch"), c->name);
          return FALSE;
        }
    }
  push_entry (history, _("Delete Compound"), TRUE, compound, entry_dup (project, TRUE, compound), NULL);
  return TRUE;
}

/**
 * linli_base_edits_set_boundary:
 * @compound: %TRUE for a compound's boundary, %FALSE for a community's
 * @boundary: (nullable): the new boundary, or %NULL to clear it
 *
 * Draws, imports or clears a boundary, recorded; the same step as the
 * grids editor takes, so the two share one history.
 */
void
linli_base_edits_set_boundary (LinliHistory *history,
                               gboolean      compound,
                               guint         index,
                               LinliPolygon *boundary)
{
  linli_grid_edits_set_boundary (history, compound, index, boundary);
}

/**
 * linli_base_edits_assign_compound:
 * @buildings: (array length=n_buildings): building indices
 *
 * Moves the buildings to @compound, as one step.
 *
 * Returns: whether any building moved
 */
gboolean
linli_base_edits_assign_compound (LinliHistory *history,
                                  const guint  *buildings,
                                  guint         n_buildings,
                                  guint         compound)
{
  LinliBuilding values = { 0 };

  values.compound = compound;
  return linli_base_edits_change_buildings (history, buildings, n_buildings, LINLI_BUILDING_FIELD_COMPOUND,
                                            &values);
}

/**
 * linli_base_edits_assign_by_boundary:
 * @compounds: %TRUE to go by compounds' boundaries, %FALSE by communities'
 * @buildings: (array length=n_buildings) (nullable): building indices, or
 *   %NULL for every building
 *
 * Each building whose point lies inside a boundary is put in that compound,
 * or in that community.  Where boundaries overlap, the first compound or
 * community in the list wins.  A building that comes to another community
 * goes to the compound of its nearest building already in that community;
 * when the community has no buildings yet, to its first compound, made
 * for it (named after it) if it has none.  All of it is one step.
 *
 * Returns: how many buildings moved
 */
guint
linli_base_edits_assign_by_boundary (LinliHistory *history,
                                     gboolean      compounds,
                                     const guint  *buildings,
                                     guint         n_buildings)
{
  LinliProject *project = linli_history_get_project (history);
  LinliGrids *grids = linli_project_get_grids (project);
  guint n_all = linli_project_get_n_buildings (project);
  g_autoptr (GArray) all = NULL;
  g_autoptr (GArray) moved = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) to = g_array_new (FALSE, FALSE, sizeof (guint));   /* compound, or community */
  g_autofree guint *list = NULL;
  guint n_list = 0;
  guint result = 0;

  if (buildings == NULL)
    {
      all = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_all);
      for (guint i = 0; i < n_all; i++)
        g_array_append_val (all, i);
      buildings = (const guint *) all->data;
      n_buildings = n_all;
    }
  list = linli_grids_list_boundaries (grids, compounds, &n_list);
  for (guint k = 0; k < n_buildings; k++)
    {
      const LinliBuilding *b = linli_project_get_building (project, buildings[k]);
      guint now = compounds ? b->compound : linli_project_building_community (project, buildings[k]);

      for (guint j = 0; j < n_list; j++)
        {
          LinliPolygon *boundary = compounds ? linli_grids_get_compound_boundary (grids, list[j])
                                             : linli_grids_get_community_boundary (grids, list[j]);

          if (boundary_contains (boundary, b))
            {
              if (list[j] != now)
                {
                  g_array_append_val (moved, buildings[k]);
                  g_array_append_val (to, list[j]);
                }
              break;
            }
        }
    }
  if (moved->len == 0)
    return 0;

  if (compounds)
    {
      g_autofree LinliBuilding *after = g_new (LinliBuilding, moved->len);

      for (guint k = 0; k < moved->len; k++)
        {
          after[k] = *linli_project_get_building (project, g_array_index (moved, guint, k));
          after[k].compound = g_array_index (to, guint, k);
        }
      return push_buildings (history, _("Assign Buildings by Boundary"), (const guint *) moved->data,
                             moved->len, after) ? moved->len : 0;
    }

  /* By community: each community's newcomers join its nearest compound. */
  linli_history_begin_group (history, _("Assign Buildings by Boundary"));
  {
    guint n_communities = linli_project_get_n_communities (project);
    g_autofree LinliBuilding *after = g_new (LinliBuilding, moved->len);
    g_autofree guint *target = g_new (guint, moved->len);

    for (guint k = 0; k < moved->len; k++)
      target[k] = G_MAXUINT;
    for (guint c = 0; c < n_communities; c++)
      {
        g_autoptr (GArray) mine = g_array_new (FALSE, FALSE, sizeof (guint));
        g_autoptr (GArray) slot = g_array_new (FALSE, FALSE, sizeof (guint));
        g_autofree guint *nearest = NULL;
        guint fallback = G_MAXUINT;

        for (guint k = 0; k < moved->len; k++)
          if (g_array_index (to, guint, k) == c)
            {
              g_array_append_val (mine, g_array_index (moved, guint, k));
              g_array_append_val (slot, k);
            }
        if (mine->len == 0)
          continue;
        nearest = nearest_compounds (project, (const guint *) mine->data, mine->len, c);
        for (guint j = 0; j < mine->len; j++)
          {
            if (nearest[j] == G_MAXUINT)
              {
                if (fallback == G_MAXUINT)
                  for (guint k = 0; k < linli_project_get_n_compounds (project) && fallback == G_MAXUINT; k++)
                    if (linli_project_get_compound (project, k)->community == c)
                      fallback = k;
                if (fallback == G_MAXUINT)
                  fallback = linli_base_edits_add_compound (history, linli_project_get_community (project, c)->name,
                                                            c);
                nearest[j] = fallback;
              }
            target[g_array_index (slot, guint, j)] = nearest[j];
          }
      }
    for (guint k = 0; k < moved->len; k++)
      {
        after[k] = *linli_project_get_building (project, g_array_index (moved, guint, k));
        after[k].compound = target[k];
      }
    if (push_buildings (history, _("Assign Buildings by Boundary"), (const guint *) moved->data, moved->len,
                        after))
      result = moved->len;
  }
  linli_history_end_group (history);
  return result;
}

/**
 * linli_base_edits_assign_nearest:
 * @buildings: (array length=n_buildings): building indices
 *
 * Puts each building in the compound of its nearest building outside
 * @buildings, as one step: for buildings imported without a compound, or
 * left in the wrong one.
 *
 * Returns: how many buildings moved
 */
guint
linli_base_edits_assign_nearest (LinliHistory *history,
                                 const guint  *buildings,
                                 guint         n_buildings)
{
  LinliProject *project = linli_history_get_project (history);
  g_autofree guint *nearest = NULL;
  g_autofree LinliBuilding *after = NULL;
  guint moved = 0;

  if (n_buildings == 0)
    return 0;
  nearest = nearest_compounds (project, buildings, n_buildings, G_MAXUINT);
  after = g_new (LinliBuilding, n_buildings);
  for (guint k = 0; k < n_buildings; k++)
    {
      after[k] = *linli_project_get_building (project, buildings[k]);
      if (nearest[k] != G_MAXUINT && nearest[k] != after[k].compound)
        {
          after[k].compound = nearest[k];
          moved++;
        }
    }
  if (!push_buildings (history, _("Assign Buildings to Nearest Compound"), buildings, n_buildings, after))
    return 0;
  return moved;
}

/**
 * linli_base_edits_set_district_name:
 *
 * Renames the district the project plans, recorded: the name heads the
 * window, the report and the meeting view.
 */
void
linli_base_edits_set_district_name (LinliHistory *history,
                                    const char   *name)
{
  LinliProject *project = linli_history_get_project (history);
  NameEdit *edit;

  if (name == NULL)
    name = "";
  if (g_strcmp0 (linli_project_get_name (project), name) == 0)
    return;
  edit = linli_edit_new (&name_edit_class, _("Rename District"));
  edit->name[0] = g_strdup (linli_project_get_name (project));
  edit->name[1] = g_strdup (name);
  linli_history_push (history, (LinliEdit *) edit, TRUE);
}
