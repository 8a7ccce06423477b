import { randomInt } from "node:crypto";
import { AppError } from "@openbank/contracts/errors";
import type { Defer } from "@/lib/account/request-password-reset";
import { signUpAttemptNotice } from "@/lib/account/account-emails";
import { sendVerificationEmail } from "@/lib/account/send-verification-email";
import { db } from "@/lib/db";
import { portalUrl } from "@/lib/http/portal-url";
import { sendMail } from "@/lib/mail/send-mail";
import { createAccount } from "./create-account";
import { signUpSchema, type SignUpInput } from "./schemas";
import { accountThrottle, enforceThrottle, enforceThrottleCheck } from "./throttles";
import { networkOf } from "./trusted-proxies";

/** The answer to every accepted sign-up, new address or taken: it says nothing about accounts. */
export type SignUpAccepted = { accepted: true };

/** Up to this long between the answer and the mail. */
const MAX_JITTER_MS = 500;

/**
 * Public sign-up: answers the same (202, the same body, in the same time) whether or not the
 * address already has an account. Both cost one bcrypt hash and one insert (createAccount); a new
 * address gets its account at once (the form signs straight in) and a verification link, a taken
 * one gets a notice to its owner ("sign in or reset your password") instead. Both mails leave
 * after the answer, after a random pause, so their cost is not measured either.
 *
 * Rate limited per client address and per its network (IPv4 /24, IPv6 /48), counted for every
 * valid sign-up: 429 with Retry-After, for new and taken addresses alike.
 */
export async function signUp(input: SignUpInput, options: { ip: string; defer: Defer }): Promise<SignUpAccepted> {
  const parsed = signUpSchema.parse(input);
  const [address, network] = [accountThrottle("signUpAddress"), accountThrottle("signUpNetwork")];
  const networkKey = networkOf(options.ip);
  // Checked together before either counts, so a refusal by one does not use up the other.
  await enforceThrottleCheck(address, options.ip);
  await enforceThrottleCheck(network, networkKey);
  await enforceThrottle(address, options.ip);
  await enforceThrottle(network, networkKey);

  let mail: () => Promise<unknown>;
  try {
    const user = await createAccount(parsed);
    mail = () => sendVerificationEmail(user);
  } catch (error) {
    if (!(error instanceof AppError && error.code === "email_taken")) throw error;
    mail = () => sendSignUpAttemptNotice(parsed.email);
  }
  options.defer(async () => {
    await new Promise((resolve) => setTimeout(resolve, randomInt(0, MAX_JITTER_MS)));
    try {
      await mail();
    } catch (error) {
      // The error's name and code only: a database error's message can quote the query, address included.
      const { name, code } = error as { name?: string; code?: string };
      console.error(`[sign-up] the sign-up mail could not be sent (${[name, code].filter(Boolean).join(" ") || "unknown error"})`);
    }
  });
  return { accepted: true };
}

async function sendSignUpAttemptNotice(email: string): Promise<void> {
  const owner = await db().user.findUnique({ where: { email }, select: { email: true, name: true } });
  if (!owner) return;
  const base = portalUrl().replace(/\/$/, "");
  await sendMail(
    signUpAttemptNotice({ to: owner.email, name: owner.name, signInLink: `${base}/signin`, resetLink: `${base}/forgot-password` }),
  );
}
