/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one number parser: its syntax, its ranges and what it says. */
#include <math.h>
#include <string.h>

#include "linli-number.h"

static void
test_doubles (void)
{
  static const struct
  {
    const char        *text;
    LinliNumberFlags   flags;
    double             min, max;
    LinliNumberStatus  want;
    double             value;
  } cases[] = {
    { "0", 0, -INFINITY, INFINITY, LINLI_NUMBER_OK, 0 },
    { "120.1234567", 0, -180, 180, LINLI_NUMBER_OK, 120.1234567 },
    { "-120.1234567", 0, -180, 180, LINLI_NUMBER_OK, -120.1234567 },
    { "+3", 0, -INFINITY, INFINITY, LINLI_NUMBER_OK, 3 },
    { ".5", 0, -INFINITY, INFINITY, LINLI_NUMBER_OK, 0.5 },
    { "5.", 0, -INFINITY, INFINITY, LINLI_NUMBER_OK, 5 },
    { "1e3", 0, -INFINITY, INFINITY, LINLI_NUMBER_OK, 1000 },
    { "1.5E-3", 0, -INFINITY, INFINITY, LINLI_NUMBER_OK, 0.0015 },
    { "2e+2", 0, -INFINITY, INFINITY, LINLI_NUMBER_OK, 200 },
    { "1e308", 0, -INFINITY, INFINITY, LINLI_NUMBER_OK, 1e308 },
    { "0.1", 0, -INFINITY, INFINITY, LINLI_NUMBER_OK, 0.1 },
    { "123456789012345678901234567890", 0, -INFINITY, INFINITY, LINLI_NUMBER_OK, 1.2345678901234568e29 },
    { "0.0000000000000000000000001", 0, -INFINITY, INFINITY, LINLI_NUMBER_OK, 1e-25 },
    { " 7 ", LINLI_NUMBER_ALLOW_SPACE, -INFINITY, INFINITY, LINLI_NUMBER_OK, 7 },
    { "\t\r\n7\n", LINLI_NUMBER_ALLOW_SPACE, -INFINITY, INFINITY, LINLI_NUMBER_OK, 7 },
    { "-12", LINLI_NUMBER_INTEGER, -INFINITY, INFINITY, LINLI_NUMBER_OK, -12 },
    { " +5 ", LINLI_NUMBER_ALLOW_SPACE | LINLI_NUMBER_INTEGER, -INFINITY, INFINITY, LINLI_NUMBER_OK, 5 },
    { "5.0", LINLI_NUMBER_INTEGER, -INFINITY, INFINITY, LINLI_NUMBER_INVALID, 0 },
    { "5.", LINLI_NUMBER_INTEGER, -INFINITY, INFINITY, LINLI_NUMBER_INVALID, 0 },
    { "1e1", LINLI_NUMBER_INTEGER, -INFINITY, INFINITY, LINLI_NUMBER_INVALID, 0 },
    /* Not numbers. */
    { " 7", 0, -INFINITY, INFINITY, LINLI_NUMBER_INVALID, 0 },
    { "7 ", 0, -INFINITY, INFINITY, LINLI_NUMBER_INVALID, 0 },
    { "0x10", 0, -INFINITY, INFINITY, LINLI_NUMBER_INVALID, 0 },
    { "-0x10", 0, -INFINITY, INFINITY, LINLI_NUMBER_INVALID, 0 },
    { "inf", 0, -INFINITY, INFINITY, LINLI_NUMBER_INVALID, 0 },
    { "-Infinity", 0, -INFINITY, INFINITY, LINLI_NUMBER_INVALID, 0 },
    { "nan", 0, -INFINITY, INFINITY, LINLI_NUMBER_INVALID, 0 },
    { "NaN", 0, -INFINITY, INFINITY, LINLI_NUMBER_INVALID, 0 },
    { ".", 0, -INFINITY, INFINITY, LINLI_NUMBER_INVALID, 0 },
    { "-", 0, -INFINITY, INFINITY, LINLI_NUMBER_INVALID, 0 },
    { "+-1", 0, -INFINITY, INFINITY, LINLI_NUMBER_INVALID, 0 },
    { "1e", 0, -INFINITY, INFINITY, LINLI_NUMBER_INVALID, 0 },
    { "1e+", 0, -INFINITY, INFINITY, LINLI_NUMBER_INVALID, 0 },
    { "1.2.3", 0, -INFINITY, INFINITY, LINLI_NUMBER_INVALID, 0 },
    { "12m", 0, -INFINITY, INFINITY, LINLI_NUMBER_INVALID, 0 },
    { "1,5", 0, -INFINITY, INFINITY, LINLI_NUMBER_INVALID, 0 },
    { "１２", 0, -INFINITY, INFINITY, LINLI_NUMBER_INVALID, 0 },
    { "", 0, -INFINITY, INFINITY, LINLI_NUMBER_EMPTY, 0 },
    { "  ", LINLI_NUMBER_ALLOW_SPACE, -INFINITY, INFINITY, LINLI_NUMBER_EMPTY, 0 },
    { "  ", 0, -INFINITY, INFINITY, LINLI_NUMBER_INVALID, 0 },
    /* Numbers out of range. */
    { "1e999", 0, -INFINITY, INFINITY, LINLI_NUMBER_TOO_LARGE, 0 },
    { "-1e999", 0, -INFINITY, INFINITY, LINLI_NUMBER_TOO_SMALL, 0 },
    { "-1e999", 0, 0, INFINITY, LINLI_NUMBER_NEGATIVE, 0 },
    { "1e308", 0, 0, 1e15, LINLI_NUMBER_TOO_LARGE, 0 },
    { "180.0000001", 0, -180, 180, LINLI_NUMBER_TOO_LARGE, 0 },
    { "-90.5", 0, -90, 90, LINLI_NUMBER_TOO_SMALL, 0 },
    { "-1", 0, 0, 10, LINLI_NUMBER_NEGATIVE, 0 },
    { "-0", 0, 0, 10, LINLI_NUMBER_OK, 0 },
    { "-0.0e5", 0, 0, 10, LINLI_NUMBER_OK, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double v = -12345;
      LinliNumberStatus status = linli_number_parse_double (cases[i].text, cases[i].flags, cases[i].min,
                                                            cases[i].max, &v);

      if (status != cases[i].want)
        g_error ("case %u “%s”: status %d, want %d", i, cases[i].text, status, cases[i].want);
      if (status == LINLI_NUMBER_OK)
        {
          /* The reference is the C library's correctly rounded reading. */
          double want = g_ascii_strtod (cases[i].text, NULL);

          g_assert_cmpfloat (v, ==, cases[i].value);
          g_assert_cmpmem (&v, sizeof v, &want, sizeof want);
        }
      else
        g_assert_cmpfloat (v, ==, -12345);
    }
}

/* The fast path for short decimals gives the bits strtod gives. */
static void
test_fast_path_exact (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < 200000; i++)
    {
      GString *text = g_string_new (g_rand_boolean (rand) ? "-" : "");
      guint n = g_rand_int_range (rand, 1, 16);
      guint point = g_rand_int_range (rand, 0, n + 1);
      const char *end = NULL;
      double v = 0, want;

      for (guint k = 0; k < n; k++)
        {
          if (k == point)
            g_string_append (text, k == 0 ? "0." : ".");
          g_string_append_c (text, (char) ('0' + g_rand_int_range (rand, 0, 10)));
        }
      want = g_ascii_strtod (text->str, NULL);
      g_assert_true (linli_number_scan (text->str, &end, &v));
      g_assert_cmpint (*end, ==, '\0');
      if (memcmp (&v, &want, sizeof v) != 0)
        g_error ("“%s”: %.17g, strtod %.17g", text->str, v, want);
      g_string_free (text, TRUE);
    }
}

static void
test_scan (void)
{
  const char *end = NULL;
  double v = 0;

  g_assert_true (linli_number_scan ("120.5,30.25 ", &end, &v));
  g_assert_cmpfloat (v, ==, 120.5);
  g_assert_cmpstr (end, ==, ",30.25 ");
  g_assert_true (linli_number_scan ("0x10", &end, &v));
  g_assert_cmpfloat (v, ==, 0);
  g_assert_cmpstr (end, ==, "x10");
  g_assert_true (linli_number_scan ("1e5e", &end, &v));
  g_assert_cmpfloat (v, ==, 1e5);
  g_assert_cmpstr (end, ==, "e");
  g_assert_true (linli_number_scan ("2e", &end, &v));
  g_assert_cmpfloat (v, ==, 2);
  g_assert_cmpstr (end, ==, "e");
  g_assert_false (linli_number_scan ("inf", &end, &v));
  g_assert_false (linli_number_scan ("-.e1", &end, &v));
  g_assert_false (linli_number_scan ("", &end, &v));
}

static void
test_counts (void)
{
  static const struct
  {
    const char        *text;
    guint64            max;
    LinliNumberStatus  want;
    guint64            value;
  } cases[] = {
    { "0", 10, LINLI_NUMBER_OK, 0 },
    { "-0", 10, LINLI_NUMBER_OK, 0 },
    { "+10", 10, LINLI_NUMBER_OK, 10 },
    { "12.000", 100, LINLI_NUMBER_OK, 12 },
    { "1.2e1", 100, LINLI_NUMBER_OK, 12 },
    { "1000000", 1000000, LINLI_NUMBER_OK, 1000000 },
    { "9007199254740992", G_GUINT64_CONSTANT (1) << 53, LINLI_NUMBER_OK, G_GUINT64_CONSTANT (1) << 53 },
    { "12.5", 100, LINLI_NUMBER_NOT_WHOLE, 0 },
    { "1e-1", 100, LINLI_NUMBER_NOT_WHOLE, 0 },
    { "-3", 100, LINLI_NUMBER_NEGATIVE, 0 },
    { "-0.5", 100, LINLI_NUMBER_NEGATIVE, 0 },
    { "1000001", 1000000, LINLI_NUMBER_TOO_LARGE, 0 },
    { "1e308", 1000000, LINLI_NUMBER_TOO_LARGE, 0 },
    { "1e999", 1000000, LINLI_NUMBER_TOO_LARGE, 0 },
    { "0x10", 100, LINLI_NUMBER_INVALID, 0 },
    { "nan", 100, LINLI_NUMBER_INVALID, 0 },
    { "", 100, LINLI_NUMBER_EMPTY, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint64 v = 777;
      LinliNumberStatus status = linli_number_parse_count (cases[i].text, 0, cases[i].max, &v);

      if (status != cases[i].want)
        g_error ("case %u “%s”: status %d, want %d", i, cases[i].text, status, cases[i].want);
      g_assert_cmpuint (v, ==, status == LINLI_NUMBER_OK ? cases[i].value : 777);
    }
}

static void
test_describe (void)
{
  static const struct
  {
    LinliNumberStatus  status;
    double             min, max;
    const char        *want;
  } cases[] = {
    { LINLI_NUMBER_OK, 0, 1, "" },
    { LINLI_NUMBER_EMPTY, 0, 1, "is empty" },
    { LINLI_NUMBER_INVALID, 0, 1, "is not a number" },
    { LINLI_NUMBER_NOT_WHOLE, 0, 1, "is not a whole number" },
    { LINLI_NUMBER_NEGATIVE, 0, 1, "is negative" },
    { LINLI_NUMBER_TOO_SMALL, -90, 90, "is less than -90" },
    { LINLI_NUMBER_TOO_LARGE, 0, 1000000, "is more than 1000000" },
    { LINLI_NUMBER_TOO_LARGE, 0, 0.5, "is more than 0.5" },
    { LINLI_NUMBER_TOO_LARGE, 0, INFINITY, "is too large" },
    { LINLI_NUMBER_TOO_SMALL, -INFINITY, 0, "is too small" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = linli_number_describe (cases[i].status, cases[i].min, cases[i].max);

      g_assert_cmpstr (s, ==, cases[i].want);
    }
}

/* Pairs as command-line options give them: the same rules, no hex, no
 * junk after the second number. */
static void
test_pairs (void)
{
  static const struct
  {
    const char *text;
    char        separator;
    gboolean    ok;
    double      first;
    double      second;
  } cases[] = {
    { "30.318,120.142", ',', TRUE, 30.318, 120.142 },
    { "-0,1e2", ',', TRUE, 0, 100 },
    { "1280x800", 'x', TRUE, 1280, 800 },
    { "0x10,5", ',', FALSE, 0, 0 },
    { "30.3,120.1junk", ',', FALSE, 0, 0 },
    { "30.3, 120.1", ',', FALSE, 0, 0 },
    { "30.3", ',', FALSE, 0, 0 },
    { ",120", ',', FALSE, 0, 0 },
    { "1280x", 'x', FALSE, 0, 0 },
    { "1280x800x2", 'x', FALSE, 0, 0 },
    { "nan,1", ',', FALSE, 0, 0 },
    { "1e999,1", ',', FALSE, 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double a = -1, b = -1;
      gboolean ok = linli_number_parse_pair (cases[i].text, cases[i].separator, &a, &b);

      g_test_message ("case %u: “%s”", i, cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_assert_cmpfloat (a, ==, cases[i].first);
          g_assert_cmpfloat (b, ==, cases[i].second);
        }
      else
        {
          g_assert_cmpfloat (a, ==, -1);
          g_assert_cmpfloat (b, ==, -1);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/number/doubles", test_doubles);
  g_test_add_func ("/number/fast-path-exact", test_fast_path_exact);
  g_test_add_func ("/number/scan", test_scan);
  g_test_add_func ("/number/counts", test_counts);
  g_test_add_func ("/number/describe", test_describe);
  g_test_add_func ("/number/pairs", test_pairs);
  return g_test_run ();
}
