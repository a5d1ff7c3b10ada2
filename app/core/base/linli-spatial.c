/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-spatial"

#include "linli-spatial.h"

#include <math.h>
#include <string.h>

/* The cells of a self: their edge, the south-west corner and how many. */
typedef struct
{
  double cell;
  double min_x;
  double min_y;
  int    nx;
  int    ny;
} Cells;

struct _LinliPointIndex
{
  double  *xy;          /* copy of the points, 2 per point */
  guint    n_points;
  Cells    c;
  guint   *cell_start;  /* nx * ny + 1 offsets into order */
  guint   *order;       /* point indices sorted by cell */
};

/* Keeps the cell table to a sane size however the points are spread. */
#define MAX_CELLS (4u * 1024 * 1024)

static inline int
cell_of (const Cells *c,
         double       v,
         double       min,
         int          n)
{
  double k = floor ((v - min) / c->cell);

  if (!(k >= 0))
    return 0;
  if (k >= n)
    return n - 1;
  return (int) k;
}

/* Cells of about @cell_size over the box, doubled until there are at most
 * MAX_CELLS of them.  A box with no finite corner becomes one cell at 0, 0. */
static void
cells_init (Cells  *c,
            double  min_x,
            double  min_y,
            double  max_x,
            double  max_y,
            double  cell_size)
{
  if (!isfinite (min_x) || !isfinite (min_y))
    min_x = min_y = max_x = max_y = 0;
  c->min_x = min_x;
  c->min_y = min_y;
  c->cell = cell_size > 1 ? cell_size : 1;
  for (;;)
    {
      double fx = floor ((max_x - min_x) / c->cell) + 1;
      double fy = floor ((max_y - min_y) / c->cell) + 1;

      if (fx * fy <= MAX_CELLS)
        {
          c->nx = (int) fx;
          c->ny = (int) fy;
          return;
        }
      c->cell *= 2;
    }
}

/**
 * linli_point_index_new:
 * @xy: (array): x, y pairs in metres
 * @n_points: number of points
 * @cell_size: wanted cell edge in metres
 *
 * Returns: (transfer full): a self over the points; the points are copied
 */
LinliPointIndex *
linli_point_index_new (const double *xy,
                      guint         n_points,
                      double        cell_size)
{
  LinliPointIndex *self = g_new0 (LinliPointIndex, 1);
  double min_x = INFINITY, min_y = INFINITY, max_x = -INFINITY, max_y = -INFINITY;
  guint *fill;
  guint n_cells;

  self->n_points = n_points;
  self->xy = g_memdup2 (xy, sizeof (double) * 2 * n_points);
  for (guint i = 0; i < n_points; i++)
    {
      if (!isfinite (xy[2 * i]) || !isfinite (xy[2 * i + 1]))
        continue;
      min_x = MIN (min_x, xy[2 * i]);
      min_y = MIN (min_y, xy[2 * i + 1]);
      max_x = MAX (max_x, xy[2 * i]);
      max_y = MAX (max_y, xy[2 * i + 1]);
    }
  /* Points with no finite position are left out: no query can find them. */
  cells_init (&self->c, min_x, min_y, max_x, max_y, cell_size);

  n_cells = (guint) self->c.nx * (guint) self->c.ny;
  self->cell_start = g_new0 (guint, n_cells + 1);
  self->order = g_new (guint, MAX (n_points, 1));
  for (guint i = 0; i < n_points; i++)
    {
      int cx, cy;

      if (!isfinite (xy[2 * i]) || !isfinite (xy[2 * i + 1]))
        continue;
      cx = cell_of (&self->c, xy[2 * i], self->c.min_x, self->c.nx);
      cy = cell_of (&self->c, xy[2 * i + 1], self->c.min_y, self->c.ny);
      self->cell_start[(guint) cy * self->c.nx + cx + 1]++;
    }
  for (guint c = 0; c < n_cells; c++)
    self->cell_start[c + 1] += self->cell_start[c];

  fill = g_memdup2 (self->cell_start, sizeof (guint) * n_cells);
  for (guint i = 0; i < n_points; i++)
    {
      int cx, cy;

      if (!isfinite (xy[2 * i]) || !isfinite (xy[2 * i + 1]))
        continue;
      cx = cell_of (&self->c, xy[2 * i], self->c.min_x, self->c.nx);
      cy = cell_of (&self->c, xy[2 * i + 1], self->c.min_y, self->c.ny);
      self->order[fill[(guint) cy * self->c.nx + cx]++] = i;
    }
  g_free (fill);
  return self;
}

void
linli_point_index_free (LinliPointIndex *self)
{
  if (self == NULL)
    return;
  g_free (self->xy);
  g_free (self->cell_start);
  g_free (self->order);
  g_free (self);
}

/**
 * linli_point_index_query_circle:
 *
 * Calls @func for every point within @radius of (@x, @y), boundary included.
 */
void
linli_point_index_query_circle (const LinliPointIndex *self,
                               double                x,
                               double                y,
                               double                radius,
                               LinliPointFunc        func,
                               gpointer              user_data)
{
  int x0, x1, y0, y1;
  double r2 = radius * radius;

  if (self->n_points == 0 || !(radius >= 0) || !isfinite (x) || !isfinite (y))
    return;
  if (x + radius < self->c.min_x || y + radius < self->c.min_y ||
      x - radius > self->c.min_x + self->c.nx * self->c.cell ||
      y - radius > self->c.min_y + self->c.ny * self->c.cell)
    return;

  x0 = cell_of (&self->c, x - radius, self->c.min_x, self->c.nx);
  x1 = cell_of (&self->c, x + radius, self->c.min_x, self->c.nx);
  y0 = cell_of (&self->c, y - radius, self->c.min_y, self->c.ny);
  y1 = cell_of (&self->c, y + radius, self->c.min_y, self->c.ny);

  for (int cy = y0; cy <= y1; cy++)
    for (int cx = x0; cx <= x1; cx++)
      {
        guint c = (guint) cy * self->c.nx + cx;

        for (guint k = self->cell_start[c]; k < self->cell_start[c + 1]; k++)
          {
            guint i = self->order[k];
            double dx = self->xy[2 * i] - x;
            double dy = self->xy[2 * i + 1] - y;
            double d2 = dx * dx + dy * dy;

            if (d2 <= r2)
              func (i, sqrt (d2), user_data);
          }
      }
}

typedef struct
{
  int    best;
  double best_d;
} Nearest;

static void
nearest_cb (guint    index,
            double   distance,
            gpointer user_data)
{
  Nearest *n = user_data;

  if (distance < n->best_d || (distance == n->best_d && (int) index < n->best))
    {
      n->best = index;
      n->best_d = distance;
    }
}

/**
 * linli_point_index_nearest:
 *
 * Returns: the index of the nearest point within @max_distance, or -1
 */
int
linli_point_index_nearest (const LinliPointIndex *self,
                          double                x,
                          double                y,
                          double                max_distance)
{
  Nearest n = { -1, INFINITY };

  linli_point_index_query_circle (self, x, y, max_distance, nearest_cb, &n);
  return n.best;
}

struct _LinliSegmentIndex
{
  double  *seg;         /* copy of the segments, 4 numbers each */
  guint    n_segments;
  Cells    c;
  guint   *cell_start;  /* nx * ny + 1 offsets into items */
  guint   *items;       /* segment indices by cell */
  guint   *seen;        /* per segment: last query that looked at it */
  guint    query;
};

static inline gboolean
segment_is_finite (const double *s)
{
  return isfinite (s[0]) && isfinite (s[1]) && isfinite (s[2]) && isfinite (s[3]);
}

/**
 * linli_segment_index_new:
 * @segments: (array): x1, y1, x2, y2 per segment, in metres
 * @n_segments: number of segments
 * @cell_size: wanted cell edge in metres
 *
 * Segments with a coordinate that is not finite are left out.
 *
 * Returns: (transfer full): a self over the segments; they are copied
 */
LinliSegmentIndex *
linli_segment_index_new (const double *segments,
                        guint         n_segments,
                        double        cell_size)
{
  LinliSegmentIndex *self = g_new0 (LinliSegmentIndex, 1);
  double min_x = INFINITY, min_y = INFINITY, max_x = -INFINITY, max_y = -INFINITY;
  guint64 total = 0;
  guint n_cells;

  self->n_segments = n_segments;
  self->seg = g_memdup2 (segments, sizeof (double) * 4 * MAX (n_segments, 1));
  self->seen = g_new0 (guint, MAX (n_segments, 1));
  for (guint i = 0; i < n_segments; i++)
    {
      const double *sg = &segments[4 * i];

      if (!segment_is_finite (sg))
        continue;
      min_x = MIN (min_x, MIN (sg[0], sg[2]));
      min_y = MIN (min_y, MIN (sg[1], sg[3]));
      max_x = MAX (max_x, MAX (sg[0], sg[2]));
      max_y = MAX (max_y, MAX (sg[1], sg[3]));
    }
  cells_init (&self->c, min_x, min_y, max_x, max_y, cell_size);
  n_cells = (guint) self->c.nx * (guint) self->c.ny;
  self->cell_start = g_new0 (guint, n_cells + 1);

  /* Two passes: count the items per cell, then place them. */
  for (int pass = 0; pass < 2; pass++)
    {
      g_autofree guint *fill = pass == 1 ? g_memdup2 (self->cell_start, sizeof (guint) * n_cells) : NULL;

      for (guint i = 0; i < n_segments; i++)
        {
          const double *s = &self->seg[4 * i];
          int x0, x1, y0, y1;

          if (!segment_is_finite (s))
            continue;
          x0 = cell_of (&self->c, MIN (s[0], s[2]), self->c.min_x, self->c.nx);
          x1 = cell_of (&self->c, MAX (s[0], s[2]), self->c.min_x, self->c.nx);
          y0 = cell_of (&self->c, MIN (s[1], s[3]), self->c.min_y, self->c.ny);
          y1 = cell_of (&self->c, MAX (s[1], s[3]), self->c.min_y, self->c.ny);
          for (int cy = y0; cy <= y1; cy++)
            for (int cx = x0; cx <= x1; cx++)
              {
                guint c = (guint) cy * (guint) self->c.nx + (guint) cx;

                if (pass == 0)
                  self->cell_start[c + 1]++;
                else
                  self->items[fill[c]++] = i;
              }
        }
      if (pass == 0)
        {
          for (guint c = 0; c < n_cells; c++)
            self->cell_start[c + 1] += self->cell_start[c];
          total = self->cell_start[n_cells];
          self->items = g_new (guint, MAX (total, 1));
        }
    }
  return self;
}

void
linli_segment_index_free (LinliSegmentIndex *self)
{
  if (self == NULL)
    return;
  g_free (self->seg);
  g_free (self->seen);
  g_free (self->cell_start);
  g_free (self->items);
  g_free (self);
}

/**
 * linli_segment_nearest_point:
 * @segment: (array fixed-size=4): x1, y1, x2, y2
 *
 * Fills @hit with the point of @segment nearest to (@x, @y); leaves
 * @hit->segment alone.
 */
void
linli_segment_nearest_point (const double    *segment,
                             double           x,
                             double           y,
                             LinliSegmentHit *hit)
{
  double dx = segment[2] - segment[0], dy = segment[3] - segment[1];
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((x - segment[0]) * dx + (y - segment[1]) * dy) / len2 : 0;

  t = CLAMP (t, 0.0, 1.0);
  hit->t = t;
  hit->x = segment[0] + t * dx;
  hit->y = segment[1] + t * dy;
  hit->distance = hypot (x - hit->x, y - hit->y);
}

/**
 * linli_segment_index_nearest:
 * @max_distance: how far to look
 * @hit: (out): the nearest point found
 *
 * Looks in growing squares of cells until the nearest segment is certain.
 * Ties go to the lowest segment index, so results do not depend on the
 * cell size.  Not thread-safe: queries mark the segments they saw.
 *
 * Returns: %TRUE if a segment lies within @max_distance of (@x, @y)
 */
gboolean
linli_segment_index_nearest (const LinliSegmentIndex *self,
                            double                  x,
                            double                  y,
                            double                  max_distance,
                            LinliSegmentHit        *hit)
{
  return linli_segment_index_nearest_filtered (self, x, y, max_distance, NULL, NULL, hit);
}

/**
 * linli_segment_index_nearest_filtered:
 * @accept: (nullable): which segments may be found
 *
 * As linli_segment_index_nearest(), among the segments @accept takes.
 */
gboolean
linli_segment_index_nearest_filtered (const LinliSegmentIndex *const_self,
                                     double                  x,
                                     double                  y,
                                     double                  max_distance,
                                     LinliSegmentFilter      accept,
                                     gpointer                user_data,
                                     LinliSegmentHit        *hit)
{
  LinliSegmentIndex *self = (LinliSegmentIndex *) const_self;
  double reach = self->c.cell;
  int done_x0 = 1, done_x1 = 0, done_y0 = 1, done_y1 = 0;   /* empty */

  hit->segment = G_MAXUINT;
  hit->distance = INFINITY;
  if (!isfinite (x) || !isfinite (y) || self->n_segments == 0)
    return FALSE;

  if (++self->query == 0)
    {
      memset (self->seen, 0, sizeof (guint) * self->n_segments);
      self->query = 1;
    }

  for (;;)
    {
      double r = MIN (reach, max_distance);
      int x0 = cell_of (&self->c, x - r, self->c.min_x, self->c.nx);
      int x1 = cell_of (&self->c, x + r, self->c.min_x, self->c.nx);
      int y0 = cell_of (&self->c, y - r, self->c.min_y, self->c.ny);
      int y1 = cell_of (&self->c, y + r, self->c.min_y, self->c.ny);

      for (int cy = y0; cy <= y1; cy++)
        for (int cx = x0; cx <= x1; cx++)
          {
            guint c;

            if (cx >= done_x0 && cx <= done_x1 && cy >= done_y0 && cy <= done_y1)
              continue;
            c = (guint) cy * (guint) self->c.nx + (guint) cx;
            for (guint k = self->cell_start[c]; k < self->cell_start[c + 1]; k++)
              {
                guint i = self->items[k];
                LinliSegmentHit h;

                if (self->seen[i] == self->query)
                  continue;
                self->seen[i] = self->query;
                if (accept != NULL && !accept (i, user_data))
                  continue;
                linli_segment_nearest_point (&self->seg[4 * i], x, y, &h);
                if (h.distance < hit->distance || (h.distance == hit->distance && i < hit->segment))
                  {
                    *hit = h;
                    hit->segment = i;
                  }
              }
          }
      done_x0 = x0; done_x1 = x1; done_y0 = y0; done_y1 = y1;

      /* Everything within r of (x, y) has been seen. */
      if (hit->distance <= r || r >= max_distance ||
          (x0 == 0 && y0 == 0 && x1 == self->c.nx - 1 && y1 == self->c.ny - 1))
        break;
      reach *= 2;
    }
  if (hit->distance > max_distance)
    {
      hit->segment = G_MAXUINT;
      hit->distance = INFINITY;
      return FALSE;
    }
  return TRUE;
}
