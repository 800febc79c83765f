import { ConsoleLogger, type LogLevel } from '@nestjs/common';

/**
 * Nest's logger, coloured only on a terminal. Nest colours its lines unless NO_COLOR is set, wherever they go, and a
 * file, journald or `docker logs` then carries the escape codes as text. NO_COLOR still turns colours off anywhere.
 */
export function appLogger(logLevels: LogLevel[]): ConsoleLogger {
  return new ConsoleLogger({ logLevels, colors: !process.env.NO_COLOR && !!process.stdout.isTTY && !!process.stderr.isTTY });
}
