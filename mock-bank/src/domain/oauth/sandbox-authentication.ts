import type { PrismaClient } from "@prisma/client";
import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import { isAuthenticationScenario, type AuthenticationScenario } from "./authentication-scenarios";

/** The fixed one-time code of the `one_time_code` scenario (the same as Berlin Group EMBEDDED's OTP). */
export const SANDBOX_CODE = "123456";

/** Wrong one-time codes before the sign-in fails. */
export const MAX_CODE_FAILURES = 3;

/** How often the decoupled page checks again (seconds, a meta refresh: the bank's pages run no script). */
export const DECOUPLED_POLL_SECONDS = 2;

/** The form field of the login page's "Sandbox scenario" select. */
export const SCENARIO_FIELD = "sandbox_scenario";

/**
 * The scenario of this sign-in: the one chosen on the login page, else the customer's own
 * (BankCustomer.authScenario), else `approve`.
 */
export function chosenScenario(form: URLSearchParams, own: string | null | undefined): AuthenticationScenario {
  const picked = form.get(SCENARIO_FIELD);
  if (isAuthenticationScenario(picked)) return picked;
  return isAuthenticationScenario(own) ? own : "approve";
}

/** Why a sign-in ended without the customer's approval: what the page says and what the app is told. */
export type SignInFailure = {
  scenario: AuthenticationScenario;
  /** The page's heading and message. */
  title: string;
  message: string;
  /** The OAuth error and its description for the app. */
  error: "access_denied" | "login_required";
  description: string;
};

const failures = {
  authentication_failed: {
    title: "We could not verify your identity",
    message: "Open Bank could not authenticate you, so you have not been signed in. Nothing was shared.",
    error: "access_denied",
    description: "The customer could not be authenticated by the bank (sandbox scenario authentication_failed).",
  },
  account_locked: {
    title: "Your online banking is locked",
    message: "Your online banking is locked after too many failed attempts. Call Open Bank to unlock it. Nothing was shared.",
    error: "access_denied",
    description: "The customer's online banking is locked (sandbox scenario account_locked).",
  },
  session_timeout: {
    title: "Your session timed out",
    message: "Your session with Open Bank timed out before you answered, so nothing was shared. Start again from the app.",
    error: "login_required",
    description: "The bank's session timed out before the customer approved (sandbox scenario session_timeout).",
  },
  one_time_code: {
    title: "Too many wrong codes",
    message: `The one-time code was wrong ${MAX_CODE_FAILURES} times, so you have not been signed in. Nothing was shared.`,
    error: "access_denied",
    description: `The customer entered a wrong one-time code ${MAX_CODE_FAILURES} times (sandbox scenario one_time_code).`,
  },
  decoupled: {
    title: "Sign-in refused in your banking app",
    message: "The sign-in was refused in your Open Bank app, so you have not been signed in. Nothing was shared.",
    error: "access_denied",
    description: "The customer refused the sign-in in their banking app (sandbox scenario decoupled).",
  },
} as const satisfies Partial<Record<AuthenticationScenario, Omit<SignInFailure, "scenario">>>;

export function signInFailure(scenario: keyof typeof failures): SignInFailure {
  return { scenario, ...failures[scenario] };
}

/** The scenarios that refuse the sign-in right after the password. */
export const REFUSED_AT_SIGN_IN = new Set<AuthenticationScenario>(["authentication_failed", "account_locked"]);

/** Starts a decoupled sign-in the page waits on. */
export async function startDecoupledAuthentication(
  db: PrismaClient,
  input: { tenantId: string; appId: string; customerId: string; flow: "oauth" | "sca"; reference: string },
): Promise<string> {
  const id = newId("authentication");
  await db.bankAuthentication.create({ data: { id, ...input, status: "pending", createdAt: new Date() } });
  return id;
}

/** The decoupled sign-in a page waits on, if it is this page's (its interaction or authorisation). */
export async function findDecoupledAuthentication(db: PrismaClient, where: { id: string; tenantId: string; reference: string }) {
  return db.bankAuthentication.findFirst({ where });
}

export type AuthenticationDecision = {
  authentication_id: string;
  status: "approved" | "refused";
  flow: "oauth" | "sca";
  decided_at: string;
};

/**
 * POST /v1/sandbox/authentications/{authentication_id}: the sandbox stands in for the customer's
 * banking app. Another app's (or an unknown) id is 404; a decided one is 409. The waiting page
 * then continues (approved) or ends the attempt (refused).
 */
export async function decideAuthentication(
  db: PrismaClient,
  input: { tenantId: string; appId: string; authenticationId: string; decision: "approve" | "refuse" },
): Promise<AuthenticationDecision> {
  const row = await db.bankAuthentication.findFirst({
    where: { id: input.authenticationId, tenantId: input.tenantId, appId: input.appId },
  });
  if (!row)
    throw new AppError("resource_not_found", `No decoupled authentication ${input.authenticationId} in this sandbox.`, {
      errors: [{ pointer: "/params/authentication_id", detail: "no such authentication" }],
    });
  const status = input.decision === "approve" ? "approved" : "refused";
  const decidedAt = new Date();
  const { count } = await db.bankAuthentication.updateMany({
    where: { id: row.id, status: "pending" },
    data: { status, decidedAt },
  });
  if (count !== 1) {
    const now = await db.bankAuthentication.findUniqueOrThrow({ where: { id: row.id }, select: { status: true } });
    throw new AppError("conflict", `Authentication ${row.id} is already ${now.status}.`);
  }
  return { authentication_id: row.id, status, flow: row.flow as "oauth" | "sca", decided_at: decidedAt.toISOString() };
}

/** What each scenario's outcome is, per protocol: the sandbox reference's magic values and the docs. */
export const SCENARIO_OUTCOMES: Record<AuthenticationScenario, string> = {
  approve:
    "The customer approves on the consent page: the app gets a code (a UK consent becomes `AUTH`, a Berlin Group authorisation `finalised`).",
  one_time_code: `A one-time code page follows the password: \`${SANDBOX_CODE}\` passes; a wrong code shows an error and lets the customer retry; after ${MAX_CODE_FAILURES} wrong codes the app gets \`access_denied\` (UK consent \`Rejected\`; Berlin Group \`scaStatus\` \`failed\`, consent/payment \`rejected\`/\`RJCT\` with a \`psuMessage\`).`,
  decoupled:
    'The page shows an authentication id and waits (“Approve in your banking app”) until `POST /v1/sandbox/authentications/{authentication_id}` with `{"decision":"approve"}` (the consent page follows) or `{"decision":"refuse"}` (`access_denied`; UK `RJCT`; Berlin Group `failed`/`rejected`).',
  authentication_failed:
    "The sign-in is refused (“We could not verify your identity”): `access_denied` naming the scenario; UK consent `RJCT` (rejected); Berlin Group `scaStatus` `failed`, consent/payment `rejected`/`RJCT`, with a `psuMessage`.",
  account_locked:
    "The sign-in is refused (“Your online banking is locked”): `access_denied` naming the scenario; UK consent `RJCT` (rejected); Berlin Group `failed`/`rejected` with a `psuMessage`.",
  session_timeout:
    "The consent page shows, but the bank's session has timed out when the customer answers: `login_required`; UK consent `RJCT` (rejected); Berlin Group `failed`/`rejected` with a `psuMessage`.",
  partial_grant:
    "The consent page pre-selects only the first account (and on /v1 only `accounts:read` of several permissions; a Berlin Group bank-offered consent gets no transactions): the consent and tokens carry only what stays selected.",
};
