import Ajv from "ajv";

const ajv = new Ajv({ allErrors: true });
const validate = ajv.compile({
  type: "object",
  properties: { id: { type: "integer", minimum: 1 }, name: { type: "string", minLength: 1 }, kind: { enum: ["a", "b"] } },
  required: ["id", "name"],
  additionalProperties: false,
});

export default function run() {
  const inputs = [{ id: 1, name: "x", kind: "a" }, { id: 0, name: "", extra: true }, { name: 5, kind: "c" }];
  return JSON.stringify(inputs.map((input) => [validate(input), validate.errors?.map((e) => `${e.instancePath} ${e.message}`) ?? null]));
}
