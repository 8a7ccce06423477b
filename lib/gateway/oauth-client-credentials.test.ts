import { describe, expect, it } from "vitest";
import { readClientCredentials } from "./oauth-client-credentials";

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;

describe("readClientCredentials", () => {
  it("reads HTTP Basic, form-decoding both parts", () => {
    expect(readClientCredentials(basic("cli_1", "s:e c+ret"), new URLSearchParams())).toEqual({
      ok: true,
      clientId: "cli_1",
      secret: "s:e c+ret",
      method: "basic",
    });
  });

  it("reads client_secret_post", () => {
    expect(readClientCredentials(null, new URLSearchParams({ client_id: "cli_1", client_secret: "s" }))).toEqual({
      ok: true,
      clientId: "cli_1",
      secret: "s",
      method: "post",
    });
  });

  it("refuses two methods at once, mismatched ids and repeats as invalid_request", () => {
    expect(readClientCredentials(basic("cli_1", "s"), new URLSearchParams({ client_secret: "s" }))).toMatchObject({
      ok: false,
      error: "invalid_request",
    });
    expect(readClientCredentials(basic("cli_1", "s"), new URLSearchParams({ client_id: "cli_2" }))).toMatchObject({
      ok: false,
      error: "invalid_request",
    });
    expect(readClientCredentials(null, new URLSearchParams("client_id=a&client_id=b&client_secret=s"))).toMatchObject({
      ok: false,
      error: "invalid_request",
    });
  });

  it("answers missing or malformed credentials with invalid_client", () => {
    expect(readClientCredentials(null, new URLSearchParams({ client_id: "cli_1" }))).toMatchObject({ ok: false, error: "invalid_client" });
    expect(readClientCredentials("Basic !!!", new URLSearchParams())).toMatchObject({ ok: false, error: "invalid_client" });
    expect(readClientCredentials(`Basic ${Buffer.from("no-colon").toString("base64")}`, new URLSearchParams())).toMatchObject({
      ok: false,
      error: "invalid_client",
    });
    expect(readClientCredentials("Bearer x", new URLSearchParams())).toMatchObject({ ok: false, error: "invalid_client" });
  });
});
