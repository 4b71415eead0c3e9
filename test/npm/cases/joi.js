// joi's browser build is cut down: describe() and build() throw "Manifest functionality disabled".
import Joi from "joi";

export default function run() {
  const schema = Joi.object({
    name: Joi.string().min(2).max(20).required(),
    age: Joi.number().integer().min(0),
    email: Joi.string().email({ tlds: false }),
    tags: Joi.array().items(Joi.string()).unique(),
  });
  const good = schema.validate({ name: "Ada", age: 36, email: "ada@example.com", tags: ["a", "b"] });
  const bad = schema.validate({ name: "A", age: -1.5, email: "nope", tags: ["a", "a"] }, { abortEarly: false });
  const described = schema.describe();
  const rebuilt = Joi.build(described).validate({ name: "Bo" });
  return JSON.stringify({ good: good.value, errors: bad.error.details.map((d) => [d.path.join("."), d.type, d.message]), described, rebuilt: rebuilt.error?.message ?? null });
}
