-- AlterTable
ALTER TABLE "BankAccount" ALTER COLUMN "customerId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "BankPosting" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reference" TEXT,
    "postedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BankPosting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankEntry" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "postingId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BankEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankPayment" (
    "id" TEXT NOT NULL,
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
    "settlesAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "BankPayment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankFxQuote" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "sellCurrency" TEXT NOT NULL,
    "buyCurrency" TEXT NOT NULL,
    "sellAmount" BIGINT NOT NULL,
    "buyAmount" BIGINT NOT NULL,
    "rate" TEXT NOT NULL,
    "fee" BIGINT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "BankFxQuote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankIdempotencyKey" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "resourceId" TEXT,
    "responseStatus" INTEGER,
    "responseHeaders" TEXT,
    "responseBody" TEXT,
    "lockedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BankIdempotencyKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankEvent" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "BankEvent_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "BankPosting" ADD CONSTRAINT "BankPosting_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankEntry" ADD CONSTRAINT "BankEntry_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankEntry" ADD CONSTRAINT "BankEntry_postingId_fkey" FOREIGN KEY ("postingId") REFERENCES "BankPosting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankEntry" ADD CONSTRAINT "BankEntry_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "BankAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankPayment" ADD CONSTRAINT "BankPayment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankFxQuote" ADD CONSTRAINT "BankFxQuote_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankIdempotencyKey" ADD CONSTRAINT "BankIdempotencyKey_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BankEvent" ADD CONSTRAINT "BankEvent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "BankTenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

