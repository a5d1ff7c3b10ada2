/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "linli-grids.h"
#include "linli-history.h"
#include "linli-import-boundaries.h"

/* Boundaries, GeoJSON or OpenStreetMap XML as the first non-space byte
 * says ("<" or not), read against a fixed project of two communities with
 * two compounds each.  What matches is applied as one undoable step and
 * the project saved as .linli and loaded again; undone, no boundary may
 * be left.  The input's length modulo 3 picks what the polygons are
 * taken as. */

static LinliProject *
make_project (void)
{
  static const char *const communities[] = { "翠苑社区", "文新社区" };
  static const char *const compounds[] = { "翠苑一区", "翠苑二区", "文新小区", "东方花园" };
  LinliProject *project = linli_project_new ();

  for (guint c = 0; c < 2; c++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", c);

      linli_project_add_community (project, id, communities[c]);
    }
  for (guint k = 0; k < 4; k++)
    {
      g_autofree char *id = g_strdup_printf ("k%u", k);

      linli_project_add_compound (project, id, compounds[k], k / 2);
    }
  for (guint k = 0; k < 4; k++)
    for (guint i = 0; i < 4; i++)
      {
        g_autofree char *id = g_strdup_printf ("b%u-%u", k, i);
        LinliBuilding b = { 0 };

        b.id = id;
        b.compound = k;
        b.households = 10;
        b.lat = 30.0 + 0.001 * (i / 2);
        b.lon = 120.0 + 0.004 * k + 0.001 * (i % 2);
        linli_project_add_building (project, &b, NULL, 0);
      }
  return project;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (LinliHistory) history = NULL;
  g_autoptr (LinliBoundaryImport) import = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *report = NULL;
  LinliBoundaryOptions options;
  LinliGrids *grids;
  const char *path;
  size_t i = 0;

  fuzz_init ();
  while (i < size && g_ascii_isspace (data[i]))
    i++;
  path = fuzz_write_temp (i < size && data[i] == '<' ? "input.osm" : "input.geojson", data, size);
  project = make_project ();
  history = linli_history_new (project);
  linli_boundary_options_init (&options);
  options.as = (LinliBoundaryAs) (size % 3);
  import = linli_boundary_import_read (project, path, &options, &error);
  if (import == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  report = linli_boundary_import_describe (import, project);
  g_assert_true (g_utf8_validate (report, -1, NULL));
  linli_boundary_import_apply (import, history);
  fuzz_round_trip (project);
  if (import->n_matched > 0)
    g_assert_true (linli_history_undo (history));
  grids = linli_project_get_grids (project);
  for (guint c = 0; c < 2; c++)
    g_assert_null (linli_grids_get_community_boundary (grids, c));
  for (guint k = 0; k < 4; k++)
    g_assert_null (linli_grids_get_compound_boundary (grids, k));
  return 0;
}
