-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'url',
ADD COLUMN     "lastSeenAt" TIMESTAMP(3),
ADD COLUMN     "listenUserId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "WebhookEndpoint_appId_listenUserId_key" ON "WebhookEndpoint"("appId", "listenUserId");

