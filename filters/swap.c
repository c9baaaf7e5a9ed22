/*
 * cbcc-swap - put a directory in the place of another in one step, for
 * cbcc-indicators: a reader of its products never finds them missing or
 * half replaced.  See cbcc-swap(1).
 *
 * "cbcc-swap new dir": afterwards dir names what new named, and new names
 * the previous dir, for the caller to remove.  The two names are exchanged
 * by renameat2(RENAME_EXCHANGE), one atomic step; a dir that does not exist
 * yet is created by renaming new.  The files of new are on disk before the
 * exchange and the exchange is on disk after it, so that a power cut too
 * leaves dir whole, old or new.
 *
 * A file system that cannot exchange two names (NFS, before Linux 3.15)
 * gets three renames and a warning: dir -> new.old, new -> dir, new.old ->
 * new.  Between the first two dir is missing; cbcc-indicators restores it
 * from new.old after a kill there.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cbcc.h"
#include "opt.h"

static const char *usage = "new dir";

/*
 * Check that path names a directory, not a symbolic link to one; returns 1
 * if it does, 0 if nothing has that name, and stops otherwise.
 */
static int
isdir(const char *path)
{
	struct stat sb;

	if (lstat(path, &sb) == -1) {
		if (errno == ENOENT)
			return 0;
		cbcc_err(EXIT_DATA, "%s", path);
	}
	if (S_ISLNK(sb.st_mode))
		cbcc_errx(EXIT_DATA, "%s: a symbolic link; give the directory "
		    "it points to", path);
	if (!S_ISDIR(sb.st_mode))
		cbcc_errx(EXIT_DATA, "%s: not a directory", path);
	return 1;
}

/* fsync the file or directory path; returns -1 with errno on failure. */
static int
syncpath(const char *path, int dirfd)
{
	int fd, e;

	if ((fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) ==
	    -1)
		return -1;
	if (fsync(fd) == -1) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return close(fd);
}

/* Put the files directly in directory path, and path itself, on disk. */
static void
syncdir(const char *path)
{
	struct dirent *e;
	struct stat sb;
	DIR *d;

	if ((d = opendir(path)) == NULL)
		cbcc_err(EXIT_DATA, "%s", path);
	while ((e = readdir(d)) != NULL)
		if (e->d_type == DT_REG || (e->d_type == DT_UNKNOWN &&
		    fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) ==
		    0 && S_ISREG(sb.st_mode)))
			if (syncpath(e->d_name, dirfd(d)) == -1)
				cbcc_err(EXIT_DATA, "%s/%s: cannot write it to "
				    "disk", path, e->d_name);
	closedir(d);
	if (syncpath(path, AT_FDCWD) == -1)
		cbcc_err(EXIT_DATA, "%s: cannot write it to disk", path);
}

/*
 * The directory holding path ("." for a bare name), on disk; a failure is
 * a warning only, the swap being done.
 */
static void
syncparent(const char *path)
{
	char *p = xstrdup(path), *s;

	if ((s = strrchr(p, '/')) == NULL)
		strcpy(p, ".");
	else
		s[s == p] = '\0';	/* "/dir" -> "/" */
	if (syncpath(p, AT_FDCWD) == -1)
		cbcc_warnx("%s: cannot write it to disk: %s", p,
		    strerror(errno));
	free(p);
}

/*
 * Swap by three renames where the file system cannot exchange: dir is
 * missing between the first two.  A failed second rename puts dir back.
 */
static void
renames(const char *new, const char *dir)
{
	struct buf old = { 0 };

	cbcc_warnx("%s: the file system cannot exchange two names: %s is "
	    "replaced by renames, missing for an instant", dir, dir);
	buf_printf(&old, "%s.old", new);
	if (rename(dir, old.p) == -1)
		cbcc_err(EXIT_DATA, "%s: cannot move it aside", dir);
	if (rename(new, dir) == -1) {
		cbcc_warnx("%s: cannot rename it to %s: %s", new, dir,
		    strerror(errno));
		if (rename(old.p, dir) == -1)
			cbcc_err(EXIT_DATA, "%s: cannot put it back from %s",
			    dir, old.p);
		exit(EXIT_DATA);
	}
	if (rename(old.p, new) == -1)
		cbcc_err(EXIT_DATA, "%s: cannot rename it to %s", old.p, new);
	buf_free(&old);
}

int
main(int argc, char *argv[])
{
	static struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	const char *new, *dir;
	int c;

	opt_init("cbcc-swap", usage);
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1)
		opt_common(c, optarg);
	argc -= optind;
	argv += optind;
	if (argc != 2)
		opt_usage();
	new = argv[0];
	dir = argv[1];

	if (!isdir(new))
		cbcc_errx(EXIT_DATA, "%s: No such file or directory", new);
	syncdir(new);
	if (!isdir(dir)) {
		if (renameat2(AT_FDCWD, new, AT_FDCWD, dir,
		    RENAME_NOREPLACE) == -1 && (errno != EINVAL ||
		    rename(new, dir) == -1))
			cbcc_err(EXIT_DATA, "%s: cannot rename it to %s", new,
			    dir);
	} else if (renameat2(AT_FDCWD, new, AT_FDCWD, dir,
	    RENAME_EXCHANGE) == -1) {
		if (errno != EINVAL && errno != ENOSYS)
			cbcc_err(EXIT_DATA, "cannot exchange %s and %s", new,
			    dir);
		renames(new, dir);
	}
	syncparent(dir);
	return cbcc_exit();
}
