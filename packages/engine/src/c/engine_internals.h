/* What the bridge needs from QuickJS-NG's internals, implemented in
   quickjs_unit.c (the only file that sees them). */
#ifndef EXTISM_TS_ENGINE_INTERNALS_H
#define EXTISM_TS_ENGINE_INTERNALS_H

#include <stddef.h>
#include <stdint.h>
#include "quickjs.h"

/* QuickJS-NG's compiler entry: eval, new Function and scripts go through it. */
typedef JSValue EngineEvalFunction(JSContext *ctx, JSValueConst this_obj, const char *input, size_t input_len,
                                   const char *filename, int line, int flags, int scope_idx);

void engine_set_stack_limit(JSRuntime *rt, size_t size);
void engine_drop_function_sources(JSRuntime *rt);
void engine_zero_free_arena_blocks(JSRuntime *rt);
uint32_t engine_compiler_entry(void);
void engine_remove_compiler(JSContext *ctx, EngineEvalFunction *replacement);
void engine_install_clock_checks(JSContext *ctx);
#ifdef EXTISM_TS_AOT
/* Queues a weval request for each bytecode function the copy of the interpreter loop can compile (--aot). */
int engine_request_aot(JSRuntime *rt);
#endif

/* The memory range of QuickJS-NG's built-in function lists. */
void engine_function_lists(uint32_t *start, uint32_t *end);
/* Calls `report` with the table index of each function that a list entry the
   heap still reaches names (an index may come more than once). */
typedef int EngineTableIndexFunction(void *opaque, uint32_t table_index);
int engine_reached_builtins(JSRuntime *rt, EngineTableIndexFunction *report, void *opaque);

/* What the heap holds once the bundle has initialized, in bytes of QuickJS's
   allocations (each block with its allocator header), by kind: the build's
   snapshot composition (`extism-ts build --report`). */
typedef struct EngineHeapCensus {
  size_t quickjs;           /* every allocation QuickJS made, by its own accounts */
  size_t bytecode;          /* compiled functions: code, constants, variable and closure tables */
  size_t line_tables;       /* their pc-to-line tables (error stacks' file:line) and any kept source */
  size_t functions;         /* how many compiled functions */
  size_t atoms;             /* the atom table and the atoms' strings */
  size_t atom_count;
  size_t strings;           /* other strings that values hold */
  size_t shapes;
  size_t objects;           /* objects, their properties, array elements, closures' variables */
  size_t typed_array_data;  /* ArrayBuffer contents */
  size_t regexps;           /* compiled regular expressions and their source text */
  size_t maps;              /* Map, Set, WeakMap and WeakSet entries and hash tables */
} EngineHeapCensus;
int engine_heap_census(JSRuntime *rt, EngineHeapCensus *census);

/* From clock.c: throws the "needs WASI" error and returns 1 when no clock can be read. */
int bridge_clock_missing(JSContext *ctx);

/* An ordinary object's own enumerable string-keyed data properties, from its
   shape; 1 when the generic way must read them, -1 when out of memory (see quickjs_unit.c). */
int engine_plain_entries(JSContext *ctx, JSValueConst object, JSValue **values, JSAtom **atoms, uint32_t *count);
/* A dense array's elements, borrowed (valid while no JS code runs): 0 for an
   array stored as one run of values whose length is that run's length, 1 for
   any other object, whose elements only property reads (getters, prototype
   lookups) can give. */
int engine_dense_array(JSValueConst array, const JSValue **values, uint32_t *count);

#endif
