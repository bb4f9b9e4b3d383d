// `agentlab approvals list | approve | reject`: the tool calls that waited at an approval gate, and
// deciding them from the command line. A decision goes through the store's one conditional update,
// so of two deciders (this command, the report's page, a waiting terminal) exactly one wins; deciding
// an approval that does not exist, was decided already (by whom and when is said) or whose run has
// ended exits 2 and changes nothing. A run paused at the gate goes on with `agentlab run --resume`;
// a run still waiting for the decision (at a terminal, or --wait-for-approval) goes on by itself.
// The store is a SQLite file or PostgreSQL (`--store postgres://…`, AGENTLAB_STORE_URL).
import { Argument, Command, Option } from 'commander';
import type { ApprovalRecord, ApprovalStatus, StoreBackend } from '../../store/index.js';
import type { CliContext } from '../cli-context.js';
import { CommandGroup } from '../command-group.js';
import { openCommandStore, storeFlag, storeOptionHelp } from '../command-store.js';
import { deciderName } from '../decider-name.js';
import { formatTable } from '../format-table.js';
import { parsePositiveInteger } from '../option-parsers.js';
import { toTerminalLine } from '../terminal-text.js';
import { describeCall, describeDecision } from './run-approval-gate.js';
import { refuse } from './run-resume.js';

interface StoreOptions {
  store?: string;
  json?: boolean;
}

interface ListOptions extends StoreOptions {
  status: ApprovalStatus | 'all';
  run?: string;
  limit: number;
}

interface DecideOptions extends StoreOptions {
  reason?: string;
  by?: string;
}

const examples = `
Examples:
  $ agentlab approvals list
  $ agentlab approvals list --status pending --run 3fa9c21b
  $ agentlab approvals approve bb2ba7c0 --reason "the report is obsolete"
  $ agentlab approvals reject bb2ba7c0 --reason "keep it until the audit" --by ana
  $ agentlab run --resume 3fa9c21b           continue the run once its call is decided
  $ agentlab approvals list --store postgres://ci@db.internal/agentlab   a team's store (or AGENTLAB_STORE_URL)

Ids may be shortened to any unique prefix. Decisions are recorded with who (--by, default the
operating system's user name), when and why, and show on the run's trace when it resumes.
Exit code 2 when the approval does not exist, was already decided, or belongs to a run that has ended.
`;

const shownTextLength = 60;

function shownTime(milliseconds: number | undefined): string {
  return milliseconds === undefined ? '' : new Date(milliseconds).toISOString().slice(0, 16).replace('T', ' ');
}

function formatApprovals(approvals: readonly ApprovalRecord[]): string {
  return formatTable(
    [{ header: 'ID' }, { header: 'STATUS' }, { header: 'RUN' }, { header: 'AGENT' }, { header: 'REQUESTED (UTC)' }, { header: 'DECIDED BY' }, { header: 'CALL' }],
    approvals.map((approval) => [
      approval.id,
      approval.status,
      toTerminalLine(approval.runId, 20),
      toTerminalLine(approval.agent, 20),
      shownTime(approval.requestedAt),
      approval.decidedBy === undefined ? '' : toTerminalLine(approval.decidedBy, 20),
      describeCall(approval.tool, approval.arguments).slice(0, shownTextLength),
    ]),
  );
}

function withStore(command: Command): Command {
  return command.option('--store <path|url>', storeOptionHelp('the runs and approvals are kept in')).option('--json', 'print JSON instead of text');
}

export function createApprovalsCommand(context: CliContext): Command {
  const open = (options: StoreOptions): Promise<StoreBackend> => openCommandStore(options.store, context);

  const list = withStore(
    new Command('list')
      .description('List the calls that asked for approval: pending first, then the newest.')
      .addOption(new Option('--status <status>', 'pending, approved, rejected or all').choices(['pending', 'approved', 'rejected', 'all']).default('all'))
      .option('--run <run-id>', 'only the approvals of this agent run (a unique prefix will do)')
      .addOption(new Option('--limit <count>', 'most rows to show').argParser(parsePositiveInteger).default(50))
      .addHelpText('after', '\nExamples:\n  $ agentlab approvals list --status pending\n  $ agentlab approvals list --run 3fa9c21b --json\n'),
  ).action(async (options: ListOptions) => {
    const store = await open(options);
    try {
      const runId = options.run === undefined ? undefined : await store.agentRuns.resolveId(options.run);
      const approvals = await store.approvals.list({ ...(options.status === 'all' ? {} : { status: options.status }), ...(runId === undefined ? {} : { runId }), limit: options.limit });
      if (options.json) {
        context.writeOut(`${JSON.stringify(approvals, null, 2)}\n`);
        return;
      }
      context.writeOut(approvals.length === 0 ? 'No approvals.\n' : formatApprovals(approvals));
    } finally {
      await store.close();
    }
  });

  const decide = (decision: 'approved' | 'rejected') => async (id: string, options: DecideOptions) => {
    const reason = options.reason?.trim();
    if (decision === 'rejected' && !reason) throw refuse(context.writeError, 'a rejection needs --reason "…": the agent is told it.');
    const store = await open(options);
    try {
      const approval = await store.approvals.decide(await store.approvals.resolveId(id), {
        decision,
        by: options.by?.trim() || deciderName(context.env),
        at: Date.now(),
        ...(reason ? { reason } : {}),
      });
      if (options.json) {
        context.writeOut(`${JSON.stringify(approval, null, 2)}\n`);
        return;
      }
      const run = await store.agentRuns.get(approval.runId);
      const next =
        run?.status === 'awaiting_approval' || run?.status === 'interrupted'
          ? `Run ${approval.runId} goes on by itself if a process is waiting for it; otherwise: agentlab run --resume ${approval.runId}${storeFlag(options.store, store)}\n`
          : '';
      context.writeOut(`Approval ${approval.id} (${describeCall(approval.tool, approval.arguments)}) ${describeDecision(approval)}.\n${next}`);
    } finally {
      await store.close();
    }
  };

  const approve = withStore(
    new Command('approve')
      .description('Let a call that waits for approval run.')
      .addArgument(new Argument('<id>', 'the approval id, from agentlab approvals list (a unique prefix will do)'))
      .option('--reason <text>', 'why, kept with the decision and shown on the trace')
      .option('--by <name>', "who decided (default: the operating system's user name)")
      .addHelpText('after', '\nExamples:\n  $ agentlab approvals approve bb2ba7c0\n  $ agentlab approvals approve bb2 --reason "the report is obsolete" --by ana\n'),
  ).action(decide('approved'));

  const reject = withStore(
    new Command('reject')
      .description('Refuse a call that waits for approval: the agent is told who refused it and why.')
      .addArgument(new Argument('<id>', 'the approval id, from agentlab approvals list (a unique prefix will do)'))
      .requiredOption('--reason <text>', 'why; the agent reads it as the tool result')
      .option('--by <name>', "who decided (default: the operating system's user name)")
      .addHelpText('after', '\nExamples:\n  $ agentlab approvals reject bb2ba7c0 --reason "keep it until the audit"\n'),
  ).action(decide('rejected'));

  return new CommandGroup('approvals')
    .description('Tool calls waiting at an approval gate: list them, approve or reject them.')
    .addHelpText('after', examples)
    .addCommand(list)
    .addCommand(approve)
    .addCommand(reject);
}
