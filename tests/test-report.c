/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Report pages and tables, with no display: the tables against counts
 * made here building by building, what a station alone brings against
 * coverage worked out again without it, CSV read back with the core's own
 * reader, PNG pages of the size and resolution asked, maps that are not
 * blank, the scale at the page's latitude, a comparison's differences,
 * and names hidden in every table when the project hides them. */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "linli-base-edits.h"
#include "linli-csv.h"
#include "linli-document.h"
#include "linli-figures.h"
#include "linli-geo.h"
#include "linli-grid-assignment.h"
#include "linli-grids.h"
#include "linli-org.h"
#include "linli-painter.h"
#include "linli-project-edits.h"
#include "linli-report.h"
#include "linli-report-tables.h"

/* The bundled sample: a district with an organisation and grids. */
static LinliDocument *
sample_document (void)
{
  const char *root = g_getenv ("LINLI_SOURCE_DIR");
  g_autofree char *path = g_build_filename (root != NULL ? root : ".", "data", "sample.linli",
                                            NULL);
  g_autoptr (GError) error = NULL;
  LinliDocument *document = linli_document_new_for_path (path, &error);

  g_assert_no_error (error);
  return document;
}

static LinliTable *
find_table (GPtrArray  *tables,
            const char *key)
{
  for (guint i = 0; i < tables->len; i++)
    if (g_str_equal (linli_table_get_key (g_ptr_array_index (tables, i)), key))
      return g_ptr_array_index (tables, i);
  g_error ("no table “%s”", key);
  return NULL;
}

static const char *
cell_text (LinliTable *table,
           guint       row,
           guint       column)
{
  return linli_table_get_cell (table, row, column)->text;
}

/* What a station alone brings is what the district loses when it is
 * taken away, and a candidate brings what it adds once planned. */
static void
test_households_alone (void)
{
  g_autoptr (LinliDocument) document = sample_document ();
  LinliProject *project = linli_document_get_project (document);
  const LinliCoverage *coverage = linli_document_get_coverage (document);
  guint64 covered = linli_coverage_get_district (coverage)->households_covered;
  guint checked = 0, candidates = 0;

  for (guint s = 0; s < linli_project_get_n_sites (project); s++)
    {
      LinliSite *site = linli_project_get_site (project, s);
      g_autoptr (LinliProject) copy = linli_project_copy (project);
      g_autoptr (LinliCoverage) other = NULL;
      LinliSite *twin = linli_project_get_site (copy, s);
      guint64 alone = linli_coverage_site_households_alone (coverage, s);

      if (linli_site_counts_for_coverage (site))
        {
          linli_project_remove_site (copy, twin);
          other = linli_coverage_compute_brute_force (copy);
          g_assert_cmpuint (covered - linli_coverage_get_district (other)->households_covered, ==,
                            alone);
          checked++;
        }
      else if (candidates++ < 5)
        {
          linli_site_set_status (twin, LINLI_SITE_STATUS_PLANNED);
          other = linli_coverage_compute_brute_force (copy);
          g_assert_cmpuint (linli_coverage_get_district (other)->households_covered - covered, ==,
                            alone);
        }
    }
  g_assert_cmpuint (checked, >, 2);
  g_assert_cmpuint (candidates, >, 0);
}

/* Every table agrees with a count made here. */
static void
test_tables (void)
{
  g_autoptr (LinliDocument) document = sample_document ();
  LinliProject *project = linli_document_get_project (document);
  g_autoptr (LinliCoverage) brute = linli_coverage_compute_brute_force (project);
  g_autoptr (GPtrArray) tables = linli_report_tables_collect (document, NULL);
  g_autoptr (LinliFigures) figures = linli_figures_collect (document);
  LinliTable *table;
  guint n = linli_project_get_n_buildings (project);
  guint n_communities = linli_project_get_n_communities (project);
  g_autofree guint64 *households = g_new0 (guint64, n_communities + 1);
  g_autofree guint64 *covered = g_new0 (guint64, n_communities + 1);
  guint n_uncovered = 0, row = 0;
  guint32 last = G_MAXUINT32;

  for (guint i = 0; i < n; i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      guint c = linli_project_get_compound (project, b->compound)->community;

      households[c] += b->households;
      households[n_communities] += b->households;
      if (linli_coverage_is_covered (brute, i))
        {
          covered[c] += b->households;
          covered[n_communities] += b->households;
        }
      else
        n_uncovered++;
    }

  /* Figures: one row each, as linli_figure_format() writes them. */
  table = find_table (tables, "figures");
  g_assert_cmpuint (linli_table_get_n_rows (table), ==, linli_figures_get_n (figures));
  for (guint i = 0; i < linli_figures_get_n (figures); i++)
    {
      const LinliFigure *f = linli_figures_get (figures, i);
      g_autofree char *text = linli_figure_format (f, f->value);

      g_assert_cmpstr (cell_text (table, i, 0), ==, f->label);
      g_assert_cmpstr (cell_text (table, i, 1), ==, text);
    }

  /* Communities, then the district. */
  table = find_table (tables, "communities");
  g_assert_cmpuint (linli_table_get_n_rows (table), ==, n_communities + 1);
  for (guint c = 0; c <= n_communities; c++)
    {
      g_assert_cmpfloat (linli_table_get_cell (table, c, 3)->value, ==, households[c]);
      g_assert_cmpfloat (linli_table_get_cell (table, c, 4)->value, ==, covered[c]);
      g_assert_cmpfloat (linli_table_get_cell (table, c, 6)->value, ==, households[c] - covered[c]);
      if (c < n_communities)
        g_assert_cmpstr (cell_text (table, c, 0), ==,
                         linli_project_get_community (project, c)->name);
    }

  /* Uncovered buildings: each one uncovered, each once, most households first. */
  table = find_table (tables, "uncovered-buildings");
  g_assert_cmpuint (linli_table_get_n_rows (table), ==, n_uncovered);
  for (guint i = 0; i < n; i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);
      const LinliCompound *compound = linli_project_get_compound (project, b->compound);

      if (linli_coverage_is_covered (brute, i))
        continue;
      /* Rows of equal households come in building order, as buildings do here. */
      for (row = 0; row < linli_table_get_n_rows (table); row++)
        if (g_str_equal (cell_text (table, row, 2), b->name) &&
            g_str_equal (cell_text (table, row, 1), compound->name))
          break;
      g_assert_cmpuint (row, <, linli_table_get_n_rows (table));
      g_assert_cmpfloat (linli_table_get_cell (table, row, 3)->value, ==, b->households);
    }
  for (row = 0; row < linli_table_get_n_rows (table); row++)
    {
      guint32 h = (guint32) linli_table_get_cell (table, row, 3)->value;

      g_assert_cmpuint (h, <=, last);
      last = h;
    }

  /* Grids and findings: one row each. */
  table = find_table (tables, "grids");
  g_assert_cmpuint (linli_table_get_n_rows (table), ==,
                    linli_grids_get_n_grids (linli_project_get_grids (project)));
  table = find_table (tables, "violations");
  g_assert_cmpuint (linli_table_get_n_rows (table), ==,
                    linli_document_get_violations (document)->len);
}

/* A proposal lists its sites with what the plan said each adds. */
static void
test_proposal_table (void)
{
  g_autoptr (LinliDocument) document = sample_document ();
  LinliProject *project = linli_document_get_project (document);
  const char *ids[2] = { NULL, NULL };
  double adds[2] = { 123, 45 };
  LinliReportProposal proposal = { ids, adds, 0 };
  g_autoptr (LinliTable) table = NULL;

  for (guint s = 0; s < linli_project_get_n_sites (project) && proposal.n < 2; s++)
    if (linli_site_get_status (linli_project_get_site (project, s)) == LINLI_SITE_STATUS_CANDIDATE)
      ids[proposal.n++] = linli_site_get_id (linli_project_get_site (project, s));
  g_assert_cmpuint (proposal.n, ==, 2);
  /* The first proposed site has an address and a floor area, the second none. */
  linli_site_set_address (linli_project_find_site (project, ids[0], NULL), "和平路 8 号");
  linli_site_set_area (linli_project_find_site (project, ids[0], NULL), 120);
  table = linli_report_table_stations (document, &proposal);
  g_assert_cmpuint (linli_table_get_n_rows (table), ==, 2);
  for (guint r = 0; r < 2; r++)
    {
      guint k = g_str_equal (cell_text (table, r, 1), ids[0]) ? 0 : 1;

      g_assert_cmpstr (cell_text (table, r, 1), ==, ids[k]);
      g_assert_cmpfloat (linli_table_get_cell (table, r, 4)->value, ==, adds[k]);
      g_assert_cmpstr (cell_text (table, r, 5), ==, k == 0 ? "和平路 8 号" : "");
      if (k == 0)
        g_assert_cmpfloat (linli_table_get_cell (table, r, 6)->value, ==, 120);
      else
        g_assert_true (isnan (linli_table_get_cell (table, r, 6)->value));
    }
}

/* CSV read back with the core's reader gives the cells; the mark that
 * tells Excel the file is UTF-8 comes first, and a text that a
 * spreadsheet would run as a formula is kept as text. */
static void
test_csv (void)
{
  g_autoptr (LinliTable) table = linli_table_new ("t", "T");
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  LinliCsvReader *reader;
  const char *data;
  gsize length;
  static const char *texts[] = { "拱宸桥, 街道", "say \"hi\"", "two\nlines", "=1+2", "-3", "plain" };

  linli_table_add_column (table, "名称", LINLI_TABLE_ALIGN_START, 1);
  linli_table_add_column (table, "户数", LINLI_TABLE_ALIGN_END, 1);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      linli_table_add_row (table);
      linli_table_add_text (table, texts[i]);
      linli_table_add_number (table, 1000 + i, LINLI_FIGURE_COUNT);
    }
  bytes = linli_table_to_csv (table);
  data = g_bytes_get_data (bytes, &length);
  g_assert_cmpmem (data, 3, "\xEF\xBB\xBF", 3);
  g_assert_true (g_utf8_validate (data, length, NULL));

  reader = linli_csv_reader_new_for_data (data, length, "t.csv", ',', &error);
  g_assert_no_error (error);
  g_assert_true (linli_csv_reader_next (reader, &error));
  g_assert_cmpstr (linli_csv_reader_get_field (reader, 0), ==, "名称");
  g_assert_cmpstr (linli_csv_reader_get_field (reader, 1), ==, "户数");
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *guarded = g_strconcat ("'", texts[i], NULL);
      gboolean formula = texts[i][0] == '=' || texts[i][0] == '-';

      g_assert_true (linli_csv_reader_next (reader, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (linli_csv_reader_get_n_fields (reader), ==, 2);
      g_assert_cmpstr (linli_csv_reader_get_field (reader, 0), ==, formula ? guarded : texts[i]);
      g_assert_cmpstr (linli_csv_reader_get_field (reader, 1), ==,
                       linli_table_get_cell (table, i, 1)->text);
    }
  g_assert_false (linli_csv_reader_next (reader, &error));
  g_assert_no_error (error);
  linli_csv_reader_free (reader);
}

/* Names of people are in the tables, and none of them once the project
 * hides names. */
static void
test_hide_names (void)
{
  g_autoptr (LinliDocument) document = sample_document ();
  LinliProject *project = linli_document_get_project (document);
  LinliOrg *org = linli_project_get_org (project);
  LinliGrids *grids = linli_project_get_grids (project);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  for (guint c = 0; c < linli_project_get_n_communities (project); c++)
    if (linli_org_get_secretary (org, c) != NULL)
      g_ptr_array_add (names, (gpointer) linli_org_get_secretary (org, c));
  for (guint g = 0; g < linli_grids_get_n_grids (grids); g++)
    if (linli_grid_get_worker (linli_grids_get_grid (grids, g)) != NULL)
      g_ptr_array_add (names, (gpointer) linli_grid_get_worker (linli_grids_get_grid (grids, g)));
  g_assert_cmpuint (names->len, >, 0);

  for (int hide = 0; hide < 2; hide++)
    {
      g_autoptr (GPtrArray) tables = NULL;
      guint found = 0;

      linli_project_set_hide_names (project, hide);
      tables = linli_report_tables_collect (document, NULL);
      for (guint c = 0; c < linli_project_get_n_communities (project); c++)
        {
          g_autoptr (LinliTable) community = linli_report_table_community (document, c);

          g_ptr_array_add (tables, g_steal_pointer (&community));
        }
      for (guint t = 0; t < tables->len; t++)
        {
          LinliTable *table = g_ptr_array_index (tables, t);

          for (guint r = 0; r < linli_table_get_n_rows (table); r++)
            for (guint c = 0; c < linli_table_get_n_columns (table); c++)
              for (guint k = 0; k < names->len; k++)
                found += strstr (cell_text (table, r, c), g_ptr_array_index (names, k)) != NULL;
        }
      if (hide)
        g_assert_cmpuint (found, ==, 0);
      else
        g_assert_cmpuint (found, >=, names->len);
    }
}

/* Pages of the size asked: A4 and A3 in points, PNG pages of the pixels
 * the resolution gives, with that resolution in the file. */
static void
test_png_pages (void)
{
  g_autoptr (LinliDocument) document = sample_document ();
  g_autoptr (LinliReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("linli-report-XXXXXX", &error);
  g_autofree char *pattern = g_build_filename (dir, "page-%d.png", NULL);
  double w, h;

  g_assert_no_error (error);
  linli_paper_get_size (LINLI_PAPER_A4, FALSE, &w, &h);
  g_assert_cmpfloat (w, ==, 595);
  g_assert_cmpfloat (h, ==, 842);
  linli_paper_get_size (LINLI_PAPER_A3, TRUE, &w, &h);
  g_assert_cmpfloat (w, ==, 1191);
  g_assert_cmpfloat (h, ==, 842);

  /* 1000 × 700 px at 120 dpi: pages of 600 × 420 pt. */
  report = linli_report_new (1000 * 72.0 / 120, 700 * 72.0 / 120);
  linli_report_add_deck (report, document, NULL);
  g_assert_cmpuint (linli_report_get_n_pages (report), >=, 2);
  g_assert_true (linli_report_save_png (report, pattern, 120, &error));
  g_assert_no_error (error);
  for (guint i = 1; i <= linli_report_get_n_pages (report); i++)
    {
      g_autofree char *name = g_strdup_printf ("page-%u.png", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *data = NULL;
      gsize length;
      const guchar *d, *phys;
      guint32 ppm;

      g_assert_true (g_file_get_contents (path, &data, &length, &error));
      d = (const guchar *) data;
      g_assert_cmpuint (length, >, 60);
      g_assert_cmpmem (d, 8, "\x89PNG\r\n\x1a\n", 8);
      g_assert_cmpuint ((d[16] << 24) | (d[17] << 16) | (d[18] << 8) | d[19], ==, 1000);
      g_assert_cmpuint ((d[20] << 24) | (d[21] << 16) | (d[22] << 8) | d[23], ==, 700);
      /* pHYs right after IHDR, its length 9. */
      g_assert_cmpmem (d + 33, 8, "\0\0\0\x09pHYs", 8);
      phys = d + 37;
      ppm = (guint32) phys[4] << 24 | phys[5] << 16 | phys[6] << 8 | phys[7];
      g_assert_cmpint (lround (ppm * 0.0254), ==, 120);
      g_assert_cmpuint (phys[12], ==, 1);
      /* cairo reads it back: the chunk did not break the file. */
      {
        cairo_surface_t *image = cairo_image_surface_create_from_png (path);

        g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
        g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1000);
        cairo_surface_destroy (image);
      }
      g_unlink (path);
    }

  /* A name without %d for many pages is refused, and nothing written. */
  {
    g_autofree char *single = g_build_filename (dir, "one.png", NULL);

    g_assert_false (linli_report_save_png (report, single, 120, &error));
    g_assert_error (error, LINLI_RENDER_ERROR, LINLI_RENDER_ERROR_FORMAT);
    g_clear_error (&error);
    g_assert_false (g_file_test (single, G_FILE_TEST_EXISTS));
    g_assert_false (linli_report_save_png (report, pattern, 5, &error));
    g_assert_error (error, LINLI_RENDER_ERROR, LINLI_RENDER_ERROR_SIZE);
  }
  g_rmdir (dir);
}

/* The map of a page is drawn: many colours in its area, and not the
 * plain background. */
static void
test_map_not_blank (void)
{
  g_autoptr (LinliDocument) document = sample_document ();
  g_autoptr (LinliReport) report = NULL;
  double x, y, w, h, pw, ph, scale = 2;
  g_autoptr (GHashTable) colours = g_hash_table_new (NULL, NULL);
  cairo_surface_t *surface;
  cairo_t *cr;
  guint white = 0, total = 0;

  linli_paper_get_size (LINLI_PAPER_A4, FALSE, &pw, &ph);
  report = linli_report_new (pw, ph);
  linli_report_add_document (report, document, NULL);
  g_assert_true (linli_report_get_map_area (report, 0, 0, &x, &y, &w, &h));
  g_assert_false (linli_report_get_map_area (report, 0, 1, &x, &y, &w, &h));
  g_assert_true (linli_report_get_map_area (report, 0, 0, &x, &y, &w, &h));
  g_assert_cmpfloat (w * h, >, 0.25 * pw * ph);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (pw * scale), (int) (ph * scale));
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  linli_report_draw_page (report, cr, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  for (int py = (int) (y * scale) + 2; py < (int) ((y + h) * scale) - 2; py += 3)
    for (int px = (int) (x * scale) + 2; px < (int) ((x + w) * scale) - 2; px += 3)
      {
        const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface) +
                                                py * cairo_image_surface_get_stride (surface));
        guint32 p = row[px] & 0xffffff;

        g_hash_table_add (colours, GUINT_TO_POINTER (p));
        white += p == 0xffffff;
        total++;
      }
  cairo_surface_destroy (surface);
  g_assert_cmpuint (g_hash_table_size (colours), >, 50);
  g_assert_cmpuint (white, <, total / 2);
}

/* The scale bar measures at the page's latitude: the metres per pixel it
 * is drawn by are what two points on the map's middle row are apart on
 * the ground, on the equator as at 60° north. */
static void
test_scale_at_latitude (void)
{
  static const double latitudes[] = { 0.5, 30.318, 45, 60 };

  for (guint i = 0; i < G_N_ELEMENTS (latitudes); i++)
    {
      LinliMapView view;
      double lat1, lon1, lat2, lon2, ground;

      linli_map_view_init (&view, latitudes[i], 120.14, 15.3, 800, 600);
      linli_map_view_from_pixels (&view, 350, 300, &lat1, &lon1);
      linli_map_view_from_pixels (&view, 450, 300, &lat2, &lon2);
      ground = linli_haversine_distance (lat1, lon1, lat2, lon2);
      g_assert_cmpfloat_with_epsilon (linli_map_view_get_meters_per_pixel (&view) * 100 / ground,
                                      1, 0.005);
    }
}

/* A comparison shows both maps and the differences of every figure. */
static void
test_comparison (void)
{
  g_autoptr (LinliDocument) before = sample_document ();
  g_autoptr (LinliDocument) after = sample_document ();
  LinliProject *project = linli_document_get_project (after);
  g_autoptr (LinliTable) table = NULL;
  g_autoptr (LinliFigures) a = linli_figures_collect (before);
  g_autoptr (LinliFigures) b = NULL;
  g_autoptr (LinliReport) report = NULL;
  double x, y, w, h;
  guint planned = 0;

  for (guint s = 0; s < linli_project_get_n_sites (project) && planned < 3; s++)
    if (linli_site_get_status (linli_project_get_site (project, s)) == LINLI_SITE_STATUS_CANDIDATE)
      {
        LinliSite *site = linli_project_get_site (project, s);
        g_autoptr (LinliSiteState) state = linli_site_dup_state (site);

        state->status = LINLI_SITE_STATUS_PLANNED;
        linli_project_edits_change_site (linli_document_get_history (after), "Plan", site, state);
        planned++;
      }
  g_assert_cmpuint (planned, ==, 3);
  b = linli_figures_collect (after);
  table = linli_report_table_comparison (before, "现状", after, "方案一");
  g_assert_cmpstr (linli_table_get_column (table, 1)->header, ==, "现状");
  g_assert_cmpstr (linli_table_get_column (table, 2)->header, ==, "方案一");
  g_assert_cmpuint (linli_table_get_n_rows (table), ==, linli_figures_get_n (a));
  for (guint i = 0; i < linli_figures_get_n (a); i++)
    {
      const LinliFigure *fa = linli_figures_get (a, i);
      const LinliFigure *fb = linli_figures_lookup (b, fa->key);
      g_autofree char *change = linli_figure_format_change (fa, fa->value, fb->value);

      g_assert_cmpstr (cell_text (table, i, 3), ==, change);
      if (g_str_equal (fa->key, "stations-planned"))
        g_assert_cmpfloat (linli_table_get_cell (table, i, 3)->value, ==, 3);
    }

  report = linli_report_new (595, 842);
  linli_report_add_comparison (report, before, "现状", after, "方案一");
  /* One landscape page, the figures going on to a second when they must. */
  g_assert_cmpuint (linli_report_get_n_pages (report), >=, 1);
  g_assert_cmpuint (linli_report_get_n_pages (report), <=, 2);
  linli_report_get_page_size (report, 0, &w, &h);
  g_assert_cmpfloat (w, ==, 842);
  g_assert_cmpfloat (h, ==, 595);
  g_assert_true (linli_report_get_map_area (report, 0, 1, &x, &y, &w, &h));
}

/* Households that are estimates say so in every table that shows them,
 * and the figures table takes buildings with party members unknown out
 * of the member share, as counted here building by building. */
static void
test_marks (void)
{
  g_autoptr (LinliDocument) document = sample_document ();
  LinliProject *project = linli_document_get_project (document);
  guint n = linli_project_get_n_buildings (project);
  guint n_communities = linli_project_get_n_communities (project);
  g_autoptr (GArray) unknown = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) estimated = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *community_estimated = g_new0 (guint, n_communities + 1);
  g_autoptr (GPtrArray) tables = NULL;
  g_autoptr (LinliFigures) figures = NULL;
  const LinliGridAssignment *assignment;
  const int *building_grid;
  const guint *uncovered;
  LinliBuilding values = { .flags = LINLI_BUILDING_MEMBERS_UNKNOWN | LINLI_BUILDING_ESTIMATED };
  LinliTable *table;
  guint n_uncovered, with_member = 0, n_unknown = 0, row;

  for (guint i = 0; i < n; i += 3)
    g_array_append_val (unknown, i);
  for (guint i = 0; i < n; i += 4)
    g_array_append_val (estimated, i);
  g_assert_true (linli_base_edits_change_buildings (linli_document_get_history (document),
                                                    (const guint *) unknown->data, unknown->len,
                                                    LINLI_BUILDING_FIELD_MEMBERS_UNKNOWN, &values));
  g_assert_true (linli_base_edits_change_buildings (linli_document_get_history (document),
                                                    (const guint *) estimated->data, estimated->len,
                                                    LINLI_BUILDING_FIELD_ESTIMATED, &values));
  for (guint i = 0; i < n; i++)
    {
      const LinliBuilding *b = linli_project_get_building (project, i);

      if (b->flags & LINLI_BUILDING_ESTIMATED)
        {
          community_estimated[linli_project_get_compound (project, b->compound)->community]++;
          community_estimated[n_communities]++;
        }
      if (b->flags & LINLI_BUILDING_MEMBERS_UNKNOWN)
        n_unknown++;
      else
        with_member += b->party_members > 0;
    }
  tables = linli_report_tables_collect (document, NULL);
  figures = linli_figures_collect (document);

  /* The member share, over the buildings whose members are known. */
  table = find_table (tables, "figures");
  for (row = 0; row < linli_figures_get_n (figures); row++)
    if (g_str_equal (linli_figures_get (figures, row)->key, "buildings-with-member"))
      break;
  g_assert_cmpuint (row, <, linli_table_get_n_rows (table));
  g_assert_cmpfloat_with_epsilon (linli_table_get_cell (table, row, 1)->value,
                                  (double) with_member / (n - n_unknown), 1e-12);
  g_assert_nonnull (strstr (cell_text (table, row, 0), "known"));

  table = find_table (tables, "communities");
  for (guint c = 0; c <= n_communities; c++)
    g_assert_cmpint (strstr (cell_text (table, c, 3), "estimated") != NULL, ==, community_estimated[c] > 0);

  /* Uncovered buildings come in the coverage's order. */
  table = find_table (tables, "uncovered-buildings");
  uncovered = linli_coverage_get_uncovered (linli_document_get_coverage (document), &n_uncovered);
  g_assert_cmpuint (n_uncovered, >, 0);
  for (guint k = 0; k < n_uncovered; k++)
    {
      const LinliBuilding *b = linli_project_get_building (project, uncovered[k]);

      g_assert_cmpfloat (linli_table_get_cell (table, k, 3)->value, ==, b->households);
      g_assert_cmpint (strstr (cell_text (table, k, 3), "estimated") != NULL, ==,
                       (b->flags & LINLI_BUILDING_ESTIMATED) != 0);
    }

  table = find_table (tables, "grids");
  assignment = linli_document_get_grid_assignment (document);
  building_grid = linli_grid_assignment_get_building_grids (assignment);
  for (guint g = 0; g < linli_table_get_n_rows (table); g++)
    {
      guint grid_estimated = 0;

      for (guint i = 0; i < n; i++)
        grid_estimated += building_grid[i] == (int) g &&
                          (linli_project_get_building (project, i)->flags & LINLI_BUILDING_ESTIMATED);
      g_assert_cmpint (strstr (cell_text (table, g, 4), "estimated") != NULL, ==, grid_estimated > 0);
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/households-alone", test_households_alone);
  g_test_add_func ("/report/tables", test_tables);
  g_test_add_func ("/report/proposal-table", test_proposal_table);
  g_test_add_func ("/report/csv", test_csv);
  g_test_add_func ("/report/hide-names", test_hide_names);
  g_test_add_func ("/report/png-pages", test_png_pages);
  g_test_add_func ("/report/map-not-blank", test_map_not_blank);
  g_test_add_func ("/report/scale-at-latitude", test_scale_at_latitude);
  g_test_add_func ("/report/comparison", test_comparison);
  g_test_add_func ("/report/marks", test_marks);
  status = g_test_run ();
  linli_render_free_caches ();
  return status;
}
