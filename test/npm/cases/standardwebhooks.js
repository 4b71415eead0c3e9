// Standard Webhooks (the signature scheme Svix and others send): HMAC-SHA256
// over "id.timestamp.payload", signed and verified, with what verification
// refuses. Verification compares the timestamp with the clock (--wasi).
import { Webhook, WebhookVerificationError } from "standardwebhooks";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

export default function run() {
  const webhook = new Webhook(SECRET);
  const payload = JSON.stringify({ type: "invoice.paid", data: { id: 42, amount: 1999, note: "Grüße ✓" } });
  const id = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
  const fixed = webhook.sign(id, new Date(1700000000000), payload);
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const headers = (signature, timestamp = now) => ({ "webhook-id": id, "webhook-timestamp": String(timestamp.getTime() / 1000), "webhook-signature": signature });
  const attempt = (action) => {
    try {
      return JSON.stringify(action());
    } catch (error) {
      return `${error instanceof WebhookVerificationError ? "refused" : "error"}: ${error.message}`;
    }
  };
  const signature = webhook.sign(id, now, payload);
  return [
    fixed,
    new Webhook("dGVzdA==", {}).sign("msg_1", new Date(0), ""),
    new Webhook("raw key", { format: "raw" }).sign("msg_1", new Date(1e12), "{}"),
    attempt(() => webhook.verify(payload, headers(signature))),
    attempt(() => webhook.verify(payload, headers(`v1,bogus ${signature}`))),
    attempt(() => webhook.verify(payload.replace("1999", "1"), headers(signature))),
    attempt(() => new Webhook("whsec_b3RoZXI=").verify(payload, headers(signature))),
    attempt(() => webhook.verify(payload, headers(webhook.sign(id, new Date(now.getTime() - 3600000), payload), new Date(now.getTime() - 3600000)))),
    attempt(() => webhook.verify(payload, { "webhook-id": id })),
  ].join("\n");
}
