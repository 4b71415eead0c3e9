// jsonwebtoken on node:crypto: HS256 and RS256 sign and verify (deterministic
// signatures, compared byte for byte); ES256 and PS256 tokens Node made,
// verified with public keys and with certificates; a PS256 and an ES256 token
// signed in place and verified (their signatures are randomized); and the
// errors for a wrong secret and a tampered token.
import jwt from "jsonwebtoken";
import { ecCert, ecPkcs8, ecSpki, rsaCert, rsaPkcs1, rsaPkcs8, rsaSpki } from "./test-keys.js";

const clockTimestamp = 1700000100;
const es256FromNode = "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJlcyIsImlhdCI6MTcwMDAwMDAwMH0.5bUdMF4KESOo_7BqbHw_U_2d7JemJgNWQlVuH31H7AbtAxM8TxTxaw_UBLTbMnN2ugCmFUuQ8E8xOQQ-KXsIRQ";
const ps256FromNode =
  "eyJhbGciOiJQUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwcyIsImlhdCI6MTcwMDAwMDAwMH0.UZq0P-jMSQVdBeVvtpnPcS0VivdBkAaXsJ7f-KPl8yYpASO1F9kF__Yu5fAuCO2uOaNfSAT9D-7GqtR6wIx-lu2XOWFfh55N6gnunUusAXZVWnuDTPaiz6inh4JlsiSlPgnjLoqlO7bM92ZvKlt0e4wjpNcAGmxLf4XkBcTkEFY5ozfBUDWCY6NtE8yCcvPmONev9grqLm3mRiCZ5b1TqH1cg0GPLabGDekl-YvQ0neGXXA-YjeA4YLTnALNXpecfytUMLQdU_0zRW58SShhnysrkJqncn2SIHQXdV-5JVwslFsP1iz30q6kDEIGzSkR4eYawnhfMS83j1TQZG5Hmw";

function attempt(fn) {
  try {
    return fn();
  } catch (error) {
    return `${error.name}: ${error.message}`;
  }
}

export default function run() {
  const payload = { sub: "user-1", name: "Ada Lovelace", admin: true, iat: 1700000000, exp: 4102444800 };
  const hs256 = jwt.sign(payload, "a-shared-secret-of-some-length", { algorithm: "HS256", keyid: "hmac-1" });
  const rs256 = jwt.sign(payload, rsaPkcs8, { algorithm: "RS256", keyid: "rsa-1" });
  const rs256Pkcs1 = jwt.sign({ sub: "pkcs1", iat: 1700000000 }, rsaPkcs1, { algorithm: "RS512" });
  const ps256 = jwt.sign({ sub: "pss", iat: 1700000000 }, rsaPkcs8, { algorithm: "PS256" });
  const es256 = jwt.sign({ sub: "ecdsa", iat: 1700000000 }, ecPkcs8, { algorithm: "ES256" });
  const [header, body, signature] = rs256.split(".");
  const tampered = `${header}.${body}.${signature.slice(0, 10)}${signature[10] === "A" ? "B" : "A"}${signature.slice(11)}`;
  return JSON.stringify({
    hs256,
    rs256,
    rs256Pkcs1,
    verified: {
      hs256: jwt.verify(hs256, "a-shared-secret-of-some-length", { algorithms: ["HS256"], clockTimestamp }),
      rs256: jwt.verify(rs256, rsaSpki, { algorithms: ["RS256"], clockTimestamp }),
      rs512: jwt.verify(rs256Pkcs1, rsaSpki, { algorithms: ["RS512"], clockTimestamp }),
      es256FromNode: jwt.verify(es256FromNode, ecSpki, { algorithms: ["ES256"], clockTimestamp }),
      ps256FromNode: jwt.verify(ps256FromNode, rsaSpki, { algorithms: ["PS256"], clockTimestamp }),
      ps256: jwt.verify(ps256, rsaSpki, { algorithms: ["PS256"], clockTimestamp }),
      es256: jwt.verify(es256, ecSpki, { algorithms: ["ES256"], clockTimestamp }),
      rs256Certificate: jwt.verify(rs256, rsaCert, { algorithms: ["RS256"], clockTimestamp }),
      es256Certificate: jwt.verify(es256FromNode, ecCert, { algorithms: ["ES256"], clockTimestamp }),
    },
    decoded: jwt.decode(rs256, { complete: true }).header,
    wrongSecret: attempt(() => jwt.verify(hs256, "another-secret", { algorithms: ["HS256"], clockTimestamp })),
    tampered: attempt(() => jwt.verify(tampered, rsaSpki, { algorithms: ["RS256"], clockTimestamp })),
    wrongKeyType: attempt(() => jwt.verify(rs256, ecSpki, { algorithms: ["RS256"], clockTimestamp })),
  });
}
