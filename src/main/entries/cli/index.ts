import { cliCommands } from './commands';
import { printError, type CliIo } from './command';

/** `npm run -s cli -- <command> [args]`: dispatch to one support command. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  const command = cliCommands.find((c) => c.name === name);
  if (command === undefined) {
    const known = cliCommands.map((c) => c.usage).join('; ');
    return printError(io, 'UNKNOWN_COMMAND', `Unknown command "${name ?? ''}". Commands: ${known}`);
  }
  return command.run(args, io);
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  },
};

const isEntry = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isEntry) {
  runCli(process.argv.slice(2), processIo).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      printError(processIo, 'INTERNAL', error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
