/* fork, pipe, dup2, execve-free child, wait4 status, and a SIGCHLD handler that returns normally. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int chld;

static void on_chld(int sig) {
    (void) sig;
    chld++;
}

int main(void) {
    signal(SIGCHLD, on_chld);
    int fds[2];
    if (pipe(fds) != 0) {
        return 10;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        const char *msg = "through the pipe";
        write(fds[1], msg, strlen(msg));
        _exit(42);
    }
    close(fds[1]);
    char buf[64];
    ssize_t n, total = 0;
    while ((n = read(fds[0], buf + total, sizeof buf - 1 - total)) > 0) {
        total += n;
    }
    buf[total] = 0;
    int status;
    pid_t w = waitpid(pid, &status, 0);
    printf("%s; child %s exited %d; sigchld %d\n", buf, w == pid ? "reaped" : "lost",
           WIFEXITED(status) ? WEXITSTATUS(status) : -1, chld);
    return 0;
}
