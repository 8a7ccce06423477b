import { z } from "zod";
import { AppError } from "@openbank/contracts/errors";
import type { AuditActor } from "../audit/audit-actor";
import { recordAudit } from "../audit/record-audit";
import { accountThrottle, enforceThrottleCheck } from "../auth/throttles";
import { db } from "../db";
import { env } from "../env";
import { resourceId, text, timestamp } from "../portal-api/schemas";
import { TOKEN_SCOPES } from "../tokens/personal-access-token";
import { formatUserCode, hashUserCode, normaliseUserCode } from "./device-codes";
import { CLI_CLIENT_NAME } from "./start-device-authorization";

export const userCodeInput = z.object({
  user_code: z.string().max(32).describe("The code the terminal shows (`BDFH-JKLM`; case, spaces and hyphens do not matter)."),
});

export const approveDeviceInput = userCodeInput.extend({
  scope: z.enum(TOKEN_SCOPES, { error: "Scope must be read or write" }),
  /** Limit the CLI's token to one of your teams; omitted or null: every team you belong to. */
  team_id: resourceId.nullish(),
});

/** What the confirm page shows about who is asking. */
export const deviceAuthorizationDto = z.object({
  id: resourceId,
  user_code: text(16),
  client_name: text(60),
  client_host: text(64).nullable(),
  client_ip: text(64).nullable(),
  user_agent: text(200).nullable(),
  requested_scope: z.enum(TOKEN_SCOPES),
  created_at: timestamp,
  expires_at: timestamp,
});
export type DeviceAuthorizationDto = z.output<typeof deviceAuthorizationDto>;

const NOT_PENDING =
  "No sign-in is waiting for this code. Check it against your terminal; codes expire after 15 minutes and work once: run “openbank login” again for a new one.";

/**
 * The pending authorization a typed user code names, or 404. Every miss (a code that is malformed,
 * unknown, expired or already decided) counts against the developer's throttle (RFC 8628 §5.1),
 * and a full window refuses before any lookup: 10 misses per 15 minutes.
 */
async function findPending(userCode: string, userId: string, now: Date) {
  const throttle = accountThrottle("deviceUserCode");
  await enforceThrottleCheck(throttle, userId);
  const normalised = normaliseUserCode(userCode);
  const row = normalised
    ? await db().deviceAuthorization.findUnique({
        where: { userCodeHash: hashUserCode(normalised, env().API_KEY_PEPPER) },
        select: {
          id: true,
          status: true,
          requestedScope: true,
          clientHost: true,
          clientIp: true,
          userAgent: true,
          createdAt: true,
          expiresAt: true,
        },
      })
    : null;
  if (!normalised || !row || row.status !== "pending" || row.expiresAt.getTime() <= now.getTime()) {
    await throttle.attempt(userId);
    throw new AppError("resource_not_found", NOT_PENDING);
  }
  return { ...row, userCode: formatUserCode(normalised) };
}

/** RFC 8628 §3.3: what the developer is about to let in, before they approve or deny it. */
export async function describeDeviceAuthorization(options: {
  userCode: string;
  userId: string;
  now?: Date;
}): Promise<DeviceAuthorizationDto> {
  const row = await findPending(options.userCode, options.userId, options.now ?? new Date());
  return {
    id: row.id,
    user_code: row.userCode,
    client_name: CLI_CLIENT_NAME,
    client_host: row.clientHost,
    client_ip: row.clientIp,
    user_agent: row.userAgent,
    requested_scope: row.requestedScope === "write" ? "write" : "read",
    created_at: row.createdAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
  };
}

/**
 * Approves or denies a pending authorization, once: a conditional update from `pending`, so a
 * code decided twice (two tabs, two people) is decided by the first only. An approval records who
 * and what they granted (never more than the CLI asked for, and a team of theirs); the token itself
 * is made when the CLI polls next (lib/device/poll-device-token.ts).
 */
export async function decideDeviceAuthorization(options: {
  actor: AuditActor;
  userCode: string;
  decision: { approve: true; scope: "read" | "write"; teamId: string | null } | { approve: false };
  now?: Date;
}): Promise<void> {
  const { actor, decision } = options;
  const now = options.now ?? new Date();
  const row = await findPending(options.userCode, actor.userId, now);
  if (decision.approve && decision.scope === "write" && row.requestedScope !== "write") {
    throw new AppError("validation_failed", "Some fields are missing or invalid", {
      errors: [
        { pointer: "/body/scope", detail: "The CLI asked for read access only: grant read, or run `openbank login --scope write`." },
      ],
    });
  }
  await db().$transaction(async (tx) => {
    const teamId = decision.approve ? decision.teamId : null;
    if (teamId) {
      const membership = await tx.membership.findFirst({ where: { teamId, userId: actor.userId }, select: { id: true } });
      if (!membership) throw new AppError("resource_not_found", `No team ${teamId}.`);
    }
    const decided = await tx.deviceAuthorization.updateMany({
      where: { id: row.id, status: "pending", expiresAt: { gt: now } },
      data: {
        status: decision.approve ? "approved" : "denied",
        userId: actor.userId,
        grantedScope: decision.approve ? decision.scope : null,
        teamId,
        decidedAt: now,
      },
    });
    if (decided.count === 0) throw new AppError("resource_not_found", NOT_PENDING);
    await recordAudit(tx, {
      teamId: null,
      actor,
      action: decision.approve ? "account.device_approved" : "account.device_denied",
      target: { type: "device_authorization", id: row.id, name: `${CLI_CLIENT_NAME} on ${row.clientHost ?? "an unnamed computer"}` },
      metadata: {
        client_ip: row.clientIp,
        ...(decision.approve ? { scope: decision.scope, team_id: teamId } : {}),
      },
    });
  });
}
