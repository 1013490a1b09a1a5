-- AlterTable
ALTER TABLE "timeline_keyframes" ADD COLUMN "base_idx" INTEGER;
