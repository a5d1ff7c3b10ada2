/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-format"

#include "config.h"

#include <libxml/relaxng.h>
#include <locale.h>
#include <string.h>

#include "linli-document.h"
#include "linli-format.h"
#include "linli-generator.h"
#include "linli-project-edits.h"
#include "linli-scenario-edits.h"

/* Auxiliary methods */

static void
ignore_error_cb (void       *data,
                 xmlErrorPtr error)
{
  GString *errors = data;

  if (errors != NULL)
    g_string_append_printf (errors, "%d: %s", error->line, error->message);
}

/* Whether @bytes validates against data/linli-2.rng. */
static gboolean
schema_validates (GBytes *bytes)
{
  g_autofree char *path = g_build_filename (g_getenv ("LINLI_SOURCE_DIR"), "data", "linli-2.rng",
                                            NULL);
  xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewParserCtxt (path);
  xmlRelaxNGPtr schema;
  xmlRelaxNGValidCtxtPtr vctxt;
  xmlDocPtr doc;
  GString *errors = g_string_new (NULL);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  gboolean valid;

  schema = xmlRelaxNGParse (pctxt);
  xmlRelaxNGFreeParserCtxt (pctxt);
  g_assert_nonnull (schema);
  doc = xmlReadMemory (data, size, "test.linli", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  vctxt = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidStructuredErrors (vctxt, ignore_error_cb, errors);
  valid = xmlRelaxNGValidateDoc (vctxt, doc) == 0;
  if (!valid)
    g_test_message ("schema: %s", errors->str);
  xmlRelaxNGFreeValidCtxt (vctxt);
  xmlFreeDoc (doc);
  xmlRelaxNGFree (schema);
  g_string_free (errors, TRUE);
  return valid;
}

static LinliDocument *
generated_document (guint32 seed)
{
  LinliGeneratorOptions opts;
  g_autoptr (LinliProject) project = NULL;

  linli_generator_options_init (&opts);
  opts.seed = seed;
  opts.n_buildings = 400;
  project = linli_generate_district (&opts);
  return linli_document_new (project, NULL);
}

static void
assert_states_equal (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const LinliSiteState *x = a->pdata[i], *y = b->pdata[i];

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_true (linli_site_state_equal (x, y));
    }
}

/* Everything about scenarios that a file keeps: the list with ids, names
 * and notes, which is active, and every scenario's sites. */
static void
assert_scenarios_equal (LinliProject *a,
                        LinliProject *b)
{
  LinliScenarios *sa = linli_project_get_scenarios (a);
  LinliScenarios *sb = linli_project_get_scenarios (b);

  g_assert_cmpstr (linli_scenarios_get_active (sa), ==, linli_scenarios_get_active (sb));
  g_assert_cmpuint (linli_scenarios_get_n (sa), ==, linli_scenarios_get_n (sb));
  for (guint i = 0; i <= linli_scenarios_get_n (sa); i++)
    {
      LinliScenario *x = i < linli_scenarios_get_n (sa) ? linli_scenarios_get (sa, i) : NULL;
      LinliScenario *y = i < linli_scenarios_get_n (sb) ? linli_scenarios_get (sb, i) : NULL;
      const char *id = x ? linli_scenario_get_id (x) : NULL;
      g_autoptr (GPtrArray) va = linli_scenario_project_dup_view (a, id);
      g_autoptr (GPtrArray) vb = linli_scenario_project_dup_view (b, id);

      if (x != NULL)
        {
          g_assert_cmpstr (linli_scenario_get_id (x), ==, linli_scenario_get_id (y));
          g_assert_cmpstr (linli_scenario_get_name (x), ==, linli_scenario_get_name (y));
          g_assert_cmpstr (linli_scenario_get_note (x), ==, linli_scenario_get_note (y));
        }
      assert_states_equal (va, vb);
    }
}

/* Saves, loads and saves again: both saves the same bytes, valid by the
 * schema, and the scenarios the same.  Coordinates are rounded by the first
 * save, so the project compared is the one loaded. */
static LinliProject *
round_trip (LinliProject *project)
{
  g_autoptr (GBytes) first = linli_format_save_bytes (project);
  g_autoptr (GBytes) second = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) again = NULL;
  LinliProject *loaded;
  gsize size;
  const char *data = g_bytes_get_data (first, &size);

  g_assert_true (schema_validates (first));
  loaded = linli_format_load_data (data, size, "first.linli", &error);
  g_assert_no_error (error);
  second = linli_format_save_bytes (loaded);
  g_assert_true (g_bytes_equal (first, second));
  data = g_bytes_get_data (second, &size);
  again = linli_format_load_data (data, size, "second.linli", &error);
  g_assert_no_error (error);
  assert_scenarios_equal (loaded, again);
  return loaded;
}

static LinliDecisions *
some_decisions (LinliProject *project,
                guint         salt)
{
  LinliDecisions *d = linli_decisions_new ();
  guint n = linli_project_get_n_sites (project);
  g_autoptr (LinliSiteState) moved = linli_site_dup_state (linli_project_get_site (project,
                                                                                   (salt + 1) % n));
  g_autoptr (LinliSiteState) added = linli_site_dup_state (linli_project_get_site (project,
                                                                                   (salt + 2) % n));

  moved->lat += 0.001;
  moved->status = LINLI_SITE_STATUS_PLANNED;
  g_free (moved->name);
  moved->name = g_strdup ("改名 & <新>");
  g_free (added->id);
  added->id = g_strdup_printf ("new-%u", salt);
  added->lon += 0.002;
  added->cost = 350000;
  g_ptr_array_add (d->sites, linli_site_state_copy (moved));
  g_ptr_array_add (d->sites, linli_site_state_copy (added));
  g_ptr_array_add (d->removed, g_strdup (linli_site_get_id (linli_project_get_site (project,
                                                                                    salt % n))));
  return d;
}

/* Tests */

static void
test_round_trip (void)
{
  g_autoptr (LinliDocument) document = generated_document (11);
  LinliProject *project = linli_document_get_project (document);
  LinliHistory *history = linli_document_get_history (document);
  g_autoptr (LinliDecisions) d1 = some_decisions (project, 1);
  g_autoptr (LinliDecisions) d2 = some_decisions (project, 4);
  g_autoptr (GError) error = NULL;
  LinliScenario *s1, *s2;

  /* No scenarios: no section. */
  {
    g_autoptr (GBytes) bytes = linli_format_save_bytes (project);
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

    g_assert_null (strstr (text, "<scenarios"));
  }

  s1 = linli_scenario_edits_create (history, "方案一：新增3站", "联席会议 \"讨论\"\n第二行", d1, &error);
  g_assert_no_error (error);
  s2 = linli_scenario_edits_create (history, "方案二", NULL, d2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (linli_scenario_edits_create (history, "空", NULL, NULL, &error));

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr (LinliProject) loaded = NULL;
      g_autoptr (LinliProject) reloaded_copy = NULL;

      if (round == 1)
        linli_scenario_edits_switch (history, linli_scenario_get_id (s2));
      if (round == 2)
        {
          /* Edited in the scenario: the file holds it as it is now. */
          linli_project_edits_remove_site (history, linli_project_get_site (project, 0));
        }
      loaded = round_trip (project);
      reloaded_copy = linli_project_copy (project);
      g_assert_cmpuint (linli_scenarios_get_n (linli_project_get_scenarios (loaded)), ==, 3);
      g_assert_cmpstr (linli_scenarios_get_active (linli_project_get_scenarios (loaded)), ==,
                       round == 0 ? NULL : linli_scenario_get_id (s2));
      /* The loaded project's sites are the active scenario's, and every
       * scenario's sites are the original's (to the file's 7 decimals). */
      for (guint i = 0; i <= 3; i++)
        {
          const char *id = i < 3 ? linli_scenario_get_id (linli_scenarios_get (linli_project_get_scenarios (project), i))
                                 : NULL;
          g_autoptr (GPtrArray) va = linli_scenario_project_dup_view (project, id);
          g_autoptr (GPtrArray) vb = linli_scenario_project_dup_view (loaded, id);

          g_assert_cmpuint (va->len, ==, vb->len);
          for (guint k = 0; k < va->len; k++)
            {
              const LinliSiteState *x = va->pdata[k], *y = vb->pdata[k];

              g_assert_cmpstr (x->id, ==, y->id);
              g_assert_cmpstr (x->name, ==, y->name);
              g_assert_cmpint (x->status, ==, y->status);
              g_assert_cmpfloat_with_epsilon (x->lat, y->lat, 1e-7);
              g_assert_cmpfloat (x->cost, ==, y->cost);
            }
        }
      g_assert_cmpstr (linli_scenario_get_note (linli_scenarios_get (linli_project_get_scenarios (loaded), 0)), ==,
                       "联席会议 \"讨论\"\n第二行");
    }
  (void) s1;
}

/* A scenario's decision about a base site deleted since is saved as what it
 * now is: a change becomes an addition, a removal nothing. */
static void
test_stale_decisions (void)
{
  g_autoptr (LinliDocument) document = generated_document (12);
  LinliProject *project = linli_document_get_project (document);
  LinliHistory *history = linli_document_get_history (document);
  g_autoptr (LinliDecisions) d = some_decisions (project, 1);
  g_autoptr (LinliProject) loaded = NULL;
  g_autoptr (GError) error = NULL;
  const char *changed = ((LinliSiteState *) d->sites->pdata[0])->id;
  const char *removed = d->removed->pdata[0];
  LinliScenario *s;

  s = linli_scenario_edits_create (history, "S", NULL, d, &error);
  g_assert_no_error (error);
  linli_project_edits_remove_site (history, linli_project_find_site (project, changed, NULL));
  linli_project_edits_remove_site (history, linli_project_find_site (project, removed, NULL));
  loaded = round_trip (project);
  {
    g_autoptr (GPtrArray) view = linli_scenario_project_dup_view (loaded,
                                                                  linli_scenario_get_id (s));
    gboolean found = FALSE;

    for (guint i = 0; i < view->len; i++)
      found |= g_strcmp0 (((LinliSiteState *) view->pdata[i])->id, changed) == 0;
    g_assert_true (found);
  }
}

/* Files without scenarios, version 1 and 2, still open. */
static void
test_old_files (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("LINLI_SOURCE_DIR"), "data", "sample.linli",
                                            NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliProject) sample = linli_format_load_file (path, &error);
  g_autoptr (LinliProject) v1 = NULL;
  const char *doc = "<linli version=\"1\"><sites><site id=\"a\" tier=\"station\" status=\"existing\" "
                    "lat=\"31.2\" lon=\"121.4\"/></sites></linli>";

  g_assert_no_error (error);
  g_assert_true (linli_scenarios_is_empty (linli_project_get_scenarios (sample)));
  v1 = linli_format_load_data (doc, strlen (doc), "v1.linli", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linli_project_get_n_sites (v1), ==, 1);
}

typedef struct
{
  const char *name;
  const char *scenarios;   /* the section; the line with "!" is the one the error names */
  const char *reason;      /* a part of the message */
} HostileCase;

#define ACTIVE_BASE \
  "  <scenarios active=\"s1\">\n" \
  "    <base>\n" \
  "      <site id=\"a\" tier=\"station\" status=\"existing\" lat=\"31.2\" lon=\"121.4\"/>\n" \
  "      <site id=\"b\" tier=\"station\" status=\"existing\" lat=\"31.21\" lon=\"121.41\"/>\n" \
  "    </base>\n"

static const HostileCase hostile_cases[] = {
  { "dangling-change",
    "  <scenarios>\n    <scenario id=\"s1\" name=\"x\">\n"
    "      <change id=\"zz\" tier=\"station\" status=\"planned\" lat=\"31.2\" lon=\"121.4\"/>!\n"
    "    </scenario>\n  </scenarios>\n", "does not have" },
  { "dangling-remove",
    "  <scenarios>\n    <scenario id=\"s1\" name=\"x\">\n      <remove site=\"zz\"/>!\n"
    "    </scenario>\n  </scenarios>\n", "does not have" },
  { "add-existing",
    "  <scenarios>\n    <scenario id=\"s1\" name=\"x\">\n"
    "      <add id=\"a\" tier=\"station\" status=\"planned\" lat=\"31.2\" lon=\"121.4\"/>!\n"
    "    </scenario>\n  </scenarios>\n", "already has" },
  { "twice",
    "  <scenarios>\n    <scenario id=\"s1\" name=\"x\">\n      <remove site=\"a\"/>\n"
    "      <change id=\"a\" tier=\"station\" status=\"planned\" lat=\"31.2\" lon=\"121.4\"/>!\n"
    "    </scenario>\n  </scenarios>\n", "twice" },
  { "duplicate-name",
    "  <scenarios>\n    <scenario id=\"s1\" name=\"方案\"/>\n    <scenario id=\"s2\" name=\"方案\"/>!\n"
    "  </scenarios>\n", "two scenarios" },
  { "duplicate-id",
    "  <scenarios>\n    <scenario id=\"s1\" name=\"x\"/>\n    <scenario id=\"s1\" name=\"y\"/>!\n"
    "  </scenarios>\n", "duplicate scenario id" },
  { "empty-name",
    "  <scenarios>\n    <scenario id=\"s1\" name=\" \"/>!\n  </scenarios>\n", "no name" },
  { "base-id",
    "  <scenarios>\n    <scenario id=\"base\" name=\"x\"/>!\n  </scenarios>\n", "may not be" },
  { "active-undefined",
    "  <scenarios active=\"s1\">!\n    <base/>\n    <scenario id=\"s2\" name=\"x\"/>\n  </scenarios>\n",
    "not defined" },
  { "active-without-base",
    "  <scenarios active=\"s1\">\n    <scenario id=\"s1\" name=\"x\"/>!\n  </scenarios>\n",
      "<base>" },
  { "base-without-active",
    "  <scenarios>\n    <base/>!\n  </scenarios>\n", "no scenario is active" },
  { "active-with-decisions",
    ACTIVE_BASE "    <scenario id=\"s1\" name=\"x\">\n      <remove site=\"a\"/>!\n    </scenario>\n"
    "  </scenarios>\n", "lists decisions" },
  { "base-duplicate-site",
    "  <scenarios active=\"s1\">\n    <base>\n"
    "      <site id=\"a\" tier=\"station\" status=\"existing\" lat=\"31.2\" lon=\"121.4\"/>\n"
    "      <site id=\"a\" tier=\"station\" status=\"existing\" lat=\"31.2\" lon=\"121.4\"/>!\n"
    "    </base>\n    <scenario id=\"s1\" name=\"x\"/>\n  </scenarios>\n", "duplicate site id" },
  { "unknown-element",
    "  <scenarios>\n    <scenario id=\"s1\" name=\"x\">\n      <move site=\"a\"/>!\n"
    "    </scenario>\n  </scenarios>\n", "unexpected <move>" },
  { "bad-site",
    "  <scenarios>\n    <scenario id=\"s1\" name=\"x\">\n"
    "      <add id=\"n\" tier=\"station\" status=\"gone\" lat=\"31.2\" lon=\"121.4\"/>!\n"
    "    </scenario>\n  </scenarios>\n", "unknown site status" },
  { "far-site",
    "  <scenarios>\n    <scenario id=\"s1\" name=\"x\">\n"
    "      <add id=\"n\" tier=\"station\" status=\"planned\" lat=\"-40\" lon=\"121.4\"/>!\n"
    "    </scenario>\n  </scenarios>\n", "" },
  { "text",
    "  <scenarios>\n    <scenario id=\"s1\" name=\"x\">oops\n!    </scenario>\n  </scenarios>\n",
      "text" },
};

static char *
hostile_document (const char *scenarios,
                  int        *line)
{
  GString *doc = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<linli version=\"2\">\n"
                               "  <sites>\n"
                               "    <site id=\"a\" tier=\"station\" status=\"existing\" lat=\"31.2\" lon=\"121.4\"/>\n"
                               "    <site id=\"b\" tier=\"station\" status=\"existing\" lat=\"31.21\" lon=\"121.41\"/>\n"
                               "  </sites>\n");
  const char *mark = strchr (scenarios, '!');

  *line = 7;
  for (const char *p = scenarios; p < mark; p++)
    *line += *p == '\n';
  g_string_append_len (doc, scenarios, mark - scenarios);
  g_string_append (doc, mark + 1);
  g_string_append (doc, "</linli>\n");
  return g_string_free (doc, FALSE);
}

/* Each hostile file is refused with its line and reason; the same file
 * without the fault loads. */
static void
test_hostile (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
    {
      const HostileCase *c = &hostile_cases[i];
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliProject) project = NULL;
      g_autofree char *doc = NULL;
      g_autofree char *where = NULL;
      int line;

      g_test_message ("case %s", c->name);
      doc = hostile_document (c->scenarios, &line);
      project = linli_format_load_data (doc, strlen (doc), "bad.linli", &error);
      g_assert_null (project);
      g_assert_error (error, LINLI_FORMAT_ERROR, LINLI_FORMAT_ERROR_INVALID);
      where = g_strdup_printf ("bad.linli:%d: ", line);
      if (!g_str_has_prefix (error->message, where) || strstr (error->message, c->reason) == NULL)
        g_error ("case %s: “%s” should start with “%s” and say “%s”", c->name, error->message,
                 where,
                 c->reason);
    }
}

/* Long names and too many scenarios are refused; the limits themselves load. */
static void
test_limits (void)
{
  for (guint over = 0; over < 2; over++)
    {
      g_autofree char *name = g_strnfill (LINLI_SCENARIO_MAX_NAME + over, 'n');
      g_autofree char *section = g_strdup_printf ("  <scenarios>\n    <scenario id=\"s1\" name=\"%s\"/>!\n"
                                                  "  </scenarios>\n", name);
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliProject) project = NULL;
      g_autofree char *doc = NULL;
      int line;

      doc = hostile_document (section, &line);
      project = linli_format_load_data (doc, strlen (doc), "long.linli", &error);
      if (over)
        g_assert_error (error, LINLI_FORMAT_ERROR, LINLI_FORMAT_ERROR_INVALID);
      else
        g_assert_no_error (error);
    }
  for (guint over = 0; over < 2; over++)
    {
      GString *section = g_string_new ("  <scenarios>\n");
      g_autoptr (GError) error = NULL;
      g_autoptr (LinliProject) project = NULL;
      g_autofree char *doc = NULL;
      int line;

      for (guint i = 0; i < LINLI_SCENARIOS_MAX + over; i++)
        g_string_append_printf (section, "    <scenario id=\"s%u\" name=\"n%u\"/>\n", i, i);
      g_string_append (section, "  </scenarios>\n!");
      doc = hostile_document (section->str, &line);
      g_string_free (section, TRUE);
      project = linli_format_load_data (doc, strlen (doc), "many.linli", &error);
      if (over)
        {
          g_assert_error (error, LINLI_FORMAT_ERROR, LINLI_FORMAT_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, "more than"));
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpuint (linli_scenarios_get_n (linli_project_get_scenarios (project)), ==,
                            LINLI_SCENARIOS_MAX);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format-scenarios/round-trip", test_round_trip);
  g_test_add_func ("/format-scenarios/stale-decisions", test_stale_decisions);
  g_test_add_func ("/format-scenarios/old-files", test_old_files);
  g_test_add_func ("/format-scenarios/hostile", test_hostile);
  g_test_add_func ("/format-scenarios/limits", test_limits);
  return g_test_run ();
}
