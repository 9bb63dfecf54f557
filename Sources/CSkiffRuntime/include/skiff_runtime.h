#ifndef SKIFF_RUNTIME_H
#define SKIFF_RUNTIME_H
/* Container process creation: code that runs between clone() and execve(). */
int skiff_runtime_abi_version(void);
#endif
