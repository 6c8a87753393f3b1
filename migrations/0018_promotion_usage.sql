CREATE TABLE `promotion_usage` (
	`promotion_id` text PRIMARY KEY NOT NULL,
	`sales` integer NOT NULL
);
--> statement-breakpoint
-- Written by hand: the counter starts from what the count over the promoted sale lines answers today, for every promotion with a usage limit.
INSERT INTO `promotion_usage` (`promotion_id`, `sales`)
SELECT d.`promotion_id`, count(DISTINCT d.`sale_id`)
FROM `sale_discounts` d
JOIN `promotions` p ON p.`id` = d.`promotion_id`
WHERE json_extract(p.`definition`, '$.usageLimit') IS NOT NULL
GROUP BY d.`promotion_id`;
