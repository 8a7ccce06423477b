-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_BankCustomer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "persona" TEXT,
    "givenName" TEXT NOT NULL,
    "familyName" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "username" TEXT,
    "dateOfBirth" DATETIME NOT NULL,
    "creditScore" INTEGER NOT NULL DEFAULT 0,
    "annualIncome" BIGINT NOT NULL DEFAULT 0,
    "kind" TEXT NOT NULL DEFAULT 'individual',
    "kycStatus" TEXT NOT NULL DEFAULT 'approved',
    "kycReasons" TEXT NOT NULL DEFAULT '[]',
    "screening" TEXT,
    "addressLine1" TEXT,
    "city" TEXT,
    "postcode" TEXT,
    "country" TEXT,
    "nationalId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BankCustomer_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_BankCustomer" ("annualIncome", "createdAt", "creditScore", "dateOfBirth", "email", "familyName", "givenName", "id", "kind", "persona", "tenantId", "username") SELECT "annualIncome", "createdAt", "creditScore", "dateOfBirth", "email", "familyName", "givenName", "id", "kind", "persona", "tenantId", "username" FROM "BankCustomer";
DROP TABLE "BankCustomer";
ALTER TABLE "new_BankCustomer" RENAME TO "BankCustomer";
CREATE INDEX "BankCustomer_tenantId_createdAt_id_idx" ON "BankCustomer"("tenantId", "createdAt", "id");
CREATE UNIQUE INDEX "BankCustomer_tenantId_persona_key" ON "BankCustomer"("tenantId", "persona");
CREATE UNIQUE INDEX "BankCustomer_tenantId_username_key" ON "BankCustomer"("tenantId", "username");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

