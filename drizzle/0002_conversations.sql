CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`ward_code` text NOT NULL,
	`citizen_id` text NOT NULL,
	`field` text,
	`procedure_code` text,
	`status` text DEFAULT 'open' NOT NULL,
	`assigned_officer_id` text,
	`context` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`first_response_at` integer,
	`rating` integer,
	`rating_comment` text,
	FOREIGN KEY (`ward_code`) REFERENCES `wards`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_officer_id`) REFERENCES `officers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `conversations_ward_idx` ON `conversations` (`ward_code`,`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `conversations_citizen_idx` ON `conversations` (`citizen_id`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`conversation_id` text NOT NULL,
	`author_role` text NOT NULL,
	`author_id` text,
	`kind` text DEFAULT 'message' NOT NULL,
	`text` text NOT NULL,
	`client_message_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `messages_conversation_idx` ON `messages` (`conversation_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `messages_client_id_idx` ON `messages` (`conversation_id`,`client_message_id`);--> statement-breakpoint
CREATE TABLE `staff_accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`salt` text NOT NULL,
	`iterations` integer NOT NULL,
	`role` text NOT NULL,
	`ward_code` text,
	`officer_id` text,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`demo` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`ward_code`) REFERENCES `wards`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`officer_id`) REFERENCES `officers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_accounts_username_unique` ON `staff_accounts` (`username`);