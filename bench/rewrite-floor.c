/*
 * rewrite-floor: the least any tool that rewrites a tree of files (a de-identifier, a DICOM read + write) must do per
 * file, with no DICOM logic at all.
 * For every regular file under SOURCE (a generated series: a small header, then the pixel data), in THREADS threads:
 *
 *   open the source; read its first HEADER bytes (where a de-identifier finds and edits the attributes);
 *   create the mirrored folder under DESTINATION when it is new; create a temporary file there;
 *   write the header bytes (unchanged: the edits themselves cost nothing here);
 *   copy the rest of the file with copy_file_range(2) (the kernel copy `cp` uses; no user-space buffer);
 *   close; rename the temporary file to its final name.
 *
 * Nothing is parsed, hashed, checked or encrypted, so no real rewriting tool can be faster on the same machine and
 * file system. Prints "THREADS threads FILES files BYTES bytes SECONDS s" (wall time of the whole run, process start
 * included). Usage: rewrite-floor SOURCE DESTINATION [THREADS=2] [HEADER=4096]
 * Linux only (copy_file_range). Build: gcc -O2 -pthread -o rewrite-floor rewrite-floor.c
 *
 * Built with -DSEALED (and -lcrypto: OpenSSL's SHA-256, which uses the CPU's SHA instructions where it has them, as .NET's
 * SHA256 does on Linux) it is the floor of a tool that must also digest every byte it writes, as Protect's seal does
 * (SHA-256 of the file after the 128-byte preamble, the seal written into the preamble last): the rest of each file is
 * read into a 128 KiB buffer, written from it and hashed, instead of copied in the kernel, and 32 bytes of digest are
 * written at offset 0 at the end. Build: gcc -O2 -pthread -DSEALED -o sealed-floor rewrite-floor.c -lcrypto
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef SEALED
#include <openssl/evp.h>
#define SEALED_CHUNK (128 * 1024)
#endif

static char **paths;
static size_t count, capacity, source_length;
static const char *destination;
static size_t header_bytes = 4096;
static atomic_size_t next_index;
static atomic_llong total_bytes;

static void die(const char *what, const char *path)
{
    fprintf(stderr, "rewrite-floor: %s %s: %s\n", what, path ? path : "", strerror(errno));
    exit(1);
}

static int collect(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st; (void)ftw;
    if (type != FTW_F) return 0;
    if (count == capacity) {
        capacity = capacity ? capacity * 2 : 4096;
        paths = realloc(paths, capacity * sizeof *paths);
        if (!paths) die("realloc", NULL);
    }
    paths[count++] = strdup(path);
    return 0;
}

static void make_parents(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(path, 0755) != 0 && errno != EEXIST) die("mkdir", path);
        *p = '/';
    }
}

static void copy_one(const char *source, char *buffer)
{
    char target[4096], temporary[4200];
    snprintf(target, sizeof target, "%s/%s", destination, source + source_length + 1);
    snprintf(temporary, sizeof temporary, "%s.tmp%lu", target, (unsigned long)pthread_self());

    int in = open(source, O_RDONLY | O_CLOEXEC);
    if (in < 0) die("open", source);
    ssize_t got = read(in, buffer, header_bytes);
    if (got < 0) die("read", source);

    int out = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (out < 0 && errno == ENOENT) {
        make_parents(temporary);
        out = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    }
    if (out < 0) die("create", temporary);
    for (ssize_t done = 0; done < got;) {
        ssize_t w = write(out, buffer + done, got - done);
        if (w < 0) { if (errno == EINTR) continue; die("write", temporary); }
        done += w;
    }
    long long copied = got;
#ifdef SEALED
    EVP_MD_CTX *sha = EVP_MD_CTX_new();
    if (!sha || EVP_DigestInit_ex(sha, EVP_sha256(), NULL) != 1) die("EVP_DigestInit_ex", NULL);
    if (got > 128) EVP_DigestUpdate(sha, buffer + 128, (size_t)got - 128);
    char *chunk = buffer + header_bytes;
    for (;;) {
        ssize_t n = read(in, chunk, SEALED_CHUNK);
        if (n < 0) { if (errno == EINTR) continue; die("read", source); }
        if (n == 0) break;
        for (ssize_t done = 0; done < n;) {
            ssize_t w = write(out, chunk + done, (size_t)(n - done));
            if (w < 0) { if (errno == EINTR) continue; die("write", temporary); }
            done += w;
        }
        EVP_DigestUpdate(sha, chunk, (size_t)n);
        copied += n;
    }
    unsigned char digest[32];
    EVP_DigestFinal_ex(sha, digest, NULL);
    EVP_MD_CTX_free(sha);
    if (pwrite(out, digest, sizeof digest, 0) != (ssize_t)sizeof digest) die("pwrite", temporary);
#else
    for (;;) {
        ssize_t n = copy_file_range(in, NULL, out, NULL, 1 << 30, 0);
        if (n < 0) { if (errno == EINTR) continue; die("copy_file_range", temporary); }
        if (n == 0) break;
        copied += n;
    }
#endif
    if (close(out) != 0) die("close", temporary);
    close(in);
    if (rename(temporary, target) != 0) die("rename", target);
    atomic_fetch_add(&total_bytes, copied);
}

static void *worker(void *unused)
{
    (void)unused;
#ifdef SEALED
    char *buffer = malloc(header_bytes + SEALED_CHUNK);
#else
    char *buffer = malloc(header_bytes);
#endif
    if (!buffer) die("malloc", NULL);
    for (;;) {
        size_t i = atomic_fetch_add(&next_index, 1);
        if (i >= count) break;
        copy_one(paths[i], buffer);
    }
    free(buffer);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: rewrite-floor SOURCE DESTINATION [THREADS=2] [HEADER=4096]\n");
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    const char *source = argv[1];
    destination = argv[2];
    int threads = argc > 3 ? atoi(argv[3]) : 2;
    if (argc > 4) header_bytes = (size_t)atol(argv[4]);
    if (threads < 1 || header_bytes < 1) { fprintf(stderr, "rewrite-floor: THREADS and HEADER must be positive\n"); return 2; }
    source_length = strlen(source);
    while (source_length > 1 && source[source_length - 1] == '/') source_length--;
    if (nftw(source, collect, 64, FTW_PHYS) != 0) die("walk", source);
    if (mkdir(destination, 0755) != 0 && errno != EEXIST) die("mkdir", destination);

    pthread_t *pool = calloc((size_t)threads, sizeof *pool);
    for (int t = 0; t < threads; t++)
        if (pthread_create(&pool[t], NULL, worker, NULL) != 0) die("pthread_create", NULL);
    for (int t = 0; t < threads; t++) pthread_join(pool[t], NULL);

    clock_gettime(CLOCK_MONOTONIC, &t1);
    double seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("%d threads %zu files %lld bytes %.3f s\n", threads, count, (long long)atomic_load(&total_bytes), seconds);
    return 0;
}
