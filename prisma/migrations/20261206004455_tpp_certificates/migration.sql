-- CreateTable
CREATE TABLE "TppCertificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appId" TEXT NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "roles" TEXT NOT NULL,
    "pem" TEXT NOT NULL,
    "notBefore" DATETIME NOT NULL,
    "notAfter" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    CONSTRAINT "TppCertificate_appId_fkey" FOREIGN KEY ("appId") REFERENCES "OAuthClient" ("appId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "TppCertificate_serialNumber_key" ON "TppCertificate"("serialNumber");

-- CreateIndex
CREATE UNIQUE INDEX "TppCertificate_fingerprint_key" ON "TppCertificate"("fingerprint");

-- CreateIndex
CREATE INDEX "TppCertificate_appId_idx" ON "TppCertificate"("appId");

