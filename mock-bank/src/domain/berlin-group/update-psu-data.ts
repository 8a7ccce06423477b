import { timingSafeEqual } from "node:crypto";
import type { BankConsent, BankScaAuthorisation, PrismaClient } from "@prisma/client";
import type { UpdatePsuDataInput } from "../../schemas/berlin-group/authorisations";
import { loginHandle, sandboxPassword } from "../oauth/sandbox-password";
import { BgError } from "./bg-errors";
import { readDetails, writeDetails } from "./bg-details";
import { finaliseAuthorisation } from "./finalise-authorisation";
import {
  advanceAuthorisation,
  authorisationLinks,
  CHALLENGE_DATA,
  FINAL_SCA,
  MAX_SCA_FAILURES,
  SANDBOX_OTP,
  SCA_METHODS,
} from "./sca-authorisation";

export type PsuDataAnswer = {
  scaStatus: string;
  authorisationId?: string;
  scaMethods?: (typeof SCA_METHODS)[number][];
  chosenScaMethod?: (typeof SCA_METHODS)[number];
  challengeData?: typeof CHALLENGE_DATA;
  _links: Record<string, { href: string }>;
  psuMessage?: string;
};

const same = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** The PSU a PSU-ID names: a sandbox customer's login, `user_<persona>`. */
async function findPsu(db: PrismaClient, tenantId: string, psuId: string) {
  return db.bankCustomer.findFirst({ where: { tenantId, username: psuId }, select: { id: true, username: true } });
}

/**
 * Counts a wrong password or OTP; the third fails the authorisation, which rejects the consent or
 * payment (its cancellation: the payment stays). Answered with the refusal either way.
 */
async function wrongGuess(
  db: PrismaClient,
  consent: BankConsent,
  authorisation: BankScaAuthorisation,
  tenantNow: Date,
  refusal: BgError,
): Promise<never> {
  const fresh = await db.bankConsent.findUniqueOrThrow({ where: { id: consent.id } });
  const { body, state } = readDetails(fresh.details);
  const own = state.authorisations?.[authorisation.id] ?? {};
  const failures = (own.failures ?? 0) + 1;
  await db.bankConsent.update({
    where: { id: consent.id },
    data: {
      details: writeDetails(body, { ...state, authorisations: { ...state.authorisations, [authorisation.id]: { ...own, failures } } }),
    },
  });
  if (failures >= MAX_SCA_FAILURES) {
    await finaliseAuthorisation({ db, authorisation, outcome: { decision: "deny" }, tenantNow }).catch((error: unknown) => {
      if (!(error instanceof BgError)) throw error;
    });
    throw new BgError(
      refusal.status,
      refusal.code,
      `${refusal.message} That was the ${MAX_SCA_FAILURES}rd wrong attempt: the authorisation failed.`,
    );
  }
  throw refusal;
}

/**
 * PUT …/authorisations/{authorisationId}: one step of an authorisation through the API.
 * - Any approach: a PSU-ID header with an empty body identifies the PSU (`psuIdentified`).
 * - EMBEDDED: `psuData.password` (the PSU's sandbox password, `pass_<persona>`) → `psuAuthenticated`
 *   with the PSU's SCA methods; `authenticationMethodId` → `scaMethodSelected` with the challenge;
 *   `scaAuthenticationData` (the sandbox OTP, 123456) → `finalised`, and what it authorised follows.
 * Wrong credentials are PSU_CREDENTIALS_INVALID (401), a wrong OTP SCA_INVALID (400); the third
 * wrong attempt fails the authorisation. A step out of order is STATUS_INVALID (409).
 */
export async function updatePsuData(options: {
  db: PrismaClient;
  consent: BankConsent;
  authorisation: BankScaAuthorisation;
  psuIdHeader?: string;
  input: UpdatePsuDataInput | null | undefined;
  portalUrl: string;
  tenantNow: Date;
}): Promise<{ authorisation: BankScaAuthorisation; answer: PsuDataAnswer }> {
  const { db, consent, psuIdHeader, portalUrl, tenantNow } = options;
  let authorisation = options.authorisation;
  const input = options.input ?? {};
  const answer = (extra: Partial<PsuDataAnswer> = {}) => ({
    authorisation,
    answer: { scaStatus: authorisation.scaStatus, _links: authorisationLinks(consent, authorisation, portalUrl), ...extra },
  });
  if (FINAL_SCA.has(authorisation.scaStatus))
    throw new BgError(409, "STATUS_INVALID", `Authorisation ${authorisation.id} is already ${authorisation.scaStatus}.`);
  const embedded = authorisation.scaApproach === "EMBEDDED";
  const steps = [input.psuData, input.authenticationMethodId, input.scaAuthenticationData, input.confirmationCode].filter(
    (step) => step !== undefined,
  );
  if (steps.length > 1)
    throw new BgError(400, "FORMAT_ERROR", "Send one step per request: psuData, then authenticationMethodId, then scaAuthenticationData.");

  if (!steps.length) {
    if (!psuIdHeader)
      throw new BgError(400, "FORMAT_ERROR", "Nothing to update: send PSU-ID, psuData, authenticationMethodId or scaAuthenticationData.");
    if (!(await findPsu(db, consent.tenantId, psuIdHeader)))
      throw new BgError(
        401,
        "PSU_CREDENTIALS_INVALID",
        `PSU-ID ${psuIdHeader} is not a customer of this sandbox (user_<persona>).`,
        "PSU-ID",
      );
    if (authorisation.psuId && authorisation.psuId !== psuIdHeader)
      throw new BgError(409, "STATUS_INVALID", "This authorisation already has another PSU.", "PSU-ID");
    const next = embedded && authorisation.scaStatus === "received" ? "psuIdentified" : authorisation.scaStatus;
    authorisation = await advanceAuthorisation(db, authorisation, { scaStatus: next, psuId: psuIdHeader }, tenantNow);
    return answer();
  }
  if (!embedded)
    throw new BgError(
      400,
      "FORMAT_ERROR",
      authorisation.scaApproach === "REDIRECT"
        ? "This authorisation uses REDIRECT: the PSU authenticates on the bank's page (_links.scaRedirect), not through the API."
        : "This authorisation is DECOUPLED: the PSU approves in the bank's app (the sandbox control POST /v1/sandbox/berlin-group/authorisations/{authorisationId}).",
    );

  if (input.psuData) {
    const psuId = psuIdHeader ?? authorisation.psuId;
    if (!psuId) throw new BgError(400, "FORMAT_ERROR", "Identify the PSU first: send the PSU-ID header (user_<persona>).", "PSU-ID");
    if (!["received", "psuIdentified"].includes(authorisation.scaStatus))
      throw new BgError(409, "STATUS_INVALID", `The PSU is already authenticated (scaStatus ${authorisation.scaStatus}).`);
    const password = input.psuData.password;
    if (password === undefined)
      throw new BgError(400, "FORMAT_ERROR", "psuData.password is required (encrypted passwords are not offered).", "psuData.password");
    const psu = await findPsu(db, consent.tenantId, psuId);
    if (!psu || !loginHandle(psu) || !same(password, sandboxPassword(loginHandle(psu)!)))
      return wrongGuess(
        db,
        consent,
        authorisation,
        tenantNow,
        new BgError(
          401,
          "PSU_CREDENTIALS_INVALID",
          "The PSU-ID or password is not right. Sandbox customers are user_<persona> / pass_<persona>.",
        ),
      );
    await assertHolder(db, consent, psu.id);
    authorisation = await advanceAuthorisation(db, authorisation, { scaStatus: "psuAuthenticated", psuId }, tenantNow);
    return answer({ authorisationId: authorisation.id, scaMethods: [...SCA_METHODS] });
  }

  if (input.authenticationMethodId !== undefined) {
    if (!["psuAuthenticated", "scaMethodSelected"].includes(authorisation.scaStatus))
      throw new BgError(409, "STATUS_INVALID", `Authenticate the PSU first (scaStatus ${authorisation.scaStatus}).`);
    const method = SCA_METHODS.find((candidate) => candidate.authenticationMethodId === input.authenticationMethodId);
    if (!method)
      throw new BgError(
        400,
        "SCA_METHOD_UNKNOWN",
        `No SCA method ${input.authenticationMethodId}: choose one of ${SCA_METHODS.map((m) => m.authenticationMethodId).join(", ")}.`,
        "authenticationMethodId",
      );
    authorisation = await advanceAuthorisation(db, authorisation, { scaStatus: "scaMethodSelected" }, tenantNow);
    return answer({ chosenScaMethod: method, challengeData: CHALLENGE_DATA });
  }

  if (authorisation.scaStatus !== "scaMethodSelected")
    throw new BgError(409, "STATUS_INVALID", `Choose an SCA method first (scaStatus ${authorisation.scaStatus}).`);
  const otp = input.scaAuthenticationData ?? input.confirmationCode ?? "";
  if (!same(otp, SANDBOX_OTP))
    return wrongGuess(
      db,
      consent,
      authorisation,
      tenantNow,
      new BgError(400, "SCA_INVALID", "The one-time password is not right (the sandbox's is 123456)."),
    );
  const psu = await findPsu(db, consent.tenantId, authorisation.psuId!);
  authorisation = await finaliseAuthorisation({ db, authorisation, outcome: { decision: "approve", customerId: psu!.id }, tenantNow });
  return answer();
}

/** The authenticated PSU must hold what the resource names: a consent's accounts, a payment's debtor account. */
export async function assertHolder(db: PrismaClient, consent: BankConsent, customerId: string): Promise<void> {
  const named = JSON.parse(consent.accountIds) as string[];
  if (!named.length) return;
  const held = await db.bankAccount.count({ where: { id: { in: named }, customerId } });
  if (held !== named.length)
    throw new BgError(
      401,
      "PSU_CREDENTIALS_INVALID",
      consent.kind === "account_access"
        ? "This PSU does not hold the accounts the consent names."
        : "This PSU does not hold the payment's debtor account.",
    );
}
