import protobuf from "protobufjs/light.js";

const root = protobuf.Root.fromJSON({
  nested: {
    Person: { fields: { name: { type: "string", id: 1 }, id: { type: "int32", id: 2 }, emails: { rule: "repeated", type: "string", id: 3 }, score: { type: "double", id: 4 }, big: { type: "int64", id: 5 } } },
  },
});
const Person = root.lookupType("Person");

export default function run() {
  const bytes = Person.encode(Person.create({ name: "Ada Lovelace", id: 1815, emails: ["ada@example.com", "a@b.c"], score: 3.25, big: 2 ** 40 })).finish();
  const decoded = Person.toObject(Person.decode(bytes), { longs: String });
  return JSON.stringify([Array.from(bytes).join(","), decoded]);
}
