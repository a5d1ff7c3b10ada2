/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-org"

#include "config.h"

#include "linli-org-import.h"

#include "linli-grids.h"
#include "linli-number.h"
#include "linli-org-edits.h"
#include "linli-org.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (linli-org-error-quark, linli_org_error)

#define MAX_ID_CHARS       256u    /* what the .linli format accepts */
#define MAX_NAME_CHARS     1024u
#define MAX_BRANCH_MEMBERS 100000u

#define fail_at(error, table, row, ...) \
  linli_csv_set_error ((error), LINLI_ORG_ERROR, LINLI_ORG_ERROR_INVALID, \
                       linli_csv_table_get_display_name (table), linli_csv_table_get_line ((table), (row)), \
                       __VA_ARGS__)

static const char *const field_names[LINLI_ORG_N_FIELDS] = {
  "id", "name", "community", "kind", "compound", "grid", "secretary", "members", "branch", "leader",
  "buildings", "room",
};

/* Headers for each field, without white space and in lower case: exact
 * names first, then parts of names, in the order of this table (the
 * secretary before the name: "书记姓名"). */
static const struct
{
  LinliOrgField field;
  const char   *exact[12];
  const char   *parts[5];
} guesses[] = {
  { LINLI_ORG_FIELD_SECRETARY, { "secretary", "书记", "支部书记", "党委书记", "书记姓名", NULL }, { "书记", NULL } },
  { LINLI_ORG_FIELD_LEADER, { "leader", "组长", "党小组长", "小组长", "组长姓名", NULL }, { "组长", NULL } },
  { LINLI_ORG_FIELD_MEMBERS, { "members", "party-members", "党员数", "党员人数", "党员", NULL }, { "党员数", "人数", NULL } },
  { LINLI_ORG_FIELD_ROOM, { "room", "unit", "单元", "房号", "门牌", "单元房号", "门牌号", "住址", NULL },
    { "单元", "房", NULL } },
  { LINLI_ORG_FIELD_BRANCH, { "branch", "支部", "所属支部", "所属党支部", "党支部", NULL }, { "支部", NULL } },
  { LINLI_ORG_FIELD_KIND, { "kind", "type", "类型", "支部类型", "类别", NULL }, { "类型", NULL } },
  { LINLI_ORG_FIELD_GRID, { "grid", "网格", "所属网格", "网格编号", "网格名称", NULL }, { "网格", NULL } },
  { LINLI_ORG_FIELD_COMPOUND, { "compound", "小区", "所属小区", "小区名称", NULL }, { "小区", NULL } },
  { LINLI_ORG_FIELD_COMMUNITY, { "community", "社区", "所属社区", "社区名称", NULL }, { "社区", NULL } },
  { LINLI_ORG_FIELD_BUILDINGS, { "buildings", "building", "楼栋", "所辖楼栋", "包含楼栋", "所在楼栋", "楼号", NULL },
    { "楼", NULL } },
  { LINLI_ORG_FIELD_ID, { "id", "编号", "代码", NULL }, { "编号", NULL } },
  { LINLI_ORG_FIELD_NAME, { "name", "名称", "姓名", "户主", "户主姓名", "党员姓名", "支部名称", "小组名称", NULL },
    { "名称", "姓名", "name", NULL } },
};

/**
 * linli_org_list_has_field:
 *
 * Returns: whether rows of @list read @field
 */
gboolean
linli_org_list_has_field (LinliOrgList  list,
                          LinliOrgField field)
{
  switch (list)
    {
    case LINLI_ORG_LIST_COMMITTEES:
      return field == LINLI_ORG_FIELD_COMMUNITY || field == LINLI_ORG_FIELD_SECRETARY;
    case LINLI_ORG_LIST_BRANCHES:
      return field == LINLI_ORG_FIELD_ID || field == LINLI_ORG_FIELD_NAME || field == LINLI_ORG_FIELD_KIND ||
             field == LINLI_ORG_FIELD_COMPOUND || field == LINLI_ORG_FIELD_GRID ||
             field == LINLI_ORG_FIELD_SECRETARY || field == LINLI_ORG_FIELD_MEMBERS;
    case LINLI_ORG_LIST_GROUPS:
      return field == LINLI_ORG_FIELD_ID || field == LINLI_ORG_FIELD_NAME || field == LINLI_ORG_FIELD_BRANCH ||
             field == LINLI_ORG_FIELD_LEADER || field == LINLI_ORG_FIELD_BUILDINGS ||
             field == LINLI_ORG_FIELD_COMPOUND;
    case LINLI_ORG_LIST_HOUSEHOLDS:
    default:
      return field == LINLI_ORG_FIELD_ID || field == LINLI_ORG_FIELD_NAME || field == LINLI_ORG_FIELD_BUILDINGS ||
             field == LINLI_ORG_FIELD_ROOM || field == LINLI_ORG_FIELD_COMPOUND;
    }
}

/**
 * linli_org_list_needs_field:
 *
 * Returns: whether no row of @list can be read without a column for
 *   @field (a committee's community, a member household's building)
 */
gboolean
linli_org_list_needs_field (LinliOrgList  list,
                            LinliOrgField field)
{
  return (list == LINLI_ORG_LIST_COMMITTEES && field == LINLI_ORG_FIELD_COMMUNITY) ||
         (list == LINLI_ORG_LIST_HOUSEHOLDS && field == LINLI_ORG_FIELD_BUILDINGS);
}

/**
 * linli_org_field_get_label:
 *
 * The name and the buildings mean something else in each list: a
 * branch's name, a member household's person, a group's buildings, the
 * one building of a household.
 *
 * Returns: the name of @field in @list for people, translated
 */
const char *
linli_org_field_get_label (LinliOrgList  list,
                           LinliOrgField field)
{
  static const char *const labels[LINLI_ORG_N_FIELDS] = {
    N_("Id"), N_("Name"), N_("Community"), N_("Kind (compound or grid)"), N_("Compound"),
    N_("Grid"), N_("Secretary"), N_("Party members"), N_("Branch"), N_("Group leader"),
    N_("Buildings"), N_("Unit and room"),
  };

  g_return_val_if_fail (field < LINLI_ORG_N_FIELDS, NULL);

  if (field == LINLI_ORG_FIELD_NAME && list == LINLI_ORG_LIST_BRANCHES)
    return _("Branch name");
  if (field == LINLI_ORG_FIELD_NAME && list == LINLI_ORG_LIST_GROUPS)
    return _("Group name");
  if (field == LINLI_ORG_FIELD_NAME && list == LINLI_ORG_LIST_HOUSEHOLDS)
    return _("Member’s name");
  if (field == LINLI_ORG_FIELD_BUILDINGS && list == LINLI_ORG_LIST_HOUSEHOLDS)
    return _("Building");
  return _(labels[field]);
}

/**
 * linli_org_list_get_label:
 *
 * Returns: the name of @list for people, translated
 */
const char *
linli_org_list_get_label (LinliOrgList list)
{
  static const char *const labels[] = {
    N_("Community Party Committees"), N_("Party Branches"), N_("Building Party Groups"),
    N_("Member Households"),
  };

  g_return_val_if_fail (list <= LINLI_ORG_LIST_HOUSEHOLDS, NULL);
  return _(labels[list]);
}

const char *
linli_org_field_to_string (LinliOrgField field)
{
  g_return_val_if_fail (field < LINLI_ORG_N_FIELDS, NULL);
  return field_names[field];
}

/**
 * linli_org_field_from_string:
 *
 * Accepts the names linli_org_field_to_string() gives.
 *
 * Returns: %FALSE if @string names no field
 */
gboolean
linli_org_field_from_string (const char    *string,
                             LinliOrgField *field)
{
  for (guint f = 0; f < LINLI_ORG_N_FIELDS; f++)
    if (g_strcmp0 (string, field_names[f]) == 0)
      {
        *field = f;
        return TRUE;
      }
  return FALSE;
}

/**
 * linli_org_list_from_string:
 *
 * Accepts "committees", "branches", "groups" and "households".
 */
gboolean
linli_org_list_from_string (const char   *string,
                            LinliOrgList *list)
{
  static const char *const names[] = { "committees", "branches", "groups", "households" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (string, names[i]) == 0)
      {
        *list = i;
        return TRUE;
      }
  return FALSE;
}

/* Whether NFKC and case folding leave @s as it is but for ASCII capitals:
 * ASCII and CJK unified ideographs only, as most names are.  Normalising
 * is what makes indexing 300,000 buildings slow. */
static gboolean
is_plain_already (const char *s)
{
  for (const char *p = s; *p; )
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        return FALSE;
      /* CJK unified ideographs and extension A. */
      if (c < 0x3400 || (c > 0x4DBF && c < 0x4E00) || c > 0x9FFF)
        return FALSE;
      p = g_utf8_next_char (p);
    }
  return TRUE;
}

/* A header or name as compared: NFKC, case folded, no white space. */
static char *
plain (const char *s)
{
  g_autofree char *n = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (is_plain_already (s))
    {
      out = g_string_sized_new (strlen (s));
      for (const char *p = s; *p; p++)
        if (!g_ascii_isspace (*p))
          g_string_append_c (out, g_ascii_tolower (*p));
      return g_string_free (out, FALSE);
    }
  n = g_utf8_normalize (s, -1, G_NORMALIZE_NFKC);
  folded = g_utf8_casefold (n != NULL ? n : s, -1);
  out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/**
 * linli_org_mapping_guess:
 *
 * Maps the columns of @table to the fields of @list by their headers, in
 * English or Chinese, exact names first and then headers that contain
 * one; each column maps to one field at most.
 */
void
linli_org_mapping_guess (LinliOrgMapping     *mapping,
                         LinliOrgList         list,
                         const LinliCsvTable *table)
{
  guint n = linli_csv_table_get_n_columns (table);
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree gboolean *used = g_new0 (gboolean, n + 1);

  for (guint f = 0; f < LINLI_ORG_N_FIELDS; f++)
    mapping->columns[f] = -1;
  for (guint c = 0; c < n; c++)
    g_ptr_array_add (keys, plain (linli_csv_table_get_header (table, c)));
  for (guint c = 0; c < n; c++)
    for (guint g = 0; g < G_N_ELEMENTS (guesses) && !used[c]; g++)
      for (guint k = 0; guesses[g].exact[k] != NULL && !used[c]; k++)
        if (linli_org_list_has_field (list, guesses[g].field) &&
            mapping->columns[guesses[g].field] < 0 &&
            g_str_equal (keys->pdata[c], guesses[g].exact[k]))
          {
            mapping->columns[guesses[g].field] = c;
            used[c] = TRUE;
          }
  for (guint g = 0; g < G_N_ELEMENTS (guesses); g++)
    for (guint c = 0;
         c < n && linli_org_list_has_field (list, guesses[g].field) && mapping->columns[guesses[g].field] < 0;
         c++)
      for (guint k = 0; !used[c] && guesses[g].parts[k] != NULL; k++)
        if (strstr (keys->pdata[c], guesses[g].parts[k]) != NULL)
          {
            mapping->columns[guesses[g].field] = c;
            used[c] = TRUE;
          }
}

/**
 * linli_org_list_guess:
 *
 * The list most of whose fields have a column by their headers, the
 * first one on a tie: a branch list's headers map no community, a
 * committee list's no id.
 *
 * Returns: the list @table most likely is
 */
LinliOrgList
linli_org_list_guess (const LinliCsvTable *table)
{
  LinliOrgList best = LINLI_ORG_LIST_COMMITTEES;
  guint best_n = 0;

  for (LinliOrgList list = LINLI_ORG_LIST_COMMITTEES; list <= LINLI_ORG_LIST_HOUSEHOLDS; list++)
    {
      LinliOrgMapping mapping;
      guint n = 0;

      linli_org_mapping_guess (&mapping, list, table);
      for (guint f = 0; f < LINLI_ORG_N_FIELDS; f++)
        n += mapping.columns[f] >= 0;
      if (n > best_n)
        {
          best = list;
          best_n = n;
        }
    }
  return best;
}

/**
 * linli_org_mapping_parse:
 * @assignment: "FIELD=COLUMN", e.g. "secretary=书记" or "room=3"
 *
 * Sets one field's column, as `--column` gives it: COLUMN is a header or
 * a column number from 1 (see linli_csv_table_find_column()), or "none".
 * Only the fields @list reads are accepted, so that a mistyped list is
 * not taken for a mapping that does nothing.
 *
 * Returns: %FALSE with @error set if the field or the column is unknown
 */
gboolean
linli_org_mapping_parse (LinliOrgMapping     *mapping,
                         LinliOrgList         list,
                         const LinliCsvTable *table,
                         const char          *assignment,
                         GError             **error)
{
  const char *eq = strchr (assignment, '=');
  g_autofree char *name = NULL;
  LinliOrgField field;
  int column;

  if (eq == NULL)
    {
      g_set_error (error, LINLI_ORG_ERROR, LINLI_ORG_ERROR_INVALID,
                   _("“%s” is not FIELD=COLUMN"), assignment);
      return FALSE;
    }
  name = g_strstrip (g_strndup (assignment, eq - assignment));
  if (!linli_org_field_from_string (name, &field) || !linli_org_list_has_field (list, field))
    {
      g_autoptr (GString) names = g_string_new (NULL);

      for (guint f = 0; f < LINLI_ORG_N_FIELDS; f++)
        if (linli_org_list_has_field (list, f))
          g_string_append_printf (names, "%s%s", names->len ? ", " : "", field_names[f]);
      /* Translators: a field name, then the list of field names this list reads */
      g_set_error (error, LINLI_ORG_ERROR, LINLI_ORG_ERROR_INVALID,
                   _("unknown field “%s”: use %s"), name, names->str);
      return FALSE;
    }
  if (g_ascii_strcasecmp (eq + 1, "none") == 0 || eq[1] == '\0')
    column = -1;
  else if ((column = linli_csv_table_find_column (table, eq + 1)) < 0)
    {
      g_autoptr (GString) names = g_string_new (NULL);

      for (guint i = 0; i < linli_csv_table_get_n_columns (table) && i < 40; i++)
        g_string_append_printf (names, "%s“%s”", i ? ", " : "",
                                linli_csv_table_get_header (table, i));
      g_set_error (error, LINLI_ORG_ERROR, LINLI_ORG_ERROR_INVALID,
                   _("%s has no column “%s” (its columns: %s)"),
                   linli_csv_table_get_display_name (table), eq + 1, names->str);
      return FALSE;
    }
  mapping->columns[field] = column;
  return TRUE;
}

/* Lookups: by id, then by name, a name that several carry found as none. */

#define AMBIGUOUS GINT_TO_POINTER (-1)

typedef struct
{
  GHashTable *ids;     /* id → index + 1 */
  GHashTable *names;   /* plain name → index + 1, or AMBIGUOUS */
} Lookup;

static void
lookup_init (Lookup *lookup)
{
  lookup->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lookup->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
lookup_clear (Lookup *lookup)
{
  g_clear_pointer (&lookup->ids, g_hash_table_unref);
  g_clear_pointer (&lookup->names, g_hash_table_unref);
}

/* Adds a name as plain() leaves it, or another key, taking @key. */
static void
add_key (GHashTable *table,
         char       *key,
         guint       index)
{
  if (g_hash_table_contains (table, key))
    g_hash_table_insert (table, key, AMBIGUOUS);
  else
    g_hash_table_insert (table, key, GUINT_TO_POINTER (index + 1));
}

static void
lookup_add (Lookup     *lookup,
            const char *id,
            const char *name,
            guint       index)
{
  if (id != NULL && id[0] != '\0')
    g_hash_table_insert (lookup->ids, g_strdup (id), GUINT_TO_POINTER (index + 1));
  if (name != NULL && name[0] != '\0')
    add_key (lookup->names, plain (name), index);
}

/* Returns the index, -1 when nothing has @text as id or name, -2 when
 * several have it as name. */
static int
lookup_find (Lookup     *lookup,
             const char *text)
{
  gpointer value = g_hash_table_lookup (lookup->ids, text);
  g_autofree char *key = NULL;

  if (value != NULL)
    return GPOINTER_TO_INT (value) - 1;
  key = plain (text);
  value = g_hash_table_lookup (lookup->names, key);
  if (value == AMBIGUOUS)
    return -2;
  return value != NULL ? GPOINTER_TO_INT (value) - 1 : -1;
}

/* What rows name, found by id or by name: made once for a project, the
 * buildings only when a list names them. */
struct _LinliOrgIndex
{
  LinliProject *project;
  Lookup        communities, compounds, buildings, grids, branches;
  GHashTable   *compound_buildings;   /* "compound index/plain name" → index + 1 or AMBIGUOUS */
  gboolean      has_buildings;
};

/* What an import reads before it changes anything. */
typedef struct
{
  LinliOrgIndex         *index;
  LinliProject          *project;
  LinliOrg              *org;
  LinliOrgList           list;
  const LinliCsvTable   *table;
  const LinliOrgMapping *mapping;
  Lookup                 communities, compounds, buildings, grids, branches;   /* the index's */
  GHashTable            *compound_buildings;                                   /* the index's */
  GHashTable            *seen;                 /* ids or community indices in the file so far */
} Reader;

/* A cell, cleaned: control characters and line breaks become spaces, the
 * ends trimmed; "" for an unmapped column. */
static char *
cell (Reader        *r,
      guint          row,
      LinliOrgField  field)
{
  int column = r->mapping->columns[field];
  GString *out;
  const char *s;

  if (column < 0 || (guint) column >= linli_csv_table_get_n_columns (r->table))
    return g_strdup ("");
  s = linli_csv_table_get_cell (r->table, row, column);
  out = g_string_sized_new (strlen (s));
  for (; *s; s++)
    g_string_append_c (out, (guchar) *s < 0x20 ? ' ' : *s);
  g_strstrip (out->str);
  out->len = strlen (out->str);
  return g_string_free (out, FALSE);
}

static gboolean
check_length (Reader         *r,
              guint           row,
              LinliOrgField   field,
              const char     *value,
              guint           max,
              GError        **error)
{
  if (g_utf8_strlen (value, -1) <= (glong) max)
    return TRUE;
  return fail_at (error, r->table, row, _("%s is longer than %u characters"),
                  linli_org_field_get_label (r->list, field), max);
}

/* A text cell, or NULL when empty. */
static gboolean
text_cell (Reader         *r,
           guint           row,
           LinliOrgField   field,
           guint           max,
           char          **out,
           GError        **error)
{
  g_autofree char *value = cell (r, row, field);

  if (!check_length (r, row, field, value, max, error))
    return FALSE;
  *out = value[0] != '\0' ? g_steal_pointer (&value) : NULL;
  return TRUE;
}

/* An object named in a cell: -1 when the cell is empty. */
static gboolean
reference_cell (Reader         *r,
                guint           row,
                LinliOrgField   field,
                Lookup         *lookup,
                const char     *one,
                const char     *many,
                int            *index,
                GError        **error)
{
  g_autofree char *value = cell (r, row, field);

  *index = -1;
  if (value[0] == '\0')
    return TRUE;
  *index = lookup_find (lookup, value);
  if (*index == -2)
    /* Translators: the kind of objects (compounds, branches…), then a name */
    return fail_at (error, r->table, row, _("several of the project's %s are called “%s”: give the id"), many, value);
  if (*index < 0)
    /* Translators: the kind of object (compound, branch…), then its name */
    return fail_at (error, r->table, row, _("there is no %s “%s” in the project"), one, value);
  return TRUE;
}

static char *
compound_key (guint       compound,
              const char *name)
{
  g_autofree char *p = plain (name);

  return g_strdup_printf ("%u/%s", compound, p);
}

/* A building by id, or by name within @compound (when >= 0), or by a name
 * no other building has. */
static gboolean
find_building (Reader      *r,
               guint        row,
               const char  *text,
               int          compound,
               guint       *index,
               GError     **error)
{
  gpointer value = g_hash_table_lookup (r->buildings.ids, text);
  int found;

  if (value != NULL)
    {
      *index = GPOINTER_TO_UINT (value) - 1;
      return TRUE;
    }
  if (compound >= 0)
    {
      g_autofree char *key = compound_key (compound, text);

      value = g_hash_table_lookup (r->compound_buildings, key);
      found = value == AMBIGUOUS ? -2 : value != NULL ? GPOINTER_TO_INT (value) - 1 : -1;
    }
  else
    found = lookup_find (&r->buildings, text);
  if (found == -2)
    return fail_at (error, r->table, row,
                    _("several buildings are called “%s”: give the building's id, or its compound"), text);
  if (found < 0)
    return fail_at (error, r->table, row, _("there is no building “%s” in the project"), text);
  *index = found;
  return TRUE;
}

static gboolean
check_id (Reader      *r,
          guint        row,
          const char  *id,
          GError     **error)
{
  if (id == NULL)
    return TRUE;
  if (!g_hash_table_add (r->seen, g_strdup (id)))
    return fail_at (error, r->table, row, _("id “%s” comes twice in the list"), id);
  return TRUE;
}

/* Rows into states */

static gboolean
read_committee (Reader     *r,
                guint       row,
                GPtrArray  *states,
                GError    **error)
{
  g_autofree char *secretary = NULL;
  int community;
  char key[16];

  if (!reference_cell (r, row, LINLI_ORG_FIELD_COMMUNITY, &r->communities, _("community"), _("communities"), &community, error) ||
      !text_cell (r, row, LINLI_ORG_FIELD_SECRETARY, MAX_NAME_CHARS, &secretary, error))
    return FALSE;
  if (community < 0)
    return fail_at (error, r->table, row, _("no community given"));
  g_snprintf (key, sizeof key, "#%d", community);
  if (!g_hash_table_add (r->seen, g_strdup (key)))
    return fail_at (error, r->table, row, _("a second row for the same community"));
  /* Committees as (community, secretary) pairs: index in the pointer, name beside it. */
  g_ptr_array_add (states, GINT_TO_POINTER (community + 1));
  g_ptr_array_add (states, g_steal_pointer (&secretary));
  return TRUE;
}

static gboolean
read_branch (Reader     *r,
             guint       row,
             GPtrArray  *states,
             GError    **error)
{
  g_autoptr (LinliBranchState) st = g_new0 (LinliBranchState, 1);
  g_autofree char *kind = NULL, *members = NULL;
  int compound = -1, grid = -1;

  if (!text_cell (r, row, LINLI_ORG_FIELD_ID, MAX_ID_CHARS, &st->id, error) ||
      !check_id (r, row, st->id, error) ||
      !text_cell (r, row, LINLI_ORG_FIELD_NAME, MAX_NAME_CHARS, &st->name, error) ||
      !text_cell (r, row, LINLI_ORG_FIELD_SECRETARY, MAX_NAME_CHARS, &st->secretary, error) ||
      !reference_cell (r, row, LINLI_ORG_FIELD_COMPOUND, &r->compounds, _("compound"), _("compounds"), &compound, error) ||
      !reference_cell (r, row, LINLI_ORG_FIELD_GRID, &r->grids, _("grid"), _("grids"), &grid, error))
    return FALSE;
  kind = cell (r, row, LINLI_ORG_FIELD_KIND);
  if (kind[0] == '\0')
    st->kind = compound < 0 && grid >= 0 ? LINLI_BRANCH_GRID : LINLI_BRANCH_COMPOUND;
  else if (g_ascii_strcasecmp (kind, "compound") == 0 || strstr (kind, "小区") != NULL)
    st->kind = LINLI_BRANCH_COMPOUND;
  else if (g_ascii_strcasecmp (kind, "grid") == 0 || strstr (kind, "网格") != NULL)
    st->kind = LINLI_BRANCH_GRID;
  else
    return fail_at (error, r->table, row, _("kind “%s” is neither compound (小区) nor grid (网格)"), kind);
  if (st->kind == LINLI_BRANCH_COMPOUND && compound < 0)
    return fail_at (error, r->table, row, _("a compound branch needs its compound"));
  st->compound = MAX (compound, 0);
  if (st->kind == LINLI_BRANCH_GRID && grid >= 0)
    st->grid = g_strdup (linli_grid_get_id (linli_grids_get_grid (linli_project_get_grids (r->project), grid)));
  members = cell (r, row, LINLI_ORG_FIELD_MEMBERS);
  if (members[0] != '\0')
    {
      guint64 v = 0;
      g_autofree char *n = g_utf8_normalize (members, -1, G_NORMALIZE_NFKC);
      LinliNumberStatus status = linli_number_parse_count (n, LINLI_NUMBER_FLAGS_NONE, MAX_BRANCH_MEMBERS, &v);

      if (status != LINLI_NUMBER_OK)
        {
          g_autofree char *reason = linli_number_describe (status, 0, MAX_BRANCH_MEMBERS);

          return fail_at (error, r->table, row, _("members: “%s” %s"), members, reason);
        }
      st->members = (guint) v;
    }
  g_ptr_array_add (states, g_steal_pointer (&st));
  return TRUE;
}

/* A group's buildings, split at ASCII and full-width separators.  The
 * full-width ones are replaced first: g_strsplit_set() splits at bytes,
 * and their bytes are also inside other characters (楼 ends in the last
 * byte of ，). */
static char **
split_buildings (const char *list)
{
  static const char *const wide[] = { "、", "，", "；" };
  GString *s = g_string_new (list);
  g_autofree char *replaced = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (wide); i++)
    g_string_replace (s, wide[i], ",", 0);
  replaced = g_string_free (s, FALSE);
  return g_strsplit_set (replaced, ",;|/ ", -1);
}

static gboolean
read_group (Reader     *r,
            guint       row,
            GPtrArray  *states,
            GError    **error)
{
  g_autoptr (LinliPartyGroupState) st = g_new0 (LinliPartyGroupState, 1);
  g_autofree char *list = NULL;
  g_auto (GStrv) tokens = NULL;
  g_autoptr (GArray) buildings = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GHashTable) in_group = g_hash_table_new (NULL, NULL);
  int branch = -1, compound = -1;

  if (!text_cell (r, row, LINLI_ORG_FIELD_ID, MAX_ID_CHARS, &st->id, error) ||
      !check_id (r, row, st->id, error) ||
      !text_cell (r, row, LINLI_ORG_FIELD_NAME, MAX_NAME_CHARS, &st->name, error) ||
      !text_cell (r, row, LINLI_ORG_FIELD_LEADER, MAX_NAME_CHARS, &st->leader, error) ||
      !reference_cell (r, row, LINLI_ORG_FIELD_BRANCH, &r->branches, _("branch"), _("branches"), &branch, error) ||
      !reference_cell (r, row, LINLI_ORG_FIELD_COMPOUND, &r->compounds, _("compound"), _("compounds"), &compound, error))
    return FALSE;
  if (branch >= 0)
    {
      g_autoptr (LinliBranch) b = g_list_model_get_item (linli_org_get_branches (r->org), branch);
      st->branch = g_strdup (linli_branch_get_id (b));
    }
  list = cell (r, row, LINLI_ORG_FIELD_BUILDINGS);
  tokens = split_buildings (list);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      guint index;

      if (tokens[i][0] == '\0')
        continue;
      if (!find_building (r, row, tokens[i], compound, &index, error))
        return FALSE;
      if (!g_hash_table_add (in_group, GUINT_TO_POINTER (index + 1)))
        return fail_at (error, r->table, row, _("building “%s” is listed twice"), tokens[i]);
      g_array_append_val (buildings, index);
    }
  st->n_buildings = buildings->len;
  st->buildings = (guint *) g_array_free (g_steal_pointer (&buildings), FALSE);
  g_ptr_array_add (states, g_steal_pointer (&st));
  return TRUE;
}

static gboolean
read_household (Reader     *r,
                guint       row,
                GPtrArray  *states,
                GError    **error)
{
  g_autoptr (LinliMemberHouseholdState) st = g_new0 (LinliMemberHouseholdState, 1);
  g_autofree char *building = NULL;
  int compound = -1;

  if (!text_cell (r, row, LINLI_ORG_FIELD_ID, MAX_ID_CHARS, &st->id, error) ||
      !check_id (r, row, st->id, error) ||
      !text_cell (r, row, LINLI_ORG_FIELD_NAME, MAX_NAME_CHARS, &st->name, error) ||
      !text_cell (r, row, LINLI_ORG_FIELD_ROOM, MAX_NAME_CHARS, &st->room, error) ||
      !reference_cell (r, row, LINLI_ORG_FIELD_COMPOUND, &r->compounds, _("compound"), _("compounds"), &compound, error))
    return FALSE;
  building = cell (r, row, LINLI_ORG_FIELD_BUILDINGS);
  if (building[0] == '\0')
    return fail_at (error, r->table, row, _("no building given"));
  if (!find_building (r, row, building, compound, &st->building, error))
    return FALSE;
  g_ptr_array_add (states, g_steal_pointer (&st));
  return TRUE;
}

/* Applying */

/* Whether the entry of @state changes an object of the project (every
 * committee row does) rather than adding one. */
static gboolean
state_exists (LinliOrg     *org,
              LinliOrgList  list,
              gpointer      state)
{
  switch (list)
    {
    case LINLI_ORG_LIST_COMMITTEES:
      return TRUE;
    case LINLI_ORG_LIST_BRANCHES:
      return linli_org_find_branch (org, ((LinliBranchState *) state)->id, NULL) != NULL;
    case LINLI_ORG_LIST_GROUPS:
      return linli_org_find_group (org, ((LinliPartyGroupState *) state)->id, NULL) != NULL;
    default:
      return linli_org_find_household (org, ((LinliMemberHouseholdState *) state)->id, NULL) !=
             NULL;
    }
}

static void
apply (LinliHistory *history,
       LinliOrgList  list,
       GPtrArray    *states)
{
  LinliOrg *org = linli_project_get_org (linli_history_get_project (history));

  for (guint i = 0; i < states->len; i++)
    switch (list)
      {
      case LINLI_ORG_LIST_COMMITTEES:
        linli_org_edits_set_secretary (history, GPOINTER_TO_UINT (states->pdata[i]) - 1, states->pdata[i + 1]);
        i++;
        break;
      case LINLI_ORG_LIST_BRANCHES:
        {
          LinliBranchState *st = states->pdata[i];
          LinliBranch *existing = linli_org_find_branch (org, st->id, NULL);

          if (existing != NULL)
            linli_org_edits_change_branch (history, existing, st);
          else
            linli_org_edits_add_branch (history, st);
        }
        break;
      case LINLI_ORG_LIST_GROUPS:
        {
          LinliPartyGroupState *st = states->pdata[i];
          LinliPartyGroup *existing = linli_org_find_group (org, st->id, NULL);

          if (existing != NULL)
            linli_org_edits_change_group (history, existing, st);
          else
            linli_org_edits_add_group (history, st);
        }
        break;
      case LINLI_ORG_LIST_HOUSEHOLDS:
      default:
        {
          LinliMemberHouseholdState *st = states->pdata[i];
          LinliMemberHousehold *existing = linli_org_find_household (org, st->id, NULL);

          if (existing != NULL)
            linli_org_edits_change_household (history, existing, st);
          else
            linli_org_edits_add_household (history, st);
        }
        break;
      }
}

static void
free_state (LinliOrgList list,
            gpointer     state)
{
  switch (list)
    {
    case LINLI_ORG_LIST_COMMITTEES: g_free (state); break;
    case LINLI_ORG_LIST_BRANCHES: linli_branch_state_free (state); break;
    case LINLI_ORG_LIST_GROUPS: linli_party_group_state_free (state); break;
    default: linli_member_household_state_free (state); break;
    }
}

/* Reading */

/**
 * linli_org_index_new:
 *
 * Finds what lists name in @project by id and by name, for checking lists
 * against it again and again (as the import dialog does on every change
 * of a column).  An index is of the project as it is now: make another
 * when it has changed.
 *
 * Returns: (transfer full): the index, for linli_org_import_check()
 */
LinliOrgIndex *
linli_org_index_new (LinliProject *project)
{
  LinliOrgIndex *index;
  LinliGrids *grids;
  GListModel *branches;

  g_return_val_if_fail (LINLI_IS_PROJECT (project), NULL);

  index = g_new0 (LinliOrgIndex, 1);
  index->project = g_object_ref (project);
  grids = linli_project_get_grids (project);
  branches = linli_org_get_branches (linli_project_get_org (project));
  lookup_init (&index->communities);
  lookup_init (&index->compounds);
  lookup_init (&index->buildings);
  lookup_init (&index->grids);
  lookup_init (&index->branches);
  index->compound_buildings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < linli_project_get_n_communities (project); i++)
    lookup_add (&index->communities, linli_project_get_community (project, i)->id,
                linli_project_get_community (project, i)->name, i);
  for (guint i = 0; i < linli_project_get_n_compounds (project); i++)
    lookup_add (&index->compounds, linli_project_get_compound (project, i)->id,
                linli_project_get_compound (project, i)->name, i);
  for (guint i = 0; i < linli_grids_get_n_grids (grids); i++)
    {
      LinliGrid *grid = linli_grids_get_grid (grids, i);

      const char *code = linli_grid_get_code (grid);

      lookup_add (&index->grids, linli_grid_get_id (grid), linli_grid_get_name (grid), i);
      if (code != NULL)
        g_hash_table_insert (index->grids.ids, g_strdup (code), GUINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < g_list_model_get_n_items (branches); i++)
    {
      g_autoptr (LinliBranch) branch = g_list_model_get_item (branches, i);

      lookup_add (&index->branches, linli_branch_get_id (branch), linli_branch_get_name (branch),
                  i);
    }
  return index;
}

/* The buildings, by id, by name, and by name within their compound; the
 * slow part at district scale, done once. */
static void
index_buildings (LinliOrgIndex *index)
{
  LinliProject *project = index->project;

  if (index->has_buildings)
    return;
  index->has_buildings = TRUE;
  for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      char *key;

      if (b->id != NULL && b->id[0] != '\0')
        g_hash_table_insert (index->buildings.ids, g_strdup (b->id), GUINT_TO_POINTER (i + 1));
      if (b->name[0] == '\0')
        continue;
      key = plain (b->name);
      add_key (index->compound_buildings, g_strdup_printf ("%u/%s", b->compound, key), i);
      add_key (index->buildings.names, key, i);
    }
}

void
linli_org_index_free (LinliOrgIndex *index)
{
  if (index == NULL)
    return;
  lookup_clear (&index->communities);
  lookup_clear (&index->compounds);
  lookup_clear (&index->buildings);
  lookup_clear (&index->grids);
  lookup_clear (&index->branches);
  g_clear_pointer (&index->compound_buildings, g_hash_table_unref);
  g_clear_object (&index->project);
  g_free (index);
}

static void
reader_init (Reader                *r,
             LinliOrgIndex         *index,
             LinliOrgList           list,
             const LinliCsvTable   *table,
             const LinliOrgMapping *mapping)
{
  if (list == LINLI_ORG_LIST_GROUPS || list == LINLI_ORG_LIST_HOUSEHOLDS)
    index_buildings (index);
  *r = (Reader) {
    .index = index,
    .project = index->project,
    .org = linli_project_get_org (index->project),
    .list = list,
    .table = table,
    .mapping = mapping,
    .communities = index->communities,
    .compounds = index->compounds,
    .buildings = index->buildings,
    .grids = index->grids,
    .branches = index->branches,
    .compound_buildings = index->compound_buildings,
    .seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
  };
}

static void
reader_clear (Reader *r)
{
  g_clear_pointer (&r->seen, g_hash_table_unref);
}

static void
free_states (LinliOrgList  list,
             GPtrArray    *states)
{
  for (guint i = 0; i < states->len; i++)
    {
      if (list == LINLI_ORG_LIST_COMMITTEES)
        g_free (states->pdata[++i]);
      else
        free_state (list, states->pdata[i]);
    }
  g_ptr_array_unref (states);
}

/* Reads the rows of the table into @states and counts them in @report.
 * With @reasons, every row is read, and each one's reason for failing (or
 * NULL) goes there; without, reading stops at the first row that fails.
 * Returns FALSE with the first error. */
static gboolean
read_rows (Reader                *r,
           GPtrArray             *states,
           LinliOrgImportReport  *report,
           GPtrArray             *reasons,
           GError               **error)
{
  const LinliCsvTable *table = r->table;
  guint n = linli_csv_table_get_n_rows (table);
  gboolean ok = TRUE;

  *report = (LinliOrgImportReport) { .n_rows = n };
  for (LinliOrgField f = 0; f < LINLI_ORG_N_FIELDS; f++)
    if (linli_org_list_needs_field (r->list, f) && r->mapping->columns[f] < 0)
      /* Translators: the name of a field, such as Community */
      return linli_csv_set_error (error, LINLI_ORG_ERROR, LINLI_ORG_ERROR_INVALID,
                                  linli_csv_table_get_display_name (table), 0,
                                  _("no column is chosen for “%s”"),
                                  linli_org_field_get_label (r->list, f));

  for (guint row = 0; row < n && (ok || reasons != NULL); row++)
    {
      g_autoptr (GError) row_error = NULL;
      gboolean blank = TRUE;
      guint n_states = states->len;
      gboolean read;

      for (guint c = 0; c < linli_csv_table_get_n_columns (table) && blank; c++)
        blank = linli_csv_table_get_cell (table, row, c)[strspn (linli_csv_table_get_cell (table, row, c), " \t")] == '\0';
      if (reasons != NULL)
        g_ptr_array_add (reasons, NULL);
      if (blank)
        continue;
      report->n_entries++;
      switch (r->list)
        {
        case LINLI_ORG_LIST_COMMITTEES: read = read_committee (r, row, states, &row_error); break;
        case LINLI_ORG_LIST_BRANCHES: read = read_branch (r, row, states, &row_error); break;
        case LINLI_ORG_LIST_GROUPS: read = read_group (r, row, states, &row_error); break;
        default: read = read_household (r, row, states, &row_error); break;
        }
      if (read)
        {
          if (state_exists (r->org, r->list, states->pdata[n_states]))
            report->n_changed++;
          else
            report->n_added++;
          continue;
        }
      report->n_invalid++;
      if (reasons != NULL)
        {
          /* The reason alone: the row says its line. */
          g_autofree char *prefix = g_strdup_printf ("%s:%u: ",
                                                     linli_csv_table_get_display_name (table),
                                                     linli_csv_table_get_line (table, row));
          const char *message = row_error->message;

          if (g_str_has_prefix (message, prefix))
            message += strlen (prefix);
          reasons->pdata[row] = g_strdup (message);
        }
      if (ok)
        g_propagate_error (error, g_steal_pointer (&row_error));
      ok = FALSE;
    }
  return ok;
}

/**
 * linli_org_import_check:
 * @index: of the project the list would go into, which is left unchanged
 * @report: (out) (optional): what the import would read and do
 * @reasons: (out) (optional) (transfer container) (element-type utf8): for
 *   each row of @table, why it cannot be read, or %NULL; rows after one
 *   that fails are still read, as the import would read them
 * @error: the error linli_org_import_csv() would give
 *
 * Reads @table as linli_org_import_csv() does without changing anything,
 * for a preview that follows the chosen columns.
 *
 * Returns: %TRUE when the import would succeed
 */
gboolean
linli_org_import_check (LinliOrgIndex          *index,
                        LinliOrgList            list,
                        const LinliCsvTable    *table,
                        const LinliOrgMapping  *mapping,
                        LinliOrgImportReport   *report,
                        GPtrArray             **reasons,
                        GError                **error)
{
  g_autoptr (GPtrArray) row_reasons = NULL;
  LinliOrgImportReport done;
  Reader r;
  GPtrArray *states = g_ptr_array_new ();
  gboolean ok;

  g_return_val_if_fail (index != NULL, FALSE);
  g_return_val_if_fail (list <= LINLI_ORG_LIST_HOUSEHOLDS, FALSE);

  if (reasons != NULL)
    row_reasons = g_ptr_array_new_with_free_func (g_free);
  reader_init (&r, index, list, table, mapping);
  ok = read_rows (&r, states, &done, row_reasons, error);
  free_states (list, states);
  reader_clear (&r);
  if (report != NULL)
    *report = done;
  if (reasons != NULL)
    *reasons = g_steal_pointer (&row_reasons);
  return ok;
}

/**
 * linli_org_import_csv:
 * @report: (out) (optional): what was read and done, also on error
 * @error: "FILE:LINE: reason" when a row cannot be read
 *
 * Reads every row of @table as an entry of @list and, when all of them
 * read, applies them as one undoable step; on error nothing is changed.
 *
 * Returns: %TRUE on success
 */
gboolean
linli_org_import_csv (LinliHistory          *history,
                      LinliOrgList           list,
                      const LinliCsvTable   *table,
                      const LinliOrgMapping *mapping,
                      LinliOrgImportReport  *report,
                      GError               **error)
{
  static const char *const labels[] = {
    N_("Import Committees"), N_("Import Branches"), N_("Import Party Groups"),
    N_("Import Member Households"),
  };
  g_autoptr (LinliOrgIndex) index = NULL;
  LinliOrgImportReport done;
  GPtrArray *states = g_ptr_array_new ();
  Reader r;
  gboolean ok;

  g_return_val_if_fail (LINLI_IS_HISTORY (history), FALSE);
  g_return_val_if_fail (list <= LINLI_ORG_LIST_HOUSEHOLDS, FALSE);

  /* A fresh index: the project may have changed since any check. */
  index = linli_org_index_new (linli_history_get_project (history));
  reader_init (&r, index, list, table, mapping);
  ok = read_rows (&r, states, &done, NULL, error);
  if (ok)
    {
      linli_history_begin_group (history, _(labels[list]));
      apply (history, list, states);
      linli_history_end_group (history);
    }
  if (report != NULL)
    *report = done;
  free_states (list, states);
  reader_clear (&r);
  return ok;
}
