/* QuickJS itself, compiled as part of this translation unit so that the
   bridge can reach the runtime's internals where the public API has no way
   to say what it needs. */
#include "quickjs.c"

/* An export starts with no JS frame running. After a trap in an earlier call
   (a host function that failed, the host's stack limit), the runtime still
   points at that call's frames, which no longer exist: forget them. */
void engine_forget_stale_frames(JSRuntime *rt) { rt->current_stack_frame = NULL; }
