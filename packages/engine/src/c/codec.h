/* Shared pieces of the native codecs (msgpack_encode.c, msgpack_decode.c, json.c, base64.c, hex.c,
   text.c): a growable output buffer, decode errors that carry their byte
   offset, UTF-8 validation, which objects are plain data. */
#ifndef EXTISM_TS_CODEC_H
#define EXTISM_TS_CODEC_H

#include <stddef.h>
#include <stdint.h>
#include "bridge.h"

/* Bytes being written; `data` comes from malloc, so the result can be handed
   to bridge_new_uint8array without a copy. */
typedef struct {
  uint8_t *data;
  size_t length;
  size_t capacity;
} CodecBuffer;

/* Make room for `extra` more bytes; -1 with an exception set when memory runs out. */
int codec_buffer_reserve(JSContext *ctx, CodecBuffer *buffer, size_t extra);
/* The buffer's bytes as a Uint8Array (ownership passes to it); the buffer is emptied. */
JSValue codec_buffer_finish(JSContext *ctx, CodecBuffer *buffer);
void codec_buffer_free(CodecBuffer *buffer);

#define CODEC_NO_OFFSET ((size_t)-1)

/* Throw a TypeError "<reason> at byte <offset>" whose `reason` and `offset`
   properties let a codec rethrow it as its own DecodeError. Without an
   offset (CODEC_NO_OFFSET) the message is the reason alone. Returns JS_EXCEPTION. */
JSValue codec_throw_decode_error(JSContext *ctx, size_t offset, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* Length of the UTF-8 sequence at s[0..n), n > 0; *valid says whether it is
   well formed. An ill-formed sequence's length is its maximal valid prefix (at
   least 1), which is what a decoder replaces with one U+FFFD. */
size_t utf8_sequence_length(const uint8_t *s, size_t n, int *valid);

/* Offset of the first byte of `data` that does not start or continue a
   well-formed UTF-8 sequence (RFC 3629), or CODEC_NO_OFFSET when all of it is
   UTF-8. */
size_t utf8_invalid_at(const uint8_t *data, size_t length);

/* What an encoder makes of an object, by its prototype as the engine made it
   (whatever plug-in code did to the globals): a plain object (prototype
   Object.prototype or null), an array (Array.prototype), a Uint8Array, or
   something only a JS implementation knows how to write. */
typedef enum { CODEC_OTHER, CODEC_PLAIN_OBJECT, CODEC_ARRAY, CODEC_BYTES } CodecObjectKind;

/* The kind of an object value; -1 with an exception set. */
int codec_object_kind(JSContext *ctx, JSValueConst object);

/* Atoms the encoders look up, made once. */
typedef struct {
  JSAtom to_json, has_own_property;
} CodecAtoms;
const CodecAtoms *codec_atoms(JSContext *ctx);

/* The encoders never run plug-in code (a getter, a toJSON, a Proxy trap): a
   value whose encoding would is left whole to the codec's JS implementation
   before anything observable happened, so each runs exactly as often as in
   Node. These read what can be read without it. */

/* An object's own enumerable string keys in property order, and their values,
   read from the object's shape. */
typedef struct {
  JSContext *ctx;
  uint32_t count;
  JSAtom *atoms;
  JSValue *values;
} CodecEntries;

/* 0 with the entries; 1 when some property is not plain data (a getter, an
   index key, an exotic object): nothing was read; -1 with an exception set. */
int codec_entries_open(JSContext *ctx, JSValueConst object, CodecEntries *entries);
/* The value of entry `index` (a new reference). */
JSValue codec_entry_value(CodecEntries *entries, uint32_t index);
void codec_entries_close(CodecEntries *entries);

/* A dense array's items, borrowed while no JS runs: 0 with them, 1 when the
   array has holes, getters or a length beyond its items. */
int codec_array_items(JSValueConst array, const JSValue **items, uint32_t *count);

/* The atom for a property name given as (well-formed) UTF-8, JS_ATOM_NULL with
   an exception set on failure. */
JSAtom codec_atom_of_text(JSContext *ctx, const uint8_t *text, size_t length);

/* Deepest nesting the encoders and decoders follow (rmp-serde's limit): past it,
   an error (msgpack) or the JS implementation (JSON), never an exhausted stack. */
#define CODEC_MAX_DEPTH 1024

/* The UTF-8 of a JS string as a Uint8Array, lone surrogates as U+FFFD (as
   TextEncoder writes them). */
JSValue codec_utf8_bytes(JSContext *ctx, JSValueConst text);

#endif
