/* Gives back the executable's clean file-backed pages a daemon touched while starting. */
#define _GNU_SOURCE
#include "skiff_runtime.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

long skiff_trim_executable_pages(void) {
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return -1;
    exe[n] = 0;
    FILE *f = fopen("/proc/self/smaps", "re");
    if (!f) return -1;
    char line[PATH_MAX + 128];
    unsigned long start = 0, end = 0;
    int candidate = 0;
    long trimmed = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long s, e;
        char perms[5];
        if (sscanf(line, "%lx-%lx %4s", &s, &e, perms) == 3) {
            /* A mapping header. Only read-only private mappings of the executable: their pages
             * are the file's own, refetched from the page cache when touched again. */
            size_t len = strlen(line);
            if (len && line[len - 1] == '\n') line[--len] = 0;
            const char *path = strchr(line, '/');
            candidate = perms[1] == '-' && perms[3] == 'p' && path && strcmp(path, exe) == 0;
            start = s;
            end = e;
            continue;
        }
        if (candidate && strncmp(line, "Anonymous:", 10) == 0) {
            /* Never a range holding copied-on-write pages (relocations): dropping those would
             * lose the writes. */
            if (strtol(line + 10, NULL, 10) == 0) {
                /* Random access: a later fault maps its own page, not the 16 around it. */
                madvise((void *)start, end - start, MADV_RANDOM);
                if (madvise((void *)start, end - start, MADV_DONTNEED) == 0) trimmed += (long)(end - start);
            }
            candidate = 0;
        }
    }
    fclose(f);
    return trimmed;
}
