import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../env", () => ({ env: () => ({ BANK_URL: "http://bank.test", PORTAL_URL: "http://portal.test" }) }));

/** A response whose headers arrived but whose body outlives the request's timeout. */
function bodyTimesOut(): Response {
  const response = new Response("{}", { status: 200 });
  vi.spyOn(response, "json").mockRejectedValue(new DOMException("The operation was aborted due to timeout", "TimeoutError"));
  return response;
}

describe("getOpenApiDocument", () => {
  // Unit files share a worker's module cache: start from a fresh module (and its cache) bound to the mocked env.
  beforeEach(() => vi.resetModules());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it("turns a body that times out into bank_unavailable (the docs render their 'unavailable' notice, not a 500)", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => bodyTimesOut()),
    );
    const { getOpenApiDocument } = await import("./get-openapi-document");
    await expect(getOpenApiDocument()).rejects.toMatchObject({ code: "bank_unavailable" });
  });

  it("serves the last document while the bank is slow or failing", async () => {
    const fetch = vi.fn(async () => Response.json({ openapi: "3.1.0", paths: {} }));
    vi.stubGlobal("fetch", fetch);
    vi.useFakeTimers({ toFake: ["Date"] });
    const { getOpenApiDocument } = await import("./get-openapi-document");
    const first = await getOpenApiDocument();
    expect(first.servers).toEqual([{ url: "http://portal.test", description: "Sandbox" }]);
    vi.setSystemTime(Date.now() + 61_000);
    fetch.mockImplementation(async () => bodyTimesOut());
    await expect(getOpenApiDocument()).resolves.toBe(first);
    fetch.mockImplementation(async () => new Response("down", { status: 503 }));
    await expect(getOpenApiDocument()).resolves.toBe(first);
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it("serves a standard's document with this portal under the path the bank's server names", async () => {
    const fetch = vi.fn(async (url: URL) =>
      Response.json({
        openapi: "3.1.0",
        servers: [{ url: "http://bank-was-told.example/open-banking/v4.0", description: "Sandbox" }],
        paths: {},
        url: String(url),
      }),
    );
    vi.stubGlobal("fetch", fetch);
    const { getOpenApiDocument } = await import("./get-openapi-document");
    const document = await getOpenApiDocument("uk-open-banking");
    expect(String(fetch.mock.calls[0][0])).toBe("http://bank.test/openapi/uk-open-banking.json");
    expect(document.servers).toEqual([{ url: "http://portal.test/open-banking/v4.0", description: "Sandbox" }]);
    // Cached per document: the sandbox API's is its own.
    await getOpenApiDocument();
    expect(String(fetch.mock.calls[1][0])).toBe("http://bank.test/openapi.json");
  });
});
