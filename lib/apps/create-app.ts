import type { AuditActor } from "../audit/audit-actor";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { AppError } from "@openbank/contracts/errors";
import { newId } from "@openbank/contracts/ids";
import { createKey } from "../keys/create-key";
import type { KeyDto } from "../keys/key-dto";
import { assertTwoFactorPolicy } from "../team-policies/two-factor-policy";
import { can } from "../teams/permissions";
import { appDtoSelect, toAppDto, type AppDto } from "./app-dto";
import { createAppInput, type CreateAppInput } from "./app-input";

/**
 * Registers an app in one of the user's teams (their personal team by default) and issues
 * its first sandbox key in the same transaction. The key's secret is returned once.
 */
export async function createApp(options: {
  actor: AuditActor;
  input: CreateAppInput;
}): Promise<{ app: AppDto; key: KeyDto; secret: string }> {
  const input = createAppInput.parse(options.input);
  const userId = options.actor.userId;
  const membership = await db().membership.findFirst({
    where: { userId, ...(input.team_id ? { teamId: input.team_id } : { team: { personal: true } }) },
    select: { teamId: true, role: true, team: { select: { name: true, requireTwoFactor: true } } },
  });
  if (!membership) throw new AppError("resource_not_found", "No such team.");
  await assertTwoFactorPolicy(membership.team, userId);
  if (!can(membership.role, "app:create")) throw new AppError("forbidden", `Your role (${membership.role}) cannot create apps.`);

  return db().$transaction(async (tx) => {
    const app = await tx.app.create({
      data: {
        id: newId("app"),
        teamId: membership.teamId,
        name: input.name,
        description: input.description,
        redirectUris: [...new Set(input.redirect_uris)],
        createdById: userId,
      },
      select: appDtoSelect,
    });
    await recordAudit(tx, {
      teamId: membership.teamId,
      actor: options.actor,
      action: "app.created",
      target: { type: "app", id: app.id, name: app.name },
      metadata: { redirect_uris: [...new Set(input.redirect_uris)] },
    });
    const { key, secret } = await createKey({
      appId: app.id,
      teamId: membership.teamId,
      name: "Default sandbox key",
      actor: options.actor,
      tx,
    });
    return { app: toAppDto(app), key, secret };
  });
}
