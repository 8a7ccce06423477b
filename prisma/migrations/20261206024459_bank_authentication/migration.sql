-- CreateTable
CREATE TABLE "BankAuthentication" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "flow" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "decidedAt" DATETIME,
    CONSTRAINT "BankAuthentication_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "BankAuthentication_tenantId_reference_idx" ON "BankAuthentication"("tenantId", "reference");

