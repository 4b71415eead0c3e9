/* The test driver: runs one export of a small bundle in the native engine,
   against the kernel model configured from the command line, and prints
   what the host saw as JSON. For regression tests of what real hosts cannot
   send (an input length past 4 GiB, alloc failing after N allocations, a
   host answer longer than its bytes):

     driver [options] bundle.js
       --input-hex HEX | --input-file PATH   the call's input
       --input-length N                      the input length the host reports
       --fail-alloc-after N                  alloc answers 0 after N allocations
       --lie-next-length N                   the host's next answer reports N bytes
       --config KEY=VALUE, --var KEY=VALUE   (repeatable)
       --http-body TEXT --http-status N --http-headers JSON
       --log-level N
       --export NAME                         the export to call (default: run)
       --init-allocations                    print how many allocations the engine's init made, and how
                                             many of them came before it collected the exports, then stop
       --fail-init-alloc-from N              every allocation of the engine's init from the Nth on fails
       --fail-init-alloc-at N                only the Nth allocation of the engine's init fails

   The bundle is evaluated after the harness's own (harness.c), so it can
   bind natives with __extism_ts_native(name) at its top level, and it sets
   globalThis.__extism_ts_exports = { run() { ... } }. Prints one line:
   {"code": n, "output": hex|null, "error": text|null, "logs": [[level, text]...], "liveBlocks": n}
   A sanitizer finding or a kernel-model violation aborts instead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

int32_t extism_ts_invoke(uint32_t index);
extern const char *harness_extra_source;
extern const char *harness_report;

/* Allocations of the engine's init, counted and refused through the link
   step's --wrap (build.mjs): out of memory at any point of building the init
   report must end in a report that says so, not in a crash. */
void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *pointer, size_t size);
const char *__real_extism_ts_init(const char *source, size_t length, const char *filename, uint32_t options,
                                  double build_instant_ms);
int __real_JS_GetOwnPropertyNames(JSContext *ctx, JSPropertyEnum **tab, uint32_t *len, JSValueConst obj, int flags);

static int in_init;
static long long init_allocations, allocations_before_exports = -1, fail_init_from = -1;
static int fail_init_once;

static int refuse_allocation(void) {
  if (!in_init) return 0;
  long long index = init_allocations++;
  return fail_init_from >= 0 && (fail_init_once ? index == fail_init_from : index >= fail_init_from);
}
void *__wrap_malloc(size_t size) { return refuse_allocation() ? NULL : __real_malloc(size); }
void *__wrap_calloc(size_t count, size_t size) { return refuse_allocation() ? NULL : __real_calloc(count, size); }
void *__wrap_realloc(void *pointer, size_t size) { return size && refuse_allocation() ? NULL : __real_realloc(pointer, size); }

const char *__wrap_extism_ts_init(const char *source, size_t length, const char *filename, uint32_t options,
                                  double build_instant_ms) {
  in_init = 1;
  const char *report = __real_extism_ts_init(source, length, filename, options, build_instant_ms);
  in_init = 0;
  return report;
}

/* The engine lists the bundle's exports with it once the bundle has run. */
int __wrap_JS_GetOwnPropertyNames(JSContext *ctx, JSPropertyEnum **tab, uint32_t *len, JSValueConst obj, int flags) {
  if (in_init && allocations_before_exports < 0) allocations_before_exports = init_allocations;
  return __real_JS_GetOwnPropertyNames(ctx, tab, len, obj, flags);
}

static uint8_t *read_file(const char *path, size_t *length) {
  FILE *file = fopen(path, "rb");
  if (!file) {
    perror(path);
    exit(2);
  }
  size_t capacity = 1 << 16;
  uint8_t *data = malloc(capacity + 1);
  *length = 0;
  size_t got;
  while (data && (got = fread(data + *length, 1, capacity - *length, file)) > 0) {
    *length += got;
    if (*length == capacity) data = realloc(data, (capacity *= 2) + 1);
  }
  fclose(file);
  if (!data) exit(2);
  data[*length] = 0;
  return data;
}

static uint8_t *from_hex(const char *text, size_t *length) {
  size_t n = strlen(text) / 2;
  uint8_t *bytes = malloc(n ? n : 1);
  for (size_t i = 0; i < n; i++) sscanf(text + 2 * i, "%2hhx", &bytes[i]);
  *length = n;
  return bytes;
}

static void print_json_string(const uint8_t *text, size_t length) {
  putchar('"');
  for (size_t i = 0; i < length; i++) {
    uint8_t c = text[i];
    if (c == '"' || c == '\\') printf("\\%c", c);
    else if (c < 0x20) printf("\\u%04x", c);
    else putchar(c);
  }
  putchar('"');
}

/* The invoke index of export `name`, read from the init report's "exports" list. */
static int export_index(const char *report, const char *name) {
  const char *list = strstr(report, "\"exports\":[");
  if (!list) return -1;
  list += strlen("\"exports\":[");
  for (int index = 0; *list == '"'; index++) {
    const char *end = strchr(list + 1, '"');
    if (!end) return -1;
    if ((size_t)(end - list - 1) == strlen(name) && strncmp(list + 1, name, strlen(name)) == 0) return index;
    list = end + 1;
    if (*list == ',') list++;
  }
  return -1;
}

int main(int argc, char **argv) {
  const char *bundle_path = NULL, *export_name = "run";
  uint8_t *input = NULL;
  size_t input_length = 0;
  int has_reported = 0;
  unsigned long long reported = 0, lie = 0;
  long long fail_after = -1;
  int has_lie = 0;
  const char *http_body = NULL, *http_headers = NULL;
  int http_status = 0, count_init = 0;
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i], *value = i + 1 < argc ? argv[i + 1] : NULL;
    if (arg[0] != '-' || arg[1] != '-') {
      bundle_path = arg;
      continue;
    }
    if (!strcmp(arg, "--init-allocations")) {
      count_init = 1;
      continue;
    }
    if (!value) {
      fprintf(stderr, "%s needs a value\n", arg);
      return 2;
    }
    i++;
    if (!strcmp(arg, "--input-hex")) input = from_hex(value, &input_length);
    else if (!strcmp(arg, "--input-file")) input = read_file(value, &input_length);
    else if (!strcmp(arg, "--input-length")) has_reported = 1, reported = strtoull(value, NULL, 0);
    else if (!strcmp(arg, "--fail-alloc-after")) fail_after = strtoll(value, NULL, 0);
    else if (!strcmp(arg, "--fail-init-alloc-from") || !strcmp(arg, "--fail-init-alloc-at"))
      fail_init_from = strtoll(value, NULL, 0), fail_init_once = !strcmp(arg, "--fail-init-alloc-at");
    else if (!strcmp(arg, "--lie-next-length")) has_lie = 1, lie = strtoull(value, NULL, 0);
    else if (!strcmp(arg, "--http-body")) http_body = value;
    else if (!strcmp(arg, "--http-status")) http_status = atoi(value);
    else if (!strcmp(arg, "--http-headers")) http_headers = value;
    else if (!strcmp(arg, "--export")) export_name = value;
    else if (!strcmp(arg, "--config") || !strcmp(arg, "--var") || !strcmp(arg, "--log-level")) {
      /* Applied after the engine is made: the model starts each call afresh. */
    } else {
      fprintf(stderr, "unknown option %s\n", arg);
      return 2;
    }
  }
  if (!bundle_path) {
    fprintf(stderr, "usage: driver [options] bundle.js\n");
    return 2;
  }
  size_t source_length;
  harness_extra_source = (const char *)read_file(bundle_path, &source_length);
  harness_set_input(NULL, 0);
  harness_begin();
  if (count_init) {
    printf("{\"allocations\":%lld,\"beforeExports\":%lld,\"report\":%s}\n", init_allocations, allocations_before_exports,
           harness_report);
    return 0;
  }
  for (int i = 1; i + 1 < argc; i++) {
    const char *arg = argv[i], *value = argv[i + 1];
    const char *equals = strchr(value, '=');
    if ((!strcmp(arg, "--config") || !strcmp(arg, "--var")) && equals) {
      void (*put)(const uint8_t *, size_t, const uint8_t *, size_t) = arg[2] == 'c' ? model_config_put : model_var_put;
      put((const uint8_t *)value, (size_t)(equals - value), (const uint8_t *)equals + 1, strlen(equals + 1));
    }
    if (!strcmp(arg, "--log-level")) model_set_log_level(atoi(value));
    if (arg[0] == '-' && arg[1] == '-' && strcmp(arg, "--init-allocations")) i++;
  }
  model_set_input(input ? input : (const uint8_t *)"", input_length);
  if (has_reported) model_set_input_length(reported);
  if (http_body || http_headers || http_status)
    model_http_answer((const uint8_t *)http_body, http_body ? strlen(http_body) : 0, http_status,
                      (const uint8_t *)http_headers, http_headers ? strlen(http_headers) : 0);
  if (has_lie) model_lie_next_length(lie);
  model_fail_alloc_after(fail_after);

  int index = export_index(harness_report, export_name);
  if (index < 0) {
    fprintf(stderr, "the bundle has no export %s (report: %s)\n", export_name, harness_report);
    return 2;
  }
  int32_t code = extism_ts_invoke((uint32_t)index);
  size_t length;
  const uint8_t *output = model_output(&length);
  printf("{\"code\":%d,\"output\":", code);
  if (output) {
    putchar('"');
    for (size_t i = 0; i < length; i++) printf("%02x", output[i]);
    putchar('"');
  } else {
    printf("null");
  }
  printf(",\"error\":");
  const uint8_t *error = model_error(&length);
  if (error) print_json_string(error, length);
  else printf("null");
  printf(",\"logs\":[");
  int first = 1;
  static const char *const levels[] = {"trace", "debug", "info", "warn", "error"};
  for (int level = 0; level < 5; level++) {
    const uint8_t *line = model_last_log(level, &length);
    if (!line) continue;
    printf("%s[\"%s\",", first ? "" : ",", levels[level]);
    print_json_string(line, length);
    putchar(']');
    first = 0;
  }
  printf("],\"liveBlocks\":%zu}\n", model_live_blocks());
  return 0;
}
