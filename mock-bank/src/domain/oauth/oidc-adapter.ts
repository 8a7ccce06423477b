import { createHash } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import type { Adapter, AdapterPayload } from "oidc-provider";

/** A record's key: its model and the SHA-256 of its id (a code's or token's id is the secret itself). */
export const recordKey = (kind: string, id: string) => `${kind}:${createHash("sha256").update(id).digest("base64url")}`;

const hashed = (value: string | undefined) => (value === undefined ? null : createHash("sha256").update(value).digest("base64url"));

/** Models whose id is a bearer secret (a code, a token, a request_uri): stored without it. */
const SECRET_IDS = new Set([
  "AccessToken",
  "AuthorizationCode",
  "RefreshToken",
  "ClientCredentials",
  "RegistrationAccessToken",
  "InitialAccessToken",
  "DeviceCode",
  "BackchannelAuthenticationRequest",
  "PushedAuthorizationRequest",
]);

/**
 * oidc-provider's storage (its Adapter interface) over one Prisma table, BankOidcRecord.
 * Nothing secret is stored in the clear: ids, uids and user codes are hashed, and the payload
 * of a code or token is written without its `jti` (the token value), which `find` puts back
 * from the id it was given.
 */
export class PrismaOidcAdapter implements Adapter {
  constructor(
    private readonly kind: string,
    private readonly db: PrismaClient,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    const stored = { ...payload };
    if (SECRET_IDS.has(this.kind)) delete stored.jti;
    const data = {
      kind: this.kind,
      payload: JSON.stringify(stored),
      clientId: payload.clientId ?? payload.client_id ?? null,
      grantId: payload.grantId ?? null,
      uid: hashed(payload.uid),
      userCode: hashed(payload.userCode),
      expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
      consumedAt: null,
    };
    const key = recordKey(this.kind, id);
    await this.db.bankOidcRecord.upsert({ where: { key }, create: { key, ...data }, update: data });
  }

  private async findWhere(where: { key: string } | { uid: string } | { userCode: string }, id?: string) {
    const row = await this.db.bankOidcRecord.findFirst({ where: { ...where, kind: this.kind } });
    if (!row) return undefined;
    if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    if (row.consumedAt) payload.consumed = Math.floor(row.consumedAt.getTime() / 1000);
    if (id !== undefined && SECRET_IDS.has(this.kind)) payload.jti = id;
    return payload;
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.findWhere({ key: recordKey(this.kind, id) }, id);
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.findWhere({ uid: hashed(uid)! });
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.findWhere({ userCode: hashed(userCode)! });
  }

  async consume(id: string): Promise<void> {
    await this.db.bankOidcRecord.updateMany({ where: { key: recordKey(this.kind, id) }, data: { consumedAt: new Date() } });
  }

  async destroy(id: string): Promise<void> {
    await this.db.bankOidcRecord.deleteMany({ where: { key: recordKey(this.kind, id) } });
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.bankOidcRecord.deleteMany({ where: { grantId } });
  }
}

/** Deletes the records that have expired (find already ignores them): run now and then. */
export async function sweepExpiredRecords(db: PrismaClient, now = new Date()): Promise<number> {
  const { count } = await db.bankOidcRecord.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
