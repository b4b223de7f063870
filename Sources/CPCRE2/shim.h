#ifndef NEWSFILTERS_CPCRE2_SHIM_H
#define NEWSFILTERS_CPCRE2_SHIM_H
// The 8-bit code unit width: patterns and subjects are UTF-8 bytes.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#endif
