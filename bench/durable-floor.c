/*
 * durable-floor: the least a durable DICOM receiver must do per file, with no DICOM and no network.
 * Writes COUNT files of BYTES bytes into FOLDER the way the receiver writes them (a new temporary file written in
 * FRAGMENT-sized writes, like P-DATA fragments, then renamed to its final name) and makes each one durable with
 * METHOD before starting the next one (a sender with an asynchronous operations window of 1 waits for each answer):
 *
 *   nosync   write; close; rename                                     (nothing synced: what storescp does)
 *   single   write (sync_file_range(WRITE) every CHUNK bytes); sync_file_range(WAIT_BEFORE|WRITE|WAIT_AFTER);
 *            rename the open file; fsync(file); close                  (our SingleCommit)
 *   two      write (same hints); fdatasync(file); close; rename; fsync(folder)   (our SyncThenSyncFolder)
 *   dsync    open with O_DSYNC; write; rename the open file; fsync(file); close   (every write waits for the device)
 *
 * Prints "METHOD COUNT files BYTES bytes SECONDS s" (wall time of the loop). Usage:
 *   durable-floor FOLDER COUNT BYTES METHOD [CHUNK=1048576] [FRAGMENT=65524]
 * Linux only (sync_file_range). Build: gcc -O2 -o durable-floor durable-floor.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void die(const char *what, const char *path)
{
    fprintf(stderr, "durable-floor: %s %s: %s\n", what, path ? path : "", strerror(errno));
    exit(1);
}

static void write_all(int fd, const char *buf, size_t n, const char *path)
{
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            die("write", path);
        }
        buf += w;
        n -= (size_t)w;
    }
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: durable-floor FOLDER COUNT BYTES nosync|single|two|dsync [CHUNK] [FRAGMENT]\n");
        return 2;
    }
    const char *folder = argv[1];
    long count = atol(argv[2]);
    long bytes = atol(argv[3]);
    const char *method = argv[4];
    long chunk = argc > 5 ? atol(argv[5]) : 1048576;
    long fragment = argc > 6 ? atol(argv[6]) : 65524;      /* 64 KiB PDU less PDU and PDV headers */
    int nosync = !strcmp(method, "nosync"), single = !strcmp(method, "single"), two = !strcmp(method, "two"),
        dsync = !strcmp(method, "dsync");
    if (!(nosync || single || two || dsync) || count < 0 || bytes < 0 || fragment <= 0) {
        fprintf(stderr, "durable-floor: bad arguments\n");
        return 2;
    }

    char *buf = malloc((size_t)fragment);
    if (!buf) die("malloc", NULL);
    for (long i = 0; i < fragment; i++) buf[i] = (char)(i * 7 + (i >> 9));   /* not zeros: nothing to shortcut */

    int dirfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirfd < 0) die("open folder", folder);

    char temp[4096], final[4096];
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long f = 0; f < count; f++) {
        snprintf(temp, sizeof temp, "%s/.%08lx.partial", folder, f);
        snprintf(final, sizeof final, "%s/1.2.826.0.1.3680043.10.1.%ld.dcm", folder, f);
        int fd = open(temp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | (dsync ? O_DSYNC : 0), 0666);
        if (fd < 0) die("create", temp);
        long written = 0, hinted = 0;
        while (written < bytes) {
            long n = bytes - written < fragment ? bytes - written : fragment;
            write_all(fd, buf, (size_t)n, temp);
            written += n;
            if ((single || two) && chunk > 0 && written - hinted >= chunk) {
                sync_file_range(fd, hinted, written - hinted, SYNC_FILE_RANGE_WRITE);
                hinted = written;
            }
        }
        if (single) {
            if (sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER) != 0)
                die("sync_file_range", temp);
            if (rename(temp, final) != 0) die("rename", final);
            if (fsync(fd) != 0) die("fsync", final);
            close(fd);
        } else if (two) {
            if (fdatasync(fd) != 0) die("fdatasync", temp);
            close(fd);
            if (rename(temp, final) != 0) die("rename", final);
            if (fsync(dirfd) != 0) die("fsync folder", folder);
        } else if (dsync) {
            if (rename(temp, final) != 0) die("rename", final);
            if (fsync(fd) != 0) die("fsync", final);
            close(fd);
        } else {
            close(fd);
            if (rename(temp, final) != 0) die("rename", final);
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("%s %ld files %ld bytes %.3f s\n", method, count, bytes, s);
    close(dirfd);
    free(buf);
    return 0;
}
