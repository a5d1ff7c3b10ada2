/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The map's colours, as people with the common kinds of colour blindness
 * see them.  Every pair of legend colours that says something different
 * about the same kind of mark must stay at least MIN_DELTA_E apart (CIE76)
 * for normal sight and under the Machado et al. (2009) simulation of
 * protanopia and deuteranopia at full severity; tritanopia (rare, about
 * 1 in 10,000) is reported, not required.
 *
 * Why 10: side by side, a ΔE76 of about 2.3 is just noticeable.  A map
 * mark is small, seen from across a room, on a projector that washes out
 * colour, and compared with a legend swatch rather than its neighbour, so
 * a bare difference is not enough; 10 is several times that threshold and
 * still leaves room for a palette with five steps.  Marks of different
 * shapes (a street line against a building dot, a site's ring against a
 * grid's outline) are told apart by shape and are not compared.
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "linli-color-vision.h"
#include "linli-painter.h"

#define MIN_DELTA_E 10.0

typedef struct
{
  const char *name;
  guint       color;
} Swatch;

typedef struct
{
  const char *group;
  Swatch      swatches[8];
} Group;

#define END { NULL, 0 }

static const Group groups[] = {
  /* Buildings coloured by coverage, on the land between streets; the
   * district view's cells with part of their households uncovered too. */
  { "buildings by coverage", {
      { "covered", LINLI_COLOR_COVERED }, { "uncovered", LINLI_COLOR_UNCOVERED },
      { "partly covered area", LINLI_COLOR_PARTLY }, { "land", LINLI_COLOR_LAND }, END } },
  { "buildings by chain", {
      { "in a party group", LINLI_COLOR_CHAIN_COMPLETE },
      { "no party group", LINLI_COLOR_CHAIN_MISSING_GROUP },
      { "no party member", LINLI_COLOR_CHAIN_NO_MEMBER }, { "land", LINLI_COLOR_LAND }, END } },
  /* Existing and planned sites share red and differ by fill; a proposed
   * site is a ring of the same size as a planned one, so its green must
   * stand apart from the red by colour alone. */
  { "sites", {
      { "existing or planned", LINLI_COLOR_SITE }, { "proposed", LINLI_COLOR_PROPOSED },
      { "candidate", LINLI_COLOR_CANDIDATE }, { "land", LINLI_COLOR_LAND }, END } },
  { "streets by walk", {
      { "under half the walk", LINLI_COLOR_WALK_NEAR }, { "within the walk", LINLI_COLOR_WALK_IN },
      { "up to 1.5 x", LINLI_COLOR_WALK_OVER }, { "farther", LINLI_COLOR_WALK_FAR },
      { "no site reachable", LINLI_COLOR_WALK_NONE }, { "land", LINLI_COLOR_LAND }, END } },
  { "grid outlines", {
      { "grid in range", LINLI_COLOR_GRID }, { "grid out of range", LINLI_COLOR_GRID_OUT },
      { "grid in pieces", LINLI_COLOR_GRID_PROBLEM },
      { "building in no grid", LINLI_COLOR_NO_GRID }, END } },
  /* The fills as drawn over the land.  The in-range grid's wash is faint
   * on purpose (its outline marks it), so only the two fills are compared. */
  { "grid fills", {
      { "grid in range", 0 }, { "grid out of range", 0 }, END } },
};

static guint
swatch_color (const Group *group,
              guint        i)
{
  if (g_str_equal (group->group, "grid fills"))
    return i == 0
           ? linli_color_over (LINLI_COLOR_GRID, LINLI_COLOR_LAND, LINLI_GRID_FILL_ALPHA)
           : linli_color_over (LINLI_COLOR_GRID_OUT, LINLI_COLOR_LAND, LINLI_GRID_OUT_FILL_ALPHA);
  return group->swatches[i].color;
}

static void
test_palette (void)
{
  double worst[LINLI_VISION_N];
  g_autoptr (GString) failures = g_string_new (NULL);

  for (guint v = 0; v < LINLI_VISION_N; v++)
    worst[v] = INFINITY;
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      const Group *group = &groups[g];

      for (guint i = 0; group->swatches[i].name != NULL; i++)
        for (guint j = i + 1; group->swatches[j].name != NULL; j++)
          for (LinliVision v = 0; v < LINLI_VISION_N; v++)
            {
              guint a = swatch_color (group, i), b = swatch_color (group, j);
              double de = linli_color_delta_e76 (a, b, v);

              worst[v] = MIN (worst[v], de);
              if (de >= MIN_DELTA_E)
                continue;
              if (v == LINLI_VISION_TRITANOPIA)
                {
                  g_test_message ("%s: %s and %s are %.1f apart under tritanopia", group->group,
                                  group->swatches[i].name, group->swatches[j].name, de);
                  continue;
                }
              g_string_append_printf (failures, "%s: %s (%06x) and %s (%06x) are only %.1f apart "
                                      "(CIE76) for %s; ", group->group, group->swatches[i].name, a,
                                      group->swatches[j].name, b, de, linli_vision_name (v));
            }
    }
  for (LinliVision v = 0; v < LINLI_VISION_N; v++)
    g_test_message ("closest pair for %s: %.1f", linli_vision_name (v), worst[v]);
  if (failures->len > 0)
    g_test_fail_printf ("%s", failures->str);
}

/* The helper itself, against published values and what the model must do. */

static void
test_lab_reference (void)
{
  double lab[3];

  /* White and black, and sRGB red: L* 53.24, a* 80.09, b* 67.20 (D65;
   * Lindbloom's calculator gives 53.2408, 80.0925, 67.2032). */
  linli_color_to_lab (0xffffff, LINLI_VISION_NORMAL, lab);
  g_assert_cmpfloat_with_epsilon (lab[0], 100, 0.01);
  g_assert_cmpfloat_with_epsilon (lab[1], 0, 0.01);
  g_assert_cmpfloat_with_epsilon (lab[2], 0, 0.01);
  linli_color_to_lab (0x000000, LINLI_VISION_NORMAL, lab);
  g_assert_cmpfloat_with_epsilon (lab[0], 0, 1e-9);
  linli_color_to_lab (0xff0000, LINLI_VISION_NORMAL, lab);
  g_assert_cmpfloat_with_epsilon (lab[0], 53.2408, 0.02);
  g_assert_cmpfloat_with_epsilon (lab[1], 80.0925, 0.02);
  g_assert_cmpfloat_with_epsilon (lab[2], 67.2032, 0.02);
  g_assert_cmpfloat_with_epsilon (linli_color_delta_e76 (0xff0000, 0xff0000,
                                                         LINLI_VISION_DEUTERANOPIA), 0, 1e-12);
}

static void
test_simulation (void)
{
  double red[3], red_protan[3];

  /* Greys look the same to everyone: each matrix row sums to one. */
  for (guint g = 0; g <= 255; g += 15)
    for (LinliVision v = 0; v < LINLI_VISION_N; v++)
      {
        guint grey = g << 16 | g << 8 | g;
        double seen[3], normal[3];

        linli_color_to_lab (grey, v, seen);
        linli_color_to_lab (grey, LINLI_VISION_NORMAL, normal);
        for (guint k = 0; k < 3; k++)
          g_assert_cmpfloat_with_epsilon (seen[k], normal[k], 0.01);
      }

  /* Protanopes lack the long-wave cones, so red looks much darker to them. */
  linli_color_to_lab (0xff0000, LINLI_VISION_NORMAL, red);
  linli_color_to_lab (0xff0000, LINLI_VISION_PROTANOPIA, red_protan);
  g_assert_cmpfloat (red_protan[0], <, red[0] - 10);

  /* The simulation has teeth: ColorBrewer's light green and light orange,
   * far apart to normal sight, run together for a deuteranope; and the
   * blue and yellow that tell apart the tritanope's confusions stay apart. */
  g_assert_cmpfloat (linli_color_delta_e76 (0x91cf60, 0xfc8d59, LINLI_VISION_NORMAL), >, 60);
  g_assert_cmpfloat (linli_color_delta_e76 (0x91cf60, 0xfc8d59, LINLI_VISION_DEUTERANOPIA), <, 10);
  g_assert_cmpfloat (linli_color_delta_e76 (0x0072b2, 0xe69f00, LINLI_VISION_DEUTERANOPIA), >, 60);
}

static void
test_over (void)
{
  g_assert_cmphex (linli_color_over (0xff0000, 0x0000ff, 1), ==, 0xff0000);
  g_assert_cmphex (linli_color_over (0xff0000, 0x0000ff, 0), ==, 0x0000ff);
  g_assert_cmphex (linli_color_over (0xffffff, 0x000000, 0.5), ==, 0x808080);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/palette/lab-reference", test_lab_reference);
  g_test_add_func ("/palette/simulation", test_simulation);
  g_test_add_func ("/palette/over", test_over);
  g_test_add_func ("/palette/legend-colours-apart", test_palette);
  return g_test_run ();
}
