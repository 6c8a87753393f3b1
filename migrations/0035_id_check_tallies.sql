CREATE TABLE `id_check_tallies` (
	`store_id` text NOT NULL,
	`quarter_hour` integer NOT NULL,
	`checks` integer NOT NULL,
	`out_of_state` integer NOT NULL,
	PRIMARY KEY(`store_id`, `quarter_hour`)
);
