/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Colours as dichromats see them, and how far apart two colours look: for
 * the check of the map's palette (test-palette.c).
 *
 * The simulation is Machado, Oliveira and Fernandes, "A Physiologically-based
 * Model for Simulation of Color Vision Deficiency" (IEEE TVCG 15(6), 2009),
 * at severity 1.0: one 3 × 3 matrix per kind, applied to linear sRGB.
 * Distances are CIE76 ΔE, the Euclidean distance in CIELAB (D65 white).
 */
#include "linli-color-vision.h"

#include <math.h>

static const double machado[LINLI_VISION_N][3][3] = {
  [LINLI_VISION_NORMAL] = {
    { 1, 0, 0 },
    { 0, 1, 0 },
    { 0, 0, 1 },
  },
  [LINLI_VISION_PROTANOPIA] = {
    { 0.152286, 1.052583, -0.204868 },
    { 0.114503, 0.786281, 0.099216 },
    { -0.003882, -0.048116, 1.051998 },
  },
  [LINLI_VISION_DEUTERANOPIA] = {
    { 0.367322, 0.860646, -0.227968 },
    { 0.280085, 0.672501, 0.047413 },
    { -0.011820, 0.042940, 0.968881 },
  },
  [LINLI_VISION_TRITANOPIA] = {
    { 1.255528, -0.076749, -0.178779 },
    { -0.078411, 0.930809, 0.147602 },
    { 0.004733, 0.691367, 0.303900 },
  },
};

const char *
linli_vision_name (LinliVision vision)
{
  static const char *names[] = { "normal", "protanopia", "deuteranopia", "tritanopia" };

  g_return_val_if_fail (vision < LINLI_VISION_N, "?");
  return names[vision];
}

static double
srgb_to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/**
 * linli_color_simulate:
 * @rgb: 0xRRGGBB in sRGB
 * @linear: (out): the colour @vision sees, in linear sRGB clamped to [0, 1]
 */
void
linli_color_simulate (guint       rgb,
                      LinliVision vision,
                      double      linear[3])
{
  double in[3] = {
    srgb_to_linear (((rgb >> 16) & 0xff) / 255.0),
    srgb_to_linear (((rgb >> 8) & 0xff) / 255.0),
    srgb_to_linear ((rgb & 0xff) / 255.0),
  };

  g_return_if_fail (vision < LINLI_VISION_N);
  for (guint i = 0; i < 3; i++)
    {
      const double *m = machado[vision][i];

      linear[i] = CLAMP (m[0] * in[0] + m[1] * in[1] + m[2] * in[2], 0.0, 1.0);
    }
}

static double
lab_f (double t)
{
  const double d = 6.0 / 29;

  return t > d * d * d ? cbrt (t) : t / (3 * d * d) + 4.0 / 29;
}

/**
 * linli_color_to_lab:
 * @lab: (out): CIELAB L*, a*, b* of @rgb as @vision sees it
 */
void
linli_color_to_lab (guint       rgb,
                    LinliVision vision,
                    double      lab[3])
{
  /* sRGB's primaries to XYZ, and the D65 white point (IEC 61966-2-1). */
  const double xn = 0.95047, yn = 1.0, zn = 1.08883;
  double c[3], x, y, z;

  linli_color_simulate (rgb, vision, c);
  x = 0.4124564 * c[0] + 0.3575761 * c[1] + 0.1804375 * c[2];
  y = 0.2126729 * c[0] + 0.7151522 * c[1] + 0.0721750 * c[2];
  z = 0.0193339 * c[0] + 0.1191920 * c[1] + 0.9503041 * c[2];
  lab[0] = 116 * lab_f (y / yn) - 16;
  lab[1] = 500 * (lab_f (x / xn) - lab_f (y / yn));
  lab[2] = 200 * (lab_f (y / yn) - lab_f (z / zn));
}

/**
 * linli_color_delta_e76:
 *
 * Returns: how far apart @a and @b look to @vision: CIE76 ΔE, where about
 *   2.3 is just noticeable side by side
 */
double
linli_color_delta_e76 (guint       a,
                       guint       b,
                       LinliVision vision)
{
  double la[3], lb[3];

  linli_color_to_lab (a, vision, la);
  linli_color_to_lab (b, vision, lb);
  return sqrt ((la[0] - lb[0]) * (la[0] - lb[0]) + (la[1] - lb[1]) * (la[1] - lb[1]) +
               (la[2] - lb[2]) * (la[2] - lb[2]));
}

/**
 * linli_color_over:
 *
 * Returns: @fg at @alpha over @bg, as cairo blends it on an 8-bit surface
 *   (in sRGB values, not in linear light)
 */
guint
linli_color_over (guint  fg,
                  guint  bg,
                  double alpha)
{
  guint out = 0;

  for (int shift = 16; shift >= 0; shift -= 8)
    {
      double f = (fg >> shift) & 0xff, b = (bg >> shift) & 0xff;

      out |= (guint) lround (f * alpha + b * (1 - alpha)) << shift;
    }
  return out;
}
