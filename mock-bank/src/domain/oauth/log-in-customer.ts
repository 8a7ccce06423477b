import { timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import { errorPage, type AuthorizationOutcome } from "./authorization-outcome";
import { csrfToken } from "./browser-binding";
import type { AuthorizationRequestRow } from "./load-authorization-request";

/** Wrong passwords allowed per authorization request before it is closed. */
export const MAX_FAILED_LOGINS = 5;

/**
 * The documented sandbox password of a persona's login: `user_<persona>` / `pass_<persona>`.
 * Test customers only; listed on the docs' sandbox page.
 */
export function sandboxPassword(persona: string): string {
  return `pass_${persona}`;
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** POST /oauth/authorize/login: the test customer logs in to the bank, never to the app. */
export async function logInCustomer(options: {
  db: PrismaClient;
  request: AuthorizationRequestRow;
  username: string;
  password: string;
  browserValue: string;
  secret: string;
}): Promise<AuthorizationOutcome> {
  const { db, request, username, password } = options;
  const customer = username
    ? await db.bankCustomer.findFirst({ where: { tenantId: request.tenantId, username }, select: { id: true, persona: true } })
    : null;
  const valid = customer?.persona ? same(password, sandboxPassword(customer.persona)) : false;
  if (!customer || !valid) {
    const failed = await db.bankAuthorizationRequest.update({
      where: { id: request.id },
      data: { failedLogins: { increment: 1 } },
      select: { failedLogins: true },
    });
    if (failed.failedLogins >= MAX_FAILED_LOGINS) {
      await db.bankAuthorizationRequest.update({ where: { id: request.id }, data: { status: "completed" } });
      return errorPage(429, "Too many attempts", "That was the last attempt for this request. Go back to the app and start again.");
    }
    return {
      kind: "login",
      requestId: request.id,
      appName: request.appName,
      scopes: request.scopes,
      csrf: csrfToken(options.secret, request.id, options.browserValue),
      username,
      error: "The username or password is not right. Sandbox customers log in as user_<persona> with password pass_<persona>.",
    };
  }
  await db.bankAuthorizationRequest.update({ where: { id: request.id }, data: { customerId: customer.id, status: "authenticated" } });
  return { kind: "see_other", location: `/oauth/authorize/consent?request_id=${request.id}` };
}
