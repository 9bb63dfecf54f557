#ifndef SKIFF_LIBS_H
#define SKIFF_LIBS_H
/* libseccomp and libcap, used by the Swift side before cloning (never in the child). */
#include <seccomp.h>
#include <sys/capability.h>
#endif
