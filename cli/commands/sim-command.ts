// `agentlab sim`: runs the OpenAI-compatible simulator in the foreground until Ctrl+C.
import { Command, Option } from 'commander';
import { builtInProfiles, DEFAULT_SIM_LATENCY, startSimServer } from '../../models/index.js';
import type { LatencyMode, RunningSimServer, SimProfile } from '../../models/index.js';
import type { CliContext } from '../cli-context.js';
import { DEFAULT_SIM_HOST, DEFAULT_SIM_PORT } from '../constants.js';
import { PortInUseError } from '../errors.js';
import { formatTable } from '../format-table.js';
import { listOf, parseLatency, parsePort, parsePositiveInteger } from '../option-parsers.js';

interface SimCommandOptions {
  port: number;
  host: string;
  profile?: string[];
  latency: LatencyMode;
  rpm?: number;
  tpm?: number;
}

const examples = `
Examples:
  $ agentlab sim                          serve every profile on http://127.0.0.1:${DEFAULT_SIM_PORT}/v1
  $ agentlab sim --port 0                 pick a free port
  $ agentlab sim --profile weak,flaky     serve only these profiles
  $ agentlab sim --latency zero           answer at once (for tests)
  $ agentlab sim --latency 250            take 250 ms over every answer
  $ agentlab sim --rpm 600 --tpm 200000   refuse what goes past 600 requests or 200,000 tokens a minute
                                          per model, with OpenAI's 429 and x-ratelimit-* headers

Point any OpenAI client at it with OPENAI_BASE_URL=<the printed URL> and any OPENAI_API_KEY.
`;

export function createSimCommand(context: CliContext): Command {
  const profileNames = Object.keys(builtInProfiles);
  return new Command('sim')
    .description('Run the simulated OpenAI-compatible model server in the foreground (Ctrl+C stops it).')
    .addOption(
      new Option('-p, --port <port>', 'port to listen on; 0 picks a free one')
        .default(DEFAULT_SIM_PORT)
        .argParser(parsePort),
    )
    .addOption(new Option('--host <address>', 'interface to listen on').default(DEFAULT_SIM_HOST))
    .addOption(
      new Option('--profile <names>', 'serve only these profiles; repeat or comma-separate (default: all)').argParser(
        listOf(profileNames, 'profile'),
      ),
    )
    .addOption(
      new Option('--latency <mode>', 'zero, realistic, fast (realistic ÷ 20), or a fixed number of milliseconds per answer')
        .default(DEFAULT_SIM_LATENCY)
        .argParser(parseLatency),
    )
    .addOption(new Option('--rpm <requests>', 'requests per minute per model; more is refused with 429 as OpenAI does (default: no limit)').argParser(parsePositiveInteger))
    .addOption(new Option('--tpm <tokens>', 'tokens (prompt + completion) per minute per model; more is refused with 429 (default: no limit)').argParser(parsePositiveInteger))
    .addHelpText('after', examples)
    .action(async (options: SimCommandOptions) => {
      const names = options.profile ?? profileNames;
      const profiles = Object.fromEntries(names.map((name) => [name, builtInProfiles[name]!]));
      const server = await listen(options, profiles);
      context.writeOut(describeServer(server, profiles, options));
      const signal = await context.waitForStop();
      const counts = server.rateLimitCounts?.();
      const refusals = counts ? ` Rate limits let in ${counts.admitted} chat completions and refused ${counts.refused} with 429.` : '';
      context.writeOut(`\nReceived ${signal}, stopping the simulator.${refusals}\n`);
      await server.close();
    });
}

async function listen(options: SimCommandOptions, profiles: Record<string, SimProfile>): Promise<RunningSimServer> {
  try {
    const rateLimits = options.rpm !== undefined || options.tpm !== undefined ? { rateLimits: { rpm: options.rpm, tpm: options.tpm } } : {};
    return await startSimServer({ host: options.host, port: options.port, profiles, latency: options.latency, ...rateLimits });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new PortInUseError(options.host, options.port, error);
    }
    throw error;
  }
}

function describeServer(server: RunningSimServer, profiles: Record<string, SimProfile>, options: SimCommandOptions): string {
  const rows = server.profiles.map((name) => [name, profiles[name]?.description ?? '']);
  const exampleModel = server.profiles.includes('oracle') ? 'oracle' : (server.profiles[0] ?? 'oracle');
  const body = JSON.stringify({ model: exampleModel, messages: [{ role: 'user', content: 'Hello!' }] });
  return [
    `agentlab simulator listening at ${server.baseURL}`,
    '',
    formatTable([{ header: 'MODEL' }, { header: 'BEHAVIOUR' }], rows).trimEnd(),
    '',
    'Try it:',
    `  curl -s ${server.baseURL}/chat/completions -H 'Content-Type: application/json' -d '${body}'`,
    '',
    ...(options.rpm !== undefined || options.tpm !== undefined
      ? [`Rate limits per model: ${[options.rpm !== undefined ? `${options.rpm} requests` : '', options.tpm !== undefined ? `${options.tpm} tokens` : ''].filter(Boolean).join(' and ')} a minute (429 past them).`, '']
      : []),
    `Use it from any OpenAI client: OPENAI_BASE_URL=${server.baseURL} OPENAI_API_KEY=sim`,
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}
