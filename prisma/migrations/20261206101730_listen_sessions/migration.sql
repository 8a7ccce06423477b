-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_WebhookEndpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "eventTypes" JSONB NOT NULL DEFAULT [],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "secretCiphertext" TEXT NOT NULL,
    "previousSecretCiphertext" TEXT,
    "previousSecretExpiresAt" DATETIME,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "failingSince" DATETIME,
    "lastSuccessAt" DATETIME,
    "kind" TEXT NOT NULL DEFAULT 'url',
    "listenUserId" TEXT,
    "lastSeenAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WebhookEndpoint_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_WebhookEndpoint" ("appId", "consecutiveFailures", "createdAt", "description", "enabled", "eventTypes", "failingSince", "id", "lastSuccessAt", "previousSecretCiphertext", "previousSecretExpiresAt", "secretCiphertext", "updatedAt", "url") SELECT "appId", "consecutiveFailures", "createdAt", "description", "enabled", "eventTypes", "failingSince", "id", "lastSuccessAt", "previousSecretCiphertext", "previousSecretExpiresAt", "secretCiphertext", "updatedAt", "url" FROM "WebhookEndpoint";
DROP TABLE "WebhookEndpoint";
ALTER TABLE "new_WebhookEndpoint" RENAME TO "WebhookEndpoint";
CREATE INDEX "WebhookEndpoint_appId_createdAt_idx" ON "WebhookEndpoint"("appId", "createdAt");
CREATE UNIQUE INDEX "WebhookEndpoint_appId_listenUserId_key" ON "WebhookEndpoint"("appId", "listenUserId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

