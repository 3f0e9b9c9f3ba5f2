CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `procedure_documents` (
	`procedure_code` text NOT NULL,
	`position` integer NOT NULL,
	`section` text,
	`name` text NOT NULL,
	`form` text,
	`quantity_text` text NOT NULL,
	`original` integer NOT NULL,
	`copy` integer NOT NULL,
	`kind` text,
	`submit` text NOT NULL,
	PRIMARY KEY(`procedure_code`, `position`),
	FOREIGN KEY (`procedure_code`) REFERENCES `procedures`(`code`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `procedure_legal_bases` (
	`procedure_code` text NOT NULL,
	`position` integer NOT NULL,
	`number` text,
	`title` text NOT NULL,
	PRIMARY KEY(`procedure_code`, `position`),
	FOREIGN KEY (`procedure_code`) REFERENCES `procedures`(`code`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `procedure_methods` (
	`procedure_code` text NOT NULL,
	`position` integer NOT NULL,
	`channel` text NOT NULL,
	`time_text` text NOT NULL,
	`time_value` real,
	`time_unit` text,
	`fee_text` text NOT NULL,
	`fee_amount` real,
	`fee_currency` text,
	`fee_unit` text,
	`fee_status` text NOT NULL,
	`fee_note` text,
	`note` text,
	PRIMARY KEY(`procedure_code`, `position`),
	FOREIGN KEY (`procedure_code`) REFERENCES `procedures`(`code`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `procedure_sources` (
	`procedure_code` text NOT NULL,
	`field` text NOT NULL,
	`chunk` integer NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`procedure_code`, `field`, `chunk`),
	FOREIGN KEY (`procedure_code`) REFERENCES `procedures`(`code`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `procedure_steps` (
	`procedure_code` text NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`procedure_code`, `position`),
	FOREIGN KEY (`procedure_code`) REFERENCES `procedures`(`code`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `procedures` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`field` text,
	`levels` text NOT NULL,
	`levels_text` text,
	`type` text,
	`audience` text,
	`agencies` text,
	`decision` text,
	`conditions` text,
	`result` text,
	`address` text,
	`source_url` text,
	`ministry` text,
	`origin` text DEFAULT 'portal' NOT NULL,
	`ward_code` text,
	`status` text DEFAULT 'active' NOT NULL,
	`import_batch` text,
	`search_key` text NOT NULL,
	`sort_key` text NOT NULL,
	`updated_at` text DEFAULT (datetime('now')) NOT NULL,
	FOREIGN KEY (`ward_code`) REFERENCES `wards`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `procedures_field_idx` ON `procedures` (`field`);--> statement-breakpoint
CREATE INDEX `procedures_sort_idx` ON `procedures` (`sort_key`,`code`);--> statement-breakpoint
CREATE INDEX `procedures_status_idx` ON `procedures` (`status`);--> statement-breakpoint
CREATE TABLE `provinces` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`short_name` text NOT NULL,
	`search_key` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `wards` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`short_name` text NOT NULL,
	`type` text NOT NULL,
	`province_code` text NOT NULL,
	`lat` real,
	`lon` real,
	`admin_center_address` text,
	`merged_from` text,
	`search_key` text NOT NULL,
	FOREIGN KEY (`province_code`) REFERENCES `provinces`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `wards_province_idx` ON `wards` (`province_code`);