// Random values both rmp-serde and JS agree on, for msgpack property tests in
// Node and through plug-ins. "__proto__" is left out: msgpackr renames that key
// (to "__proto_") so that decoding cannot replace an object's prototype. Not shipped.
import fc from "fast-check";
import type { RmpValue } from "./rmp.js";

export function msgpackValues(maxItems: number): fc.Arbitrary<RmpValue> {
  const key = fc.string({ unit: "binary", maxLength: 12 }).filter((k) => k !== "__proto__");
  const leaf = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.maxSafeInteger(),
    fc.double().filter((x) => !Object.is(x, -0)),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }),
    fc.string({ unit: "binary" }),
    fc.uint8Array({ maxLength: 40 }),
  );
  return fc.letrec<{ value: RmpValue }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc.array(tie("value"), { maxLength: maxItems }),
      fc.dictionary(key, tie("value"), { maxKeys: maxItems }),
    ),
  })).value;
}
