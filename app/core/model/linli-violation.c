/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-check"

#include "config.h"

#include "linli-violation.h"

#include <glib/gi18n-lib.h>

/**
 * linli_violation_new:
 * @rule: (transfer none): a static string naming the rule
 * @id: (nullable): the subject's id
 * @message: (transfer full): the message, translated
 *
 * Returns: (transfer full): a violation with no position yet
 */
LinliViolation *
linli_violation_new (const char    *rule,
                     LinliSeverity  severity,
                     int            community,
                     LinliSubject   subject,
                     guint          index,
                     const char    *id,
                     char          *message)
{
  LinliViolation *self = g_new0 (LinliViolation, 1);

  self->rule = rule;
  self->severity = severity;
  self->community = community;
  self->subject = subject;
  self->index = index;
  self->id = g_strdup (id);
  self->message = message;
  return self;
}

/**
 * linli_violation_set_position:
 *
 * Where to look on the map.
 */
void
linli_violation_set_position (LinliViolation *self,
                              double          lat,
                              double          lon)
{
  self->has_position = TRUE;
  self->lat = lat;
  self->lon = lon;
}

void
linli_violation_free (LinliViolation *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->message);
  g_free (self);
}

/**
 * linli_violation_list_new:
 *
 * Returns: (transfer full) (element-type LinliViolation): an empty list
 *   that frees its violations
 */
GPtrArray *
linli_violation_list_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) linli_violation_free);
}

/**
 * linli_severity_to_string:
 *
 * Returns: "warning" or "error", not translated (for JSON)
 */
const char *
linli_severity_to_string (LinliSeverity severity)
{
  return severity == LINLI_SEVERITY_ERROR ? "error" : "warning";
}

/**
 * linli_severity_get_label:
 *
 * Returns: the severity for people, translated
 */
const char *
linli_severity_get_label (LinliSeverity severity)
{
  return severity == LINLI_SEVERITY_ERROR ? _("error") : _("warning");
}

/**
 * linli_subject_to_string:
 *
 * Returns: what the subject is, not translated (for JSON)
 */
const char *
linli_subject_to_string (LinliSubject subject)
{
  static const char *const names[] = {
    "project", "community", "compound", "building", "grid", "branch", "party-group", "member-household",
  };

  g_return_val_if_fail (subject < G_N_ELEMENTS (names), "project");
  return names[subject];
}
