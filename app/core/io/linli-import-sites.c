/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-import-sites"

#include "config.h"

#include "linli-import-sites.h"
#include "linli-import-csv-private.h"
#include "linli-import-private.h"
#include "linli-json.h"
#include "linli-number.h"
#include "linli-project-edits.h"
#include "linli-xml.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#define MAX_NAME_CHARS 1024u   /* what the .linli format accepts */
#define MAX_AREA_M2    LINLI_SITE_MAX_AREA  /* ten square kilometres of floor: no service position is larger */

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LinliSiteState, linli_site_state_clear)

/* ------------------------------------------------------------------------ */
/* Fields and mappings                                                       */
/* ------------------------------------------------------------------------ */

static const char *const field_names[LINLI_SITE_N_FIELDS] = {
  "name", "address", "lat", "lon", "tier", "area", "cost", "capacity",
};

static const char *const field_labels[LINLI_SITE_N_FIELDS] = {
  N_("Name"), N_("Address"), N_("Latitude (y)"), N_("Longitude (x)"), N_("Tier"), N_("Floor area (m²)"),
  N_("Cost (yuan)"), N_("Capacity (households)"),
};

const char *
linli_site_field_to_string (LinliSiteField field)
{
  g_return_val_if_fail (field < LINLI_SITE_N_FIELDS, NULL);
  return field_names[field];
}

gboolean
linli_site_field_from_string (const char     *string,
                              LinliSiteField *field)
{
  for (guint i = 0; i < LINLI_SITE_N_FIELDS; i++)
    if (g_ascii_strcasecmp (string, field_names[i]) == 0)
      {
        *field = i;
        return TRUE;
      }
  if (g_ascii_strcasecmp (string, "y") == 0 || g_ascii_strcasecmp (string, "x") == 0)
    {
      *field = g_ascii_strcasecmp (string, "y") == 0 ? LINLI_SITE_FIELD_LAT : LINLI_SITE_FIELD_LON;
      return TRUE;
    }
  return FALSE;
}

/**
 * linli_site_field_get_label:
 *
 * Returns: the field's name for people, translated
 */
const char *
linli_site_field_get_label (LinliSiteField field)
{
  g_return_val_if_fail (field < LINLI_SITE_N_FIELDS, NULL);
  return _(field_labels[field]);
}

void
linli_site_mapping_init (LinliSiteMapping *mapping)
{
  for (guint i = 0; i < LINLI_SITE_N_FIELDS; i++)
    mapping->columns[i] = -1;
}

/* Headers for each field as _linli_csv_header_key() leaves them: exact
 * names first, then parts of names, in the order of this table. */
static const struct
{
  LinliSiteField field;
  const char    *exact[16];
  const char    *parts[6];
} guesses[] = {
  { LINLI_SITE_FIELD_LAT,
    { "lat", "latitude", "y", "纬度", "wgs84lat", "gcj02lat", NULL },
    { "纬度", "latitude", NULL } },
  { LINLI_SITE_FIELD_LON,
    { "lon", "lng", "long", "longitude", "x", "经度", "wgs84lon", "gcj02lon", "wgs84lng", "gcj02lng", NULL },
    { "经度", "longitude", NULL } },
  { LINLI_SITE_FIELD_TIER,
    { "tier", "type", "kind", "level", "类型", "类别", "层级", "级别", "阵地类型", NULL },
    { "类型", "层级", "tier", NULL } },
  { LINLI_SITE_FIELD_AREA,
    { "area", "floorarea", "floor_area", "size", "面积", "建筑面积", "使用面积", NULL },
    { "面积", "area", NULL } },
  { LINLI_SITE_FIELD_COST,
    { "cost", "price", "rent", "费用", "成本", "造价", "租金", "投资", "改造费用", NULL },
    { "费用", "成本", "租金", "cost", NULL } },
  { LINLI_SITE_FIELD_CAPACITY,
    { "capacity", "households", "容量", "服务户数", "可服务户数", NULL },
    { "容量", "capacity", NULL } },
  { LINLI_SITE_FIELD_ADDRESS,
    { "address", "addr", "地址", "详细地址", "位置", "门牌", NULL },
    { "地址", "address", NULL } },
  { LINLI_SITE_FIELD_NAME,
    { "name", "site", "sitename", "site_name", "名称", "点位", "点位名称", "阵地名称", "场所", "场所名称", NULL },
    { "名称", "name", NULL } },
};

/**
 * linli_site_mapping_guess:
 *
 * Maps columns by their headers, in English or Chinese (名称, 地址, 经度,
 * 纬度, 类型, 面积, 费用 …): exact names first, then headers that contain
 * one.  Units in brackets are ignored; each column maps to one field at
 * most.
 */
void
linli_site_mapping_guess (LinliSiteMapping    *mapping,
                          const LinliCsvTable *table)
{
  guint n = linli_csv_table_get_n_columns (table);
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree gboolean *used = g_new0 (gboolean, MAX (n, 1));

  linli_site_mapping_init (mapping);
  for (guint c = 0; c < n; c++)
    g_ptr_array_add (keys, _linli_csv_header_key (linli_csv_table_get_header (table, c)));

  for (guint c = 0; c < n; c++)
    for (guint g = 0; g < G_N_ELEMENTS (guesses) && !used[c]; g++)
      for (guint k = 0; guesses[g].exact[k] != NULL; k++)
        if (mapping->columns[guesses[g].field] < 0 && g_str_equal (keys->pdata[c], guesses[g].exact[k]))
          {
            mapping->columns[guesses[g].field] = c;
            used[c] = TRUE;
            break;
          }
  for (guint g = 0; g < G_N_ELEMENTS (guesses); g++)
    for (guint c = 0; c < n && mapping->columns[guesses[g].field] < 0; c++)
      for (guint k = 0; !used[c] && guesses[g].parts[k] != NULL; k++)
        if (strstr (keys->pdata[c], guesses[g].parts[k]) != NULL)
          {
            mapping->columns[guesses[g].field] = c;
            used[c] = TRUE;
          }
}

/**
 * linli_site_mapping_parse:
 * @assignment: "FIELD=COLUMN", e.g. "cost=费用", "lat=3" or "tier=none"
 *
 * Sets one field's column: COLUMN is a header or a column number from 1,
 * or "none".
 *
 * Returns: %FALSE with @error set if the field or the column is unknown
 */
gboolean
linli_site_mapping_parse (LinliSiteMapping    *mapping,
                          const LinliCsvTable *table,
                          const char          *assignment,
                          GError             **error)
{
  const char *eq = strchr (assignment, '=');
  g_autofree char *name = NULL;
  LinliSiteField field;
  int column;

  if (eq == NULL)
    {
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED, _("“%s” is not FIELD=COLUMN"), assignment);
      return FALSE;
    }
  name = g_strstrip (g_strndup (assignment, eq - assignment));
  if (!linli_site_field_from_string (name, &field))
    {
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED,
                   _("unknown field “%s”: use name, address, lat, lon, tier, area, cost or capacity"), name);
      return FALSE;
    }
  if (g_ascii_strcasecmp (eq + 1, "none") == 0 || eq[1] == '\0')
    column = -1;
  else if ((column = linli_csv_table_find_column (table, eq + 1)) < 0)
    {
      g_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_FAILED, _("%s has no column “%s”"),
                   linli_csv_table_get_display_name (table), eq + 1);
      return FALSE;
    }
  mapping->columns[field] = column;
  return TRUE;
}

void
linli_site_import_options_init (LinliSiteImportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->crs = LINLI_CRS_WGS84;
  options->tier = LINLI_SITE_TIER_STATION;
}

/* ------------------------------------------------------------------------ */
/* The result                                                                */
/* ------------------------------------------------------------------------ */

static LinliSiteImport *
import_new (const char *display_name)
{
  LinliSiteImport *import = g_new0 (LinliSiteImport, 1);

  import->display_name = g_strdup (display_name);
  import->sites = g_ptr_array_new_with_free_func ((GDestroyNotify) linli_site_state_free);
  import->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  import->refusals = g_ptr_array_new_with_free_func (g_free);
  import->refused_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  return import;
}

void
linli_site_import_free (LinliSiteImport *import)
{
  if (import == NULL)
    return;
  g_free (import->display_name);
  g_ptr_array_unref (import->sites);
  g_array_unref (import->lines);
  g_ptr_array_unref (import->refusals);
  g_array_unref (import->refused_lines);
  g_free (import);
}

guint
linli_site_import_get_n_sites (const LinliSiteImport *import)
{
  return import->sites->len;
}

/* Keeps @error's message as a refusal of @line, and frees it. */
static void
refuse (LinliSiteImport *import,
        guint            line,
        GError          *error)
{
  import->n_refused++;
  if (import->refusals->len < LINLI_SITE_IMPORT_MAX_REFUSALS)
    {
      g_ptr_array_add (import->refusals, g_strdup (error->message));
      g_array_append_val (import->refused_lines, line);
    }
  g_error_free (error);
}

static void G_GNUC_PRINTF (4, 5)
refuse_at (LinliSiteImport *import,
           guint            line,
           const char      *where,
           const char      *format,
           ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  refuse (import, line, g_error_new (LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID, "%s: %s", where, reason));
}

/* Names are cut to what a file holds, on a character boundary. */
static char *
clamp_name (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  g_strstrip (valid);
  if (g_utf8_strlen (valid, -1) > (glong) MAX_NAME_CHARS)
    return g_utf8_substring (valid, 0, MAX_NAME_CHARS);
  return g_steal_pointer (&valid);
}

/* Adds a copy of @state to the result. */
static void
add_site (LinliSiteImport *import,
          LinliSiteState  *state,
          guint            line)
{
  g_ptr_array_add (import->sites, linli_site_state_copy (state));
  g_array_append_val (import->lines, line);
}

static char *
numbered_name (const LinliSiteImport *import)
{
  /* Translators: the name of an imported candidate site that had none */
  return g_strdup_printf (_("Candidate site %u"), import->sites->len + 1);
}

/* ------------------------------------------------------------------------ */
/* A list                                                                    */
/* ------------------------------------------------------------------------ */

/* A tier as a list writes it: the file format's names, or Chinese ones. */
static gboolean
parse_tier (const char    *text,
            LinliSiteTier *tier)
{
  static const struct { const char *text; LinliSiteTier tier; } words[] = {
    { "street", LINLI_SITE_TIER_STREET },
    { "community", LINLI_SITE_TIER_COMMUNITY },
    { "station", LINLI_SITE_TIER_STATION },
    { "grid", LINLI_SITE_TIER_STATION },
    { "compound", LINLI_SITE_TIER_STATION },
    { "neighbourhood", LINLI_SITE_TIER_NEIGHBOURHOOD },
    { "neighborhood", LINLI_SITE_TIER_NEIGHBOURHOOD },
    { "站", LINLI_SITE_TIER_STATION },
    { "小区", LINLI_SITE_TIER_STATION },
    { "网格", LINLI_SITE_TIER_STATION },
  };

  if (linli_site_tier_from_string (text, tier))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_ascii_strcasecmp (text, words[i].text) == 0)
      {
        *tier = words[i].tier;
        return TRUE;
      }
  if (linli_import_tier_from_name (text, tier))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (!g_ascii_isalpha (words[i].text[0]) && strstr (text, words[i].text) != NULL)
      {
        *tier = words[i].tier;
        return TRUE;
      }
  return FALSE;
}

/* Digits grouped by thousands ("1,234,000.5"): the commas dropped.
 * Returns %FALSE when commas are there but not in groups of three. */
static gboolean
ungroup (char *s)
{
  gsize sign = s[0] == '-' || s[0] == '+';
  gsize int_len = strcspn (s + sign, ".eE");
  guint group = 0, groups = 0;
  gsize out = sign;

  if (strchr (s, ',') == NULL)
    return TRUE;
  if (strchr (s + sign + int_len, ',') != NULL)
    return FALSE;
  for (gsize i = sign; i < sign + int_len; i++)
    {
      if (s[i] == ',')
        {
          if (groups == 0 ? group < 1 || group > 3 : group != 3)
            return FALSE;
          group = 0;
          groups++;
          continue;
        }
      s[out++] = s[i];
      group++;
    }
  if (group != 3)
    return FALSE;
  memmove (s + out, s + sign + int_len, strlen (s + sign + int_len) + 1);
  return TRUE;
}

/* An amount ≥ 0 with maybe a unit from @units (each with its factor).
 * Blank is not present. */
static gboolean
cell_amount (const LinliCsvTable *table,
             guint                row,
             int                  column,
             LinliSiteField       field,
             double               max,
             gboolean            *present,
             double              *value,
             GError             **error)
{
  static const struct { const char *unit; double factor; } units[] = {
    { "万元", 1e4 }, { "万", 1e4 }, { "元", 1 }, { "¥", 1 }, { "平方米", 1 }, { "平米", 1 }, { "m²", 1 },
    { "m2", 1 }, { "㎡", 1 }, { "户", 1 },
  };
  const char *label = linli_site_field_get_label (field);
  g_autofree char *raw = _linli_csv_cell_text (table, row, column);
  g_autofree char *s = _linli_csv_cell_number (table, row, column);
  double factor = 1;
  LinliNumberStatus status;

  *present = FALSE;
  if (s[0] == '\0')
    return TRUE;
  if (g_str_has_prefix (s, "¥"))
    memmove (s, s + strlen ("¥"), strlen (s) - strlen ("¥") + 1);
  /* "m²" is NFKC "m2"; "㎡" too. */
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_has_suffix (s, units[i].unit))
      {
        s[strlen (s) - strlen (units[i].unit)] = '\0';
        g_strchomp (s);
        factor = units[i].factor;
        break;
      }
  if (!ungroup (s))
    return _linli_csv_cell_error (table, row, column, label, raw, _("is not a number"), error);
  status = linli_number_parse_double (s, LINLI_NUMBER_FLAGS_NONE, 0, max / factor, value);
  if (status != LINLI_NUMBER_OK)
    {
      g_autofree char *reason = linli_number_describe (status, 0, max);

      return _linli_csv_cell_error (table, row, column, label, raw, reason, error);
    }
  *value *= factor;
  *present = TRUE;
  return TRUE;
}

/* One row into @st, or %FALSE with @error set. */
static gboolean
read_row (const LinliCsvTable          *table,
          const LinliSiteMapping       *mapping,
          const LinliSiteImportOptions *options,
          guint                         row,
          LinliSiteState               *st,
          GError                      **error)
{
  const int *col = mapping->columns;
  g_autofree char *name = NULL, *address = NULL, *tier_text = NULL;
  gboolean has_lat, has_lon, present;
  double lat = 0, lon = 0, value;

  if (!_linli_csv_cell_degrees (table, row, col[LINLI_SITE_FIELD_LAT],
                                linli_site_field_get_label (LINLI_SITE_FIELD_LAT), TRUE, &has_lat, &lat, error) ||
      !_linli_csv_cell_degrees (table, row, col[LINLI_SITE_FIELD_LON],
                                linli_site_field_get_label (LINLI_SITE_FIELD_LON), FALSE, &has_lon, &lon, error))
    return FALSE;
  if (!has_lat || !has_lon)
    return linli_csv_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                                linli_csv_table_get_display_name (table), linli_csv_table_get_line (table, row),
                                !has_lat && !has_lon ? _("no coordinates")
                                : has_lat ? _("a latitude without a longitude")
                                          : _("a longitude without a latitude"));
  linli_crs_to_wgs84 (options->crs, lat, lon, &st->lat, &st->lon);
  if (!linli_lat_lon_is_valid (st->lat, st->lon))
    return linli_csv_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID,
                                linli_csv_table_get_display_name (table), linli_csv_table_get_line (table, row),
                                _("the position lies outside the valid range of coordinates"));

  st->tier = options->tier;
  tier_text = _linli_csv_cell_text (table, row, col[LINLI_SITE_FIELD_TIER]);
  if (tier_text[0] != '\0' && !parse_tier (tier_text, &st->tier))
    return _linli_csv_cell_error (table, row, col[LINLI_SITE_FIELD_TIER],
                                  linli_site_field_get_label (LINLI_SITE_FIELD_TIER), tier_text,
                                  _("is not a tier (street, community, station, neighbourhood; 街道, 社区, "
                                    "服务站, 邻里)"), error);

  if (!cell_amount (table, row, col[LINLI_SITE_FIELD_COST], LINLI_SITE_FIELD_COST, LINLI_SITE_MAX_COST,
                    &present, &value, error))
    return FALSE;
  st->cost = present ? value : -1;
  if (!cell_amount (table, row, col[LINLI_SITE_FIELD_AREA], LINLI_SITE_FIELD_AREA, MAX_AREA_M2, &present,
                    &value, error))
    return FALSE;
  st->area = present ? value : -1;
  if (!cell_amount (table, row, col[LINLI_SITE_FIELD_CAPACITY], LINLI_SITE_FIELD_CAPACITY,
                    LINLI_SITE_MAX_CAPACITY, &present, &value, error))
    return FALSE;
  if (present && value != floor (value))
    return _linli_csv_cell_error (table, row, col[LINLI_SITE_FIELD_CAPACITY],
                                  linli_site_field_get_label (LINLI_SITE_FIELD_CAPACITY),
                                  linli_csv_table_get_cell (table, row, col[LINLI_SITE_FIELD_CAPACITY]),
                                  _("is not a whole number"), error);
  st->capacity = present ? (guint) value : 0;

  name = _linli_csv_cell_text (table, row, col[LINLI_SITE_FIELD_NAME]);
  address = _linli_csv_cell_text (table, row, col[LINLI_SITE_FIELD_ADDRESS]);
  if (name[0] != '\0')
    st->name = clamp_name (name);
  else if (address[0] != '\0')
    st->name = clamp_name (address);
  if (address[0] != '\0')
    st->address = clamp_name (address);
  return TRUE;
}

/**
 * linli_site_import_csv:
 *
 * Reads the rows of a site list: each row with coordinates (latitude and
 * longitude columns must be mapped, in @options' coordinate system)
 * becomes a candidate site; any other row is refused with its line and
 * reason, and the rest are still read.  A site without a name is named by
 * its address, else numbered; the address and floor area are kept with
 * the site.  Blank rows are not counted.  Rows past
 * %LINLI_SITE_IMPORT_MAX_SITES sites are refused.
 *
 * Returns: (transfer full): what the list gives, or %NULL with @error set
 *   when the mapping cannot be used
 */
LinliSiteImport *
linli_site_import_csv (const LinliCsvTable          *table,
                       const LinliSiteMapping       *mapping,
                       const LinliSiteImportOptions *options,
                       GError                      **error)
{
  g_autoptr (LinliSiteImport) import = NULL;
  const char *display_name;
  guint n_rows, n_columns;

  g_return_val_if_fail (table != NULL && mapping != NULL && options != NULL, NULL);

  display_name = linli_csv_table_get_display_name (table);
  n_columns = linli_csv_table_get_n_columns (table);
  for (guint f = 0; f < LINLI_SITE_N_FIELDS; f++)
    if (mapping->columns[f] >= (int) n_columns)
      {
        linli_csv_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID, display_name, 0,
                             _("the file has no column %d"), mapping->columns[f] + 1);
        return NULL;
      }
  if (mapping->columns[LINLI_SITE_FIELD_LAT] < 0 || mapping->columns[LINLI_SITE_FIELD_LON] < 0)
    {
      linli_csv_set_error (error, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID, display_name, 0,
                           _("choose the columns of latitude and longitude"));
      return NULL;
    }

  import = import_new (display_name);
  n_rows = linli_csv_table_get_n_rows (table);
  for (guint row = 0; row < n_rows; row++)
    {
      g_auto (LinliSiteState) st = { 0 };
      guint line = linli_csv_table_get_line (table, row);
      GError *local_error = NULL;

      import->rows++;
      if (import->sites->len >= LINLI_SITE_IMPORT_MAX_SITES)
        {
          g_autofree char *where = g_strdup_printf ("%s:%u", display_name, line);

          refuse_at (import, line, where, _("more than %u sites"), LINLI_SITE_IMPORT_MAX_SITES);
          continue;
        }
      st.status = LINLI_SITE_STATUS_CANDIDATE;
      st.plan_rule = LINLI_SITE_PLAN_ALLOWED;
      if (!read_row (table, mapping, options, row, &st, &local_error))
        {
          refuse (import, line, local_error);
          continue;
        }
      if (st.name == NULL)
        st.name = numbered_name (import);
      add_site (import, &st, line);
    }
  return g_steal_pointer (&import);
}

/* ------------------------------------------------------------------------ */
/* Points                                                                    */
/* ------------------------------------------------------------------------ */

typedef struct
{
  GPtrArray *pairs;   /* char *key, char *value, …: the filter */
} Filter;

static void
filter_init (Filter     *filter,
             const char *spec)
{
  g_auto (GStrv) parts = g_strsplit_set (spec ? spec : "", ",;", -1);

  filter->pairs = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *eq = strchr (parts[i], '=');
      g_autofree char *key = g_strstrip (g_strndup (parts[i], eq ? (gsize) (eq - parts[i]) : strlen (parts[i])));
      g_autofree char *value = eq ? g_strstrip (g_strdup (eq + 1)) : NULL;

      if (key[0] == '\0')
        continue;
      g_ptr_array_add (filter->pairs, g_steal_pointer (&key));
      g_ptr_array_add (filter->pairs, value && value[0] && strcmp (value, "*") != 0 ? g_steal_pointer (&value) : NULL);
    }
}

static void
filter_clear (Filter *filter)
{
  g_ptr_array_unref (filter->pairs);
}

/* Whether @tags pass: any pair matches ("key" alone: any value but "no"),
 * or, with no filter, any tag at all. */
static gboolean
filter_takes (const Filter    *filter,
              const LinliTags *tags,
              gboolean         tagged)
{
  if (filter->pairs->len == 0)
    return tagged;
  for (guint i = 0; i < filter->pairs->len; i += 2)
    {
      const char *want = filter->pairs->pdata[i + 1];
      const char *have = linli_tags_get (tags, filter->pairs->pdata[i]);

      if (have != NULL && (want == NULL ? strcmp (have, "no") != 0 : strcmp (have, want) == 0))
        return TRUE;
    }
  return FALSE;
}

/* A point's tags into a site; %FALSE with @reason if they cannot be. */
static gboolean
site_from_tags (const LinliSiteImport        *import,
                const LinliSiteImportOptions *options,
                const LinliTags              *tags,
                double                        lat,
                double                        lon,
                LinliSiteState               *st,
                const char                  **reason)
{
  const char *name = linli_tags_get (tags, "name");
  const char *street = linli_tags_get (tags, "addr:street");
  const char *number = linli_tags_get (tags, "addr:housenumber");
  const char *cost = linli_tags_get (tags, "cost");
  const char *capacity = linli_tags_get (tags, "capacity");
  const char *tier = linli_tags_get (tags, "tier");
  const char *floor = linli_tags_get (tags, "area");
  guint64 count;

  if (!linli_lat_lon_is_valid (lat, lon))
    {
      *reason = _("the position lies outside the valid range of coordinates");
      return FALSE;
    }
  st->lat = lat;
  st->lon = lon;
  st->status = LINLI_SITE_STATUS_CANDIDATE;
  st->plan_rule = LINLI_SITE_PLAN_ALLOWED;
  st->tier = options->tier;
  st->cost = -1;
  st->area = -1;
  if (name == NULL || name[0] == '\0')
    name = linli_tags_get (tags, "name:zh");
  if (tier != NULL && !parse_tier (tier, &st->tier))
    {
      *reason = _("its tier is not street, community, station or neighbourhood");
      return FALSE;
    }
  if (tier == NULL)
    linli_import_tier_from_name (name, &st->tier);
  if (cost != NULL && linli_number_parse_double (cost, LINLI_NUMBER_FLAGS_NONE, 0, LINLI_SITE_MAX_COST, &st->cost) !=
                        LINLI_NUMBER_OK)
    {
      *reason = _("its cost is not a number from 0 to 10¹² yuan");
      return FALSE;
    }
  if (floor != NULL && linli_number_parse_double (floor, LINLI_NUMBER_FLAGS_NONE, 0, MAX_AREA_M2, &st->area) !=
                         LINLI_NUMBER_OK)
    {
      *reason = _("its area is not a number from 0 to 10⁷ m²");
      return FALSE;
    }
  if (capacity != NULL)
    {
      if (linli_number_parse_count (capacity, LINLI_NUMBER_FLAGS_NONE, LINLI_SITE_MAX_CAPACITY, &count) !=
          LINLI_NUMBER_OK)
        {
          *reason = _("its capacity is not a whole number of households");
          return FALSE;
        }
      st->capacity = (guint) count;
    }
  if (street != NULL && street[0] != '\0')
    {
      g_autofree char *joined = g_strconcat (street, number ? number : "", NULL);

      st->address = clamp_name (joined);
    }
  if (name != NULL && name[0] != '\0')
    st->name = clamp_name (name);
  else if (st->address != NULL)
    st->name = g_strdup (st->address);
  else
    st->name = numbered_name (import);
  return TRUE;
}

/* GeoJSON */

static const char *
json_tag (gconstpointer data,
          const char   *key)
{
  JsonObject *props = (JsonObject *) data;
  JsonNode *node;

  if (props == NULL || !json_object_has_member (props, key))
    return NULL;
  node = json_object_get_member (props, key);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Numbers in properties count as tags too: cost 120000, area 80.  Kept
 * as text in @buf for the time of one feature. */
typedef struct
{
  JsonObject *props;
  GHashTable *numbers;   /* key → printed number */
} JsonTags;

static const char *
json_tag_or_number (gconstpointer data,
                    const char   *key)
{
  const JsonTags *t = data;
  const char *s = json_tag (t->props, key);
  JsonNode *node;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (s != NULL || t->props == NULL || !json_object_has_member (t->props, key))
    return s;
  node = json_object_get_member (t->props, key);
  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64))
    return NULL;
  if ((s = g_hash_table_lookup (t->numbers, key)) != NULL)
    return s;
  g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node));
  g_hash_table_insert (t->numbers, g_strdup (key), g_strdup (buf));
  return g_hash_table_lookup (t->numbers, key);
}

static gboolean
read_geojson (LinliSiteImport              *import,
              const char                   *path,
              const LinliSiteImportOptions *options,
              const Filter                 *filter,
              GError                      **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *features;
  guint n;

  parser = linli_json_load_file (path, LINLI_IMPORT_ERROR, LINLI_IMPORT_ERROR_INVALID, error);
  if (parser == NULL || (features = linli_import_json_features (parser, path, error)) == NULL)
    return FALSE;
  n = json_array_get_length (features);
  for (guint f = 0; f < n; f++)
    {
      g_auto (LinliSiteState) st = { 0 };
      g_autofree char *where = g_strdup_printf (_("%s: feature %u"), path, f + 1);
      JsonNode *node = json_array_get_element (features, f);
      JsonObject *feature, *geometry = NULL, *props = NULL;
      JsonTags jt = { NULL, numbers };
      LinliTags tags = { json_tag_or_number, &jt };
      const char *type = NULL, *reason = NULL;
      LinliLatLon p;

      import->rows++;
      g_hash_table_remove_all (numbers);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          refuse_at (import, f + 1, where, _("not an object"));
          continue;
        }
      feature = json_node_get_object (node);
      if (json_object_has_member (feature, "properties") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (feature, "properties")))
        props = json_object_get_object_member (feature, "properties");
      jt.props = props;
      if (!filter_takes (filter, &tags, props != NULL && json_object_get_size (props) > 0))
        {
          import->filtered++;
          continue;
        }
      if (json_object_has_member (feature, "geometry") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (feature, "geometry")))
        {
          geometry = json_object_get_object_member (feature, "geometry");
          type = json_tag (geometry, "type");
        }
      if (g_strcmp0 (type, "Point") != 0)
        {
          refuse_at (import, f + 1, where, _("not a point (geometry “%s”)"), type ? type : "null");
          continue;
        }
      if (import->sites->len >= LINLI_SITE_IMPORT_MAX_SITES)
        {
          refuse_at (import, f + 1, where, _("more than %u sites"), LINLI_SITE_IMPORT_MAX_SITES);
          continue;
        }
      if ((reason = linli_import_json_position (json_object_get_member (geometry, "coordinates"), options->crs,
                                                &p)) != NULL)
        {
          refuse_at (import, f + 1, where, "%s", _(reason));
          continue;
        }
      if (!site_from_tags (import, options, &tags, p.lat, p.lon, &st, &reason))
        {
          refuse_at (import, f + 1, where, "%s", reason);
          continue;
        }
      add_site (import, &st, f + 1);
    }
  return TRUE;
}

/* OpenStreetMap XML: nodes and their tags; ways and relations are not
 * points and are passed over. */

static const char *
pairs_tag (gconstpointer data,
           const char   *key)
{
  const GPtrArray *pairs = data;

  for (guint i = 0; i + 1 < pairs->len; i += 2)
    if (strcmp (pairs->pdata[i], key) == 0)
      return pairs->pdata[i + 1];
  return NULL;
}

static char *
attr (xmlTextReaderPtr reader,
      const char      *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (reader, (const xmlChar *) name);
  char *copy = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/* Ends the node read so far: a site, a refusal or nothing. */
static void
end_node (LinliSiteImport              *import,
          const LinliSiteImportOptions *options,
          const Filter                 *filter,
          const char                   *path,
          guint                         line,
          const char                   *id,
          const char                   *lat_text,
          const char                   *lon_text,
          GPtrArray                    *pairs)
{
  g_auto (LinliSiteState) st = { 0 };
  g_autofree char *where = g_strdup_printf (_("%s:%u: node %s"), path, line, id ? id : "?");
  LinliTags tags = { pairs_tag, pairs };
  const char *reason = NULL;
  double lat, lon;

  import->rows++;
  if (!filter_takes (filter, &tags, pairs->len > 0))
    {
      import->filtered++;
      return;
    }
  if (import->sites->len >= LINLI_SITE_IMPORT_MAX_SITES)
    {
      refuse_at (import, line, where, _("more than %u sites"), LINLI_SITE_IMPORT_MAX_SITES);
      return;
    }
  if (lat_text == NULL || lon_text == NULL ||
      linli_number_parse_double (lat_text, LINLI_NUMBER_FLAGS_NONE, -90, 90, &lat) != LINLI_NUMBER_OK ||
      linli_number_parse_double (lon_text, LINLI_NUMBER_FLAGS_NONE, -180, 180, &lon) != LINLI_NUMBER_OK)
    {
      refuse_at (import, line, where, _("its lat and lon are not a position"));
      return;
    }
  if (!site_from_tags (import, options, &tags, lat, lon, &st, &reason))
    {
      refuse_at (import, line, where, "%s", reason);
      return;
    }
  add_site (import, &st, line);
}

static gboolean
read_osm (LinliSiteImport              *import,
          const char                   *path,
          const LinliSiteImportOptions *options,
          const Filter                 *filter,
          GError                      **error)
{
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *id = NULL, *lat = NULL, *lon = NULL;
  LinliXml x = { 0 };
  gboolean in_node = FALSE, ok = TRUE;
  guint node_line = 0;
  int type;

  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return FALSE;
  if (!linli_xml_open (&x, g_mapped_file_get_contents (mapped) ? g_mapped_file_get_contents (mapped) : "",
                       g_mapped_file_get_length (mapped), path, "osm", LINLI_IMPORT_ERROR,
                       LINLI_IMPORT_ERROR_INVALID, LINLI_IMPORT_ERROR_FAILED))
    {
      g_propagate_error (error, x.error);
      x.error = NULL;
      linli_xml_close (&x);
      return FALSE;
    }
  x.skip_text = TRUE;
  while ((ok = linli_xml_read (&x, &type)) && type != XML_READER_TYPE_NONE)
    {
      int depth = xmlTextReaderDepth (x.reader);
      const char *name = (const char *) xmlTextReaderConstName (x.reader);

      if (type == XML_READER_TYPE_ELEMENT && depth == 0 && strcmp (name, "osm") != 0)
        {
          g_autofree char *q = linli_xml_quote (name);

          ok = linli_xml_fail (&x, LINLI_IMPORT_ERROR_INVALID,
                               _("not an OpenStreetMap file: the root element is <%s>, not <osm>"), q);
          break;
        }
      if (type == XML_READER_TYPE_ELEMENT && depth == 1 && strcmp (name, "node") == 0)
        {
          g_autofree char *action = attr (x.reader, "action");
          g_autofree char *visible = attr (x.reader, "visible");

          g_clear_pointer (&id, g_free);
          g_clear_pointer (&lat, g_free);
          g_clear_pointer (&lon, g_free);
          g_ptr_array_set_size (pairs, 0);
          node_line = (guint) MAX (linli_xml_line (&x), 0);
          /* JOSM keeps deleted objects with action="delete"; history files
           * keep old versions with visible="false". */
          in_node = g_strcmp0 (action, "delete") != 0 && g_strcmp0 (visible, "false") != 0;
          if (in_node)
            {
              id = attr (x.reader, "id");
              lat = attr (x.reader, "lat");
              lon = attr (x.reader, "lon");
            }
          if (in_node && xmlTextReaderIsEmptyElement (x.reader))
            {
              end_node (import, options, filter, path, node_line, id, lat, lon, pairs);
              in_node = FALSE;
            }
        }
      else if (type == XML_READER_TYPE_ELEMENT && depth == 2 && in_node && strcmp (name, "tag") == 0)
        {
          char *k = attr (x.reader, "k"), *v = attr (x.reader, "v");

          /* A node with thousands of tags is no service position. */
          if (k != NULL && v != NULL && pairs->len < 2 * 1000)
            {
              g_ptr_array_add (pairs, k);
              g_ptr_array_add (pairs, v);
            }
          else
            {
              g_free (k);
              g_free (v);
            }
        }
      else if (type == XML_READER_TYPE_END_ELEMENT && depth == 1 && in_node)
        {
          end_node (import, options, filter, path, node_line, id, lat, lon, pairs);
          in_node = FALSE;
        }
    }
  if (!ok)
    {
      g_propagate_error (error, x.error);
      x.error = NULL;
    }
  linli_xml_close (&x);
  return ok;
}

/**
 * linli_site_import_points:
 * @format: GeoJSON (Point features; @options' coordinate system) or
 *   OpenStreetMap XML (nodes, WGS84)
 *
 * Reads the points whose tags (GeoJSON: string or number properties) pass
 * @options' filter as candidate sites.  Name: `name`, else `name:zh`, else
 * the address, `addr:street` + `addr:housenumber`, else numbered.  Tier: a `tier` tag,
 * else what a Chinese name says, else @options' tier.  `cost`, `area` and
 * `capacity` tags are read when present.  Features the filter takes but
 * that are not points or carry bad values are refused with where they are
 * (GeoJSON: the feature's number; OSM: line and node id).
 *
 * Returns: (transfer full): what the file gives, or %NULL with @error set
 *   when the file cannot be read at all
 */
LinliSiteImport *
linli_site_import_points (const char                   *path,
                          LinliImportFormat             format,
                          const LinliSiteImportOptions *options,
                          GError                      **error)
{
  g_autoptr (LinliSiteImport) import = NULL;
  Filter filter;
  gboolean ok;

  g_return_val_if_fail (path != NULL && options != NULL, NULL);

  import = import_new (path);
  filter_init (&filter, options->filter);
  if (format == LINLI_IMPORT_FORMAT_OSM)
    ok = read_osm (import, path, options, &filter, error);
  else
    ok = read_geojson (import, path, options, &filter, error);
  filter_clear (&filter);
  return ok ? g_steal_pointer (&import) : NULL;
}

/* ------------------------------------------------------------------------ */
/* Buildings of one kind                                                     */
/* ------------------------------------------------------------------------ */

/**
 * linli_site_import_count_kinds:
 *
 * Returns: (transfer full) (element-type utf8 guint): how many buildings of
 *   the project have each kind, buildings of no known kind left out
 */
GHashTable *
linli_site_import_count_kinds (LinliProject *project)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = linli_project_get_n_buildings (project);

  for (guint i = 0; i < n; i++)
    {
      const char *kind = linli_project_get_building (project, i)->kind;
      gpointer count;

      if (kind == NULL || kind[0] == '\0')
        continue;
      count = g_hash_table_lookup (counts, kind);
      g_hash_table_replace (counts, g_strdup (kind), GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
    }
  return counts;
}

/**
 * linli_site_import_buildings:
 * @kind: a building kind, as linli_site_import_count_kinds() lists them
 *
 * A candidate site at every building of @kind (say every "retail" or
 * "office" building), named after the building and of @options' tier.
 * The result's lines are building numbers from 1.
 *
 * Returns: (transfer full): the sites it would add
 */
LinliSiteImport *
linli_site_import_buildings (LinliProject                 *project,
                             const char                   *kind,
                             const LinliSiteImportOptions *options)
{
  g_autoptr (LinliSiteImport) import = NULL;
  guint n;

  g_return_val_if_fail (LINLI_IS_PROJECT (project) && kind != NULL && options != NULL, NULL);

  import = import_new (linli_project_get_name (project));
  n = linli_project_get_n_buildings (project);
  for (guint i = 0; i < n; i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      LinliSiteState st = { 0 };
      g_autofree char *name = NULL;

      if (g_strcmp0 (b->kind, kind) != 0)
        continue;
      import->rows++;
      if (import->sites->len >= LINLI_SITE_IMPORT_MAX_SITES)
        {
          g_autofree char *where = g_strdup_printf (_("building %s"), b->id);

          refuse_at (import, i + 1, where, _("more than %u sites"), LINLI_SITE_IMPORT_MAX_SITES);
          continue;
        }
      name = b->name[0] ? g_strdup (b->name) : numbered_name (import);
      st.name = name;
      st.tier = options->tier;
      st.status = LINLI_SITE_STATUS_CANDIDATE;
      st.plan_rule = LINLI_SITE_PLAN_ALLOWED;
      st.lat = b->lat;
      st.lon = b->lon;
      st.cost = -1;
      st.area = -1;
      add_site (import, &st, i + 1);
    }
  return g_steal_pointer (&import);
}

/* ------------------------------------------------------------------------ */
/* Telling and applying                                                      */
/* ------------------------------------------------------------------------ */

/**
 * linli_site_import_describe:
 *
 * Returns: (transfer full): one sentence for people: how many sites,
 *   refusals and filtered points
 */
char *
linli_site_import_describe (const LinliSiteImport *import)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u candidate site", "%u candidate sites",
                                            import->sites->len), import->sites->len);
  if (import->n_refused > 0)
    {
      g_string_append (out, ", ");
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u refused", "%u refused", import->n_refused),
                              import->n_refused);
    }
  if (import->filtered > 0)
    {
      g_string_append (out, ", ");
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u point left out by the filter",
                                                "%u points left out by the filter", import->filtered),
                              import->filtered);
    }
  return g_string_free (out, FALSE);
}

/* Metres from a point to the box of the project's data, 0 inside it. */
static double
distance_to_box (double lat,
                 double lon,
                 double min_lat,
                 double min_lon,
                 double max_lat,
                 double max_lon)
{
  return linli_haversine_distance (lat, lon, CLAMP (lat, min_lat, max_lat), CLAMP (lon, min_lon, max_lon));
}

/**
 * linli_import_check_place:
 * @project: (nullable): the open project
 * @far_m: what counts as far, metres
 *
 * What a planner should hear before importing @points next to @project's
 * data: that nothing would come in, or that some or all of the points lie
 * farther than @far_m from the box of the project's buildings, streets and
 * sites (another city, or a file in another coordinate system).  An empty
 * project says nothing about place.
 *
 * Returns: (transfer full) (nullable): the warning, translated, or %NULL
 */
char *
linli_import_check_place (LinliProject      *project,
                          const LinliLatLon *points,
                          guint              n_points,
                          double             far_m)
{
  double min_lat, min_lon, max_lat, max_lon, nearest = INFINITY;
  guint n_far = 0;

  if (n_points == 0)
    return g_strdup (_("Nothing would be imported."));
  if (project == NULL || !linli_project_get_bounds (project, &min_lat, &min_lon, &max_lat, &max_lon))
    return NULL;
  for (guint i = 0; i < n_points; i++)
    {
      double d = distance_to_box (points[i].lat, points[i].lon, min_lat, min_lon, max_lat, max_lon);

      nearest = MIN (nearest, d);
      n_far += d > far_m;
    }
  if (n_far == n_points)
    return g_strdup_printf (_("Everything in the file lies at least %.0f km from the project’s data: another "
                              "place, or coordinates in another system?"), floor (nearest / 1000));
  if (n_far > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u of %u places lies more than %.0f km from the project’s data.",
                                         "%u of %u places lie more than %.0f km from the project’s data.", n_far),
                            n_far, n_points, far_m / 1000);
  return NULL;
}

/**
 * linli_import_check_project_place:
 * @project: (nullable): the open project
 * @imported: what an import made
 *
 * linli_import_check_place() for everything @imported holds: its
 * buildings, sites and street nodes, with %LINLI_SITE_IMPORT_FAR_M.
 *
 * Returns: (transfer full) (nullable): the warning, or %NULL
 */
char *
linli_import_check_project_place (LinliProject *project,
                                  LinliProject *imported)
{
  g_autoptr (GArray) points = g_array_new (FALSE, FALSE, sizeof (LinliLatLon));
  const LinliStreets *streets = linli_project_get_streets (imported);
  guint n;

  n = linli_project_get_n_buildings (imported);
  for (guint i = 0; i < n; i++)
    {
      const LinliBuilding *b = linli_project_get_building (imported, i);
      LinliLatLon p = { b->lat, b->lon };

      g_array_append_val (points, p);
    }
  n = linli_project_get_n_sites (imported);
  for (guint i = 0; i < n; i++)
    {
      LinliSite *site = linli_project_get_site (imported, i);
      LinliLatLon p = { linli_site_get_lat (site), linli_site_get_lon (site) };

      g_array_append_val (points, p);
    }
  if (streets != NULL)
    g_array_append_vals (points, linli_streets_get_nodes (streets), linli_streets_get_n_nodes (streets));
  return linli_import_check_place (project, (const LinliLatLon *) points->data, points->len,
                                   LINLI_SITE_IMPORT_FAR_M);
}

/**
 * linli_site_import_check_place:
 *
 * linli_import_check_place() for the sites of @import, with
 * %LINLI_SITE_IMPORT_FAR_M.
 *
 * Returns: (transfer full) (nullable): the warning, or %NULL
 */
char *
linli_site_import_check_place (const LinliSiteImport *import,
                               LinliProject          *project)
{
  g_autofree LinliLatLon *points = g_new (LinliLatLon, MAX (import->sites->len, 1));

  for (guint i = 0; i < import->sites->len; i++)
    {
      const LinliSiteState *st = import->sites->pdata[i];

      points[i].lat = st->lat;
      points[i].lon = st->lon;
    }
  return linli_import_check_place (project, points, import->sites->len, LINLI_SITE_IMPORT_FAR_M);
}

/**
 * linli_site_import_apply:
 *
 * Adds every site of @import to the history's project, with fresh ids, as
 * one undoable step.
 *
 * Returns: how many sites were added
 */
guint
linli_site_import_apply (const LinliSiteImport *import,
                         LinliHistory          *history)
{
  LinliProject *project;

  g_return_val_if_fail (import != NULL && LINLI_IS_HISTORY (history), 0);

  if (import->sites->len == 0)
    return 0;
  project = linli_history_get_project (history);
  linli_project_freeze_changed (project);
  linli_history_begin_group (history, g_dngettext (GETTEXT_PACKAGE, "Import Candidate Site",
                                                   "Import Candidate Sites", import->sites->len));
  for (guint i = 0; i < import->sites->len; i++)
    linli_project_edits_add_site (history, import->sites->pdata[i]);
  linli_history_end_group (history);
  linli_project_thaw_changed (project);
  return import->sites->len;
}
