/* Pseudo-terminals for execs with a tty. */
#define _GNU_SOURCE
#include "skiff_runtime.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

int skiff_open_pty(const char *pts_dir, int *master, int *slave) {
    char path[4096];
    if (snprintf(path, sizeof path, "%s/ptmx", pts_dir) >= (int)sizeof path) return -ENAMETOOLONG;
    int m = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m < 0) return -errno;
    int unlock = 0;
    unsigned int n = 0;
    if (ioctl(m, TIOCSPTLCK, &unlock) < 0 || ioctl(m, TIOCGPTN, &n) < 0) { int e = errno; close(m); return -e; }
    if (snprintf(path, sizeof path, "%s/%u", pts_dir, n) >= (int)sizeof path) { close(m); return -ENAMETOOLONG; }
    int s = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (s < 0) { int e = errno; close(m); return -e; }
    *master = m;
    *slave = s;
    return (int)n;
}

int skiff_set_winsize(int fd, unsigned short rows, unsigned short cols) {
    struct winsize ws = { .ws_row = rows, .ws_col = cols };
    return ioctl(fd, TIOCSWINSZ, &ws) < 0 ? -errno : 0;
}
