-- CreateTable
CREATE TABLE "BankCustomCustomer" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BankCustomCustomer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BankCustomCustomer_tenantId_createdAt_idx" ON "BankCustomCustomer"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "BankCustomCustomer_tenantId_handle_key" ON "BankCustomCustomer"("tenantId", "handle");

-- AddForeignKey
ALTER TABLE "BankCustomCustomer" ADD CONSTRAINT "BankCustomCustomer_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

