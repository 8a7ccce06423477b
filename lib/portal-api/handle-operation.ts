import type { Role } from "@prisma/client";
import type { z } from "zod";
import { AppError, catalog } from "@openbank/contracts/errors";
import { PRIVATE_NO_STORE } from "@openbank/contracts/problem";
import { assertPlatformAdmin } from "@/lib/admin/require-platform-admin";
import { requireAppAccess } from "@/lib/apps/require-app-access";
import { auditActor, type AuditActor } from "@/lib/audit/audit-actor";
import type { UserDto } from "@/lib/auth/types";
import { env } from "@/lib/env";
import { readJson } from "@/lib/http/read-json";
import { getCurrentSession, type CurrentSession } from "@/lib/sessions/current-session";
import { recentlyVerified } from "@/lib/sessions/session-store";
import { toAppError, withErrors, zodIssuesToFieldErrors } from "@/lib/http/route-handler";
import { sseResponse, type SseMessage } from "@/lib/http/server-sent-events";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { requireTeamAccess, type TeamAccess } from "@/lib/teams/require-team-access";
import { authenticateToken, invalidTokenError, type TokenPrincipal } from "@/lib/tokens/authenticate-token";
import { bearerToken, type TokenScope } from "@/lib/tokens/personal-access-token";
import { acceptsTokens, isMutation, requiredTokenScope, type Operation, type OperationSpec } from "./define-operation";

type Output<T> = T extends z.ZodType ? z.output<T> : undefined;

/** `acceptsTokens` at the type level: a handler that may be called with a token gets no session to rely on. */
type AcceptsTokens<Spec extends OperationSpec> = Spec["tokens"] extends boolean
  ? Spec["tokens"]
  : Spec["access"] extends { app: string }
    ? true
    : Spec["access"] extends { team: string }
      ? Spec["method"] extends "GET"
        ? true
        : false
      : false;

/** What a handler is given: everything `handle` checked, typed by the operation's declaration. */
export type OperationContext<Spec extends OperationSpec> = {
  request: Request;
  /** The signed-in developer (null only on public operations). */
  user: Spec["access"] extends "public" ? UserDto | null : UserDto;
  /**
   * The signed-in browser's session (null on public operations, and on requests made with a
   * personal access token: only operations that refuse tokens may rely on it).
   */
  session: Spec["access"] extends "public"
    ? CurrentSession | null
    : AcceptsTokens<Spec> extends true
      ? CurrentSession | null
      : CurrentSession;
  /** The personal access token the request was made with; null when made by a browser session. */
  token: { id: string; scope: TokenScope; teamId: string | null } | null;
  /** Who did it, for the audit log. Null on public operations without a session. */
  actor: Spec["access"] extends "public" ? AuditActor | null : AuditActor;
  params: Output<Spec["params"]>;
  query: Output<Spec["query"]>;
  body: Output<Spec["body"]>;
  /** The app and the caller's role in its team, for `{ app: action }` operations. */
  app: Spec["access"] extends { app: string } ? { appId: string; teamId: string; role: Role } : undefined;
  /** The caller's membership, for `{ team: action }` operations. */
  team: Spec["access"] extends { team: string } ? TeamAccess : undefined;
  /** Headers to add to the success answer (a cookie, say). */
  headers: Headers;
};

/** What a handler returns: the success body, as the declared schema accepts it. */
export type OperationResult<Spec extends OperationSpec> = Spec["success"]["schema"] extends z.ZodType
  ? z.input<Spec["success"]["schema"]>
  : void;

export type OperationHandler<Spec extends OperationSpec> = (
  context: OperationContext<Spec>,
) => OperationResult<Spec> | Promise<OperationResult<Spec>>;

type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };

/** A route handler that knows its operation: the route walk and the document read it back. */
export type OperationRoute = ((request: Request, context: NextContext) => Promise<Response>) & { operation: Operation };

function parseInput<Schema extends z.ZodType>(schema: Schema, value: unknown, root: string): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new AppError("validation_failed", "Some fields are missing or invalid", {
      errors: zodIssuesToFieldErrors(result.error.issues, root),
    });
  }
  return result.data;
}

type HandleOptions = {
  getSession?: () => Promise<CurrentSession | null>;
  authenticateToken?: (token: string, request: Request) => Promise<TokenPrincipal>;
};

/**
 * Everything `handle` checks before a handler runs, in the order a security reviewer would
 * check: cross-site mutation (403, cookie requests only) before anything is read, then the
 * session or the personal access token (401; a token on an operation that refuses tokens: 403
 * token_not_allowed; a read token on a mutation: 403 insufficient_scope), the app or team
 * (404 when not a member, 403 when the role does not allow it), a verified email address where
 * the operation needs one (403 email_unverified), a recent proof of identity for sensitive
 * actions (403 step_up_required), then path, query and body (400, 413, 415). Shared by `handle`
 * and `handleStream`, so a stream is guarded exactly like any operation.
 */
async function checkRequest<Spec extends OperationSpec>(
  operation: Operation<Spec>,
  request: Request,
  context: NextContext,
  options: HandleOptions,
): Promise<OperationContext<Spec>> {
  const getSession = options.getSession ?? getCurrentSession;
  const authenticate = options.authenticateToken ?? authenticateToken;
  // A personal access token (the CLI, CI) instead of the browser's cookie. Public operations
  // need no credential and ignore one.
  const bearer = operation.access === "public" ? null : bearerToken(request.headers);
  // Cross-site checks are for cookies, which a browser attaches by itself: a forged request
  // cannot carry an Authorization header. Before the session: a forged request learns nothing.
  if (bearer === null && isMutation(operation)) assertSameOrigin(request);

  let session: CurrentSession | null = null;
  let principal: TokenPrincipal | null = null;
  if (bearer !== null) {
    if (!bearer) throw invalidTokenError(); // "Authorization: Basic …", "Bearer" alone
    principal = await authenticate(bearer, request);
    if (!acceptsTokens(operation)) {
      throw new AppError(
        "token_not_allowed",
        `${operation.operationId} is done in the portal, signed in in a browser: it does not accept access tokens.`,
      );
    }
    if (principal.scope === "read" && requiredTokenScope(operation) === "write") {
      throw new AppError("insufficient_scope", "This token's scope is read: it may only call GET operations. Use a write token.");
    }
  } else {
    session = await getSession();
  }
  const user = principal?.user ?? session?.user ?? null;
  if (!user && operation.access !== "public") throw new AppError("unauthenticated");
  const tokenTeamId = principal?.teamId ?? undefined;

  const rawParams = await context.params;
  const access = operation.access;
  let app: OperationContext<Spec>["app"] = undefined as never;
  let team: OperationContext<Spec>["team"] = undefined as never;
  if (user && typeof access === "object" && "app" in access) {
    app = (await requireAppAccess({
      appId: String(rawParams.appId),
      userId: user.id,
      action: access.app,
      onlyTeamId: tokenTeamId,
    })) as never;
  } else if (user && typeof access === "object" && "team" in access) {
    // A token limited to one team sees other teams as it would a stranger's: missing.
    if (tokenTeamId && String(rawParams.teamId) !== tokenTeamId)
      throw new AppError("resource_not_found", `No team ${String(rawParams.teamId)}.`);
    team = (await requireTeamAccess({ teamId: String(rawParams.teamId), userId: user.id, action: access.team })) as never;
  } else if (user && access === "platform-admin") {
    await assertPlatformAdmin(user);
  }
  const emailVerified = principal?.emailVerified ?? session?.emailVerified ?? true;
  if (operation.verifiedEmail && user && !emailVerified) throw new AppError("email_unverified");
  // A token cannot step up. Its scope already kept a read token from every mutation; a write
  // token was itself created under a fresh step-up, so it stands for one (the CLI's
  // `keys create|roll|revoke`). Operations too sensitive for that refuse tokens outright.
  if (operation.stepUp && session && !recentlyVerified(session)) throw new AppError("step_up_required");

  const params = operation.params ? parseInput(operation.params, rawParams, "/path") : rawParams;
  const query = operation.query ? parseInput(operation.query, Object.fromEntries(new URL(request.url).searchParams), "/query") : undefined;
  const body = operation.body ? await readJson(request, operation.body, { maxBytes: operation.maxBodyBytes }) : undefined;

  return {
    request,
    user: user as never,
    session: session as never,
    token: principal ? { id: principal.tokenId, scope: principal.scope, teamId: principal.teamId } : null,
    actor: (user ? auditActor(user, request) : null) as never,
    params: params as never,
    query: query as never,
    body: body as never,
    app,
    team,
    headers: new Headers({ "cache-control": PRIVATE_NO_STORE }),
  };
}

/**
 * The route handler for a declared operation: `checkRequest`'s checks, and only then the
 * handler. Its return value is the success body, answered with the declared status and
 * `Cache-Control: private, no-store`; every failure leaves as problem+json.
 *
 *   export const POST = handle(createKeyOperation, async ({ app, body, actor }) => createKey({ … }));
 */
export function handle<Spec extends OperationSpec>(
  operation: Operation<Spec>,
  handler: OperationHandler<Spec>,
  options: HandleOptions = {},
): OperationRoute {
  const route = withErrors(async (request: Request, context: NextContext) => {
    const checked = await checkRequest(operation, request, context, options);
    const { headers } = checked;
    const result = await handler(checked);

    const { status, schema } = operation.success;
    if (status === 204 || !schema) return new Response(null, { status, headers });
    // Outside production the answer is checked against its declaration, so the published
    // document cannot drift from what the handler really sends.
    if (env().NODE_ENV !== "production") {
      const checkedBody = schema.safeParse(result);
      if (!checkedBody.success) {
        throw new Error(
          `${operation.operationId} answered a body its schema refuses: ${JSON.stringify(checkedBody.error.issues.slice(0, 3))}`,
        );
      }
    }
    headers.set("content-type", "application/json");
    return new Response(JSON.stringify(result), { status, headers });
  });
  return Object.assign(route, { operation: operation as Operation });
}

/** What a stream's handler is given: a `handle` handler's context, and a signal that aborts when the client goes away. */
export type StreamContext<Spec extends OperationSpec> = OperationContext<Spec> & { signal: AbortSignal };

/**
 * The route handler of a streaming operation (`success.stream: "text/event-stream"`): the same
 * checks as `handle`, in the same order, with the same problem+json answers. The handler's
 * own checks (the resource exists, belongs to the caller) run before it returns its messages,
 * so they too are problem+json with their status; once it has returned, the answer is 200
 * `text/event-stream` and each message is flushed as it is yielded. A failure after that is an
 * `event: error` carrying the problem (a status can no longer be sent), and the stream ends.
 *
 *   export const GET = handleStream(tailLogsOperation, async ({ app, query, signal }) => tailLogs({ … signal }));
 */
export function handleStream<Spec extends OperationSpec>(
  operation: Operation<Spec>,
  handler: (context: StreamContext<Spec>) => Promise<AsyncIterable<SseMessage>>,
  options: HandleOptions = {},
): OperationRoute {
  if (operation.success.stream !== "text/event-stream") throw new Error(`${operation.operationId} is not declared as a stream`);
  const route = withErrors(async (request: Request, context: NextContext) => {
    const checked = await checkRequest(operation, request, context, options);
    const controller = new AbortController();
    request.signal?.addEventListener("abort", () => controller.abort(), { once: true });
    const messages = await handler({ ...checked, signal: controller.signal });
    return sseResponse(messages, {
      headers: checked.headers,
      controller,
      onError: (error) => {
        const known = toAppError(error);
        if (!known) console.error(`${operation.operationId} stream failed: ${error instanceof Error ? error.message : String(error)}`);
        const problem = known ?? new AppError("internal_error");
        return { code: problem.code, title: catalog[problem.code].title, status: problem.status, detail: problem.message };
      },
    });
  });
  return Object.assign(route, { operation: operation as Operation });
}
