/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "linli-file"

#include "config.h"

#include "linli-file.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* Reading
 *
 * A path given by a person can name a folder, a device (/dev/zero never
 * ends), a named pipe (opening it for reading waits for a writer, for
 * ever) or a socket.  Every reader asks here first, without opening the
 * file, and says plainly what the path is.
 */

static gboolean
check_mode (const char  *path,
            mode_t       mode,
            GError     **error)
{
  g_autofree char *display = NULL;

  if (S_ISREG (mode))
    return TRUE;
  display = g_filename_display_name (path);
  if (S_ISDIR (mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("%s: a folder, not a file"), display);
  else if (S_ISCHR (mode) || S_ISBLK (mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 _("%s: not a regular file but a device"), display);
  else if (S_ISFIFO (mode))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 _("%s: not a regular file but a named pipe"), display);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, _("%s: not a regular file"), display);
  return FALSE;
}

static void
set_errno_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", display,
               g_strerror (saved_errno));
}

/**
 * linli_file_check_regular:
 * @path: a file to read
 * @error: return location for an error naming @path
 *
 * Checks, without opening it, that @path is a regular file (after
 * symbolic links).  Readers call this before they open a path, so that a
 * folder, a device or a named pipe is refused with "FILE: not a regular
 * file" instead of an error of mmap() or a read that never returns.
 *
 * Returns: %TRUE if @path is a regular file; otherwise %FALSE with @error
 *   set in the %G_IO_ERROR domain (%G_IO_ERROR_NOT_REGULAR_FILE,
 *   %G_IO_ERROR_IS_DIRECTORY, %G_IO_ERROR_NOT_FOUND…)
 */
gboolean
linli_file_check_regular (const char  *path,
                          GError     **error)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_stat (path, &st) != 0)
    {
      set_errno_error (error, path, errno);
      return FALSE;
    }
  return check_mode (path, st.st_mode, error);
}

/**
 * linli_file_map:
 * @path: a file to read
 * @error: return location for an error naming @path
 *
 * Maps @path read-only, refusing anything but a regular file as
 * linli_file_check_regular() does.  The file is opened without blocking
 * and checked on the open descriptor, so a named pipe swapped in after a
 * check cannot make the reader wait.
 *
 * Returns: (transfer full) (nullable): the mapping, or %NULL with @error
 *   set in the %G_IO_ERROR domain
 */
GMappedFile *
linli_file_map (const char  *path,
                GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  GMappedFile *mapped;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_errno_error (error, path, errno);
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;

      close (fd);
      set_errno_error (error, path, saved);
      return NULL;
    }
  if (!check_mode (path, st.st_mode, error))
    {
      close (fd);
      return NULL;
    }
  mapped = g_mapped_file_new_from_fd (fd, FALSE, &local_error);
  close (fd);
  if (mapped == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: could not be read: %s"), display,
                   local_error->message);
    }
  return mapped;
}

/* Writing
 *
 * A file is written to a temporary file beside it, which is flushed to
 * disk and renamed over it, so a crash leaves the old file or the new one.
 * A process killed while writing cannot remove its temporary file, so the
 * name carries the writer's process id (".NAME.<pid>.XXXXXX") and the
 * writer holds a lock on it; the next write of the same target removes the
 * temporary files whose writer is gone: process dead and lock free.  A
 * live writer, here or on another machine sharing the folder, keeps its
 * lock and so its file.
 *
 * A target that exists and is not a regular file (a device such as
 * /dev/stdout, a named pipe) is written to directly: renaming over it
 * would replace the device.
 */

struct _LinliFileWriter
{
  char     *path;
  char     *tmp;   /* NULL when writing straight into the target */
  int       fd;
};

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("Could not write “%s”: %s"),
               display, g_strerror (saved_errno));
}

static gboolean
process_is_alive (gint64 pid)
{
  if (pid <= 0 || pid > G_MAXINT)
    return FALSE;
  return kill ((pid_t) pid, 0) == 0 || errno == EPERM;
}

/* Parses "<pid>.XXXXXX" after the ".NAME." prefix; 0 if it is not that. */
static gint64
temp_owner (const char *rest)
{
  const char *dot = strchr (rest, '.');
  guint64 pid;

  if (dot == NULL || dot == rest || strlen (dot + 1) != 6)
    return 0;
  for (const char *p = rest; p < dot; p++)
    if (!g_ascii_isdigit (*p))
      return 0;
  for (const char *p = dot + 1; *p; p++)
    if (!g_ascii_isalnum (*p))
      return 0;
  pid = g_ascii_strtoull (rest, NULL, 10);
  return pid > G_MAXINT ? 0 : (gint64) pid;
}

/* Removes @tmp if no one writes it: its owner dead, its lock free, and it
 * is a file of ours. */
static gboolean
remove_if_stale (const char *tmp,
                 gint64      owner)
{
  struct stat st, again;
  gboolean removed = FALSE;
  int fd;

  if (process_is_alive (owner))
    return FALSE;
  fd = g_open (tmp, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == geteuid () &&
      flock (fd, LOCK_EX | LOCK_NB) == 0 &&
      /* Still the same file under that name. */
      lstat (tmp, &again) == 0 && again.st_dev == st.st_dev && again.st_ino == st.st_ino)
    removed = g_unlink (tmp) == 0;
  close (fd);
  return removed;
}

/**
 * linli_file_remove_stale_temporaries:
 * @path: the target of a save
 *
 * Removes the temporary files that writes of @path by processes that have
 * died left beside it.  Temporary files of live writers stay.
 *
 * Returns: how many were removed
 */
guint
linli_file_remove_stale_temporaries (const char *path)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr (GDir) d = NULL;
  const char *name;
  guint removed = 0;

  g_return_val_if_fail (path != NULL, 0);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  prefix = g_strdup_printf (".%s.", base);
  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *tmp = NULL;
      gint64 owner;

      if (!g_str_has_prefix (name, prefix))
        continue;
      owner = temp_owner (name + strlen (prefix));
      if (owner == 0)
        continue;
      tmp = g_build_filename (dir, name, NULL);
      if (remove_if_stale (tmp, owner))
        removed++;
    }
  return removed;
}

/**
 * linli_file_writer_new:
 * @path: the file to write
 * @error: return location for an error naming @path
 *
 * Starts writing @path: see linli_file_writer_write(), then
 * linli_file_writer_commit() or linli_file_writer_abort().  Temporary
 * files that killed writes of @path left behind are removed first.
 *
 * Returns: (transfer full) (nullable): the writer, or %NULL with @error set
 *   in the %G_IO_ERROR domain
 */
LinliFileWriter *
linli_file_writer_new (const char  *path,
                       GError     **error)
{
  LinliFileWriter *self;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  GStatBuf st;
  gboolean exists;

  g_return_val_if_fail (path != NULL, NULL);

  exists = g_stat (path, &st) == 0;
  if (exists && S_ISDIR (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("Could not write “%s”: it is a folder"), display);
      return NULL;
    }

  self = g_new0 (LinliFileWriter, 1);
  self->path = g_strdup (path);
  if (exists && !S_ISREG (st.st_mode))
    {
      /* Without O_NONBLOCK a named pipe no one reads would block here. */
      self->fd = g_open (path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
      if (self->fd < 0)
        {
          int saved = errno;
          g_autofree char *display = g_filename_display_name (path);

          if (saved == ENXIO)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                         _("Could not write “%s”: no program reads from this pipe"), display);
          else
            set_write_error (error, path, saved);
          linli_file_writer_abort (self);
          return NULL;
        }
      fcntl (self->fd, F_SETFL, fcntl (self->fd, F_GETFL) & ~O_NONBLOCK);
      return self;
    }

  linli_file_remove_stale_temporaries (path);
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  self->tmp = g_strdup_printf ("%s%c.%s.%d.XXXXXX", dir, G_DIR_SEPARATOR, base, (int) getpid ());
  self->fd = g_mkstemp_full (self->tmp, O_WRONLY | O_CLOEXEC, 0644);
  if (self->fd < 0)
    {
      set_write_error (error, path, errno);
      g_clear_pointer (&self->tmp, g_free);
      linli_file_writer_abort (self);
      return NULL;
    }
  /* Held until the file is closed: see linli_file_remove_stale_temporaries(). */
  flock (self->fd, LOCK_EX | LOCK_NB);
  if (exists)
    fchmod (self->fd, st.st_mode & 07777);
  return self;
}

/**
 * linli_file_writer_get_temp_path:
 *
 * Returns: (nullable): the temporary file being written, or %NULL when the
 *   target is written directly
 */
const char *
linli_file_writer_get_temp_path (LinliFileWriter *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->tmp;
}

/**
 * linli_file_writer_write:
 * @error: return location for an error naming the target
 *
 * Writes all of @data.  After a failure, call linli_file_writer_abort().
 *
 * Returns: %TRUE on success
 */
gboolean
linli_file_writer_write (LinliFileWriter  *self,
                         const void       *data,
                         gsize             length,
                         GError          **error)
{
  gsize done = 0;

  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  while (done < length)
    {
      gssize n = write (self->fd, (const char *) data + done, MIN (length - done, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          set_write_error (error, self->path, n < 0 ? errno : ENOSPC);
          return FALSE;
        }
      done += (gsize) n;
    }
  return TRUE;
}

/**
 * linli_file_writer_commit:
 * @self: (transfer full): the writer, freed
 * @error: return location for an error naming the target
 *
 * Flushes the file to disk and puts it in place of the target.  On failure
 * the target is left as it was and the temporary file is removed.
 *
 * Returns: %TRUE on success
 */
gboolean
linli_file_writer_commit (LinliFileWriter  *self,
                          GError          **error)
{
  g_autofree char *dir = NULL;
  int fd;

  g_return_val_if_fail (self != NULL && self->fd >= 0, FALSE);

  fd = self->fd;
  self->fd = -1;
  if (self->tmp == NULL)
    {
      if (close (fd) != 0 && errno != EINTR)
        {
          set_write_error (error, self->path, errno);
          linli_file_writer_abort (self);
          return FALSE;
        }
      linli_file_writer_abort (self);
      return TRUE;
    }

  if (fsync (fd) != 0)
    {
      int saved = errno;

      close (fd);
      set_write_error (error, self->path, saved);
      linli_file_writer_abort (self);
      return FALSE;
    }
  if (close (fd) != 0 && errno != EINTR)
    {
      set_write_error (error, self->path, errno);
      linli_file_writer_abort (self);
      return FALSE;
    }
  if (g_rename (self->tmp, self->path) != 0)
    {
      set_write_error (error, self->path, errno);
      linli_file_writer_abort (self);
      return FALSE;
    }
  g_clear_pointer (&self->tmp, g_free);

  /* The rename itself must reach the disk too. */
  dir = g_path_get_dirname (self->path);
  fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  linli_file_writer_abort (self);
  return TRUE;
}

/**
 * linli_file_writer_abort:
 * @self: (transfer full): the writer, freed
 *
 * Gives up: the temporary file is removed and the target stays as it was.
 */
void
linli_file_writer_abort (LinliFileWriter *self)
{
  if (self == NULL)
    return;
  if (self->fd >= 0)
    close (self->fd);
  if (self->tmp != NULL)
    g_unlink (self->tmp);
  g_free (self->tmp);
  g_free (self->path);
  g_free (self);
}

/**
 * linli_file_set_contents:
 * @path: the file to write
 * @error: return location for an error naming @path (never the temporary
 *   file)
 *
 * Writes @data to @path atomically with a #LinliFileWriter.
 *
 * Returns: %TRUE on success
 */
gboolean
linli_file_set_contents (const char  *path,
                         const void  *data,
                         gsize        length,
                         GError     **error)
{
  LinliFileWriter *writer = linli_file_writer_new (path, error);

  if (writer == NULL)
    return FALSE;
  if (!linli_file_writer_write (writer, data, length, error))
    {
      linli_file_writer_abort (writer);
      return FALSE;
    }
  return linli_file_writer_commit (writer, error);
}
