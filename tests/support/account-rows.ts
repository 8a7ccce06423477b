import { randomBytes } from "node:crypto";
import { executeStored, storedTime } from "./stored-rows";

/** Marks the account's email as verified, as its verification link would. */
export async function markEmailVerified(databaseUrl: string, email: string): Promise<void> {
  await executeStored(databaseUrl, `UPDATE "User" SET "emailVerifiedAt" = ? WHERE "email" = ?`, [
    storedTime(databaseUrl, new Date()),
    email,
  ]);
}

/** Gives the account an authenticator app, as TOTP enrolment would (the seed itself is not needed by these tests). */
export async function enableTotp(databaseUrl: string, email: string): Promise<void> {
  await executeStored(databaseUrl, `UPDATE "User" SET "totpEnabledAt" = ? WHERE "email" = ?`, [storedTime(databaseUrl, new Date()), email]);
}

/** Gives the account a passkey row, as registering one would (its key is never used by these tests). */
export async function addPasskeyRow(databaseUrl: string, email: string): Promise<void> {
  await executeStored(
    databaseUrl,
    `INSERT INTO "Passkey" ("id", "userId", "credentialId", "publicKey", "name", "createdAt")
     SELECT ?, "id", ?, ?, ?, ? FROM "User" WHERE "email" = ?`,
    [
      `pk_${randomBytes(8).toString("hex")}`,
      randomBytes(16).toString("base64url"),
      "test-key",
      "Test passkey",
      storedTime(databaseUrl, new Date()),
      email,
    ],
  );
}
