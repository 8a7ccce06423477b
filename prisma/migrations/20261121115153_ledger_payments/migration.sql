-- CreateTable
CREATE TABLE "BankPosting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reference" TEXT,
    "postedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BankPosting_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BankEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "postingId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BankEntry_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BankEntry_postingId_fkey" FOREIGN KEY ("postingId") REFERENCES "BankPosting" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BankEntry_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "BankAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BankPayment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "debtorAccountId" TEXT NOT NULL,
    "creditorType" TEXT NOT NULL,
    "creditorAccountId" TEXT,
    "creditorName" TEXT,
    "creditorIban" TEXT,
    "creditorSortCode" TEXT,
    "creditorAccountNumber" TEXT,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "reference" TEXT,
    "scheme" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "failureCode" TEXT,
    "failureMessage" TEXT,
    "quoteId" TEXT,
    "creditAmount" BIGINT,
    "creditCurrency" TEXT,
    "fxRate" TEXT,
    "fee" BIGINT,
    "settlesAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "completedAt" DATETIME,
    CONSTRAINT "BankPayment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BankFxQuote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "sellCurrency" TEXT NOT NULL,
    "buyCurrency" TEXT NOT NULL,
    "sellAmount" BIGINT NOT NULL,
    "buyAmount" BIGINT NOT NULL,
    "rate" TEXT NOT NULL,
    "fee" BIGINT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    CONSTRAINT "BankFxQuote_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BankIdempotencyKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "resourceId" TEXT,
    "responseStatus" INTEGER,
    "responseHeaders" TEXT,
    "responseBody" TEXT,
    "lockedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "BankIdempotencyKey_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BankEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "deliveredAt" DATETIME,
    CONSTRAINT "BankEvent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_BankAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "customerId" TEXT,
    "type" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "iban" TEXT,
    "sortCode" TEXT,
    "accountNumber" TEXT,
    "maskedPan" TEXT,
    "bookedBalance" BIGINT NOT NULL,
    "overdraftLimit" BIGINT NOT NULL DEFAULT 0,
    "creditLimit" BIGINT NOT NULL DEFAULT 0,
    "interestRate" TEXT,
    "openedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BankAccount_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BankAccount_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "BankCustomer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_BankAccount" ("accountNumber", "bookedBalance", "createdAt", "creditLimit", "currency", "customerId", "iban", "id", "interestRate", "maskedPan", "name", "openedAt", "overdraftLimit", "sortCode", "status", "tenantId", "type") SELECT "accountNumber", "bookedBalance", "createdAt", "creditLimit", "currency", "customerId", "iban", "id", "interestRate", "maskedPan", "name", "openedAt", "overdraftLimit", "sortCode", "status", "tenantId", "type" FROM "BankAccount";
DROP TABLE "BankAccount";
ALTER TABLE "new_BankAccount" RENAME TO "BankAccount";
CREATE INDEX "BankAccount_tenantId_customerId_idx" ON "BankAccount"("tenantId", "customerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "BankPosting_tenantId_reference_idx" ON "BankPosting"("tenantId", "reference");

-- CreateIndex
CREATE INDEX "BankEntry_postingId_idx" ON "BankEntry"("postingId");

-- CreateIndex
CREATE INDEX "BankEntry_accountId_idx" ON "BankEntry"("accountId");

-- CreateIndex
CREATE INDEX "BankEntry_tenantId_idx" ON "BankEntry"("tenantId");

-- CreateIndex
CREATE INDEX "BankPayment_tenantId_createdAt_id_idx" ON "BankPayment"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "BankPayment_tenantId_status_settlesAt_idx" ON "BankPayment"("tenantId", "status", "settlesAt");

-- CreateIndex
CREATE INDEX "BankFxQuote_tenantId_idx" ON "BankFxQuote"("tenantId");

-- CreateIndex
CREATE INDEX "BankIdempotencyKey_expiresAt_idx" ON "BankIdempotencyKey"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "BankIdempotencyKey_tenantId_key_key" ON "BankIdempotencyKey"("tenantId", "key");

-- CreateIndex
CREATE INDEX "BankEvent_tenantId_createdAt_idx" ON "BankEvent"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "BankEvent_deliveredAt_createdAt_idx" ON "BankEvent"("deliveredAt", "createdAt");

