-- AlterTable
ALTER TABLE "BankAccount" ADD COLUMN     "interestPaidTo" TIMESTAMP(3),
ADD COLUMN     "maturesAt" TIMESTAMP(3),
ADD COLUMN     "productId" TEXT;

-- CreateTable
CREATE TABLE "BankLoanApplication" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BankLoanApplication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankLoanOffer" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "apr" TEXT NOT NULL,
    "termMonths" INTEGER NOT NULL,
    "monthlyPayment" BIGINT NOT NULL,
    "totalRepayable" BIGINT NOT NULL,
    "status" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BankLoanOffer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankLoan" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL,
    "paidOffAt" TIMESTAMP(3),

    CONSTRAINT "BankLoan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankLoanInstalment" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "loanId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "amount" BIGINT NOT NULL,
    "principal" BIGINT NOT NULL,
    "interest" BIGINT NOT NULL,
    "status" TEXT NOT NULL,
    "paidAt" TIMESTAMP(3),
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "BankLoanInstalment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankInsuranceQuote" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "product" TEXT NOT NULL,
    "tripType" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "startDate" TIMESTAMP(3) NOT NULL,
    "endDate" TIMESTAMP(3) NOT NULL,
    "travellers" TEXT NOT NULL,
    "coverLevel" TEXT NOT NULL,
    "premium" BIGINT NOT NULL,
    "premiumTax" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "cover" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BankInsuranceQuote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankInsurancePolicy" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "quoteId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "policyNumber" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "premium" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "startDate" TIMESTAMP(3) NOT NULL,
    "endDate" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BankInsurancePolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankRewardRedemption" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BankRewardRedemption_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "BankLoanApplication" ADD CONSTRAINT "BankLoanApplication_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankLoanOffer" ADD CONSTRAINT "BankLoanOffer_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankLoanOffer" ADD CONSTRAINT "BankLoanOffer_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "BankLoanApplication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankLoan" ADD CONSTRAINT "BankLoan_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankLoan" ADD CONSTRAINT "BankLoan_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "BankLoanOffer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankLoan" ADD CONSTRAINT "BankLoan_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "BankAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankLoanInstalment" ADD CONSTRAINT "BankLoanInstalment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankLoanInstalment" ADD CONSTRAINT "BankLoanInstalment_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "BankLoan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankInsuranceQuote" ADD CONSTRAINT "BankInsuranceQuote_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankInsurancePolicy" ADD CONSTRAINT "BankInsurancePolicy_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankInsurancePolicy" ADD CONSTRAINT "BankInsurancePolicy_quoteId_fkey" FOREIGN KEY ("quoteId") REFERENCES "BankInsuranceQuote"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankRewardRedemption" ADD CONSTRAINT "BankRewardRedemption_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankRewardRedemption" ADD CONSTRAINT "BankRewardRedemption_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "BankAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

