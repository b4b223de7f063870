#ifndef CFUZZDRIVER_H
#define CFUZZDRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry for programs that have their own main (compiler-rt's
/// FuzzerInterface.h). The Swift targets call it from their @main.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));

/// Sets the test function LLVMFuzzerTestOneInput forwards to.
void newsfiltersSetFuzzCallback(int (*callback)(const uint8_t *Data, size_t Size));
#endif
