-- AlterTable
ALTER TABLE "BankCustomer" ADD COLUMN     "addressLine1" TEXT,
ADD COLUMN     "city" TEXT,
ADD COLUMN     "country" TEXT,
ADD COLUMN     "kycReasons" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "kycStatus" TEXT NOT NULL DEFAULT 'approved',
ADD COLUMN     "nationalId" TEXT,
ADD COLUMN     "postcode" TEXT,
ADD COLUMN     "screening" TEXT,
ALTER COLUMN "persona" DROP NOT NULL,
ALTER COLUMN "username" DROP NOT NULL,
ALTER COLUMN "creditScore" SET DEFAULT 0,
ALTER COLUMN "annualIncome" SET DEFAULT 0;

-- CreateIndex
CREATE INDEX "BankCustomer_tenantId_createdAt_id_idx" ON "BankCustomer"("tenantId", "createdAt", "id");

