-- AlterTable
ALTER TABLE "BankCustomer" ADD COLUMN "authScenario" TEXT;

