CREATE TABLE `procedure_asks` (
	`procedure_code` text NOT NULL,
	`ward_code` text NOT NULL,
	`asks` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`procedure_code`, `ward_code`)
);
--> statement-breakpoint
CREATE TABLE `ward_field_pins` (
	`ward_code` text NOT NULL,
	`field` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`ward_code`, `field`),
	FOREIGN KEY (`ward_code`) REFERENCES `wards`(`code`) ON UPDATE no action ON DELETE no action
);
