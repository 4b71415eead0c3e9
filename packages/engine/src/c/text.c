/* UTF-8 both ways in C, so string codecs and TextEncoder/TextDecoder need
   no per-character work in JS. */
#include <stdlib.h>
#include <string.h>
#include "codec.h"

/* QuickJS writes a lone surrogate as ED A0..BF xx, which well-formed UTF-8
   never has (ED is followed by 80..9F there). */
static uint8_t *next_lone_surrogate(uint8_t *data, size_t length) {
  uint8_t *end = data + length;
  for (uint8_t *p = data; end - p >= 3 && (p = memchr(p, 0xED, (size_t)(end - p) - 2)) != NULL; p++)
    if (p[1] >= 0xA0) return p;
  return NULL;
}

/* UTF-8 has U+FFFD (EF BF BD) where QuickJS writes a lone surrogate. */
void bridge_replace_lone_surrogates(uint8_t *data, size_t length) {
  uint8_t *end = data + length;
  for (uint8_t *p = data; (p = next_lone_surrogate(p, (size_t)(end - p))) != NULL; p += 3) {
    p[0] = 0xEF;
    p[1] = 0xBF;
    p[2] = 0xBD;
  }
}

/* Text QuickJS converted to UTF-8 lives in one of its strings: freed with it, never resized. */
static void *manage_converted_text(JSRuntime *rt, void *context, void *text, size_t size) {
  (void)rt;
  if (size == 0) JS_FreeCString(context, text);
  return NULL;
}

static int has_non_ascii(const uint8_t *data, size_t length) {
  size_t i = 0;
  for (; length - i >= 8; i += 8) {
    uint64_t word;
    memcpy(&word, data + i, 8);
    if (word & 0x8080808080808080ull) return 1;
  }
  for (; i < length; i++)
    if (data[i] & 0x80) return 1;
  return 0;
}

/* Lone surrogates are only in strings of 16-bit characters, whose UTF-8
   QuickJS makes for this call: the text can be fixed where it is. */
const char *bridge_to_utf8(JSContext *ctx, JSValueConst value, size_t *length) {
  const char *text = JS_ToCStringLen(ctx, length, value);
  if (text) bridge_replace_lone_surrogates((uint8_t *)text, *length);
  return text;
}

JSValue codec_utf8_bytes(JSContext *ctx, JSValueConst value) {
  size_t length;
  const char *text = bridge_to_utf8(ctx, value, &length);
  if (!text) return JS_EXCEPTION;
  /* Text with non-ASCII bytes was converted for this call: it becomes the
     array's memory as it is. ASCII text may be the string's own memory,
     which a Uint8Array must not share: it is copied. */
  if (has_non_ascii((const uint8_t *)text, length)) {
    return bridge_new_uint8array_from(ctx, (uint8_t *)text, length, manage_converted_text, ctx);
  }
  uint8_t *data = malloc(length ? length : 1);
  if (!data) {
    JS_FreeCString(ctx, text);
    return JS_ThrowOutOfMemory(ctx);
  }
  memcpy(data, text, length);
  JS_FreeCString(ctx, text);
  return bridge_new_uint8array(ctx, data, length);
}

JSValue js_utf8_encode(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  return codec_utf8_bytes(ctx, argv[0]);
}

/* utf8_decode(bytes, fatal): fatal throws a TypeError naming the first bad
   byte; otherwise each ill-formed sequence becomes U+FFFD. */
JSValue js_utf8_decode(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  const uint8_t *data;
  size_t length;
  if (bridge_get_bytes(ctx, argv[0], "the bytes to decode", &data, &length)) return JS_EXCEPTION;
  int fatal = argc > 1 && JS_ToBool(ctx, argv[1]);
  size_t bad = utf8_invalid_at(data, length);
  if (bad == CODEC_NO_OFFSET) return JS_NewStringLen(ctx, (const char *)data, length);
  if (fatal) return JS_ThrowTypeError(ctx, "invalid UTF-8 at byte %zu", bad);
  size_t invalid_count = 0;
  for (size_t i = bad; i < length;) {
    int valid;
    size_t step = utf8_sequence_length(data + i, length - i, &valid);
    invalid_count += !valid;
    i += step;
  }
  /* Each ill-formed sequence (at least one byte) becomes three: checked, as
     1 GiB of them would wrap a 32-bit size. */
  if (invalid_count > (SIZE_MAX - length) / 3)
    return JS_ThrowRangeError(ctx, "%zu bytes with %zu ill-formed UTF-8 sequences decode to more text than a plug-in can hold",
                              length, invalid_count);
  char *fixed = malloc(length + invalid_count * 3);
  if (!fixed) return JS_ThrowOutOfMemory(ctx);
  size_t out = 0;
  for (size_t i = 0; i < length;) {
    int valid;
    size_t step = utf8_sequence_length(data + i, length - i, &valid);
    if (valid) {
      memcpy(fixed + out, data + i, step);
      out += step;
    } else {
      memcpy(fixed + out, "\xEF\xBF\xBD", 3);
      out += 3;
    }
    i += step;
  }
  JSValue result = JS_NewStringLen(ctx, fixed, out);
  free(fixed);
  return result;
}
