-- CreateEnum
CREATE TYPE "GoLiveStatus" AS ENUM ('pending', 'approved', 'rejected');

-- AlterTable
ALTER TABLE "App" ADD COLUMN     "suspendedAt" TIMESTAMP(3),
ADD COLUMN     "suspendedReason" TEXT;

-- AlterTable
ALTER TABLE "RequestLog" ADD COLUMN     "requestBody" TEXT,
ADD COLUMN     "requestHeaders" JSONB,
ADD COLUMN     "responseBody" TEXT,
ADD COLUMN     "responseHeaders" JSONB,
ADD COLUMN     "route" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "platformAdmin" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "RequestRollup" (
    "appId" TEXT NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "method" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "statusClass" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "latencySumMs" DOUBLE PRECISION NOT NULL,
    "lat0" INTEGER NOT NULL DEFAULT 0,
    "lat1" INTEGER NOT NULL DEFAULT 0,
    "lat2" INTEGER NOT NULL DEFAULT 0,
    "lat3" INTEGER NOT NULL DEFAULT 0,
    "lat4" INTEGER NOT NULL DEFAULT 0,
    "lat5" INTEGER NOT NULL DEFAULT 0,
    "lat6" INTEGER NOT NULL DEFAULT 0,
    "lat7" INTEGER NOT NULL DEFAULT 0,
    "lat8" INTEGER NOT NULL DEFAULT 0,
    "lat9" INTEGER NOT NULL DEFAULT 0,
    "lat10" INTEGER NOT NULL DEFAULT 0,
    "lat11" INTEGER NOT NULL DEFAULT 0,
    "lat12" INTEGER NOT NULL DEFAULT 0,
    "lat13" INTEGER NOT NULL DEFAULT 0,
    "lat14" INTEGER NOT NULL DEFAULT 0,
    "lat15" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RequestRollup_pkey" PRIMARY KEY ("appId","bucket","method","route","statusClass")
);

-- CreateTable
CREATE TABLE "GoLiveRequest" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "status" "GoLiveStatus" NOT NULL DEFAULT 'pending',
    "contactName" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "useCase" TEXT NOT NULL,
    "dataProtection" JSONB NOT NULL,
    "evidence" JSONB NOT NULL,
    "submittedById" TEXT NOT NULL,
    "reviewedById" TEXT,
    "reviewNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "GoLiveRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RequestRollup_bucket_idx" ON "RequestRollup"("bucket");

-- CreateIndex
CREATE INDEX "GoLiveRequest_appId_createdAt_idx" ON "GoLiveRequest"("appId", "createdAt");

-- CreateIndex
CREATE INDEX "GoLiveRequest_status_createdAt_idx" ON "GoLiveRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "RequestLog_appId_status_createdAt_idx" ON "RequestLog"("appId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "RequestLog_appId_apiKeyId_createdAt_idx" ON "RequestLog"("appId", "apiKeyId", "createdAt");

-- CreateIndex
CREATE INDEX "RequestLog_createdAt_idx" ON "RequestLog"("createdAt");

-- AddForeignKey
ALTER TABLE "RequestRollup" ADD CONSTRAINT "RequestRollup_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoLiveRequest" ADD CONSTRAINT "GoLiveRequest_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

