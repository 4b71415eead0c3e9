/* The engine's side of weval's interface, for --aot (the engine built with
   EXTISM_TS_AOT; docs/decisions/aot.md). weval reads requests from the
   snapshot's memory and specializes the function each names for the
   arguments it gives; these are the layouts and imports weval 0.5 defines. */
#ifndef EXTISM_TS_AOT_H
#define EXTISM_TS_AOT_H

#include <stdint.h>

#define AOT_IMPORT(name) __attribute__((import_module("weval"), import_name(name)))

/* The interpreter's position, for weval: each distinct value becomes its own copy of the loop body. */
void weval_push_context(uint32_t pc) AOT_IMPORT("push.context");
void weval_update_context(uint32_t pc) AOT_IMPORT("update.context");
void weval_pop_context(void) AOT_IMPORT("pop.context");
/* `value`, as one branch per value in [low, high]: each continues with that
   constant, and weval's default branch (any other value) with `high`. */
uint32_t weval_specialize_value(uint32_t value, uint32_t low, uint32_t high) AOT_IMPORT("specialize.value");

/* One request, linked into the list weval finds through the
   `weval.pending.head` export. weval writes the specialized function's table
   index to `specialized`. */
typedef struct AotRequest {
  struct AotRequest *next;
  struct AotRequest *prev;
  uint32_t user_id;
  uint32_t specialization_globals;
  uint32_t function; /* table index of the function to specialize */
  uint8_t *arguments;
  uint32_t arguments_length;
  void *specialized;
} AotRequest;

/* One argument of a request: 16 bytes, then for a buffer its contents,
   padded to 8 bytes. */
typedef struct AotArgument {
  uint32_t specialize; /* 0: a run-time value; 1: the value below */
  uint32_t type;
  uint32_t value; /* i32, or a buffer's length */
  uint32_t padded_length;
} AotArgument;

enum { AOT_ARGUMENT_I32 = 0, AOT_ARGUMENT_I64 = 1, AOT_ARGUMENT_BUFFER = 4 };

#endif
