-- AlterTable
ALTER TABLE "BankConsent" ADD COLUMN "grantId" TEXT;

-- CreateTable
CREATE TABLE "BankOidcRecord" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "clientId" TEXT,
    "grantId" TEXT,
    "uid" TEXT,
    "userCode" TEXT,
    "expiresAt" DATETIME,
    "consumedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OAuthClient" (
    "appId" TEXT NOT NULL PRIMARY KEY,
    "clientId" TEXT NOT NULL,
    "secretHash" TEXT,
    "secretPrefix" TEXT,
    "secretCreatedAt" DATETIME,
    "profile" TEXT NOT NULL DEFAULT 'basic',
    "authMethod" TEXT NOT NULL DEFAULT 'client_secret_basic',
    "jwks" TEXT,
    "jwksUri" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OAuthClient_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_OAuthClient" ("appId", "clientId", "createdAt", "secretCreatedAt", "secretHash", "secretPrefix") SELECT "appId", "clientId", "createdAt", "secretCreatedAt", "secretHash", "secretPrefix" FROM "OAuthClient";
DROP TABLE "OAuthClient";
ALTER TABLE "new_OAuthClient" RENAME TO "OAuthClient";
CREATE UNIQUE INDEX "OAuthClient_clientId_key" ON "OAuthClient"("clientId");
CREATE UNIQUE INDEX "OAuthClient_secretHash_key" ON "OAuthClient"("secretHash");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "BankOidcRecord_grantId_idx" ON "BankOidcRecord"("grantId");

-- CreateIndex
CREATE INDEX "BankOidcRecord_uid_idx" ON "BankOidcRecord"("uid");

-- CreateIndex
CREATE INDEX "BankOidcRecord_kind_clientId_idx" ON "BankOidcRecord"("kind", "clientId");

-- CreateIndex
CREATE INDEX "BankOidcRecord_expiresAt_idx" ON "BankOidcRecord"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "BankConsent_grantId_key" ON "BankConsent"("grantId");

