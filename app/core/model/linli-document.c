/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-document"

#include "config.h"

#include "linli-document.h"

#include <glib/gi18n-lib.h>

#include "linli-format.h"
#include "linli-geos.h"
#include "linli-grid-check.h"
#include "linli-grids.h"
#include "linli-org.h"

/* A document is an open project with everything derived from it: its file,
 * its undo history, the walking graph of its streets, the coverage by its
 * rule (and by straight line beside it when the rule is along streets) and
 * the walks from every street node to the nearest site.  It follows every
 * change of the project and says so with ::coverage-changed, so that the
 * window, the command-line tool and the tests read the same figures.  It
 * also keeps which building lies in which grid and what each grid holds,
 * worked out when first asked for after a change of the grids or the
 * buildings, and the boundaries derived for communities that have none,
 * and says when they change with ::grids-changed.
 */

typedef struct
{
  guint  id;
  double lat;
  double lon;
} NearestSource;

struct _LinliDocument
{
  GObject           parent_instance;

  LinliProject     *project;
  LinliHistory     *history;
  GFile            *file;
  gboolean          unsaved;          /* never saved to @file, as an import */
  guint             n_estimated;

  /* The walking graph and what it was made for. */
  LinliWalk        *walk;
  guint             walk_serial;
  const LinliBuilding *walk_buildings;
  guint             walk_n_buildings;
  LinliProjection   walk_projection;

  LinliCoverage    *coverage;
  LinliCoverage    *line_coverage;    /* by circle, beside a rule along streets */
  LinliWalkNearest *nearest;          /* walks to the nearest site, from every node */
  GHashTable       *nearest_sources;  /* LinliSite → NearestSource */

  /* Grids: the assignment and what it was made for. */
  LinliGridAssignment *grid_assignment;
  LinliGridOverlapCache *overlap_cache;
  guint             grids_serial;
  const LinliBuilding *grids_buildings;
  guint             grids_n_buildings;
  guint             base_serial;         /* the project's when the estimated were counted */
  GPtrArray        *derived_boundaries;  /* per community: LinliPolygon or NULL */

  /* Checks of the organisation chain and the grids, made when asked for. */
  LinliOrgCheck    *org_check;
  GPtrArray        *violations;          /* LinliViolation: the org's, then the grids' */
  GPtrArray        *community_points;    /* per community: GArray of its buildings' LinliLatLon */
};

G_DEFINE_FINAL_TYPE (LinliDocument, linli_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_HISTORY,
  PROP_FILE,
  PROP_MODIFIED,
  N_PROPS,
};

enum {
  SIGNAL_COVERAGE_CHANGED,
  SIGNAL_GRIDS_CHANGED,
  SIGNAL_CHECKS_CHANGED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Auxiliary methods */

/* Makes the walking graph again when the streets, the buildings or the
 * projection changed; returns whether it did.  The graph is made on first
 * use (a rule along streets, or someone asking for it), not on opening. */
static gboolean
update_walk (LinliDocument *self)
{
  LinliProject *project = self->project;
  const LinliProjection *proj = linli_project_get_projection (project);

  if (!linli_project_has_streets (project))
    {
      if (self->walk == NULL)
        return FALSE;
      g_clear_pointer (&self->nearest, linli_walk_nearest_free);
      g_hash_table_remove_all (self->nearest_sources);
      g_clear_pointer (&self->walk, linli_walk_free);
      return TRUE;
    }
  if (self->walk != NULL &&
      self->walk_serial == linli_project_get_streets_serial (project) &&
      self->walk_buildings == linli_project_get_buildings (project) &&
      self->walk_n_buildings == linli_project_get_n_buildings (project) &&
      self->walk_projection.lat0 == proj->lat0 && self->walk_projection.lon0 == proj->lon0)
    return FALSE;

  /* The coverage and the nearest walks point into the old graph. */
  g_clear_pointer (&self->nearest, linli_walk_nearest_free);
  g_hash_table_remove_all (self->nearest_sources);
  g_clear_pointer (&self->walk, linli_walk_free);
  self->walk = linli_walk_new_for_project (project);
  self->walk_serial = linli_project_get_streets_serial (project);
  self->walk_buildings = linli_project_get_buildings (project);
  self->walk_n_buildings = linli_project_get_n_buildings (project);
  self->walk_projection = *proj;
  return TRUE;
}

/* Keeps the walks to the nearest site up to date: only sites that moved,
 * came or went are searched again. */
static void
update_nearest (LinliDocument *self)
{
  const LinliProjection *proj = linli_project_get_projection (self->project);
  g_autoptr (GHashTable) seen = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (self->walk == NULL || self->nearest == NULL)
    return;

  seen = g_hash_table_new (NULL, NULL);
  for (guint s = 0; s < linli_project_get_n_sites (self->project); s++)
    {
      LinliSite *site = linli_project_get_site (self->project, s);
      NearestSource *src;
      double lat = linli_site_get_lat (site), lon = linli_site_get_lon (site), x, y;

      if (!linli_site_counts_for_coverage (site) || !linli_lat_lon_is_valid (lat, lon))
        continue;
      g_hash_table_add (seen, site);
      src = g_hash_table_lookup (self->nearest_sources, site);
      if (src != NULL && src->lat == lat && src->lon == lon)
        continue;
      linli_projection_forward (proj, lat, lon, &x, &y);
      if (src == NULL)
        {
          src = g_new (NearestSource, 1);
          src->id = linli_walk_nearest_add_source (self->nearest, x, y);
          g_hash_table_insert (self->nearest_sources, g_object_ref (site), src);
        }
      else
        {
          linli_walk_nearest_move_source (self->nearest, src->id, x, y);
        }
      src->lat = lat;
      src->lon = lon;
    }
  g_hash_table_iter_init (&iter, self->nearest_sources);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (seen, key))
      {
        linli_walk_nearest_remove_source (self->nearest, ((NearestSource *) value)->id);
        g_hash_table_iter_remove (&iter);
      }
}

/* Brings everything derived up to date.  Edits are followed incrementally:
 * only buildings near a changed site are looked at again. */
static void
update_derived (LinliDocument *self)
{
  LinliProject *project = self->project;

  if (self->walk != NULL ||
      (linli_project_get_distance (project) == LINLI_DISTANCE_STREET && linli_project_has_streets (project)))
    update_walk (self);
  if (self->coverage != NULL)
    linli_coverage_update (self->coverage, project, self->walk);
  else
    self->coverage = linli_coverage_compute (project, self->walk);
  if (linli_coverage_get_distance (self->coverage) == LINLI_DISTANCE_STREET)
    {
      if (self->line_coverage != NULL)
        linli_coverage_update (self->line_coverage, project, NULL);
      else
        self->line_coverage = linli_coverage_compute_by (project, LINLI_DISTANCE_LINE, NULL);
    }
  else
    {
      g_clear_pointer (&self->line_coverage, linli_coverage_free);
    }
  update_nearest (self);
  g_signal_emit (self, signals[SIGNAL_COVERAGE_CHANGED], 0);
}

/* Flags change only with an edit of the base data, so they are counted on
 * opening and again after such an edit. */
static void
count_estimated (LinliDocument *self)
{
  const LinliBuilding *buildings = linli_project_get_buildings (self->project);
  guint n = linli_project_get_n_buildings (self->project);

  self->n_estimated = 0;
  for (guint i = 0; i < n; i++)
    self->n_estimated += (buildings[i].flags & LINLI_BUILDING_ESTIMATED) != 0;
}

/* Callbacks */

/* Drops what depends on the grids or the buildings when either changed. */
static gboolean
check_grids (LinliDocument *self)
{
  LinliProject *project = self->project;

  if (self->grids_serial == linli_grids_get_serial (linli_project_get_grids (project)) &&
      self->grids_buildings == linli_project_get_buildings (project) &&
      self->grids_n_buildings == linli_project_get_n_buildings (project) &&
      self->base_serial == linli_project_get_base_serial (project))
    return FALSE;
  g_clear_pointer (&self->grid_assignment, linli_grid_assignment_free);
  if (self->grids_buildings != linli_project_get_buildings (project) ||
      self->grids_n_buildings != linli_project_get_n_buildings (project) ||
      self->base_serial != linli_project_get_base_serial (project))
    {
      g_ptr_array_set_size (self->derived_boundaries, 0);
      g_ptr_array_set_size (self->community_points, 0);
    }
  self->grids_serial = linli_grids_get_serial (linli_project_get_grids (project));
  self->grids_buildings = linli_project_get_buildings (project);
  self->grids_n_buildings = linli_project_get_n_buildings (project);
  if (self->base_serial != linli_project_get_base_serial (project))
    {
      count_estimated (self);
      self->base_serial = linli_project_get_base_serial (project);
    }
  return TRUE;
}

static void
drop_checks (LinliDocument *self)
{
  g_clear_pointer (&self->org_check, linli_org_check_free);
  g_clear_pointer (&self->violations, g_ptr_array_unref);
  g_signal_emit (self, signals[SIGNAL_CHECKS_CHANGED], 0);
}

static void
on_project_changed_cb (LinliDocument *self)
{
  update_derived (self);
  if (check_grids (self))
    {
      g_signal_emit (self, signals[SIGNAL_GRIDS_CHANGED], 0);
      drop_checks (self);
    }
}

static void
on_grids_changed_cb (LinliDocument *self)
{
  if (check_grids (self))
    {
      g_signal_emit (self, signals[SIGNAL_GRIDS_CHANGED], 0);
      drop_checks (self);
    }
}

static void
on_org_changed_cb (LinliDocument *self)
{
  drop_checks (self);
}

static void
on_history_modified_cb (LinliDocument *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/* GObject overrides */

static void
linli_document_dispose (GObject *object)
{
  LinliDocument *self = LINLI_DOCUMENT (object);

  if (self->project != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->project, self);
      g_signal_handlers_disconnect_by_data (linli_project_get_grids (self->project), self);
      g_signal_handlers_disconnect_by_data (linli_project_get_org (self->project), self);
    }
  g_clear_object (&self->history);
  g_clear_object (&self->file);
  g_clear_pointer (&self->nearest_sources, g_hash_table_unref);
  G_OBJECT_CLASS (linli_document_parent_class)->dispose (object);
}

static void
linli_document_finalize (GObject *object)
{
  LinliDocument *self = LINLI_DOCUMENT (object);

  g_clear_pointer (&self->coverage, linli_coverage_free);
  g_clear_pointer (&self->line_coverage, linli_coverage_free);
  g_clear_pointer (&self->nearest, linli_walk_nearest_free);
  g_clear_pointer (&self->walk, linli_walk_free);
  g_clear_pointer (&self->grid_assignment, linli_grid_assignment_free);
  g_clear_pointer (&self->overlap_cache, linli_grid_overlap_cache_free);
  g_clear_pointer (&self->org_check, linli_org_check_free);
  g_clear_pointer (&self->violations, g_ptr_array_unref);
  g_clear_pointer (&self->derived_boundaries, g_ptr_array_unref);
  g_clear_pointer (&self->community_points, g_ptr_array_unref);
  g_clear_object (&self->project);
  G_OBJECT_CLASS (linli_document_parent_class)->finalize (object);
}

static void
linli_document_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LinliDocument *self = LINLI_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, linli_document_get_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
linli_document_class_init (LinliDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = linli_document_dispose;
  object_class->finalize = linli_document_finalize;
  object_class->get_property = linli_document_get_property;

  properties[PROP_PROJECT] = g_param_spec_object ("project", NULL, NULL, LINLI_TYPE_PROJECT, ro);
  properties[PROP_HISTORY] = g_param_spec_object ("history", NULL, NULL, LINLI_TYPE_HISTORY, ro);
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, ro);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LinliDocument::coverage-changed:
   *
   * The coverage, the walking graph or the walks to the nearest site were
   * brought up to date after the project changed.
   */
  signals[SIGNAL_COVERAGE_CHANGED] = g_signal_new ("coverage-changed", G_TYPE_FROM_CLASS (klass),
                                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                   G_TYPE_NONE, 0);

  /**
   * LinliDocument::grids-changed:
   *
   * The grids, the boundaries or the buildings changed: what lies in which
   * grid is worked out again when next asked for.
   */
  signals[SIGNAL_GRIDS_CHANGED] = g_signal_new ("grids-changed", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 0);

  /**
   * LinliDocument::checks-changed:
   *
   * The organisation, the grids or the buildings changed: the checks are
   * made again when next asked for.
   */
  signals[SIGNAL_CHECKS_CHANGED] = g_signal_new ("checks-changed", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 0);
}

static void
linli_document_init (LinliDocument *self)
{
  self->nearest_sources = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  self->overlap_cache = linli_grid_overlap_cache_new ();
  self->derived_boundaries = g_ptr_array_new_with_free_func (
    (GDestroyNotify) linli_polygon_unref);
  self->community_points = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

/* Public API */

/**
 * linli_document_new:
 * @project: the project
 * @file: (nullable): where it lives on disk
 *
 * Opens @project with a fresh undo history, counted as saved, and works out
 * its coverage.
 *
 * Returns: (transfer full): the document
 */
LinliDocument *
linli_document_new (LinliProject *project,
                    GFile        *file)
{
  LinliDocument *self;

  g_return_val_if_fail (LINLI_IS_PROJECT (project), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  self = g_object_new (LINLI_TYPE_DOCUMENT, NULL);
  self->project = g_object_ref (project);
  self->file = file != NULL ? g_object_ref (file) : NULL;
  self->history = linli_history_new (project);
  linli_history_set_saved (self->history);
  count_estimated (self);
  self->base_serial = linli_project_get_base_serial (project);

  g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (linli_project_get_grids (project), "changed",
                           G_CALLBACK (on_grids_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (linli_project_get_org (project), "changed",
                           G_CALLBACK (on_org_changed_cb), self, G_CONNECT_SWAPPED);
  /* The findings' messages name people through the hide-names switch. */
  g_signal_connect_object (project, "notify::hide-names", G_CALLBACK (on_org_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::modified", G_CALLBACK (on_history_modified_cb), self,
                           G_CONNECT_SWAPPED);
  update_derived (self);
  return self;
}

/**
 * linli_document_new_for_path:
 * @path: a `.linli` file
 *
 * Loads @path into a new document.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error
 *   naming the file, line and reason
 */
LinliDocument *
linli_document_new_for_path (const char  *path,
                             GError     **error)
{
  g_autoptr (LinliProject) project = NULL;
  g_autoptr (GFile) file = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  project = linli_format_load_file (path, error);
  if (project == NULL)
    return NULL;
  file = g_file_new_for_path (path);
  return linli_document_new (project, file);
}

LinliProject *
linli_document_get_project (LinliDocument *self)
{
  g_return_val_if_fail (LINLI_IS_DOCUMENT (self), NULL);
  return self->project;
}

LinliHistory *
linli_document_get_history (LinliDocument *self)
{
  g_return_val_if_fail (LINLI_IS_DOCUMENT (self), NULL);
  return self->history;
}

/**
 * linli_document_get_file:
 *
 * Returns: (transfer none) (nullable): where the document was loaded from or
 *   last saved to
 */
GFile *
linli_document_get_file (LinliDocument *self)
{
  g_return_val_if_fail (LINLI_IS_DOCUMENT (self), NULL);
  return self->file;
}

/**
 * linli_document_get_modified:
 *
 * Returns: %TRUE if the project has changes not saved to its file, or was
 *   made by an import and never saved
 */
gboolean
linli_document_get_modified (LinliDocument *self)
{
  g_return_val_if_fail (LINLI_IS_DOCUMENT (self), FALSE);
  return self->unsaved || linli_history_get_modified (self->history);
}

/**
 * linli_document_mark_unsaved:
 *
 * Counts the document as modified until it is saved, as for a project an
 * import made.
 */
void
linli_document_mark_unsaved (LinliDocument *self)
{
  gboolean was;

  g_return_if_fail (LINLI_IS_DOCUMENT (self));

  was = linli_document_get_modified (self);
  self->unsaved = TRUE;
  if (!was)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/**
 * linli_document_save:
 * @file: a local file
 *
 * Saves the project atomically to @file, which becomes the document's file,
 * and counts the current state as saved.
 *
 * Returns: %TRUE on success; on failure nothing changes
 */
gboolean
linli_document_save (LinliDocument  *self,
                     GFile          *file,
                     GError        **error)
{
  g_autofree char *path = NULL;
  gboolean was;

  g_return_val_if_fail (LINLI_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only local files can be saved"));
      return FALSE;
    }
  if (!linli_format_save_file (self->project, path, error))
    return FALSE;

  was = linli_document_get_modified (self);
  self->unsaved = FALSE;
  if (self->file == NULL || !g_file_equal (self->file, file))
    {
      g_set_object (&self->file, file);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }
  g_signal_handlers_block_by_func (self->history, on_history_modified_cb, self);
  linli_history_set_saved (self->history);
  g_signal_handlers_unblock_by_func (self->history, on_history_modified_cb, self);
  if (was)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  return TRUE;
}

/**
 * linli_document_get_coverage:
 *
 * Returns: (transfer none): the coverage by the project's rule, kept current
 */
const LinliCoverage *
linli_document_get_coverage (LinliDocument *self)
{
  g_return_val_if_fail (LINLI_IS_DOCUMENT (self), NULL);
  return self->coverage;
}

/**
 * linli_document_get_line_coverage:
 *
 * Returns: (transfer none) (nullable): the coverage by straight line when the
 *   rule measures along streets, to show what the circle overstates
 */
const LinliCoverage *
linli_document_get_line_coverage (LinliDocument *self)
{
  g_return_val_if_fail (LINLI_IS_DOCUMENT (self), NULL);
  return self->line_coverage;
}

/**
 * linli_document_get_walk:
 *
 * The walking graph is made on first use and kept while the streets and
 * buildings stay the same.
 *
 * Returns: (transfer none) (nullable): the walking graph of the project's
 *   streets, or %NULL when it has none
 */
LinliWalk *
linli_document_get_walk (LinliDocument *self)
{
  g_return_val_if_fail (LINLI_IS_DOCUMENT (self), NULL);

  update_walk (self);
  return self->walk;
}

/**
 * linli_document_get_node_distances:
 *
 * Made on first use, then kept current with every edit (only sites that
 * moved, came or went are searched again).
 *
 * Returns: (transfer none) (nullable): for every node of the walking graph,
 *   the walk in metres to the nearest existing or planned site, or %NULL when
 *   the project has no streets
 */
const double *
linli_document_get_node_distances (LinliDocument *self)
{
  g_return_val_if_fail (LINLI_IS_DOCUMENT (self), NULL);

  if (update_walk (self) || self->nearest == NULL)
    {
      if (self->walk == NULL)
        return NULL;
      if (self->nearest == NULL)
        self->nearest = linli_walk_nearest_new (self->walk);
      update_nearest (self);
    }
  return linli_walk_nearest_get_node_distances (self->nearest);
}

/**
 * linli_document_get_n_estimated:
 *
 * Returns: how many buildings have estimated households and residents
 */
guint
linli_document_get_n_estimated (LinliDocument *self)
{
  g_return_val_if_fail (LINLI_IS_DOCUMENT (self), 0);
  return self->n_estimated;
}

/**
 * linli_document_get_grid_assignment:
 *
 * Returns: (transfer none): which building lies in which grid and what
 *   each grid holds, for the grids and buildings as they are now
 */
const LinliGridAssignment *
linli_document_get_grid_assignment (LinliDocument *self)
{
  g_return_val_if_fail (LINLI_IS_DOCUMENT (self), NULL);

  check_grids (self);
  if (self->grid_assignment == NULL)
    self->grid_assignment = linli_grid_assignment_new_cached (self->project, self->overlap_cache);
  return self->grid_assignment;
}

/**
 * linli_document_get_community_boundary:
 * @community: which community
 * @derived: (out) (optional): set to %TRUE when the boundary was derived
 *   from the community's buildings because none was drawn or imported
 *
 * Returns: (transfer none) (nullable): the community's boundary, or %NULL
 *   for a community with neither a boundary nor buildings
 */
LinliPolygon *
linli_document_get_community_boundary (LinliDocument *self,
                                       guint          community,
                                       gboolean      *derived)
{
  LinliProject *project;
  LinliPolygon *given;

  g_return_val_if_fail (LINLI_IS_DOCUMENT (self), NULL);

  project = self->project;
  given = linli_grids_get_community_boundary (linli_project_get_grids (project), community);
  if (derived != NULL)
    *derived = given == NULL;
  if (given != NULL)
    return given;

  check_grids (self);
  if (self->derived_boundaries->len != linli_project_get_n_communities (project))
    {
      g_ptr_array_set_size (self->derived_boundaries, 0);
      g_ptr_array_set_size (self->derived_boundaries, linli_project_get_n_communities (project));
    }
  if (community >= self->derived_boundaries->len)
    return NULL;
  if (self->derived_boundaries->pdata[community] == NULL)
    {
      GArray *points;

      /* The buildings sorted by community once, not once per community:
       * a district has a thousand communities and 300,000 buildings. */
      if (self->community_points->len != self->derived_boundaries->len)
        {
          const LinliBuilding *buildings = linli_project_get_buildings (project);

          g_ptr_array_set_size (self->community_points, 0);
          for (guint c = 0; c < self->derived_boundaries->len; c++)
            g_ptr_array_add (self->community_points, g_array_new (FALSE, FALSE, sizeof (LinliLatLon)));
          for (guint i = 0; i < linli_project_get_n_buildings (project); i++)
            {
              guint c = linli_project_building_community (project, i);

              if (c < self->community_points->len)
                g_array_append_val (g_ptr_array_index (self->community_points, c),
                                    ((LinliLatLon) { buildings[i].lat, buildings[i].lon }));
            }
        }
      points = g_ptr_array_index (self->community_points, community);
      /* 30 m around the outermost buildings: their footprints and a street. */
      self->derived_boundaries->pdata[community] =
        linli_polygon_hull ((LinliLatLon *) points->data, points->len, 30.0,
                            linli_project_get_projection (project));
    }
  return self->derived_boundaries->pdata[community];
}

/**
 * linli_document_get_org_check:
 *
 * Returns: (transfer none): the organisation chain's check, with the
 *   buildings' grids as they are now: violations, figures and each
 *   building's chain status
 */
const LinliOrgCheck *
linli_document_get_org_check (LinliDocument *self)
{
  g_return_val_if_fail (LINLI_IS_DOCUMENT (self), NULL);

  check_grids (self);
  if (self->org_check == NULL)
    {
      const LinliGridAssignment *a = linli_document_get_grid_assignment (self);
      gboolean any_grids = linli_grids_get_n_grids (linli_project_get_grids (self->project)) > 0;

      self->org_check = linli_org_check (self->project,
                                         any_grids ? linli_grid_assignment_get_building_grids (a) : NULL);
    }
  return self->org_check;
}

/**
 * linli_document_get_violations:
 *
 * Returns: (transfer none) (element-type LinliViolation): everything the
 *   checks found: the organisation chain's holes, then the grids'
 */
GPtrArray *
linli_document_get_violations (LinliDocument *self)
{
  g_return_val_if_fail (LINLI_IS_DOCUMENT (self), NULL);

  check_grids (self);
  if (self->violations == NULL)
    {
      const LinliOrgCheck *org = linli_document_get_org_check (self);
      g_autoptr (GPtrArray) grid = linli_grid_check (self->project, linli_document_get_grid_assignment (self));

      self->violations = g_ptr_array_new_with_free_func ((GDestroyNotify) linli_violation_free);
      /* The org check keeps its own; the list gets copies. */
      for (guint i = 0; i < org->violations->len; i++)
        {
          const LinliViolation *v = org->violations->pdata[i];
          LinliViolation *copy = linli_violation_new (v->rule, v->severity, v->community, v->subject, v->index,
                                                      v->id, g_strdup (v->message));

          if (v->has_position)
            linli_violation_set_position (copy, v->lat, v->lon);
          g_ptr_array_add (self->violations, copy);
        }
      g_ptr_array_extend_and_steal (self->violations, g_steal_pointer (&grid));
    }
  return self->violations;
}
