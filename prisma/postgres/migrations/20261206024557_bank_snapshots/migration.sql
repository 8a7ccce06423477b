-- CreateTable
CREATE TABLE "BankSnapshot" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "payload" BYTEA NOT NULL,
    "sandboxTime" TIMESTAMP(3) NOT NULL,
    "counts" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BankSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BankSnapshot_tenantId_createdAt_idx" ON "BankSnapshot"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "BankSnapshot_tenantId_name_key" ON "BankSnapshot"("tenantId", "name");

