-- AlterTable: the interface and study languages move from browser cookies into the settings row.
ALTER TABLE "Settings" ADD COLUMN "locale" TEXT;
ALTER TABLE "Settings" ADD COLUMN "study" TEXT;
