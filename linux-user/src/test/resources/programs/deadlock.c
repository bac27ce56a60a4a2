/* Reads from a pipe whose only writer it holds itself: no process can ever make progress. */
#include <unistd.h>

int main(void) {
    int fds[2];
    char c;
    pipe(fds);
    return (int) read(fds[0], &c, 1);
}
