import type { z } from "zod";
import type { BankErrorCode, PortalErrorCode } from "@openbank/contracts/errors";
import type { Action } from "@/lib/teams/permissions";
import type { TokenScope } from "@/lib/tokens/personal-access-token";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/**
 * Who may call an operation, checked by `handle` before the handler runs:
 * - `public`: no session (sign-up, health);
 * - `session`: any signed-in developer;
 * - `{ app: action }`: a member of the app's team (`{appId}` in the path) whose role allows the action;
 * - `{ team: action }`: a member of the team (`{teamId}` in the path) whose role allows the action;
 * - `platform-admin`: a platform admin; everyone else gets the 404 of an unknown route.
 * Apps and teams of others answer 404, never 403, so ids cannot be probed.
 */
export type Access = "public" | "session" | "platform-admin" | { app: Action } | { team: Action };

type ZodObjectLike = z.ZodType<Record<string, unknown>>;

export type OperationSpec = {
  method: HttpMethod;
  /** The OpenAPI path: `/api/apps/{appId}/keys` (the route file lives at `app/api/apps/[appId]/keys/route.ts`). */
  path: string;
  operationId: string;
  /** The reference's group: Apps, Keys, Teams, Webhooks… */
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  /** Path parameters (strings); validated into `params`. */
  params?: ZodObjectLike;
  /** Query parameters; validated into `query`, errors point at `/query/...`. */
  query?: ZodObjectLike;
  /** The JSON body; validated into `body`, errors point at `/body/...`. */
  body?: z.ZodType;
  /** A body larger than the 1 MiB forms are limited to (an uploaded file): its limit in bytes. */
  maxBodyBytes?: number;
  /** The success answer: its status, and the schema of its JSON body (none for 204). */
  success: {
    status: 200 | 201 | 202 | 204;
    description: string;
    schema?: z.ZodType;
    /**
     * A stream instead of one JSON body (served by `handleStream`): Server-Sent Events. `schema`
     * then describes one event's `data`.
     */
    stream?: "text/event-stream";
  };
  /**
   * A sensitive action (keys, secrets, ownership, email): the session must have proved who it is
   * (sign-in or `POST /api/account/step-up`) in the last 10 minutes, or the answer is 403
   * `step_up_required`.
   */
  stepUp?: true;
  /**
   * Whether a personal access token (`Authorization: Bearer pat_…`, the CLI's and CI's
   * credential) may call it; without a declaration, `acceptsTokens` decides from `access`.
   * Browser-only operations (account security, the tokens API itself, step-up, platform admin)
   * answer a token with 403 `token_not_allowed`.
   */
  tokens?: boolean;
  /**
   * The scope a personal access token needs: by default `read` for GET and `write` for anything
   * else. `read` on a mutation: any working token may call it (`DELETE /api/tokens/current`, a
   * token revoking itself, which `openbank logout` must be able to do whatever the token's scope).
   */
  tokenScope?: TokenScope;
  /**
   * An RFC surface instead of the portal API's conventions (the device grant, RFC 8628): its route
   * is `handleOAuthForm`, which reads a form body (`application/x-www-form-urlencoded`, JSON
   * accepted too) against `body`, and answers failures as RFC 6749 §5.2 error objects
   * (`{"error", "error_description"}`, status 400) with these codes. Only what lies outside the
   * RFC (a cross-site browser, an oversized body, a throttle, a bug) stays problem+json.
   */
  oauthErrors?: readonly string[];
  /**
   * Needs a verified email address (inviting members, requesting production access): 403
   * `email_unverified` until the developer has opened the link we emailed them.
   */
  verifiedEmail?: true;
  /**
   * Problems this operation answers besides the ones its access, params and body imply. A bank
   * code is one the portal passes through from its internal bank call (the Sandbox tab's).
   */
  errors?: readonly (PortalErrorCode | BankErrorCode)[];
};

/** An operation of the portal's own API: one declaration read by the route, the document, the client and the route walk. */
export type Operation<Spec extends OperationSpec = OperationSpec> = Spec & { readonly kind: "portal-operation" };

/**
 * Declares an operation. The declaration is the contract: `handle(operation, fn)` validates
 * against it, `/api/openapi.json` publishes it, and the typed client is generated from that.
 */
export function defineOperation<const Spec extends OperationSpec>(spec: Spec): Operation<Spec> {
  return { ...spec, kind: "portal-operation" };
}

/**
 * Whether a personal access token may call the operation. Declared with `tokens`, else:
 * - an app's operations (`{ app: action }`): yes, what the CLI manages (keys, webhooks, logs, sandbox);
 * - a team's: reading only (members, policies, invitations and ownership stay in the browser);
 * - `session` operations: no (the account's security pages), unless declared `tokens: true`;
 * - `platform-admin` never, whatever is declared; `public` ones need no credential at all.
 */
export function acceptsTokens(operation: Pick<OperationSpec, "access" | "method" | "tokens">): boolean {
  const { access } = operation;
  if (access === "platform-admin" || access === "public") return false;
  if (operation.tokens !== undefined) return operation.tokens;
  if (typeof access === "object" && "app" in access) return true;
  if (typeof access === "object" && "team" in access) return operation.method === "GET";
  return false;
}

/** The scope a personal access token needs to call the operation (see `tokenScope`). */
export function requiredTokenScope(operation: Pick<OperationSpec, "method" | "tokenScope">): TokenScope {
  return operation.tokenScope ?? (operation.method === "GET" ? "read" : "write");
}

/** Whether the operation changes state (and so is refused cross-site, and is in the role table). */
export function isMutation(operation: Pick<OperationSpec, "method">): boolean {
  return operation.method !== "GET";
}
