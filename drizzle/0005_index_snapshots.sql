CREATE TABLE `index_snapshots` (
	`part` integer PRIMARY KEY NOT NULL,
	`data` text NOT NULL
);
