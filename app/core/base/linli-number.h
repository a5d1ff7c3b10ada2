/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One set of rules for numbers in every file Linli reads (.linli, OSM,
 * GeoJSON, CSV): decimal only, as `[+-]digits[.digits][e[+-]digits]`,
 * with digits on at least one side of the point.  No hexadecimal, no
 * "inf" or "nan", nothing before or after the number but the white space
 * a format allows.  A value out of range is a number all the same: the
 * status says which way it is out.
 */
typedef enum
{
  LINLI_NUMBER_OK,
  LINLI_NUMBER_EMPTY,       /* nothing but white space */
  LINLI_NUMBER_INVALID,     /* not a decimal number */
  LINLI_NUMBER_NOT_WHOLE,   /* a fraction where a count is wanted */
  LINLI_NUMBER_NEGATIVE,    /* below a minimum of 0 */
  LINLI_NUMBER_TOO_SMALL,   /* below the minimum */
  LINLI_NUMBER_TOO_LARGE,   /* above the maximum */
} LinliNumberStatus;

typedef enum
{
  LINLI_NUMBER_FLAGS_NONE  = 0,
  LINLI_NUMBER_ALLOW_SPACE = 1 << 0,  /* ASCII white space around the number */
  LINLI_NUMBER_INTEGER     = 1 << 1,  /* `[+-]digits` only: no point, no exponent */
} LinliNumberFlags;

gboolean          linli_number_scan         (const char        *text,
                                             const char       **end,
                                             double            *value);
LinliNumberStatus linli_number_parse_double (const char        *text,
                                             LinliNumberFlags   flags,
                                             double             min,
                                             double             max,
                                             double            *value);
LinliNumberStatus linli_number_parse_count  (const char        *text,
                                             LinliNumberFlags   flags,
                                             guint64            max,
                                             guint64           *value);
gboolean          linli_number_parse_pair   (const char        *text,
                                             char               separator,
                                             double            *first,
                                             double            *second);
char             *linli_number_describe     (LinliNumberStatus  status,
                                             double             min,
                                             double             max) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
