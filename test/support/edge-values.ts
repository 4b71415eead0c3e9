// The edge values of test/edge-matrix.test.ts, made the same way by the test
// and by its fixture plug-in (which imports this file), so that neither has
// to send the other 16 MiB just to say what it expects.

/** A named edge value, or `{ size }`: that many bytes (or ASCII characters) of the pattern. */
export type EdgeValue = "empty" | "one" | "nul" | "bad_utf8" | "1mib" | "16mib" | { size: number };

export const MiB = 1024 * 1024;

function sizeOf(value: EdgeValue): number | undefined {
  if (typeof value === "object") return value.size;
  return value === "1mib" ? MiB : value === "16mib" ? 16 * MiB : undefined;
}

/**
 * As bytes. Sized values are i & 0xff (what the test HTTP server's /bytes/<n>
 * sends): NUL bytes and ill-formed UTF-8 included.
 */
export function edgeBytes(value: EdgeValue): Uint8Array {
  const size = sizeOf(value);
  if (size !== undefined) {
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) bytes[i] = i & 0xff;
    return bytes;
  }
  switch (value) {
    case "empty":
      return new Uint8Array(0);
    case "one":
      return new Uint8Array([0x61]);
    case "nul":
      return new Uint8Array([0x00, 0x61, 0x00, 0x00, 0x62, 0x00]);
    default:
      // A stray continuation byte, an overlong "/", an encoded surrogate, a truncated sequence.
      return new Uint8Array([0x61, 0x80, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0x62, 0xe2, 0x82]);
  }
}

/**
 * As a string, for the places that take strings (log messages, config, keys,
 * headers). A string cannot hold ill-formed UTF-8: its counterpart is a lone
 * surrogate, which leaves the plug-in as U+FFFD (what TextEncoder writes).
 */
export function edgeText(value: EdgeValue): string {
  const size = sizeOf(value);
  if (size !== undefined) {
    const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    const text = alphabet.repeat(Math.ceil(size / alphabet.length));
    return text.slice(0, size);
  }
  switch (value) {
    case "empty":
      return "";
    case "one":
      return "a";
    case "nul":
      return "\0a\0\0b\0";
    default:
      return "a\ud800b\udc00c";
  }
}

/** edgeText's bytes as a plug-in sends them (lone surrogates as U+FFFD). */
export function edgeTextBytes(value: EdgeValue): Uint8Array {
  return new TextEncoder().encode(edgeText(value));
}

/**
 * A short fingerprint of bytes: their length and an FNV-1a hash of the first
 * and last 64 bytes and of at most 4096 evenly spaced ones in between; cheap
 * in a plug-in even for 16 MiB, and any wrong length or shifted block shows.
 */
export function fingerprint(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  const mix = (byte: number) => {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  };
  const length = bytes.length;
  const step = Math.max(1, Math.floor(length / 4096));
  for (let i = 0; i < Math.min(64, length); i++) mix(bytes[i]!);
  for (let i = 0; i < length; i += step) mix(bytes[i]!);
  for (let i = Math.max(0, length - 64); i < length; i++) mix(bytes[i]!);
  return `${length}:${hash.toString(16).padStart(8, "0")}`;
}
