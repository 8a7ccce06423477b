import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJwksFetcher } from "./fetch-jwks";

let server: Server;
let base: string;
let hits = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    hits++;
    if (request.url === "/jwks.json")
      return response.writeHead(200, { "content-type": "application/json" }).end('{"keys":[{"kty":"RSA","kid":"r1"}]}');
    if (request.url === "/huge") return response.writeHead(200).end(`{"keys":[${'"x",'.repeat(40_000)}"x"]}`);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("createJwksFetcher", () => {
  it("reads a JWK Set once and keeps it; a failure is null", async () => {
    const fetchJwks = createJwksFetcher({ allowLoopback: true });
    const before = hits;
    expect(await fetchJwks(`${base}/jwks.json`)).toEqual([{ kty: "RSA", kid: "r1" }]);
    expect(await fetchJwks(`${base}/jwks.json`)).toEqual([{ kty: "RSA", kid: "r1" }]);
    expect(hits - before).toBe(1);
    expect(await fetchJwks(`${base}/missing`)).toBeNull();
    expect(await fetchJwks(`${base}/huge`)).toBeNull();
    expect(await fetchJwks("ftp://tpp.example/jwks.json")).toBeNull();
  });

  it("never connects to a loopback address unless the portal itself is on this machine (SSRF guard)", async () => {
    const before = hits;
    const guarded = createJwksFetcher({ allowLoopback: false });
    expect(await guarded(`http://localhost:${new URL(base).port}/jwks.json`)).toBeNull();
    expect(await guarded(`${base}/jwks.json`)).toBeNull();
    expect(hits).toBe(before);
  });
});
