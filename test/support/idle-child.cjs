/* global process, setInterval */
// A child process that only keeps its IPC channel open and says it is there (core-channel.test.ts).
process.on('message', () => undefined);
process.send?.('here');
setInterval(() => undefined, 60_000);
