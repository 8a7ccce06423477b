-- CreateTable
CREATE TABLE "ReadinessRun" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedBy" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "lockedUntil" TIMESTAMP(3),
    "checks" JSONB NOT NULL,

    CONSTRAINT "ReadinessRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReadinessRun_appId_startedAt_idx" ON "ReadinessRun"("appId", "startedAt");

-- CreateIndex
CREATE INDEX "ReadinessRun_status_idx" ON "ReadinessRun"("status");

-- AddForeignKey
ALTER TABLE "ReadinessRun" ADD CONSTRAINT "ReadinessRun_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

