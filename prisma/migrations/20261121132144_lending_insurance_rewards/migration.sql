-- AlterTable
ALTER TABLE "BankAccount" ADD COLUMN "interestPaidTo" DATETIME;
ALTER TABLE "BankAccount" ADD COLUMN "maturesAt" DATETIME;
ALTER TABLE "BankAccount" ADD COLUMN "productId" TEXT;

-- CreateTable
CREATE TABLE "BankLoanApplication" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "product" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "termMonths" INTEGER NOT NULL,
    "purpose" TEXT,
    "decision" TEXT NOT NULL,
    "reasons" TEXT NOT NULL DEFAULT '[]',
    "assessment" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "BankLoanApplication_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BankLoanOffer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "apr" TEXT NOT NULL,
    "termMonths" INTEGER NOT NULL,
    "monthlyPayment" BIGINT NOT NULL,
    "totalRepayable" BIGINT NOT NULL,
    "status" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "BankLoanOffer_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BankLoanOffer_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "BankLoanApplication" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BankLoan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "offerId" TEXT,
    "accountId" TEXT NOT NULL,
    "repaymentAccountId" TEXT NOT NULL,
    "principal" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "apr" TEXT NOT NULL,
    "instalmentCount" INTEGER NOT NULL,
    "frequency" TEXT NOT NULL,
    "instalmentAmount" BIGINT NOT NULL,
    "status" TEXT NOT NULL,
    "merchantName" TEXT,
    "description" TEXT,
    "createdAt" DATETIME NOT NULL,
    "paidOffAt" DATETIME,
    CONSTRAINT "BankLoan_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BankLoan_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "BankLoanOffer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BankLoan_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "BankAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BankLoanInstalment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "loanId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "amount" BIGINT NOT NULL,
    "principal" BIGINT NOT NULL,
    "interest" BIGINT NOT NULL,
    "status" TEXT NOT NULL,
    "paidAt" DATETIME,
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "BankLoanInstalment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BankLoanInstalment_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "BankLoan" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BankInsuranceQuote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "product" TEXT NOT NULL,
    "tripType" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "startDate" DATETIME NOT NULL,
    "endDate" DATETIME NOT NULL,
    "travellers" TEXT NOT NULL,
    "coverLevel" TEXT NOT NULL,
    "premium" BIGINT NOT NULL,
    "premiumTax" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "cover" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "BankInsuranceQuote_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BankInsurancePolicy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "quoteId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "policyNumber" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "premium" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "startDate" DATETIME NOT NULL,
    "endDate" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "BankInsurancePolicy_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BankInsurancePolicy_quoteId_fkey" FOREIGN KEY ("quoteId") REFERENCES "BankInsuranceQuote" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BankRewardRedemption" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "BankRewardRedemption_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BankRewardRedemption_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "BankAccount" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "BankLoanApplication_tenantId_createdAt_id_idx" ON "BankLoanApplication"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "BankLoanOffer_applicationId_idx" ON "BankLoanOffer"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "BankLoan_offerId_key" ON "BankLoan"("offerId");

-- CreateIndex
CREATE UNIQUE INDEX "BankLoan_accountId_key" ON "BankLoan"("accountId");

-- CreateIndex
CREATE INDEX "BankLoan_tenantId_createdAt_id_idx" ON "BankLoan"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "BankLoanInstalment_tenantId_status_dueAt_idx" ON "BankLoanInstalment"("tenantId", "status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "BankLoanInstalment_loanId_sequence_key" ON "BankLoanInstalment"("loanId", "sequence");

-- CreateIndex
CREATE INDEX "BankInsuranceQuote_tenantId_createdAt_id_idx" ON "BankInsuranceQuote"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "BankInsurancePolicy_quoteId_key" ON "BankInsurancePolicy"("quoteId");

-- CreateIndex
CREATE INDEX "BankInsurancePolicy_tenantId_createdAt_id_idx" ON "BankInsurancePolicy"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "BankRewardRedemption_accountId_idx" ON "BankRewardRedemption"("accountId");

