-- CreateTable
CREATE TABLE "TppCertificate" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "roles" TEXT NOT NULL,
    "pem" TEXT NOT NULL,
    "notBefore" TIMESTAMP(3) NOT NULL,
    "notAfter" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "TppCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TppCertificate_serialNumber_key" ON "TppCertificate"("serialNumber");

-- CreateIndex
CREATE UNIQUE INDEX "TppCertificate_fingerprint_key" ON "TppCertificate"("fingerprint");

-- CreateIndex
CREATE INDEX "TppCertificate_appId_idx" ON "TppCertificate"("appId");

-- AddForeignKey
ALTER TABLE "TppCertificate" ADD CONSTRAINT "TppCertificate_appId_fkey" FOREIGN KEY ("appId") REFERENCES "OAuthClient"("appId") ON DELETE CASCADE ON UPDATE CASCADE;

