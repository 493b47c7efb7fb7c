/* rusage CMD [ARGS...]: runs CMD with its stdout to /dev/null, then prints on stdout
 * "WALL_S CPU_S MAXRSS_KIB": wall seconds, user+sys seconds and peak RSS of CMD.
 *
 * Why not /usr/bin/time: GNU time prints CPU seconds to two decimals, too coarse for a listing
 * that takes a few hundredths. Why not Python's os.wait4: Linux keeps a process's peak RSS
 * across exec, so a child forked from a 13 MiB Python reports at least 13 MiB. This wrapper is
 * small, so the peak it reports is CMD's own (as with time's %M), to the microsecond of CPU.
 * Built by benches/listing.sh with the system C compiler (the one Rust links with). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: rusage CMD [ARGS...]\n");
        return 2;
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null < 0 || dup2(null, 1) < 0) {
            perror("/dev/null");
            _exit(127);
        }
        execvp(argv[1], argv + 1);
        perror(argv[1]);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) {
        perror("wait4");
        return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    double wall = (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9;
    double cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
                 ru.ru_stime.tv_usec / 1e6;
    printf("%.4f %.4f %ld\n", wall, cpu, ru.ru_maxrss);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "rusage: %s failed (status %d)\n", argv[1], status);
        return 1;
    }
    return 0;
}
