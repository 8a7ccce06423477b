import type { AppError } from "@openbank/contracts/errors";

/** Read access to request or response headers (lower-case names); Web `Headers` is one. */
export type HeaderMap = { get(name: string): string | null } & Iterable<[string, string]>;

/** The request body as the fast path read it: absent for GET/HEAD or empty, or refused as too large. */
export type BodyRead = { ok: true; body: Buffer | undefined } | { ok: false; error: AppError };

/**
 * One call as a gateway pipeline sees it. The custom server's fast path
 * (lib/gateway/fast-path.ts) builds it from Node's request; it owns reading the body and the
 * surface's size limit, so a pipeline reads the body once, when it needs it, and gets a value.
 */
export type GatewayCall = {
  method: string;
  /** Path and query as received (dot segments resolved), e.g. "/v1/accounts?limit=1". */
  path: string;
  headers: HeaderMap;
  readBody(): Promise<BodyRead>;
};

/** A pipeline's answer; HEAD answers carry headers and no body. */
export type GatewayResult = { status: number; headers: Headers; body: Buffer | string | null };

/** A gateway surface (the sandbox API, the authorization server): a call in, an answer out. */
export type Pipeline = (call: GatewayCall) => Promise<GatewayResult>;
