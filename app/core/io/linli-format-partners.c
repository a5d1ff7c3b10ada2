/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-format"

#include "config.h"

#include "linli-format-private.h"

#include "linli-grids.h"
#include "linli-partners.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The <partners> section: a street office's own categories (the built-in
 * ones are not written), the partner units with their resource items, the
 * needs, the service records and their evaluations, in that order, since
 * what comes later refers to what came before.  Every reference must
 * resolve: a category to a built-in one or one defined before, a need or
 * record to a community, compound or grid of the project (grids and
 * communities are read before this section), a record to a unit and
 * optionally a need, an evaluation to a record.  Names of contacts and of
 * the people who served are kept whether or not the project hides names:
 * hiding is how they are shown and exported, not what the project holds.
 * Numbers are written in the shortest form that reads back the same; a
 * need is per month unless it says otherwise.
 *
 * <rules> holds how proposals are made (linli-partner-rules.h): the options
 * as attributes (absent: the default) and a <rule> per pair of a unit and a
 * need always or never made.  A rule whose unit or need does not exist is
 * refused like any other dangling reference; the writer leaves out the
 * rules of needs it leaves out, and the edits drop the rules of a unit or
 * need removed, so a saved plan reads back.
 */

#define MAX_RESOURCES  1000u      /* resource items of one unit */
#define MAX_QUANTITY   1e9        /* of a resource, capacity or need */
#define MAX_HOURS      1e6
#define MAX_MEMBERS    1000000u
#define MAX_NOTE_LENGTH 4096
#define MAX_DISTANCE   1e8        /* metres between a unit and a place it serves */
#define MAX_PAIRS      1000000u   /* pairs of the accepted assignment */

enum
{
  STAGE_CATEGORY,
  STAGE_UNIT,
  STAGE_NEED,
  STAGE_RECORD,
  STAGE_EVALUATION,
  STAGE_RULES,
  STAGE_ASSIGNMENT,
  STAGE_DONE,
};

static const char *const stage_elements[] = { "category", "unit", "need", "record", "evaluation",
                                              "rules", "assignment" };

typedef struct
{
  LinliFormatReader *l;
  LinliPartners     *partners;
  guint              stage;
  GArray            *resources;   /* LinliPartnerResource of the unit being read */
} PartnersReader;

/* Reading */

static gboolean
check_stage (PartnersReader *r,
             guint           stage)
{
  if (stage < r->stage)
    return fail (r->l, LINLI_FORMAT_ERROR_INVALID,
                 _("<%s> comes too late in <partners> (categories, units, needs, records, "
                   "evaluations, rules and the assignment come in that order)"),
                 stage_elements[stage]);
  r->stage = stage;
  return TRUE;
}

static gboolean
check_optional_text (LinliFormatReader *l,
                     const char        *attr,
                     const char        *value,
                     guint              max_length)
{
  return value == NULL || _linli_format_check_text (l, attr, value, max_length);
}

static gboolean
check_category (PartnersReader *r,
                const char     *element,
                const char     *id)
{
  if (linli_partners_find (r->partners, LINLI_PARTNER_LIST_CATEGORIES, id, NULL) != NULL)
    return TRUE;
  {
    g_autofree char *q = quote_value (id);
    return fail (r->l, LINLI_FORMAT_ERROR_INVALID,
                 _("<%s> refers to category “%s”, which does not exist"), element, q);
  }
}

static gboolean
check_duplicate (PartnersReader   *r,
                 LinliPartnerList  list,
                 const char       *element,
                 const char       *id)
{
  if (linli_partners_find (r->partners, list, id, NULL) == NULL)
    return TRUE;
  return fail (r->l, LINLI_FORMAT_ERROR_INVALID, _("duplicate <%s> id “%s”"), element, id);
}

/* A place of the project by kind and id. */
static gboolean
check_place (PartnersReader *r,
             const char     *element,
             const char     *kind_text,
             const char     *place,
             LinliPartnerPlaceKind *kind)
{
  LinliFormatReader *l = r->l;
  gboolean found = FALSE;

  if (!linli_partner_place_kind_from_string (kind_text, kind))
    {
      g_autofree char *q = quote_value (kind_text);
      return fail (l, LINLI_FORMAT_ERROR_INVALID,
                   _("attribute “place-kind” must be “community”, “compound” or “grid”, not “%s”"),
                   q);
    }
  switch (*kind)
    {
    case LINLI_PARTNER_PLACE_COMMUNITY:
      found = linli_project_find_community (l->project, place) >= 0;
      break;
    case LINLI_PARTNER_PLACE_COMPOUND:
      found = linli_project_find_compound (l->project, place) >= 0;
      break;
    case LINLI_PARTNER_PLACE_GRID:
      found = linli_grids_find (linli_project_get_grids (l->project), place, NULL) != NULL;
      break;
    default:
      g_assert_not_reached ();
    }
  if (!found)
    {
      g_autofree char *q = quote_value (place);
      return fail (l, LINLI_FORMAT_ERROR_INVALID, _("<%s> refers to %s “%s”, which does not exist"),
                   element, kind_text, q);
    }
  return TRUE;
}

/* Reads the children of the element the reader is on, each a <@child>
 * read by @parse, up to its end. */
static gboolean
read_children (PartnersReader  *r,
               const char      *parent,
               const char      *child,
               gboolean       (*parse) (PartnersReader *r,
                                        gpointer        data),
               gpointer         data)
{
  LinliFormatReader *l = r->l;
  gboolean ok = TRUE;
  int type;

  if (xmlTextReaderIsEmptyElement (l->x.reader))
    return TRUE;
  while (ok)
    {
      ok = read_node (l, &type);
      if (!ok || type == XML_READER_TYPE_END_ELEMENT)
        break;
      if (type != XML_READER_TYPE_ELEMENT || g_strcmp0 (_linli_format_node_name (l), child) != 0)
        ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("<%s> may hold only <%s> elements"), parent,
                   child);
      else
        ok = parse (r, data);
    }
  return ok;
}

static gboolean
parse_category (PartnersReader *r)
{
  LinliFormatReader *l = r->l;
  static const char *const names[] = { "id", "name", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  gboolean ok = check_stage (r, STAGE_CATEGORY) && _linli_format_read_attrs (l, &a) &&
                _linli_format_require (l, &a, 0, "category") &&
                _linli_format_require (l, &a, 1, "category") &&
                _linli_format_check_id (l, "id", a.values[0]) &&
                _linli_format_check_text (l, "name", a.values[1], MAX_NAME_LENGTH) &&
                check_duplicate (r, LINLI_PARTNER_LIST_CATEGORIES, "category", a.values[0]) &&
                _linli_format_expect_empty (l, "category");

  if (ok)
    {
      LinliPartnerCategory c = { (char *) a.values[0], (char *) a.values[1], FALSE };

      linli_partners_insert (r->partners, LINLI_PARTNER_LIST_CATEGORIES, G_MAXUINT, &c);
    }
  _linli_format_attrs_clear (&a);
  return ok;
}

static gboolean
parse_resource (PartnersReader *r,
                gpointer        data)
{
  LinliFormatReader *l = r->l;
  enum { CATEGORY, QUANTITY, MEASURE, CAPACITY, PERIOD };
  static const char *const names[] = { "category", "quantity", "measure", "capacity", "period",
                                       NULL };
  LinliFormatAttrs a = { names, { NULL } };
  LinliPartnerResource res = { 0 };
  gboolean ok = _linli_format_read_attrs (l, &a) &&
                _linli_format_require (l, &a, CATEGORY, "resource") &&
                _linli_format_require (l, &a, CAPACITY, "resource") &&
                _linli_format_require (l, &a, PERIOD, "resource") &&
                check_category (r, "resource", a.values[CATEGORY]) &&
                (a.values[QUANTITY] == NULL ||
                 _linli_format_parse_double (l, "quantity", a.values[QUANTITY], 0, MAX_QUANTITY,
                                             &res.quantity)) &&
                check_optional_text (l, "measure", a.values[MEASURE], MAX_NAME_LENGTH) &&
                _linli_format_parse_double (l, "capacity", a.values[CAPACITY], 0, MAX_QUANTITY,
                                            &res.capacity);

  if (ok && !linli_partner_period_from_string (a.values[PERIOD], &res.period))
    {
      g_autofree char *q = quote_value (a.values[PERIOD]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                 _("attribute “period” must be “week”, “month”, “quarter” or “year”, not “%s”"), q);
    }
  if (ok && r->resources->len >= MAX_RESOURCES)
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("a unit has more than %u resource items"),
               MAX_RESOURCES);
  if (ok)
    ok = _linli_format_expect_empty (l, "resource");
  if (ok)
    {
      res.category = g_strdup (a.values[CATEGORY]);
      res.measure = g_strdup (a.values[MEASURE]);
      g_array_append_val (r->resources, res);
    }
  _linli_format_attrs_clear (&a);
  return ok;
}

static void
clear_resources (GArray *resources)
{
  for (guint i = 0; i < resources->len; i++)
    {
      LinliPartnerResource *res = &g_array_index (resources, LinliPartnerResource, i);

      g_free (res->category);
      g_free (res->measure);
    }
  g_array_set_size (resources, 0);
}

static gboolean
parse_unit (PartnersReader *r)
{
  LinliFormatReader *l = r->l;
  enum { ID, NAME, TYPE, ADDRESS, LAT, LON, CONTACT, MEMBERS };
  static const char *const names[] = { "id", "name", "type", "address", "lat", "lon", "contact",
                                       "members", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  LinliPartnerUnit u = { 0 };
  gboolean ok = check_stage (r, STAGE_UNIT) && _linli_format_read_attrs (l, &a) &&
                _linli_format_require (l, &a, ID, "unit") &&
                _linli_format_require (l, &a, NAME, "unit") &&
                _linli_format_require (l, &a, TYPE, "unit") &&
                _linli_format_check_id (l, "id", a.values[ID]) &&
                _linli_format_check_text (l, "name", a.values[NAME], MAX_NAME_LENGTH) &&
                check_optional_text (l, "address", a.values[ADDRESS], MAX_NAME_LENGTH) &&
                check_optional_text (l, "contact", a.values[CONTACT], MAX_NAME_LENGTH) &&
                (a.values[MEMBERS] == NULL ||
                 _linli_format_parse_uint (l, "members", a.values[MEMBERS], MAX_MEMBERS,
                                           &u.members)) &&
                check_duplicate (r, LINLI_PARTNER_LIST_UNITS, "unit", a.values[ID]);

  if (ok && !linli_partner_unit_type_from_string (a.values[TYPE], &u.type))
    {
      g_autofree char *q = quote_value (a.values[TYPE]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                 _("attribute “type” on <unit> is not a unit type: “%s”"), q);
    }
  if (ok && (a.values[LAT] != NULL) != (a.values[LON] != NULL))
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("<unit> has “lat” and “lon” both or neither"));
  if (ok && a.values[LAT] != NULL)
    {
      ok = _linli_format_parse_position (l, &a, LAT, LON, &u.lat, &u.lon);
      u.has_position = TRUE;
    }
  if (!ok)
    {
      _linli_format_attrs_clear (&a);
      return FALSE;
    }

  /* The attributes are gone once the reader moves on to the resources. */
  u.id = g_strdup (a.values[ID]);
  u.name = g_strdup (a.values[NAME]);
  u.address = g_strdup (a.values[ADDRESS]);
  u.contact = g_strdup (a.values[CONTACT]);
  _linli_format_attrs_clear (&a);

  clear_resources (r->resources);
  ok = read_children (r, "unit", "resource", parse_resource, NULL);
  if (ok)
    {
      u.resources = (LinliPartnerResource *) (gpointer) r->resources->data;
      u.n_resources = r->resources->len;
      linli_partners_insert (r->partners, LINLI_PARTNER_LIST_UNITS, G_MAXUINT, &u);
    }
  clear_resources (r->resources);
  g_free (u.id);
  g_free (u.name);
  g_free (u.address);
  g_free (u.contact);
  return ok;
}

static gboolean
parse_need (PartnersReader *r)
{
  LinliFormatReader *l = r->l;
  enum { ID, PLACE_KIND, PLACE, CATEGORY, QUANTITY, PERIOD, PRIORITY, NOTE };
  static const char *const names[] = { "id", "place-kind", "place", "category", "quantity",
                                       "period", "priority", "note", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  LinliPartnerNeed n = { .period = LINLI_PARTNER_PERIOD_MONTH };
  gboolean ok = check_stage (r, STAGE_NEED) && _linli_format_read_attrs (l, &a) &&
                _linli_format_require (l, &a, ID, "need") &&
                _linli_format_require (l, &a, PLACE_KIND, "need") &&
                _linli_format_require (l, &a, PLACE, "need") &&
                _linli_format_require (l, &a, CATEGORY, "need") &&
                _linli_format_require (l, &a, QUANTITY, "need") &&
                _linli_format_require (l, &a, PRIORITY, "need") &&
                _linli_format_check_id (l, "id", a.values[ID]) &&
                check_duplicate (r, LINLI_PARTNER_LIST_NEEDS, "need", a.values[ID]) &&
                check_place (r, "need", a.values[PLACE_KIND], a.values[PLACE], &n.place_kind) &&
                check_category (r, "need", a.values[CATEGORY]) &&
                _linli_format_parse_double (l, "quantity", a.values[QUANTITY], 0, MAX_QUANTITY,
                                            &n.quantity) &&
                _linli_format_parse_uint (l, "priority", a.values[PRIORITY],
                                          LINLI_PARTNER_MAX_PRIORITY, &n.priority) &&
                check_optional_text (l, "note", a.values[NOTE], MAX_NOTE_LENGTH);

  if (ok && n.priority == 0)
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("attribute “priority” must be from 1 to %u"),
               LINLI_PARTNER_MAX_PRIORITY);
  if (ok && a.values[PERIOD] != NULL &&
      !linli_partner_period_from_string (a.values[PERIOD], &n.period))

    {
      g_autofree char *q = quote_value (a.values[PERIOD]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                 _("attribute “period” must be “week”, “month”, “quarter” or “year”, not “%s”"), q);
    }
  if (ok)
    ok = _linli_format_expect_empty (l, "need");
  if (ok)
    {
      n.id = (char *) a.values[ID];
      n.place = (char *) a.values[PLACE];
      n.category = (char *) a.values[CATEGORY];
      n.note = (char *) a.values[NOTE];
      linli_partners_insert (r->partners, LINLI_PARTNER_LIST_NEEDS, G_MAXUINT, &n);
    }
  _linli_format_attrs_clear (&a);
  return ok;
}

static gboolean
parse_record (PartnersReader *r)
{
  LinliFormatReader *l = r->l;
  enum { ID, UNIT, NEED, PLACE_KIND, PLACE, CATEGORY, DATE, HOURS, PERSON, NOTE };
  static const char *const names[] = { "id", "unit", "need", "place-kind", "place", "category",
                                       "date", "hours", "person", "note", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  LinliServiceRecord s = { 0 };
  gboolean ok = check_stage (r, STAGE_RECORD) && _linli_format_read_attrs (l, &a) &&
                _linli_format_require (l, &a, ID, "record") &&
                _linli_format_require (l, &a, UNIT, "record") &&
                _linli_format_require (l, &a, PLACE_KIND, "record") &&
                _linli_format_require (l, &a, PLACE, "record") &&
                _linli_format_require (l, &a, CATEGORY, "record") &&
                _linli_format_require (l, &a, DATE, "record") &&
                _linli_format_check_id (l, "id", a.values[ID]) &&
                check_duplicate (r, LINLI_PARTNER_LIST_RECORDS, "record", a.values[ID]) &&
                check_place (r, "record", a.values[PLACE_KIND], a.values[PLACE], &s.place_kind) &&
                check_category (r, "record", a.values[CATEGORY]) &&
                (a.values[HOURS] == NULL ||
                 _linli_format_parse_double (l, "hours", a.values[HOURS], 0, MAX_HOURS,
                                             &s.hours)) &&
                check_optional_text (l, "person", a.values[PERSON], MAX_NAME_LENGTH) &&
                check_optional_text (l, "note", a.values[NOTE], MAX_NOTE_LENGTH);

  if (ok &&
      linli_partners_find (r->partners, LINLI_PARTNER_LIST_UNITS, a.values[UNIT], NULL) == NULL)

    {
      g_autofree char *q = quote_value (a.values[UNIT]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                 _("<record> refers to unit “%s”, which does not exist"), q);
    }
  if (ok && a.values[NEED] != NULL &&
      linli_partners_find (r->partners, LINLI_PARTNER_LIST_NEEDS, a.values[NEED], NULL) == NULL)
    {
      g_autofree char *q = quote_value (a.values[NEED]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                 _("<record> refers to need “%s”, which does not exist"), q);
    }
  if (ok && !linli_partner_date_is_valid (a.values[DATE]))
    {
      g_autofree char *q = quote_value (a.values[DATE]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                 _("attribute “date” must be a day written YYYY-MM-DD, not “%s”"), q);
    }
  if (ok)
    ok = _linli_format_expect_empty (l, "record");
  if (ok)
    {
      s.id = (char *) a.values[ID];
      s.unit = (char *) a.values[UNIT];
      s.need = (char *) a.values[NEED];
      s.place = (char *) a.values[PLACE];
      s.category = (char *) a.values[CATEGORY];
      s.date = (char *) a.values[DATE];
      s.person = (char *) a.values[PERSON];
      s.note = (char *) a.values[NOTE];
      linli_partners_insert (r->partners, LINLI_PARTNER_LIST_RECORDS, G_MAXUINT, &s);
    }
  _linli_format_attrs_clear (&a);
  return ok;
}

static gboolean
parse_evaluation (PartnersReader *r)
{
  LinliFormatReader *l = r->l;
  enum { ID, RECORD, SCORE, COMMENT };
  static const char *const names[] = { "id", "record", "score", "comment", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  LinliServiceEvaluation e = { 0 };
  gboolean ok = check_stage (r, STAGE_EVALUATION) && _linli_format_read_attrs (l, &a) &&
                _linli_format_require (l, &a, ID, "evaluation") &&
                _linli_format_require (l, &a, RECORD, "evaluation") &&
                _linli_format_require (l, &a, SCORE, "evaluation") &&
                _linli_format_check_id (l, "id", a.values[ID]) &&
                check_duplicate (r, LINLI_PARTNER_LIST_EVALUATIONS, "evaluation", a.values[ID]) &&
                _linli_format_parse_uint (l, "score", a.values[SCORE], LINLI_PARTNER_MAX_SCORE,
                                          &e.score) &&
                check_optional_text (l, "comment", a.values[COMMENT], MAX_NOTE_LENGTH);

  if (ok && e.score == 0)
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("attribute “score” must be from 1 to %u"),
               LINLI_PARTNER_MAX_SCORE);
  if (ok &&
      linli_partners_find (r->partners, LINLI_PARTNER_LIST_RECORDS, a.values[RECORD], NULL) == NULL)
    {
      g_autofree char *q = quote_value (a.values[RECORD]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                 _("<evaluation> refers to record “%s”, which does not exist"), q);
    }
  if (ok)
    ok = _linli_format_expect_empty (l, "evaluation");
  if (ok)
    {
      e.id = (char *) a.values[ID];
      e.record = (char *) a.values[RECORD];
      e.comment = (char *) a.values[COMMENT];
      linli_partners_insert (r->partners, LINLI_PARTNER_LIST_EVALUATIONS, G_MAXUINT, &e);
    }
  _linli_format_attrs_clear (&a);
  return ok;
}

/* The unit and the need an element of @element pairs, read before it. */
static gboolean
check_unit_and_need (PartnersReader *r,
                     const char     *element,
                     const char     *unit,
                     const char     *need)
{
  const char *kind = NULL, *id = NULL;

  if (linli_partners_find (r->partners, LINLI_PARTNER_LIST_UNITS, unit, NULL) == NULL)
    kind = "unit", id = unit;
  else if (linli_partners_find (r->partners, LINLI_PARTNER_LIST_NEEDS, need, NULL) == NULL)
    kind = "need", id = need;
  if (kind == NULL)
    return TRUE;
  {
    g_autofree char *q = quote_value (id);

    /* Translators: an element, “unit” or “need”, and the id it names */
    return fail (r->l, LINLI_FORMAT_ERROR_INVALID, _("<%s> refers to %s “%s”, which does not exist"),
                 element, kind, q);
  }
}

/* One <rule>: a unit and a need read before, always or never paired. */
static gboolean
parse_rule (PartnersReader *r,
            gpointer        data)
{
  LinliPartnerRules *rules = data;
  LinliFormatReader *l = r->l;
  enum { UNIT, NEED, KIND };
  static const char *const names[] = { "unit", "need", "kind", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  LinliPartnerRuleKind kind = LINLI_PARTNER_RULE_FIXED;
  gboolean ok = _linli_format_read_attrs (l, &a) && _linli_format_require (l, &a, UNIT, "rule") &&
                _linli_format_require (l, &a, NEED, "rule") &&
                _linli_format_require (l, &a, KIND, "rule");

  if (ok && !linli_partner_rule_kind_from_string (a.values[KIND], &kind))
    {
      g_autofree char *q = quote_value (a.values[KIND]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                 _("attribute “kind” on <rule> must be “fixed” or “forbidden”, not “%s”"), q);
    }
  if (ok)
    ok = check_unit_and_need (r, "rule", a.values[UNIT], a.values[NEED]);
  if (ok && linli_partner_rules_find (rules, a.values[UNIT], a.values[NEED]) >= 0)
    {
      g_autofree char *qu = quote_value (a.values[UNIT]);
      g_autofree char *qn = quote_value (a.values[NEED]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                 _("a second <rule> for unit “%s” and need “%s”"), qu, qn);
    }
  if (ok && rules->n_rules >= LINLI_PARTNER_RULES_MAX_RULES)
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("<rules> holds more than %u rules"),
               LINLI_PARTNER_RULES_MAX_RULES);
  if (ok)
    ok = _linli_format_expect_empty (l, "rule");
  if (ok)
    linli_partner_rules_set (rules, a.values[UNIT], a.values[NEED], kind);
  _linli_format_attrs_clear (&a);
  return ok;
}

/* How proposals are made: at most one <rules>, after the needs its rules refer to. */
static gboolean
parse_rules (PartnersReader *r)
{
  LinliFormatReader *l = r->l;
  enum { MAX_DIST, EVERY, MINIMUM, STRAIGHT };
  static const char *const names[] = { "max-distance", "every-community", "community-minimum",
                                       "straight-lines", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  g_autoptr (LinliPartnerRules) rules = linli_partner_rules_new ();
  gboolean ok = check_stage (r, STAGE_RULES) && _linli_format_read_attrs (l, &a) &&
                (a.values[MAX_DIST] == NULL ||
                 _linli_format_parse_double (l, "max-distance", a.values[MAX_DIST], 0,
                                             LINLI_PARTNER_RULES_MAX_DISTANCE,
                                             &rules->max_distance)) &&
                (a.values[EVERY] == NULL ||
                 _linli_format_parse_boolean (l, "every-community", a.values[EVERY],
                                              &rules->every_community)) &&
                (a.values[MINIMUM] == NULL ||
                 _linli_format_parse_double (l, "community-minimum", a.values[MINIMUM], 0,
                                             MAX_QUANTITY, &rules->community_minimum)) &&
                (a.values[STRAIGHT] == NULL ||
                 _linli_format_parse_boolean (l, "straight-lines", a.values[STRAIGHT],
                                              &rules->straight_line));

  if (ok && !(rules->community_minimum > 0))
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("attribute “community-minimum” must be above 0"));
  _linli_format_attrs_clear (&a);
  if (!ok)
    return FALSE;
  /* A second <rules> comes too late. */
  r->stage = STAGE_RULES + 1;

  ok = read_children (r, "rules", "rule", parse_rule, rules);
  if (ok)
    linli_partners_set_rules (r->partners, rules);
  return ok;
}

/* One <pair> of the accepted assignment: its unit and need must have been
 * read, its category be one. */
static gboolean
parse_pair (PartnersReader *r,
            gpointer        data)
{
  GArray *pairs = data;
  LinliFormatReader *l = r->l;
  enum { UNIT, NEED, CATEGORY, QUANTITY, DISTANCE };
  static const char *const names[] = { "unit", "need", "category", "quantity", "distance", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  LinliPartnerPair pair = { 0 };
  gboolean ok = _linli_format_read_attrs (l, &a) &&
                _linli_format_require (l, &a, UNIT, "pair") &&
                _linli_format_require (l, &a, NEED, "pair") &&
                _linli_format_require (l, &a, CATEGORY, "pair") &&
                _linli_format_require (l, &a, QUANTITY, "pair") &&
                _linli_format_require (l, &a, DISTANCE, "pair") &&
                check_category (r, "pair", a.values[CATEGORY]) &&
                _linli_format_parse_double (l, "quantity", a.values[QUANTITY], 0, MAX_QUANTITY,
                                            &pair.quantity) &&
                _linli_format_parse_double (l, "distance", a.values[DISTANCE], 0, MAX_DISTANCE,
                                            &pair.distance);

  if (ok)
    ok = check_unit_and_need (r, "pair", a.values[UNIT], a.values[NEED]);
  if (ok && pairs->len >= MAX_PAIRS)
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("an assignment has more than %u pairs"),
               MAX_PAIRS);
  if (ok)
    ok = _linli_format_expect_empty (l, "pair");
  if (ok)
    {
      pair.unit = g_strdup (a.values[UNIT]);
      pair.need = g_strdup (a.values[NEED]);
      pair.category = g_strdup (a.values[CATEGORY]);
      g_array_append_val (pairs, pair);
    }
  _linli_format_attrs_clear (&a);
  return ok;
}

static void
clear_pairs (gpointer data)
{
  LinliPartnerPair *pair = data;

  g_free (pair->unit);
  g_free (pair->need);
  g_free (pair->category);
}

/* The accepted assignment: at most one, after everything it refers to. */
static gboolean
parse_assignment (PartnersReader *r)
{
  LinliFormatReader *l = r->l;
  enum { STRAIGHT, OUT_OF_DATE };
  static const char *const names[] = { "straight-lines", "out-of-date", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  LinliPartnerAssignment assignment = { 0 };
  g_autoptr (GArray) pairs = g_array_new (FALSE, TRUE, sizeof (LinliPartnerPair));
  gboolean ok = check_stage (r, STAGE_ASSIGNMENT) && _linli_format_read_attrs (l, &a) &&
                (a.values[STRAIGHT] == NULL ||
                 _linli_format_parse_boolean (l, "straight-lines", a.values[STRAIGHT],
                                              &assignment.straight_line)) &&
                (a.values[OUT_OF_DATE] == NULL ||
                 _linli_format_parse_boolean (l, "out-of-date", a.values[OUT_OF_DATE],
                                              &assignment.out_of_date));

  g_array_set_clear_func (pairs, clear_pairs);
  _linli_format_attrs_clear (&a);
  if (!ok)
    return FALSE;
  /* A second <assignment> comes too late. */
  r->stage = STAGE_DONE;

  ok = read_children (r, "assignment", "pair", parse_pair, pairs);
  if (ok)
    {
      assignment.pairs = (LinliPartnerPair *) (gpointer) pairs->data;
      assignment.n_pairs = pairs->len;
      linli_partners_set_assignment (r->partners, &assignment);
    }
  return ok;
}

static gboolean
read_partners (LinliFormatReader *l)
{
  static const char *const names[] = { "registry", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  PartnersReader r = { l, linli_project_get_partners (l->project), STAGE_CATEGORY, NULL };
  gboolean ok = _linli_format_read_attrs (l, &a);
  int type;

  if (ok)
    linli_partners_set_registry (r.partners, a.values[0]);
  _linli_format_attrs_clear (&a);
  if (!ok || xmlTextReaderIsEmptyElement (l->x.reader))
    return ok;
  r.resources = g_array_new (FALSE, FALSE, sizeof (LinliPartnerResource));
  while (ok)
    {
      const char *name;

      ok = read_node (l, &type);
      if (!ok || type == XML_READER_TYPE_END_ELEMENT)
        break;
      if (type != XML_READER_TYPE_ELEMENT)
        {
          ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("unexpected text in <%s>"), "partners");
          break;
        }
      name = _linli_format_node_name (l);
      if (g_strcmp0 (name, "category") == 0)
        ok = parse_category (&r);
      else if (g_strcmp0 (name, "unit") == 0)
        ok = parse_unit (&r);
      else if (g_strcmp0 (name, "need") == 0)
        ok = parse_need (&r);
      else if (g_strcmp0 (name, "record") == 0)
        ok = parse_record (&r);
      else if (g_strcmp0 (name, "evaluation") == 0)
        ok = parse_evaluation (&r);
      else if (g_strcmp0 (name, "rules") == 0)
        ok = parse_rules (&r);
      else if (g_strcmp0 (name, "assignment") == 0)
        ok = parse_assignment (&r);
      else
        ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("unexpected <%s> in <%s>"), name, "partners");
    }
  clear_resources (r.resources);
  g_array_unref (r.resources);
  return ok;
}

/* Writing */

static void
append_double (GString    *out,
               const char *name,
               double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out, " %s=\"%s\"", name, g_ascii_dtostr (buf, sizeof buf, value));
}

static void
append_optional (GString    *out,
                 const char *name,
                 const char *value)
{
  if (value != NULL)
    _linli_format_append_attr (out, name, value);
}

/* Whether a place still exists: a need whose community, compound or grid
 * was removed by another edit is not saved into a file the loader would
 * refuse. */
static gboolean
place_exists (LinliProject          *project,
              LinliPartnerPlaceKind  kind,
              const char            *place)
{
  switch (kind)
    {
    case LINLI_PARTNER_PLACE_COMMUNITY:
      return linli_project_find_community (project, place) >= 0;
    case LINLI_PARTNER_PLACE_COMPOUND:
      return linli_project_find_compound (project, place) >= 0;
    case LINLI_PARTNER_PLACE_GRID:
      return linli_grids_find (linli_project_get_grids (project), place, NULL) != NULL;
    default:
      return FALSE;
    }
}

static gboolean
write_rules (LinliFormatWriter       *w,
             const LinliPartnerRules *rules,
             GHashTable              *written_needs)
{
  GString *out = w->out;

  if (linli_partner_rules_is_default (rules))
    return TRUE;
  g_string_append (out, "    <rules");
  if (rules->max_distance > 0)
    append_double (out, "max-distance", rules->max_distance);
  if (rules->every_community)
    g_string_append (out, " every-community=\"true\"");
  if (rules->community_minimum != 1)
    append_double (out, "community-minimum", rules->community_minimum);
  if (rules->straight_line)
    g_string_append (out, " straight-lines=\"true\"");
  g_string_append (out, ">\n");
  for (guint i = 0; i < rules->n_rules; i++)
    {
      const LinliPartnerRule *rule = &rules->rules[i];

      /* A rule whose need was not written (its place is gone) would not read back. */
      if (!g_hash_table_contains (written_needs, rule->need))
        continue;
      g_string_append (out, "      <rule");
      _linli_format_append_attr (out, "unit", rule->unit);
      _linli_format_append_attr (out, "need", rule->need);
      _linli_format_append_attr (out, "kind", linli_partner_rule_kind_to_string (rule->kind));
      g_string_append (out, "/>\n");
      if (!_linli_format_writer_step (w))
        return FALSE;
    }
  g_string_append (out, "    </rules>\n");
  return TRUE;
}

static gboolean
write_partners (LinliFormatWriter *w,
                LinliProject      *project)
{
  LinliPartners *p = linli_project_get_partners (project);
  GString *out = w->out;
  g_autoptr (GHashTable) written_needs = NULL;
  g_autoptr (GHashTable) written_records = NULL;
  const LinliPartnerAssignment *assignment = linli_partners_get_assignment (p);

  if (linli_partners_is_empty (p) && linli_partners_get_registry (p) == NULL)
    return TRUE;

  g_string_append (out, "  <partners");
  append_optional (out, "registry", linli_partners_get_registry (p));
  g_string_append (out, ">\n");
  for (guint i = 0; i < linli_partners_get_n (p, LINLI_PARTNER_LIST_CATEGORIES); i++)
    {
      const LinliPartnerCategory *c = linli_partners_get_category (p, i);

      if (c->builtin)
        continue;
      g_string_append (out, "    <category");
      _linli_format_append_attr (out, "id", c->id);
      _linli_format_append_attr (out, "name", c->name != NULL ? c->name : "");
      g_string_append (out, "/>\n");
    }
  for (guint i = 0; i < linli_partners_get_n (p, LINLI_PARTNER_LIST_UNITS); i++)
    {
      const LinliPartnerUnit *u = linli_partners_get_unit (p, i);

      g_string_append (out, "    <unit");
      _linli_format_append_attr (out, "id", u->id);
      _linli_format_append_attr (out, "name", u->name != NULL ? u->name : "");
      _linli_format_append_attr (out, "type", linli_partner_unit_type_to_string (u->type));
      append_optional (out, "address", u->address);
      if (u->has_position)
        {
          _linli_format_append_coord (out, "lat", u->lat);
          _linli_format_append_coord (out, "lon", u->lon);
        }
      append_optional (out, "contact", u->contact);
      g_string_append_printf (out, " members=\"%u\"", u->members);
      if (u->n_resources == 0)
        {
          g_string_append (out, "/>\n");
          continue;
        }
      g_string_append (out, ">\n");
      for (guint k = 0; k < u->n_resources; k++)
        {
          const LinliPartnerResource *res = &u->resources[k];

          g_string_append (out, "      <resource");
          _linli_format_append_attr (out, "category", res->category);
          append_double (out, "quantity", res->quantity);
          append_optional (out, "measure", res->measure);
          append_double (out, "capacity", res->capacity);
          _linli_format_append_attr (out, "period", linli_partner_period_to_string (res->period));
          g_string_append (out, "/>\n");
        }
      g_string_append (out, "    </unit>\n");
      if (!_linli_format_writer_step (w))
        return FALSE;
    }
  written_needs = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < linli_partners_get_n (p, LINLI_PARTNER_LIST_NEEDS); i++)
    {
      const LinliPartnerNeed *n = linli_partners_get_need (p, i);

      if (!place_exists (project, n->place_kind, n->place))
        continue;
      g_hash_table_add (written_needs, n->id);
      g_string_append (out, "    <need");
      _linli_format_append_attr (out, "id", n->id);
      _linli_format_append_attr (out, "place-kind",
                                 linli_partner_place_kind_to_string (n->place_kind));
      _linli_format_append_attr (out, "place", n->place);
      _linli_format_append_attr (out, "category", n->category);
      append_double (out, "quantity", n->quantity);
      if (n->period != LINLI_PARTNER_PERIOD_MONTH)
        _linli_format_append_attr (out, "period", linli_partner_period_to_string (n->period));
      g_string_append_printf (out, " priority=\"%u\"", n->priority);
      append_optional (out, "note", n->note);
      g_string_append (out, "/>\n");
      if (!_linli_format_writer_step (w))
        return FALSE;
    }
  written_records = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < linli_partners_get_n (p, LINLI_PARTNER_LIST_RECORDS); i++)
    {
      const LinliServiceRecord *s = linli_partners_get_record (p, i);

      if (!place_exists (project, s->place_kind, s->place))
        continue;
      g_hash_table_add (written_records, s->id);
      g_string_append (out, "    <record");
      _linli_format_append_attr (out, "id", s->id);
      _linli_format_append_attr (out, "unit", s->unit);
      if (s->need != NULL && g_hash_table_contains (written_needs, s->need))
        _linli_format_append_attr (out, "need", s->need);
      _linli_format_append_attr (out, "place-kind",
                                 linli_partner_place_kind_to_string (s->place_kind));
      _linli_format_append_attr (out, "place", s->place);
      _linli_format_append_attr (out, "category", s->category);
      _linli_format_append_attr (out, "date", s->date);
      append_double (out, "hours", s->hours);
      append_optional (out, "person", s->person);
      append_optional (out, "note", s->note);
      g_string_append (out, "/>\n");
      if (!_linli_format_writer_step (w))
        return FALSE;
    }
  for (guint i = 0; i < linli_partners_get_n (p, LINLI_PARTNER_LIST_EVALUATIONS); i++)
    {
      const LinliServiceEvaluation *e = linli_partners_get_evaluation (p, i);

      if (!g_hash_table_contains (written_records, e->record))
        continue;
      g_string_append (out, "    <evaluation");
      _linli_format_append_attr (out, "id", e->id);
      _linli_format_append_attr (out, "record", e->record);
      g_string_append_printf (out, " score=\"%u\"", e->score);
      append_optional (out, "comment", e->comment);
      g_string_append (out, "/>\n");
      if (!_linli_format_writer_step (w))
        return FALSE;
    }
  if (!write_rules (w, linli_partners_get_rules (p), written_needs))
    return FALSE;
  if (assignment != NULL)
    {
      g_string_append (out, "    <assignment");
      if (assignment->straight_line)
        g_string_append (out, " straight-lines=\"true\"");
      if (assignment->out_of_date)
        g_string_append (out, " out-of-date=\"true\"");
      g_string_append (out, ">\n");
      for (guint i = 0; i < assignment->n_pairs; i++)
        {
          const LinliPartnerPair *pair = &assignment->pairs[i];

          /* A pair whose need was not written (its place is gone) would not read back. */
          if (!g_hash_table_contains (written_needs, pair->need))
            continue;
          g_string_append (out, "      <pair");
          _linli_format_append_attr (out, "unit", pair->unit);
          _linli_format_append_attr (out, "need", pair->need);
          _linli_format_append_attr (out, "category", pair->category);
          append_double (out, "quantity", pair->quantity);
          append_double (out, "distance", pair->distance);
          g_string_append (out, "/>\n");
          if (!_linli_format_writer_step (w))
            return FALSE;
        }
      g_string_append (out, "    </assignment>\n");
    }
  g_string_append (out, "  </partners>\n");
  return TRUE;
}

/* Sections */

const LinliFormatSection _linli_format_partners_section = { "partners", read_partners,
                                                            write_partners };

