/* Force-included into quickjs.c. QuickJS rounds Number.prototype.toFixed,
   toExponential and toPrecision ties away from zero by printing under
   FE_DOWNWARD and FE_UPWARD. WebAssembly has a single rounding mode and
   wasi-libc has neither constant, so printing under a directed mode is done
   here in decimal instead. */
#ifndef EXTISM_TS_DTOA_ROUNDING_H
#define EXTISM_TS_DTOA_ROUNDING_H

#include <fenv.h>
#include <stdio.h>

#ifndef FE_DOWNWARD
#define FE_DOWNWARD 0x400
#endif
#ifndef FE_UPWARD
#define FE_UPWARD 0x800
#endif

int dtoa_set_rounding(int mode);
int dtoa_snprintf(char *buffer, size_t size, const char *format, ...);

#define fesetround dtoa_set_rounding
#define snprintf dtoa_snprintf

#endif
