/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "linli-format.h"
#include "linli-scenario-edits.h"

/* Saves @project; the bytes. */
static GBytes *
save (LinliProject *project)
{
  return linli_format_save_bytes (project);
}

/* A .linli project file with scenarios: loaded and saved and loaded again;
 * then switched through every scenario and back to the one it was saved
 * in, each a recorded step; undoing them all must give the same file
 * again, and so must the project built for each scenario once switched
 * back. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliHistory) history = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *active = NULL;
  LinliScenarios *scenarios;
  const char *path;
  guint n;

  fuzz_init ();
  path = fuzz_write_temp ("input.linli", data, size);
  project = linli_format_load_file (path, &error);
  if (project == NULL)
    return 0;
  fuzz_round_trip (project);

  scenarios = linli_project_get_scenarios (project);
  history = linli_history_new (project);
  before = save (project);
  active = g_strdup (linli_scenarios_get_active (scenarios));
  n = MIN (linli_scenarios_get_n (scenarios), 20);
  for (guint i = 0; i < n; i++)
    {
      LinliScenario *scenario = linli_scenarios_get (scenarios, i);
      g_autoptr (LinliProject) built = linli_scenario_project_build (project,
                                                                     linli_scenario_get_id (scenario),
                                                                      &error);

      g_assert_no_error (error);
      linli_scenario_edits_switch (history, linli_scenario_get_id (scenario));
      fuzz_round_trip (project);
    }
  linli_scenario_edits_switch (history, NULL);
  linli_scenario_edits_switch (history, active);
  while (linli_history_undo (history))
    ;
  after = save (project);
  if (!g_bytes_equal (before, after))
    g_error ("undoing the switches does not give the file back");
  return 0;
}
