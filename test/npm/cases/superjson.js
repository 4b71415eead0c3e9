import SuperJSON from "superjson";

class ValidationError extends Error {}
SuperJSON.registerClass(ValidationError, { identifier: "ValidationError" });

export default function run() {
  const failure = new Error("disk full");
  failure.name = "StorageError";
  const value = {
    when: new Date(Date.UTC(2024, 1, 29, 12, 30)),
    ids: new Set([3, 1, 2]),
    totals: new Map([["a", 1n], ["b", 2n ** 70n]]),
    pattern: /^v(\d+)$/giu,
    missing: [undefined, NaN, -0, Infinity],
    failure,
    nested: { error: new TypeError("bad input") },
  };
  const { json, meta } = SuperJSON.serialize(value);
  const back = SuperJSON.deserialize({ json, meta });
  const text = SuperJSON.stringify({ custom: Object.assign(new ValidationError("too short"), { field: "name" }) });
  const custom = SuperJSON.parse(text).custom;
  // Errors come back as errors: name, message, and a stack set to what was serialized (nothing).
  const describe = (error) => [error instanceof Error, error.name, error.message, typeof error.stack];
  return JSON.stringify({
    json,
    meta,
    back: [back.when.toISOString(), [...back.ids], [...back.totals].map(([k, v]) => [k, String(v)]), String(back.pattern), back.missing.map(String)],
    errors: [describe(back.failure), describe(back.nested.error), describe(custom), custom instanceof ValidationError],
    text,
  });
}
