import YAML from "yaml";

const text = "name: demo\nversion: 1.2\nlist:\n  - a\n  - { b: [1, 2], c: ~ }\nwhen: 2024-01-02\nmulti: |\n  line one\n  line two\nanchors:\n  base: &b { x: 1 }\n  copy: *b\n";

export default function run() {
  const doc = YAML.parse(text);
  return JSON.stringify(doc) + "\n" + YAML.stringify({ ...doc, extra: [true, null, "a: b"] });
}
