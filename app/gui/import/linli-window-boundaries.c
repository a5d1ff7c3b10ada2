/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "linli-import.h"
#include "linli-import-boundaries.h"
#include "linli-window-private.h"

/* File → Import Boundaries: choose a GeoJSON or OpenStreetMap file, see
 * which polygons match which communities and compounds and which do not,
 * then set them in the open project as one undoable step. */

#define MAX_LISTED 8

typedef struct
{
  LinliWindow *self;
  char        *path;
  GtkDropDown *crs;
} PendingBoundaries;

static void
pending_boundaries_free (PendingBoundaries *p)
{
  g_object_unref (p->self);
  g_free (p->path);
  g_free (p);
}

/* Auxiliary methods */

/* The counts, then the first few matches and the first few polygons not
 * used with why: the whole report is what linli-tool prints. */
static char *
describe (LinliBoundaryImport *import,
          LinliProject        *project)
{
  GString *s = g_string_new (NULL);
  guint listed = 0;

  g_string_append_printf (s, _("%u of %u polygons match a community or compound; %u match nothing and %u "
                               "cannot be used."),
                          import->n_matched, import->polygons->len, import->n_unmatched, import->n_skipped);
  for (guint i = 0; i < import->polygons->len; i++)
    {
      LinliBoundaryPolygon *p = g_ptr_array_index (import->polygons, i);
      const char *name = p->name != NULL ? p->name : _("(no name)");

      if (listed == MAX_LISTED)
        {
          g_string_append (s, "\n…");
          break;
        }
      listed++;
      if (p->match == LINLI_BOUNDARY_BY_NAME || p->match == LINLI_BOUNDARY_BY_BUILDINGS)
        {
          const char *target = p->compound ? linli_project_get_compound (project, p->index)->name
                                           : linli_project_get_community (project, p->index)->name;

          g_string_append_printf (s, p->match == LINLI_BOUNDARY_BY_NAME ? _("\n%s → %s (by name)")
                                                                        : _("\n%s → %s (by buildings)"),
                                  name, target);
        }
      else
        g_string_append_printf (s, _("\n%s: %s"), name, p->reason);
    }
  if (import->communities_left->len > 0)
    g_string_append_printf (s, _("\n\n%u communities keep a boundary derived from their buildings."),
                            import->communities_left->len);
  return g_string_free (s, FALSE);
}

static LinliBoundaryImport *
read_file (LinliWindow *self,
           const char  *path,
           LinliCrs     crs,
           GError     **error)
{
  LinliBoundaryOptions opts;

  linli_boundary_options_init (&opts);
  opts.crs = crs;
  return linli_boundary_import_read (linli_document_get_project (self->document), path, &opts, error);
}

/* Callbacks */

static void
on_boundaries_response_cb (AdwMessageDialog  *dialog,
                           const char        *response,
                           PendingBoundaries *p)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliBoundaryImport) import = NULL;
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "apply") != 0)
    return;
  /* Read again: the coordinate system may have been chosen, and the
   * project may have changed while the dialog was open. */
  import = read_file (p->self, p->path, linli_window_crs_from_dropdown (p->crs), &error);
  if (import == NULL)
    {
      linli_window_show_error (p->self, _("Could not import the boundaries"), error);
      return;
    }
  linli_boundary_import_apply (import, linli_document_get_history (p->self->document));
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u boundary set", "%u boundaries set",
                                       import->n_matched), import->n_matched);
  linli_window_toast (p->self, text, 0);
}

/**
 * linli_window_preview_boundaries:
 *
 * Says which polygons of @file match which communities and compounds,
 * and which match nothing and why, then sets the matched boundaries in
 * the open project as one undoable step.
 */
void
linli_window_preview_boundaries (LinliWindow *self,
                                 GFile       *file)
{
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LinliBoundaryImport) import = NULL;
  GtkWidget *dialog, *dropdown = NULL;
  PendingBoundaries *p;
  gboolean osm;

  if ((path = linli_window_local_path (file, &error)) == NULL ||
      (import = read_file (self, path, LINLI_CRS_WGS84, &error)) == NULL)
    {
      linli_window_show_error (self, _("Could not import the boundaries"), error);
      return;
    }
  osm = linli_import_guess_format (path) == LINLI_IMPORT_FORMAT_OSM;
  body = describe (import, linli_document_get_project (self->document));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import Boundaries?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "apply", _("_Set Boundaries"), NULL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* With a GeoJSON file the match may change with the coordinate system,
   * so the answer stays open then; it is read again on the answer. */
  if (!osm || import->n_matched > 0)
    {
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
    }
  else
    adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply", FALSE);
  if (!osm)
    {
      dropdown = linli_window_crs_dropdown_new ();
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), dropdown);
    }
  p = g_new0 (PendingBoundaries, 1);
  p->self = g_object_ref (self);
  p->path = g_steal_pointer (&path);
  p->crs = dropdown != NULL ? GTK_DROP_DOWN (dropdown) : NULL;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_boundaries_response_cb), p,
                         (GClosureNotify) (void (*) (void)) pending_boundaries_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
