-- CreateTable
CREATE TABLE "BankAuthentication" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "flow" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "BankAuthentication_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BankAuthentication_tenantId_reference_idx" ON "BankAuthentication"("tenantId", "reference");

-- AddForeignKey
ALTER TABLE "BankAuthentication" ADD CONSTRAINT "BankAuthentication_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

