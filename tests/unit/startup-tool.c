/*
 * startup-tool - how long a program takes to start, for the benchmark:
 * runs a command as a shell would (fork, exec), standard input from a
 * file or /dev/null, standard output and error to /dev/null, several
 * times, and prints the median wall time and the median CPU time (user
 * and system, of the command alone) of the runs, in milliseconds:
 *
 *	$ startup-tool -n 50 /bin/true
 *	3.92 0.61
 *
 * A run that fails (a non-zero exit status, a signal) is an error, so
 * that a quick failure is never taken for a quick start.
 */
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "cbcc.h"

/* The usage line, exit 2. */
static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: startup-tool [-n runs] [-i file] command "
	    "[arg ...]\n");
	exit(EXIT_USAGE);
}

/* Order doubles for qsort. */
static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median of the n values in v (sorted in place). */
static double
median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Seconds between two readings of the monotonic clock. */
static double
elapsed(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	    (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/*
 * Run argv once, standard input from fd in (read from its start),
 * output to fd null; sets *wall and *cpu (seconds).  Exits with a
 * message if it cannot be run or fails.
 */
static void
run1(char *const argv[], int in, int null, double *wall, double *cpu)
{
	struct timespec t0, t1;
	struct rusage ru;
	pid_t pid;
	int st;

	if (lseek(in, 0, SEEK_SET) == -1 && errno != ESPIPE)
		cbcc_err(1, "standard input of %s", argv[0]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) == -1)
		cbcc_err(1, "fork");
	if (pid == 0) {
		if (dup2(in, 0) == -1 || dup2(null, 1) == -1 ||
		    dup2(null, 2) == -1)
			_exit(126);
		execvp(argv[0], argv);
		_exit(127);
	}
	while (wait4(pid, &st, 0, &ru) == -1)
		if (errno != EINTR)
			cbcc_err(1, "wait4");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (WIFSIGNALED(st))
		cbcc_errx(1, "%s: killed by signal %d", argv[0],
		    WTERMSIG(st));
	if (WEXITSTATUS(st) == 127)
		cbcc_errx(1, "%s: cannot be run (exit status 127)", argv[0]);
	if (WEXITSTATUS(st) != 0)
		cbcc_errx(1, "%s: exit status %d", argv[0], WEXITSTATUS(st));
	*wall = elapsed(&t0, &t1);
	*cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

int
main(int argc, char *argv[])
{
	const char *in = "/dev/null", *errstr;
	double *wall, *cpu;
	size_t i, runs = 50;
	int c, fd, null;

	cbcc_init("startup-tool");
	while ((c = getopt(argc, argv, "+i:n:")) != -1)
		switch (c) {
		case 'i':
			in = optarg;
			break;
		case 'n':
			runs = (size_t)cbcc_strtonum(optarg, 1, 100000, &errstr);
			if (errstr != NULL) {
				cbcc_warnx("-n %s: %s", optarg, errstr);
				usage();
			}
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		usage();
	if ((fd = open(in, O_RDONLY | O_CLOEXEC)) == -1)
		cbcc_err(1, "%s", in);
	if ((null = open("/dev/null", O_WRONLY | O_CLOEXEC)) == -1)
		cbcc_err(1, "/dev/null");
	wall = xcalloc(runs, sizeof(*wall));
	cpu = xcalloc(runs, sizeof(*cpu));
	for (i = 0; i < runs; i++)
		run1(argv, fd, null, &wall[i], &cpu[i]);
	printf("%.2f %.2f\n", median(wall, runs) * 1e3,
	    median(cpu, runs) * 1e3);
	free(wall);
	free(cpu);
	return cbcc_exit();
}
