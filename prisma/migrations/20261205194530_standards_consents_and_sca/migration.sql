-- AlterTable
ALTER TABLE "BankPayment" ADD COLUMN "consentId" TEXT;
ALTER TABLE "BankPayment" ADD COLUMN "details" TEXT;

-- CreateTable
CREATE TABLE "BankScaAuthorisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "consentId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "scaApproach" TEXT NOT NULL,
    "scaStatus" TEXT NOT NULL,
    "psuId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "BankScaAuthorisation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_BankConsent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "customerId" TEXT,
    "permissions" TEXT NOT NULL,
    "accountIds" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "standard" TEXT NOT NULL DEFAULT 'v1',
    "kind" TEXT NOT NULL DEFAULT 'account_access',
    "details" TEXT,
    "file" TEXT,
    "revokedBy" TEXT,
    "createdAt" DATETIME NOT NULL,
    "statusUpdatedAt" DATETIME,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "grantId" TEXT,
    CONSTRAINT "BankConsent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_BankConsent" ("accountIds", "appId", "createdAt", "customerId", "expiresAt", "grantId", "id", "permissions", "revokedAt", "source", "status", "tenantId") SELECT "accountIds", "appId", "createdAt", "customerId", "expiresAt", "grantId", "id", "permissions", "revokedAt", "source", "status", "tenantId" FROM "BankConsent";
DROP TABLE "BankConsent";
ALTER TABLE "new_BankConsent" RENAME TO "BankConsent";
CREATE UNIQUE INDEX "BankConsent_grantId_key" ON "BankConsent"("grantId");
CREATE INDEX "BankConsent_tenantId_createdAt_id_idx" ON "BankConsent"("tenantId", "createdAt", "id");
CREATE INDEX "BankConsent_tenantId_appId_standard_kind_idx" ON "BankConsent"("tenantId", "appId", "standard", "kind");
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
    "messageSigning" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OAuthClient_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_OAuthClient" ("appId", "authMethod", "clientId", "createdAt", "jwks", "jwksUri", "profile", "secretCreatedAt", "secretHash", "secretPrefix") SELECT "appId", "authMethod", "clientId", "createdAt", "jwks", "jwksUri", "profile", "secretCreatedAt", "secretHash", "secretPrefix" FROM "OAuthClient";
DROP TABLE "OAuthClient";
ALTER TABLE "new_OAuthClient" RENAME TO "OAuthClient";
CREATE UNIQUE INDEX "OAuthClient_clientId_key" ON "OAuthClient"("clientId");
CREATE UNIQUE INDEX "OAuthClient_secretHash_key" ON "OAuthClient"("secretHash");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "BankScaAuthorisation_tenantId_consentId_idx" ON "BankScaAuthorisation"("tenantId", "consentId");

-- CreateIndex
CREATE INDEX "BankPayment_tenantId_consentId_idx" ON "BankPayment"("tenantId", "consentId");

