/* Writes "y" lines to stdout until a write fails; exits 3 if one does (it should not: a write to
 * a pipe with no reader raises SIGPIPE, whose default action kills the program first). */
#include <unistd.h>

int main(void) {
    for (;;) {
        if (write(1, "y\n", 2) < 0) {
            return 3;
        }
    }
}
