// The send_email tool: queues a message in the sandbox's outbox file. It never touches the
// network; it is destructive because in a real deployment the message would leave the run.
import { z } from 'zod';
import { OUTBOX_FILE } from '../constants.js';
import { defineTool } from '../define-tool.js';

export const sendEmailTool = defineTool({
  name: 'send_email',
  description: 'Send an email message to one recipient.',
  permission: 'destructive',
  parameters: z.object({
    to: z.email().describe('Recipient address, e.g. "priya@example.com"'),
    subject: z.string().min(1).max(200).describe('Subject line'),
    body: z.string().min(1).describe('Plain-text message body'),
  }),
  async execute({ to, subject, body }, { sandbox, callId }) {
    const line = `${JSON.stringify({ to, subject, body, callId })}\n`;
    await sandbox.appendText(OUTBOX_FILE, line);
    return `Email queued to ${to} with subject "${subject}"`;
  },
});
