-- AlterTable
ALTER TABLE "BankTenant" ADD COLUMN     "activityBookedThrough" TIMESTAMP(3),
ADD COLUMN     "clockAnchorAt" TIMESTAMP(3),
ADD COLUMN     "clockRate" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "liveActivity" BOOLEAN NOT NULL DEFAULT false;

