import type { Client, ClientOptions } from "openapi-fetch";
import type { components, paths } from "./schema";

export type { components, operations, paths } from "./schema";

/** The sandbox API's error body (RFC 9457 problem+json): `code`, `detail`, `requestId`, `errors[]`… */
export type Problem = components["schemas"]["Problem"];

/** A schema of the API by name, e.g. `Schema<"Payment">`. */
export type Schema<Name extends keyof components["schemas"]> = components["schemas"][Name];

export type SandboxClient = Client<paths>;

export interface SandboxClientOptions extends Omit<ClientOptions, "baseUrl"> {
  /** The portal's origin, e.g. `https://portal.example.com` (paths already start with `/v1`). */
  baseUrl: string;
  /** Your app's sandbox key, `sk_sandbox_…`, sent as `Authorization: Bearer …`. */
  apiKey?: string;
  /** A customer's consent access token, `oat_…` (OAuth authorization code + PKCE), instead of a key. */
  accessToken?: string;
}

/**
 * A client whose methods (`GET`, `POST`, `DELETE`, …) are openapi-fetch's, typed by the API's
 * OpenAPI paths: `const { data, error } = await bank.GET("/v1/accounts", { params: { query: { limit: 3 } } })`.
 */
export declare function createSandboxClient(options: SandboxClientOptions): SandboxClient;
