#include "CFuzzDriver.h"
#include <stdio.h>
#include <stdlib.h>

static int (*newsfiltersFuzzCallback)(const uint8_t *Data, size_t Size) = NULL;

void newsfiltersSetFuzzCallback(int (*callback)(const uint8_t *Data, size_t Size)) {
    newsfiltersFuzzCallback = callback;
}

/* libFuzzer's own main (linked in by -sanitize=fuzzer) names this symbol even
   though SwiftPM points `main` at the Swift @main, which runs the fuzzer with
   LLVMFuzzerRunDriver. Should libFuzzer's main ever run instead, it still
   reaches the Swift function, or says why not. */
int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
    if (newsfiltersFuzzCallback == NULL) {
        fputs("fuzz target: no callback registered (was the Swift main skipped?)\n", stderr);
        abort();
    }
    return newsfiltersFuzzCallback(Data, Size);
}
