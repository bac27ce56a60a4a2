/* Creates, writes, seeks, stats, lists and removes files in the directory given as argv[1]. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2 || chdir(argv[1]) != 0) {
        return 10;
    }
    int fd = open("data.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    write(fd, "0123456789", 10);
    close(fd);
    fd = open("data.txt", O_RDONLY);
    lseek(fd, 4, SEEK_SET);
    char buf[8] = {0};
    read(fd, buf, 3);
    struct stat st;
    fstat(fd, &st);
    close(fd);
    mkdir("sub", 0755);
    rename("data.txt", "sub/moved.txt");
    int entries = 0;
    DIR *d = opendir("sub");
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, "moved.txt") == 0) {
            entries++;
        }
    }
    closedir(d);
    char cwd[256];
    getcwd(cwd, sizeof cwd);
    printf("read %s size %ld regular %d found %d cwd-ok %d\n", buf, (long) st.st_size, S_ISREG(st.st_mode),
           entries, strcmp(cwd, argv[1]) == 0);
    unlink("sub/moved.txt");
    rmdir("sub");
    return access("sub", F_OK) == 0 ? 1 : 0;
}
