/* What every fuzz target shares: one engine per process, made the way a
   plug-in's is (extism_ts_init with a small bundle), the natives called as
   C functions, value comparison, reference codecs and a value generator. */
#ifndef EXTISM_TS_NATIVE_HARNESS_H
#define EXTISM_TS_NATIVE_HARNESS_H

#include <stddef.h>
#include <stdint.h>
#include "quickjs.h"
#include "model.h"

extern JSContext *harness_ctx;

/* Make the engine (once) and start an iteration: a fresh kernel model and stack limit. */
void harness_begin(void);
/* End an iteration: no exception left pending, every value freed by the caller. */
void harness_end(void);

/* Call a native by its name in the bridge's tables; argv is padded with undefined to its length. */
JSValue harness_call(const char *native, int argc, JSValueConst *argv);
/* A helper function the harness bundle defines on globalThis.__harness. */
JSValue harness_helper(const char *name, int argc, JSValueConst *argv);
JSValue harness_helper_value(const char *name);

JSValue harness_bytes(const uint8_t *data, size_t length);
/* The bytes of a Uint8Array (borrowed); 0 when the value is not one. */
int harness_get_bytes(JSValueConst value, const uint8_t **data, size_t *length);
/* The pending exception, taken; its message in `text` (freed with harness_free_text). */
JSValue harness_take_exception(const char **text);
void harness_free_text(const char *text);

/* A finding: prints what went wrong, with the input in hex, and aborts. */
void harness_fail(const char *format, ...) __attribute__((format(printf, 1, 2), noreturn));
void harness_set_input(const uint8_t *data, size_t length);
/* A short description of a value for messages (freed with harness_free_text). */
const char *harness_describe(JSValueConst value);

enum {
  EQUAL_EXACT = 0,
  /* Numbers may differ by one unit in the last place (QuickJS's own parser rounds some long numbers so). */
  EQUAL_ULP = 1,
  /* Left is a value given to msgpack_encode, right what msgpack_decode made of its bytes. */
  EQUAL_MSGPACK = 2,
  /* -0 and 0 are the same number. */
  EQUAL_ZERO = 4,
};
/* 1 when equal; when not, *where names the first difference (static text). */
int harness_equal(JSValueConst left, JSValueConst right, int mode, const char **where);

/* Reading structured choices out of fuzz input; past the end everything is zero. */
typedef struct {
  const uint8_t *p;
  size_t n;
} Reader;
uint8_t read_u8(Reader *r);
uint32_t read_u32(Reader *r);
uint64_t read_u64(Reader *r);
/* Up to `max` bytes, as many as are left. */
const uint8_t *read_bytes(Reader *r, size_t max, size_t *length);

/* A JS value built from fuzz input (see values.c). The same input builds the
   same value each time, so a differential test can make one for each side. */
enum { GENERATE_GETTERS = 1, GENERATE_NON_DATA = 2, GENERATE_DEEP = 4 };
JSValue generate_value(Reader *r, int flags);

/* Reference codecs, written from the specifications, independent of the bridge (reference.c). */
/* Offset of the first byte of an ill-formed UTF-8 sequence, or SIZE_MAX. */
size_t reference_utf8_invalid_at(const uint8_t *data, size_t length);
/* WHATWG UTF-8 decode with replacement, written back as UTF-8; returns the length (out holds 3 * length). */
size_t reference_utf8_replace(const uint8_t *data, size_t length, uint8_t *out);
/* UTF-16 code units as UTF-8, lone surrogates as U+FFFD; returns the length (out holds 3 * count). */
size_t reference_utf16_to_utf8(const uint16_t *units, size_t count, uint8_t *out);
/* QuickJS's UTF-8 of a string (lone surrogates as ED A0..BF xx) with those as U+FFFD, in place. */
void reference_replace_lone_surrogates(uint8_t *data, size_t length);
/* Strict base64 (padded standard or unpadded URL-safe) and hex; -1 when invalid, else the length (out holds length). */
long reference_base64_decode(const uint8_t *text, size_t length, int url, uint8_t *out);
long reference_hex_decode(const uint8_t *text, size_t length, uint8_t *out);
size_t reference_base64_encode(const uint8_t *data, size_t length, int url, uint8_t *out);

#endif
