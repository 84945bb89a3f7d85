/**
 * out/main/cli.js — `follow-studio <command> [flags]`. Each command lives in its own module and is loaded
 * only when asked for, so `serve` starts as fast as before.
 */

import { rendererDirOf } from '../serve/renderer-dir';

type Command = { summary: string; run: (argv: string[]) => Promise<void> };

const COMMANDS: Record<string, Command> = {
  serve: {
    summary: 'the headless studio: three servers, one JSON ready line',
    run: async (argv) => (await import('../serve/run')).runServe(argv, rendererDirOf(import.meta.url)),
  },
  audit: {
    summary: "plays WeChat against your server's URL and reports what breaks, check by check",
    run: async (argv) => (await import('./audit/run')).runAudit(argv),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `Usage: follow-studio <command> [flags]\n\nCommands:\n${lines.join('\n')}\n\n"follow-studio <command> --help" lists a command's flags.\n`;
}

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`follow-studio: unknown command "${name}"\n\n${usage()}`);
    process.exit(2);
  }
  await command.run(rest);
}

void main();
