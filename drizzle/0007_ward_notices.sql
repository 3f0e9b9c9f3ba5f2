CREATE TABLE `ward_notices` (
	`id` text PRIMARY KEY NOT NULL,
	`ward_code` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`procedure_code` text,
	`pinned` integer DEFAULT false NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer,
	`updated_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`ward_code`) REFERENCES `wards`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`procedure_code`) REFERENCES `procedures`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ward_notices_ward_idx` ON `ward_notices` (`ward_code`,`starts_at`);