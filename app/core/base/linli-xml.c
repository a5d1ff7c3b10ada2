/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-xml"

#include "config.h"

#include "linli-xml.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static void
structured_error_cb (void        *user_data,
                     xmlErrorPtr  err)
{
  LinliXml *x = user_data;

  if (x->xml_error != NULL || err == NULL)
    return;
  x->xml_error = g_strstrip (g_strdup (err->message ? err->message : "unknown error"));
  x->xml_error_line = err->line;
}

/* What libxml2 would print on stderr with no error structure at all
 * (xmlParseChunk: "encoder error"). */
static void generic_error_cb (void       *user_data,
                              const char *format,
                              ...) G_GNUC_PRINTF (2, 3);

static void
generic_error_cb (void       *user_data,
                  const char *format,
                  ...)
{
  LinliXml *x = user_data;
  va_list args;

  if (x->xml_error != NULL)
    return;
  va_start (args, format);
  x->xml_error = g_strstrip (g_strdup_vprintf (format, args));
  va_end (args);
}

/* Some of libxml2's complaints (a failed conversion from the encoding the
 * document declares, for one) come with no parser context, so the
 * reader's handler never sees them and libxml2 prints them on stderr:
 * while the reader works, catch those too. */
static void
catch_errors (LinliXml              *x,
              LinliXmlSavedHandlers *saved)
{
  saved->structured = xmlStructuredError;
  saved->structured_context = xmlStructuredErrorContext;
  saved->generic = xmlGenericError;
  saved->generic_context = xmlGenericErrorContext;
  xmlSetStructuredErrorFunc (x, structured_error_cb);
  xmlSetGenericErrorFunc (x, generic_error_cb);
}

static void
restore_errors (const LinliXmlSavedHandlers *saved)
{
  xmlSetStructuredErrorFunc (saved->structured_context, saved->structured);
  xmlSetGenericErrorFunc (saved->generic_context, saved->generic);
}

/**
 * linli_xml_open:
 * @data: the document, which must outlive @x
 * @display_name: the name errors give for the file
 * @root: the name of the root element, for messages
 * @malformed: the error code of XML that is not well-formed
 * @failed: the error code when the reader cannot start
 *
 * Starts reading @data.  NONET: never fetch anything.  No NOENT (it would
 * expand external entities), no DTDLOAD, no HUGE (it lifts the limits on
 * entity expansion and depth).  BIG_LINES keeps line numbers past 65,535.
 *
 * Returns: %FALSE with @x->error set if it cannot start
 */
gboolean
linli_xml_open (LinliXml   *x,
                const char *data,
                gsize       length,
                const char *display_name,
                const char *root,
                GQuark      domain,
                int         malformed,
                int         failed)
{
  memset (x, 0, sizeof *x);
  x->data = data ? data : "";
  x->length = length;
  x->display_name = display_name;
  x->root = root;
  x->domain = domain;
  x->malformed = malformed;
  x->open = g_ptr_array_new ();   /* names interned in the reader's dictionary */
  if (length > G_MAXINT)
    {
      g_set_error (&x->error, domain, failed, _("%s: the file is too large (more than 2 GB)"), display_name);
      return FALSE;
    }
  /* Caught while @x reads, and set once rather than around every read,
   * which would cost a lookup of the thread's state each time. */
  catch_errors (x, &x->saved);
  x->handler_set = TRUE;
  x->reader = xmlReaderForMemory (x->data, (int) length, NULL, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT |
                                  XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (x->reader == NULL)
    {
      g_set_error (&x->error, domain, failed, _("%s: could not start the XML reader"), display_name);
      return FALSE;
    }
  xmlTextReaderSetStructuredErrorHandler (x->reader, structured_error_cb, x);
  return TRUE;
}

/* Frees the reader and what it kept; leaves @x->error to the caller. */
void
linli_xml_close (LinliXml *x)
{
  g_clear_pointer (&x->reader, xmlFreeTextReader);
  g_clear_pointer (&x->open, g_ptr_array_unref);
  g_clear_pointer (&x->xml_error, g_free);
  if (x->handler_set)
    restore_errors (&x->saved);
  x->handler_set = FALSE;
}

/**
 * linli_xml_line:
 *
 * Returns: the line of the node the reader is on.  The parser itself reads
 *   ahead, so its line number can be a few lines past the node at fault;
 *   it serves only when the node does not know its own.
 */
int
linli_xml_line (LinliXml *x)
{
  xmlNodePtr node = xmlTextReaderCurrentNode (x->reader);
  long line = node != NULL ? xmlGetLineNo (node) : -1;

  /* Elements keep their line in 16 bits; past 65,535 libxml2 looks for a
   * neighbour that knows better (BIG_LINES), which the streaming reader
   * may not have read yet. */
  if (line <= 0 || line == 65535)
    line = xmlTextReaderGetParserLineNumber (x->reader);
  return (int) CLAMP (line, 1, G_MAXINT);
}

/* The line where @needle first occurs in the document, or 1. */
int
linli_xml_line_of (LinliXml   *x,
                   const char *needle)
{
  const char *hit = g_strstr_len (x->data, x->length, needle);
  int line = 1;

  for (const char *p = x->data; hit != NULL && p < hit; p++)
    if (*p == '\n')
      line++;
  return line;
}

/**
 * linli_xml_fail:
 *
 * Sets @x->error to "FILE:LINE: reason" at the current node, unless an
 * error is set already.
 *
 * Returns: %FALSE, to return at once
 */
gboolean
linli_xml_fail (LinliXml   *x,
                int         code,
                const char *format,
                ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  if (x->error != NULL)
    return FALSE;
  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (&x->error, x->domain, code, "%s:%d: %s", x->display_name, linli_xml_line (x), reason);
  return FALSE;
}

/* Shortens a value from the file before quoting it in a message. */
char *
linli_xml_quote (const char *value)
{
  if (g_utf8_strlen (value, -1) > 40)
    {
      g_autofree char *head = g_utf8_substring (value, 0, 40);
      return g_strconcat (head, "…", NULL);
    }
  return g_strdup (value);
}

/* libxml2's reader calls a file cut short "extra content"; says what really
 * happened. */
static gboolean
fail_not_well_formed (LinliXml *x)
{
  g_autofree char *end_tag = g_strdup_printf ("</%s>", x->root);
  const char *root_end = g_strrstr_len (x->data, x->length, end_tag);
  gboolean extra = x->xml_error != NULL && strstr (x->xml_error, "Extra content at the end") != NULL;
  gboolean after_root = x->root_closed;
  int line = MAX (x->xml_error_line, 1);

  if (root_end != NULL)
    for (const char *p = root_end + strlen (end_tag); p < x->data + x->length && !after_root; p++)
      after_root = !g_ascii_isspace (*p);

  if (extra && after_root)
    g_set_error (&x->error, x->domain, x->malformed,
                 _("%s:%d: not well-formed XML: content after the end of <%s>"), x->display_name, line, x->root);
  else if (extra && x->open->len > 0)
    g_set_error (&x->error, x->domain, x->malformed,
                 _("%s:%d: not well-formed XML: the file ends before <%s> is closed (is it truncated?)"),
                 x->display_name, line, (const char *) g_ptr_array_index (x->open, x->open->len - 1));
  else if (x->xml_error != NULL)
    g_set_error (&x->error, x->domain, x->malformed, _("%s:%d: not well-formed XML: %s"),
                 x->display_name, line, x->xml_error);
  else
    linli_xml_fail (x, x->malformed, _("not well-formed XML"));
  return FALSE;
}

/**
 * linli_xml_read:
 * @type: (out): the node's type; %XML_READER_TYPE_NONE at the end
 *
 * Reads the next node that matters.  Whitespace, comments and processing
 * instructions are skipped, and text too when @x->skip_text, else blank
 * text.  A DOCTYPE or an entity stops the read: a document type is the
 * door to external entities and entity expansion bombs.
 *
 * Returns: %FALSE with @x->error set on error
 */
gboolean
linli_xml_read (LinliXml *x,
                int      *type)
{
  for (;;)
    {
      int ret = xmlTextReaderRead (x->reader);

      if (ret < 0 || x->xml_error != NULL)
        return fail_not_well_formed (x);
      if (ret == 0)
        {
          *type = XML_READER_TYPE_NONE;
          return TRUE;
        }

      *type = xmlTextReaderNodeType (x->reader);
      switch (*type)
        {
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        case XML_READER_TYPE_COMMENT:
        case XML_READER_TYPE_PROCESSING_INSTRUCTION:
        case XML_READER_TYPE_XML_DECLARATION:
          continue;
        case XML_READER_TYPE_DOCUMENT_TYPE:
          g_set_error (&x->error, x->domain, x->malformed,
                       _("%s:%d: document type declarations (DOCTYPE) are not allowed"),
                       x->display_name, linli_xml_line_of (x, "<!DOCTYPE"));
          return FALSE;
        case XML_READER_TYPE_ENTITY_REFERENCE:
        case XML_READER_TYPE_ENTITY:
          return linli_xml_fail (x, x->malformed, _("entity references are not allowed"));
        case XML_READER_TYPE_ELEMENT:
          if (!xmlTextReaderIsEmptyElement (x->reader))
            g_ptr_array_add (x->open, (gpointer) xmlTextReaderConstName (x->reader));
          return TRUE;
        case XML_READER_TYPE_END_ELEMENT:
          if (x->open->len > 0)
            g_ptr_array_remove_index (x->open, x->open->len - 1);
          x->root_closed = x->open->len == 0;
          return TRUE;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
          {
            const char *text = (const char *) xmlTextReaderConstValue (x->reader);

            if (x->skip_text)
              continue;
            while (text && g_ascii_isspace (*text))
              text++;
            if (text == NULL || *text == '\0')
              continue;
            return TRUE;
          }
        default:
          if (x->skip_text)
            continue;
          return TRUE;
        }
    }
}
