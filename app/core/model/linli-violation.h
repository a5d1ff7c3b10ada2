/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One finding of a check of the project: which rule, how bad, what it
 * concerns and where to look on the map, and a message in the user's
 * language.  The organisation chain's checks (linli-org-check.h) make
 * them, and so can any other check; printing, lists and the map take a
 * GPtrArray of them whatever made them.  Rules are named by strings
 * ("building-no-member"), so a new check adds rules without touching
 * this file.
 */

typedef enum
{
  LINLI_SEVERITY_WARNING,
  LINLI_SEVERITY_ERROR,
} LinliSeverity;

/* What a violation concerns. */
typedef enum
{
  LINLI_SUBJECT_PROJECT,
  LINLI_SUBJECT_COMMUNITY,         /* index into the project's communities */
  LINLI_SUBJECT_COMPOUND,          /* index into the project's compounds */
  LINLI_SUBJECT_BUILDING,          /* index into the project's buildings */
  LINLI_SUBJECT_GRID,              /* position in linli_grids_get_list(), and its id */
  LINLI_SUBJECT_BRANCH,            /* id */
  LINLI_SUBJECT_PARTY_GROUP,       /* id */
  LINLI_SUBJECT_MEMBER_HOUSEHOLD,  /* id */
} LinliSubject;

typedef struct
{
  const char    *rule;       /* a static string, e.g. "building-no-member" */
  LinliSeverity  severity;
  int            community;  /* index of the community it lies in, or -1 */
  LinliSubject   subject;
  guint          index;      /* of the subject, where it has one */
  char          *id;         /* of the subject, where it has one, or NULL */
  gboolean       has_position;
  double         lat;        /* where to look on the map, when has_position */
  double         lon;
  char          *message;    /* translated, names of people as linli_project_person() gives them */
} LinliViolation;

LinliViolation *linli_violation_new             (const char    *rule,
                                                 LinliSeverity  severity,
                                                 int            community,
                                                 LinliSubject   subject,
                                                 guint          index,
                                                 const char    *id,
                                                 char          *message) G_GNUC_WARN_UNUSED_RESULT;
void            linli_violation_set_position    (LinliViolation *self,
                                                 double          lat,
                                                 double          lon);
void            linli_violation_free            (LinliViolation *self);
GPtrArray      *linli_violation_list_new        (void) G_GNUC_WARN_UNUSED_RESULT;

const char     *linli_severity_to_string        (LinliSeverity severity);
const char     *linli_severity_get_label        (LinliSeverity severity);
const char     *linli_subject_to_string         (LinliSubject subject);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LinliViolation, linli_violation_free)

G_END_DECLS
