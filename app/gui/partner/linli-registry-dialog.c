/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-registry-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "linli-partner-edits.h"
#include "linli-registry-dialog.h"
#include "linli-registry.h"

/* The partner registry of a street office, from the window: where it is (an
 * SQLite file or a PostgreSQL location), its lists loaded into the plan as
 * one undoable step, and the plan's lists saved back.  The dialog keeps
 * the connection between the two, for the connection remembers what it
 * loaded: a save then refuses to overwrite what someone else changed in
 * between, and says what.  Closing the dialog hides it; the connection
 * lives as long as the window.
 */

struct _LinliRegistryDialog
{
  GtkWindow      parent_instance;

  LinliDocument *document;
  LinliRegistry *registry;
  char          *registry_location;   /* where @registry was opened */

  GtkEntry      *location;
  GtkLabel      *status;
  GtkWidget     *save_button;
};

G_DEFINE_FINAL_TYPE (LinliRegistryDialog, linli_registry_dialog, GTK_TYPE_WINDOW)

static void
set_status (LinliRegistryDialog *self,
            const char          *text)
{
  gtk_label_set_text (self->status, text);
}

/* The connection for the location typed, opened anew when it changed. */
static LinliRegistry *
connection (LinliRegistryDialog *self,
            GError             **error)
{
  g_autofree char *location = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->location))));

  if (*location == '\0')
    {
      g_set_error_literal (error, LINLI_REGISTRY_ERROR, LINLI_REGISTRY_ERROR_FAILED,
                           _("Say where the registry is: an SQLite file, or a PostgreSQL location "
                             "such as postgresql://server/database"));
      return NULL;
    }
  if (self->registry != NULL && g_strcmp0 (self->registry_location, location) == 0)
    return self->registry;
  g_clear_pointer (&self->registry, linli_registry_close);
  g_clear_pointer (&self->registry_location, g_free);
  self->registry = linli_registry_open (location, error);
  if (self->registry != NULL)
    self->registry_location = g_steal_pointer (&location);
  return self->registry;
}

static char *
describe_lists (LinliPartners *partners)
{
  guint units = linli_partners_get_n (partners, LINLI_PARTNER_LIST_UNITS);
  guint needs = linli_partners_get_n (partners, LINLI_PARTNER_LIST_NEEDS);
  guint records = linli_partners_get_n (partners, LINLI_PARTNER_LIST_RECORDS);
  g_autofree char *u = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit", "%u units", units), units);
  g_autofree char *n = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u need", "%u needs", needs), needs);
  g_autofree char *r = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u service record",
                                                     "%u service records", records), records);

  /* Translators: the counts of units, needs and service records */
  return g_strdup_printf (_("%s, %s, %s"), u, n, r);
}

/**
 * linli_registry_dialog_load:
 * @self: the dialog
 *
 * Loads the registry at the location typed into the plan: its lists take
 * the place of the plan's, as one undoable step; the plan's options and
 * the pairs it always or never makes stay where their unit and need do.  On failure the plan is
 * left as it was.
 *
 * Returns: whether the registry could be read
 */
gboolean
linli_registry_dialog_load (LinliRegistryDialog *self,
                            GError             **error)
{
  g_autoptr (LinliPartners) lists = linli_partners_new ();
  g_autofree char *counts = NULL, *text = NULL;
  LinliRegistry *registry;

  g_return_val_if_fail (LINLI_IS_REGISTRY_DIALOG (self), FALSE);

  /* The registry's lists keep the plan's rules where they apply. */
  linli_partners_set_rules (lists, linli_partners_get_rules (
    linli_project_get_partners (linli_document_get_project (self->document))));
  if ((registry = connection (self, error)) == NULL || !linli_registry_load (registry, lists, error))
    return FALSE;
  linli_partner_edits_replace_all (linli_document_get_history (self->document), lists,
                                   _("Load Partner Registry"));
  counts = describe_lists (lists);
  /* Translators: a registry's location, then the counts of what it held */
  text = g_strdup_printf (_("Loaded from %s: %s."), linli_registry_get_location (registry), counts);
  set_status (self, text);
  return TRUE;
}

/**
 * linli_registry_dialog_save:
 * @self: the dialog
 *
 * Saves the plan's partner lists to the registry: what changed since they
 * were loaded is written, what was removed is removed, in one transaction.
 * When someone else changed one of those items in between, nothing is
 * written and @error names it.
 *
 * Returns: whether everything was written
 */
gboolean
linli_registry_dialog_save (LinliRegistryDialog *self,
                            GError             **error)
{
  LinliPartners *partners;
  LinliRegistry *registry;
  g_autofree char *counts = NULL, *text = NULL;

  g_return_val_if_fail (LINLI_IS_REGISTRY_DIALOG (self), FALSE);

  partners = linli_project_get_partners (linli_document_get_project (self->document));
  if ((registry = connection (self, error)) == NULL || !linli_registry_save (registry, partners, error))
    return FALSE;
  counts = describe_lists (partners);
  /* Translators: a registry's location, then the counts of what it holds now */
  text = g_strdup_printf (_("Saved to %s: %s."), linli_registry_get_location (registry), counts);
  set_status (self, text);
  return TRUE;
}

const char *
linli_registry_dialog_get_status (LinliRegistryDialog *self)
{
  g_return_val_if_fail (LINLI_IS_REGISTRY_DIALOG (self), NULL);

  return gtk_label_get_text (self->status);
}

void
linli_registry_dialog_set_location (LinliRegistryDialog *self,
                                    const char          *location)
{
  g_return_if_fail (LINLI_IS_REGISTRY_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->location), location != NULL ? location : "");
}

/* Callbacks */

static void
on_load_clicked_cb (LinliRegistryDialog *self)
{
  g_autoptr (GError) error = NULL;

  if (!linli_registry_dialog_load (self, &error))
    set_status (self, error->message);
}

static void
on_save_clicked_cb (LinliRegistryDialog *self)
{
  g_autoptr (GError) error = NULL;

  if (!linli_registry_dialog_save (self, &error))
    set_status (self, error->message);
}

static void
on_file_chosen_cb (GtkNativeDialog     *chooser,
                   int                  response,
                   LinliRegistryDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        linli_registry_dialog_set_location (self, path);
    }
  g_object_unref (chooser);
}

/* Save mode: a registry file may be new, made at the first save. */
static void
on_choose_clicked_cb (LinliRegistryDialog *self)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Partner Registry File"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Choose"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("partners.sqlite"));
  gtk_file_filter_set_name (filter, _("SQLite registries"));
  gtk_file_filter_add_pattern (filter, "*.sqlite");
  gtk_file_filter_add_pattern (filter, "*.sqlite3");
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_file_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject */

static void
linli_registry_dialog_dispose (GObject *object)
{
  LinliRegistryDialog *self = LINLI_REGISTRY_DIALOG (object);

  g_clear_pointer (&self->registry, linli_registry_close);
  g_clear_pointer (&self->registry_location, g_free);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (linli_registry_dialog_parent_class)->dispose (object);
}

static void
linli_registry_dialog_class_init (LinliRegistryDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = linli_registry_dialog_dispose;
}

static GtkWidget *
button (const char          *label,
        GCallback            clicked,
        LinliRegistryDialog *self)
{
  GtkWidget *b = gtk_button_new_with_mnemonic (label);

  g_signal_connect_object (b, "clicked", clicked, self, G_CONNECT_SWAPPED);
  return b;
}

static void
linli_registry_dialog_init (LinliRegistryDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *intro, *load;

  gtk_window_set_title (GTK_WINDOW (self), _("Partner Registry"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, -1);
  gtk_window_set_hide_on_close (GTK_WINDOW (self), TRUE);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);

  intro = gtk_label_new (_("The registry keeps the partner units, needs, service records and evaluations of a "
                           "street office for all its communities: an SQLite file beside the plans, or a "
                           "PostgreSQL server (postgresql://server/database) where many people edit at once. "
                           "Loading puts its lists in this plan (undoable); saving writes the plan's lists "
                           "back and refuses, saying what, when someone else changed the same items since."));
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (intro), 60);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_box_append (GTK_BOX (box), intro);

  self->location = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->location, _("partners.sqlite or postgresql://server/database"));
  gtk_widget_set_hexpand (GTK_WIDGET (self->location), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->location), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Registry location"), -1);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->location));
  gtk_box_append (GTK_BOX (row), button (_("C_hoose File…"), G_CALLBACK (on_choose_clicked_cb), self));
  gtk_box_append (GTK_BOX (box), row);

  self->status = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_wrap (self->status, TRUE);
  gtk_label_set_max_width_chars (self->status, 60);
  gtk_label_set_xalign (self->status, 0);
  gtk_label_set_selectable (self->status, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->status));

  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  self->save_button = button (_("_Save Plan’s Lists to Registry"), G_CALLBACK (on_save_clicked_cb), self);
  load = button (_("_Load into Plan"), G_CALLBACK (on_load_clicked_cb), self);
  gtk_widget_add_css_class (load, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), self->save_button);
  gtk_box_append (GTK_BOX (buttons), load);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_window_set_child (GTK_WINDOW (self), box);
}

/**
 * linli_registry_dialog_new:
 * @document: the open plan
 *
 * Returns: (transfer floating): a registry dialog for @document, its
 *   location the registry the plan's lists came from, if any
 */
LinliRegistryDialog *
linli_registry_dialog_new (LinliDocument *document)
{
  LinliRegistryDialog *self;
  const char *from;

  g_return_val_if_fail (LINLI_IS_DOCUMENT (document), NULL);

  self = g_object_new (LINLI_TYPE_REGISTRY_DIALOG, NULL);
  self->document = g_object_ref (document);
  from = linli_partners_get_registry (linli_project_get_partners (linli_document_get_project (document)));
  linli_registry_dialog_set_location (self, from);
  return self;
}
