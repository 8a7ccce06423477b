import createClient from "openapi-fetch";

/**
 * A client for the Open Bank sandbox API. Every method is openapi-fetch's (`GET`, `POST`,
 * `DELETE`, …), typed by the API's OpenAPI paths in `schema.d.ts`; each call resolves to
 * `{ data, error, response }` and never throws on a 4xx/5xx (the problem+json body is `error`).
 *
 * @param {import("./index.js").SandboxClientOptions} options
 * @returns {import("./index.js").SandboxClient}
 */
export function createSandboxClient(options) {
  const { baseUrl, apiKey, accessToken, headers, ...rest } = options ?? {};
  if (typeof baseUrl !== "string" || !/^https?:\/\//.test(baseUrl)) {
    throw new TypeError("createSandboxClient: baseUrl must be the portal's origin, e.g. https://portal.example.com");
  }
  if (apiKey && accessToken) {
    throw new TypeError("createSandboxClient: pass apiKey or accessToken, not both (one Authorization header per call)");
  }
  const credential = accessToken ?? apiKey;
  return createClient({
    ...rest,
    // The OpenAPI paths carry the version (`/v1/...`): the base URL is the origin alone.
    baseUrl: baseUrl.replace(/\/+$/, ""),
    headers: { ...headers, ...(credential ? { Authorization: `Bearer ${credential}` } : {}) },
  });
}
