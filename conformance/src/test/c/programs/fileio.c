/*
 * File I/O for the real-program tests, inside the directory given as argv[1]: create and
 * write, read back, lseek, pread/pwrite, fstat/stat, rename, directory listing through
 * opendir/readdir (getdents64), mkdir/rmdir, unlink and errno of failing calls. Paths are
 * printed relative to the directory so native and emulated runs print the same.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int compare_strings(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_directory(const char *path) {
    DIR *dir = opendir(path);
    if (dir == NULL) { printf("opendir failed errno=%d\n", errno); return; }
    char *names[256];
    size_t count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL && count < 256) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
        names[count++] = strdup(entry->d_name);
    }
    closedir(dir);
    qsort(names, count, sizeof *names, compare_strings);
    printf("listing (%zu):", count);
    for (size_t i = 0; i < count; i++) { printf(" %s", names[i]); free(names[i]); }
    printf("\n");
}

static void describe(const char *label, const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) { printf("%s: stat errno=%d\n", label, errno); return; }
    /* a directory's st_size depends on the file system, so only files report it */
    printf("%s: size=%lld regular=%d dir=%d perm=%03o\n", label, S_ISREG(st.st_mode) ? (long long)st.st_size : -1,
           S_ISREG(st.st_mode) != 0, S_ISDIR(st.st_mode) != 0, (unsigned)(st.st_mode & 0777));
}

int main(int argc, char **argv) {
    if (argc < 2 || chdir(argv[1]) != 0) { fprintf(stderr, "usage: fileio DIR\n"); return 2; }
    umask(022);
    int fd = open("data.bin", O_CREAT | O_TRUNC | O_WRONLY, 0644);
    unsigned char block[3000];
    for (size_t i = 0; i < sizeof block; i++) block[i] = (unsigned char)(i * 13 + 1);
    long written = 0;
    for (int k = 0; k < 20; k++) written += write(fd, block, sizeof block);
    close(fd);
    printf("written=%ld\n", written);
    describe("data.bin", "data.bin");

    fd = open("data.bin", O_RDWR);
    unsigned char back[4096];
    unsigned long sum = 0;
    long total = 0, n;
    while ((n = read(fd, back, sizeof back)) > 0) {
        for (long i = 0; i < n; i++) sum = sum * 33 + back[i];
        total += n;
    }
    printf("read total=%ld sum=%lu eof-read=%ld\n", total, sum, n);
    long long end = lseek(fd, 0, SEEK_END);
    long long set = lseek(fd, 123, SEEK_SET);
    printf("lseek end=%lld set=%lld\n", end, set);
    n = read(fd, back, 5);
    printf("after seek: %ld bytes %02x %02x\n", n, back[0], back[4]);
    pwrite(fd, "HELLO", 5, 1000);
    memset(back, 0, 8);
    n = pread(fd, back, 7, 999);
    printf("pread=%ld [%.5s] around=%02x %02x\n", n, (char *)back + 1, back[0], back[6]);
    struct stat st;
    fstat(fd, &st);
    printf("fstat size=%lld\n", (long long)st.st_size);
    ftruncate(fd, 4000);
    fstat(fd, &st);
    printf("after ftruncate size=%lld\n", (long long)st.st_size);
    close(fd);

    FILE *text = fopen("notes.txt", "w");
    for (int i = 0; i < 100; i++) fprintf(text, "line %d: %d\n", i, i * i);
    fclose(text);
    text = fopen("notes.txt", "r");
    char line[64];
    int lines = 0;
    long squares = 0;
    while (fgets(line, sizeof line, text) != NULL) {
        int a, b;
        if (sscanf(line, "line %d: %d", &a, &b) == 2) { lines++; squares += b; }
    }
    fclose(text);
    printf("notes: lines=%d squares=%ld\n", lines, squares);

    mkdir("sub", 0755);
    describe("sub", "sub");
    for (int i = 0; i < 12; i++) {
        char name[32];
        snprintf(name, sizeof name, "sub/f%02d", i);
        int f = open(name, O_CREAT | O_WRONLY, 0600);
        write(f, name, strlen(name));
        close(f);
    }
    list_directory("sub");
    printf("rename=%d\n", rename("data.bin", "sub/moved.bin"));
    describe("data.bin", "data.bin");
    describe("moved", "sub/moved.bin");
    list_directory(".");
    int result = rmdir("sub");
    printf("rmdir non-empty=%d errno=%d\n", result, errno);
    result = open("missing/none", O_RDONLY);
    printf("open missing=%d errno=%d\n", result, errno);
    for (int i = 0; i < 12; i += 1) {
        char name[32];
        snprintf(name, sizeof name, "sub/f%02d", i);
        if (i % 3 != 0) unlink(name);
    }
    list_directory("sub");
    unlink("sub/moved.bin");
    for (int i = 0; i < 12; i += 3) {
        char name[32];
        snprintf(name, sizeof name, "sub/f%02d", i);
        unlink(name);
    }
    printf("rmdir empty=%d\n", rmdir("sub"));
    unlink("notes.txt");
    list_directory(".");
    char cwd[4096];
    printf("getcwd ok=%d\n", getcwd(cwd, sizeof cwd) != NULL);
    return 0;
}
