CREATE TABLE `zalo_oa_configs` (
	`oa_id` text PRIMARY KEY NOT NULL,
	`ward_code` text NOT NULL,
	`app_id` text NOT NULL,
	`oa_secret_key` text NOT NULL,
	`app_secret_key` text,
	`access_token` text,
	`access_expires_at` integer,
	`refresh_token` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`oauth_state_hash` text,
	`oauth_verifier` text,
	`oauth_expires_at` integer,
	`oa_name` text,
	`last_error` text,
	`last_test_at` integer,
	`last_test_ok` integer,
	`token_refreshed_at` integer,
	`updated_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`ward_code`) REFERENCES `wards`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `zalo_oa_configs_ward_code_unique` ON `zalo_oa_configs` (`ward_code`);--> statement-breakpoint
CREATE INDEX `zalo_oa_configs_state_idx` ON `zalo_oa_configs` (`oauth_state_hash`);--> statement-breakpoint
CREATE TABLE `zalo_oa_events` (
	`oa_id` text NOT NULL,
	`event_key` text NOT NULL,
	`event_name` text NOT NULL,
	`user_id` text,
	`body` text,
	`status` text DEFAULT 'received' NOT NULL,
	`received_at` integer NOT NULL,
	`processed_at` integer,
	PRIMARY KEY(`oa_id`, `event_key`)
);
--> statement-breakpoint
CREATE INDEX `zalo_oa_events_status_idx` ON `zalo_oa_events` (`status`,`received_at`);--> statement-breakpoint
CREATE TABLE `zalo_oa_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`oa_id` text NOT NULL,
	`user_id` text NOT NULL,
	`direction` text NOT NULL,
	`author` text NOT NULL,
	`kind` text DEFAULT 'text' NOT NULL,
	`text` text NOT NULL,
	`zalo_msg_id` text,
	`conversation_id` text,
	`inbox_message_id` text,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_attempt_at` integer,
	`in_doubt` integer DEFAULT false NOT NULL,
	`reason` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE INDEX `zalo_oa_messages_chat_idx` ON `zalo_oa_messages` (`oa_id`,`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `zalo_oa_messages_outbox_idx` ON `zalo_oa_messages` (`oa_id`,`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `zalo_oa_messages_inbox_idx` ON `zalo_oa_messages` (`inbox_message_id`);--> statement-breakpoint
CREATE TABLE `zalo_oa_users` (
	`oa_id` text NOT NULL,
	`user_id` text NOT NULL,
	`ward_code` text NOT NULL,
	`user_id_by_app` text,
	`citizen_id` text,
	`follows` integer,
	`last_inbound_at` integer,
	`pending` text,
	`turns` text DEFAULT '[]' NOT NULL,
	`last_code` text,
	`conversation_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`oa_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `zalo_oa_users_citizen_idx` ON `zalo_oa_users` (`citizen_id`);--> statement-breakpoint
ALTER TABLE `conversations` ADD `channel` text DEFAULT 'miniapp' NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `oa_id` text;--> statement-breakpoint
ALTER TABLE `conversations` ADD `oa_user_id` text;