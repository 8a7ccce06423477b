import { execFileSync } from "node:child_process";
import { constants, createPublicKey, sign, verify } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { messageSigningKey } from "./message-signing-key";

const SECRET = "internal-secret-for-tests-0123456789abcdef";

describe("messageSigningKey", () => {
  it("is an RSA 2048 key (PS256) whose published half has no private member", () => {
    const key = messageSigningKey(SECRET);
    expect(key.privateKey.asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
    expect(Object.keys(key.publicJwk).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
    expect(key.publicJwk).toMatchObject({ kty: "RSA", alg: "PS256", use: "sig", kid: key.kid });
    const data = Buffer.from("payment answer");
    const pss = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    const signature = sign("sha256", data, { key: key.privateKey, ...pss });
    expect(verify("sha256", data, { key: createPublicKey({ key: key.publicJwk, format: "jwk" }), ...pss }, signature)).toBe(true);
  });

  it("is the same key in every process holding the secret, and another key for another secret", () => {
    const script = `import { messageSigningKey } from ${JSON.stringify(path.resolve(__dirname, "message-signing-key.ts"))}; console.log(messageSigningKey(${JSON.stringify(SECRET)}).kid);`;
    const elsewhere = execFileSync(path.resolve("node_modules/.bin/tsx"), ["--eval", script], { encoding: "utf8" }).trim();
    expect(elsewhere).toBe(messageSigningKey(SECRET).kid);
    expect(messageSigningKey(`${SECRET}-rotated`).kid).not.toBe(messageSigningKey(SECRET).kid);
  });
});
