CREATE TABLE `access_log` (
	`id` text PRIMARY KEY NOT NULL,
	`ward_code` text NOT NULL,
	`staff_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`action` text DEFAULT 'read' NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `access_log_ward_idx` ON `access_log` (`ward_code`,`at`);--> statement-breakpoint
CREATE INDEX `access_log_conversation_idx` ON `access_log` (`conversation_id`,`at`);--> statement-breakpoint
CREATE TABLE `ask_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`ward_code` text NOT NULL,
	`question` text NOT NULL,
	`kind` text NOT NULL,
	`top_code` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ask_logs_ward_idx` ON `ask_logs` (`ward_code`,`at`);--> statement-breakpoint
CREATE INDEX `ask_logs_at_idx` ON `ask_logs` (`at`);--> statement-breakpoint
CREATE TABLE `session_versions` (
	`sub` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ward_settings` (
	`ward_code` text PRIMARY KEY NOT NULL,
	`retention_months` integer DEFAULT 12 NOT NULL,
	`improve_assistant` integer DEFAULT false NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`ward_code`) REFERENCES `wards`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `conversations` ADD `client_message_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `conversations_client_id_idx` ON `conversations` (`citizen_id`,`client_message_id`);--> statement-breakpoint
ALTER TABLE `staff_accounts` ADD `link_code_tries` integer DEFAULT 0 NOT NULL;