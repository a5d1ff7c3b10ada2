/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "linli-project.h"

G_BEGIN_DECLS

#define LINLI_FORMAT_VERSION 2
#define LINLI_FORMAT_ERROR (linli_format_error_quark ())

typedef enum
{
  LINLI_FORMAT_ERROR_FAILED,
  LINLI_FORMAT_ERROR_MALFORMED,  /* not well-formed XML, bad encoding, DOCTYPE */
  LINLI_FORMAT_ERROR_INVALID,    /* well-formed but not a valid Linli project */
  LINLI_FORMAT_ERROR_VERSION,    /* a format version this build does not read */
} LinliFormatError;

GQuark        linli_format_error_quark (void);

LinliProject *linli_format_load_file   (const char  *path,
                                        GError     **error) G_GNUC_WARN_UNUSED_RESULT;
LinliProject *linli_format_load_data   (const char  *data,
                                        gsize        length,
                                        const char  *display_name,
                                        GError     **error) G_GNUC_WARN_UNUSED_RESULT;
GBytes       *linli_format_save_bytes  (LinliProject *project) G_GNUC_WARN_UNUSED_RESULT;
gboolean      linli_format_save_file   (LinliProject *project,
                                        const char   *path,
                                        GError      **error);

G_END_DECLS
