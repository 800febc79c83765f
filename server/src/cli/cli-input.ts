import type { INestApplicationContext } from '@nestjs/common';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { PasswordPolicyService } from '../auth/password-policy.service';
import { PasswordService } from '../auth/password.service';
import { APP_CONFIG, type AppConfig } from '../config/app.config';

/** What the command line gives after `--name`, if anything. */
export function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/**
 * The password from ADMIN_PASSWORD, or the first line of standard input. On a terminal nothing typed is echoed: the
 * line is read through an output that shows the prompt and then swallows what readline would echo (keys, redraws).
 * Piped input (`echo … | admin:create`) is read as a plain line, with nothing echoed either.
 */
export async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  const tty = !!process.stdin.isTTY;
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: tty });
  // Ctrl+C in raw mode reaches readline, not the process: leave as the shell expects.
  rl.on('SIGINT', () => {
    process.stdout.write('\n');
    process.exit(130);
  });
  try {
    const answer = rl.question('Password: ');
    muted = true;
    return (await answer).trim();
  } finally {
    rl.close();
    if (tty) process.stdout.write('\n');
  }
}

/** The password an administrator's account is given here (readPassword), held to the active policy, as its hash. */
export async function acceptedPasswordHash(app: INestApplicationContext, username: string): Promise<string> {
  const password = await readPassword();
  const weaknesses = app.get(PasswordPolicyService).weaknesses(password, username);
  if (weaknesses.length) throw new Error(`The password is too weak for the ${app.get<AppConfig>(APP_CONFIG).auth.securityProfile} profile: ${weaknesses.join(', ')}`);
  return app.get(PasswordService).hash(password);
}
