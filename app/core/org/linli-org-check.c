/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-check"

#include "config.h"

#include "linli-org-check.h"

#include "linli-grids.h"
#include "linli-org.h"

#include <glib/gi18n-lib.h>

/* The checks walk each list once: the buildings, compounds, grids,
 * branches, groups and member households, with arrays indexed by building,
 * compound and grid position for what one list learns about another. */

/* Auxiliary methods */

static const char *
building_label (const LinliBuilding *b)
{
  return b->name != NULL && b->name[0] != '\0' ? b->name : b->id;
}

static const char *
compound_label (const LinliCompound *c)
{
  return c->name != NULL && c->name[0] != '\0' ? c->name : c->id;
}

static const char *
named (const char *name,
       const char *id)
{
  return name != NULL && name[0] != '\0' ? name : id;
}

static LinliViolation *
add (GPtrArray     *list,
     const char    *rule,
     LinliSeverity  severity,
     int            community,
     LinliSubject   subject,
     guint          index,
     const char    *id,
     char          *message)
{
  LinliViolation *v = linli_violation_new (rule, severity, community, subject, index, id, message);

  g_ptr_array_add (list, v);
  return v;
}

/* The mean position of some of the project's buildings. */
typedef struct
{
  double lat, lon;
  guint  n;
} Mean;

static void
mean_add (Mean                *mean,
          const LinliBuilding *b)
{
  mean->lat += b->lat;
  mean->lon += b->lon;
  mean->n++;
}

static void
mean_place (const Mean     *mean,
            LinliViolation *v)
{
  if (mean->n > 0)
    linli_violation_set_position (v, mean->lat / mean->n, mean->lon / mean->n);
}

/* Public API */

/**
 * linli_org_figures_share:
 *
 * Returns: @part over @whole, 0 when @whole is 0
 */
double
linli_org_figures_share (guint part,
                         guint whole)
{
  return whole > 0 ? (double) part / whole : 0;
}

/**
 * linli_org_figures_member_share:
 * @figures: counts over a community or the district
 *
 * The share of buildings with a party member among those whose members
 * are known: a building the data gave no members for is not taken for
 * one without.
 *
 * Returns: the share, 0 when no building's members are known
 */
double
linli_org_figures_member_share (const LinliOrgFigures *figures)
{
  g_return_val_if_fail (figures != NULL, 0);
  g_return_val_if_fail (figures->buildings_members_unknown <= figures->buildings, 0);

  return linli_org_figures_share (figures->buildings_with_member,
                                  figures->buildings - figures->buildings_members_unknown);
}

/**
 * linli_chain_status_to_string:
 *
 * Returns: "complete", "missing-group", "no-member" or "members-unknown",
 *   not translated
 */
const char *
linli_chain_status_to_string (LinliChainStatus status)
{
  switch (status)
    {
    case LINLI_CHAIN_COMPLETE: return "complete";
    case LINLI_CHAIN_MISSING_GROUP: return "missing-group";
    case LINLI_CHAIN_MEMBERS_UNKNOWN: return "members-unknown";
    default: return "no-member";
    }
}

void
linli_org_check_free (LinliOrgCheck *check)
{
  if (check == NULL)
    return;
  g_clear_pointer (&check->violations, g_ptr_array_unref);
  g_free (check->communities);
  g_free (check->chain);
  g_free (check);
}

/**
 * linli_org_check:
 * @building_grid: (nullable) (array): for each building, the position of
 *   its grid in linli_grids_get_list(), or -1 for none; %NULL when which
 *   building lies in which grid is not known
 *
 * Checks the organisation chain against the rules in linli-org-check.h,
 * counts the figures per community and for the district, and gives each
 * building its chain status.
 *
 * Returns: (transfer full): the violations, figures and statuses
 */
LinliOrgCheck *
linli_org_check (LinliProject *project,
                 const int    *building_grid)
{
  LinliOrg *org = linli_project_get_org (project);
  LinliGrids *grids = linli_project_get_grids (project);
  GListModel *branches = linli_org_get_branches (org);
  GListModel *groups = linli_org_get_groups (org);
  GListModel *households = linli_org_get_households (org);
  guint n_buildings = linli_project_get_n_buildings (project);
  guint n_compounds = linli_project_get_n_compounds (project);
  guint n_communities = linli_project_get_n_communities (project);
  guint n_grids = linli_grids_get_n_grids (grids);
  guint n_branches = g_list_model_get_n_items (branches);
  guint n_groups = g_list_model_get_n_items (groups);
  guint n_households = g_list_model_get_n_items (households);
  const LinliBuilding *buildings = linli_project_get_buildings (project);
  LinliOrgCheck *check = g_new0 (LinliOrgCheck, 1);
  GPtrArray *list = linli_violation_list_new ();
  g_autofree guint8 *in_group = g_new0 (guint8, n_buildings + 1);
  g_autofree guint8 *has_household = g_new0 (guint8, n_buildings + 1);
  g_autofree guint8 *compound_branch = g_new0 (guint8, n_compounds + 1);
  g_autofree guint8 *compound_unattached = g_new0 (guint8, n_compounds + 1);
  g_autofree guint64 *compound_members = g_new0 (guint64, n_compounds + 1);
  g_autofree guint8 *compound_unknown = g_new0 (guint8, n_compounds + 1);
  g_autofree Mean *compound_mean = g_new0 (Mean, n_compounds + 1);
  g_autofree guint8 *grid_branch = g_new0 (guint8, n_grids + 1);
  g_autofree Mean *grid_mean = g_new0 (Mean, n_grids + 1);
  g_autoptr (GHashTable) served_grids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) grid_ids = g_hash_table_new (g_str_hash, g_str_equal);

  check->violations = list;
  check->n_communities = n_communities;
  check->communities = g_new0 (LinliOrgFigures, n_communities + 1);
  check->n_buildings = n_buildings;
  check->chain = g_new0 (guint8, n_buildings + 1);

  for (guint g = 0; g < n_grids; g++)
    g_hash_table_insert (grid_ids, (gpointer) linli_grid_get_id (linli_grids_get_grid (grids, g)),
                         GUINT_TO_POINTER (g + 1));

  /* Branches: which compounds and grids they serve. */
  for (guint i = 0; i < n_branches; i++)
    {
      g_autoptr (LinliBranch) branch = g_list_model_get_item (branches, i);
      const LinliBranchState *s = linli_branch_get_state (branch);
      const char *label = named (s->name, s->id);

      if (s->kind == LINLI_BRANCH_COMPOUND && s->compound < n_compounds)
        compound_branch[s->compound] = TRUE;
      else if (s->kind == LINLI_BRANCH_GRID && s->grid != NULL && g_hash_table_contains (grid_ids, s->grid))
        g_hash_table_add (served_grids, s->grid);
      else if (s->kind == LINLI_BRANCH_COMPOUND)
        add (list, "dangling-reference", LINLI_SEVERITY_ERROR, -1, LINLI_SUBJECT_BRANCH, i, s->id,
             g_strdup_printf (_("Branch “%s” serves a compound that does not exist"), label));
      else if (s->grid == NULL)
        add (list, "dangling-reference", LINLI_SEVERITY_ERROR, -1, LINLI_SUBJECT_BRANCH, i, s->id,
             g_strdup_printf (_("Grid branch “%s” serves no grid"), label));
      else
        add (list, "dangling-reference", LINLI_SEVERITY_ERROR, -1, LINLI_SUBJECT_BRANCH, i, s->id,
             g_strdup_printf (_("Branch “%s” serves grid “%s”, which does not exist"), label, s->grid));
    }

  /* Groups and member households: which buildings they reach. */
  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr (LinliPartyGroup) group = g_list_model_get_item (groups, i);
      const LinliPartyGroupState *s = linli_party_group_get_state (group);
      const char *label = named (s->name, s->id);
      gboolean dangling = FALSE;

      for (guint k = 0; k < s->n_buildings; k++)
        if (s->buildings[k] < n_buildings)
          in_group[s->buildings[k]] = TRUE;
        else
          dangling = TRUE;
      if (dangling)
        add (list, "dangling-reference", LINLI_SEVERITY_ERROR, -1, LINLI_SUBJECT_PARTY_GROUP, i, s->id,
             g_strdup_printf (_("Party group “%s” lists a building that does not exist"), label));
      if (s->branch != NULL && linli_org_find_branch (org, s->branch, NULL) == NULL)
        add (list, "dangling-reference", LINLI_SEVERITY_ERROR, -1, LINLI_SUBJECT_PARTY_GROUP, i, s->id,
             g_strdup_printf (_("Party group “%s” belongs to branch “%s”, which does not exist"), label,
                              s->branch));
    }
  for (guint i = 0; i < n_households; i++)
    {
      g_autoptr (LinliMemberHousehold) household = g_list_model_get_item (households, i);
      const LinliMemberHouseholdState *s = linli_member_household_get_state (household);

      if (s->building < n_buildings)
        has_household[s->building] = TRUE;
      else
        add (list, "dangling-reference", LINLI_SEVERITY_ERROR, -1, LINLI_SUBJECT_MEMBER_HOUSEHOLD, i, s->id,
             g_strdup_printf (_("Member household “%s” lives in a building that does not exist"), s->id));
    }

  /* Grids: whether a branch serves them. */
  for (guint g = 0; g < n_grids; g++)
    {
      LinliGrid *grid = linli_grids_get_grid (grids, g);
      const char *own = linli_grid_get_branch (grid);

      grid_branch[g] = g_hash_table_contains (served_grids, linli_grid_get_id (grid)) ||
                       (own != NULL && linli_org_find_branch (org, own, NULL) != NULL);
    }

  /* Buildings: figures, statuses, and what compounds and grids gather. */
  for (guint b = 0; b < n_buildings; b++)
    {
      const LinliBuilding *building = &buildings[b];
      guint compound = building->compound;
      guint community = linli_project_get_compound (project, compound)->community;
      LinliOrgFigures *f = &check->communities[community];
      int grid = building_grid != NULL ? building_grid[b] : -1;

      compound_members[compound] += building->party_members;
      compound_unknown[compound] |= (building->flags & LINLI_BUILDING_MEMBERS_UNKNOWN) != 0;
      mean_add (&compound_mean[compound], building);
      if (grid >= 0 && (guint) grid < n_grids)
        mean_add (&grid_mean[grid], building);
      if (building_grid == NULL || grid < 0 || (guint) grid >= n_grids || !grid_branch[grid])
        compound_unattached[compound] = TRUE;

      f->buildings++;
      f->buildings_with_group += in_group[b];
      /* A building whose members are not known is neither with nor
       * without a member: it stays out of the share's whole. */
      if (building->party_members == 0 && (building->flags & LINLI_BUILDING_MEMBERS_UNKNOWN))
        {
          f->buildings_members_unknown++;
          check->chain[b] = LINLI_CHAIN_MEMBERS_UNKNOWN;
        }
      else if (building->party_members == 0)
        check->chain[b] = LINLI_CHAIN_NO_MEMBER;
      else
        {
          f->buildings_with_member++;
          check->chain[b] = in_group[b] ? LINLI_CHAIN_COMPLETE : LINLI_CHAIN_MISSING_GROUP;
        }
    }

  /* Compounds. */
  for (guint c = 0; c < n_compounds; c++)
    {
      const LinliCompound *compound = linli_project_get_compound (project, c);
      LinliOrgFigures *f = &check->communities[compound->community];
      gboolean attached = compound_mean[c].n > 0 && !compound_unattached[c];
      gboolean has_branch = compound_branch[c] || attached;

      f->compounds++;
      f->compounds_with_branch += has_branch;
      if (!has_branch && compound_members[c] >= 3)
        {
          LinliViolation *v =
            add (list, "compound-no-branch", LINLI_SEVERITY_ERROR, compound->community, LINLI_SUBJECT_COMPOUND,
                 c, compound->id,
                 /* With some buildings' members unknown, the count is a lower bound. */
                 g_strdup_printf (compound_unknown[c]
                                  ? _("Compound “%s” has at least %u party members but no branch, "
                                      "and is not in grids that have one")
                                  : _("Compound “%s” has %u party members but no branch, "
                                      "and is not in grids that have one"),
                                  compound_label (compound), (guint) MIN (compound_members[c], G_MAXUINT)));

          mean_place (&compound_mean[c], v);
        }
    }

  /* Grids. */
  for (guint g = 0; g < n_grids; g++)
    {
      LinliGrid *grid = linli_grids_get_grid (grids, g);
      const char *label = named (linli_grid_get_name (grid), linli_grid_get_id (grid));
      const char *worker = linli_grid_get_worker (grid);
      guint community = linli_grid_get_community (grid);
      int c = community < n_communities ? (int) community : -1;
      LinliViolation *v[2] = { NULL, NULL };

      if (!grid_branch[g])
        v[0] = add (list, "grid-no-branch", LINLI_SEVERITY_ERROR, c, LINLI_SUBJECT_GRID, g,
                    linli_grid_get_id (grid), g_strdup_printf (_("Grid “%s” has no party branch"), label));
      if (worker == NULL || worker[0] == '\0')
        v[1] = add (list, "grid-no-worker", LINLI_SEVERITY_WARNING, c, LINLI_SUBJECT_GRID, g,
                    linli_grid_get_id (grid), g_strdup_printf (_("Grid “%s” has no grid worker"), label));
      for (guint k = 0; k < 2; k++)
        if (v[k] != NULL && linli_grid_get_polygon (grid) != NULL)
          {
            double lat, lon;

            linli_polygon_centroid (linli_grid_get_polygon (grid), linli_project_get_projection (project),
                                    &lat, &lon);
            linli_violation_set_position (v[k], lat, lon);
          }
        else if (v[k] != NULL)
          mean_place (&grid_mean[g], v[k]);
    }

  /* Groups. */
  for (guint i = 0; i < n_groups; i++)
    {
      g_autoptr (LinliPartyGroup) group = g_list_model_get_item (groups, i);
      const LinliPartyGroupState *s = linli_party_group_get_state (group);
      const char *label = named (s->name, s->id);
      gboolean household = FALSE;
      int community = -1;
      Mean mean = { 0 };

      for (guint k = 0; k < s->n_buildings; k++)
        if (s->buildings[k] < n_buildings)
          {
            household |= has_household[s->buildings[k]];
            mean_add (&mean, &buildings[s->buildings[k]]);
            if (community < 0)
              community = (int) linli_project_building_community (project, s->buildings[k]);
          }
      if (s->leader == NULL || s->leader[0] == '\0')
        mean_place (&mean, add (list, "group-no-leader", LINLI_SEVERITY_ERROR, community,
                                LINLI_SUBJECT_PARTY_GROUP, i, s->id,
                                g_strdup_printf (_("Party group “%s” has no leader"), label)));
      if (!household && s->leader != NULL && s->leader[0] != '\0')
        mean_place (&mean, add (list, "group-no-household", LINLI_SEVERITY_WARNING, community,
                                LINLI_SUBJECT_PARTY_GROUP, i, s->id,
                                g_strdup_printf (_("Party group “%s” (leader %s) has no member household "
                                                   "with a plaque"),
                                                 label, linli_project_person (project, s->leader))));
      else if (!household)
        mean_place (&mean, add (list, "group-no-household", LINLI_SEVERITY_WARNING, community,
                                LINLI_SUBJECT_PARTY_GROUP, i, s->id,
                                g_strdup_printf (_("Party group “%s” has no member household with a plaque"),
                                                 label)));
    }

  /* Buildings, last: they are the most. */
  for (guint b = 0; b < n_buildings; b++)
    {
      const LinliBuilding *building = &buildings[b];
      int community = (int) linli_project_get_compound (project, building->compound)->community;
      LinliViolation *v = NULL;

      /* Members the data did not give are not known to be none: said so,
       * so a planner asks rather than takes the building for memberless. */
      if (check->chain[b] == LINLI_CHAIN_MEMBERS_UNKNOWN)
        v = add (list, "building-members-unknown", LINLI_SEVERITY_WARNING, community, LINLI_SUBJECT_BUILDING, b,
                 building->id,
                 g_strdup_printf (_("Building “%s”: party members not known (the imported data did not give them)"),
                                  building_label (building)));
      else if (check->chain[b] == LINLI_CHAIN_NO_MEMBER)
        v = add (list, "building-no-member", LINLI_SEVERITY_WARNING, community, LINLI_SUBJECT_BUILDING, b,
                 building->id, g_strdup_printf (_("Building “%s” has no party member"), building_label (building)));
      else if (check->chain[b] == LINLI_CHAIN_MISSING_GROUP)
        v = add (list, "building-no-group", LINLI_SEVERITY_ERROR, community, LINLI_SUBJECT_BUILDING, b,
                 building->id,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Building “%s” has %u party member but no party group",
                                               "Building “%s” has %u party members but no party group",
                                               building->party_members),
                                  building_label (building), building->party_members));
      if (v != NULL)
        linli_violation_set_position (v, building->lat, building->lon);
    }

  for (guint c = 0; c < n_communities; c++)
    {
      const LinliOrgFigures *f = &check->communities[c];

      check->district.compounds += f->compounds;
      check->district.compounds_with_branch += f->compounds_with_branch;
      check->district.buildings += f->buildings;
      check->district.buildings_with_group += f->buildings_with_group;
      check->district.buildings_with_member += f->buildings_with_member;
      check->district.buildings_members_unknown += f->buildings_members_unknown;
    }
  return check;
}
