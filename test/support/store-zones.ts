/** A typical store zone for each state with a rule pack (the tests' stores; a real store sets its own). */
export const STORE_ZONES: Readonly<Record<string, string>> = {
  CA: 'America/Los_Angeles',
  CO: 'America/Denver',
  MI: 'America/Detroit',
  MA: 'America/New_York',
  IL: 'America/Chicago',
  WA: 'America/Los_Angeles',
  OR: 'America/Los_Angeles',
  NV: 'America/Los_Angeles',
  NY: 'America/New_York',
  AZ: 'America/Phoenix',
  FL: 'America/New_York',
};
