/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-spatial"

#include "linli-spatial.h"

#include <math.h>

struct _LinliPointGrid
{
  double  *xy;          /* copy of the points, 2 per point */
  guint    n_points;
  double   cell;
  double   min_x;
  double   min_y;
  int      nx;
  int      ny;
  guint   *cell_start;  /* nx * ny + 1 offsets into order */
  guint   *order;       /* point indices sorted by cell */
};

/* Keeps the cell table to a sane size however the points are spread. */
#define MAX_CELLS (4u * 1024 * 1024)

static inline int
cell_of (const LinliPointGrid *grid,
         double                v,
         double                min,
         int                   n)
{
  double c = floor ((v - min) / grid->cell);

  if (!(c >= 0))
    return 0;
  if (c >= n)
    return n - 1;
  return (int) c;
}

/**
 * linli_point_grid_new:
 * @xy: (array): x, y pairs in metres
 * @n_points: number of points
 * @cell_size: wanted cell edge in metres
 *
 * Returns: (transfer full): a grid over the points; the points are copied
 */
LinliPointGrid *
linli_point_grid_new (const double *xy,
                      guint         n_points,
                      double        cell_size)
{
  LinliPointGrid *grid = g_new0 (LinliPointGrid, 1);
  double max_x = -INFINITY, max_y = -INFINITY;
  guint *fill;
  guint n_cells;

  grid->n_points = n_points;
  grid->xy = g_memdup2 (xy, sizeof (double) * 2 * n_points);
  grid->min_x = INFINITY;
  grid->min_y = INFINITY;
  for (guint i = 0; i < n_points; i++)
    {
      if (!isfinite (xy[2 * i]) || !isfinite (xy[2 * i + 1]))
        continue;
      grid->min_x = MIN (grid->min_x, xy[2 * i]);
      grid->min_y = MIN (grid->min_y, xy[2 * i + 1]);
      max_x = MAX (max_x, xy[2 * i]);
      max_y = MAX (max_y, xy[2 * i + 1]);
    }
  /* Points with no finite position are left out: no query can find them. */
  if (!isfinite (grid->min_x))
    {
      grid->min_x = grid->min_y = 0;
      max_x = max_y = 0;
    }

  grid->cell = cell_size > 1 ? cell_size : 1;
  for (;;)
    {
      double fx = floor ((max_x - grid->min_x) / grid->cell) + 1;
      double fy = floor ((max_y - grid->min_y) / grid->cell) + 1;

      if (fx * fy <= MAX_CELLS)
        {
          grid->nx = (int) fx;
          grid->ny = (int) fy;
          break;
        }
      grid->cell *= 2;
    }

  n_cells = (guint) grid->nx * (guint) grid->ny;
  grid->cell_start = g_new0 (guint, n_cells + 1);
  grid->order = g_new (guint, MAX (n_points, 1));
  for (guint i = 0; i < n_points; i++)
    {
      int cx, cy;

      if (!isfinite (xy[2 * i]) || !isfinite (xy[2 * i + 1]))
        continue;
      cx = cell_of (grid, xy[2 * i], grid->min_x, grid->nx);
      cy = cell_of (grid, xy[2 * i + 1], grid->min_y, grid->ny);
      grid->cell_start[(guint) cy * grid->nx + cx + 1]++;
    }
  for (guint c = 0; c < n_cells; c++)
    grid->cell_start[c + 1] += grid->cell_start[c];

  fill = g_memdup2 (grid->cell_start, sizeof (guint) * n_cells);
  for (guint i = 0; i < n_points; i++)
    {
      int cx, cy;

      if (!isfinite (xy[2 * i]) || !isfinite (xy[2 * i + 1]))
        continue;
      cx = cell_of (grid, xy[2 * i], grid->min_x, grid->nx);
      cy = cell_of (grid, xy[2 * i + 1], grid->min_y, grid->ny);
      grid->order[fill[(guint) cy * grid->nx + cx]++] = i;
    }
  g_free (fill);
  return grid;
}

void
linli_point_grid_free (LinliPointGrid *grid)
{
  if (grid == NULL)
    return;
  g_free (grid->xy);
  g_free (grid->cell_start);
  g_free (grid->order);
  g_free (grid);
}

/**
 * linli_point_grid_query_circle:
 *
 * Calls @func for every point within @radius of (@x, @y), boundary included.
 */
void
linli_point_grid_query_circle (const LinliPointGrid *grid,
                               double                x,
                               double                y,
                               double                radius,
                               LinliPointFunc        func,
                               gpointer              user_data)
{
  int x0, x1, y0, y1;
  double r2 = radius * radius;

  if (grid->n_points == 0 || !(radius >= 0) || !isfinite (x) || !isfinite (y))
    return;
  if (x + radius < grid->min_x || y + radius < grid->min_y ||
      x - radius > grid->min_x + grid->nx * grid->cell ||
      y - radius > grid->min_y + grid->ny * grid->cell)
    return;

  x0 = cell_of (grid, x - radius, grid->min_x, grid->nx);
  x1 = cell_of (grid, x + radius, grid->min_x, grid->nx);
  y0 = cell_of (grid, y - radius, grid->min_y, grid->ny);
  y1 = cell_of (grid, y + radius, grid->min_y, grid->ny);

  for (int cy = y0; cy <= y1; cy++)
    for (int cx = x0; cx <= x1; cx++)
      {
        guint c = (guint) cy * grid->nx + cx;

        for (guint k = grid->cell_start[c]; k < grid->cell_start[c + 1]; k++)
          {
            guint i = grid->order[k];
            double dx = grid->xy[2 * i] - x;
            double dy = grid->xy[2 * i + 1] - y;
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
 * linli_point_grid_nearest:
 *
 * Returns: the index of the nearest point within @max_distance, or -1
 */
int
linli_point_grid_nearest (const LinliPointGrid *grid,
                          double                x,
                          double                y,
                          double                max_distance)
{
  Nearest n = { -1, INFINITY };

  linli_point_grid_query_circle (grid, x, y, max_distance, nearest_cb, &n);
  return n.best;
}
