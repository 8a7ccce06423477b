-- CreateTable
CREATE TABLE "ReadinessRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedBy" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "lockedUntil" DATETIME,
    "checks" JSONB NOT NULL,
    CONSTRAINT "ReadinessRun_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ReadinessRun_appId_startedAt_idx" ON "ReadinessRun"("appId", "startedAt");

-- CreateIndex
CREATE INDEX "ReadinessRun_status_idx" ON "ReadinessRun"("status");

