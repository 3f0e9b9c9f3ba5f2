CREATE TABLE `officers` (
	`id` text PRIMARY KEY NOT NULL,
	`ward_code` text NOT NULL,
	`name` text NOT NULL,
	`title` text NOT NULL,
	`fields` text NOT NULL,
	`phone` text,
	`on_duty` integer DEFAULT true NOT NULL,
	`demo` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`ward_code`) REFERENCES `wards`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `officers_ward_idx` ON `officers` (`ward_code`);--> statement-breakpoint
CREATE TABLE `ward_profiles` (
	`ward_code` text PRIMARY KEY NOT NULL,
	`hotline` text,
	`address` text,
	`hours` text NOT NULL,
	`closed_days` text DEFAULT '[]' NOT NULL,
	`updated_at` text DEFAULT (datetime('now')) NOT NULL,
	FOREIGN KEY (`ward_code`) REFERENCES `wards`(`code`) ON UPDATE no action ON DELETE no action
);
