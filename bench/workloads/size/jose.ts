// jose: sign a JWT with HS256 and verify it again.
import { plugin } from "@extism-ts/pdk";
import { json, string } from "@extism-ts/convert";
import { SignJWT, jwtVerify } from "jose";

const secret = new TextEncoder().encode("a secret of at least thirty-two bytes");

export const token = plugin(json<{ sub: string }>(), string, async ({ sub }) => {
  const jwt = await new SignJWT({ role: "reader" }).setProtectedHeader({ alg: "HS256" }).setSubject(sub).sign(secret);
  const { payload } = await jwtVerify(jwt, secret);
  return `${payload.sub}:${payload.role}`;
});
