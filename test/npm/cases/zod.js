import { z } from "zod";

const User = z.object({ name: z.string().min(2), email: z.string().email(), age: z.number().int().positive().optional(), tags: z.array(z.string()).max(3) });

export default function run() {
  const good = User.safeParse({ name: "Ada", email: "ada@example.com", age: 36, tags: ["math"] });
  const bad = User.safeParse({ name: "A", email: "nope", age: -1, tags: ["a", "b", "c", "d"] });
  return JSON.stringify({ good, issues: bad.error.issues.map((issue) => [issue.path.join("."), issue.code, issue.message]) });
}
