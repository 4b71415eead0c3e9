/* QuickJS-NG itself, compiled as part of this translation unit so that the
   bridge can reach the few runtime internals the public API has no way to
   express. Everything that touches an internal lives in this file. */
#include "cutils.h"

/* Date reads the wall clock through the bridge (clock.c): a fixed instant
   while the bundle initializes at build time, WASI's clock at run time.
   cutils.h is already included, so only quickjs.c's uses are redirected. */
int64_t bridge_wall_clock_us(void);
#define js__gettimeofday_us bridge_wall_clock_us
#include "quickjs.c"
#undef js__gettimeofday_us

#include "engine_internals.h"

/* QuickJS-NG turns its stack check off under WASI. The bridge sets the
   limit itself, counted down from the current frame, before each call. */
void engine_set_stack_limit(JSRuntime *rt, size_t size) {
  rt->stack_size = size;
  rt->stack_top = js_get_stack_pointer();
  rt->stack_limit = rt->stack_top - size;
}

/* Function.prototype.toString's source text: QuickJS keeps a copy of each
   function's source, which would otherwise make up most of a large bundle's
   snapshot. Line numbers for stacks stay. */
void engine_drop_function_sources(JSRuntime *rt) {
  struct list_head *el;
  list_for_each(el, &rt->gc_obj_list) {
    JSGCObjectHeader *object = list_entry(el, JSGCObjectHeader, link);
    if (JS_GC_TYPE(object) != JS_GC_OBJ_TYPE_FUNCTION_BYTECODE) continue;
    JSFunctionBytecode *function = (JSFunctionBytecode *)object;
    if (function->source) {
      js_free_rt(rt, function->source);
      function->source = NULL;
      function->source_len = 0;
    }
  }
}

/* Small blocks live in QuickJS's own arenas, so freeing one never reaches
   the bridge's allocator: zero their free blocks' payloads, or the snapshot
   would carry whatever they last held. */
void engine_zero_free_arena_blocks(JSRuntime *rt) {
  for (int size_index = 0; size_index < JS_ARENA_BLOCK_SIZE_COUNT; size_index++) {
    unsigned int block_size = arena_block_sizes[size_index];
    struct list_head *el;
    list_for_each(el, &rt->arena_state.arena_list[size_index]) {
      JSArena *arena = list_entry(el, JSArena, link);
      for (unsigned int index = arena->first_free_block; index != JS_ARENA_FREE_NIL;) {
        JSMallocBlockHeader *block = arena_get_block(arena, index, block_size);
        index = block->u.free_next;
        memset(block->user_data, 0, block_size - sizeof(JSMallocBlockHeader));
        block->ref_count = 0;
        block->gc_obj_type = 0;
        block->mark = 0;
      }
    }
  }
}

/* The parser and compiler's one entry, as a function-table index: the link
   step gives it an unreachable body when the plug-in has no compiler. */
uint32_t engine_compiler_entry(void) { return (uint32_t)(uintptr_t)__JS_EvalInternal; }

void engine_remove_compiler(JSContext *ctx, EngineEvalFunction *replacement) { ctx->eval_internal = replacement; }

/* Date() and new Date() with no arguments read the clock; without one
   (no WASI) they throw, as Date.now does, instead of reporting 1970. */
static JSValue engine_date_constructor(JSContext *ctx, JSValueConst new_target, int argc, JSValueConst *argv) {
  if ((argc == 0 || JS_IsUndefined(new_target)) && bridge_clock_missing(ctx)) return JS_EXCEPTION;
  return js_date_constructor(ctx, new_target, argc, argv);
}

static JSValue engine_date_now(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  if (bridge_clock_missing(ctx)) return JS_EXCEPTION;
  return js_Date_now(ctx, this_val, argc, argv);
}

void engine_install_clock_checks(JSContext *ctx) {
  JSValue date = js_dup(ctx->class_proto[JS_CLASS_DATE]);
  JSValue constructor = JS_GetPropertyStr(ctx, date, "constructor");
  JS_FreeValue(ctx, date);
  JS_VALUE_GET_OBJ(constructor)->u.cfunc.c_function.constructor = engine_date_constructor;
  JS_SetPropertyStr(ctx, constructor, "now", JS_NewCFunction(ctx, engine_date_now, "now", 0));
  JS_FreeValue(ctx, constructor);
}

/* QuickJS-NG creates most built-in functions on first use: a property waits
   with a pointer to its entry in a static function list. All lists sit in
   one section (scripts/quickjs-patches.mjs), so the entries a plug-in's heap
   can still reach are known, and the link step may drop the functions that
   only the other entries name (those of intrinsics the plug-in never added,
   and properties deleted while it initialized). */
extern const JSCFunctionListEntry __start_extism_ts_function_lists[];
extern const JSCFunctionListEntry __stop_extism_ts_function_lists[];

static size_t function_list_entry_count(void) {
  return (size_t)(__stop_extism_ts_function_lists - __start_extism_ts_function_lists);
}

static void mark_function_list(uint8_t *reached, const JSCFunctionListEntry *tab, int length);

static void mark_function_list_entry(uint8_t *reached, const JSCFunctionListEntry *entry) {
  size_t index = (size_t)(entry - __start_extism_ts_function_lists);
  if (entry < __start_extism_ts_function_lists || index >= function_list_entry_count() || reached[index]) return;
  reached[index] = 1;
  /* An object of functions (Math, JSON, Reflect...) instantiates its own list with it. */
  if (entry->def_type == JS_DEF_OBJECT) mark_function_list(reached, entry->u.prop_list.tab, entry->u.prop_list.len);
}

static void mark_function_list(uint8_t *reached, const JSCFunctionListEntry *tab, int length) {
  for (int i = 0; i < length; i++) mark_function_list_entry(reached, &tab[i]);
}

void engine_function_lists(uint32_t *start, uint32_t *end) {
  *start = (uint32_t)(uintptr_t)__start_extism_ts_function_lists;
  *end = (uint32_t)(uintptr_t)__stop_extism_ts_function_lists;
}

int engine_reached_builtins(JSRuntime *rt, EngineTableIndexFunction *report, void *opaque) {
  size_t count = function_list_entry_count();
  uint8_t *reached = calloc(count ? count : 1, 1);
  if (!reached) return -1;
  struct list_head *el;
  list_for_each(el, &rt->gc_obj_list) {
    JSGCObjectHeader *header = list_entry(el, JSGCObjectHeader, link);
    if (JS_GC_TYPE(header) != JS_GC_OBJ_TYPE_JS_OBJECT) continue;
    JSObject *object = (JSObject *)header;
    JSShapeProperty *shape_property = get_shape_prop(object->shape);
    for (int i = 0; i < object->shape->prop_count; i++, shape_property++) {
      JSProperty *property = &object->prop[i];
      if ((shape_property->flags & JS_PROP_TMASK) == JS_PROP_AUTOINIT &&
          js_autoinit_get_id(property) == JS_AUTOINIT_ID_PROP)
        mark_function_list_entry(reached, property->u.init.opaque);
    }
  }
  int status = 0;
  for (size_t i = 0; i < count && status == 0; i++) {
    if (!reached[i]) continue;
    const JSCFunctionListEntry *entry = &__start_extism_ts_function_lists[i];
    switch (entry->def_type) {
    case JS_DEF_CFUNC:
      status = report(opaque, (uint32_t)(uintptr_t)entry->u.func.cfunc.generic);
      break;
    case JS_DEF_CGETSET:
    case JS_DEF_CGETSET_MAGIC:
      if (entry->u.getset.get.generic) status = report(opaque, (uint32_t)(uintptr_t)entry->u.getset.get.generic);
      if (status == 0 && entry->u.getset.set.generic)
        status = report(opaque, (uint32_t)(uintptr_t)entry->u.getset.set.generic);
      break;
    }
  }
  free(reached);
  return status;
}

int engine_dense_array(JSValueConst array, const JSValue **values, uint32_t *count) {
  if (JS_VALUE_GET_TAG(array) != JS_TAG_OBJECT) return 1;
  JSObject *p = JS_VALUE_GET_OBJ(array);
  if (p->class_id != JS_CLASS_ARRAY || !p->fast_array) return 1;
  /* A fast array keeps its length in its first property; `a.length = n` can make it longer than its values. */
  JSValue length = p->prop[0].u.value;
  if (JS_VALUE_GET_TAG(length) != JS_TAG_INT || (uint32_t)JS_VALUE_GET_INT(length) != p->u.array.count) return 1;
  *values = p->u.array.u.values;
  *count = p->u.array.count;
  return 0;
}

/* The own enumerable string-keyed properties of an ordinary object whose
   properties are all plain values, read straight from its shape, in the
   order JS_GetOwnPropertyNames gives (insertion order, as none is an array
   index). Atoms and values come duplicated, in one block (values first) that
   the caller frees with js_free. Returns 1, with nothing taken, for any other
   object: the caller reads it the generic way; -1 when out of memory. */
int engine_plain_entries(JSContext *ctx, JSValueConst object, JSValue **values, JSAtom **atoms, uint32_t *count) {
  JSObject *p = JS_VALUE_GET_OBJ(object);
  if (p->class_id != JS_CLASS_OBJECT) return 1;
  JSShape *shape = p->shape;
  JSShapeProperty *property = get_shape_prop(shape);
  uint32_t found = 0;
  for (int i = 0; i < shape->prop_count; i++, property++) {
    JSAtom atom = property->atom;
    if (atom == JS_ATOM_NULL || !(property->flags & JS_PROP_ENUMERABLE)) continue;
    uint32_t index;
    if (__JS_AtomIsTaggedInt(atom) || JS_AtomIsArrayIndex(ctx, &index, atom)) return 1;
    if (ctx->rt->atom_array[atom]->atom_type != JS_ATOM_TYPE_STRING) continue;
    if ((property->flags & JS_PROP_TMASK) != JS_PROP_NORMAL) return 1;
    found++;
  }
  *values = js_malloc(ctx, (found ? found : 1) * (sizeof(JSValue) + sizeof(JSAtom)));
  if (!*values) return -1;
  *atoms = (JSAtom *)(*values + found);
  *count = 0;
  property = get_shape_prop(shape);
  for (int i = 0; i < shape->prop_count; i++, property++) {
    JSAtom atom = property->atom;
    if (atom == JS_ATOM_NULL || !(property->flags & JS_PROP_ENUMERABLE)) continue;
    if (ctx->rt->atom_array[atom]->atom_type != JS_ATOM_TYPE_STRING) continue;
    (*atoms)[*count] = JS_DupAtom(ctx, atom);
    (*values)[*count] = js_dup(p->prop[i].u.value);
    (*count)++;
  }
  return 0;
}

/* The heap census: the bytes of each allocation QuickJS made (with the
   arena's block header, so that the kinds add up to what the snapshot
   carries), by what holds them. */
static size_t census_block(JSRuntime *rt, const void *pointer) {
  if (!pointer || pointer == arena_zero_block(rt)->user_data) return 0;
  return js_arena_usable_size(rt, pointer) + sizeof(JSMallocBlockHeader);
}

/* Strings are shared by any number of values: collected first, each counted once. */
typedef struct {
  JSRuntime *rt;
  JSString **items;
  size_t count, capacity;
  int failed;
} CensusStrings;

static void census_string(CensusStrings *strings, JSString *string) {
  if (string->atom_type != 0) return; /* counted with the atoms */
  if (strings->count == strings->capacity) {
    size_t capacity = strings->capacity ? strings->capacity * 2 : 256;
    JSString **items = js_realloc_rt(strings->rt, strings->items, capacity * sizeof(*items));
    if (!items) {
      strings->failed = 1;
      return;
    }
    strings->items = items;
    strings->capacity = capacity;
  }
  strings->items[strings->count++] = string;
  if (string->kind == JS_STRING_KIND_SLICE) census_string(strings, ((JSStringSlice *)&string[1])->parent);
}

static void census_value(CensusStrings *strings, JSValueConst value) {
  if (JS_VALUE_GET_TAG(value) == JS_TAG_STRING) census_string(strings, JS_VALUE_GET_STRING(value));
}

static int census_compare_pointers(const void *a, const void *b) {
  uintptr_t x = (uintptr_t)*(JSString *const *)a, y = (uintptr_t)*(JSString *const *)b;
  return x < y ? -1 : x > y;
}

/* The bytes of the collected strings, each counted once; the collection goes. */
static size_t census_unique_bytes(CensusStrings *strings) {
  size_t bytes = 0;
  if (strings->count) qsort(strings->items, strings->count, sizeof(*strings->items), census_compare_pointers);
  for (size_t i = 0; i < strings->count; i++)
    if (i == 0 || strings->items[i] != strings->items[i - 1]) bytes += census_block(strings->rt, strings->items[i]);
  js_free_rt(strings->rt, strings->items);
  return bytes;
}

static void census_object(JSRuntime *rt, JSObject *object, EngineHeapCensus *census, CensusStrings *strings, CensusStrings *regexps) {
  census->objects += census_block(rt, object) + census_block(rt, object->prop);
  JSShapeProperty *property = get_shape_prop(object->shape);
  for (int i = 0; i < object->shape->prop_count; i++, property++)
    if (property->atom != JS_ATOM_NULL && (property->flags & JS_PROP_TMASK) == JS_PROP_NORMAL) census_value(strings, object->prop[i].u.value);
  switch (object->class_id) {
  case JS_CLASS_ARRAY:
  case JS_CLASS_ARGUMENTS:
    if (object->fast_array) {
      census->objects += census_block(rt, object->u.array.u.values);
      for (uint32_t i = 0; i < object->u.array.count; i++) census_value(strings, object->u.array.u.values[i]);
    }
    break;
  case JS_CLASS_BYTECODE_FUNCTION:
    census->objects += census_block(rt, object->u.func.var_refs);
    break;
  case JS_CLASS_ARRAY_BUFFER:
  case JS_CLASS_SHARED_ARRAY_BUFFER:
    if (object->u.array_buffer) {
      census->objects += census_block(rt, object->u.array_buffer);
      census->typed_array_data += (size_t)object->u.array_buffer->byte_length;
    }
    break;
  case JS_CLASS_REGEXP:
    /* A regular expression literal's objects share its pattern and bytecode. */
    census_string(regexps, object->u.regexp.pattern);
    census_string(regexps, object->u.regexp.bytecode);
    break;
  case JS_CLASS_MAP:
  case JS_CLASS_SET:
  case JS_CLASS_WEAKMAP:
  case JS_CLASS_WEAKSET:
    if (object->u.map_state) {
      JSMapState *map = object->u.map_state;
      census->maps += census_block(rt, map) + census_block(rt, map->hash_table);
      struct list_head *el;
      list_for_each(el, &map->records) {
        JSMapRecord *record = list_entry(el, JSMapRecord, link);
        census->maps += census_block(rt, record);
        census_value(strings, record->key);
        census_value(strings, record->value);
      }
    }
    break;
  case JS_CLASS_NUMBER:
  case JS_CLASS_STRING:
  case JS_CLASS_BOOLEAN:
  case JS_CLASS_SYMBOL:
  case JS_CLASS_DATE:
  case JS_CLASS_BIG_INT:
    census_value(strings, object->u.object_data);
    break;
  default:
    if (object->class_id >= JS_CLASS_UINT8C_ARRAY && object->class_id <= JS_CLASS_DATAVIEW)
      census->objects += census_block(rt, object->u.typed_array);
    break;
  }
}

int engine_heap_census(JSRuntime *rt, EngineHeapCensus *census) {
  memset(census, 0, sizeof(*census));
  census->quickjs = rt->malloc_state.malloc_size;
  CensusStrings strings = {rt, NULL, 0, 0, 0};
  CensusStrings regexps = {rt, NULL, 0, 0, 0};
  struct list_head *el;
  list_for_each(el, &rt->gc_obj_list) {
    JSGCObjectHeader *header = list_entry(el, JSGCObjectHeader, link);
    switch (JS_GC_TYPE(header)) {
    case JS_GC_OBJ_TYPE_FUNCTION_BYTECODE: {
      JSFunctionBytecode *function = (JSFunctionBytecode *)header;
      census->functions++;
      census->bytecode += census_block(rt, function);
      census->line_tables += census_block(rt, function->pc2line_buf) + census_block(rt, function->source);
      for (int i = 0; i < function->cpool_count; i++) census_value(&strings, function->cpool[i]);
      break;
    }
    case JS_GC_OBJ_TYPE_SHAPE:
      census->shapes += census_block(rt, get_alloc_from_shape((JSShape *)header));
      break;
    case JS_GC_OBJ_TYPE_VAR_REF: {
      JSVarRef *reference = (JSVarRef *)header;
      census->objects += census_block(rt, reference);
      if (reference->is_detached) census_value(&strings, reference->value);
      break;
    }
    case JS_GC_OBJ_TYPE_JS_OBJECT:
      census_object(rt, (JSObject *)header, census, &strings, &regexps);
      break;
    case JS_GC_OBJ_TYPE_ASYNC_FUNCTION:
      census->objects += census_block(rt, header);
      break;
    default:
      break;
    }
  }
  census->atoms = census_block(rt, rt->atom_array) + census_block(rt, rt->atom_hash);
  for (int i = 0; i < rt->atom_size; i++) {
    JSAtomStruct *atom = rt->atom_array[i];
    if (!atom || atom_is_free(atom)) continue;
    census->atom_count++;
    census->atoms += census_block(rt, atom);
  }
  census->strings = census_unique_bytes(&strings);
  census->regexps = census_unique_bytes(&regexps);
  return strings.failed || regexps.failed ? -1 : 0;
}

#ifdef EXTISM_TS_AOT
/* --aot: a request to weval for each function the interpreter copy can
   compile (quickjs-patches.mjs, aotInterpreter), made once the bundle has
   initialized; weval reads them from the snapshot's memory and writes each
   compiled version's table index into its function's `aot_call`. */
static AotRequest *aot_pending_head;
__attribute__((export_name("weval.pending.head"))) AotRequest **aot_pending_head_address(void) {
  return &aot_pending_head;
}

/* The offsets the function resumes at from an operand-stack value: catch
   targets and gosub returns; -1 past `max`, for bytecode that does not decode,
   or for a function the copy does not compile. */
static int aot_resume_offsets(const JSFunctionBytecode *b, uint32_t *offsets, int max, int *loops) {
  int count = 0;
  *loops = 0;
  for (int pos = 0; pos < b->byte_code_len;) {
    uint8_t op = b->byte_code_buf[pos];
    /* `with` jumps after a property lookup: the copy does not compile those. */
    if (op >= OP_COUNT || (op >= OP_with_get_var && op <= OP_with_get_ref_undef)) return -1;
    int size = short_opcode_info(op).size;
    if (pos + size > b->byte_code_len) return -1;
    /* A jump back: the function loops. */
    const uint8_t *operand = b->byte_code_buf + pos + 1;
    if (((op == OP_goto || op == OP_if_false || op == OP_if_true) && (int32_t)get_u32(operand) < 0) ||
        ((op == OP_goto16) && (int16_t)get_u16(operand) < 0) ||
        ((op == OP_goto8 || op == OP_if_false8 || op == OP_if_true8) && (int8_t)operand[0] < 0))
      *loops = 1;
    if (op == OP_catch || op == OP_gosub) {
      if (count == max) return -1;
      offsets[count++] = op == OP_catch ? (uint32_t)(pos + 1 + (int32_t)get_u32(b->byte_code_buf + pos + 1)) : (uint32_t)(pos + 5);
    }
    pos += size;
  }
  return count;
}

static size_t aot_padded(size_t length) { return (length + 7) & ~(size_t)7; }

static uint8_t *aot_write_buffer(uint8_t *out, const void *data, size_t length) {
  AotArgument argument = { 1, AOT_ARGUMENT_BUFFER, (uint32_t)length, (uint32_t)aot_padded(length) };
  memcpy(out, &argument, sizeof argument);
  memcpy(out + sizeof argument, data, length);
  memset(out + sizeof argument + length, 0, aot_padded(length) - length);
  return out + sizeof argument + aot_padded(length);
}

/* js_call_aot's parameters: seven run-time values, then the bytecode and the resume offsets. */
enum { AOT_RUNTIME_ARGUMENTS = 7 };

static int aot_request(JSRuntime *rt, JSFunctionBytecode *b, uint32_t user_id) {
  uint32_t offsets[AOT_MAX_RESUME_OFFSETS];
  int loops;
  int count = aot_resume_offsets(b, offsets, AOT_MAX_RESUME_OFFSETS, &loops);
  /* Only functions with a loop: where a plug-in spends its time, for a fraction of the size
     (docs/decisions/aot.md has the figures). */
  if (count < 0 || !loops) return 0;
  size_t targets_size = sizeof(uint32_t) * (size_t)(count + 1);
  uint32_t *targets = js_malloc_rt(rt, targets_size);
  size_t length = sizeof(AotArgument) * (AOT_RUNTIME_ARGUMENTS + 2) + aot_padded((size_t)b->byte_code_len) + aot_padded(targets_size);
  uint8_t *arguments = malloc(length);
  AotRequest *request = malloc(sizeof *request);
  if (!targets || !arguments || !request) {
    js_free_rt(rt, targets);
    free(arguments);
    free(request);
    return -1;
  }
  targets[0] = (uint32_t)count;
  memcpy(targets + 1, offsets, sizeof(uint32_t) * (size_t)count);
  memset(arguments, 0, sizeof(AotArgument) * AOT_RUNTIME_ARGUMENTS);
  uint8_t *out = arguments + sizeof(AotArgument) * AOT_RUNTIME_ARGUMENTS;
  out = aot_write_buffer(out, b->byte_code_buf, (size_t)b->byte_code_len);
  aot_write_buffer(out, targets, targets_size);
  b->aot_targets = targets;
  *request = (AotRequest){
    .next = aot_pending_head,
    .user_id = user_id,
    .function = (uint32_t)(uintptr_t)&js_call_aot,
    .arguments = arguments,
    .arguments_length = (uint32_t)length,
    .specialized = &b->aot_call,
  };
  if (aot_pending_head) aot_pending_head->prev = request;
  aot_pending_head = request;
  return 0;
}

int engine_request_aot(JSRuntime *rt) {
  struct list_head *el;
  uint32_t user_id = 0;
  list_for_each(el, &rt->gc_obj_list) {
    JSGCObjectHeader *object = list_entry(el, JSGCObjectHeader, link);
    if (JS_GC_TYPE(object) != JS_GC_OBJ_TYPE_FUNCTION_BYTECODE) continue;
    JSFunctionBytecode *b = (JSFunctionBytecode *)object;
    if (b->func_kind != JS_FUNC_NORMAL || b->aot_call) continue;
    if (aot_request(rt, b, user_id++)) return -1;
  }
  return 0;
}
#endif
