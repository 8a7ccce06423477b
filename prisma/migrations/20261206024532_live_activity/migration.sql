-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_BankTenant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "seedVersion" INTEGER NOT NULL,
    "clockOffsetSeconds" INTEGER NOT NULL DEFAULT 0,
    "clockRate" INTEGER NOT NULL DEFAULT 1,
    "clockAnchorAt" DATETIME,
    "liveActivity" BOOLEAN NOT NULL DEFAULT false,
    "activityBookedThrough" DATETIME,
    "seededAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_BankTenant" ("clockOffsetSeconds", "createdAt", "id", "seedVersion", "seededAt") SELECT "clockOffsetSeconds", "createdAt", "id", "seedVersion", "seededAt" FROM "BankTenant";
DROP TABLE "BankTenant";
ALTER TABLE "new_BankTenant" RENAME TO "BankTenant";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

