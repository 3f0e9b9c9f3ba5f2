CREATE TABLE `ward_faqs` (
	`id` text PRIMARY KEY NOT NULL,
	`ward_code` text NOT NULL,
	`question` text NOT NULL,
	`answer` text NOT NULL,
	`keywords` text DEFAULT '' NOT NULL,
	`procedure_code` text,
	`published` integer DEFAULT true NOT NULL,
	`updated_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`ward_code`) REFERENCES `wards`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`procedure_code`) REFERENCES `procedures`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ward_faqs_ward_idx` ON `ward_faqs` (`ward_code`,`updated_at`);--> statement-breakpoint
CREATE INDEX `procedures_ward_idx` ON `procedures` (`ward_code`);