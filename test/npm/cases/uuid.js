import { v5, v3, validate, version, parse, stringify, NIL } from "uuid";

export default function run() {
  const id = v5("https://example.com/a", v5.URL);
  return JSON.stringify([id, v3("hello", v3.DNS), validate(id), version(id), stringify(parse(id)), NIL]);
}
