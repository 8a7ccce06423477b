-- AlterTable
ALTER TABLE "App" ADD COLUMN "suspendedAt" DATETIME;
ALTER TABLE "App" ADD COLUMN "suspendedReason" TEXT;

-- AlterTable
ALTER TABLE "RequestLog" ADD COLUMN "requestBody" TEXT;
ALTER TABLE "RequestLog" ADD COLUMN "requestHeaders" JSONB;
ALTER TABLE "RequestLog" ADD COLUMN "responseBody" TEXT;
ALTER TABLE "RequestLog" ADD COLUMN "responseHeaders" JSONB;
ALTER TABLE "RequestLog" ADD COLUMN "route" TEXT;

-- CreateTable
CREATE TABLE "RequestRollup" (
    "appId" TEXT NOT NULL,
    "bucket" DATETIME NOT NULL,
    "method" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "statusClass" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "latencySumMs" REAL NOT NULL,
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

    PRIMARY KEY ("appId", "bucket", "method", "route", "statusClass"),
    CONSTRAINT "RequestRollup_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GoLiveRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "contactName" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL,
    "useCase" TEXT NOT NULL,
    "dataProtection" JSONB NOT NULL,
    "evidence" JSONB NOT NULL,
    "submittedById" TEXT NOT NULL,
    "reviewedById" TEXT,
    "reviewNote" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    CONSTRAINT "GoLiveRequest_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "platformAdmin" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_User" ("createdAt", "email", "id", "name", "passwordHash") SELECT "createdAt", "email", "id", "name", "passwordHash" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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

