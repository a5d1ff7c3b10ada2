/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "linli-document.h"
#include "linli-report-tables.h"

G_BEGIN_DECLS

/* Paper sizes, in points (1/72 inch), portrait. */
typedef enum
{
  LINLI_PAPER_A4,
  LINLI_PAPER_A3,
} LinliPaper;

#define LINLI_REPORT_MIN_DPI 36
#define LINLI_REPORT_MAX_DPI 600

#define LINLI_TYPE_REPORT (linli_report_get_type ())
G_DECLARE_FINAL_TYPE (LinliReport, linli_report, LINLI, REPORT, GObject)

void         linli_paper_get_size          (LinliPaper paper,
                                            gboolean   landscape,
                                            double    *width,
                                            double    *height);

LinliReport *linli_report_new              (double width,
                                            double height) G_GNUC_WARN_UNUSED_RESULT;
void         linli_report_set_title        (LinliReport *self,
                                            const char  *title);
void         linli_report_set_date         (LinliReport *self,
                                            GDateTime   *date);
void         linli_report_add_document     (LinliReport               *self,
                                            LinliDocument             *document,
                                            const LinliReportProposal *proposal);
void         linli_report_add_deck         (LinliReport               *self,
                                            LinliDocument             *document,
                                            const LinliReportProposal *proposal);
void         linli_report_add_comparison   (LinliReport   *self,
                                            LinliDocument *document_a,
                                            const char    *name_a,
                                            LinliDocument *document_b,
                                            const char    *name_b);

guint        linli_report_get_n_pages      (LinliReport *self);
void         linli_report_get_page_size    (LinliReport *self,
                                            guint        page,
                                            double      *width,
                                            double      *height);
gboolean     linli_report_get_map_area     (LinliReport *self,
                                            guint        page,
                                            guint        map,
                                            double      *x,
                                            double      *y,
                                            double      *width,
                                            double      *height);
void         linli_report_draw_page        (LinliReport *self,
                                            cairo_t     *cr,
                                            guint        page);
gboolean     linli_report_save_pdf         (LinliReport *self,
                                            const char  *path,
                                            GError     **error);
gboolean     linli_report_save_png         (LinliReport *self,
                                            const char  *pattern,
                                            double       dpi,
                                            GError     **error);

G_END_DECLS
