/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-report"

#include "config.h"

#include "linli-report-dialog.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "linli-painter.h"
#include "linli-report.h"
#include "linli-xlsx.h"

/* File → Export Report…: the planner picks a format (PDF, PNG pages, an
 * Excel workbook or CSV files of the tables), the report or a meeting
 * deck, the paper and its orientation, then a file.  The pages are laid
 * out here and drawn and written in a worker thread; the dialog is modal,
 * so the document does not change meanwhile. */

struct _LinliReportDialog
{
  AdwWindow      parent_instance;

  GtkWidget     *content_box;
  AdwComboRow   *format_row;
  AdwComboRow   *content_row;
  AdwComboRow   *paper_row;
  GtkSwitch     *landscape_switch;
  AdwActionRow  *dpi_row;
  GtkSpinButton *dpi_spin;
  GtkSpinner    *spinner;
  GtkLabel      *status_label;

  LinliDocument *document;
  GPtrArray     *proposal_ids;    /* char*, a plan's proposal or empty */
  GArray        *proposal_adds;   /* double */
  GCancellable  *cancellable;
};

G_DEFINE_FINAL_TYPE (LinliReportDialog, linli_report_dialog, ADW_TYPE_WINDOW)

typedef struct
{
  LinliReportFormat  format;
  LinliReport       *report;
  GPtrArray         *tables;
  char              *path;
  double             dpi;
} ExportJob;

/* Auxiliary methods */

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_object (&job->report);
  g_clear_pointer (&job->tables, g_ptr_array_unref);
  g_free (job->path);
  g_free (job);
}

static void
update_rows (LinliReportDialog *self)
{
  LinliReportFormat format = adw_combo_row_get_selected (self->format_row);
  gboolean pages = format == LINLI_REPORT_FORMAT_PDF || format == LINLI_REPORT_FORMAT_PNG;

  gtk_widget_set_sensitive (GTK_WIDGET (self->content_row), pages);
  gtk_widget_set_sensitive (GTK_WIDGET (self->paper_row), pages);
  gtk_widget_set_sensitive (GTK_WIDGET (self->landscape_switch), pages);
  gtk_widget_set_sensitive (GTK_WIDGET (self->dpi_row), format == LINLI_REPORT_FORMAT_PNG);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.export", self->cancellable == NULL);
}

static LinliReportProposal
proposal_of (LinliReportDialog *self)
{
  LinliReportProposal proposal = {
    (const char **) self->proposal_ids->pdata,
    (const double *) self->proposal_adds->data,
    self->proposal_ids->len,
  };

  return proposal;
}

/* Lays the pages out, or collects the tables, on the main thread, where
 * the document lives. */
static ExportJob *
prepare_job (LinliReportDialog *self,
             const char        *path)
{
  ExportJob *job = g_new0 (ExportJob, 1);
  LinliReportProposal proposal = proposal_of (self);

  job->format = adw_combo_row_get_selected (self->format_row);
  job->path = g_strdup (path);
  job->dpi = gtk_spin_button_get_value (self->dpi_spin);
  if (job->format == LINLI_REPORT_FORMAT_PDF || job->format == LINLI_REPORT_FORMAT_PNG)
    {
      double width, height;

      LinliPaper paper = adw_combo_row_get_selected (self->paper_row) == 1 ? LINLI_PAPER_A3
                                                                             : LINLI_PAPER_A4;

      linli_paper_get_size (paper, gtk_switch_get_active (self->landscape_switch), &width, &height);
      job->report = linli_report_new (width, height);
      if (adw_combo_row_get_selected (self->content_row) == 1)
        linli_report_add_deck (job->report, self->document, &proposal);
      else
        linli_report_add_document (job->report, self->document, &proposal);
    }
  else
    {
      job->tables = linli_report_tables_collect (self->document, &proposal);
    }
  return job;
}

/* PNG pages are named after the file chosen: report.png gives
 * report-1.png, report-2.png … */
static char *
png_pattern (const char *path)
{
  gsize length = strlen (path) - (g_str_has_suffix (path, ".png") ? 4 : 0);
  g_autofree char *stem = g_strndup (path, length);

  return g_strconcat (stem, "-%d.png", NULL);
}

static gboolean
run_job (ExportJob *job,
         GError   **error)
{
  switch (job->format)
    {
    case LINLI_REPORT_FORMAT_PDF:
      return linli_report_save_pdf (job->report, job->path, error);
    case LINLI_REPORT_FORMAT_PNG:
      {
        g_autofree char *pattern = png_pattern (job->path);

        return linli_report_save_png (job->report, pattern, job->dpi, error);
      }
    case LINLI_REPORT_FORMAT_XLSX:
      return linli_tables_save_xlsx (job->tables, job->path, error);
    case LINLI_REPORT_FORMAT_CSV:
    default:
      if (g_mkdir_with_parents (job->path, 0755) != 0)
        {
          int saved = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", job->path,
                       g_strerror (saved));
          return FALSE;
        }
      for (guint i = 0; i < job->tables->len; i++)
        {
          LinliTable *table = g_ptr_array_index (job->tables, i);
          g_autofree char *name = g_strconcat (linli_table_get_key (table), ".csv", NULL);
          g_autofree char *file = g_build_filename (job->path, name, NULL);

          if (!linli_table_save_csv (table, file, error))
            return FALSE;
        }
      return TRUE;
    }
}

/* Callbacks */

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (run_job (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LinliReportDialog *self = LINLI_REPORT_DIALOG (source);
  g_autoptr (GError) error = NULL;

  g_clear_object (&self->cancellable);
  gtk_spinner_stop (self->spinner);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    gtk_label_set_text (self->status_label, error->message);
  else
    gtk_label_set_text (self->status_label, _("Exported."));
  update_rows (self);
}

static void
start_export (LinliReportDialog *self,
              const char        *path)
{
  g_autoptr (GTask) task = NULL;

  self->cancellable = g_cancellable_new ();
  gtk_label_set_text (self->status_label, _("Exporting…"));
  gtk_spinner_start (self->spinner);
  update_rows (self);
  task = g_task_new (self, self->cancellable, on_exported_cb, NULL);
  g_task_set_source_tag (task, start_export);
  g_task_set_task_data (task, prepare_job (self, path), export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
on_chooser_response_cb (GtkNativeDialog   *chooser,
                        int                response,
                        LinliReportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        start_export (self, path);
    }
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LinliReportDialog *self = LINLI_REPORT_DIALOG (widget);
  LinliReportFormat format = adw_combo_row_get_selected (self->format_row);
  static const char *names[] = { N_("report.pdf"), N_("report.png"), N_("report.xlsx"),
                                 N_("report") };
  GtkFileChooserAction action;
  GtkFileChooserNative *chooser;

  if (self->cancellable != NULL)
    return;
  action = format == LINLI_REPORT_FORMAT_CSV ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                             : GTK_FILE_CHOOSER_ACTION_SAVE;
  chooser = gtk_file_chooser_native_new (_("Export the Report"), GTK_WINDOW (self), action,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (format != LINLI_REPORT_FORMAT_CSV)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _(names[MIN (format, 3)]));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject overrides */

static void
linli_report_dialog_dispose (GObject *object)
{
  LinliReportDialog *self = LINLI_REPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LINLI_TYPE_REPORT_DIALOG);
  G_OBJECT_CLASS (linli_report_dialog_parent_class)->dispose (object);
}

static void
linli_report_dialog_finalize (GObject *object)
{
  LinliReportDialog *self = LINLI_REPORT_DIALOG (object);

  g_clear_object (&self->document);
  g_ptr_array_unref (self->proposal_ids);
  g_array_unref (self->proposal_adds);
  G_OBJECT_CLASS (linli_report_dialog_parent_class)->finalize (object);
}

static void
linli_report_dialog_class_init (LinliReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = linli_report_dialog_dispose;
  object_class->finalize = linli_report_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/cn/linli/Linli/linli-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LinliReportDialog, content_box);
  gtk_widget_class_bind_template_child (widget_class, LinliReportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, LinliReportDialog, content_row);
  gtk_widget_class_bind_template_child (widget_class, LinliReportDialog, paper_row);
  gtk_widget_class_bind_template_child (widget_class, LinliReportDialog, landscape_switch);
  gtk_widget_class_bind_template_child (widget_class, LinliReportDialog, dpi_row);
  gtk_widget_class_bind_template_child (widget_class, LinliReportDialog, dpi_spin);
  gtk_widget_class_bind_template_child (widget_class, LinliReportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LinliReportDialog, status_label);
  gtk_widget_class_install_action (widget_class, "report.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
linli_report_dialog_init (LinliReportDialog *self)
{
  g_autoptr (GtkStringList) formats = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) contents = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) papers = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->proposal_ids = g_ptr_array_new_with_free_func (g_free);
  self->proposal_adds = g_array_new (FALSE, FALSE, sizeof (double));

  /* In the order of LinliReportFormat. */
  gtk_string_list_append (formats, _("PDF"));
  gtk_string_list_append (formats, _("PNG pages"));
  gtk_string_list_append (formats, _("Excel workbook of the tables"));
  gtk_string_list_append (formats, _("CSV files of the tables"));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (formats));
  gtk_string_list_append (contents, _("Report"));
  gtk_string_list_append (contents, _("Meeting deck"));
  adw_combo_row_set_model (self->content_row, G_LIST_MODEL (contents));
  gtk_string_list_append (papers, "A4");
  gtk_string_list_append (papers, "A3");
  adw_combo_row_set_model (self->paper_row, G_LIST_MODEL (papers));
  g_signal_connect_object (self->format_row, "notify::selected", G_CALLBACK (update_rows), self,
                           G_CONNECT_SWAPPED);
  update_rows (self);
}

/**
 * linli_report_dialog_new:
 * @proposal: (nullable): the plan's proposal, listed and marked on the map
 *
 * Returns: (transfer full): the dialog for @document
 */
LinliReportDialog *
linli_report_dialog_new (LinliDocument             *document,
                         const LinliReportProposal *proposal)
{
  LinliReportDialog *self = g_object_new (LINLI_TYPE_REPORT_DIALOG, NULL);

  self->document = g_object_ref (document);
  for (guint i = 0; proposal != NULL && i < proposal->n; i++)
    {
      g_ptr_array_add (self->proposal_ids, g_strdup (proposal->ids[i]));
      g_array_append_val (self->proposal_adds, proposal->adds[i]);
    }
  return self;
}

void
linli_report_dialog_set_format (LinliReportDialog *self,
                                LinliReportFormat  format)
{
  g_return_if_fail (LINLI_IS_REPORT_DIALOG (self));
  adw_combo_row_set_selected (self->format_row, format);
}

void
linli_report_dialog_set_deck (LinliReportDialog *self,
                              gboolean           deck)
{
  g_return_if_fail (LINLI_IS_REPORT_DIALOG (self));
  adw_combo_row_set_selected (self->content_row, deck ? 1 : 0);
}

/**
 * linli_report_dialog_export_to:
 *
 * Exports with the dialog's choices to @path at once, on this thread, as
 * the Export button does after its file chooser; for tests.
 *
 * Returns: whether @path was written
 */
gboolean
linli_report_dialog_export_to (LinliReportDialog *self,
                               const char        *path,
                               GError           **error)
{
  ExportJob *job;
  gboolean ok;

  g_return_val_if_fail (LINLI_IS_REPORT_DIALOG (self), FALSE);

  job = prepare_job (self, path);
  ok = run_job (job, error);
  export_job_free (job);
  return ok;
}
