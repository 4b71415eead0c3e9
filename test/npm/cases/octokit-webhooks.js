// GitHub webhook signatures with @octokit/webhooks-methods: Node takes its
// node:crypto build (createHmac, timingSafeEqual), a plug-in its web build
// (crypto.subtle's HMAC); both must agree.
import { sign, verify, verifyWithFallback } from "@octokit/webhooks-methods";

export default async function run() {
  const secret = "It's a Secret to Everybody";
  const payload = JSON.stringify({ action: "opened", number: 42, repository: { full_name: "octo/hello" } });
  const signature = await sign(secret, payload);
  return JSON.stringify({
    signature,
    known: await sign(secret, "Hello, World!"),
    verified: [
      await verify(secret, payload, signature),
      await verify(secret, payload.replace("42", "43"), signature),
      await verify("another secret", payload, signature),
      await verify(secret, payload, signature.replace(/.$/, (c) => (c === "0" ? "1" : "0"))),
      await verifyWithFallback("old secret", payload, signature, ["older", secret]),
    ],
  });
}
