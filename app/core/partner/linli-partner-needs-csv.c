/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-partner-csv"

#include "config.h"

#include "linli-partner-needs-csv.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "linli-grids.h"
#include "linli-number.h"
#include "linli-partner-csv-private.h"

/* The needs list (需求清单) in CSV: the rows as the units reader reads
 * them (linli-partner-csv-private.h), each the need of a place the
 * project names. */

/* The fields under short names. */
typedef enum
{
  ID = LINLI_PARTNER_NEEDS_CSV_ID,
  COMMUNITY = LINLI_PARTNER_NEEDS_CSV_COMMUNITY,
  COMPOUND = LINLI_PARTNER_NEEDS_CSV_COMPOUND,
  GRID = LINLI_PARTNER_NEEDS_CSV_GRID,
  PLACE = LINLI_PARTNER_NEEDS_CSV_PLACE,
  PLACE_TYPE = LINLI_PARTNER_NEEDS_CSV_PLACE_TYPE,
  CATEGORY = LINLI_PARTNER_NEEDS_CSV_CATEGORY,
  QUANTITY = LINLI_PARTNER_NEEDS_CSV_QUANTITY,
  PERIOD = LINLI_PARTNER_NEEDS_CSV_PERIOD,
  PRIORITY = LINLI_PARTNER_NEEDS_CSV_PRIORITY,
  NOTE = LINLI_PARTNER_NEEDS_CSV_NOTE,
  N_FIELDS,
} Field;

#define set_invalid _linli_partner_csv_invalid

/* The headers each column is known by, the file's words: not translated. */
static const LinliPartnerCsvHeaders field_headers[N_FIELDS] = {
  { "编号", "id", "需求编号", NULL },
  { "社区", "community", "所属社区", NULL },
  { "小区", "compound", "院落", NULL },
  { "网格", "grid", NULL },
  { "地点", "place", "需求地点", NULL },
  { "地点类型", "place type", "place_type", NULL },
  { "类别", "category", "需求类别", NULL },
  { "数量", "quantity", "需求数量", NULL },
  { "周期", "period", NULL },
  { "优先级", "priority", NULL },
  { "备注", "note", "说明", NULL },
};

/* What each column holds, for people. */
static const char *const field_labels[N_FIELDS] = {
  N_("Id"), N_("Community"), N_("Compound"), N_("Grid"), N_("Place"), N_("Place type"),
  N_("Category"), N_("Quantity"), N_("Period"), N_("Priority"), N_("Note"),
};

static gboolean read_needs (LinliPartnerRows  *rows,
                            LinliPartnerRead  *read,
                            GError           **error);

const LinliPartnerSheet _linli_partner_needs_sheet = {
  field_headers, field_labels, N_FIELDS, CATEGORY,
  N_("no column of categories (类别 or category)"), N_("Import Partner Needs"),
  N_("the file lists no need"), read_needs,
};

/* The kinds of place in Chinese, in the order of the enumeration. */
static const char *const place_kinds_zh[] = { "社区", "小区", "网格" };

#define N_KINDS     G_N_ELEMENTS (place_kinds_zh)
#define ANY_KIND    N_KINDS
#define AMBIGUOUS   G_MAXINT

static const struct
{
  const char *zh;
  const char *en;
  guint       priority;
} priority_words[] = {
  { "高", "high", 90 }, { "中", "medium", 50 }, { "低", "low", 10 },
};

/* The project's places by name and id, each kind in a table of its own:
 * a text → the place's index + 1, or AMBIGUOUS when it names several;
 * compounds and grids also under "COMMUNITY\x1fTEXT". */
typedef struct
{
  LinliProject *project;
  GHashTable   *names[N_KINDS];
} Places;

/* A need as its row gives it, and its line. */
typedef struct
{
  LinliPartnerNeed need;
  guint            line;
  gboolean         has_id;
} Draft;

static void
need_clear (LinliPartnerNeed *n)
{
  g_clear_pointer (&n->id, g_free);
  g_clear_pointer (&n->place, g_free);
  g_clear_pointer (&n->category, g_free);
  g_clear_pointer (&n->note, g_free);
}

static void
draft_free (gpointer data)
{
  Draft *d = data;

  need_clear (&d->need);
  g_free (d);
}

/* Places */

static void
places_add (GHashTable *table,
            int         community,
            const char *text,
            guint       index)
{
  char *key;
  gpointer old;

  if (text == NULL || *text == '\0')
    return;
  key = community >= 0 ? g_strdup_printf ("%d\x1f%s", community, text) : g_strdup (text);
  old = g_hash_table_lookup (table, key);
  if (old != NULL && GPOINTER_TO_UINT (old) != index + 1)
    g_hash_table_insert (table, key, GUINT_TO_POINTER (AMBIGUOUS));
  else
    g_hash_table_insert (table, key, GUINT_TO_POINTER (index + 1));
}

/* Adds @text for place @index both alone and within its community. */
static void
places_add_scoped (GHashTable *table,
                   int         community,
                   const char *text,
                   guint       index)
{
  places_add (table, -1, text, index);
  places_add (table, community, text, index);
}

static void
places_init (Places       *places,
             LinliProject *project)
{
  LinliGrids *grids = linli_project_get_grids (project);

  places->project = project;
  for (guint k = 0; k < N_KINDS; k++)
    places->names[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < linli_project_get_n_communities (project); i++)
    {
      const LinliCommunity *c = linli_project_get_community (project, i);

      places_add (places->names[LINLI_PARTNER_PLACE_COMMUNITY], -1, c->name, i);
      places_add (places->names[LINLI_PARTNER_PLACE_COMMUNITY], -1, c->id, i);
    }
  for (guint i = 0; i < linli_project_get_n_compounds (project); i++)
    {
      const LinliCompound *c = linli_project_get_compound (project, i);

      places_add_scoped (places->names[LINLI_PARTNER_PLACE_COMPOUND], c->community, c->name, i);
      places_add_scoped (places->names[LINLI_PARTNER_PLACE_COMPOUND], c->community, c->id, i);
    }
  for (guint i = 0; i < linli_grids_get_n_grids (grids); i++)
    {
      LinliGrid *g = linli_grids_get_grid (grids, i);
      GHashTable *table = places->names[LINLI_PARTNER_PLACE_GRID];
      int community = linli_grid_get_community (g);

      places_add_scoped (table, community, linli_grid_get_name (g), i);
      places_add_scoped (table, community, linli_grid_get_code (g), i);
      places_add_scoped (table, community, linli_grid_get_id (g), i);
    }
}

static void
places_clear (Places *places)
{
  for (guint k = 0; k < N_KINDS; k++)
    g_clear_pointer (&places->names[k], g_hash_table_unref);
}

/* The index of the place of @kind named @text (within @community when it
 * is not -1): -1 for none, -2 for several. */
static int
places_find (Places     *places,
             guint       kind,
             int         community,
             const char *text)
{
  g_autofree char *key = community >= 0 ? g_strdup_printf ("%d\x1f%s", community, text)
                                        : g_strdup (text);
  guint value = GPOINTER_TO_UINT (g_hash_table_lookup (places->names[kind], key));

  if (value == 0)
    return -1;
  return value == AMBIGUOUS ? -2 : (int) value - 1;
}

static const char *
places_get_id (Places *places,
               guint   kind,
               guint   index)
{
  switch (kind)
    {
    case LINLI_PARTNER_PLACE_COMMUNITY:
      return linli_project_get_community (places->project, index)->id;
    case LINLI_PARTNER_PLACE_COMPOUND:
      return linli_project_get_compound (places->project, index)->id;
    default:
      return linli_grid_get_id (linli_grids_get_grid (linli_project_get_grids (places->project),
                                                      index));
    }
}

static gboolean
parse_place_kind (const char *text,
                  guint      *kind)
{
  LinliPartnerPlaceKind k;
  g_autofree char *folded = g_utf8_casefold (text, -1);

  if (linli_partner_place_kind_from_string (folded, &k))
    {
      *kind = k;
      return TRUE;
    }
  for (guint i = 0; i < N_KINDS; i++)
    if (strcmp (text, place_kinds_zh[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

/* Rows */

/* Finds the place of the current row (see the header for the rule). */
static gboolean
read_place (LinliPartnerRows  *rows,
            Places            *places,
            LinliPartnerNeed  *n,
            GError           **error)
{
  static const guint kind_fields[N_KINDS] = { COMMUNITY, COMPOUND, GRID };
  guint line = _linli_partner_rows_line (rows);
  const char *type = _linli_partner_rows_text (rows, PLACE_TYPE);
  const char *place = _linli_partner_rows_text (rows, PLACE);
  const char *community = _linli_partner_rows_text (rows, COMMUNITY);
  const char *name;
  guint kind = ANY_KIND;
  int scope = -1, found = -1;
  guint found_kind = 0;

  if (*type != '\0' && !parse_place_kind (type, &kind))
    return set_invalid (error, rows->path, line,
                        _("unknown place type “%s”: one of 社区, 小区, 网格 (community, compound, "
                          "grid)"), type);
  if (kind == ANY_KIND && *place == '\0')
    for (int k = N_KINDS - 1; k >= 0 && kind == ANY_KIND; k--)
      if (*_linli_partner_rows_text (rows, kind_fields[k]) != '\0')
        kind = k;
  name = *place != '\0' ? place
         : kind != ANY_KIND ? _linli_partner_rows_text (rows, kind_fields[kind]) : "";
  if (*name == '\0')
    return set_invalid (error, rows->path, line,
                        _("the need has no place: fill in its community (社区), compound (小区), "
                          "grid (网格) or place (地点)"));
  if (*community != '\0' && kind != LINLI_PARTNER_PLACE_COMMUNITY)
    {
      scope = places_find (places, LINLI_PARTNER_PLACE_COMMUNITY, -1, community);
      if (scope == -1)
        return set_invalid (error, rows->path, line, _("the project has no community “%s”"),
                            community);
      if (scope == -2)
        return set_invalid (error, rows->path, line,
                            _("several communities of the project are named “%s”: give its "
                              "id"), community);
    }
  for (guint k = 0; k < N_KINDS; k++)
    {
      int index;

      if (kind != ANY_KIND && k != kind)
        continue;
      index = places_find (places, k, k == LINLI_PARTNER_PLACE_COMMUNITY ? -1 : scope, name);
      if (index == -1)
        continue;
      if (index == -2 || found >= 0)
        return set_invalid (error, rows->path, line,
                            _("“%s” names several places of the project: give its community "
                              "(社区) or its place type (地点类型)"), name);
      found = index;
      found_kind = k;
    }
  if (found < 0 && kind == LINLI_PARTNER_PLACE_COMMUNITY)
    return set_invalid (error, rows->path, line, _("the project has no community “%s”"), name);
  if (found < 0 && kind == LINLI_PARTNER_PLACE_COMPOUND && scope >= 0)
    return set_invalid (error, rows->path, line, _("community “%s” has no compound “%s”"),
                        community, name);
  if (found < 0 && kind == LINLI_PARTNER_PLACE_COMPOUND)
    return set_invalid (error, rows->path, line, _("the project has no compound “%s”"), name);
  if (found < 0 && kind == LINLI_PARTNER_PLACE_GRID && scope >= 0)
    return set_invalid (error, rows->path, line, _("community “%s” has no grid “%s”"),
                        community, name);
  if (found < 0 && kind == LINLI_PARTNER_PLACE_GRID)
    return set_invalid (error, rows->path, line, _("the project has no grid “%s”"), name);
  if (found < 0 && scope >= 0)
    return set_invalid (error, rows->path, line,
                        _("community “%s” has no compound or grid “%s”"), community, name);
  if (found < 0)
    return set_invalid (error, rows->path, line,
                        _("the project has no community, compound or grid “%s”"), name);
  n->place_kind = found_kind;
  n->place = g_strdup (places_get_id (places, found_kind, found));
  return TRUE;
}

static gboolean
read_priority (LinliPartnerRows  *rows,
               const char        *text,
               guint             *priority,
               GError           **error)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  guint64 value = 0;

  *priority = 1;
  if (*text == '\0')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (priority_words); i++)
    if (strcmp (text, priority_words[i].zh) == 0 || strcmp (folded, priority_words[i].en) == 0)
      {
        *priority = priority_words[i].priority;
        return TRUE;
      }
  if (linli_number_parse_count (text, LINLI_NUMBER_ALLOW_SPACE, LINLI_PARTNER_MAX_PRIORITY,
                                &value) != LINLI_NUMBER_OK || value < 1)
    return set_invalid (error, rows->path, _linli_partner_rows_line (rows),
                        _("priority “%s”: a whole number from 1 to %u, or 高, 中, 低"), text,
                        LINLI_PARTNER_MAX_PRIORITY);
  *priority = value;
  return TRUE;
}

static gboolean
read_need (LinliPartnerRows  *rows,
           Places            *places,
           LinliPartners     *partners,
           gboolean           add_categories,
           LinliPartnerNeed  *n,
           GError           **error)
{
  const char *category = _linli_partner_rows_text (rows, CATEGORY);
  const char *quantity = _linli_partner_rows_text (rows, QUANTITY);
  const char *note = _linli_partner_rows_text (rows, NOTE);
  const char *id;

  if (!read_place (rows, places, n, error))
    return FALSE;
  if (*category == '\0')
    return set_invalid (error, rows->path, _linli_partner_rows_line (rows),
                        _("the need has no category"));
  if ((id = _linli_partner_csv_category (rows, partners, category, add_categories,
                                         error)) == NULL ||
      !_linli_partner_csv_number (rows, quantity, _("quantity"), 0, 1e9, TRUE, 1, &n->quantity,
                                  error) ||
      !_linli_partner_csv_period (rows, _linli_partner_rows_text (rows, PERIOD),
                                  &n->period, error) ||
      !read_priority (rows, _linli_partner_rows_text (rows, PRIORITY), &n->priority,
                      error))
    return FALSE;
  if (!(n->quantity > 0))
    return set_invalid (error, rows->path, _linli_partner_rows_line (rows),
                        _("quantity “%s”: a need asks for more than 0"), quantity);
  n->category = g_strdup (id);
  n->note = *note != '\0' ? g_strdup (note) : NULL;
  return TRUE;
}

static char *
need_key (const LinliPartnerNeed *n)
{
  return g_strdup_printf ("%u\x1f%s\x1f%s", n->place_kind, n->place, n->category);
}

static gboolean
read_rows (LinliPartnerRows  *rows,
           Places            *places,
           LinliPartners     *partners,
           GPtrArray         *drafts,
           gboolean           add_categories,
           GError           **error)
{
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean done = FALSE;

  while (_linli_partner_rows_next (rows, &done, error) && !done)
    {
      const char *id = _linli_partner_rows_text (rows, ID);
      Draft *draft = g_new0 (Draft, 1), *other;
      GError *bad = NULL;
      char *key;

      draft->line = _linli_partner_rows_line (rows);
      draft->has_id = *id != '\0';
      draft->need.id = draft->has_id ? g_strdup (id) : NULL;
      g_ptr_array_add (drafts, draft);
      if (draft->has_id && (other = g_hash_table_lookup (by_id, id)) != NULL)
        {
          set_invalid (&bad, rows->path, draft->line, _("need “%s” is given on line %u already"),
                       id, other->line);
          _linli_partner_rows_refuse (rows, bad);
          continue;
        }
      if (!read_need (rows, places, partners, add_categories, &draft->need, &bad))
        {
          _linli_partner_rows_refuse (rows, bad);
          continue;
        }
      key = need_key (&draft->need);
      other = g_hash_table_lookup (by_key, key);
      if (other != NULL && !draft->has_id)
        {
          g_free (key);
          set_invalid (&bad, rows->path, draft->line,
                       _("line %u gives the same place a need of the same category: one row "
                         "each, or give the needs ids (编号)"), other->line);
          _linli_partner_rows_refuse (rows, bad);
          continue;
        }
      if (other == NULL)
        g_hash_table_insert (by_key, key, draft);
      else
        g_free (key);
      if (draft->has_id)
        g_hash_table_insert (by_id, draft->need.id, draft);
    }
  return _linli_partner_rows_finish (rows, done, drafts->len, error);
}

/* Reads the needs of the rows and applies them into the copy (see the
 * header for which need a row replaces). */
static gboolean
read_needs (LinliPartnerRows  *rows,
            LinliPartnerRead  *read,
            GError           **error)
{
  const LinliPartnerList list = LINLI_PARTNER_LIST_NEEDS;
  LinliPartners *work = read->work;
  g_autoptr (GPtrArray) drafts = g_ptr_array_new_with_free_func (draft_free);
  g_autoptr (GHashTable) existing = NULL;
  Places places = { 0 };
  gboolean ok;

  places_init (&places, read->project);
  ok = read_rows (rows, &places, work, drafts, read->add_categories, error);
  places_clear (&places);
  if (!ok)
    return FALSE;

  /* The needs the lists hold by place and category: position + 1, or
   * AMBIGUOUS. */
  existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < linli_partners_get_n (work, list); i++)
    {
      char *key = need_key (linli_partners_get_need (work, i));

      g_hash_table_insert (existing, key, GUINT_TO_POINTER (g_hash_table_contains (existing, key)
                                                            ? AMBIGUOUS : i + 1));
    }
  for (guint i = 0; i < drafts->len; i++)
    {
      Draft *d = g_ptr_array_index (drafts, i);
      int position = -1;
      guint found;

      if (d->has_id && linli_partners_find (work, list, d->need.id, &found) != NULL)
        position = found;
      else if (!d->has_id)
        {
          g_autofree char *key = need_key (&d->need);
          guint value = GPOINTER_TO_UINT (g_hash_table_lookup (existing, key));

          if (value == AMBIGUOUS)
            {
              GError *bad = NULL;

              set_invalid (&bad, rows->path, d->line,
                           _("the lists hold several needs of this place and category: give "
                             "the need’s id (编号)"));
              _linli_partner_rows_refuse (rows, bad);
              continue;
            }
          position = (int) value - 1;
          if (position >= 0)
            d->need.id = g_strdup (linli_partners_get_need (work, position)->id);
        }
      _linli_partner_csv_put (read, list, position, &d->need, &d->need.id);
    }
  return _linli_partner_rows_check (rows, error);
}
