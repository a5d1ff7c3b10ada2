/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The shared file helpers: every reader refuses what is not a regular
 * file, without blocking on a named pipe; the atomic writer names its
 * target, writes devices and pipes in place, and removes the temporary
 * files of dead writers, never those of live ones. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "linli-file.h"
#include "linli-format.h"
#include "linli-generator.h"
#include "linli-import.h"
#include "linli-import-csv.h"
#include "linli-plan-io.h"
#include "linli-plan-project.h"
#include "linli-test-utils.h"

/* Auxiliary methods */

static char *
make_temp_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("linli-file-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_dir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static GPtrArray *
dir_names (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  return names;
}

static gboolean
names_contain (GPtrArray  *names,
               const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), name))
      return TRUE;
  return FALSE;
}

/* The id of a process that has ended and been reaped. */
static pid_t
dead_pid (void)
{
  int status = 0;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  /* Not reused yet: no process answers to it. */
  g_assert_cmpint (kill (pid, 0), ==, -1);
  return pid;
}

static void
touch (const char *path)
{
  g_assert_true (g_file_set_contents (path, "partial", -1, NULL));
}

static void
assert_message_names (const GError *error,
                      const char   *path,
                      const char   *reason)
{
  g_assert_nonnull (error);
  if (strstr (error->message, path) == NULL || (reason != NULL && strstr (error->message, reason) == NULL))
    g_error ("“%s” does not name %s (%s)", error->message, path, reason ? reason : "");
}

static LinliProject *
small_project (void)
{
  LinliGeneratorOptions opts;

  linli_generator_options_init (&opts);
  opts.n_buildings = 60;
  return linli_generate_district (&opts);
}

/* Tests: reading */

static void
test_check_regular (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *file = g_build_filename (dir, "plain.txt", NULL);
  g_autofree char *fifo = g_build_filename (dir, "pipe", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  GError *error = NULL;
  GMappedFile *mapped;

  touch (file);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  g_assert_true (linli_file_check_regular (file, &error));
  g_assert_no_error (error);
  mapped = linli_file_map (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_mapped_file_get_length (mapped), ==, strlen ("partial"));
  g_assert_cmpmem (g_mapped_file_get_contents (mapped), 7, "partial", 7);
  g_mapped_file_unref (mapped);

  /* Each kind, by the check and by the mapping: the second opens the path
   * (without blocking on the pipe, which no one writes). */
  for (guint how = 0; how < 2; how++)
    {
      const struct
      {
        const char *path;
        int          code;
        const char  *reason;
      } cases[] = {
        { "/dev/zero", G_IO_ERROR_NOT_REGULAR_FILE, "not a regular file" },
        { fifo, G_IO_ERROR_NOT_REGULAR_FILE, "not a regular file" },
        { dir, G_IO_ERROR_IS_DIRECTORY, "folder" },
        { missing, G_IO_ERROR_NOT_FOUND, NULL },
      };

      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          if (how == 0)
            g_assert_false (linli_file_check_regular (cases[i].path, &error));
          else
            g_assert_null (linli_file_map (cases[i].path, &error));
          g_assert_error (error, G_IO_ERROR, cases[i].code);
          assert_message_names (error, cases[i].path, cases[i].reason);
          g_clear_error (&error);
        }
    }
  remove_dir (dir);
}

/* Every reader of a path says "not a regular file" for a device or a
 * named pipe, and returns: none blocks or says "mmap() failed". */
static void
test_readers_refuse (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *fifo = g_build_filename (dir, "pipe.linli", NULL);
  g_autofree char *ok = g_build_filename (dir, "ok.csv", NULL);
  const char *paths[2];
  LinliImportOptions opts;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_true (g_file_set_contents (ok, "id,weight\nd1,1\n", -1, NULL));
  paths[0] = "/dev/zero";
  paths[1] = fifo;
  linli_import_options_init (&opts);

  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    for (guint reader = 0; reader < 8; reader++)
      {
        g_autoptr (GError) error = NULL;
        gpointer result = NULL;
        g_autoptr (GPtrArray) demand = NULL;
        g_autoptr (GPtrArray) candidates = NULL;

        switch (reader)
          {
          case 0:
            result = linli_format_load_file (paths[p], &error);
            break;
          case 1:
            result = linli_import_osm (paths[p], &opts, NULL, &error);
            break;
          case 2:
            result = linli_import_geojson (paths[p], &opts, NULL, &error);
            break;
          case 3:
            result = linli_import_file (paths[p], &opts, NULL, &error);
            break;
          case 4:
            result = linli_csv_table_load (paths[p], 0, &error);
            break;
          case 5:
            result = linli_plan_read_csv (paths[p], ok, ok, &demand, &candidates, &error);
            break;
          case 6:
            result = linli_plan_read_csv (ok, ok, paths[p], &demand, &candidates, &error);
            break;
          case 7:
            {
              g_autofree char *buildings = g_build_filename (dir, "b.geojson", NULL);
              LinliImportOptions streets = opts;

              streets.streets_path = paths[p];
              g_assert_true (g_file_set_contents (buildings, "{\"type\":\"FeatureCollection\",\"features\":[]}",
                                                  -1, NULL));
              result = linli_import_geojson (buildings, &streets, NULL, &error);
            }
            break;
          default:
            g_assert_not_reached ();
          }
        g_assert_null (result);
        g_test_message ("reader %u, %s: %s", reader, paths[p], error ? error->message : "(none)");
        assert_message_names (error, paths[p], "not a regular file");
        g_assert_null (strstr (error->message, "mmap"));
      }
  remove_dir (dir);
}

/* Tests: writing */

/* A failed write names the target, never the temporary file, and leaves
 * nothing behind; a named pipe is written in place, not replaced. */
static void
test_write_errors (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *missing = g_build_filename (dir, "no", "such", "out.lp", NULL);
  g_autofree char *fifo = g_build_filename (dir, "pipe", NULL);
  g_autoptr (LinliProject) project = small_project ();
  g_autoptr (LinliPlanInstance) instance = linli_plan_instance_new_from_project (project, NULL, 500);
  g_autoptr (GError) error = NULL;
  LinliPlanOptions plan_opts;
  struct stat st;

  linli_plan_options_init (&plan_opts);
  plan_opts.k = 1;

  /* Into a folder that does not exist: the LP export, the generic writer
   * and a save all name out.lp, and no "out.lp.XXXXXX". */
  g_assert_false (linli_plan_write_lp (instance, &plan_opts, missing, &error));
  assert_message_names (error, missing, NULL);
  g_assert_null (strstr (error->message, "out.lp."));
  g_clear_error (&error);
  g_assert_false (linli_file_set_contents (missing, "x", 1, &error));
  assert_message_names (error, missing, NULL);
  g_assert_null (strstr (error->message, "out.lp."));
  g_clear_error (&error);
  g_assert_false (linli_format_save_file (project, missing, &error));
  g_assert_error (error, LINLI_FORMAT_ERROR, LINLI_FORMAT_ERROR_FAILED);
  assert_message_names (error, missing, NULL);
  g_clear_error (&error);

  /* A folder is not replaced. */
  g_assert_false (linli_file_set_contents (dir, "x", 1, &error));
  assert_message_names (error, dir, "folder");
  g_clear_error (&error);

  /* A pipe no one reads: refused at once, not waited on. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_false (linli_file_set_contents (fifo, "x", 1, &error));
  assert_message_names (error, fifo, NULL);
  g_clear_error (&error);

  /* A pipe with a reader gets the bytes and stays a pipe. */
  {
    int reader = g_open (fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
    char buffer[64] = { 0 };

    g_assert_cmpint (reader, >=, 0);
    g_assert_true (linli_file_set_contents (fifo, "through", 7, &error));
    g_assert_no_error (error);
    g_assert_cmpint (read (reader, buffer, sizeof buffer), ==, 7);
    g_assert_cmpstr (buffer, ==, "through");
    close (reader);
    g_assert_cmpint (g_stat (fifo, (GStatBuf *) &st), ==, 0);
    g_assert_true (S_ISFIFO (st.st_mode));
  }

  /* Devices take the same path as pipes; they are not written here, for a
   * writer that renamed over its target would replace them (as root).
   * check-tool-output.sh writes standard output to /dev/full. */

  /* Nothing was left in the folder but the pipe. */
  {
    g_autoptr (GPtrArray) names = dir_names (dir);

    g_assert_cmpuint (names->len, ==, 1);
    g_assert_true (names_contain (names, "pipe"));
  }
  remove_dir (dir);
}

/* The next save of a target removes the temporary files of its writers
 * that died; it keeps those of a live process, those locked by a live
 * writer elsewhere, those of other targets and files not named as ours. */
static void
test_stale_temporaries (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *target = g_build_filename (dir, "区.linli", NULL);
  g_autoptr (LinliProject) project = small_project ();
  g_autoptr (GError) error = NULL;
  pid_t dead1 = dead_pid (), dead2 = dead_pid ();
  pid_t live;
  g_autofree char *stale1 = g_strdup_printf (".区.linli.%d.AbC123", (int) dead1);
  g_autofree char *stale2 = g_strdup_printf (".区.linli.%d.zzzzzz", (int) dead2);
  g_autofree char *locked = g_strdup_printf (".区.linli.%d.L0cked", (int) dead1);
  g_autofree char *of_live = NULL;
  g_autofree char *other_target = g_strdup_printf (".其他.linli.%d.AbC123", (int) dead1);
  const char *not_ours[] = { ".区.linli.AbC123", ".区.linli.x12.AbC123", ".区.linli.12.AbC1234", "区.linli.12.AbC123" };
  g_autoptr (GPtrArray) names = NULL;
  int lock_fd, status = 0;

  /* A live writer: a child that waits to be killed. */
  live = fork ();
  g_assert_cmpint (live, >=, 0);
  if (live == 0)
    {
      /* Should the test fail first, it does not outlive it for long. */
      alarm (120);
      for (;;)
        pause ();
    }
  of_live = g_strdup_printf (".区.linli.%d.L1ve00", (int) live);

  {
    const char *all[] = { stale1, stale2, locked, of_live, other_target };

    for (guint i = 0; i < G_N_ELEMENTS (all); i++)
      {
        g_autofree char *path = g_build_filename (dir, all[i], NULL);
        touch (path);
      }
    for (guint i = 0; i < G_N_ELEMENTS (not_ours); i++)
      {
        g_autofree char *path = g_build_filename (dir, not_ours[i], NULL);
        touch (path);
      }
  }
  /* Held the way a writer on another machine holds its file. */
  {
    g_autofree char *path = g_build_filename (dir, locked, NULL);

    lock_fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
    g_assert_cmpint (lock_fd, >=, 0);
    g_assert_cmpint (flock (lock_fd, LOCK_EX | LOCK_NB), ==, 0);
  }

  g_assert_true (linli_format_save_file (project, target, &error));
  g_assert_no_error (error);

  names = dir_names (dir);
  g_assert_false (names_contain (names, stale1));
  g_assert_false (names_contain (names, stale2));
  g_assert_true (names_contain (names, locked));
  g_assert_true (names_contain (names, of_live));
  g_assert_true (names_contain (names, other_target));
  for (guint i = 0; i < G_N_ELEMENTS (not_ours); i++)
    g_assert_true (names_contain (names, not_ours[i]));
  g_assert_true (names_contain (names, "区.linli"));
  g_assert_cmpuint (names->len, ==, 4 + G_N_ELEMENTS (not_ours));

  /* Once the lock is let go and the live writer is gone, the next write
   * (the generic one) removes both. */
  close (lock_fd);
  g_assert_cmpint (kill (live, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (live, &status, 0), ==, live);
  g_assert_true (linli_file_set_contents (target, "x", 1, &error));
  g_assert_no_error (error);
  g_clear_pointer (&names, g_ptr_array_unref);
  names = dir_names (dir);
  g_assert_false (names_contain (names, locked));
  g_assert_false (names_contain (names, of_live));
  g_assert_cmpuint (names->len, ==, 2 + G_N_ELEMENTS (not_ours));

  remove_dir (dir);
}

/* A writer's own temporary file is named after it and locked while it
 * writes: the cleaning of another write of the target leaves it. */
static void
test_live_writer_kept (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *target = g_build_filename (dir, "t.linli", NULL);
  g_autoptr (GError) error = NULL;
  LinliFileWriter *writer = linli_file_writer_new (target, &error);
  g_autofree char *expected_prefix = g_strdup_printf ("%s/.t.linli.%d.", dir, (int) getpid ());
  g_autofree char *tmp = NULL;

  g_assert_no_error (error);
  tmp = g_strdup (linli_file_writer_get_temp_path (writer));
  g_assert_true (g_str_has_prefix (tmp, expected_prefix));
  g_assert_cmpuint (strlen (tmp), ==, strlen (expected_prefix) + 6);
  g_assert_true (linli_file_writer_write (writer, "abc", 3, &error));

  g_assert_cmpuint (linli_file_remove_stale_temporaries (target), ==, 0);
  g_assert_true (g_file_test (tmp, G_FILE_TEST_EXISTS));
  g_assert_true (linli_file_set_contents (target, "other", 5, &error));
  g_assert_true (g_file_test (tmp, G_FILE_TEST_EXISTS));

  g_assert_true (linli_file_writer_commit (writer, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "abc");
  }
  remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file/check-regular", test_check_regular);
  g_test_add_func ("/file/readers-refuse", test_readers_refuse);
  g_test_add_func ("/file/write-errors", test_write_errors);
  g_test_add_func ("/file/stale-temporaries", test_stale_temporaries);
  g_test_add_func ("/file/live-writer-kept", test_live_writer_kept);
  return g_test_run ();
}
