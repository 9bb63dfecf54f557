/*
 * Skiff's pod sandbox process. It holds the pod's network, IPC and UTS namespaces for the
 * pod's lifetime, reaps zombies when it is the pid namespace's init (shareProcessNamespace),
 * and exits on SIGTERM, SIGINT or SIGHUP. Built static and small by hack/mkrootfs.sh.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t stop_signal;

static void on_stop(int sig) { stop_signal = sig; }

static void on_child(int sig) {
    (void)sig;
    int saved = errno;
    while (waitpid(-1, NULL, WNOHANG) > 0) {
    }
    errno = saved;
}

static void install(int sig, void (*handler)(int)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = (sig == SIGCHLD) ? (SA_NOCLDSTOP | SA_RESTART) : 0;
    sigaction(sig, &sa, NULL);
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "-v") == 0) {
        static const char version[] = "skiff-pause 1\n";
        (void)!write(1, version, sizeof version - 1);
        return 0;
    }
    if (getpid() != 1) {
        static const char warn[] = "skiff-pause: not pid 1; zombies of this namespace are reaped by its init\n";
        (void)!write(2, warn, sizeof warn - 1);
    }
    install(SIGTERM, on_stop);
    install(SIGINT, on_stop);
    install(SIGHUP, on_stop);
    install(SIGCHLD, on_child);
    while (!stop_signal)
        pause();
    return 0;
}
