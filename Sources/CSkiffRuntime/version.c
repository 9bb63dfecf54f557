#include "skiff_runtime.h"
int skiff_runtime_abi_version(void) { return 1; }
