/* libbf, with bf_set_ui fixed for values of 2^63 and more on 32-bit limbs:
   there it shifts a 32-bit word by 32, which C leaves undefined and
   WebAssembly takes modulo 32, so the low word lands in the high one
   (0x8000000000000001 became 0x8000000100000001). Calls from inside libbf
   keep the original, which only ever passes smaller values or exactly 2^63. */
#define bf_set_ui bf_set_ui_unfixed
#include "libbf.c"
#undef bf_set_ui

int bf_set_ui(bf_t *r, uint64_t a) {
  if (a >> 63 == 0) return bf_set_ui_unfixed(r, a);
  int status = bf_set_ui_unfixed(r, a >> 1);
  status |= bf_mul_2exp(r, 1, BF_PREC_INF, BF_RNDZ);
  if (a & 1) status |= bf_add_si(r, r, 1, BF_PREC_INF, BF_RNDZ);
  return status;
}
