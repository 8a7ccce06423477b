-- AlterTable
ALTER TABLE "BankConsent" ADD COLUMN     "details" TEXT,
ADD COLUMN     "file" TEXT,
ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'account_access',
ADD COLUMN     "revokedBy" TEXT,
ADD COLUMN     "standard" TEXT NOT NULL DEFAULT 'v1',
ADD COLUMN     "statusUpdatedAt" TIMESTAMP(3),
ALTER COLUMN "customerId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "BankPayment" ADD COLUMN     "consentId" TEXT,
ADD COLUMN     "details" TEXT;

-- AlterTable
ALTER TABLE "OAuthClient" ADD COLUMN     "messageSigning" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "BankScaAuthorisation" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "consentId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "scaApproach" TEXT NOT NULL,
    "scaStatus" TEXT NOT NULL,
    "psuId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BankScaAuthorisation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BankScaAuthorisation_tenantId_consentId_idx" ON "BankScaAuthorisation"("tenantId", "consentId");

-- CreateIndex
CREATE INDEX "BankConsent_tenantId_appId_standard_kind_idx" ON "BankConsent"("tenantId", "appId", "standard", "kind");

-- CreateIndex
CREATE INDEX "BankPayment_tenantId_consentId_idx" ON "BankPayment"("tenantId", "consentId");

-- AddForeignKey
ALTER TABLE "BankScaAuthorisation" ADD CONSTRAINT "BankScaAuthorisation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

