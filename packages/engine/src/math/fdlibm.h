/* Math functions computed as V8 computes them (fdlibm's algorithms); see fdlibm.c. */
#ifndef EXTISM_TS_FDLIBM_H
#define EXTISM_TS_FDLIBM_H

double fdlibm_sin(double x);
double fdlibm_cos(double x);
double fdlibm_exp(double x);
double fdlibm_log(double x);
double fdlibm_log1p(double x);
double fdlibm_log2(double x);
double fdlibm_log10(double x);
double fdlibm_pow(double x, double y);
double fdlibm_atan2(double y, double x);
double fdlibm_sinh(double x);
double fdlibm_cosh(double x);
double fdlibm_tanh(double x);
double fdlibm_asinh(double x);
double fdlibm_acosh(double x);
double fdlibm_atanh(double x);

#endif
