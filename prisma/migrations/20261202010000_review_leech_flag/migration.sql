-- AlterTable: remember which grade tagged a card as a leech, so that undoing exactly that grade removes the tag.
ALTER TABLE "ReviewLog" ADD COLUMN "leechTagged" BOOLEAN NOT NULL DEFAULT false;
