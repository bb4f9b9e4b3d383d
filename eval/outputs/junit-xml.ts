// JUnit XML for CI test reporters: a <testsuite> per model × agent, a <testcase> per result, fails as
// <failure> and errors as <error>. Every piece of text is escaped: model output is untrusted.
import type { CaseResultRecord } from '../../store/index.js';
import { OUTPUT_MAX_LENGTH } from './constants.js';
import { failureDetails } from './failure-details.js';
import { sortResults } from './result-order.js';
import type { RunReport } from './run-report.js';
import { truncateText } from './truncate-text.js';
import { escapeXml, escapeXmlAttribute } from './xml-escape.js';

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeXmlAttribute(String(value))}"`)
    .join('');
}

function seconds(milliseconds: number): string {
  return (milliseconds / 1000).toFixed(3);
}

/** The JUnit schema's timestamp has no zone or fraction: UTC `2025-11-24T16:00:00`. */
function junitTimestamp(milliseconds: number): string {
  return new Date(milliseconds).toISOString().slice(0, 19);
}

function testCase(result: CaseResultRecord): string {
  const open = `    <testcase${attributes({ classname: `${result.model}.${result.agent}`, name: `${result.caseId} #${result.epoch}`, time: seconds(result.latencyMs) })}`;
  if (result.status === 'pass') return `${open}/>`;
  const details = failureDetails(result);
  const element = result.status === 'fail' ? 'failure' : 'error';
  const type = result.status === 'fail' ? 'fail' : (result.error?.code ?? result.agentStatus);
  const output = result.output ? [`      <system-out>${escapeXml(truncateText(result.output, OUTPUT_MAX_LENGTH))}</system-out>`] : [];
  return [
    `${open}>`,
    `      <${element}${attributes({ message: details.join('; ') || result.status, type })}>${escapeXml(details.join('\n'))}</${element}>`,
    ...output,
    '    </testcase>',
  ].join('\n');
}

function counts(results: readonly CaseResultRecord[]): Record<string, string | number> {
  return {
    tests: results.length,
    failures: results.filter((result) => result.status === 'fail').length,
    errors: results.filter((result) => result.status === 'error').length,
    time: seconds(results.reduce((total, result) => total + result.latencyMs, 0)),
  };
}

export function toJUnitXml(report: RunReport): string {
  const { run } = report;
  const properties = [
    ['run', run.id],
    ['dataset', run.datasetPath],
    ['datasetHash', run.datasetHash],
    ['seed', String(run.config.seed)],
    ...(run.gitCommit ? [['gitCommit', run.gitCommit]] : []),
  ]
    .map(([name, value]) => `      <property${attributes({ name: name!, value: value! })}/>`)
    .join('\n');
  const suites = report.groups.map((group) => {
    const results = sortResults(report.results.filter((result) => result.model === group.model && result.agent === group.agent));
    return [
      `  <testsuite${attributes({ name: `${group.model} · ${group.agent}`, ...counts(results), skipped: 0, timestamp: junitTimestamp(run.startedAt) })}>`,
      '    <properties>',
      properties,
      '    </properties>',
      ...results.map(testCase),
      '  </testsuite>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: `agentlab ${run.id}`, ...counts(report.results) })}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
