import { plugin } from "@extism-ts/pdk";
import { f32, f64, i32, i64 } from "@extism-ts/convert";

// Numbers travel as little-endian bytes of exactly their type's width, as in
// the Rust PDK (`to_le_bytes`): f32 and i32 are 4 bytes, f64 and i64 are 8.
// Any other input length fails the call before the function runs.

/** An f32 in, that number plus 3.14 out as an f64. */
export const add_pi = plugin(f32, f64, (x) => x + 3.14);

/** An i32 in, that number plus 42 out as an i64 (a bigint in TypeScript). */
export const sum_42 = plugin(i32, i64, (x) => BigInt(x) + 42n);
