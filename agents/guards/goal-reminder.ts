// Restates the original goal every few steps, so a long run does not drift from it.
import { restateGoalEvery } from '../constants.js';

export function isReminderDue(step: number, every = restateGoalEvery): boolean {
  return every > 0 && step > 0 && step % every === 0;
}

export function goalReminder(goal: string): string {
  return `Reminder of the original goal: ${goal}`;
}
