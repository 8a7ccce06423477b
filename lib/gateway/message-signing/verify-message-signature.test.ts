import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { OB, signDetached, tppSigningKey } from "@/tests/support/uk-message-signing";
import { verifyMessageSignature } from "./verify-message-signature";

// The UK profile's "Process for Verifying a Signature", one refusal per rule, each with the
// 4.0 error name (and the claim in `path`) a TPP would get from a real bank.
const tpp = tppSigningKey("tpp-sig-1");
const other = tppSigningKey("tpp-sig-1");
const ISS = "team_1/app_1";
const TAN = "portal.test";
const body = Buffer.from(JSON.stringify({ Data: { Initiation: { InstructedAmount: { Amount: "10.00", Currency: "GBP" } } }, Risk: {} }));
const key = { privateKey: tpp.privateKey, kid: "tpp-sig-1" };

const verify = (signature: string | null, options: { body?: Buffer; keys?: object[] } = {}) =>
  verifyMessageSignature({
    signature,
    body: options.body ?? body,
    keys: (options.keys ?? [tpp.publicJwk]) as never,
    issuers: [ISS, "cli_AAAAAAAAAAAAAAAAAAAAAA"],
    trustAnchor: TAN,
  });
const sign = (
  options: { header?: Record<string, unknown>; b64?: false; iss?: string; tan?: string; alg?: string; with?: typeof key } = {},
) =>
  signDetached(body, options.with ?? key, {
    iss: options.iss ?? ISS,
    tan: options.tan ?? TAN,
    header: options.header,
    b64: options.b64,
    alg: options.alg,
  });

describe("verifyMessageSignature", () => {
  it("accepts a 4.0 detached signature of the body as sent, and the 3.1.3 form (b64 false, critical)", async () => {
    expect(await verify(await sign())).toEqual({ ok: true, kid: "tpp-sig-1" });
    expect(await verify(await sign({ b64: false }))).toEqual({ ok: true, kid: "tpp-sig-1" });
    // The client id is an accepted iss too.
    expect(await verify(await sign({ iss: "cli_AAAAAAAAAAAAAAAAAAAAAA" }))).toMatchObject({ ok: true });
    // Optional members may be left out.
    expect(await verify(await sign({ header: { typ: undefined, cty: undefined } }))).toMatchObject({ ok: true });
  });

  it("refuses a missing signature (U019) and a malformed one (U018)", async () => {
    expect(await verify(null)).toMatchObject({ ok: false, name: "UK.OBIE.Signature.Missing" });
    const attached = (await sign()).replace("..", `.${body.toString("base64url")}.`);
    for (const signature of ["nonsense", attached, "e30", "!!!..abc", `${Buffer.from("[1]").toString("base64url")}..abc`]) {
      expect(await verify(signature), signature).toMatchObject({ ok: false, name: "UK.OBIE.Signature.Malformed" });
    }
  });

  it("refuses a tampered body, or a signature by a key other than the registered one (U015)", async () => {
    const signature = await sign();
    expect(await verify(signature, { body: Buffer.from(body.toString().replace("10.00", "1000.00")) })).toMatchObject({
      ok: false,
      name: "UK.OBIE.Signature.Invalid",
    });
    // Re-serialised JSON is a different body: the signature covers the bytes sent.
    expect(await verify(signature, { body: Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 2)) })).toMatchObject({
      ok: false,
      name: "UK.OBIE.Signature.Invalid",
    });
    const forged = await sign({ with: { privateKey: other.privateKey, kid: "tpp-sig-1" } });
    expect(await verify(forged)).toMatchObject({ ok: false, name: "UK.OBIE.Signature.Invalid" });
  });

  it("names the missing claim (U017) and the invalid one (U016) in path", async () => {
    const cases: [Parameters<typeof sign>[0], string, string][] = [
      [{ header: { kid: undefined } }, "UK.OBIE.Signature.MissingClaim", "kid"],
      [{ header: { [OB.iat]: undefined, crit: [OB.iss, OB.tan] } }, "UK.OBIE.Signature.MissingClaim", OB.iat],
      [{ header: { [OB.tan]: undefined, crit: [OB.iat, OB.iss] } }, "UK.OBIE.Signature.MissingClaim", OB.tan],
      [{ header: { crit: [OB.iat, OB.iss] } }, "UK.OBIE.Signature.MissingClaim", "crit"],
      [{ alg: "RS256" }, "UK.OBIE.Signature.InvalidClaim", "alg"],
      [{ header: { kid: "someone-else" } }, "UK.OBIE.Signature.InvalidClaim", "kid"],
      [{ iss: "team_2/app_2" }, "UK.OBIE.Signature.InvalidClaim", OB.iss],
      [{ tan: "openbanking.org.uk" }, "UK.OBIE.Signature.InvalidClaim", OB.tan],
      [{ header: { [OB.iat]: Math.floor(Date.now() / 1000) + 3600 } }, "UK.OBIE.Signature.InvalidClaim", OB.iat],
      [{ header: { [OB.iat]: "yesterday" } }, "UK.OBIE.Signature.InvalidClaim", OB.iat],
      [{ header: { typ: "JWT" } }, "UK.OBIE.Signature.InvalidClaim", "typ"],
      [{ header: { b64: true, crit: [OB.iat, OB.iss, OB.tan, "b64"] } }, "UK.OBIE.Signature.InvalidClaim", "b64"],
    ];
    for (const [options, name, path] of cases) {
      const verdict = await verify(await sign(options));
      expect(verdict, JSON.stringify(options)).toMatchObject({ ok: false, name, path });
      expect((verdict as { detail: string }).detail.length).toBeGreaterThan(10);
    }
  });

  it("refuses a kid whose registered key is not RSA (PS256 needs one)", async () => {
    const { publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const ecJwk = { ...(publicKey.export({ format: "jwk" }) as object), kid: "tpp-sig-1" };
    expect(await verify(await sign(), { keys: [ecJwk] })).toMatchObject({ ok: false, name: "UK.OBIE.Signature.InvalidClaim", path: "kid" });
  });
});
