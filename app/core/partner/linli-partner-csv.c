/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-partner-csv"

#include "config.h"

#include "linli-partner-csv-private.h"

#include "linli-partner-edits.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "linli-number.h"

G_DEFINE_QUARK (linli-partner-csv-error-quark, linli_partner_csv_error)

/* The public enumeration under short names. */
typedef LinliPartnerCsvField Field;

#define FIELD_ID       LINLI_PARTNER_CSV_ID
#define FIELD_NAME     LINLI_PARTNER_CSV_NAME
#define FIELD_TYPE     LINLI_PARTNER_CSV_TYPE
#define FIELD_ADDRESS  LINLI_PARTNER_CSV_ADDRESS
#define FIELD_LON      LINLI_PARTNER_CSV_LON
#define FIELD_LAT      LINLI_PARTNER_CSV_LAT
#define FIELD_CONTACT  LINLI_PARTNER_CSV_CONTACT
#define FIELD_MEMBERS  LINLI_PARTNER_CSV_MEMBERS
#define FIELD_CATEGORY LINLI_PARTNER_CSV_CATEGORY
#define FIELD_QUANTITY LINLI_PARTNER_CSV_QUANTITY
#define FIELD_MEASURE  LINLI_PARTNER_CSV_MEASURE
#define FIELD_CAPACITY LINLI_PARTNER_CSV_CAPACITY
#define FIELD_PERIOD   LINLI_PARTNER_CSV_PERIOD
#define N_FIELDS       LINLI_PARTNER_CSV_N_FIELDS

/* The headers each column is known by, the file's words: not translated. */
static const LinliPartnerCsvHeaders field_headers[N_FIELDS] = {
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

/* What each column holds, for people. */
static const char *const field_labels[N_FIELDS] = {
  N_("Id"), N_("Name"), N_("Type"), N_("Address"), N_("Longitude"), N_("Latitude"), N_("Contact"),
  N_("Members reporting"), N_("Category"), N_("Quantity"), N_("Measure"), N_("Capacity"),
  N_("Period"),
};

static gboolean read_units (LinliPartnerRows  *rows,
                            LinliPartnerRead  *read,
                            GError           **error);

static const LinliPartnerSheet units_sheet = {
  field_headers, field_labels, N_FIELDS, FIELD_NAME, N_("no column of names (名称 or name)"),
  N_("Import Partner Units"), N_("the file lists no unit"), read_units,
};

/* The Chinese names of the unit types, in the order of the enumeration. */
static const char *const type_names_zh[LINLI_PARTNER_UNIT_N_TYPES] = {
  "机关", "企业", "学校", "医院", "市场", "物业", "社会组织", "其他",
};

static const char *const period_names_zh[][2] = {
  { "周", "每周" }, { "月", "每月" }, { "季度", "每季度" }, { "年", "每年" },
};

#define set_invalid _linli_partner_csv_invalid

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

/* ------------------------------------------------------------------------ */
/* What the partner list readers share                                       */
/* ------------------------------------------------------------------------ */

static gboolean
header_is (const LinliPartnerSheet *sheet,
           const char              *header,
           guint                    field)
{
  g_autofree char *folded = g_utf8_casefold (header, -1);

  for (guint k = 0; k < G_N_ELEMENTS (sheet->headers[field]) && sheet->headers[field][k]; k++)
    if (strcmp (folded, sheet->headers[field][k]) == 0)
      return TRUE;
  return FALSE;
}

/* Converts an error of the CSV reader into one of this domain. */
gboolean
_linli_partner_rows_fail (LinliPartnerRows  *rows,
                          GError            *local,
                          GError           **error)
{
  if (local->domain == LINLI_CSV_ERROR)
    linli_csv_propagate_error (error, local, LINLI_PARTNER_CSV_ERROR,
                               LINLI_PARTNER_CSV_ERROR_FAILED, LINLI_PARTNER_CSV_ERROR_INVALID);
  else
    g_propagate_error (error, local);
  return FALSE;
}

/* Opens @path and reads its header row: the columns are @given (each
 * field one column or none) or found from the headers, two columns of one
 * field refused; the sheet's required field must have one. */
gboolean
_linli_partner_rows_open (LinliPartnerRows        *rows,
                          const LinliPartnerSheet *sheet,
                          const char              *path,
                          const int               *given,
                          GError                 **error)
{
  GError *local = NULL;
  guint line;

  memset (rows, 0, sizeof *rows);
  rows->sheet = sheet;
  rows->n_fields = sheet->n_fields;
  rows->columns = g_new (int, sheet->n_fields);
  rows->stripped = g_new0 (char *, sheet->n_fields);
  rows->path = path;
  for (guint f = 0; f < sheet->n_fields; f++)
    rows->columns[f] = -1;
  rows->reader = linli_csv_reader_new_for_path (path, 0, &local);
  if (rows->reader == NULL)
    return _linli_partner_rows_fail (rows, local, error);
  rows->path = linli_csv_reader_get_display_name (rows->reader);
  if (!linli_csv_reader_next (rows->reader, &local))
    {
      if (local != NULL)
        return _linli_partner_rows_fail (rows, local, error);
      return set_invalid (error, rows->path, 0, _("the file is empty"));
    }
  line = linli_csv_reader_get_line (rows->reader);
  if (given != NULL)
    for (guint f = 0; f < sheet->n_fields; f++)
      rows->columns[f] = given[f] >= 0 &&
                         (guint) given[f] < linli_csv_reader_get_n_fields (rows->reader)
                         ? given[f] : -1;
  else
    for (guint c = 0; c < linli_csv_reader_get_n_fields (rows->reader); c++)
      {
        g_autofree char *header =
          g_strstrip (g_strdup (linli_csv_reader_get_field (rows->reader, c)));

        for (guint f = 0; f < sheet->n_fields; f++)
          if (header_is (sheet, header, f))
            {
              if (rows->columns[f] >= 0)
                return set_invalid (error, rows->path, line, _("two columns are “%s”"), header);
              rows->columns[f] = c;
            }
      }
  if (rows->columns[sheet->required] < 0)
    return set_invalid (error, rows->path, line, "%s", _(sheet->no_required));
  return TRUE;
}

/* Keeps why a row is refused (taking @row_error), and reading goes on, so
 * a refused file lists its bad rows, not only the first. */
void
_linli_partner_rows_refuse (LinliPartnerRows *rows,
                            GError           *row_error)
{
  if (rows->refused == NULL)
    rows->refused = g_string_new (NULL);
  if (rows->n_refused++ < LINLI_PARTNER_CSV_MAX_LISTED)
    g_string_append_printf (rows->refused, "%s%s", rows->refused->len > 0 ? "\n" : "",
                            row_error->message);
  g_error_free (row_error);
}

/* %FALSE with @error listing the rows refused, if any. */
gboolean
_linli_partner_rows_check (LinliPartnerRows  *rows,
                           GError           **error)
{
  if (rows->n_refused == 0)
    return TRUE;
  if (rows->n_refused > LINLI_PARTNER_CSV_MAX_LISTED)
    g_string_append_printf (rows->refused,
                            g_dngettext (GETTEXT_PACKAGE, "\n… and %u more row refused",
                                         "\n… and %u more rows refused",
                                         rows->n_refused - LINLI_PARTNER_CSV_MAX_LISTED),
                            rows->n_refused - LINLI_PARTNER_CSV_MAX_LISTED);
  g_set_error_literal (error, LINLI_PARTNER_CSV_ERROR, LINLI_PARTNER_CSV_ERROR_INVALID,
                       rows->refused->str);
  return FALSE;
}

/* At the end of the rows (@done, or %FALSE for a file that could not be
 * read to the end), having read @n_items: %FALSE with @error for refused
 * rows or a file of no item. */
gboolean
_linli_partner_rows_finish (LinliPartnerRows  *rows,
                            gboolean           done,
                            guint              n_items,
                            GError           **error)
{
  if (!done || !_linli_partner_rows_check (rows, error))
    return FALSE;
  if (n_items == 0)
    return set_invalid (error, rows->path, 0, "%s", _(rows->sheet->empty));
  return TRUE;
}

/* Puts the rows refused so far before @error; %FALSE. */
static gboolean
rows_prefix (LinliPartnerRows  *rows,
             GError           **error)
{
  if (rows->n_refused > 0 && error != NULL && *error != NULL)
    g_prefix_error (error, "%s\n", rows->refused->str);
  return FALSE;
}

/* Moves to the next row that is not blank: %FALSE with @error set for a
 * row that cannot be read or one too many (after the rows refused so far),
 * *@done at the end. */
gboolean
_linli_partner_rows_next (LinliPartnerRows  *rows,
                          gboolean          *done,
                          GError           **error)
{
  GError *local = NULL;

  *done = FALSE;
  for (guint f = 0; f < rows->n_fields; f++)
    g_clear_pointer (&rows->stripped[f], g_free);
  while (TRUE)
    {
      gboolean blank = TRUE;

      if (!linli_csv_reader_next (rows->reader, &local))
        {
          if (local != NULL)
            {
              _linli_partner_rows_fail (rows, local, error);
              return rows_prefix (rows, error);
            }
          *done = TRUE;
          return TRUE;
        }
      for (guint c = 0; blank && c < linli_csv_reader_get_n_fields (rows->reader); c++)
        for (const char *t = linli_csv_reader_get_field (rows->reader, c);
             t != NULL && *t != '\0'; t++)
          if (!g_ascii_isspace (*t))
            {
              blank = FALSE;
              break;
            }
      if (blank)
        continue;
      if (++rows->n_rows > LINLI_PARTNER_CSV_MAX_ROWS)
        {
          set_invalid (error, rows->path, _linli_partner_rows_line (rows),
                       _("more than %u rows: split the list"), LINLI_PARTNER_CSV_MAX_ROWS);
          return rows_prefix (rows, error);
        }
      return TRUE;
    }
}

guint
_linli_partner_rows_line (LinliPartnerRows *rows)
{
  return linli_csv_reader_get_line (rows->reader);
}

/* The text of @field in the current row, stripped (kept until the next
 * row): empty when the file has no such column or the row is short. */
const char *
_linli_partner_rows_text (LinliPartnerRows *rows,
                          guint             field)
{
  const char *text;
  int column = rows->columns[field];

  if (column < 0 || (guint) column >= linli_csv_reader_get_n_fields (rows->reader))
    return "";
  if (rows->stripped[field] == NULL)
    {
      text = linli_csv_reader_get_field (rows->reader, column);
      rows->stripped[field] = g_strstrip (g_strdup (text != NULL ? text : ""));
    }
  return rows->stripped[field];
}

void
_linli_partner_rows_clear (LinliPartnerRows *rows)
{
  for (guint f = 0; rows->stripped != NULL && f < rows->n_fields; f++)
    g_free (rows->stripped[f]);
  g_clear_pointer (&rows->stripped, g_free);
  g_clear_pointer (&rows->columns, g_free);
  g_clear_pointer (&rows->reader, linli_csv_reader_free);
  if (rows->refused != NULL)
    g_string_free (g_steal_pointer (&rows->refused), TRUE);
}

/* A number of a column; empty gives @fallback when @optional. */
gboolean
_linli_partner_csv_number (LinliPartnerRows  *rows,
                           const char        *text,
                           const char        *column,
                           double             min,
                           double             max,
                           gboolean           optional,
                           double             fallback,
                           double            *value,
                           GError           **error)
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
  return set_invalid (error, rows->path, _linli_partner_rows_line (rows), _("%s “%s”: %s"),
                      column, text, why);
}

/* A period by its name in the file or in Chinese; empty is a month. */
gboolean
_linli_partner_csv_period (LinliPartnerRows    *rows,
                           const char          *text,
                           LinliPartnerPeriod  *period,
                           GError             **error)
{
  *period = LINLI_PARTNER_PERIOD_MONTH;
  if (*text == '\0' || linli_partner_period_from_string (text, period))
    return TRUE;
  for (guint p = 0; p < G_N_ELEMENTS (period_names_zh); p++)
    if (strcmp (text, period_names_zh[p][0]) == 0 || strcmp (text, period_names_zh[p][1]) == 0)
      {
        *period = p;
        return TRUE;
      }
  return set_invalid (error, rows->path, _linli_partner_rows_line (rows),
                      _("unknown period “%s”: one of 周, 月, 季度, 年 (week, month, quarter, "
                        "year)"), text);
}

/* A category by its id or its name, as the lists know it. */
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

/* The id of the category @text names in @partners, added to them (with
 * that name) when @add and not known; %NULL with @error when refused. */
const char *
_linli_partner_csv_category (LinliPartnerRows  *rows,
                             LinliPartners     *partners,
                             const char        *text,
                             gboolean           add,
                             GError           **error)
{
  const char *id = find_category (partners, text);

  if (id == NULL && add)
    {
      g_autofree char *new_id = linli_partners_new_id (partners, LINLI_PARTNER_LIST_CATEGORIES);
      LinliPartnerCategory c = { new_id, (char *) text, FALSE };

      linli_partners_insert (partners, LINLI_PARTNER_LIST_CATEGORIES,
                             linli_partners_get_n (partners, LINLI_PARTNER_LIST_CATEGORIES), &c);
      id = find_category (partners, text);
    }
  if (id == NULL)
    set_invalid (error, rows->path, _linli_partner_rows_line (rows),
                 _("unknown category “%s”: add it to the registry’s categories first"), text);
  return id;
}

/* Puts @item, read from a file, into the copy: in place of the item at
 * @position, unless it is the same, or (@position -1) at the end, given a
 * new id in *@id when it has none; counts what it added and changed. */
void
_linli_partner_csv_put (LinliPartnerRead  *read,
                        LinliPartnerList   list,
                        int                position,
                        gpointer           item,
                        char             **id)
{
  if (position >= 0 &&
      linli_partner_item_equal (list, linli_partners_get (read->work, list, position), item))
    return;  /* The same as before: neither added nor changed. */
  if (position >= 0)
    {
      linli_partners_replace (read->work, list, position, item);
      read->n_changed++;
      return;
    }
  if (*id == NULL)
    *id = linli_partners_new_id (read->work, list);
  linli_partners_insert (read->work, list, linli_partners_get_n (read->work, list), item);
  read->n_added++;
}

/* Brings what @work has and the project's lists have not, or have
 * otherwise, of the categories and @list into the project through the
 * partner edits, as one undo step named @title. */
static void
bring_in (LinliHistory     *history,
                             LinliPartners    *work,
                             LinliPartnerList  list,
                             const char       *title)
{
  LinliPartners *partners = linli_project_get_partners (linli_history_get_project (history));
  const LinliPartnerList lists[] = { LINLI_PARTNER_LIST_CATEGORIES, list };

  linli_history_begin_group (history, title);
  /* New categories first: the items refer to them. */
  for (guint k = 0; k < G_N_ELEMENTS (lists); k++)
    for (guint i = 0; i < linli_partners_get_n (work, lists[k]); i++)
      {
        gconstpointer item = linli_partners_get (work, lists[k], i);
        gconstpointer old = linli_partners_find (partners, lists[k],
                                                 linli_partner_item_get_id (lists[k], item),
                                                 NULL);

        if (old == NULL)
          {
            g_autofree char *id = linli_partner_edits_add (history, lists[k], item);

            g_warn_if_fail (g_strcmp0 (id, linli_partner_item_get_id (lists[k], item)) == 0);
          }
        else if (!linli_partner_item_equal (lists[k], old, item))
          g_warn_if_fail (linli_partner_edits_change (history, lists[k], item));
      }
  linli_history_end_group (history);
}

/* ------------------------------------------------------------------------ */
/* Units                                                                     */
/* ------------------------------------------------------------------------ */

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

/* Reads the unit columns of the current row into @u (whose strings the
 * caller frees). */
static gboolean
read_unit (LinliPartnerRows  *rows,
           LinliPartnerUnit  *u,
           GError           **error)
{
  guint line = _linli_partner_rows_line (rows);
  const char *type = _linli_partner_rows_text (rows, FIELD_TYPE);
  const char *lon = _linli_partner_rows_text (rows, FIELD_LON);
  const char *lat = _linli_partner_rows_text (rows, FIELD_LAT);
  const char *members = _linli_partner_rows_text (rows, FIELD_MEMBERS);
  const char *address = _linli_partner_rows_text (rows, FIELD_ADDRESS);
  const char *contact = _linli_partner_rows_text (rows, FIELD_CONTACT);

  u->name = g_strdup (_linli_partner_rows_text (rows, FIELD_NAME));
  if (*u->name == '\0')
    return set_invalid (error, rows->path, line, _("the unit has no name"));
  u->type = LINLI_PARTNER_UNIT_OTHER;
  if (*type != '\0' && !parse_type (type, &u->type))
    return set_invalid (error, rows->path, line,
                        _("unknown unit type “%s”: one of 机关, 企业, 学校, 医院, 市场, 物业, "
                          "社会组织, 其他"), type);
  u->address = *address != '\0' ? g_strdup (address) : NULL;
  u->contact = *contact != '\0' ? g_strdup (contact) : NULL;
  if ((*lon == '\0') != (*lat == '\0'))
    return set_invalid (error, rows->path, line,
                        _("give both longitude and latitude, or neither"));
  u->has_position = *lon != '\0';
  if (u->has_position &&
      (!_linli_partner_csv_number (rows, lon, _("longitude"), -180, 180, FALSE, 0, &u->lon,
                                   error) ||
       !_linli_partner_csv_number (rows, lat, _("latitude"), -90, 90, FALSE, 0, &u->lat,
                                   error)))
    return FALSE;
  if (*members != '\0')
    {
      guint64 count;
      LinliNumberStatus status = linli_number_parse_count (members, LINLI_NUMBER_ALLOW_SPACE,
                                                           100000, &count);

      if (status != LINLI_NUMBER_OK)
        {
          g_autofree char *why = linli_number_describe (status, 0, 100000);

          return set_invalid (error, rows->path, line, _("%s “%s”: %s"),
                              _("members reporting"), members, why);
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

/* Reads the resource columns of the current row, if any, into @draft's
 * resources. */
static gboolean
read_resource (LinliPartnerRows  *rows,
               LinliPartners     *partners,
               Draft             *draft,
               gboolean           add_categories,
               GError           **error)
{
  const char *category = _linli_partner_rows_text (rows, FIELD_CATEGORY);
  const char *quantity = _linli_partner_rows_text (rows, FIELD_QUANTITY);
  const char *measure = _linli_partner_rows_text (rows, FIELD_MEASURE);
  const char *capacity = _linli_partner_rows_text (rows, FIELD_CAPACITY);
  const char *period = _linli_partner_rows_text (rows, FIELD_PERIOD);
  const char *id;
  LinliPartnerResource r = { 0 };

  if (*category == '\0')
    {
      if (*quantity != '\0' || *measure != '\0' || *capacity != '\0' || *period != '\0')
        return set_invalid (error, rows->path, _linli_partner_rows_line (rows),
                            _("a resource item without a category"));
      return TRUE;
    }
  if ((id = _linli_partner_csv_category (rows, partners, category, add_categories,
                                         error)) == NULL ||
      !_linli_partner_csv_period (rows, period, &r.period, error) ||
      !_linli_partner_csv_number (rows, quantity, _("quantity"), 0, 1e9, TRUE, 1, &r.quantity,
                                  error) ||
      !_linli_partner_csv_number (rows, capacity, _("capacity"), 0, 1e9, FALSE, 0, &r.capacity,
                                  error))
    return FALSE;
  r.category = g_strdup (id);
  r.measure = *measure != '\0' ? g_strdup (measure) : NULL;
  g_array_append_val (draft->resources, r);
  return TRUE;
}

static gboolean
read_rows (LinliPartnerRows  *rows,
           LinliPartners     *partners,
           GPtrArray         *drafts,
           gboolean           add_categories,
           GError           **error)
{
  g_autoptr (GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean done = FALSE;

  while (_linli_partner_rows_next (rows, &done, error) && !done)
    {
      LinliPartnerUnit u = { 0 };
      const char *id = _linli_partner_rows_text (rows, FIELD_ID);
      guint line = _linli_partner_rows_line (rows);
      GError *bad = NULL;
      Draft *draft;

      if (!read_unit (rows, &u, &bad))
        {
          unit_clear (&u);
          _linli_partner_rows_refuse (rows, bad);
          continue;
        }
      draft = g_hash_table_lookup (by_key, *id != '\0' ? id : u.name);
      if (draft != NULL && !same_unit (&draft->unit, &u))
        {
          unit_clear (&u);
          set_invalid (&bad, rows->path, line,
                       _("unit “%s” is given differently on line %u: its columns must be the "
                         "same on each of its rows"), draft->key, draft->line);
          _linli_partner_rows_refuse (rows, bad);
          continue;
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
      if (!read_resource (rows, partners, draft, add_categories, &bad))
        _linli_partner_rows_refuse (rows, bad);
    }
  return _linli_partner_rows_finish (rows, done, drafts->len, error);
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

/* Applies the units read into @work: a unit whose id @work holds, or
 * without id whose name one unit of @work has, is replaced with its
 * resources; any other is added. */
static gboolean
read_units (LinliPartnerRows  *rows,
            LinliPartnerRead  *read,
            GError           **error)
{
  LinliPartners *work = read->work;
  g_autoptr (GPtrArray) drafts = g_ptr_array_new_with_free_func (draft_free);

  if (!read_rows (rows, work, drafts, read->add_categories, error))
    return FALSE;
  for (guint i = 0; i < drafts->len; i++)
    {
      Draft *d = g_ptr_array_index (drafts, i);
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
            {
              GError *bad = NULL;

              set_invalid (&bad, rows->path, d->line,
                           _("several units of the registry are named “%s”: give the unit’s "
                             "id (编号)"), d->unit.name);
              _linli_partner_rows_refuse (rows, bad);
              continue;
            }
          if (by_name >= 0)
            d->unit.id = g_strdup (linli_partners_get_unit (work, by_name)->id);
        }
      _linli_partner_csv_put (read, LINLI_PARTNER_LIST_UNITS, by_name, &d->unit, &d->unit.id);
      d->unit.resources = NULL;
      d->unit.n_resources = 0;
    }
  return _linli_partner_rows_check (rows, error);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                                */
/* ------------------------------------------------------------------------ */

static const LinliPartnerSheet *
sheet_of (LinliPartnerList list)
{
  switch (list)
    {
    case LINLI_PARTNER_LIST_UNITS:
      return &units_sheet;
    case LINLI_PARTNER_LIST_NEEDS:
      return &_linli_partner_needs_sheet;
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * linli_partner_units_csv_read:
 * @partners: the lists the units go into
 * @path: a CSV file (UTF-8, GBK or UTF-16; comma, semicolon or tab)
 * @add_categories: whether a category @partners does not know is added
 *   (with the name the file gives it) rather than refused
 * @n_added: (out) (optional): units added
 * @n_changed: (out) (optional): units replaced by different ones
 * @error: where a refused file is reported, "FILE:LINE: reason" a bad row
 *
 * linli_partner_csv_read() of a units list, its columns found from the
 * headers.
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
  return linli_partner_csv_read (LINLI_PARTNER_LIST_UNITS, NULL, partners, path, NULL,
                                 add_categories, n_added, n_changed, error);
}

/**
 * linli_partner_csv_read:
 * @list: %LINLI_PARTNER_LIST_UNITS or %LINLI_PARTNER_LIST_NEEDS
 * @project: (nullable): the project whose communities, compounds and grids
 *   the places of needs name (needs only)
 * @partners: the lists the file goes into (a project's or a registry's)
 * @path: a CSV file (UTF-8, GBK or UTF-16; comma, semicolon or tab) with a
 *   header row
 * @columns: (nullable) (array): per field of the list
 *   (#LinliPartnerCsvField, #LinliPartnerNeedsCsvField) the column it is
 *   in, -1 for none; %NULL: found from the headers
 * @add_categories: whether a category @partners does not know is added
 *   (with the name the file gives it) rather than refused
 * @n_added: (out) (optional): items added
 * @n_changed: (out) (optional): items replaced by different ones
 * @error: where a refused file is reported: "FILE:LINE: reason" for each
 *   bad row (ten at most, and how many more)
 *
 * Reads a list of units (linli-partner-csv.h) or needs
 * (linli-partner-needs-csv.h) into @partners.  Categories are found by
 * id, name or the name shown among those @partners knows.  A refused file
 * leaves @partners as it was.
 *
 * Returns: whether the file was read
 */
gboolean
linli_partner_csv_read (LinliPartnerList   list,
                        LinliProject      *project,
                        LinliPartners     *partners,
                        const char        *path,
                        const int         *columns,
                        gboolean           add_categories,
                        guint             *n_added,
                        guint             *n_changed,
                        GError           **error)
{
  const LinliPartnerSheet *sheet = sheet_of (list);
  g_auto (LinliPartnerRows) rows = { 0 };
  g_autoptr (LinliPartners) work = linli_partners_new ();
  LinliPartnerRead read = { project, work, add_categories, 0, 0 };

  g_return_val_if_fail (sheet != NULL, FALSE);
  g_return_val_if_fail (list != LINLI_PARTNER_LIST_NEEDS || LINLI_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (LINLI_IS_PARTNERS (partners), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* The rows are read into a copy, which may get new categories; only a
   * file read whole replaces @partners. */
  linli_partners_copy_from (work, partners);
  if (!_linli_partner_rows_open (&rows, sheet, path, columns, error) ||
      !sheet->read (&rows, &read, error))
    return FALSE;
  linli_partners_copy_from (partners, work);
  if (n_added != NULL)
    *n_added = read.n_added;
  if (n_changed != NULL)
    *n_changed = read.n_changed;
  return TRUE;
}

/**
 * linli_partner_csv_import:
 * @list: %LINLI_PARTNER_LIST_UNITS or %LINLI_PARTNER_LIST_NEEDS
 * @history: the history of the project the list goes into
 * @path: a CSV file with a header row
 * @columns: (nullable) (array): the columns chosen, or %NULL to find them
 *   from the headers
 * @add_categories: whether categories not known yet are added
 * @n_added: (out) (optional): how many items were added
 * @n_changed: (out) (optional): how many were changed
 * @error: where a refused file is reported, as linli_partner_csv_read()
 *
 * Reads the file as linli_partner_csv_read() does into a copy of the
 * project's lists, and brings what it added and changed into the project
 * through the partner edits, as one undo step.  A refused file changes
 * nothing.
 *
 * Returns: whether the file was read
 */
gboolean
linli_partner_csv_import (LinliPartnerList   list,
                          LinliHistory      *history,
                          const char        *path,
                          const int         *columns,
                          gboolean           add_categories,
                          guint             *n_added,
                          guint             *n_changed,
                          GError           **error)
{
  const LinliPartnerSheet *sheet = sheet_of (list);
  LinliProject *project;
  g_autoptr (LinliPartners) work = linli_partners_new ();
  guint added = 0, changed = 0;

  g_return_val_if_fail (sheet != NULL, FALSE);
  g_return_val_if_fail (LINLI_IS_HISTORY (history), FALSE);

  project = linli_history_get_project (history);
  linli_partners_copy_from (work, linli_project_get_partners (project));
  if (!linli_partner_csv_read (list, project, work, path, columns, add_categories, &added,
                               &changed, error))
    return FALSE;
  if (added + changed > 0)
    bring_in (history, work, list, _(sheet->title));
  if (n_added != NULL)
    *n_added = added;
  if (n_changed != NULL)
    *n_changed = changed;
  return TRUE;
}

/**
 * linli_partner_csv_get_n_fields:
 * @list: %LINLI_PARTNER_LIST_UNITS or %LINLI_PARTNER_LIST_NEEDS
 *
 * Returns: how many fields the list has (the length of the columns arrays)
 */
guint
linli_partner_csv_get_n_fields (LinliPartnerList list)
{
  const LinliPartnerSheet *sheet = sheet_of (list);

  return sheet != NULL ? sheet->n_fields : 0;
}

/**
 * linli_partner_csv_get_required:
 * @list: %LINLI_PARTNER_LIST_UNITS or %LINLI_PARTNER_LIST_NEEDS
 *
 * Returns: the field without a column of which the list is refused (a
 *   unit's name, a need's category)
 */
guint
linli_partner_csv_get_required (LinliPartnerList list)
{
  const LinliPartnerSheet *sheet = sheet_of (list);

  return sheet != NULL ? sheet->required : 0;
}

/**
 * linli_partner_csv_guess_columns:
 * @list: %LINLI_PARTNER_LIST_UNITS or %LINLI_PARTNER_LIST_NEEDS
 * @headers: (array length=n_headers): a file's header row
 * @n_headers: its length
 * @columns: (out caller-allocates) (array): per field of the list the
 *   column whose header names it, or -1
 *
 * Guesses the columns from the headers the way linli_partner_csv_read()
 * finds them (the first of two alike).
 */
void
linli_partner_csv_guess_columns (LinliPartnerList   list,
                                 const char *const *headers,
                                 guint              n_headers,
                                 int               *columns)
{
  const LinliPartnerSheet *sheet = sheet_of (list);

  g_return_if_fail (sheet != NULL);

  for (guint f = 0; f < sheet->n_fields; f++)
    columns[f] = -1;
  for (guint c = 0; c < n_headers; c++)
    {
      g_autofree char *header = g_strstrip (g_strdup (headers[c] != NULL ? headers[c] : ""));

      for (guint f = 0; f < sheet->n_fields; f++)
        if (columns[f] < 0 && header_is (sheet, header, f))
          columns[f] = c;
    }
}

/**
 * linli_partner_csv_field_label:
 * @list: %LINLI_PARTNER_LIST_UNITS or %LINLI_PARTNER_LIST_NEEDS
 * @field: a field of the list
 *
 * Returns: (transfer none): what the column holds, for people (translated)
 */
const char *
linli_partner_csv_field_label (LinliPartnerList list,
                               guint            field)
{
  const LinliPartnerSheet *sheet = sheet_of (list);

  g_return_val_if_fail (sheet != NULL && field < sheet->n_fields, NULL);

  return _(sheet->labels[field]);
}
