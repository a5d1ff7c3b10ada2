/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-number"

#include "config.h"

#include "linli-number.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* Powers of ten that are exact doubles. */
static const double exact_powers[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/**
 * linli_number_scan:
 * @text: where a number should start (no white space is skipped)
 * @end: (out): the byte after the number
 * @value: (out): the number; ±infinity when it overflows a double
 *
 * Reads the longest decimal number at the start of @text:
 * `[+-]digits[.digits][(e|E)[+-]digits]`, with a digit on at least one
 * side of the point.  Plain decimals of up to 15 digits, the form files
 * mostly hold, are converted without strtod: the digits as an integer
 * divided by a power of ten are both exact doubles and IEEE division
 * rounds correctly, so the result is the one strtod gives.
 *
 * Returns: %FALSE, with @end at @text, when no number starts there
 */
gboolean
linli_number_scan (const char  *text,
                   const char **end,
                   double      *value)
{
  const char *p = text;
  gboolean negative = FALSE, exponent = FALSE;
  guint64 mantissa = 0;
  guint digits = 0, decimals = 0;
  double v;

  *end = text;
  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  for (; g_ascii_isdigit (*p); p++, digits++)
    if (digits < 19)
      mantissa = mantissa * 10 + (guint64) (*p - '0');
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++, digits++, decimals++)
      if (digits < 19)
        mantissa = mantissa * 10 + (guint64) (*p - '0');
  if (digits == 0)
    return FALSE;
  if ((*p == 'e' || *p == 'E') &&
      (g_ascii_isdigit (p[1]) || ((p[1] == '-' || p[1] == '+') && g_ascii_isdigit (p[2]))))
    {
      exponent = TRUE;
      for (p += 2; g_ascii_isdigit (*p); p++)
        ;
    }

  if (!exponent && digits <= 15 && decimals < G_N_ELEMENTS (exact_powers))
    v = (double) mantissa / exact_powers[decimals];
  else
    {
      /* The span is checked to be decimal, so strtod reads it the same. */
      g_autofree char *span = g_strndup (text, p - text);

      v = fabs (g_ascii_strtod (span, NULL));
    }
  /* "-0" is negative zero, as strtod reads it, so files round-trip bit
   * for bit; it is no less than a minimum of 0. */
  *value = negative ? -v : v;
  *end = p;
  return TRUE;
}

/**
 * linli_number_parse_double:
 * @text: the whole value
 * @flags: %LINLI_NUMBER_ALLOW_SPACE where the format allows white space
 *   around the number; %LINLI_NUMBER_INTEGER where it allows only digits
 *   (and a sign)
 * @min: the smallest value accepted (-INFINITY for any)
 * @max: the largest value accepted (INFINITY for any)
 * @value: (out): the number, set only on %LINLI_NUMBER_OK
 *
 * Reads @text as one decimal number (see linli_number_scan()) within
 * @min and @max.  Values too large for a double are %LINLI_NUMBER_TOO_LARGE
 * (or too small), never infinite.  With @min at 0, a value below it is
 * %LINLI_NUMBER_NEGATIVE; "-0" is not (it is 0).
 *
 * Returns: %LINLI_NUMBER_OK, or what is wrong with @text
 */
LinliNumberStatus
linli_number_parse_double (const char       *text,
                           LinliNumberFlags  flags,
                           double            min,
                           double            max,
                           double           *value)
{
  gboolean space = (flags & LINLI_NUMBER_ALLOW_SPACE) != 0;
  const char *p = text, *end;
  double v;

  g_return_val_if_fail (text != NULL, LINLI_NUMBER_INVALID);

  while (space && is_space (*p))
    p++;
  if (*p == '\0')
    return p == text || space ? LINLI_NUMBER_EMPTY : LINLI_NUMBER_INVALID;
  if (!linli_number_scan (p, &end, &v))
    return LINLI_NUMBER_INVALID;
  if ((flags & LINLI_NUMBER_INTEGER) != 0 && strcspn (p, ".eE") < (gsize) (end - p))
    return LINLI_NUMBER_INVALID;
  while (space && is_space (*end))
    end++;
  if (*end != '\0')
    return LINLI_NUMBER_INVALID;
  if (v < min || (!isfinite (v) && v < 0))
    return min == 0 ? LINLI_NUMBER_NEGATIVE : LINLI_NUMBER_TOO_SMALL;
  if (v > max || !isfinite (v))
    return LINLI_NUMBER_TOO_LARGE;
  *value = v;
  return LINLI_NUMBER_OK;
}

/**
 * linli_number_parse_pair:
 * @text: two numbers with @separator between them, such as "30.31,120.14"
 *   or "1280x800"
 * @first: (out): the first, set only on success
 * @second: (out): the second, set only on success
 *
 * Reads a pair as command-line options give them, each number by the rules
 * of linli_number_parse_double() with no white space and any value.
 *
 * Returns: %TRUE if @text is exactly two numbers and the separator
 */
gboolean
linli_number_parse_pair (const char *text,
                         char        separator,
                         double     *first,
                         double     *second)
{
  const char *sep;
  g_autofree char *head = NULL;
  double a, b;

  g_return_val_if_fail (text != NULL, FALSE);

  sep = strchr (text, separator);
  if (sep == NULL)
    return FALSE;
  head = g_strndup (text, sep - text);
  if (linli_number_parse_double (head, LINLI_NUMBER_FLAGS_NONE, -INFINITY, INFINITY, &a) != LINLI_NUMBER_OK ||
      linli_number_parse_double (sep + 1, LINLI_NUMBER_FLAGS_NONE, -INFINITY, INFINITY, &b) != LINLI_NUMBER_OK)
    return FALSE;
  *first = a;
  *second = b;
  return TRUE;
}

/**
 * linli_number_parse_count:
 * @max: the largest count accepted, at most 2^53
 * @value: (out): the count, set only on %LINLI_NUMBER_OK
 *
 * Reads @text as a count: a decimal number (see linli_number_scan()) that
 * is whole, from 0 to @max.  "12", "12.0", "1.2e1" and "-0" are counts;
 * "12.5" is %LINLI_NUMBER_NOT_WHOLE and "-3" %LINLI_NUMBER_NEGATIVE.
 *
 * Returns: %LINLI_NUMBER_OK, or what is wrong with @text
 */
LinliNumberStatus
linli_number_parse_count (const char       *text,
                          LinliNumberFlags  flags,
                          guint64           max,
                          guint64          *value)
{
  LinliNumberStatus status;
  double v = 0;

  g_return_val_if_fail (max <= (G_GUINT64_CONSTANT (1) << 53), LINLI_NUMBER_INVALID);

  status = linli_number_parse_double (text, flags, 0, (double) max, &v);
  if (status == LINLI_NUMBER_OK && v != floor (v))
    status = LINLI_NUMBER_NOT_WHOLE;
  if (status == LINLI_NUMBER_OK)
    *value = (guint64) v;
  return status;
}

/**
 * linli_number_describe:
 * @status: what linli_number_parse_double() or _count() said
 * @min: the minimum it was given
 * @max: the maximum it was given
 *
 * Says what is wrong with a value, to follow it in a message: “-3” is
 * negative, “1e308” is more than 1000000.
 *
 * Returns: (transfer full): the reason, translated, e.g. "is more than
 *   1000000"; "" for %LINLI_NUMBER_OK
 */
char *
linli_number_describe (LinliNumberStatus status,
                       double            min,
                       double            max)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (status)
    {
    case LINLI_NUMBER_OK:
      return g_strdup ("");
    case LINLI_NUMBER_EMPTY:
      return g_strdup (_("is empty"));
    case LINLI_NUMBER_NOT_WHOLE:
      return g_strdup (_("is not a whole number"));
    case LINLI_NUMBER_NEGATIVE:
      return g_strdup (_("is negative"));
    case LINLI_NUMBER_TOO_SMALL:
      if (!isfinite (min))
        return g_strdup (_("is too small"));
      /* Translators: %s is the smallest value allowed */
      return g_strdup_printf (_("is less than %s"),
                              g_ascii_formatd (buf, sizeof buf, "%.15g", min));
    case LINLI_NUMBER_TOO_LARGE:
      if (!isfinite (max))
        return g_strdup (_("is too large"));
      /* Translators: %s is the largest value allowed */
      return g_strdup_printf (_("is more than %s"),
                              g_ascii_formatd (buf, sizeof buf, "%.15g", max));
    case LINLI_NUMBER_INVALID:
    default:
      return g_strdup (_("is not a number"));
    }
}
