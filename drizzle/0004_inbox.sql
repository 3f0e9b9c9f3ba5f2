ALTER TABLE `conversations` ADD `subject` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `search_text` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `unread_by_citizen` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `unread_by_staff` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `auto_reply_at` integer;--> statement-breakpoint
ALTER TABLE `conversations` ADD `callback_phone` text;--> statement-breakpoint
ALTER TABLE `conversations` ADD `callback_consent_at` integer;--> statement-breakpoint
CREATE INDEX `conversations_ward_updated_idx` ON `conversations` (`ward_code`,`updated_at`);--> statement-breakpoint
ALTER TABLE `staff_accounts` ADD `zalo_id` text;--> statement-breakpoint
ALTER TABLE `staff_accounts` ADD `link_code_hash` text;--> statement-breakpoint
ALTER TABLE `staff_accounts` ADD `link_code_expires` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `staff_accounts_zalo_id_unique` ON `staff_accounts` (`zalo_id`);