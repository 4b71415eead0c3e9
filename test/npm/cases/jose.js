// jose on the plug-in's Web Crypto: EdDSA, HS256 and RS256 sign (deterministic
// signatures, compared byte for byte) and verify; ES256 and PS256 tokens Node
// made, verified; an A256GCM JWE Node made, decrypted; key import from PEM
// (spki, pkcs8) and JWK, and export back to JWK.
import * as jose from "jose";
import { ecJwk, ecSpki, edJwk, edPkcs8, edSpki, rsaPkcs8, rsaSpki } from "./test-keys.js";

const currentDate = new Date(1700000100000);
const es256FromNode = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJlcyIsImlhdCI6MTcwMDAwMDAwMH0.n6F6sb5WfFRphnykCATBVnBBWMrWgCXNPLiGwa9ESJXO3zAcSD-riab5RYivesbubJ1bGID0QlZhuIOuIFQNNw";
const ps256FromNode =
  "eyJhbGciOiJQUzI1NiJ9.eyJzdWIiOiJwcyIsImlhdCI6MTcwMDAwMDAwMH0.IIF2-NGbz0u26DfQvta1PsI25NXnl6Arvy3ugc7j6u2CPqinIKzPZLcPpaJNc9ZWf5NrtyWfLyAGe8R0cvCNW54lnzk6_UVU34KA8UDP7tQnrdXR3VP5FhFefB33L218jWZWI2PPPY5smGyx1WBaF3ANrTsuCiaNDVI5HvsoStX5NYV0mbrojFeMcXex-nR4rXRo4yKDgFQ4I9JPcauVTHEUC4htX8fgVKZKcjNrElmNgdri3ycNU6KSbckANgZfqT6yWrye8aHmYDkvI34fdZ-mi6HBNoAE5Wo59HO2k-Uh1gqnJw6HMuErSlg7aQOmOuILtb7RKAkmJYvXXDe49g";
const jweFromNode = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..W840RJOvLN33QVz2.9VCSfMBzXOBvDnLWDwxpONfCc_bDd7aA0bVfpW4K3MI.oK_L3cklRuLLq4KewszLqQ";
const secret = new TextEncoder().encode("0123456789abcdef0123456789abcdef");

async function attempt(fn) {
  try {
    return await fn();
  } catch (error) {
    return `${error.code}: ${error.message}`;
  }
}

export default async function run() {
  const claims = { sub: "user-1", scope: "read write" };
  const edPrivate = await jose.importPKCS8(edPkcs8, "EdDSA");
  const edPublic = await jose.importSPKI(edSpki, "EdDSA");
  const eddsa = await new jose.SignJWT(claims).setProtectedHeader({ alg: "EdDSA", kid: "ed-1" }).setIssuedAt(1700000000).setExpirationTime(1800000000).sign(edPrivate);
  const hs256 = await new jose.SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setIssuedAt(1700000000).sign(secret);
  const rs256 = await new jose.SignJWT(claims).setProtectedHeader({ alg: "RS256" }).setIssuedAt(1700000000).sign(await jose.importPKCS8(rsaPkcs8, "RS256"));
  const verify = async (token, key, alg) => (await jose.jwtVerify(token, key, { algorithms: [alg], currentDate })).payload;
  const [header, body, signature] = eddsa.split(".");
  const tampered = `${header}.${body}.${signature.slice(0, 5)}${signature[5] === "A" ? "B" : "A"}${signature.slice(6)}`;
  const decrypted = await jose.compactDecrypt(jweFromNode, secret);
  return JSON.stringify({
    eddsa,
    hs256,
    rs256,
    verified: {
      eddsa: await verify(eddsa, edPublic, "EdDSA"),
      eddsaJwk: await verify(eddsa, await jose.importJWK(edJwk, "EdDSA"), "EdDSA"),
      hs256: await verify(hs256, secret, "HS256"),
      rs256: await verify(rs256, await jose.importSPKI(rsaSpki, "RS256"), "RS256"),
      es256: await verify(es256FromNode, await jose.importSPKI(ecSpki, "ES256"), "ES256"),
      es256Jwk: await verify(es256FromNode, await jose.importJWK(ecJwk, "ES256"), "ES256"),
      ps256: await verify(ps256FromNode, await jose.importSPKI(rsaSpki, "PS256"), "PS256"),
    },
    decrypted: [new TextDecoder().decode(decrypted.plaintext), decrypted.protectedHeader],
    exported: await jose.exportJWK(edPublic),
    tampered: await attempt(() => verify(tampered, edPublic, "EdDSA")),
    wrongSecret: await attempt(() => verify(hs256, new TextEncoder().encode("another secret of some length ok"), "HS256")),
    expired: await attempt(() => jose.jwtVerify(eddsa, edPublic, { currentDate: new Date(1900000000000) })),
  });
}
