/* Clock and randomness. They come from WASI when the plug-in is built with
   --wasi; otherwise the link step answers WASI calls with ENOSYS inside the
   module and these natives say how to get them. At build time the clock
   reads a fixed instant and no seed is drawn, so nothing per-machine is
   frozen into the snapshot. */
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include "bridge.h"

static const char *const NEEDS_WASI =
    "%s needs WASI: build the plug-in with `extism-ts build --wasi` and run it with WASI on";

/* The instant Date sees while the bundle initializes at build time, so that
   builds are reproducible (SOURCE_DATE_EPOCH when the build sets it). */
static double build_instant_ms;

void wasi_set_build_instant(double milliseconds) { build_instant_ms = milliseconds; }

static int read_clock(clockid_t clock, double *milliseconds) {
  if (bridge_initializing()) {
    *milliseconds = build_instant_ms;
    return 0;
  }
  struct timespec now;
  if (clock_gettime(clock, &now) != 0) return -1;
  *milliseconds = (double)now.tv_sec * 1e3 + (double)now.tv_nsec / 1e6;
  return 0;
}

int64_t bridge_wall_clock_us(void) {
  double now;
  return read_clock(CLOCK_REALTIME, &now) ? 0 : (int64_t)(now * 1e3);
}

int bridge_clock_missing(JSContext *ctx) {
  double now;
  if (read_clock(CLOCK_REALTIME, &now) == 0) return 0;
  JS_ThrowInternalError(ctx, NEEDS_WASI, "the clock (Date.now, new Date)");
  return 1;
}

/* clock_now(): milliseconds since the Unix epoch. */
JSValue js_clock_now(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  (void)argv;
  double now;
  if (read_clock(CLOCK_REALTIME, &now)) return JS_ThrowInternalError(ctx, NEEDS_WASI, "the clock (Date.now, new Date)");
  return JS_NewFloat64(ctx, now);
}

/* clock_monotonic(): milliseconds on a monotonic clock (performance.now). */
JSValue js_clock_monotonic(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  (void)argv;
  double now;
  if (read_clock(CLOCK_MONOTONIC, &now)) return JS_ThrowInternalError(ctx, NEEDS_WASI, "the clock (performance.now)");
  return JS_NewFloat64(ctx, now);
}

/* random_fill(bytes): fill a byte array with cryptographic randomness. */
JSValue js_random_fill(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  size_t offset, length, element_size;
  JSValue buffer = JS_GetTypedArrayBuffer(ctx, argv[0], &offset, &length, &element_size);
  if (JS_IsException(buffer)) return buffer;
  size_t size;
  uint8_t *base = JS_GetArrayBuffer(ctx, &size, buffer);
  JS_FreeValue(ctx, buffer);
  if (!base) return JS_EXCEPTION;
  for (size_t done = 0; done < length; done += 256) {
    size_t chunk = length - done < 256 ? length - done : 256;
    if (getentropy(base + offset + done, chunk) != 0)
      return JS_ThrowInternalError(ctx, NEEDS_WASI, "randomness (crypto.getRandomValues)");
  }
  return JS_DupValue(ctx, argv[0]);
}

/* Math.random: xorshift128+, seeded on first use in each instance. With WASI
   the seed is random; without, every instance starts from the same seed (a
   plug-in without WASI has no entropy to draw on). */
static uint64_t random_state[2];
static int random_seeded;

static uint64_t next_random(void) {
  if (!random_seeded) {
    if (getentropy(random_state, sizeof(random_state)) != 0 || (random_state[0] | random_state[1]) == 0) {
      random_state[0] = 0x9E3779B97F4A7C15ull;
      random_state[1] = 0xD1B54A32D192ED03ull;
    }
    random_seeded = 1;
  }
  uint64_t s1 = random_state[0];
  const uint64_t s0 = random_state[1];
  random_state[0] = s0;
  s1 ^= s1 << 23;
  random_state[1] = s1 ^ s0 ^ (s1 >> 17) ^ (s0 >> 26);
  return random_state[1] + s0;
}

static JSValue js_math_random(JSContext *ctx, JSValueConst this_val, int argc, JSValueConst *argv) {
  (void)this_val;
  (void)argc;
  (void)argv;
  /* 53 random bits as a double in [0, 1). */
  return JS_NewFloat64(ctx, (double)(next_random() >> 11) * 0x1.0p-53);
}

void wasi_forget_seed(void) { random_seeded = 0; }

void wasi_install_math_random(JSContext *ctx) {
  JSValue global = JS_GetGlobalObject(ctx);
  JSValue math = JS_GetPropertyStr(ctx, global, "Math");
  JS_SetPropertyStr(ctx, math, "random", JS_NewCFunction(ctx, js_math_random, "random", 0));
  JS_FreeValue(ctx, math);
  JS_FreeValue(ctx, global);
}
