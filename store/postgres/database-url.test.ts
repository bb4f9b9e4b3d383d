// Database URLs as messages show them: never a password, whether in the URL's user part or a query parameter.
import { describe, expect, it } from 'vitest';
import { describeDatabaseUrl } from './database-url.js';

describe('describeDatabaseUrl', () => {
  it('keeps the user, host, port and database and drops the password', () => {
    expect(describeDatabaseUrl('postgres://agent:s3cr%40t@db.example:6543/evals')).toBe('postgres://agent@db.example:6543/evals');
    expect(describeDatabaseUrl('postgresql://db.example/evals?sslmode=require&password=hunter2')).toBe('postgresql://db.example:5432/evals?sslmode=require');
  });

  it('fills in the default port and database the pg client would use', () => {
    expect(describeDatabaseUrl('postgres://agent@localhost')).toBe('postgres://agent@localhost:5432/agent');
    expect(describeDatabaseUrl('postgres://127.0.0.1')).toBe('postgres://127.0.0.1:5432/postgres');
  });

  it('still hides the password of a URL that does not parse', () => {
    const shown = describeDatabaseUrl('postgres://agent:hunter2@[bad/evals');
    expect(shown).not.toContain('hunter2');
    expect(shown).toContain('agent@');
  });
});
