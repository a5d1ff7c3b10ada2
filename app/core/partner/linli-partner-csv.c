/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-partner-csv"

#include "config.h"

#include "linli-partner-csv.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "linli-csv.h"
#include "linli-number.h"

G_DEFINE_QUARK (linli-partner-csv-error-quark, linli_partner_csv_error)

typedef enum
{
  FIELD_ID,
  FIELD_NAME,
  FIELD_TYPE,
  FIELD_ADDRESS,
  FIELD_LON,
  FIELD_LAT,
  FIELD_CONTACT,
  FIELD_MEMBERS,
  FIELD_CATEGORY,
  FIELD_QUANTITY,
  FIELD_MEASURE,
  FIELD_CAPACITY,
  FIELD_PERIOD,
  N_FIELDS,
} Field;

/* The headers each column is known by, the file's words: not translated. */
static const char *const field_headers[N_FIELDS][4] = {
  { "编号", "id", "单位编号", NULL },
  { "名称", "name", "单位名称", NULL },
  { "类型", "type", "单位类型", NULL },
  { "地址", "address", NULL },
  { "经度", "lon", "longitude", NULL },
  { "纬度", "lat", "latitude", NULL },
  { "联系人", "contact", NULL },
  { "报到党员", "members", "报到党员数", NULL },
  { "类别", "category", "资源类别", NULL },
  { "数量", "quantity", NULL },
  { "计量单位", "measure", "单位", NULL },
  { "容量", "capacity", NULL },
  { "周期", "period", NULL },
};

/* The Chinese names of the unit types, in the order of the enumeration. */
static const char *const type_names_zh[LINLI_PARTNER_UNIT_N_TYPES] = {
  "机关", "企业", "学校", "医院", "市场", "物业", "社会组织", "其他",
};

static const char *const period_names_zh[][2] = {
  { "周", "每周" }, { "月", "每月" }, { "季度", "每季度" }, { "年", "每年" },
};

#define set_invalid(error, path, line, ...) \
  linli_csv_set_error ((error), LINLI_PARTNER_CSV_ERROR, LINLI_PARTNER_CSV_ERROR_INVALID, \
                       (path), (line), __VA_ARGS__)

/* A unit as its rows give it, and the line of its first row. */
typedef struct
{
  LinliPartnerUnit unit;
  GArray          *resources;  /* LinliPartnerResource */
  guint            line;
  char            *key;
  gboolean         has_id;
} Draft;

static void
resource_clear (gpointer data)
{
  LinliPartnerResource *r = data;

  g_free (r->category);
  g_free (r->measure);
}

static void unit_clear (LinliPartnerUnit *u);

static void
draft_free (gpointer data)
{
  Draft *d = data;

  unit_clear (&d->unit);
  g_array_unref (d->resources);
  g_free (d->key);
  g_free (d);
}

/* Frees the strings of a unit that is not an allocated item. */
static void
unit_clear (LinliPartnerUnit *u)
{
  g_clear_pointer (&u->id, g_free);
  g_clear_pointer (&u->name, g_free);
  g_clear_pointer (&u->address, g_free);
  g_clear_pointer (&u->contact, g_free);
}

static gboolean
header_is (const char *header,
           Field       field)
{
  g_autofree char *folded = g_utf8_casefold (header, -1);

  for (guint k = 0; k < G_N_ELEMENTS (field_headers[field]) && field_headers[field][k]; k++)
    if (strcmp (folded, field_headers[field][k]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
parse_type (const char           *text,
            LinliPartnerUnitType *type)
{
  if (linli_partner_unit_type_from_string (text, type))
    return TRUE;
  for (guint t = 0; t < LINLI_PARTNER_UNIT_N_TYPES; t++)
    if (strcmp (text, type_names_zh[t]) == 0 ||
        strcmp (text, linli_partner_unit_type_get_label (t)) == 0)
      {
        *type = t;
        return TRUE;
      }
  return FALSE;
}

static gboolean
parse_period (const char         *text,
              LinliPartnerPeriod *period)
{
  if (linli_partner_period_from_string (text, period))
    return TRUE;
  for (guint p = 0; p < G_N_ELEMENTS (period_names_zh); p++)
    if (strcmp (text, period_names_zh[p][0]) == 0 || strcmp (text, period_names_zh[p][1]) == 0)
      {
        *period = p;
        return TRUE;
      }
  return FALSE;
}

/* A category by its id or its name, as the registry knows it. */
static const char *
find_category (LinliPartners *partners,
               const char    *text)
{
  for (guint i = 0; i < linli_partners_get_n (partners, LINLI_PARTNER_LIST_CATEGORIES); i++)
    {
      const LinliPartnerCategory *c = linli_partners_get_category (partners, i);

      if (g_strcmp0 (c->id, text) == 0 || g_strcmp0 (c->name, text) == 0 ||
          g_strcmp0 (linli_partners_category_label (partners, c->id), text) == 0)
        return c->id;
    }
  return NULL;
}

/* A number of a column; empty gives @fallback when @optional. */
static gboolean
parse_number (const char  *text,
              const char  *column,
              double       min,
              double       max,
              gboolean     optional,
              double       fallback,
              double      *value,
              const char  *path,
              guint        line,
              GError     **error)
{
  LinliNumberStatus status;
  g_autofree char *why = NULL;

  if (optional && *text == '\0')
    {
      *value = fallback;
      return TRUE;
    }
  status = linli_number_parse_double (text, LINLI_NUMBER_ALLOW_SPACE, min, max, value);
  if (status == LINLI_NUMBER_OK)
    return TRUE;
  why = linli_number_describe (status, min, max);
  return set_invalid (error, path, line, _("%s “%s”: %s"), column, text, why);
}

/* The text of @field in the current row: empty when the file has no such
 * column or the row is short. */
static const char *
field_text (LinliCsvReader *reader,
            const int      *columns,
            Field           field,
            char          **stripped)
{
  const char *text;

  if (columns[field] < 0 || (guint) columns[field] >= linli_csv_reader_get_n_fields (reader))
    return "";
  text = linli_csv_reader_get_field (reader, columns[field]);
  g_free (stripped[field]);
  stripped[field] = g_strstrip (g_strdup (text != NULL ? text : ""));
  return stripped[field];
}

/* Reads the unit columns of the current row into @u (whose strings the
 * caller frees). */
static gboolean
read_unit (LinliCsvReader    *reader,
           const int         *columns,
           char             **s,
           LinliPartnerUnit  *u,
           GError           **error)
{
  const char *path = linli_csv_reader_get_display_name (reader);
  guint line = linli_csv_reader_get_line (reader);
  const char *type = field_text (reader, columns, FIELD_TYPE, s);
  const char *lon = field_text (reader, columns, FIELD_LON, s);
  const char *lat = field_text (reader, columns, FIELD_LAT, s);
  const char *members = field_text (reader, columns, FIELD_MEMBERS, s);

  u->name = g_strdup (field_text (reader, columns, FIELD_NAME, s));
  if (*u->name == '\0')
    return set_invalid (error, path, line, _("the unit has no name"));
  u->type = LINLI_PARTNER_UNIT_OTHER;
  if (*type != '\0' && !parse_type (type, &u->type))
    return set_invalid (error, path, line,
                        _("unknown unit type “%s”: one of 机关, 企业, 学校, 医院, 市场, 物业, "
                          "社会组织, 其他"), type);
  u->address = *field_text (reader, columns, FIELD_ADDRESS, s) != '\0'
               ? g_strdup (s[FIELD_ADDRESS]) : NULL;
  u->contact = *field_text (reader, columns, FIELD_CONTACT, s) != '\0'
               ? g_strdup (s[FIELD_CONTACT]) : NULL;
  if ((*lon == '\0') != (*lat == '\0'))
    return set_invalid (error, path, line, _("give both longitude and latitude, or neither"));
  u->has_position = *lon != '\0';
  if (u->has_position &&
      (!parse_number (lon, _("longitude"), -180, 180, FALSE, 0, &u->lon, path, line, error) ||
       !parse_number (lat, _("latitude"), -90, 90, FALSE, 0, &u->lat, path, line, error)))
    return FALSE;
  if (*members != '\0')
    {
      guint64 count;
      LinliNumberStatus status = linli_number_parse_count (members, LINLI_NUMBER_ALLOW_SPACE,
                                                           100000, &count);

      if (status != LINLI_NUMBER_OK)
        {
          g_autofree char *why = linli_number_describe (status, 0, 100000);

          return set_invalid (error, path, line, _("%s “%s”: %s"), _("members reporting"),
                              members, why);
        }
      u->members = count;
    }
  return TRUE;
}

static gboolean
same_unit (const LinliPartnerUnit *a,
           const LinliPartnerUnit *b)
{
  return g_strcmp0 (a->name, b->name) == 0 && a->type == b->type &&
         g_strcmp0 (a->address, b->address) == 0 && g_strcmp0 (a->contact, b->contact) == 0 &&
         a->has_position == b->has_position && a->lat == b->lat && a->lon == b->lon &&
         a->members == b->members;
}

/* Reads the resource columns of the current row, if any, into @drafts'
 * resources. */
static gboolean
read_resource (LinliCsvReader  *reader,
               LinliPartners   *partners,
               const int       *columns,
               char           **s,
               Draft           *draft,
               gboolean         add_categories,
               GError         **error)
{
  const char *path = linli_csv_reader_get_display_name (reader);
  guint line = linli_csv_reader_get_line (reader);
  const char *category = field_text (reader, columns, FIELD_CATEGORY, s);
  const char *quantity = field_text (reader, columns, FIELD_QUANTITY, s);
  const char *measure = field_text (reader, columns, FIELD_MEASURE, s);
  const char *capacity = field_text (reader, columns, FIELD_CAPACITY, s);
  const char *period = field_text (reader, columns, FIELD_PERIOD, s);
  const char *id;
  LinliPartnerResource r = { 0 };

  if (*category == '\0')
    {
      if (*quantity != '\0' || *measure != '\0' || *capacity != '\0' || *period != '\0')
        return set_invalid (error, path, line, _("a resource item without a category"));
      return TRUE;
    }
  id = find_category (partners, category);
  if (id == NULL && add_categories)
    {
      g_autofree char *new_id = linli_partners_new_id (partners, LINLI_PARTNER_LIST_CATEGORIES);
      LinliPartnerCategory c = { new_id, (char *) category, FALSE };

      linli_partners_insert (partners, LINLI_PARTNER_LIST_CATEGORIES,
                             linli_partners_get_n (partners, LINLI_PARTNER_LIST_CATEGORIES), &c);
      id = find_category (partners, category);
    }
  if (id == NULL)
    return set_invalid (error, path, line,
                        _("unknown category “%s”: add it to the registry’s categories first"),
                        category);
  r.period = LINLI_PARTNER_PERIOD_MONTH;
  if (*period != '\0' && !parse_period (period, &r.period))
    return set_invalid (error, path, line,
                        _("unknown period “%s”: one of 周, 月, 季度, 年 (week, month, quarter, "
                          "year)"), period);
  if (!parse_number (quantity, _("quantity"), 0, 1e9, TRUE, 1, &r.quantity, path, line, error) ||
      !parse_number (capacity, _("capacity"), 0, 1e9, FALSE, 0, &r.capacity, path, line, error))
    return FALSE;
  r.category = g_strdup (id);
  r.measure = *measure != '\0' ? g_strdup (measure) : NULL;
  g_array_append_val (draft->resources, r);
  return TRUE;
}

static gboolean
read_rows (LinliCsvReader  *reader,
           LinliPartners   *partners,
           GPtrArray       *drafts,
           gboolean         add_categories,
           GError         **error)
{
  const char *path = linli_csv_reader_get_display_name (reader);
  g_autoptr (GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  int columns[N_FIELDS];
  char *s[N_FIELDS] = { NULL };
  gboolean ok = FALSE;

  for (guint f = 0; f < N_FIELDS; f++)
    columns[f] = -1;
  if (!linli_csv_reader_next (reader, error))
    {
      if (error != NULL && *error == NULL)
        set_invalid (error, path, 0, _("the file is empty"));
      return FALSE;
    }
  for (guint c = 0; c < linli_csv_reader_get_n_fields (reader); c++)
    {
      g_autofree char *header = g_strstrip (g_strdup (linli_csv_reader_get_field (reader, c)));

      for (guint f = 0; f < N_FIELDS; f++)
        if (header_is (header, f))
          {
            if (columns[f] >= 0)
              return set_invalid (error, path, linli_csv_reader_get_line (reader),
                                  _("two columns are “%s”"), header);
            columns[f] = c;
          }
    }
  if (columns[FIELD_NAME] < 0)
    return set_invalid (error, path, linli_csv_reader_get_line (reader),
                        _("no column of names (名称 or name)"));

  while (TRUE)
    {
      g_autoptr (GError) local = NULL;
      LinliPartnerUnit u = { 0 };
      const char *id;
      Draft *draft;
      guint line;
      gboolean blank = TRUE;

      if (!linli_csv_reader_next (reader, &local))
        {
          if (local != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              goto out;
            }
          break;
        }
      line = linli_csv_reader_get_line (reader);
      for (guint c = 0; c < linli_csv_reader_get_n_fields (reader); c++)
        {
          const char *t = linli_csv_reader_get_field (reader, c);

          for (; t != NULL && *t != '\0'; t++)
            if (!g_ascii_isspace (*t))
              blank = FALSE;
        }
      if (blank)
        continue;
      id = field_text (reader, columns, FIELD_ID, s);
      if (!read_unit (reader, columns, s, &u, error))
        {
          unit_clear (&u);
          goto out;
        }
      draft = g_hash_table_lookup (by_key, *id != '\0' ? id : u.name);
      if (draft != NULL && !same_unit (&draft->unit, &u))
        {
          unit_clear (&u);
          set_invalid (error, path, line,
                       _("unit “%s” is given differently on line %u: its columns must be the "
                         "same on each of its rows"), draft->key, draft->line);
          goto out;
        }
      if (draft != NULL)
        unit_clear (&u);
      else
        {
          draft = g_new0 (Draft, 1);
          draft->unit = u;
          draft->has_id = *id != '\0';
          draft->unit.id = draft->has_id ? g_strdup (id) : NULL;
          draft->key = g_strdup (*id != '\0' ? id : u.name);
          draft->line = line;
          draft->resources = g_array_new (FALSE, TRUE, sizeof (LinliPartnerResource));
          g_array_set_clear_func (draft->resources, resource_clear);
          g_ptr_array_add (drafts, draft);
          g_hash_table_insert (by_key, draft->key, draft);
        }
      if (!read_resource (reader, partners, columns, s, draft, add_categories, error))
        goto out;
    }
  if (drafts->len == 0)
    {
      set_invalid (error, path, 0, _("the file lists no unit"));
      goto out;
    }
  ok = TRUE;

out:
  for (guint f = 0; f < N_FIELDS; f++)
    g_free (s[f]);
  return ok;
}

/* The one unit of @partners named @name: position, or -1 for none, -2 for
 * several. */
static int
find_by_name (LinliPartners *partners,
              const char    *name)
{
  int found = -1;

  for (guint i = 0; i < linli_partners_get_n (partners, LINLI_PARTNER_LIST_UNITS); i++)
    if (g_strcmp0 (linli_partners_get_unit (partners, i)->name, name) == 0)
      {
        if (found >= 0)
          return -2;
        found = i;
      }
  return found;
}

/**
 * linli_partner_units_csv_read:
 * @partners: the lists the units go into
 * @path: a CSV file (UTF-8, GBK or UTF-16; comma, semicolon or tab)
 * @add_categories: whether a category @partners does not know is added
 *   (with the name the file gives it) rather than refused
 * @n_added: (out) (optional): units added
 * @n_changed: (out) (optional): units replaced by different ones
 *
 * Reads a list of partner units with their resource items (see the
 * header) into @partners: a unit whose id @partners holds, or without an
 * id whose name one unit of @partners has, is replaced with its resources;
 * any other is added.  Categories are found by id, name or the name
 * shown among those @partners knows.  A refused file leaves @partners as it was, and @error
 * says "FILE:LINE: reason".
 *
 * Returns: whether the file was read
 */
gboolean
linli_partner_units_csv_read (LinliPartners  *partners,
                              const char     *path,
                              gboolean        add_categories,
                              guint          *n_added,
                              guint          *n_changed,
                              GError        **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (LinliCsvReader) reader = NULL;
  g_autoptr (GPtrArray) drafts = g_ptr_array_new_with_free_func (draft_free);
  g_autoptr (LinliPartners) work = linli_partners_new ();
  guint added = 0, changed = 0;

  g_return_val_if_fail (LINLI_IS_PARTNERS (partners), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  reader = linli_csv_reader_new_for_path (path, 0, &local);
  if (reader == NULL)
    {
      linli_csv_propagate_error (error, g_steal_pointer (&local), LINLI_PARTNER_CSV_ERROR,
                                 LINLI_PARTNER_CSV_ERROR_FAILED,
                                 LINLI_PARTNER_CSV_ERROR_INVALID);
      return FALSE;
    }
  /* The rows are read into a copy, which may get new categories; only a
   * file read whole replaces @partners. */
  linli_partners_copy_from (work, partners);
  if (!read_rows (reader, work, drafts, add_categories, &local))
    {
      if (local->domain == LINLI_CSV_ERROR)
        linli_csv_propagate_error (error, g_steal_pointer (&local), LINLI_PARTNER_CSV_ERROR,
                                   LINLI_PARTNER_CSV_ERROR_FAILED,
                                   LINLI_PARTNER_CSV_ERROR_INVALID);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  for (guint i = 0; i < drafts->len; i++)
    {
      Draft *d = g_ptr_array_index (drafts, i);
      g_autofree char *new_id = NULL;
      guint position;
      int by_name = -1;

      d->unit.n_resources = d->resources->len;
      d->unit.resources = (LinliPartnerResource *) d->resources->data;
      if (d->has_id && linli_partners_find (work, LINLI_PARTNER_LIST_UNITS, d->unit.id,
                                            &position) != NULL)
        by_name = position;
      else if (!d->has_id)
        {
          by_name = find_by_name (work, d->unit.name);
          if (by_name == -2)
            return set_invalid (error, linli_csv_reader_get_display_name (reader), d->line,
                                _("several units of the registry are named “%s”: give the "
                                  "unit’s id (编号)"), d->unit.name);
          if (by_name >= 0)
            d->unit.id = g_strdup (linli_partners_get_unit (work, by_name)->id);
        }
      if (by_name >= 0 &&
          linli_partner_item_equal (LINLI_PARTNER_LIST_UNITS,
                                    linli_partners_get_unit (work, by_name), &d->unit))
        ;  /* The same as before: neither added nor changed. */
      else if (by_name >= 0)
        {
          linli_partners_replace (work, LINLI_PARTNER_LIST_UNITS, by_name, &d->unit);
          changed++;
        }
      else
        {
          if (d->unit.id == NULL)
            d->unit.id = new_id = linli_partners_new_id (work, LINLI_PARTNER_LIST_UNITS);
          linli_partners_insert (work, LINLI_PARTNER_LIST_UNITS,
                                 linli_partners_get_n (work, LINLI_PARTNER_LIST_UNITS),
                                 &d->unit);
          if (new_id != NULL)
            d->unit.id = NULL;
          added++;
        }
      d->unit.resources = NULL;
      d->unit.n_resources = 0;
    }
  linli_partners_copy_from (partners, work);
  if (n_added != NULL)
    *n_added = added;
  if (n_changed != NULL)
    *n_changed = changed;
  return TRUE;
}
