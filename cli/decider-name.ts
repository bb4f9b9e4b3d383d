// Who a decision typed on this machine is recorded as: the operating system's user name, as the
// approvals and reviews commands default `--by` to and the terminal's y/N answer records.
import os from 'node:os';

export function deciderName(env: Readonly<Record<string, string | undefined>>): string {
  try {
    const name = os.userInfo().username.trim();
    if (name !== '') return name;
  } catch {
    // No passwd entry for this uid (some containers): fall back to the environment.
  }
  return env.USER?.trim() || env.USERNAME?.trim() || 'unknown';
}
