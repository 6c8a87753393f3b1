-- Written by hand: the settings a store's registers share join the read path, so every register prices alike (issue #20).
ALTER PUBLICATION greentill_reads ADD TABLE register_settings;
