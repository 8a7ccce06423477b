-- AlterTable
ALTER TABLE "BankConsent" ADD COLUMN     "grantId" TEXT;

-- AlterTable
ALTER TABLE "OAuthClient" ADD COLUMN     "authMethod" TEXT NOT NULL DEFAULT 'client_secret_basic',
ADD COLUMN     "jwks" TEXT,
ADD COLUMN     "jwksUri" TEXT,
ADD COLUMN     "profile" TEXT NOT NULL DEFAULT 'basic';

-- CreateTable
CREATE TABLE "BankOidcRecord" (
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "clientId" TEXT,
    "grantId" TEXT,
    "uid" TEXT,
    "userCode" TEXT,
    "expiresAt" TIMESTAMP(3),
    "consumedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BankOidcRecord_pkey" PRIMARY KEY ("key")
);

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

