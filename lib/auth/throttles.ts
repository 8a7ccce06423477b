import type Redis from "ioredis";
import { AppError } from "@openbank/contracts/errors";
import type { Env } from "@/lib/env";
import { portal } from "@/lib/runtime";
import { createRedisThrottle } from "./redis-throttle";
import { createMemoryThrottle, type Throttle, type ThrottleDecision, type ThrottlePolicy } from "./sign-in-throttle";

/**
 * The account throttles and their limits. Sign-in's come from the settings; the password-reset
 * ones are fixed: generous for a person, useless for a script.
 * - signIn: per email + address (sign-in), per account (step-up, change password);
 * - signInAccount: sign-in per email from every address together, a higher ceiling, so rotating
 *   addresses cannot go on guessing;
 * - forgotPassword: reset mails per email address, known or not (so it says nothing about accounts);
 * - resetPassword: new-password submissions per account;
 * - passwordResetIp: forgot + reset requests per client address;
 * - signUpAddress / signUpNetwork: sign-ups per client address and per its network (IPv4 /24, IPv6 /48);
 * - deviceUserCode: wrong user codes typed on /device, per account (RFC 8628 §5.1: a code is 8
 *   letters of 20, live 15 minutes; 10 misses per 15 minutes make guessing hopeless);
 * - deviceCodeIp: device authorizations started (`openbank login`) per client address.
 */
export type ThrottleSettings = Pick<
  Env,
  | "SIGN_IN_MAX_ATTEMPTS"
  | "SIGN_IN_WINDOW_SECONDS"
  | "SIGN_IN_MAX_ATTEMPTS_PER_ACCOUNT"
  | "SIGN_UP_MAX_PER_ADDRESS"
  | "SIGN_UP_MAX_PER_NETWORK"
>;

export function throttlePolicies(env: ThrottleSettings) {
  return {
    signIn: { name: "sign-in", maxAttempts: env.SIGN_IN_MAX_ATTEMPTS, windowSeconds: env.SIGN_IN_WINDOW_SECONDS },
    signInAccount: {
      name: "sign-in-account",
      maxAttempts: env.SIGN_IN_MAX_ATTEMPTS_PER_ACCOUNT,
      windowSeconds: env.SIGN_IN_WINDOW_SECONDS,
    },
    forgotPassword: { name: "forgot-password", maxAttempts: 5, windowSeconds: 3600 },
    resetPassword: { name: "reset-password", maxAttempts: 10, windowSeconds: 3600 },
    passwordResetIp: { name: "password-reset-ip", maxAttempts: 30, windowSeconds: 3600 },
    signUpAddress: { name: "sign-up-address", maxAttempts: env.SIGN_UP_MAX_PER_ADDRESS, windowSeconds: 3600 },
    signUpNetwork: { name: "sign-up-network", maxAttempts: env.SIGN_UP_MAX_PER_NETWORK, windowSeconds: 3600 },
    deviceUserCode: { name: "device-user-code", maxAttempts: 10, windowSeconds: 900 },
    deviceCodeIp: { name: "device-code-ip", maxAttempts: 120, windowSeconds: 900 },
  } satisfies Record<string, ThrottlePolicy>;
}

export type ThrottleName = keyof ReturnType<typeof throttlePolicies>;
export type AccountThrottles = Record<ThrottleName, Throttle>;

/** In memory on one instance; in Redis (shared by every instance) when REDIS_URL is set. */
export function createThrottles(env: ThrottleSettings, redis: Redis | null): AccountThrottles {
  const policies = throttlePolicies(env);
  const build = (policy: ThrottlePolicy) => (redis ? createRedisThrottle(policy, { redis }) : createMemoryThrottle(policy));
  const throttles = {} as AccountThrottles;
  for (const name of Object.keys(policies) as ThrottleName[]) throttles[name] = build(policies[name]);
  return throttles;
}

/** One of the process's throttles (built at start, lib/runtime.ts). */
export function accountThrottle(name: ThrottleName): Throttle {
  return portal().throttles[name];
}

/**
 * Counts an attempt, or refuses the request with 429 and Retry-After: `rate_limited` by default,
 * `too_many_sign_in_attempts` for password guesses.
 */
export async function enforceThrottle(
  throttle: Throttle,
  key: string,
  code: "rate_limited" | "too_many_sign_in_attempts" = "rate_limited",
): Promise<void> {
  throwIfRefused(await throttle.attempt(key), code);
}

/** Refuses the request with 429 when the throttle's window for the key is already full, counting nothing. */
export async function enforceThrottleCheck(throttle: Throttle, key: string): Promise<void> {
  throwIfRefused(await throttle.check(key), "rate_limited");
}

function throwIfRefused(decision: ThrottleDecision, code: "rate_limited" | "too_many_sign_in_attempts"): void {
  if (decision.allowed) return;
  const minutes = Math.ceil(decision.retryAfterSeconds / 60);
  throw new AppError(code, `Too many attempts; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, {
    headers: { "retry-after": String(decision.retryAfterSeconds) },
  });
}
