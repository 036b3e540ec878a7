// The system zlib (Debian's zlib1g-dev), for inflating the parts of a workbook with
// every size checked by Indsats' own reader (IndsatsExchange/ZipParts.swift).
#ifndef indsats_zlib_shim_h
#define indsats_zlib_shim_h
#include <zlib.h>
#endif
