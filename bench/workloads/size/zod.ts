// zod: validate a JSON order against a schema, answer the parsed value or the issues.
import { plugin } from "@extism-ts/pdk";
import { json } from "@extism-ts/convert";
import { z } from "zod";

const Order = z.object({
  id: z.string().uuid(),
  email: z.string().email(),
  items: z.array(z.object({ sku: z.string().min(1), quantity: z.number().int().positive() })).min(1),
  note: z.string().max(200).optional(),
});

export const validate = plugin(json<unknown>(), json<unknown>(), (input) => {
  const result = Order.safeParse(input);
  return result.success ? { ok: true, order: result.data } : { ok: false, issues: result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) };
});
