-- CreateTable
CREATE TABLE "BankSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "payload" BLOB NOT NULL,
    "sandboxTime" DATETIME NOT NULL,
    "counts" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "BankSnapshot_tenantId_createdAt_idx" ON "BankSnapshot"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "BankSnapshot_tenantId_name_key" ON "BankSnapshot"("tenantId", "name");

