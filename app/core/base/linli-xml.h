/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libxml/xmlreader.h>

G_BEGIN_DECLS

/* A guarded libxml2 streaming reader, shared by the readers of .linli and
 * OpenStreetMap files: no network, no entity expansion, no DTD loading,
 * no lifted limits; a DOCTYPE or an entity stops the read; every error is
 * "FILE:LINE: reason", with what libxml2 calls "extra content" told as
 * what it is (a file cut short, or content after the root).  Core-private.
 */
/* This thread's libxml2 error handlers, kept while a reader works. */
typedef struct
{
  xmlStructuredErrorFunc structured;
  void                  *structured_context;
  xmlGenericErrorFunc    generic;
  void                  *generic_context;
} LinliXmlSavedHandlers;

typedef struct
{
  xmlTextReaderPtr reader;
  const char      *data;
  gsize            length;
  const char      *display_name;
  const char      *root;          /* the root element's name, for messages */
  GQuark           domain;        /* of the errors */
  int              malformed;     /* their code when the XML is not well-formed */
  gboolean         skip_text;     /* text nodes are skipped rather than returned */
  GPtrArray       *open;          /* names of the elements entered, innermost last */
  gboolean         root_closed;
  char            *xml_error;     /* libxml2's first complaint */
  int              xml_error_line;
  GError          *error;
  /* libxml2's handlers of errors with no parser context, caught while @x
   * reads and put back by linli_xml_close(). */
  gboolean               handler_set;
  LinliXmlSavedHandlers  saved;
} LinliXml;

gboolean linli_xml_open     (LinliXml   *x,
                             const char *data,
                             gsize       length,
                             const char *display_name,
                             const char *root,
                             GQuark      domain,
                             int         malformed,
                             int         failed);
void     linli_xml_close    (LinliXml   *x);
gboolean linli_xml_read     (LinliXml   *x,
                             int        *type);
int      linli_xml_line     (LinliXml   *x);
int      linli_xml_line_of  (LinliXml   *x,
                             const char *needle);
gboolean linli_xml_fail     (LinliXml   *x,
                             int         code,
                             const char *format,
                             ...) G_GNUC_PRINTF (3, 4);
char    *linli_xml_quote    (const char *value) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
