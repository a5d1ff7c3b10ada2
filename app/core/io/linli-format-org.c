/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-format"

#include "config.h"

#include "linli-format-private.h"

#include "linli-grids.h"
#include "linli-org.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The <organisation> section: the committees' secretaries, the branches,
 * the building party groups (each listing its buildings by id) and the
 * member households with plaques, in that order, since what comes later
 * refers to what came before.  Every reference must resolve: a committee
 * to a community, a branch to a compound or to a grid (grids are read
 * before this section), a group to a branch defined before it and to
 * buildings, a member household to a building.  A grid branch may name no
 * grid yet (one whose grid was deleted is saved so).  The section is left
 * out when the organisation is empty.
 */

#define MAX_BRANCH_MEMBERS 100000u   /* party members on one branch's roll */

enum
{
  STAGE_COMMITTEE,
  STAGE_BRANCH,
  STAGE_GROUP,
  STAGE_HOUSEHOLD,
};

/* What one read of the section keeps between its elements. */
typedef struct
{
  LinliFormatReader *l;
  LinliOrg          *org;
  guint              stage;
  GHashTable        *committees;   /* community index, seen */
  GHashTable        *grid_ids;     /* grid id → position + 1, made when a grid branch comes */
  GHashTable        *group_buildings;  /* building index, seen in the group being read */
  GArray            *buildings;    /* guint: of the group being read */
} OrgReader;

/* Reading */

static gboolean
check_stage (OrgReader  *r,
             guint       stage,
             const char *element)
{
  if (stage < r->stage)
    return fail (r->l, LINLI_FORMAT_ERROR_INVALID,
                 _("<%s> comes too late in <organisation> (committees, branches, party groups and member "
                   "households come in that order)"), element);
  r->stage = stage;
  return TRUE;
}

static int
find_building (OrgReader  *r,
               const char *id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (r->l->building_ids, id)) - 1;
}

static gboolean
parse_committee (OrgReader *r)
{
  LinliFormatReader *l = r->l;
  static const char *const names[] = { "community", "secretary", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  gboolean ok = check_stage (r, STAGE_COMMITTEE, "committee") && _linli_format_read_attrs (l, &a) &&
                _linli_format_require (l, &a, 0, "committee") && _linli_format_require (l, &a, 1, "committee") &&
                _linli_format_check_text (l, "secretary", a.values[1], MAX_NAME_LENGTH);
  int community = -1;

  if (ok && (community = linli_project_find_community (l->project, a.values[0])) < 0)
    {
      g_autofree char *q = quote_value (a.values[0]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("<committee> refers to community “%s”, which does not exist"), q);
    }
  if (ok && g_hash_table_contains (r->committees, GINT_TO_POINTER (community)))
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("a second <committee> for community “%s”"), a.values[0]);
  if (ok && a.values[1][0] == '\0')
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("attribute “%s” must not be empty"), "secretary");
  if (ok)
    {
      g_hash_table_add (r->committees, GINT_TO_POINTER (community));
      linli_org_set_secretary (r->org, community, a.values[1]);
      ok = _linli_format_expect_empty (l, "committee");
    }
  _linli_format_attrs_clear (&a);
  return ok;
}

static gboolean
parse_branch (OrgReader *r)
{
  LinliFormatReader *l = r->l;
  enum { ID, NAME, KIND, COMPOUND, GRID, SECRETARY, MEMBERS };
  static const char *const names[] = { "id", "name", "kind", "compound", "grid", "secretary", "members", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  LinliBranchState st = { 0 };
  gboolean ok = check_stage (r, STAGE_BRANCH, "branch") && _linli_format_read_attrs (l, &a) &&
                _linli_format_require (l, &a, ID, "branch") && _linli_format_require (l, &a, KIND, "branch") &&
                _linli_format_check_id (l, "id", a.values[ID]) &&
                (a.values[NAME] == NULL || _linli_format_check_text (l, "name", a.values[NAME], MAX_NAME_LENGTH)) &&
                (a.values[SECRETARY] == NULL ||
                 _linli_format_check_text (l, "secretary", a.values[SECRETARY], MAX_NAME_LENGTH)) &&
                (a.values[MEMBERS] == NULL ||
                 _linli_format_parse_uint (l, "members", a.values[MEMBERS], MAX_BRANCH_MEMBERS, &st.members));

  if (ok && !linli_branch_kind_from_string (a.values[KIND], &st.kind))
    {
      g_autofree char *q = quote_value (a.values[KIND]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("attribute “kind” must be “compound” or “grid”, not “%s”"), q);
    }
  if (ok && linli_org_find_branch (r->org, a.values[ID], NULL) != NULL)
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("duplicate branch id “%s”"), a.values[ID]);
  if (ok && st.kind == LINLI_BRANCH_COMPOUND)
    {
      int compound = -1;

      if (a.values[GRID] != NULL)
        ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("a compound branch has no attribute “grid”"));
      else if (!_linli_format_require (l, &a, COMPOUND, "branch"))
        ok = FALSE;
      else if ((compound = linli_project_find_compound (l->project, a.values[COMPOUND])) < 0)
        {
          g_autofree char *q = quote_value (a.values[COMPOUND]);
          ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                     _("branch “%s” refers to compound “%s”, which does not exist"), a.values[ID], q);
        }
      st.compound = MAX (compound, 0);
    }
  else if (ok)
    {
      if (a.values[COMPOUND] != NULL)
        ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("a grid branch has no attribute “compound”"));
      if (ok && a.values[GRID] != NULL && r->grid_ids == NULL)
        {
          LinliGrids *grids = linli_project_get_grids (l->project);

          /* Looked up once per grid branch: an index rather than a search each time. */
          r->grid_ids = g_hash_table_new (g_str_hash, g_str_equal);
          for (guint g = 0; g < linli_grids_get_n_grids (grids); g++)
            g_hash_table_insert (r->grid_ids, (gpointer) linli_grid_get_id (linli_grids_get_grid (grids, g)),
                                 GUINT_TO_POINTER (g + 1));
        }
      if (ok && a.values[GRID] != NULL && !g_hash_table_contains (r->grid_ids, a.values[GRID]))
        {
          g_autofree char *q = quote_value (a.values[GRID]);
          ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                     _("branch “%s” refers to grid “%s”, which does not exist"), a.values[ID], q);
        }
    }
  if (ok)
    ok = _linli_format_expect_empty (l, "branch");
  if (ok)
    {
      g_autoptr (LinliBranch) branch = NULL;

      st.id = (char *) a.values[ID];
      st.name = (char *) a.values[NAME];
      st.grid = (char *) a.values[GRID];
      st.secretary = (char *) a.values[SECRETARY];
      branch = linli_branch_new (&st);
      linli_org_insert_branch (r->org, G_MAXUINT, branch);
    }
  _linli_format_attrs_clear (&a);
  return ok;
}

/* One <building id="…"/> of a group. */
static gboolean
parse_group_building (OrgReader *r)
{
  LinliFormatReader *l = r->l;
  static const char *const names[] = { "id", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  gboolean ok = _linli_format_read_attrs (l, &a) && _linli_format_require (l, &a, 0, "building");
  int building = -1;

  if (ok && (building = find_building (r, a.values[0])) < 0)
    {
      g_autofree char *q = quote_value (a.values[0]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("<party-group> lists building “%s”, which does not exist"), q);
    }
  if (ok && !g_hash_table_add (r->group_buildings, GINT_TO_POINTER (building + 1)))
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("<party-group> lists building “%s” twice"), a.values[0]);
  if (ok)
    {
      guint index = building;

      g_array_append_val (r->buildings, index);
      ok = _linli_format_expect_empty (l, "building");
    }
  _linli_format_attrs_clear (&a);
  return ok;
}

static gboolean
parse_group (OrgReader *r)
{
  LinliFormatReader *l = r->l;
  enum { ID, NAME, BRANCH, LEADER };
  static const char *const names[] = { "id", "name", "branch", "leader", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  LinliPartyGroupState st = { 0 };
  gboolean ok = check_stage (r, STAGE_GROUP, "party-group") && _linli_format_read_attrs (l, &a) &&
                _linli_format_require (l, &a, ID, "party-group") && _linli_format_check_id (l, "id", a.values[ID]) &&
                (a.values[NAME] == NULL || _linli_format_check_text (l, "name", a.values[NAME], MAX_NAME_LENGTH)) &&
                (a.values[LEADER] == NULL ||
                 _linli_format_check_text (l, "leader", a.values[LEADER], MAX_NAME_LENGTH));
  gboolean empty;
  int type;

  if (ok && linli_org_find_group (r->org, a.values[ID], NULL) != NULL)
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("duplicate party group id “%s”"), a.values[ID]);
  if (ok && a.values[BRANCH] != NULL && linli_org_find_branch (r->org, a.values[BRANCH], NULL) == NULL)
    {
      g_autofree char *q = quote_value (a.values[BRANCH]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                 _("party group “%s” refers to branch “%s”, which is not defined before it"), a.values[ID], q);
    }
  if (!ok)
    {
      _linli_format_attrs_clear (&a);
      return FALSE;
    }

  /* The attributes are gone once the reader moves on to the buildings. */
  st.id = g_strdup (a.values[ID]);
  st.name = g_strdup (a.values[NAME]);
  st.branch = g_strdup (a.values[BRANCH]);
  st.leader = g_strdup (a.values[LEADER]);
  _linli_format_attrs_clear (&a);

  g_array_set_size (r->buildings, 0);
  g_hash_table_remove_all (r->group_buildings);
  empty = xmlTextReaderIsEmptyElement (l->x.reader);
  while (ok && !empty)
    {
      ok = read_node (l, &type);
      if (!ok || type == XML_READER_TYPE_END_ELEMENT)
        break;
      if (type != XML_READER_TYPE_ELEMENT || g_strcmp0 (_linli_format_node_name (l), "building") != 0)
        ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("<party-group> may hold only <building> elements"));
      else
        ok = parse_group_building (r);
    }
  if (ok)
    {
      g_autoptr (LinliPartyGroup) group = NULL;

      st.buildings = (guint *) r->buildings->data;
      st.n_buildings = r->buildings->len;
      group = linli_party_group_new (&st);
      linli_org_insert_group (r->org, G_MAXUINT, group);
    }
  st.buildings = NULL;
  linli_party_group_state_clear (&st);
  return ok;
}

static gboolean
parse_household (OrgReader *r)
{
  LinliFormatReader *l = r->l;
  enum { ID, BUILDING, ROOM, NAME };
  static const char *const names[] = { "id", "building", "room", "name", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  LinliMemberHouseholdState st = { 0 };
  gboolean ok = check_stage (r, STAGE_HOUSEHOLD, "member-household") && _linli_format_read_attrs (l, &a) &&
                _linli_format_require (l, &a, ID, "member-household") &&
                _linli_format_require (l, &a, BUILDING, "member-household") &&
                _linli_format_check_id (l, "id", a.values[ID]) &&
                (a.values[ROOM] == NULL || _linli_format_check_text (l, "room", a.values[ROOM], MAX_NAME_LENGTH)) &&
                (a.values[NAME] == NULL || _linli_format_check_text (l, "name", a.values[NAME], MAX_NAME_LENGTH));
  int building = -1;

  if (ok && linli_org_find_household (r->org, a.values[ID], NULL) != NULL)
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("duplicate member household id “%s”"), a.values[ID]);
  if (ok && (building = find_building (r, a.values[BUILDING])) < 0)
    {
      g_autofree char *q = quote_value (a.values[BUILDING]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                 _("member household “%s” refers to building “%s”, which does not exist"), a.values[ID], q);
    }
  if (ok)
    ok = _linli_format_expect_empty (l, "member-household");
  if (ok)
    {
      g_autoptr (LinliMemberHousehold) household = NULL;

      st.id = (char *) a.values[ID];
      st.building = building;
      st.room = (char *) a.values[ROOM];
      st.name = (char *) a.values[NAME];
      household = linli_member_household_new (&st);
      linli_org_insert_household (r->org, G_MAXUINT, household);
    }
  _linli_format_attrs_clear (&a);
  return ok;
}

static gboolean
read_org (LinliFormatReader *l)
{
  static const char *const no_names[] = { NULL };
  LinliFormatAttrs a = { no_names, { NULL } };
  OrgReader r = { l, linli_project_get_org (l->project), STAGE_COMMITTEE };
  gboolean ok = _linli_format_read_attrs (l, &a);
  int type;

  if (!ok || xmlTextReaderIsEmptyElement (l->x.reader))
    return ok;
  r.committees = g_hash_table_new (NULL, NULL);
  r.group_buildings = g_hash_table_new (NULL, NULL);
  r.buildings = g_array_new (FALSE, FALSE, sizeof (guint));
  while (ok)
    {
      const char *name;

      ok = read_node (l, &type);
      if (!ok || type == XML_READER_TYPE_END_ELEMENT)
        break;
      if (type != XML_READER_TYPE_ELEMENT)
        {
          ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("unexpected text in <%s>"), "organisation");
          break;
        }
      name = _linli_format_node_name (l);
      if (g_strcmp0 (name, "committee") == 0)
        ok = parse_committee (&r);
      else if (g_strcmp0 (name, "branch") == 0)
        ok = parse_branch (&r);
      else if (g_strcmp0 (name, "party-group") == 0)
        ok = parse_group (&r);
      else if (g_strcmp0 (name, "member-household") == 0)
        ok = parse_household (&r);
      else
        ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("unexpected <%s> in <%s>"), name, "organisation");
    }
  g_hash_table_unref (r.committees);
  g_clear_pointer (&r.grid_ids, g_hash_table_unref);
  g_hash_table_unref (r.group_buildings);
  g_array_unref (r.buildings);
  return ok;
}

/* Writing */

static gboolean
write_org (LinliFormatWriter *w,
           LinliProject      *project)
{
  LinliOrg *org = linli_project_get_org (project);
  GListModel *branches = linli_org_get_branches (org);
  GListModel *groups = linli_org_get_groups (org);
  GListModel *households = linli_org_get_households (org);
  LinliGrids *grids = linli_project_get_grids (project);
  guint n_buildings = linli_project_get_n_buildings (project);
  GString *out = w->out;
  g_autofree guint *committees = NULL;
  guint n;

  if (linli_org_is_empty (org))
    return TRUE;

  /* The file keeps names whether or not they are hidden: hiding is how
   * they are shown, not what the project holds. */
  g_string_append (out, "  <organisation>\n");
  committees = linli_org_list_committees (org, &n);
  for (guint i = 0; i < n; i++)
    {
      g_string_append (out, "    <committee");
      _linli_format_append_attr (out, "community", linli_project_get_community (project, committees[i])->id);
      _linli_format_append_attr (out, "secretary", linli_org_get_secretary (org, committees[i]));
      g_string_append (out, "/>\n");
    }
  n = g_list_model_get_n_items (branches);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (LinliBranch) branch = g_list_model_get_item (branches, i);
      const LinliBranchState *s = linli_branch_get_state (branch);

      /* The edits refuse a compound that does not exist; a program's
       * mistake is not saved into a file the loader would refuse. */
      if (s->kind == LINLI_BRANCH_COMPOUND && s->compound >= linli_project_get_n_compounds (project))
        continue;
      g_string_append (out, "    <branch");
      _linli_format_append_attr (out, "id", s->id);
      if (s->name != NULL)
        _linli_format_append_attr (out, "name", s->name);
      _linli_format_append_attr (out, "kind", linli_branch_kind_to_string (s->kind));
      if (s->kind == LINLI_BRANCH_COMPOUND)
        _linli_format_append_attr (out, "compound", linli_project_get_compound (project, s->compound)->id);
      else if (s->grid != NULL && linli_grids_find (grids, s->grid, NULL) != NULL)
        _linli_format_append_attr (out, "grid", s->grid);
      if (s->secretary != NULL)
        _linli_format_append_attr (out, "secretary", s->secretary);
      g_string_append_printf (out, " members=\"%u\"/>\n", s->members);
    }
  n = g_list_model_get_n_items (groups);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (LinliPartyGroup) group = g_list_model_get_item (groups, i);
      const LinliPartyGroupState *s = linli_party_group_get_state (group);

      g_string_append (out, "    <party-group");
      _linli_format_append_attr (out, "id", s->id);
      if (s->name != NULL)
        _linli_format_append_attr (out, "name", s->name);
      if (s->branch != NULL)
        _linli_format_append_attr (out, "branch", s->branch);
      if (s->leader != NULL)
        _linli_format_append_attr (out, "leader", s->leader);
      if (s->n_buildings == 0)
        {
          g_string_append (out, "/>\n");
          continue;
        }
      g_string_append (out, ">");
      for (guint k = 0; k < s->n_buildings; k++)
        {
          if (s->buildings[k] >= n_buildings)
            continue;
          g_string_append (out, "<building");
          _linli_format_append_attr (out, "id", linli_project_get_building (project, s->buildings[k])->id);
          g_string_append (out, "/>");
        }
      g_string_append (out, "</party-group>\n");
      if (!_linli_format_writer_step (w))
        return FALSE;
    }
  n = g_list_model_get_n_items (households);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (LinliMemberHousehold) household = g_list_model_get_item (households, i);
      const LinliMemberHouseholdState *s = linli_member_household_get_state (household);

      if (s->building >= n_buildings)
        continue;
      g_string_append (out, "    <member-household");
      _linli_format_append_attr (out, "id", s->id);
      _linli_format_append_attr (out, "building", linli_project_get_building (project, s->building)->id);
      if (s->room != NULL)
        _linli_format_append_attr (out, "room", s->room);
      if (s->name != NULL)
        _linli_format_append_attr (out, "name", s->name);
      g_string_append (out, "/>\n");
      if (!_linli_format_writer_step (w))
        return FALSE;
    }
  g_string_append (out, "  </organisation>\n");
  return TRUE;
}

/* Sections */

const LinliFormatSection _linli_format_org_section = { "organisation", read_org, write_org };
