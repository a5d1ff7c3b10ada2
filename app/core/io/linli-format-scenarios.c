/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-format"

#include "config.h"

#include "linli-format-private.h"

#include "linli-scenario-project.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The <scenarios> section: which scenario is active, the base's sites while
 * one is (the sites section then holds the active scenario's), and each
 * scenario with its decisions.  The active scenario lists none: its
 * decisions are what sets the sites section apart from the base, so the
 * two can never disagree. */

#define MAX_SITES 1000000u   /* in the base, or decisions in one scenario */

typedef struct
{
  GHashTable *base_ids;   /* id → NULL: the base's sites */
  GPtrArray  *base;       /* LinliSiteState, when <base> was read */
  GPtrArray  *scenarios;  /* LinliScenario */
  char       *active;
} ScenariosRead;

/* Reading */

static gboolean
read_base (LinliFormatReader *l,
           ScenariosRead     *r)
{
  static const char *const no_names[] = { NULL };
  LinliFormatAttrs a = { no_names, { NULL } };
  int type;

  if (!_linli_format_read_attrs (l, &a))
    return FALSE;
  r->base = linli_site_states_new ();
  if (xmlTextReaderIsEmptyElement (l->x.reader))
    return TRUE;
  for (;;)
    {
      LinliSiteState st;

      if (!read_node (l, &type))
        return FALSE;
      if (type == XML_READER_TYPE_END_ELEMENT)
        return TRUE;
      if (type != XML_READER_TYPE_ELEMENT || strcmp (_linli_format_node_name (l), "site") != 0)
        return fail (l, LINLI_FORMAT_ERROR_INVALID, _("<%s> may hold only <%s> elements"), "base",
                     "site");
      if (r->base->len >= MAX_SITES)
        return fail (l, LINLI_FORMAT_ERROR_INVALID, _("more than %u sites in <%s>"), MAX_SITES,
                     "base");
      if (!_linli_format_read_site_state (l, "site", &st))
        return FALSE;
      if (g_hash_table_contains (r->base_ids, st.id))
        {
          fail (l, LINLI_FORMAT_ERROR_INVALID, _("duplicate site id “%s”"), st.id);
          linli_site_state_clear (&st);
          return FALSE;
        }
      g_hash_table_add (r->base_ids, g_strdup (st.id));
      g_ptr_array_add (r->base, linli_site_state_copy (&st));
      linli_site_state_clear (&st);
    }
}

/* Reads one <add>, <change> or <remove> of scenario @id. */
static gboolean
read_decision (LinliFormatReader *l,
               ScenariosRead     *r,
               const char        *id,
               GHashTable        *seen,
               LinliDecisions    *decisions)
{
  const char *element = _linli_format_node_name (l);
  gboolean remove = strcmp (element, "remove") == 0;
  gboolean change = strcmp (element, "change") == 0;
  LinliSiteState st = { 0 };
  g_autofree char *kind = g_strdup (element);
  g_autofree char *site = NULL;

  if (remove)
    {
      static const char *const names[] = { "site", NULL };
      LinliFormatAttrs a = { names, { NULL } };
      gboolean ok = _linli_format_read_attrs (l, &a) &&
                    _linli_format_require (l, &a, 0, "remove") &&
                    _linli_format_check_id (l, "site", a.values[0]);

      if (ok)
        site = g_strdup (a.values[0]);
      _linli_format_attrs_clear (&a);
      if (!ok || !_linli_format_expect_empty (l, "remove"))
        return FALSE;
    }
  else
    {
      if (!_linli_format_read_site_state (l, kind, &st))
        return FALSE;
      site = g_strdup (st.id);
    }

  if (g_hash_table_contains (seen, site))
    {
      g_autofree char *q = quote_value (site);
      linli_site_state_clear (&st);
      return fail (l, LINLI_FORMAT_ERROR_INVALID, _("scenario “%s” decides about site “%s” twice"),
                   id, q);
    }
  if ((remove || change) && !g_hash_table_contains (r->base_ids, site))
    {
      g_autofree char *q = quote_value (site);
      linli_site_state_clear (&st);
      return fail (l, LINLI_FORMAT_ERROR_INVALID,
                   _("<%s> in scenario “%s” refers to site “%s”, which the base does not have"),
                     kind, id, q);
    }
  if (!remove && !change && g_hash_table_contains (r->base_ids, site))
    {
      g_autofree char *q = quote_value (site);
      linli_site_state_clear (&st);
      return fail (l, LINLI_FORMAT_ERROR_INVALID,
                   _("<add> in scenario “%s” adds site “%s”, which the base already has"), id, q);
    }
  if (decisions->sites->len + decisions->removed->len >= MAX_SITES)
    {
      linli_site_state_clear (&st);
      return fail (l, LINLI_FORMAT_ERROR_INVALID, _("more than %u decisions in scenario “%s”"),
                   MAX_SITES, id);
    }
  g_hash_table_add (seen, g_strdup (site));
  if (remove)
    g_ptr_array_add (decisions->removed, g_steal_pointer (&site));
  else
    g_ptr_array_add (decisions->sites, linli_site_state_copy (&st));
  linli_site_state_clear (&st);
  return TRUE;
}

static gboolean
read_scenario (LinliFormatReader *l,
               ScenariosRead     *r,
               LinliScenarios    *check)
{
  enum { ID, NAME, NOTE };
  static const char *const names[] = { "id", "name", "note", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (LinliDecisions) decisions = linli_decisions_new ();
  g_autoptr (LinliScenario) scenario = NULL;
  g_autofree char *id = NULL;
  gboolean active, ok;
  int type;

  ok = _linli_format_read_attrs (l, &a) && _linli_format_require (l, &a, ID, "scenario") &&
       _linli_format_require (l, &a, NAME, "scenario") &&
       _linli_format_check_id (l, "id", a.values[ID]) &&
       (a.values[NOTE] == NULL ||
        _linli_format_check_text (l, "note", a.values[NOTE], LINLI_SCENARIO_MAX_NOTE));
  if (ok && r->scenarios->len >= LINLI_SCENARIOS_MAX)
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("more than %u scenarios"), LINLI_SCENARIOS_MAX);
  if (ok && strcmp (a.values[ID], LINLI_SCENARIO_BASE_ID) == 0)
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("a scenario’s id may not be “%s”"),
               LINLI_SCENARIO_BASE_ID);
  if (ok && linli_scenarios_find (check, a.values[ID], NULL) != NULL)
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("duplicate scenario id “%s”"), a.values[ID]);
  /* The names a user may not give (the base's, translated) are left to the
   * edits: whether a file loads must not depend on the language. */
  if (ok)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (a.values[NAME]));

      if (stripped[0] == '\0')
        ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("scenario “%s” has no name"), a.values[ID]);
    }
  if (ok)
    ok = _linli_format_check_text (l, "name", a.values[NAME], LINLI_SCENARIO_MAX_NAME);
  if (ok && linli_scenarios_find_by_name (check, a.values[NAME]) != NULL)
    {
      g_autofree char *q = quote_value (a.values[NAME]);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("two scenarios are named “%s”"), q);
    }
  if (ok)
    {
      id = g_strdup (a.values[ID]);
      scenario = linli_scenario_new (id, a.values[NAME], a.values[NOTE], NULL);
    }
  _linli_format_attrs_clear (&a);
  if (!ok)
    return FALSE;

  active = g_strcmp0 (id, r->active) == 0;
  if (!xmlTextReaderIsEmptyElement (l->x.reader))
    {
      for (;;)
        {
          const char *name;

          if (!read_node (l, &type))
            return FALSE;
          if (type == XML_READER_TYPE_END_ELEMENT)
            break;
          if (type != XML_READER_TYPE_ELEMENT)
            return fail (l, LINLI_FORMAT_ERROR_INVALID, _("unexpected text in <%s>"), "scenario");
          name = _linli_format_node_name (l);
          if (strcmp (name, "add") != 0 && strcmp (name, "change") != 0 &&
              strcmp (name, "remove") != 0)
            return fail (l, LINLI_FORMAT_ERROR_INVALID, _("unexpected <%s> in <%s>"), name,
                         "scenario");
          if (active)
            return fail (l, LINLI_FORMAT_ERROR_INVALID,
                         _("the active scenario “%s” lists decisions; its sites are the sites section"), id);
          if (!read_decision (l, r, id, seen, decisions))
            return FALSE;
        }
    }
  linli_scenario_set_decisions (scenario, decisions);
  /* Kept in @check too, so names and ids are checked against those before. */
  linli_scenarios_insert (check, G_MAXUINT, scenario);
  g_ptr_array_add (r->scenarios, g_steal_pointer (&scenario));
  return TRUE;
}

static gboolean
read_scenarios (LinliFormatReader *l)
{
  static const char *const names[] = { "active", NULL };
  LinliFormatAttrs a = { names, { NULL } };
  ScenariosRead r = { 0 };
  g_autoptr (LinliScenarios) check = linli_scenarios_new ();
  LinliScenarios *scenarios = linli_project_get_scenarios (l->project);
  gboolean ok, seen_scenario = FALSE, seen_base = FALSE;
  int type;

  ok = _linli_format_read_attrs (l, &a) &&
       (a.values[0] == NULL || _linli_format_check_id (l, "active", a.values[0]));
  if (ok && g_strcmp0 (a.values[0], LINLI_SCENARIO_BASE_ID) == 0)
    r.active = NULL;
  else if (ok)
    r.active = g_strdup (a.values[0]);
  _linli_format_attrs_clear (&a);
  if (!ok)
    return FALSE;

  r.base_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.scenarios = g_ptr_array_new_with_free_func (g_object_unref);
  /* With the base active, the base is the sites section. */
  if (r.active == NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, l->site_ids);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (r.base_ids, g_strdup (key));
    }

  if (!xmlTextReaderIsEmptyElement (l->x.reader))
    {
      for (;;)
        {
          const char *name;

          ok = read_node (l, &type);
          if (!ok || type == XML_READER_TYPE_END_ELEMENT)
            break;
          if (type != XML_READER_TYPE_ELEMENT)
            {
              ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("unexpected text in <%s>"), "scenarios");
              break;
            }
          name = _linli_format_node_name (l);
          if (strcmp (name, "base") == 0 && !seen_base && !seen_scenario)
            {
              seen_base = TRUE;
              if (r.active == NULL)
                ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                           _("<base> is given, but no scenario is active: the base is the sites section"));
              else
                ok = read_base (l, &r);
            }
          else if (strcmp (name, "scenario") == 0)
            {
              if (r.active != NULL && !seen_base)
                ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
                           _("scenario “%s” is active, but <base> does not come first in <scenarios>"),
                           r.active);
              else
                ok = read_scenario (l, &r, check);
              seen_scenario = TRUE;
            }
          else
            {
              ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("unexpected <%s> in <%s>"), name,
                         "scenarios");
            }
          if (!ok)
            break;
        }
    }
  if (ok && r.active != NULL && r.base == NULL)
    ok = fail (l, LINLI_FORMAT_ERROR_INVALID,
               _("scenario “%s” is active, but <base> does not come first in <scenarios>"),
                 r.active);
  if (ok && r.active != NULL && linli_scenarios_find (check, r.active, NULL) == NULL)
    {
      g_autofree char *q = quote_value (r.active);
      ok = fail (l, LINLI_FORMAT_ERROR_INVALID, _("the active scenario “%s” is not defined"), q);
    }
  if (ok)
    {
      for (guint i = 0; i < r.scenarios->len; i++)
        linli_scenarios_insert (scenarios, G_MAXUINT, r.scenarios->pdata[i]);
      if (r.active != NULL)
        linli_scenarios_set_state (scenarios, r.active, r.base);
    }
  g_hash_table_unref (r.base_ids);
  g_clear_pointer (&r.base, g_ptr_array_unref);
  g_ptr_array_unref (r.scenarios);
  g_free (r.active);
  return ok;
}

/* Writing */

static gboolean
write_scenarios (LinliFormatWriter *w,
                 LinliProject      *project)
{
  LinliScenarios *scenarios = linli_project_get_scenarios (project);
  const char *active = linli_scenarios_get_active (scenarios);
  g_autoptr (GPtrArray) base = NULL;
  g_autoptr (GHashTable) base_ids = g_hash_table_new (g_str_hash, g_str_equal);
  GString *out = w->out;

  if (linli_scenarios_is_empty (scenarios))
    return TRUE;

  base = linli_scenario_project_dup_base (project);
  for (guint i = 0; i < base->len; i++)
    g_hash_table_add (base_ids, ((LinliSiteState *) base->pdata[i])->id);

  g_string_append (out, "  <scenarios");
  if (active != NULL)
    _linli_format_append_attr (out, "active", active);
  g_string_append (out, ">\n");
  if (active != NULL)
    {
      g_string_append (out, "    <base>\n");
      for (guint i = 0; i < base->len; i++)
        {
          g_string_append (out, "      ");
          _linli_format_append_site (out, "site", base->pdata[i]);
          g_string_append_c (out, '\n');
          if (!_linli_format_writer_step (w))
            return FALSE;
        }
      g_string_append (out, "    </base>\n");
    }
  for (guint s = 0; s < linli_scenarios_get_n (scenarios); s++)
    {
      LinliScenario *scenario = linli_scenarios_get (scenarios, s);
      const LinliDecisions *d = linli_scenario_get_decisions (scenario);
      gboolean empty = TRUE;

      g_string_append (out, "    <scenario");
      _linli_format_append_attr (out, "id", linli_scenario_get_id (scenario));
      _linli_format_append_attr (out, "name", linli_scenario_get_name (scenario));
      if (linli_scenario_get_note (scenario) != NULL)
        _linli_format_append_attr (out, "note", linli_scenario_get_note (scenario));
      /* The active one's decisions are the sites section; the others' are
       * written as they bear on the base now: a change of a base site
       * deleted since is an addition, a removal of one is nothing. */
      if (g_strcmp0 (linli_scenario_get_id (scenario), active) != 0)
        {
          for (guint i = 0; i < d->sites->len; i++)
            {
              const LinliSiteState *st = d->sites->pdata[i];
              const char *kind;

              g_string_append (out, empty ? ">\n      " : "      ");
              empty = FALSE;
              kind = g_hash_table_contains (base_ids, st->id) ? "change" : "add";
              _linli_format_append_site (out, kind, st);
              g_string_append_c (out, '\n');
            }
          for (guint i = 0; i < d->removed->len; i++)
            {
              if (!g_hash_table_contains (base_ids, d->removed->pdata[i]))
                continue;
              g_string_append (out, empty ? ">\n      <remove" : "      <remove");
              empty = FALSE;
              _linli_format_append_attr (out, "site", d->removed->pdata[i]);
              g_string_append (out, "/>\n");
            }
        }
      g_string_append (out, empty ? "/>\n" : "    </scenario>\n");
      if (!_linli_format_writer_step (w))
        return FALSE;
    }
  g_string_append (out, "  </scenarios>\n");
  return TRUE;
}

const LinliFormatSection _linli_format_scenarios_section = {
  .name = "scenarios",
  .read = read_scenarios,
  .write = write_scenarios,
};
